/// The RFC 9207 `iss` a generic sandbox adds to its authorization responses (successes and errors alike),
/// as an authorization server that identifies itself does. Set `identifier` to something other than what
/// the service records to play a mix-up: an answer that names another authorization server.
public struct SandboxIssuer: Sendable, Equatable {
    /// The value sent as `iss`.
    public var identifier: String

    /// Sends `identifier` as `iss`.
    public init(_ identifier: String) {
        self.identifier = identifier
    }

    /// An issuer no service records: the answer of an authorization server Keyway did not send the user to.
    public static let foreign = SandboxIssuer("https://attacker.example/oauth")
}
