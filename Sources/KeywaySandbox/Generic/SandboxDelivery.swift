/// How a generic sandbox delivers the bodies of its token and API answers: at once, or as a hostile provider
/// would, trickling or far too large. Tests switch it at runtime with ``SandboxGeneric/setDelivery(_:)``, so
/// that, say, a refresh trickles after a normal code exchange.
public enum SandboxDelivery: Sendable, Equatable {
    /// The whole answer at once.
    case immediate
    /// The head at once, then the body `bytes` at a time with a pause of `every` between pieces (the declared
    /// `Content-Length` stays right). A 200-byte answer sent a byte every 100 ms takes 20 s.
    case trickle(bytes: Int, every: Duration)
    /// The answer with a padding field of `bytes` bytes in front of its own fields
    /// (`{"padding":"aaaa…","access_token":…}`), sent in chunks without a `Content-Length` and generated as
    /// it goes: the sandbox never holds it whole. It is valid JSON, so only a size cap refuses it.
    case huge(bytes: Int)
}

/// What a generic sandbox's deliveries did, for tests.
public struct SandboxDeliveryStats: Sendable, Equatable {
    /// Body bytes written to clients by the token and API routes.
    public var bytesSent = 0
    /// Answers whose body could not be written to the end because the client went away (cut them off).
    public var abandoned = 0

    /// No deliveries yet.
    public init() {}
}
