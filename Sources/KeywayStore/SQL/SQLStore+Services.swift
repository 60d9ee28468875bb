import Foundation
import KeywayCore
import SQLKit

extension SQLStore {
    /// The columns every service query selects.
    static let serviceColumns: SQLQueryString = """
        id, provider, client_id, client_secret_sealed, scopes, authorization_params, authorization_url,
        token_url, api_base_url, pkce, token_auth_method, created_at, updated_at, issuer, auth_mode,
        revocation_url
        """

    /// Every service, by id. A service that fails its integrity check is left out and logged (reading it alone
    /// says why), so that one altered row does not hide the others.
    public func services() async throws -> [Service] {
        try await read("listing services") { db in
            try await db.rows("SELECT \(Self.serviceColumns) FROM services ORDER BY id").compactMap { row in
                do {
                    return try self.service(from: row)
                } catch let error as KeywayError where error.code == KeywayError.integrityFailedCode {
                    self.logger.error(
                        "service failed its integrity check",
                        metadata: ["service": "\((try? row.string("id")) ?? "?")", "error": "\(error.code)"])
                    return nil
                }
            }
        }
    }

    /// One service.
    public func service(id: String) async throws -> Service? {
        try await read("reading a service") { db in
            try await db.firstRow("SELECT \(Self.serviceColumns) FROM services WHERE id = \(bind: id)")
                .map(self.service(from:))
        }
    }

    /// Creates or replaces a service, every field included; the client secret is sealed to its row.
    public func saveService(_ service: Service) async throws {
        let secret = try sealer.seal(service.clientSecret, .clientSecret, row: service.id, binding: .service(service))
        let scopes = try StoreJSON.text(service.scopes)
        let authorizationParams = try StoreJSON.text(service.authorizationParams)
        let pkce: Int? = service.pkce.map { $0 ? 1 : 0 }
        try await transaction("saving a service") { db in
            try await db.run(
                """
                INSERT INTO services (\(Self.serviceColumns))
                VALUES (
                    \(bind: service.id), \(bind: service.provider), \(bind: service.clientId), \(bind: secret),
                    \(bind: scopes), \(bind: authorizationParams), \(bind: service.authorizationUrl),
                    \(bind: service.tokenUrl), \(bind: service.apiBaseUrl), \(bind: pkce),
                    \(bind: service.tokenAuthMethod?.rawValue), \(bind: service.createdAt.millisecondsSince1970),
                    \(bind: service.updatedAt.millisecondsSince1970), \(bind: service.issuer),
                    \(bind: service.authMode?.rawValue), \(bind: service.revocationUrl)
                )
                ON CONFLICT (id) DO UPDATE SET
                    provider = excluded.provider,
                    client_id = excluded.client_id,
                    client_secret_sealed = excluded.client_secret_sealed,
                    scopes = excluded.scopes,
                    authorization_params = excluded.authorization_params,
                    authorization_url = excluded.authorization_url,
                    token_url = excluded.token_url,
                    api_base_url = excluded.api_base_url,
                    pkce = excluded.pkce,
                    token_auth_method = excluded.token_auth_method,
                    created_at = excluded.created_at,
                    updated_at = excluded.updated_at,
                    issuer = excluded.issuer,
                    auth_mode = excluded.auth_mode,
                    revocation_url = excluded.revocation_url
                """)
        }
    }

    /// Deletes a service with its sessions, identities and their tags, in one transaction.
    public func deleteService(id: String) async throws -> Bool {
        try await transaction("deleting a service") { db in
            try await db.run("DELETE FROM identity_tags WHERE service_id = \(bind: id)")
            // Each identity deleted with the service is reported as `identity.deleted`, in this transaction.
            let deleted = try await db.rows(
                "DELETE FROM identities WHERE service_id = \(bind: id) RETURNING id, service_id, tags, status, status_reason")
            try await Self.enqueue(try deleted.map(Self.deletedEvent(from:)), in: db)
            try await db.run("DELETE FROM sessions WHERE service_id = \(bind: id)")
            return try await !db.rows("DELETE FROM services WHERE id = \(bind: id) RETURNING id").isEmpty
        }
    }

    /// A service from its row, its client secret opened with the row's binding.
    ///
    /// - Throws: `integrity_failed` when the secret does not open with the row as it stands.
    private func service(from row: any SQLRow) throws -> Service {
        var service = try Self.serviceFields(from: row)
        service.clientSecret = try sealer.openString(
            row.data("client_secret_sealed"), .clientSecret, row: service.id, binding: .service(service))
        return service
    }

    /// A service from its row without its client secret (left empty): what its binding is computed from.
    static func serviceFields(from row: any SQLRow) throws -> Service {
        let method = try row.optionalString("token_auth_method")
        let mode = try row.optionalString("auth_mode")
        var service = Service(
            id: try row.string("id"),
            provider: try row.string("provider"),
            clientId: try row.string("client_id"),
            clientSecret: "",
            scopes: try row.json("scopes", as: [String].self),
            authorizationParams: try row.json("authorization_params", as: [String: String].self),
            authorizationUrl: try row.optionalString("authorization_url"),
            tokenUrl: try row.optionalString("token_url"),
            apiBaseUrl: try row.optionalString("api_base_url"),
            pkce: try row.optionalInt64("pkce").map { $0 != 0 },
            tokenAuthMethod: try method.map { value in
                guard let method = TokenAuthMethod(rawValue: value) else { throw Self.corrupt("services") }
                return method
            },
            createdAt: try row.date("created_at"),
            updatedAt: try row.date("updated_at"),
            issuer: try row.optionalString("issuer"))
        service.authMode = try mode.map { value in
            guard let mode = AuthMode(rawValue: value) else { throw Self.corrupt("services") }
            return mode
        }
        service.revocationUrl = try row.optionalString("revocation_url")
        return service
    }

    /// A stored value this version of Keyway cannot read.
    static func corrupt(_ table: String) -> KeywayError {
        KeywayError(.internal, "storage_corrupt", "A row of \(table) holds a value Keyway cannot read.")
    }
}
