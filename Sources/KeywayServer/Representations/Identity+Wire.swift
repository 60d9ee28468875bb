import KeywayAPI
import KeywayCore

extension Components.Schemas.Identity: WireNulls {
    /// An identity as the contract shows it: tags, status and times, never tokens.
    init(_ identity: KeywayCore.Identity) throws(KeywayError) {
        self.init(
            id: identity.id, serviceId: identity.serviceId, tags: .init(additionalProperties: identity.tags),
            status: try wireCase(identity.status.rawValue), statusReason: identity.statusReason,
            metadata: .init(additionalProperties: identity.metadata), createdAt: identity.createdAt,
            updatedAt: identity.updatedAt, expiresAt: identity.expiresAt)
    }

    /// `expiresAt` is `null` for a token that does not expire.
    static var nullKeys: WireNullKeys { .keys(["expiresAt"]) }
}

extension Components.Schemas.IdentityPage: WireNulls {
    /// A page of identities with the cursor of the next one.
    init(_ page: KeywayCore.IdentityPage) throws(KeywayError) {
        var items: [Components.Schemas.Identity] = []
        for identity in page.items { items.append(try .init(identity)) }
        self.init(items: items, next: page.next)
    }

    /// `next` is `null` on the last page.
    static var nullKeys: WireNullKeys { .keys(["next"]) }
}
