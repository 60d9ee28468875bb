import Foundation
import KeywayTestSupport
import Testing

/// Listing by tags (AND), paging, tokens by tags, and deletion.
@Suite("Identities")
struct IdentitiesTests {
    @Test("tag filters AND together; token by tags is 404, 200 or 409 ambiguous_identity")
    func tagLookups() async throws {
        try await Harness.run { h in
            let a = try await h.connect(tags: ["tenantId": "contoso", "userId": "u1"])
            let b = try await h.connect(tags: ["tenantId": "contoso", "userId": "u2"])
            let c = try await h.connect(tags: ["tenantId": "fabrikam", "userId": "u1"])

            func ids(_ query: String) async throws -> Set<String> {
                let answer = try await h.http.get("\(h.api)/services/hubspot/identities\(query)")
                #expect(answer.status == 200, "\(answer.body)")
                let items = answer.json["items"] as? [[String: Any]] ?? []
                return Set(items.compactMap { $0["id"] as? String })
            }
            #expect(try await ids("") == [a, b, c])
            #expect(try await ids("?tag=tenantId:contoso") == [a, b])
            #expect(try await ids("?tag=userId:u1") == [a, c])
            #expect(try await ids("?tag=tenantId:contoso&tag=userId:u1") == [a])
            #expect(try await ids("?tenantId=contoso&userId=u2") == [b])
            #expect(try await ids("?tag=tenantId:contoso&tag=userId:u3").isEmpty)

            let one = try await h.http.get("\(h.api)/services/hubspot/token?tag=tenantId:fabrikam")
            #expect(one.json["identityId"] as? String == c)
            let several = try await h.http.get("\(h.api)/services/hubspot/token?tag=tenantId:contoso")
            #expect(several.status == 409)
            #expect(several.errorCode == "ambiguous_identity")
            let none = try await h.http.get("\(h.api)/services/hubspot/token?tag=tenantId:nobody")
            #expect(none.status == 404)
            #expect(none.errorCode == "identity_not_found")
        }
    }

    @Test("pages follow the cursor without gaps or repeats")
    func paging() async throws {
        try await Harness.run { h in
            var connected: Set<String> = []
            for user in 0..<5 { connected.insert(try await h.connect(tags: ["tenantId": "t", "userId": "u\(user)"])) }
            var seen: [String] = []
            var next: String? = nil
            var pages = 0
            repeat {
                let cursor = next.map { "&next=\(HTTP.escape($0))" } ?? ""
                let page = try await h.http.get("\(h.api)/services/hubspot/identities?limit=2\(cursor)")
                #expect(page.status == 200)
                seen += (page.json["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
                next = page.json["next"] as? String
                pages += 1
            } while next != nil && pages < 10
            #expect(pages == 3)
            #expect(seen.count == 5)
            #expect(Set(seen) == connected)
        }
    }

    @Test("delete by id and by tags")
    func deletion() async throws {
        try await Harness.run { h in
            let a = try await h.connect(tags: ["tenantId": "contoso", "userId": "u1"])
            _ = try await h.connect(tags: ["tenantId": "contoso", "userId": "u2"])
            let c = try await h.connect(tags: ["tenantId": "fabrikam", "userId": "u1"])
            #expect(try await h.http.delete("\(h.api)/services/hubspot/identities/\(a)").status == 204)
            #expect(try await h.http.delete("\(h.api)/services/hubspot/identities/\(a)").errorCode == "identity_not_found")
            let byTags = try await h.http.delete("\(h.api)/services/hubspot/identities?tag=tenantId:contoso")
            #expect(byTags.json["deleted"] as? Int == 1)
            #expect(try await h.store.countIdentities(serviceId: "hubspot") == 1)
            #expect(try await h.http.get("\(h.api)/services/hubspot/identities/\(c)").status == 200)
        }
    }
}
