import Foundation
import KeywayCore
import KeywayTestSupport
import Testing

/// The callback's query is decoded strictly (``CallbackQuery``): a parameter given twice is refused before any
/// session is spent, over real HTTP.
@Suite("Callback query")
struct CallbackQueryTests {
    @Test("a second code, or a second state (even spelled st%61te), is refused with nothing spent or stored")
    func duplicatesRefused() async throws {
        try await Harness.run { h in
            let callback = try await h.consent(try await h.createSession())
            let other = try await h.consent(try await h.createSession(tags: ["tenantId": "mallory"]))
            let otherState = try #require(queryItems(other)["state"])
            for tampered in [
                callback + "&code=injected-code", callback + "&state=\(otherState)",
                callback + "&st%61te=\(otherState)", callback + "&iss=https%3A%2F%2Fevil.example&iss=x",
            ] {
                let answer = try await h.http.get(tampered, authorized: false)
                #expect(answer.status == 400, "\(tampered)")
                #expect(answer.body.contains("invalid_callback"), "\(answer.body)")
            }
            #expect(h.sandbox.stats().tokenRequests["authorization_code"] == 0)
            #expect(try await h.store.countIdentities(serviceId: "hubspot") == 0)

            // Neither session was spent by the refusals: the genuine callbacks still complete.
            let finished = try await h.http.get(callback, authorized: false)
            #expect(finished.status == 302)
            #expect(queryItems(finished.location ?? "")["tenantId"] == "contoso")
            let otherFinished = try await h.http.get(other, authorized: false)
            #expect(queryItems(otherFinished.location ?? "")["tenantId"] == "mallory")
            #expect(try await h.store.countIdentities(serviceId: "hubspot") == 2)
        }
    }

    // (Malformed percent-encoding is covered by the parser's tests: the test client re-encodes a stray '%'.)
    @Test("an oversized or malformed callback query gets an error page and reaches no provider")
    func malformedRefused() async throws {
        try await Harness.run { h in
            let callback = try await h.consent(try await h.createSession())
            for tampered in [
                callback + "&pad=" + String(repeating: "a", count: CallbackQuery.maximumLength),
                callback + "&note=%0D%0ASet-Cookie:%20x", callback + "&error=access_denied&error=",
            ] {
                let answer = try await h.http.get(tampered, authorized: false)
                #expect(answer.status == 400, "\(tampered.suffix(60)): \(answer.body.prefix(200))")
                #expect(answer.body.contains("invalid_callback"))
            }
            #expect(h.sandbox.stats().tokenRequests["authorization_code"] == 0)
            let finished = try await h.http.get(callback, authorized: false)
            #expect(queryItems(finished.location ?? "")["identityId"] != nil)
        }
    }
}
