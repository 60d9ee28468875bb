import AsyncHTTPClient
import Foundation
import KeywayCore

/// Keyway answered with an error: the contract's `{"error": code, "message": text}` and its status.
struct ServerError: ReportableError {
    /// The HTTP status.
    let status: Int
    /// The stable error code, such as `identity_not_found`.
    let code: String
    /// The server's human-readable message.
    let detail: String

    var message: String { "\(code): \(detail)" }
    var exitStatus: ExitStatus { .failure }

    /// Reads an error body; a body that is not the contract's error shape still gives a clear line.
    init(status: Int, body: Data) {
        self.status = status
        struct Body: Decodable {
            var error: String
            var message: String?
        }
        if let parsed = try? JSONDecoder().decode(Body.self, from: body) {
            code = parsed.error
            detail = parsed.message ?? "HTTP \(status)"
        } else {
            code = "http_\(status)"
            detail = "Keyway answered HTTP \(status) without a JSON error body; is this URL a Keyway server?"
        }
    }
}

/// Keyway could not be reached: the connection was refused, timed out, or the host is unknown.
struct UnreachableError: ReportableError {
    /// The base URL the CLI tried.
    let url: String
    /// Why, in a few words.
    let reason: String

    init(url: String, underlying error: any Error) {
        self.url = url
        self.reason = Self.describe(error)
    }

    var message: String { "cannot reach Keyway at \(url): \(reason)" }
    var exitStatus: ExitStatus { .unreachable }

    private static func describe(_ error: any Error) -> String {
        if let error = error as? HTTPClientError {
            switch error {
            case .connectTimeout, .deadlineExceeded, .readTimeout, .writeTimeout: return "timed out"
            case .remoteConnectionClosed: return "the connection was closed"
            default: break
            }
        }
        let text = String(describing: error)
        if text.contains("ECONNREFUSED") || text.localizedCaseInsensitiveContains("connection refused") {
            return "connection refused"
        }
        if text.contains("dnsAError") || text.localizedCaseInsensitiveContains("name resolution")
            || text.localizedCaseInsensitiveContains("host not found")
        {
            return "unknown host"
        }
        if text.localizedCaseInsensitiveContains("timeout") || text.localizedCaseInsensitiveContains("timed out") {
            return "timed out"
        }
        return String(text.prefix(300))
    }
}
