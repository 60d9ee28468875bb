extension KeywayClientError {
    /// The kinds of failure; a struct rather than an enum so that new kinds can be added without breaking
    /// exhaustive switches.
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable {
            case server, transport, invalidResponse, configuration, invalidArgument
        }

        private let base: Base

        private init(_ base: Base) { self.base = base }

        /// Keyway answered with an error status; ``KeywayClientError/code`` is its stable code.
        public static let server = Kind(.server)
        /// Keyway could not be reached, or the call timed out.
        public static let transport = Kind(.transport)
        /// Keyway answered with something the client could not read.
        public static let invalidResponse = Kind(.invalidResponse)
        /// The client is not configured: no URL or API key, or an unreadable profile.
        public static let configuration = Kind(.configuration)
        /// A value the contract does not allow (an unknown scope or event, say), refused before anything was
        /// sent; ``KeywayClientError/code`` is the code Keyway itself would have answered.
        public static let invalidArgument = Kind(.invalidArgument)

        /// The kind's name.
        public var description: String { base.rawValue }
    }
}
