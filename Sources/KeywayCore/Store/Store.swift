import Foundation

/// Where Keyway keeps services, sessions, identities and API keys.
///
/// Implementations seal every secret (client secrets, tokens, PKCE verifiers) before it reaches the
/// database and hash session states and API key secrets. All methods are safe to call concurrently.
public protocol Store: Sendable {
    /// Every service, by id.
    func services() async throws -> [Service]
    /// One service.
    func service(id: String) async throws -> Service?
    /// Creates or replaces a service.
    func saveService(_ service: Service) async throws
    /// Deletes a service with its sessions and identities; false when there was none.
    func deleteService(id: String) async throws -> Bool

    /// Stores a new session.
    func insertSession(_ session: AuthorizationSession) async throws
    /// One session by id.
    func session(id: String) async throws -> AuthorizationSession?
    /// The session with this state, left in place.
    func session(state: String) async throws -> AuthorizationSession?
    /// Records the hash of the browser binding token of the first browser to open a session's connect link:
    /// writes it only when none is recorded yet, and returns whether it did (compare and set).
    func claimSession(id: String, browserHash: String) async throws -> Bool
    /// Removes and returns the session with this state, so that it is used at most once.
    func takeSession(state: String) async throws -> AuthorizationSession?
    /// Deletes sessions that expired before a time; returns how many.
    func deleteSessions(expiredBefore date: Date) async throws -> Int

    /// Stores a new identity.
    func insertIdentity(_ identity: Identity) async throws
    /// One identity of a service.
    func identity(serviceId: String, id: String) async throws -> Identity?
    /// A page of a service's identities carrying all the given tags, oldest first.
    func identities(serviceId: String, matching tags: Tags, limit: Int, after cursor: String?) async throws
        -> IdentityPage
    /// How many identities a service has.
    func countIdentities(serviceId: String) async throws -> Int
    /// Writes an identity only if its stored version still equals `expectedVersion` (compare and set).
    /// The identity's own `version` is written as the new version. Returns whether it was written.
    func updateIdentity(_ identity: Identity, expectedVersion: Int64) async throws -> Bool
    /// Like ``updateIdentity(_:expectedVersion:)``, and when written, enqueues `event` (if any) about the identity
    /// as written for every webhook endpoint that wants it, in the same transaction.
    func updateIdentity(_ identity: Identity, expectedVersion: Int64, event: WebhookEventType?) async throws -> Bool
    /// Deletes one identity; false when there was none. An `identity.deleted` event is enqueued in the same
    /// transaction (as ``insertIdentity(_:)`` enqueues `identity.created`).
    func deleteIdentity(serviceId: String, id: String) async throws -> Bool
    /// Active identities with a refresh token, of any service, whose token expires before `expiringBefore` or
    /// that were last written before `idleSince`, soonest expiry first: the work of refreshing ahead of need.
    func identitiesDueForRefresh(expiringBefore: Date, orIdleSince idleSince: Date?, limit: Int) async throws
        -> [Identity]
    /// Deletes every identity of a service carrying all the given tags; returns how many.
    func deleteIdentities(serviceId: String, matching tags: Tags) async throws -> Int

    /// Runs `body` holding the refresh lock of one identity: of all the Keyway processes sharing this store,
    /// at most one runs `body` for an identity at a time; the others wait here.
    ///
    /// The lock has no lifetime after which a slow refresh could run twice: it is held until `body` returns
    /// or throws, and released at once when its holder dies. A store used by one process only may run
    /// `body` directly (the engine already shares one refresh per identity within a process).
    func withRefreshLock<T: Sendable>(identityId: String, _ body: @Sendable () async throws -> T) async throws -> T
    /// Like ``withRefreshLock(identityId:_:)``, but returns nil at once, without running `body`, when another
    /// process holds the lock: for work that another replica is already doing.
    func withRefreshLockIfFree<T: Sendable>(identityId: String, _ body: @Sendable () async throws -> T)
        async throws -> T?

    /// Stores a new API key record.
    func insertAPIKey(_ key: APIKey) async throws
    /// One API key record.
    func apiKey(id: String) async throws -> APIKey?
    /// Every API key record.
    func apiKeys() async throws -> [APIKey]
    /// Deletes an API key; false when there was none.
    func deleteAPIKey(id: String) async throws -> Bool
    /// Records when keys were last used (key id → time), never moving a recorded time back.
    func recordAPIKeyUse(_ uses: [String: Date]) async throws

    /// Records a dashboard pass as signed out until `until`, when it would have expired anyway; every Keyway
    /// sharing the store then refuses it.
    func revokeDashboardPass(id: String, until: Date) async throws
    /// Whether a dashboard pass was signed out.
    func isDashboardPassRevoked(id: String) async throws -> Bool
    /// Forgets signed-out passes that expired before a time; returns how many.
    func deleteRevokedDashboardPasses(expiredBefore date: Date) async throws -> Int

    /// Stores a new webhook endpoint, its secret sealed.
    func insertWebhookEndpoint(_ endpoint: WebhookEndpoint) async throws
    /// Every webhook endpoint, oldest first, with its secret.
    func webhookEndpoints() async throws -> [WebhookEndpoint]
    /// Deletes a webhook endpoint with its deliveries; false when there was none.
    func deleteWebhookEndpoint(id: String) async throws -> Bool
    /// The latest deliveries of an endpoint, newest first, each with its attempts.
    func webhookDeliveries(endpointId: String, limit: Int) async throws -> [WebhookDelivery]
    /// Claims up to `limit` due deliveries of enabled endpoints for one attempt each, leased until `leaseUntil`:
    /// until then, or until the outcome is recorded, no other worker (of any process sharing the store) claims them.
    func claimWebhookDeliveries(now: Date, leaseUntil: Date, limit: Int) async throws -> [ClaimedWebhookDelivery]
    /// Records a claimed delivery's attempt and its consequence, in one transaction: `state` with the next
    /// attempt's time (pending), and for `disableEndpoint` the endpoint disabled and its pending deliveries
    /// cancelled. Ignored when the claim is no longer this worker's. Returns whether it was recorded.
    func recordWebhookAttempt(
        _ claimed: ClaimedWebhookDelivery, attempt: WebhookAttempt, state: WebhookDeliveryState, nextAttemptAt: Date?,
        disableEndpoint: String?
    ) async throws -> Bool
    /// Makes a delivery pending again, due at `now`, with a fresh retry horizon; false when there is none.
    func redeliverWebhook(deliveryId: String, now: Date) async throws -> Bool
    /// Enables an endpoint again (after a 410 disabled it), clearing its disabled reason; nil when there is none.
    func enableWebhookEndpoint(id: String) async throws -> WebhookEndpoint?
    /// How many deliveries are pending (due or waiting for a retry): the outbox depth. A cheap count.
    func pendingWebhookDeliveryCount() async throws -> Int
}

extension Store {
    /// Runs `body` directly: right for a store only one process uses.
    public func withRefreshLock<T: Sendable>(identityId: String, _ body: @Sendable () async throws -> T)
        async throws -> T
    {
        try await body()
    }

    /// Runs `body` directly: right for a store only one process uses.
    public func withRefreshLockIfFree<T: Sendable>(identityId: String, _ body: @Sendable () async throws -> T)
        async throws -> T?
    {
        try await body()
    }
}

/// One page of identities and the cursor of the next, if there is more.
public struct IdentityPage: Sendable {
    /// The identities on this page.
    public var items: [Identity]
    /// The opaque cursor of the next page, or nil at the end.
    public var next: String?

    /// Creates a page.
    public init(items: [Identity], next: String?) {
        self.items = items
        self.next = next
    }
}
