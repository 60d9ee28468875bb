import Foundation
import KeywayCore
import Testing

/// The pure parts of the connect page's credential form: its fields per mode and its CSRF token.
@Suite("Credential form")
struct CredentialFormTests {
    @Test("each mode's fields are the credentials' names; secrets are marked; the code flow has none")
    func fields() {
        #expect(CredentialForm.fields(for: .apiKey).map(\.name) == ["apiKey"])
        #expect(CredentialForm.fields(for: .basic).map { "\($0.name):\($0.secret)" } == ["username:false", "password:true"])
        #expect(CredentialForm.fields(for: .oauth2ClientCredentials).map(\.name) == ["clientId", "clientSecret"])
        #expect(CredentialForm.fields(for: .oauth2).isEmpty)
    }

    @Test("the form token belongs to one binding token: another binding, a changed or missing token does not match")
    func formToken() {
        let binding = BrowserBinding.makeToken()
        let token = BrowserBinding.formToken(for: binding)
        #expect(token.count == 64 && token != BrowserBinding.hash(binding))
        #expect(BrowserBinding.formTokenMatches(token, bindingToken: binding))
        #expect(!BrowserBinding.formTokenMatches(token, bindingToken: BrowserBinding.makeToken()))
        #expect(!BrowserBinding.formTokenMatches(String(token.dropLast()) + (token.hasSuffix("0") ? "1" : "0"), bindingToken: binding))
        #expect(!BrowserBinding.formTokenMatches(nil, bindingToken: binding))
        #expect(!BrowserBinding.formTokenMatches(token, bindingToken: nil))
        #expect(!BrowserBinding.formTokenMatches("", bindingToken: binding))
    }

    @Test("a Basic username is read back from the stored credential (it fills {username} in a verification path)")
    func basicUsername() {
        #expect(Credentials.basic(username: "AC123", password: "p:w").basicUsername == "AC123")
        #expect(Credentials.apiKey("k").basicUsername == nil)
    }
}
