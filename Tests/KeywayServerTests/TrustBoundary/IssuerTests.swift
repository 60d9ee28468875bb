import Foundation
import KeywaySandbox
import KeywayTestSupport
import Testing

/// RFC 9207 over real HTTP: a service that records its provider's issuer accepts only answers naming it.
@Suite("Issuer identification")
struct IssuerTests {
    static let issuer = "https://issuer.example/oauth"

    /// Three generic sandboxes: one naming the recorded issuer, one naming another, one naming none; each behind
    /// a service that records ``issuer``.
    static func run(_ body: @escaping @Sendable (Harness, [String: SandboxGeneric]) async throws -> Void) async throws {
        let sandboxes = [
            "right": SandboxGeneric(options: .init(issuer: SandboxIssuer(Self.issuer))),
            "wrong": SandboxGeneric(options: .init(issuer: .foreign)),
            "silent": SandboxGeneric(options: .init()),
        ]
        try await Harness.run(generic: sandboxes) { h in
            for name in sandboxes.keys {
                try await h.pointService(name, provider: "custom", at: name, scopes: ["read"], extra: ["issuer": Self.issuer])
            }
            try await body(h, sandboxes)
        }
    }

    @Test("the recorded issuer completes; the service shows it")
    func rightIssuer() async throws {
        try await Self.run { h, _ in
            let finished = try await h.walk(try await h.createSession(service: "right"))
            #expect(queryItems(finished)["identityId"] != nil, "\(finished)")
            let service = try await h.http.get("\(h.api)/services/right")
            #expect(service.json["issuer"] as? String == Self.issuer)
        }
    }

    @Test("another issuer's answer is refused with issuer_mismatch: no token request, nothing stored")
    func wrongIssuer() async throws {
        try await Self.run { h, sandboxes in
            let finished = try await h.walk(try await h.createSession(service: "wrong"))
            #expect(queryItems(finished)["error"] == "issuer_mismatch", "\(finished)")
            #expect(sandboxes["wrong"]?.stats().tokenRequests["authorization_code"] == 0)
            #expect(try await h.store.countIdentities(serviceId: "wrong") == 0)
            // Also on an error answer: the provider's error is not trusted from another issuer either.
            let denied = try await h.walk(try await h.createSession(service: "wrong"), decision: "deny")
            #expect(queryItems(denied)["error"] == "issuer_mismatch", "\(denied)")
        }
    }

    @Test("an answer without iss, from a provider recorded to send it, is refused with issuer_missing")
    func missingIssuer() async throws {
        try await Self.run { h, sandboxes in
            let finished = try await h.walk(try await h.createSession(service: "silent"))
            #expect(queryItems(finished)["error"] == "issuer_missing", "\(finished)")
            #expect(sandboxes["silent"]?.stats().tokenRequests["authorization_code"] == 0)
            #expect(try await h.store.countIdentities(serviceId: "silent") == 0)
        }
    }

    @Test("without a recorded issuer, an iss is ignored (RFC 9207 §2.4) and the flow completes")
    func unrecordedIssuer() async throws {
        try await Self.run { h, _ in
            try await h.pointService("wrong", provider: "custom", at: "wrong", scopes: ["read"], extra: ["issuer": ""])
            let finished = try await h.walk(try await h.createSession(service: "wrong"))
            #expect(queryItems(finished)["identityId"] != nil, "\(finished)")
        }
    }
}
