import Foundation
import HTTPTypes
import KeywaySandbox
import Testing

/// The generic sandbox's hostile delivery modes: answers that trickle or are huge, switchable at runtime.
@Suite("Generic sandbox: delivery")
struct GenericDeliveryTests {
    @Test("a trickled token answer arrives whole, piece by piece, with its Content-Length")
    func trickle() async throws {
        try await withGeneric(.init(delivery: .trickle(bytes: 32, every: .milliseconds(20)))) { client, sandbox in
            let started = ContinuousClock.now
            let answer = try await client.connect()
            let elapsed = ContinuousClock.now - started
            #expect(answer["access_token"] is String)
            let sent = sandbox.deliveryStats().bytesSent
            // The code exchange's answer, at 32 bytes per 20 ms, takes at least one pause per further piece.
            #expect(elapsed >= .milliseconds(20 * ((sent + 31) / 32 - 1)), "\(sent) bytes in \(elapsed)")
            #expect(sandbox.deliveryStats().abandoned == 0)
        }
    }

    @Test("a huge token answer is valid JSON with the padding in front, streamed without a Content-Length")
    func huge() async throws {
        let size = 2 << 20
        try await withGeneric(.init(delivery: .huge(bytes: size))) { client, sandbox in
            let code = try #require(try await client.authorize()["code"])
            let response = try await client.exchange(code)
            #expect(response.status == .ok)
            #expect(response.headers[.contentLength] == nil)
            let answer = try json(response)
            #expect((answer["padding"] as? String)?.count == size)
            #expect(answer["access_token"] is String)
            #expect(sandbox.deliveryStats().bytesSent > size)
        }
    }

    @Test("the delivery mode changes at runtime: a normal exchange, then a trickled refresh")
    func switchAtRuntime() async throws {
        try await withGeneric { client, sandbox in
            #expect(sandbox.delivery == .immediate)
            let first = try await client.connect()
            #expect(sandbox.deliveryStats().bytesSent == 0, "immediate answers are not counted")
            sandbox.setDelivery(.trickle(bytes: 64, every: .milliseconds(10)))
            let refreshed = try await client.refresh(try #require(first["refresh_token"] as? String))
            #expect(refreshed.status == .ok)
            #expect(try json(refreshed)["access_token"] is String)
            #expect(sandbox.deliveryStats().bytesSent > 0)
        }
    }
}
