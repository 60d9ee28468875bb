import Foundation
import KeywayCore
import Testing

/// What a key's scopes allow and what its limits reach, decided without I/O.
@Suite("Key scopes and limits")
struct KeyPermissionsTests {
    @Test("each scope allows itself; admin allows all; tokens:read and identities:write include identities:read")
    func allows() {
        let expected: [KeyScope: Set<KeyScope>] = [
            .tokensRead: [.tokensRead, .identitiesRead],
            .identitiesRead: [.identitiesRead],
            .identitiesWrite: [.identitiesWrite, .identitiesRead],
            .servicesWrite: [.servicesWrite],
            .keysWrite: [.keysWrite],
            .admin: Set(KeyScope.allCases),
        ]
        for held in KeyScope.allCases {
            let scopes = KeyScopes([held])
            for needed in KeyScope.allCases {
                #expect(scopes.allows(needed) == expected[held]!.contains(needed), "\(held) → \(needed)")
            }
        }
        #expect(!KeyScopes([]).allows(.identitiesRead))
    }

    @Test("a key covers another only with every scope of it")
    func coversScopes() {
        #expect(KeyScopes.admin.covers(KeyScopes(Set(KeyScope.allCases))))
        #expect(KeyScopes([.keysWrite, .tokensRead]).covers(KeyScopes([.tokensRead, .identitiesRead])))
        #expect(!KeyScopes([.keysWrite, .tokensRead]).covers(KeyScopes([.servicesWrite])))
        #expect(!KeyScopes([.keysWrite]).covers(KeyScopes.admin))
    }

    @Test("stored text round-trips in declared order; unknown names are dropped; parse refuses them")
    func text() throws {
        let scopes = KeyScopes([.keysWrite, .tokensRead, .admin])
        #expect(scopes.text == "tokens:read keys:write admin")
        #expect(KeyScopes(text: scopes.text) == scopes)
        #expect(KeyScopes(text: "tokens:read superuser") == KeyScopes([.tokensRead]))
        #expect(KeyScopes(text: "") == KeyScopes([]))
        #expect(try KeyScopes.parse(["tokens:read", "tokens:read"]) == KeyScopes([.tokensRead]))
        #expect(throws: KeywayError.self) { try KeyScopes.parse(["root"]) }
        #expect(throws: KeywayError.self) { try KeyScopes.parse([]) }
    }

    @Test("service and tag limits: what they reach, the narrowed filter, contradictions")
    func limits() throws {
        let limits = KeyLimits(services: ["hubspot"], tags: ["tenantId": "contoso"])
        #expect(limits.allows(serviceId: "hubspot"))
        #expect(!limits.allows(serviceId: "slack"))
        #expect(limits.allows(identityTags: ["tenantId": "contoso", "userId": "u1"]))
        #expect(!limits.allows(identityTags: ["tenantId": "fabrikam"]))
        #expect(!limits.allows(identityTags: ["userId": "u1"]))
        #expect(limits.narrowing(["userId": "u1"]) == ["userId": "u1", "tenantId": "contoso"])
        #expect(limits.narrowing([:]) == ["tenantId": "contoso"])
        #expect(limits.narrowing(["tenantId": "fabrikam"]) == nil)
        #expect(try limits.applied(to: ["userId": "u1"]) == ["userId": "u1", "tenantId": "contoso"])
        let refused = #expect(throws: KeywayError.self) { try limits.applied(to: ["tenantId": "fabrikam"]) }
        #expect(refused?.code == "insufficient_scope")
        #expect(refused?.kind == .forbidden)
        #expect(throws: KeywayError.self) { try limits.checkWrite(serviceId: "slack") }
        #expect(KeyLimits.unrestricted.allows(serviceId: "anything"))
        #expect(KeyLimits.unrestricted.narrowing(["a": "b"]) == ["a": "b"])
    }

    @Test("limits cover only narrower limits")
    func coversLimits() {
        let tenant = KeyLimits(tags: ["tenantId": "contoso"])
        #expect(KeyLimits.unrestricted.covers(tenant))
        #expect(!tenant.covers(.unrestricted))
        #expect(tenant.covers(KeyLimits(tags: ["tenantId": "contoso", "userId": "u1"])))
        #expect(!tenant.covers(KeyLimits(tags: ["tenantId": "fabrikam"])))
        let hubspot = KeyLimits(services: ["hubspot"])
        #expect(hubspot.covers(KeyLimits(services: ["hubspot"], tags: ["a": "b"])))
        #expect(!hubspot.covers(KeyLimits(services: ["hubspot", "slack"])))
        #expect(!hubspot.covers(.unrestricted))
    }

    @Test("a maker must cover the key; lifetimes are bounded")
    func rules() throws {
        let maker = APIKey(
            id: "key_a", name: "a", secretHash: Data(), createdAt: Date(), scopes: KeyScopes([.keysWrite, .tokensRead]),
            limits: KeyLimits(tags: ["tenantId": "contoso"]))
        var key = maker
        key.scopes = KeyScopes([.tokensRead])
        try APIKeyRules.checkCreator(maker, covers: key)
        key.scopes = .admin
        #expect(throws: KeywayError.self) { try APIKeyRules.checkCreator(maker, covers: key) }
        key.scopes = KeyScopes([.tokensRead])
        key.limits = .unrestricted
        #expect(throws: KeywayError.self) { try APIKeyRules.checkCreator(maker, covers: key) }
        try APIKeyRules.validate(scopes: .admin, limits: .unrestricted, lifetime: 86_400)
        for bad in [0, -1, .infinity, .nan, APIKeyRules.maximumLifetime + 1] as [Double] {
            #expect(throws: KeywayError.self) { try APIKeyRules.validate(scopes: .admin, limits: .unrestricted, lifetime: bad) }
        }
        #expect(throws: KeywayError.self) {
            try APIKeyRules.validate(scopes: .admin, limits: KeyLimits(services: []), lifetime: nil)
        }
        let expiring = APIKey(id: "k", name: "k", secretHash: Data(), createdAt: Date(), expiresAt: Date(timeIntervalSince1970: 100))
        #expect(expiring.isExpired(at: Date(timeIntervalSince1970: 100)))
        #expect(!expiring.isExpired(at: Date(timeIntervalSince1970: 99.999)))
    }
}
