import Foundation
import KeywayCore
import Testing

/// The cache of opened identities without I/O: what a write forgets, and that a read which raced with a write
/// is not remembered (the end-to-end promises are in KeywayServerTests' IdentityCacheTests and the replicas').
@Suite("Identity cache state")
struct IdentityCacheStateTests {
    let identity = Identity(
        id: "idn_1", serviceId: "s", tags: ["tenantId": "contoso"],
        credentials: Credentials(accessToken: "at-1", refreshToken: "rt"),
        createdAt: Date(timeIntervalSince1970: 0), updatedAt: Date(timeIntervalSince1970: 0))

    @Test("a read that started before a write to the identity is not remembered")
    func readRacingAWrite() {
        let cache = IdentityCache(lifetime: .seconds(60), capacity: 10)
        let generation = cache.generation
        cache.forget(serviceId: "s", id: "idn_1")  // a write (refresh, delete) returned while the read was out
        cache.remember(identity, matching: ["tenantId": "contoso"], readAt: generation)
        #expect(cache.identity(serviceId: "s", id: "idn_1") == nil, "a version read before the write is served")
        #expect(cache.identity(serviceId: "s", matching: ["tenantId": "contoso"]) == nil)
    }

    @Test("a read with no write since is served by id and by its filter until forgotten")
    func rememberedUntilForgotten() {
        let cache = IdentityCache(lifetime: .seconds(60), capacity: 10)
        cache.remember(identity, matching: ["tenantId": "contoso"], readAt: cache.generation)
        #expect(cache.identity(serviceId: "s", id: "idn_1")?.credentials.accessToken == "at-1")
        #expect(cache.identity(serviceId: "s", matching: ["tenantId": "contoso"])?.id == "idn_1")
        #expect(cache.identity(serviceId: "s", matching: ["tenantId": "other"]) == nil)
        cache.forget(serviceId: "s", id: "idn_1")
        #expect(cache.identity(serviceId: "s", id: "idn_1") == nil)
        #expect(cache.identity(serviceId: "s", matching: ["tenantId": "contoso"]) == nil)
    }

    @Test("an entry is not served once its lifetime has passed")
    func expires() async throws {
        let cache = IdentityCache(lifetime: .milliseconds(50), capacity: 10)
        cache.remember(identity, matching: ["tenantId": "contoso"], readAt: cache.generation)
        #expect(cache.identity(serviceId: "s", id: "idn_1") != nil)
        try await Task.sleep(for: .milliseconds(80))
        #expect(cache.identity(serviceId: "s", id: "idn_1") == nil, "served past its lifetime")
        #expect(cache.identity(serviceId: "s", matching: ["tenantId": "contoso"]) == nil)
    }
}
