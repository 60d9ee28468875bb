import Foundation
import KeywayCore
import KeywayStore
import Logging

/// A logger that drops everything, so that test output stays readable.
let quietLogger = Logger(label: "keyway.store.tests", factory: { _ in SwiftLogNoOpLogHandler() })

/// A fixed instant with whole milliseconds, the precision the store keeps.
let epoch = Date(millisecondsSince1970: 1_700_000_000_123)

/// Runs `body` with a new empty folder, removed afterwards.
@discardableResult
func withTemporaryDirectory<T>(_ body: (URL) async throws -> T) async throws -> T {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("keyway-store-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: url) }
    return try await body(url)
}

/// Opens the SQLite store in `directory`, runs `body` and closes the store, even when `body` throws.
@discardableResult
func withStore<T>(
    in directory: URL, key: MasterKey, previousKeys: [MasterKey] = [], _ body: (SQLStore) async throws -> T
) async throws -> T {
    let store = try await SQLStore.openSQLite(
        path: databasePath(in: directory), sealer: Sealer(current: key, previous: previousKeys), logger: quietLogger)
    do {
        let result = try await body(store)
        try await store.close()
        return result
    } catch {
        try? await store.close()
        throw error
    }
}

/// Opens a store on a new file with a new key.
@discardableResult
func withFreshStore<T>(_ body: (SQLStore) async throws -> T) async throws -> T {
    try await withTemporaryDirectory { directory in
        try await withStore(in: directory, key: .generate(), body)
    }
}

/// The database file of a test folder.
func databasePath(in directory: URL) -> String {
    directory.appendingPathComponent("keyway.sqlite").path
}

/// A service with every field set.
func makeService(_ id: String = "hubspot", secret: String = "client-secret-value") -> Service {
    Service(
        id: id, provider: "hubspot", clientId: "client-\(id)", clientSecret: secret,
        scopes: ["crm.objects.contacts.read", "oauth"],
        authorizationParams: ["optional_scope": "content"], authorizationUrl: "https://auth.example.com/authorize",
        tokenUrl: "https://auth.example.com/token", apiBaseUrl: "https://api.example.com", pkce: true,
        tokenAuthMethod: .clientSecretBasic, createdAt: epoch, updatedAt: epoch.addingTimeInterval(1))
}

/// An identity of a service with the given tags.
func makeIdentity(
    _ id: String = "idn_\(UUID().uuidString)", serviceId: String = "hubspot", tags: Tags = ["tenantId": "contoso"],
    accessToken: String = "access-token-value", refreshToken: String? = "refresh-token-value"
) -> Identity {
    Identity(
        id: id, serviceId: serviceId, tags: tags,
        credentials: Credentials(
            accessToken: accessToken, refreshToken: refreshToken, tokenType: "Bearer",
            expiresAt: epoch.addingTimeInterval(1800),
            native: [
                "access_token": .string(accessToken), "expires_in": .number(1800), "hub_id": .number(42),
                "scopes": .array([.string("oauth")]), "nested": .object(["ok": .bool(true), "none": .null]),
            ]),
        metadata: ["hub_id": "42"], createdAt: epoch, updatedAt: epoch)
}

/// A session of a service.
func makeSession(
    _ id: String = "ses_\(UUID().uuidString)", serviceId: String = "hubspot", state: String = UUID().uuidString,
    codeVerifier: String? = "code-verifier-value", expiresAt: Date = epoch.addingTimeInterval(600)
) -> AuthorizationSession {
    AuthorizationSession(
        id: id, serviceId: serviceId, tags: ["tenantId": "contoso", "userId": "u1"],
        finishedUrl: "https://app.example.com/done?x=1", params: ["subdomain": "acme"], state: state,
        codeVerifier: codeVerifier, createdAt: epoch, expiresAt: expiresAt)
}
