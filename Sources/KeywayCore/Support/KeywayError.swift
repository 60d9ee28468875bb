/// An error with a stable machine-readable code, a human message and the kind of failure it is.
///
/// The server maps ``kind`` to an HTTP status; the SDK and the CLI read ``code``. Messages never carry
/// tokens, codes or secrets.
public struct KeywayError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kinds of failure, each mapped to one HTTP status by the server.
    public enum Kind: Sendable, Hashable {
        /// 400: the request is malformed or a value is invalid.
        case badRequest
        /// 401: no valid API key.
        case unauthorized
        /// 403: the API key is valid but its scopes or limits do not cover the request.
        case forbidden
        /// 404: the named thing does not exist.
        case notFound
        /// 409: the request conflicts with the current state.
        case conflict
        /// 413: the body is too large.
        case payloadTooLarge
        /// 502: the provider failed or could not be reached.
        case badGateway
        /// 500: Keyway itself failed.
        case `internal`
    }

    /// The stable code, such as `identity_not_found`.
    public var code: String
    /// A human-readable explanation.
    public var message: String
    /// What kind of failure this is.
    public var kind: Kind

    /// Creates an error.
    public init(_ kind: Kind, _ code: String, _ message: String) {
        self.kind = kind
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}

extension KeywayError {
    /// A field or value in the request is invalid.
    public static func invalid(_ code: String = "invalid_request", _ message: String) -> KeywayError {
        KeywayError(.badRequest, code, message)
    }

    /// The service does not exist.
    public static func serviceNotFound(_ id: String) -> KeywayError {
        KeywayError(.notFound, "service_not_found", "No service named '\(id)'.")
    }

    /// The identity does not exist.
    public static func identityNotFound(_ detail: String = "No identity matches.") -> KeywayError {
        KeywayError(.notFound, "identity_not_found", detail)
    }

    /// A catalog provider does not exist.
    public static func providerNotFound(_ id: String) -> KeywayError {
        KeywayError(.notFound, "provider_not_found", "No provider named '\(id)' in the catalog.")
    }
}

extension KeywayError {
    /// The stable code of a stored record that failed its integrity check.
    public static let integrityFailedCode = "integrity_failed"

    /// A stored record whose sealed secret no longer opens with its current fields: it was changed outside
    /// Keyway (without the master key). It is not used, and nothing it holds is sent anywhere.
    public static func integrityFailed(_ what: String) -> KeywayError {
        KeywayError(
            .conflict, integrityFailedCode,
            "The stored \(what) failed its integrity check: it was changed outside Keyway (without the master key), "
                + "so it is not used; set it again or connect again.")
    }
}
