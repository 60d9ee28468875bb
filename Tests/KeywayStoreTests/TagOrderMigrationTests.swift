import Foundation
import KeywayCore
import KeywayStore
import SQLKit
import Testing

/// Migration 9: tag rows carry their identity's `seq`, and tag filters walk them in page order.
@Suite("SQLStore tags in page order")
struct TagOrderMigrationTests {
    @Test("identities tagged before migration 9 are found by tag after it, in order and paged", arguments: StoreBackend.allCases)
    func backfill(_ backend: StoreBackend) async throws {
        try await withTestDatabase(backend) { database in
            let key = MasterKey.generate()
            let ids = (0..<12).map { String(format: "idn_%02d", $0) }
            try await database.withStore(key: key) { store in
                try await store.saveService(makeService())
                for (index, id) in ids.enumerated() {
                    try await store.insertIdentity(
                        makeIdentity(id, tags: ["tenantId": "t\(index)", "plan": index % 3 == 0 ? "pro" : "free"]))
                }
            }
            // Back to the schema of version 8: no seq on tag rows, and migration 9 not yet applied.
            let raw = try await database.openRaw()
            do {
                try await raw.transaction { db in
                    try await db.raw("DROP INDEX identity_tags_in_page_order").run()
                    try await db.raw("ALTER TABLE identity_tags DROP COLUMN identity_seq").run()
                    try await db.raw("DELETE FROM schema_migrations WHERE version = 9").run()
                }
                try await raw.close()
            } catch {
                try? await raw.close()
                throw error
            }
            try await database.withStore(key: key) { store in
                let pro = try await store.identities(
                    serviceId: "hubspot", matching: ["plan": "pro"], limit: 2, after: nil)
                #expect(pro.items.map(\.id) == ["idn_00", "idn_03"])
                let rest = try await store.identities(
                    serviceId: "hubspot", matching: ["plan": "pro"], limit: 10, after: pro.next)
                #expect(rest.items.map(\.id) == ["idn_06", "idn_09"])
                #expect(rest.next == nil)
                let one = try await store.identities(
                    serviceId: "hubspot", matching: ["plan": "pro", "tenantId": "t9"], limit: 10, after: nil)
                #expect(one.items.map(\.id) == ["idn_09"])
                #expect(try await store.identities(
                    serviceId: "hubspot", matching: ["plan": "free", "tenantId": "t9"], limit: 10, after: nil
                ).items.isEmpty)
                // A new identity after the migration is indexed with its seq too.
                try await store.insertIdentity(makeIdentity("idn_new", tags: ["tenantId": "t99", "plan": "pro"]))
                let all = try await store.identities(serviceId: "hubspot", matching: ["plan": "pro"], limit: 10, after: nil)
                #expect(all.items.map(\.id) == ["idn_00", "idn_03", "idn_06", "idn_09", "idn_new"])
            }
        }
    }
}
