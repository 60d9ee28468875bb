import Crypto
import Foundation

extension MasterKey {
    /// The HKDF info naming what ``dashboardPassKey`` is for.
    static let dashboardPassKeyInfo = "keyway dashboard pass signing key v1"

    /// The key that signs dashboard passes: HKDF-SHA256 of this master key, info
    /// `keyway dashboard pass signing key v1`, 32 bytes. It is independent of the sealing key (knowing one tells
    /// nothing about the other) and of anything stored, so reading the database does not let anyone forge a
    /// pass. Only the current master key signs and checks passes: after a master key rotation every pass made
    /// under the old key is refused and the dashboard asks to sign in again.
    public var dashboardPassKey: SymmetricKey {
        HKDF<SHA256>.deriveKey(
            inputKeyMaterial: key, salt: Data("keyway".utf8), info: Data(Self.dashboardPassKeyInfo.utf8),
            outputByteCount: 32)
    }
}

extension SQLStore {
    /// The dashboard pass signing key of this store's current master key (``MasterKey/dashboardPassKey``).
    public var dashboardPassKey: SymmetricKey { sealer.currentKey.dashboardPassKey }
}
