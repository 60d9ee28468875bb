import Foundation
import Hummingbird

/// A CRM object as HubSpot's v3 API returns it.
struct CRMObjectBody: Encodable, Sendable {
    var id: String
    var properties: [String: String?]
    var createdAt: String
    var updatedAt: String
    var archived = false

    init(_ contact: ContactRecord, properties: [String: String?]) {
        self.id = String(contact.id)
        self.properties = properties
        self.createdAt = Timestamps.iso8601(contact.createdAt)
        self.updatedAt = Timestamps.iso8601(contact.updatedAt)
    }
}

/// `{"results":[…],"paging":{"next":{"after":…,"link":…}}}`.
struct CRMPageBody: Encodable, Sendable {
    struct Next: Encodable, Sendable {
        var after: String
        var link: String
    }
    struct Paging: Encodable, Sendable {
        var next: Next
    }
    var results: [CRMObjectBody]
    var paging: Paging?
}

/// The body of `POST /crm/v3/objects/contacts`: `{"properties":{…}}`, values as strings, numbers or booleans.
struct ContactInput: Decodable {
    enum Value: Decodable {
        case text(String)
        case null

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                self = .null
            } else if let bool = try? container.decode(Bool.self) {
                self = .text(bool ? "true" : "false")
            } else if let int = try? container.decode(Int.self) {
                self = .text(String(int))
            } else if let double = try? container.decode(Double.self) {
                self = .text(String(double))
            } else {
                self = .text(try container.decode(String.self))
            }
        }
    }
    var properties: [String: Value]
}

/// The outcome of storing a new contact.
enum ContactCreation: Sendable {
    case created(ContactRecord)
    case duplicate(existingId: Int)
}

extension SandboxHubSpot {
    /// The properties a read returns when the caller names none.
    static let defaultContactProperties = [
        "createdate", "email", "firstname", "hs_object_id", "lastmodifieddate", "lastname",
    ]

    func addCRMRoutes<Context: RequestContext>(to group: RouterGroup<Context>) {
        group.post("crm/v3/objects/contacts") { request, _ in
            try await self.guarded(request) { installation in try await self.createContact(request, installation) }
        }
        group.get("crm/v3/objects/contacts") { request, _ in
            try await self.guarded(request) { installation in self.listContacts(request, installation) }
        }
        group.get("crm/v3/objects/contacts/:id") { request, context in
            let id = HTTP.pathParameter("id", context)
            return try await self.guarded(request) { installation in self.getContact(id, request, installation) }
        }
    }

    /// Runs `route` behind the API gate and adds the rate-limit headers to its response.
    func guarded(
        _ request: Request,
        _ route: (Installation) async throws -> Response
    ) async throws -> Response {
        switch gate(request) {
        case .failure(let refusal):
            return refusal.response
        case .success(let (installation, rateHeaders)):
            var response = try await route(installation)
            response.headers.append(contentsOf: rateHeaders)
            return response
        }
    }

    func createContact(_ request: Request, _ installation: Installation) async throws -> Response {
        let text = try await HTTP.bodyText(of: request)
        let input: ContactInput
        do {
            input = try JSONDecoder().decode(ContactInput.self, from: Data(text.utf8))
        } catch {
            return validationError("Invalid input JSON: \(Self.describe(error))")
        }
        var properties: [String: String] = [:]
        for (name, value) in input.properties where !name.isEmpty {
            if case .text(let text) = value { properties[name] = text }
        }
        if let email = properties["email"] {
            let normalized = email.trimmingCharacters(in: .whitespaces).lowercased()
            let parts = normalized.split(separator: "@", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, parts[1].contains(".") else {
                return validationError(
                    "Property values were not valid: [{\"isValid\":false,\"message\":\"Email address \(email) is "
                        + "invalid\",\"error\":\"INVALID_EMAIL\",\"name\":\"email\"}]"
                )
            }
            properties["email"] = normalized
        }
        let now = Date()
        let created: ContactCreation = state.withLock { state in
            let email = properties["email"]
            if let email, let existing = state.contacts[installation.hubId]?.idByEmail[email] {
                return .duplicate(existingId: existing)
            }
            let id = state.nextContactId
            state.nextContactId += 1
            var stored = properties
            stored["hs_object_id"] = String(id)
            stored["createdate"] = Timestamps.iso8601(now)
            stored["lastmodifieddate"] = Timestamps.iso8601(now)
            let contact = ContactRecord(id: id, properties: stored, createdAt: now, updatedAt: now)
            state.contacts[installation.hubId, default: ContactBook()].byId[id] = contact
            if let email { state.contacts[installation.hubId, default: ContactBook()].idByEmail[email] = id }
            return .created(contact)
        }
        switch created {
        case .created(let contact):
            return HTTP.json(CRMObjectBody(contact, properties: contact.properties), status: .created)
        case .duplicate(let existingId):
            let body = HubSpotAPIError(
                message: "Contact already exists. Existing ID: \(existingId)",
                category: "CONFLICT"
            )
            return HTTP.json(body, status: .conflict)
        }
    }

    func getContact(_ id: String, _ request: Request, _ installation: Installation) -> Response {
        let query = HTTP.query(of: request)
        let idProperty = query["idProperty"].flatMap { $0.isEmpty ? nil : $0 } ?? "hs_object_id"
        let contact: ContactRecord? = state.withLock { state in
            guard let book = state.contacts[installation.hubId] else { return nil }
            switch idProperty {
            case "hs_object_id":
                return Int(id).flatMap { book.byId[$0] }
            case "email":
                return book.idByEmail[id.lowercased()].flatMap { book.byId[$0] }
            default:
                return book.byId.values.first { $0.properties[idProperty] == id }
            }
        }
        guard let contact else {
            return HTTP.json(
                HubSpotAPIError(message: "resource not found", category: "OBJECT_NOT_FOUND"),
                status: .notFound
            )
        }
        return HTTP.json(CRMObjectBody(contact, properties: Self.select(contact, query: query)))
    }

    func listContacts(_ request: Request, _ installation: Installation) -> Response {
        let query = HTTP.query(of: request)
        let limit = min(100, max(1, query["limit"].flatMap { Int($0) } ?? 10))
        let after = query["after"].flatMap { Int($0) } ?? 0
        let page: [ContactRecord] = state.withLock { state in
            let book = state.contacts[installation.hubId]?.byId ?? [:]
            return Array(book.values.filter { $0.id > after }.sorted { $0.id < $1.id }.prefix(limit + 1))
        }
        let results = page.prefix(limit).map { CRMObjectBody($0, properties: Self.select($0, query: query)) }
        var paging: CRMPageBody.Paging?
        if page.count > limit, let last = page.prefix(limit).last {
            let next = String(last.id)
            let link = request.uri.path + "?" + HTTP.formEncode([("after", next), ("limit", String(limit))])
            paging = .init(next: .init(after: next, link: link))
        }
        return HTTP.json(CRMPageBody(results: results, paging: paging))
    }

    /// The properties a read returns: the defaults, or those named in `properties=a,b`, `null` when unset.
    static func select(_ contact: ContactRecord, query: [String: String]) -> [String: String?] {
        var names = defaultContactProperties
        if let requested = query["properties"], !requested.isEmpty {
            names = requested.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            names += ["createdate", "hs_object_id", "lastmodifieddate"]
        }
        var selected: [String: String?] = [:]
        for name in names where !name.isEmpty { selected[name] = .some(contact.properties[name]) }
        return selected
    }

    private func validationError(_ message: String) -> Response {
        HTTP.json(HubSpotAPIError(message: message, category: "VALIDATION_ERROR"), status: .badRequest)
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context): context.debugDescription
        case DecodingError.keyNotFound(let key, _): "missing required field '\(key.stringValue)'"
        case DecodingError.typeMismatch(_, let context): context.debugDescription
        default: "could not read the request body"
        }
    }
}
