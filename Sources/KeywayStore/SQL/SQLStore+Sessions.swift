import Crypto
import Foundation
import KeywayCore
import SQLKit

extension SQLStore {
    /// The columns every session query selects.
    private static let sessionColumns: SQLQueryString = """
        id, service_id, state_sealed, tags, finished_url, params, code_verifier_sealed, created_at, expires_at,
        browser_hash
        """

    /// Stores a new session: its state hashed for lookup and sealed, its PKCE verifier sealed.
    ///
    /// - Throws: `conflict` when the id or the state is taken; `service_not_found` when the service is gone.
    public func insertSession(_ session: AuthorizationSession) async throws {
        let stateHash = Self.stateHash(session.state)
        let binding = SealBinding.session(
            serviceId: session.serviceId, tags: session.tags, finishedUrl: session.finishedUrl, params: session.params)
        let state = try sealer.seal(session.state, .sessionState, row: session.id, binding: binding)
        let verifier = try session.codeVerifier.map {
            try sealer.seal($0, .codeVerifier, row: session.id, binding: binding)
        }
        let tags = try StoreJSON.text(session.tags)
        let params = try StoreJSON.text(session.params)
        try await transaction(
            "storing a session",
            conflict: KeywayError(.conflict, "conflict", "A session with this id or state already exists."),
            missingParent: .serviceNotFound(session.serviceId)
        ) { db in
            try await db.run(
                """
                INSERT INTO sessions (
                    id, service_id, state_hash, state_sealed, tags, finished_url, params, code_verifier_sealed,
                    created_at, expires_at
                )
                VALUES (
                    \(bind: session.id), \(bind: session.serviceId), \(bind: stateHash), \(bind: state),
                    \(bind: tags), \(bind: session.finishedUrl), \(bind: params), \(bind: verifier),
                    \(bind: session.createdAt.millisecondsSince1970), \(bind: session.expiresAt.millisecondsSince1970)
                )
                """)
        }
    }

    /// One session by id, its state and verifier unsealed.
    public func session(id: String) async throws -> AuthorizationSession? {
        try await read("reading a session") { db in
            try await db.firstRow("SELECT \(Self.sessionColumns) FROM sessions WHERE id = \(bind: id)")
                .map { try self.session(from: $0, state: nil) }
        }
    }

    /// The session with this state, without taking it: the callback checks that it belongs to the service and
    /// the browser before it spends it.
    public func session(state: String) async throws -> AuthorizationSession? {
        let stateHash = Self.stateHash(state)
        return try await read("reading a session") { db in
            try await db.firstRow(
                "SELECT \(Self.sessionColumns) FROM sessions WHERE state_hash = \(bind: stateHash)"
            ).map { try self.session(from: $0, state: state) }
        }
    }

    /// Records the browser that opened a session's connect link, only if none has (compare and set).
    public func claimSession(id: String, browserHash: String) async throws -> Bool {
        try await transaction("claiming a session") { db in
            try await db.firstRow(
                """
                UPDATE sessions SET browser_hash = \(bind: browserHash)
                WHERE id = \(bind: id) AND browser_hash IS NULL RETURNING id
                """
            ) != nil
        }
    }

    /// Deletes and returns the session with this state in one statement, so that of many concurrent
    /// callers exactly one gets it.
    public func takeSession(state: String) async throws -> AuthorizationSession? {
        let stateHash = Self.stateHash(state)
        return try await transaction("taking a session") { db in
            try await db.firstRow(
                "DELETE FROM sessions WHERE state_hash = \(bind: stateHash) RETURNING \(Self.sessionColumns)"
            ).map { try self.session(from: $0, state: state) }
        }
    }

    /// Deletes sessions that expired before a time; returns how many.
    public func deleteSessions(expiredBefore date: Date) async throws -> Int {
        try await transaction("deleting expired sessions") { db in
            try await db.rows(
                "DELETE FROM sessions WHERE expires_at < \(bind: date.millisecondsSince1970) RETURNING id"
            ).count
        }
    }

    /// SHA-256 of a state, the form lookups use.
    static func stateHash(_ state: String) -> Data {
        Data(SHA256.hash(data: Data(state.utf8)))
    }

    /// A session from its row, its state and verifier opened with the row's binding. `state` is the clear state
    /// when the caller has it (it must equal the sealed one).
    ///
    /// - Throws: `integrity_failed` when they do not open with the row as it stands.
    private func session(from row: any SQLRow, state: String?) throws -> AuthorizationSession {
        let id = try row.string("id")
        let serviceId = try row.string("service_id")
        let tags = try row.json("tags", as: Tags.self)
        let finishedUrl = try row.string("finished_url")
        let params = try row.json("params", as: [String: String].self)
        let binding = SealBinding.session(serviceId: serviceId, tags: tags, finishedUrl: finishedUrl, params: params)
        let sealedState = try sealer.openString(row.data("state_sealed"), .sessionState, row: id, binding: binding)
        guard state == nil || state == sealedState else { throw KeywayError.integrityFailed("sessions row '\(id)'") }
        return AuthorizationSession(
            id: id,
            serviceId: serviceId,
            tags: tags,
            finishedUrl: finishedUrl,
            params: params,
            state: sealedState,
            codeVerifier: try row.optionalData("code_verifier_sealed").map {
                try sealer.openString($0, .codeVerifier, row: id, binding: binding)
            },
            createdAt: try row.date("created_at"),
            expiresAt: try row.date("expires_at"),
            browserHash: try row.optionalString("browser_hash"))
    }
}
