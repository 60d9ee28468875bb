import Synchronization

/// A set of tenant ids shared by the app's routes (kept in memory).
final class TenantSet: Sendable {
    private let tenants = Mutex<Set<String>>([])

    func set(_ tenant: String, _ member: Bool) { _ = tenants.withLock { member ? $0.insert(tenant).inserted : $0.remove(tenant) != nil } }
    func contains(_ tenant: String) -> Bool { tenants.withLock { $0.contains(tenant) } }
}
