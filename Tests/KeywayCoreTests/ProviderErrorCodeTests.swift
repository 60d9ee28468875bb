import Foundation
import KeywayCore
import Testing

/// Found by the FuzzTokenResponse target: a provider's `"error": ""` gave a refusal without a code.
@Suite("Provider error codes")
struct ProviderErrorCodeTests {
    @Test("an empty error code from a provider becomes provider_error", arguments: [
        #"{"error":""}"#, #"{"error":"","error_description":"x"}"#, #"{"ok":false,"error":""}"#,
    ])
    func emptyCode(body: String) {
        #expect(TokenResponseParser.parseError(Data(body.utf8), status: 400).error == "provider_error")
        let refused = #expect(throws: OAuthProviderError.self) {
            try TokenResponseParser.parse(Data(body.utf8), format: .standard, now: Date())
        }
        #expect(refused?.error == "provider_error")
    }
}
