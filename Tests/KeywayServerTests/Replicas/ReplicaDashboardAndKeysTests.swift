import Foundation
import KeywayTestSupport
import Testing

/// Sign-out and key deletion reach every replica.
@Suite(
    "Replicas: sign-out and deleted keys", .serialized,
    .enabled(if: PostgresTestDatabase.isConfigured, PostgresTestDatabase.skipReason))
struct ReplicaDashboardAndKeysTests {
    @Test("a key deleted on one replica stops working on another within 2 s")
    func deletedKeyBound() async throws {
        try await ReplicaSet.run(count: 2) { set in
            let created = try await set.http.post(set.api(0) + "/keys", json: #"{"name":"short-lived"}"#)
            let key = try #require(created.json["key"] as? String)
            let id = try #require(created.json["id"] as? String)
            let other = HTTP(client: set.http.client, apiKey: key)
            #expect(try await other.get(set.api(1) + "/services").status == 200)  // now remembered on replica 1
            #expect(try await set.http.delete(set.api(0) + "/keys/\(id)").status == 204)
            let deleted = ContinuousClock.now
            var stopped: Duration?
            while ContinuousClock.now - deleted < .seconds(8) {
                if try await other.get(set.api(1) + "/services").status == 401 {
                    stopped = ContinuousClock.now - deleted
                    break
                }
                try await Task.sleep(for: .milliseconds(50))
            }
            let elapsed = try #require(stopped, "the deleted key kept working on replica 1")
            #expect(elapsed < .milliseconds(2500), "stopped after \(elapsed)")
        }
    }

    @Test("after sign-out on one replica the old cookie no longer works on another")
    func signOutEveryReplica() async throws {
        try await ReplicaSet.run(count: 2) { set in
            let origin = [("Origin", set.publicURL)]
            let apiKey = try #require(set.http.apiKey)
            let login = try await set.http.send(
                .POST, set.replicas[0].url + "/dashboard/login", body: "apiKey=\(HTTP.escape(apiKey))", headers: origin,
                contentType: "application/x-www-form-urlencoded", authorized: false)
            #expect(login.status == 303, "\(login.body)")
            let cookie = try #require(login.headers.first(name: "set-cookie")?.split(separator: ";").first.map(String.init))
            func signedIn(_ replica: Int) async throws -> Bool {
                let page = try await set.http.get(
                    set.replicas[replica].url + "/dashboard", headers: [("Cookie", cookie)], authorized: false)
                return page.body.contains("/dashboard/services/hubspot")
            }
            #expect(try await signedIn(1), "a pass made on replica 0 opens replica 1")
            let home = try await set.http.get(
                set.replicas[0].url + "/dashboard", headers: [("Cookie", cookie)], authorized: false)
            let csrf = try #require(DashboardSignIn.formToken(in: home.body))
            let logout = try await set.http.send(
                .POST, set.replicas[0].url + "/dashboard/logout", body: "csrf=\(csrf)", headers: origin + [("Cookie", cookie)],
                contentType: "application/x-www-form-urlencoded", authorized: false)
            #expect(logout.status == 303)
            #expect(try await !signedIn(1))
            #expect(try await !signedIn(0))
        }
    }
}
