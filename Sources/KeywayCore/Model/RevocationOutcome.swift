/// What deleting an identity did about its grant at the provider. The API answers it in the
/// `Keyway-Revocation` header of the delete; a failure is also logged (warning `revocation failed`).
public enum RevocationOutcome: String, Sendable, Hashable {
    /// The provider accepted the revocation.
    case revoked
    /// The caller asked not to revoke (`?revoke=false`).
    case skipped
    /// Neither the catalog entry nor the service names a revocation endpoint, or the mode has no grant
    /// (API keys, Basic).
    case unsupported
    /// The provider refused, failed or did not answer within the exchange deadline; the identity is deleted
    /// all the same.
    case failed
}
