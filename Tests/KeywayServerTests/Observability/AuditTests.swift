import Foundation
import KeywayCore
import KeywayTestSupport
import Testing

/// The audit log over real HTTP: who read which token, proxy calls, filters, paging, retention, no secrets.
@Suite("Audit")
struct AuditTests {
    func entries(_ h: Harness, _ query: String = "") async throws -> (items: [[String: Any]], next: String?) {
        let answer = try await h.http.get("\(h.api)/audit\(query)")
        #expect(answer.status == 200, "\(answer.body)")
        return (answer.json["items"] as? [[String: Any]] ?? [], answer.json["next"] as? String)
    }

    @Test("shows which key read which identity's token, and proxy calls with a path template and upstream status")
    func whoReadWhat() async throws {
        try await Harness.run { h in
            let first = try await h.connect(tags: ["tenantId": "contoso", "userId": "u1"])
            let second = try await h.connect(tags: ["tenantId": "fabrikam", "userId": "u2"])
            let reader = try await h.keyway.createAPIKey(name: "reader", scopes: KeyScopes([.tokensRead]))
            var asReader = h.http
            asReader.apiKey = reader.key
            #expect(try await asReader.get("\(h.api)/services/hubspot/identities/\(first)/token").status == 200)
            #expect(try await h.http.get("\(h.api)/services/hubspot/token?tag=tenantId:fabrikam").status == 200)
            let proxied = try await h.http.get(
                "\(h.api)/proxy/hubspot/crm/v3/objects/contacts/reader%40example.com?idProperty=email",
                headers: [("Keyway-Identity", second)])
            #expect(proxied.status == 404, "\(proxied.body)")
            #expect(try await h.http.get("\(h.api)/services/hubspot/identities").status == 200)

            let all = try await entries(h).items
            #expect(all.count == 3, "\(all)")
            let proxy = try #require(all.first)
            #expect(proxy["action"] as? String == "proxy.call")
            #expect(proxy["identityId"] as? String == second)
            #expect(proxy["method"] as? String == "GET")
            #expect(proxy["path"] as? String == "/crm/…")
            #expect(proxy["upstreamStatus"] as? Int == 404)
            let byTags = all[1]
            #expect(byTags["action"] as? String == "token.read")
            #expect(byTags["identityId"] as? String == second)
            #expect(byTags["apiKeyId"] as? String != reader.record.id)
            let read = all[2]
            #expect(read["action"] as? String == "token.read")
            #expect(read["identityId"] as? String == first)
            #expect(read["serviceId"] as? String == "hubspot")
            #expect(read["apiKeyId"] as? String == reader.record.id)
            #expect(read["apiKeyScopes"] as? [String] == ["tokens:read"])
            #expect(byTags["apiKeyScopes"] as? [String] == ["admin"])
            #expect(read["outcome"] as? String == "success")
            #expect(read["status"] as? Int == 200)
            #expect((read["time"] as? String)?.isEmpty == false)

            let filtered = try await entries(h, "?identityId=\(first)").items
            #expect(filtered.map { $0["identityId"] as? String } == [first])
            #expect(try await entries(h, "?apiKeyId=\(reader.record.id)").items.count == 1)
            #expect(try await entries(h, "?serviceId=nothing").items.isEmpty)

            // No token, tag value, query or e-mail address in the log.
            let raw = try await h.http.get("\(h.api)/audit").body
            let token = try await h.http.get("\(h.api)/services/hubspot/identities/\(first)/token").json["accessToken"]
            for secret in [try #require(token as? String), "fabrikam", "contoso", "reader%40example.com", "reader@", "idProperty", reader.key] {
                #expect(!raw.contains(secret), "the audit log holds \(secret)")
            }
        }
    }

    @Test("records failures, deletions, service changes and key creation and deletion")
    func changesAndFailures() async throws {
        try await Harness.run { h in
            let identity = try await h.connect()
            #expect(try await h.http.get("\(h.api)/services/hubspot/identities/idn_nope/token").status == 404)
            #expect(try await h.http.delete("\(h.api)/services/hubspot/identities/\(identity)").status == 204)
            let created = try await h.http.post("\(h.api)/keys", json: #"{"name":"ci"}"#)
            #expect(created.status == 201, "\(created.body)")
            let keyId = try #require(created.json["id"] as? String)
            #expect(try await h.http.delete("\(h.api)/keys/\(keyId)").status == 204)
            let actions = try await entries(h).items.map { "\($0["action"] as? String ?? "?") \($0["status"] as? Int ?? 0)" }
            #expect(actions == ["key.delete 204", "key.create 201", "identity.delete 204", "token.read 404"])
            let deletion = try await entries(h, "?limit=1").items.first
            #expect(deletion?["target"] as? String == keyId)
            let creation = try await entries(h, "?limit=2").items.last
            #expect(creation?["action"] as? String == "key.create")
            #expect(creation?["target"] as? String == keyId)
        }
    }

    @Test("pages newest first without gaps; since filters; bad parameters get 400")
    func pagingAndFilters() async throws {
        try await Harness.run { h in
            let identity = try await h.connect()
            for _ in 0..<5 {
                #expect(try await h.http.get("\(h.api)/services/hubspot/identities/\(identity)/token").status == 200)
            }
            var seen: [String] = []
            var next: String?
            var pages = 0
            repeat {
                let page = try await entries(h, "?limit=2" + (next.map { "&cursor=\(HTTP.escape($0))" } ?? ""))
                seen += page.items.compactMap { $0["id"] as? String }
                next = page.next
                pages += 1
            } while next != nil && pages < 10
            #expect(pages == 3)
            #expect(seen.count == 5 && Set(seen).count == 5)
            let times = try await entries(h).items.compactMap { $0["time"] as? String }
            #expect(times == times.sorted(by: >))

            let future = Date().addingTimeInterval(86_400).rfc3339
            #expect(try await entries(h, "?since=\(HTTP.escape(future))").items.isEmpty)
            #expect(try await entries(h, "?since=2000-01-01T00:00:00Z").items.count == 5)
            #expect(try await h.http.get("\(h.api)/audit?limit=0").errorCode == "invalid_limit")
            #expect(try await h.http.get("\(h.api)/audit?since=yesterday").errorCode == "invalid_since")
            #expect(try await h.http.get("\(h.api)/audit?cursor=nonsense").errorCode == "invalid_cursor")
            #expect(try await h.http.get("\(h.api)/audit", authorized: false).status == 401)
        }
    }

    @Test("entries older than the retention are pruned")
    func retention() async throws {
        try await Harness.run { h in
            let identity = try await h.connect()
            #expect(try await h.http.get("\(h.api)/services/hubspot/identities/\(identity)/token").status == 200)
            #expect(try await entries(h).items.count == 1)
            h.clock.advance(by: 89 * 86_400)
            #expect(try await h.audit.prune() == 0)
            #expect(try await h.http.get("\(h.api)/services/hubspot/identities/\(identity)/token").status == 200)
            h.clock.advance(by: 2 * 86_400)
            #expect(try await h.audit.prune() == 1)
            let left = try await entries(h).items
            #expect(left.count == 1)
        }
    }

    @Test("entries are written by the background flush, without a reader asking, within the flush interval (1 s)")
    func backgroundFlush() async throws {
        try await Harness.run { h in
            let identity = try await h.connect()
            #expect(try await h.http.get("\(h.api)/services/hubspot/identities/\(identity)/token").status == 200)
            let answered = ContinuousClock.now
            var stored = 0
            for _ in 0..<50 where stored == 0 {
                try await Task.sleep(for: .milliseconds(50))
                stored = try await h.store.auditEntries(AuditQuery(identityId: identity)).items.count
            }
            #expect(stored == 1)
            // The stated bound is the flush interval; a second more allows for a loaded machine.
            #expect(ContinuousClock.now - answered < .seconds(2), "visible in the store only after \(ContinuousClock.now - answered)")
        }
    }
}
