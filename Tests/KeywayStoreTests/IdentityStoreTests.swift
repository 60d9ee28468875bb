import Foundation
import KeywayCore
import KeywayStore
import Testing

@Suite("SQLStore identities")
struct IdentityStoreTests {
    @Test("an identity round-trips with its credentials, native fields, metadata and status", arguments: StoreBackend.allCases)
    func roundTrip(_ backend: StoreBackend) async throws {
        try await withFreshStore(backend) { store in
            try await store.saveService(makeService())
            var identity = makeIdentity("idn_1", tags: ["tenantId": "contoso", "userId": "u1"])
            identity.status = .refreshFailed
            identity.statusReason = "invalid_grant"
            identity.version = 7
            let bare = Identity(
                id: "idn_2", serviceId: "hubspot", tags: [:], credentials: Credentials(accessToken: "a"),
                createdAt: epoch, updatedAt: epoch)
            try await store.insertIdentity(identity)
            try await store.insertIdentity(bare)
            #expect(try await store.identity(serviceId: "hubspot", id: "idn_1") == identity)
            #expect(try await store.identity(serviceId: "hubspot", id: "idn_2") == bare)
            #expect(try await store.identity(serviceId: "other", id: "idn_1") == nil)
            #expect(try await store.identity(serviceId: "hubspot", id: "idn_absent") == nil)
            #expect(try await store.countIdentities(serviceId: "hubspot") == 2)
        }
    }

    @Test("a duplicate id is a conflict; an unknown service is service_not_found", arguments: StoreBackend.allCases)
    func insertFailures(_ backend: StoreBackend) async throws {
        try await withFreshStore(backend) { store in
            try await store.saveService(makeService())
            try await store.insertIdentity(makeIdentity("idn_1"))
            let duplicate = await #expect(throws: KeywayError.self) {
                try await store.insertIdentity(makeIdentity("idn_1"))
            }
            #expect(duplicate?.code == "conflict")
            let orphan = await #expect(throws: KeywayError.self) {
                try await store.insertIdentity(makeIdentity("idn_2", serviceId: "absent"))
            }
            #expect(orphan?.code == "service_not_found")
            #expect(try await store.countIdentities(serviceId: "hubspot") == 1)
        }
    }

    @Test("due for refresh: only identities with a refresh token, soonest expiry first, then the longest idle", arguments: StoreBackend.allCases)
    func dueForRefresh(_ backend: StoreBackend) async throws {
        try await withFreshStore(backend) { store in
            try await store.saveService(makeService())
            func stored(_ id: String, expiresIn: TimeInterval?, updatedAgo: TimeInterval, refreshToken: String?) async throws {
                var identity = makeIdentity(id, tags: ["tenantId": id], refreshToken: refreshToken)
                identity.credentials.expiresAt = expiresIn.map { epoch.addingTimeInterval($0) }
                identity.updatedAt = epoch.addingTimeInterval(-updatedAgo)
                try await store.insertIdentity(identity)
            }
            // Many that could never be refreshed come first by expiry or idleness; they must not fill the page.
            for index in 0..<5 {
                try await stored("idn_stuck_\(index)", expiresIn: -3600, updatedAgo: 90_000, refreshToken: nil)
                try await stored("idn_forever_\(index)", expiresIn: nil, updatedAgo: 90_000, refreshToken: nil)
            }
            try await stored("idn_due", expiresIn: 60, updatedAgo: 0, refreshToken: "rt")
            try await stored("idn_expired", expiresIn: -60, updatedAgo: 0, refreshToken: "rt")
            try await stored("idn_idle_old", expiresIn: nil, updatedAgo: 90_000, refreshToken: "rt")
            try await stored("idn_idle", expiresIn: nil, updatedAgo: 80_000, refreshToken: "rt")
            try await stored("idn_fresh", expiresIn: 7200, updatedAgo: 0, refreshToken: "rt")
            let due = try await store.identitiesDueForRefresh(
                expiringBefore: epoch.addingTimeInterval(300), orIdleSince: epoch.addingTimeInterval(-3600), limit: 3)
            #expect(due.map(\.id) == ["idn_expired", "idn_due", "idn_idle_old"])
            let all = try await store.identitiesDueForRefresh(
                expiringBefore: epoch.addingTimeInterval(300), orIdleSince: epoch.addingTimeInterval(-3600), limit: 50)
            #expect(all.map(\.id) == ["idn_expired", "idn_due", "idn_idle_old", "idn_idle"])
            // Losing its refresh token (an update) takes an identity out; gaining one brings it in.
            var expired = try #require(try await store.identity(serviceId: "hubspot", id: "idn_expired"))
            expired.credentials.refreshToken = nil
            #expect(try await store.updateIdentity(expired, expectedVersion: expired.version))
            let after = try await store.identitiesDueForRefresh(
                expiringBefore: epoch.addingTimeInterval(300), orIdleSince: nil, limit: 50)
            #expect(after.map(\.id) == ["idn_due"])
        }
    }

    @Test("one identity per exact non-empty tag set in a service; supersets and other services are free", arguments: StoreBackend.allCases)
    func exactTagsUnique(_ backend: StoreBackend) async throws {
        try await withFreshStore(backend) { store in
            try await store.saveService(makeService())
            try await store.saveService(makeService("other"))
            try await store.insertIdentity(makeIdentity("idn_1", tags: ["tenantId": "contoso", "userId": "u1"]))
            let twin = await #expect(throws: KeywayError.self) {
                try await store.insertIdentity(makeIdentity("idn_2", tags: ["userId": "u1", "tenantId": "contoso"]))
            }
            #expect(twin?.code == "conflict")
            try await store.insertIdentity(makeIdentity("idn_3", tags: ["tenantId": "contoso"]))
            try await store.insertIdentity(makeIdentity("idn_4", serviceId: "other", tags: ["tenantId": "contoso", "userId": "u1"]))
            try await store.insertIdentity(makeIdentity("idn_5", tags: [:]))
            try await store.insertIdentity(makeIdentity("idn_6", tags: [:]))
            #expect(try await store.countIdentities(serviceId: "hubspot") == 4)
            #expect(try await store.identity(serviceId: "hubspot", id: "idn_2") == nil, "the refused insert left nothing")
        }
    }

    @Test("tag filters AND across tags and never match a key whose value differs", arguments: StoreBackend.allCases)
    func tagMatching(_ backend: StoreBackend) async throws {
        try await withFreshStore(backend) { store in
            try await store.saveService(makeService("hubspot"))
            try await store.saveService(makeService("sfdc"))
            try await store.insertIdentity(makeIdentity("a", tags: ["tenantId": "contoso", "userId": "u1"]))
            try await store.insertIdentity(makeIdentity("b", tags: ["tenantId": "contoso", "userId": "u2"]))
            try await store.insertIdentity(makeIdentity("c", tags: ["tenantId": "fabrikam", "userId": "u1"]))
            try await store.insertIdentity(
                makeIdentity("d", tags: ["tenantId": "contoso", "userId": "u1", "team": "x"]))
            try await store.insertIdentity(
                makeIdentity("e", serviceId: "sfdc", tags: ["tenantId": "contoso", "userId": "u1"]))

            func ids(_ tags: Tags) async throws -> [String] {
                try await store.identities(serviceId: "hubspot", matching: tags, limit: 100, after: nil).items.map(\.id)
            }
            #expect(try await ids([:]) == ["a", "b", "c", "d"])
            #expect(try await ids(["tenantId": "contoso"]) == ["a", "b", "d"])
            #expect(try await ids(["tenantId": "contoso", "userId": "u1"]) == ["a", "d"])
            #expect(try await ids(["tenantId": "contoso", "userId": "u1", "team": "x"]) == ["d"])
            #expect(try await ids(["userId": "u1"]) == ["a", "c", "d"])
            #expect(try await ids(["tenantId": "contoso", "userId": "u3"]).isEmpty)
            #expect(try await ids(["tenantId": "contos"]).isEmpty)
            #expect(try await ids(["tenantId": "u1"]).isEmpty)
            #expect(try await ids(["userId": "contoso"]).isEmpty)
            #expect(try await ids(["absent": "contoso"]).isEmpty)
        }
    }

    @Test("paging 120 identities by 50 visits each once, in insertion order", arguments: StoreBackend.allCases)
    func paging(_ backend: StoreBackend) async throws {
        try await withFreshStore(backend) { store in
            try await store.saveService(makeService())
            let inserted = (0..<120).map { String(format: "idn_%03d", $0) }
            for (index, id) in inserted.enumerated() {
                try await store.insertIdentity(
                    makeIdentity(id, tags: ["tenantId": "contoso", "parity": "\(index % 2)", "userId": id]))
            }
            var seen: [String] = []
            var sizes: [Int] = []
            var cursor: String?
            repeat {
                let page = try await store.identities(serviceId: "hubspot", matching: [:], limit: 50, after: cursor)
                seen += page.items.map(\.id)
                sizes.append(page.items.count)
                cursor = page.next
            } while cursor != nil
            #expect(sizes == [50, 50, 20])
            #expect(seen == inserted)

            // With a filter, and a page size that divides the matches exactly: no empty page at the end.
            var even: [String] = []
            cursor = nil
            sizes = []
            repeat {
                let page = try await store.identities(
                    serviceId: "hubspot", matching: ["tenantId": "contoso", "parity": "0"], limit: 30, after: cursor)
                even += page.items.map(\.id)
                sizes.append(page.items.count)
                cursor = page.next
            } while cursor != nil
            #expect(sizes == [30, 30])
            #expect(even == inserted.enumerated().filter { $0.offset % 2 == 0 }.map(\.element))
        }
    }

    @Test("a cursor the store did not make is invalid_cursor; a limit out of range is invalid_limit", arguments: StoreBackend.allCases)
    func invalidCursor(_ backend: StoreBackend) async throws {
        try await withFreshStore(backend) { store in
            try await store.saveService(makeService())
            let forged = Data("v2:5".utf8).base64URLEncodedString()
            for cursor in ["", "not a cursor!", forged, Data("v1:-4".utf8).base64URLEncodedString()] {
                let error = await #expect(throws: KeywayError.self) {
                    _ = try await store.identities(serviceId: "hubspot", matching: [:], limit: 10, after: cursor)
                }
                #expect(error?.code == "invalid_cursor")
                #expect(error?.kind == .badRequest)
            }
            for limit in [0, -1, SQLStore.maximumPageSize + 1] {
                let error = await #expect(throws: KeywayError.self) {
                    _ = try await store.identities(serviceId: "hubspot", matching: [:], limit: limit, after: nil)
                }
                #expect(error?.code == "invalid_limit")
            }
        }
    }

    @Test("compare-and-set: the expected version wins once, a stale version loses", arguments: StoreBackend.allCases)
    func compareAndSet(_ backend: StoreBackend) async throws {
        try await withFreshStore(backend) { store in
            try await store.saveService(makeService())
            let original = makeIdentity("idn_1", tags: ["tenantId": "contoso"])
            try await store.insertIdentity(original)

            var refreshed = original
            refreshed.credentials = Credentials(accessToken: "new-access", refreshToken: "new-refresh")
            refreshed.updatedAt = epoch.addingTimeInterval(60)
            refreshed.version = 2
            #expect(try await store.updateIdentity(refreshed, expectedVersion: 1))

            var stale = original
            stale.credentials = Credentials(accessToken: "stale-access")
            stale.version = 2
            #expect(try await store.updateIdentity(stale, expectedVersion: 1) == false)
            #expect(try await store.identity(serviceId: "hubspot", id: "idn_1") == refreshed)

            var missing = original
            missing.id = "idn_absent"
            #expect(try await store.updateIdentity(missing, expectedVersion: 1) == false)
        }
    }

    @Test("an update that changes tags re-indexes them", arguments: StoreBackend.allCases)
    func updateTags(_ backend: StoreBackend) async throws {
        try await withFreshStore(backend) { store in
            try await store.saveService(makeService())
            var identity = makeIdentity("idn_1", tags: ["tenantId": "contoso", "userId": "u1"])
            try await store.insertIdentity(identity)
            identity.tags = ["tenantId": "fabrikam", "userId": "u1"]
            identity.version = 2
            #expect(try await store.updateIdentity(identity, expectedVersion: 1))
            let old = try await store.identities(
                serviceId: "hubspot", matching: ["tenantId": "contoso"], limit: 5, after: nil)
            let new = try await store.identities(
                serviceId: "hubspot", matching: ["tenantId": "fabrikam", "userId": "u1"], limit: 5, after: nil)
            #expect(old.items.isEmpty)
            #expect(new.items == [identity])
        }
    }

    @Test("deleting one identity, and every identity matching tags", arguments: StoreBackend.allCases)
    func deletes(_ backend: StoreBackend) async throws {
        try await withFreshStore(backend) { store in
            try await store.saveService(makeService("hubspot"))
            try await store.saveService(makeService("sfdc"))
            try await store.insertIdentity(makeIdentity("a", tags: ["tenantId": "contoso", "userId": "u1"]))
            try await store.insertIdentity(makeIdentity("b", tags: ["tenantId": "contoso", "userId": "u2"]))
            try await store.insertIdentity(makeIdentity("c", tags: ["tenantId": "fabrikam", "userId": "u1"]))
            try await store.insertIdentity(makeIdentity("d", serviceId: "sfdc", tags: ["tenantId": "contoso"]))

            #expect(try await store.deleteIdentity(serviceId: "sfdc", id: "a") == false)
            #expect(try await store.deleteIdentity(serviceId: "hubspot", id: "a"))
            #expect(try await store.deleteIdentity(serviceId: "hubspot", id: "a") == false)
            #expect(
                try await store.deleteIdentities(
                    serviceId: "hubspot", matching: ["tenantId": "contoso", "userId": "u9"]) == 0)
            #expect(try await store.deleteIdentities(serviceId: "hubspot", matching: ["tenantId": "contoso"]) == 1)
            #expect(try await store.identity(serviceId: "hubspot", id: "c") != nil)
            #expect(try await store.identity(serviceId: "sfdc", id: "d") != nil)
            #expect(try await store.countIdentities(serviceId: "hubspot") == 1)

            // A deleted identity's tags no longer match, even once an identity with the same id comes back.
            try await store.insertIdentity(makeIdentity("b", tags: ["tenantId": "other"]))
            #expect(
                try await store.identities(
                    serviceId: "hubspot", matching: ["tenantId": "contoso"], limit: 5, after: nil
                )
                .items.isEmpty)
        }
    }
}
