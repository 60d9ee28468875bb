import Hummingbird
import KeywayCore

/// The request context of every Keyway route: Hummingbird's core storage plus the API key that
/// authenticated the request, when the route needs one.
public struct KeywayRequestContext: RequestContext {
    /// Hummingbird's per-request storage.
    public var coreContext: CoreRequestContextStorage
    /// The key that authenticated this request, set by ``APIKeyMiddleware``.
    public var apiKey: APIKey?
    /// Where an audited route notes what the audit needs after it answers, set by ``AuditMiddleware``.
    public var auditTrail: AuditTrail?

    /// The limits of the key that authenticated this request (services, a tag filter), handed to the engine,
    /// which answers for what they do not reach as if it did not exist.
    public var keyLimits: KeyLimits { apiKey?.limits ?? .unrestricted }

    /// Creates a context for one request.
    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.apiKey = nil
        self.auditTrail = nil
    }

    /// JSON bodies larger than this are refused with 413 `payload_too_large`.
    public var maxUploadSize: Int { 1 << 20 }
}
