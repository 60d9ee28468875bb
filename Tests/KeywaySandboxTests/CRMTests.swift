import Foundation
import Hummingbird
import HummingbirdTesting
import KeywaySandbox
import Testing

@Suite("CRM contacts")
struct CRMTests {
    @Test("create, then read by id and by email")
    func createAndGet() async throws {
        try await withSandbox { client, _ in
            let token = try #require(try await client.connect()["access_token"] as? String)
            let created = try await client.postJSON(
                "/crm/v3/objects/contacts",
                #"{"properties":{"email":"Ada@Example.com","firstname":"Ada","age":36,"vip":true}}"#,
                headers: bearer(token)
            )
            #expect(created.status == .created)
            #expect(header("X-HubSpot-RateLimit-Max", created) == "110")
            let body = try json(created)
            let id = try #require(body["id"] as? String)
            let properties = try #require(body["properties"] as? [String: Any])
            #expect(properties["email"] as? String == "ada@example.com")
            #expect(properties["firstname"] as? String == "Ada")
            #expect(properties["age"] as? String == "36")
            #expect(properties["vip"] as? String == "true")
            #expect(properties["hs_object_id"] as? String == id)
            #expect(properties["createdate"] as? String != nil)
            #expect(properties["lastmodifieddate"] as? String != nil)
            #expect(body["archived"] as? Bool == false)
            #expect((body["createdAt"] as? String)?.hasSuffix("Z") == true)
            #expect(body["updatedAt"] as? String != nil)

            let byId = try await client.get("/crm/v3/objects/contacts/\(id)", headers: bearer(token))
            #expect(byId.status == .ok)
            let read = try #require(try json(byId)["properties"] as? [String: Any])
            #expect(read["email"] as? String == "ada@example.com")
            #expect(read["lastname"] is NSNull)
            #expect(read["age"] == nil)
            let withAge = try await client.get(
                "/crm/v3/objects/contacts/\(id)?properties=age,email",
                headers: bearer(token)
            )
            #expect((try json(withAge)["properties"] as? [String: Any])?["age"] as? String == "36")

            let byEmail = try await client.get(
                "/crm/v3/objects/contacts/ADA%40example.com?idProperty=email",
                headers: bearer(token)
            )
            #expect(byEmail.status == .ok)
            #expect(try json(byEmail)["id"] as? String == id)
        }
    }

    @Test("a second contact with the same email is a 409 naming the existing id")
    func duplicate() async throws {
        try await withSandbox { client, _ in
            let token = try #require(try await client.connect()["access_token"] as? String)
            let first = try await client.postJSON(
                "/crm/v3/objects/contacts",
                #"{"properties":{"email":"dup@example.com"}}"#,
                headers: bearer(token)
            )
            let id = try #require(try json(first)["id"] as? String)
            let second = try await client.postJSON(
                "/crm/v3/objects/contacts",
                #"{"properties":{"email":"DUP@example.com","firstname":"Again"}}"#,
                headers: bearer(token)
            )
            #expect(second.status == .conflict)
            let body = try json(second)
            #expect(body["status"] as? String == "error")
            #expect(body["category"] as? String == "CONFLICT")
            #expect(body["message"] as? String == "Contact already exists. Existing ID: \(id)")
        }
    }

    @Test("unknown ids are 404 OBJECT_NOT_FOUND; bad JSON and bad emails are 400 VALIDATION_ERROR")
    func errors() async throws {
        try await withSandbox { client, _ in
            let token = try #require(try await client.connect()["access_token"] as? String)
            let missing = try await client.get("/crm/v3/objects/contacts/999999", headers: bearer(token))
            #expect(missing.status == .notFound)
            #expect(try json(missing)["category"] as? String == "OBJECT_NOT_FOUND")
            let byEmail = try await client.get(
                "/crm/v3/objects/contacts/x%40y.com?idProperty=email",
                headers: bearer(token)
            )
            #expect(byEmail.status == .notFound)
            let invalid = try await client.postJSON("/crm/v3/objects/contacts", "{not json", headers: bearer(token))
            #expect(invalid.status == .badRequest)
            let body = try json(invalid)
            #expect(body["category"] as? String == "VALIDATION_ERROR")
            #expect(body["status"] as? String == "error")
            let badEmail = try await client.postJSON(
                "/crm/v3/objects/contacts",
                #"{"properties":{"email":"not-an-email"}}"#,
                headers: bearer(token)
            )
            #expect(badEmail.status == .badRequest)
            #expect(try json(badEmail)["category"] as? String == "VALIDATION_ERROR")
        }
    }

    @Test("listing pages through the contacts")
    func list() async throws {
        try await withSandbox { client, _ in
            let token = try #require(try await client.connect()["access_token"] as? String)
            for index in 1...3 {
                let response = try await client.postJSON(
                    "/crm/v3/objects/contacts",
                    #"{"properties":{"email":"p\#(index)@example.com"}}"#,
                    headers: bearer(token)
                )
                #expect(response.status == .created)
            }
            let first = try json(try await client.get("/crm/v3/objects/contacts?limit=2", headers: bearer(token)))
            #expect((first["results"] as? [Any])?.count == 2)
            let after = try #require(
                ((first["paging"] as? [String: Any])?["next"] as? [String: Any])?["after"] as? String
            )
            let second = try json(
                try await client.get("/crm/v3/objects/contacts?limit=2&after=\(after)", headers: bearer(token))
            )
            let results = try #require(second["results"] as? [[String: Any]])
            #expect(results.count == 1)
            #expect((results[0]["properties"] as? [String: Any])?["email"] as? String == "p3@example.com")
            #expect(second["paging"] == nil)
        }
    }

    @Test("no token or an unknown one is 401 INVALID_AUTHENTICATION")
    func invalidAuthentication() async throws {
        try await withSandbox { client, _ in
            var correlationIds: Set<String> = []
            for headers in [HTTPFields(), bearer("sbx-at-unknown")] {
                let response = try await client.get("/crm/v3/objects/contacts", headers: headers)
                #expect(response.status == .unauthorized)
                let body = try json(response)
                #expect(body["status"] as? String == "error")
                #expect(body["category"] as? String == "INVALID_AUTHENTICATION")
                correlationIds.insert(try #require(body["correlationId"] as? String))
            }
            #expect(correlationIds.count == 2)
        }
    }

    @Test("an expired access token is 401 EXPIRED_AUTHENTICATION; a refreshed one works again")
    func expiredAuthentication() async throws {
        try await withSandbox { client, _ in
            // A token of the default lifetime works; lifetimes change at runtime, so that only the token meant
            // to expire is short-lived, however slowly a loaded machine runs this.
            let valid = try #require(try await client.connect()["access_token"] as? String)
            #expect(try await client.get("/crm/v3/objects/contacts", headers: bearer(valid)).status == .ok)
            #expect(try await client.postJSON("/_config", #"{"tokenLifetimeSeconds":1}"#).status == .ok)
            let tokens = try await client.connect()
            #expect(tokens["expires_in"] as? Int == 1)
            let token = try #require(tokens["access_token"] as? String)
            try await Task.sleep(for: .milliseconds(1300))
            let expired = try await client.get("/crm/v3/objects/contacts", headers: bearer(token))
            #expect(expired.status == .unauthorized)
            let body = try json(expired)
            #expect(body["category"] as? String == "EXPIRED_AUTHENTICATION")
            #expect((body["message"] as? String)?.hasPrefix("The OAuth token used to make this call expired") == true)
            #expect(try await client.get("/oauth/v1/access-tokens/\(token)").status == .notFound)
            #expect(try await client.postJSON("/_config", #"{"tokenLifetimeSeconds":1800}"#).status == .ok)
            let refreshed = try json(try await client.refresh(try #require(tokens["refresh_token"] as? String)))
            let fresh = try #require(refreshed["access_token"] as? String)
            #expect(try await client.get("/crm/v3/objects/contacts", headers: bearer(fresh)).status == .ok)
        }
    }
}
