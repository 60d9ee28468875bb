import Foundation
import KeywayTestSupport
import Testing

/// Any replica serves any request: the legs of one authorization reach three different replicas.
@Suite(
    "Replicas: any replica serves any leg", .serialized,
    .enabled(if: PostgresTestDatabase.isConfigured, PostgresTestDatabase.skipReason))
struct ReplicaFlowTests {
    @Test("a session created on replica 1, its browser leg on replica 2 and its callback on replica 3")
    func legsOnThreeReplicas() async throws {
        try await ReplicaSet.run { set in
            let id = try await set.connect(session: 0, connect: 1, callback: 2)
            var tokens: Set<String> = []
            for replica in 0..<3 {
                let identity = try await set.http.get(set.api(replica) + "/services/hubspot/identities/\(id)")
                #expect(identity.status == 200)
                #expect((identity.json["tags"] as? [String: String])?["tenantId"] == "contoso")
                let token = try await set.token(id, on: replica)
                #expect(token.status == 200, "\(token.body)")
                tokens.insert(try #require(token.json["accessToken"] as? String))
            }
            #expect(tokens.count == 1)
            // And the other way round: nothing of a session is held in one replica's memory.
            let second = try await set.connect(tags: ["tenantId": "fabrikam"], session: 2, connect: 0, callback: 1)
            #expect(second != id)
            #expect(set.sandbox.stats().tokenRequests["authorization_code"] == 2)
        }
    }

    @Test("a callback replayed on another replica is refused: the session was used once")
    func replayedCallback() async throws {
        try await ReplicaSet.run { set in
            let body = #"{"tags":{"tenantId":"contoso"},"finishedUrl":"http://127.0.0.1:9/finished"}"#
            let created = try await set.http.post(set.api(0) + "/services/hubspot/sessions", json: body)
            let connectURL = try #require(created.json["url"] as? String)
            let callbackURL = try await Browser(http: set.http).consent(set.rewrite(connectURL, to: 1))
            let first = try await set.http.get(set.rewrite(callbackURL, to: 2), authorized: false)
            #expect(queryItems(try #require(first.location))["identityId"] != nil)
            let replay = try await set.http.get(set.rewrite(callbackURL, to: 0), authorized: false)
            #expect(replay.location.map { queryItems($0)["identityId"] } == nil)
            #expect(set.sandbox.stats().tokenRequests["authorization_code"] == 1)
        }
    }
}
