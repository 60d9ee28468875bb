import KeywayAPI

/// One page of identities, and the cursor of the next page.
public struct IdentityPage: Sendable, Hashable {
    /// The identities on this page.
    public var items: [Identity]
    /// Pass it as `next:` to get the following page; nil on the last page.
    public var next: String?

    /// The page the contract's answer describes.
    init(_ wire: Components.Schemas.IdentityPage) {
        items = wire.items.map(Identity.init)
        next = wire.next
    }
}
