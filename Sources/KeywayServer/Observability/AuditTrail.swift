import KeywayCore
import Synchronization

/// What a route learns while it runs and the audit needs afterwards: the identity a tag lookup resolved to,
/// and a proxied call's method, path template and provider status. ``AuditMiddleware`` puts one in the
/// context of audited routes.
public final class AuditTrail: Sendable {
    struct State {
        var identityId: String?
        var method: String?
        var path: String?
        var upstreamStatus: Int?
        var target: String?
    }

    private let state = Mutex(State())

    init() {}

    var snapshot: State { state.withLock { $0 } }

    /// The identity the request resolved to.
    public var identityId: String? {
        get { state.withLock { $0.identityId } }
        set { state.withLock { $0.identityId = newValue } }
    }

    /// What the request acted on besides an identity, such as the key it created.
    public var target: String? {
        get { state.withLock { $0.target } }
        set { state.withLock { $0.target = newValue } }
    }

    /// Notes a proxied call that reached the provider: the identity, the method, the upstream path reduced to
    /// ``proxyPathTemplate(_:)``, and the provider's status.
    func note(_ proxied: ProxyResponse, method: String, path: String) {
        state.withLock {
            $0.identityId = proxied.identityId
            $0.method = method
            $0.path = Self.proxyPathTemplate(path)
            $0.upstreamStatus = proxied.status.code
        }
    }

    /// An upstream path reduced to its first segment (`/crm/…`): the rest may carry record ids, e-mail
    /// addresses or other personal data, and the query never goes in.
    static func proxyPathTemplate(_ path: String) -> String {
        let withoutQuery = path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        let segments = withoutQuery.split(separator: "/", omittingEmptySubsequences: true)
        guard let first = segments.first else { return "/" }
        let shown = first.prefix(64)
        return segments.count > 1 ? "/\(shown)/…" : "/\(shown)"
    }
}
