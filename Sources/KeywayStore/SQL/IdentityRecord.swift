import Crypto
import Foundation
import KeywayCore

/// An identity in the form its row stores: credentials sealed to the row, JSON as text, times as
/// milliseconds.
struct IdentityRecord: Sendable {
    var id: String
    var serviceId: String
    var tags: Tags
    var tagsJSON: String
    /// SHA-256 of `tagsJSON` (hex) when there are tags: a unique index on it keeps one identity per exact tag
    /// set, even when two callbacks race. Nil for an identity without tags, of which there may be many.
    var tagsDigest: String?
    /// 1 when the credentials hold a refresh token (kept in clear beside the sealed credentials, so that the
    /// refresh-ahead query can pass over identities it could never refresh), else 0.
    var refreshable: Int64
    var status: String
    var statusReason: String?
    var credentialsSealed: Data
    var metadataJSON: String
    var expiresAt: Int64?
    var createdAt: Int64
    var updatedAt: Int64
    var version: Int64

    /// Seals and encodes an identity, its credentials bound to its service and metadata.
    ///
    /// - Throws: `integrity_failed` for an identity read back as failing its integrity check, so that writing
    ///   it can never seal its altered fields as if they were genuine.
    init(_ identity: Identity, sealer: Sealer) throws {
        guard identity.status != .integrityFailed else { throw KeywayError.integrityFailed("identity '\(identity.id)'") }
        self.id = identity.id
        self.serviceId = identity.serviceId
        self.tags = identity.tags
        self.tagsJSON = try StoreJSON.text(identity.tags)
        self.tagsDigest =
            identity.tags.isEmpty
            ? nil : SHA256.hash(data: Data(tagsJSON.utf8)).map { String(format: "%02x", $0) }.joined()
        self.refreshable = identity.credentials.refreshToken == nil ? 0 : 1
        self.status = identity.status.rawValue
        self.statusReason = identity.statusReason
        self.credentialsSealed = try sealer.seal(
            StoreJSON.data(identity.credentials), .credentials, row: identity.id,
            binding: .identity(serviceId: identity.serviceId, metadata: identity.metadata))
        self.metadataJSON = try StoreJSON.text(identity.metadata)
        self.expiresAt = identity.expiresAt?.millisecondsSince1970
        self.createdAt = identity.createdAt.millisecondsSince1970
        self.updatedAt = identity.updatedAt.millisecondsSince1970
        self.version = identity.version
    }
}
