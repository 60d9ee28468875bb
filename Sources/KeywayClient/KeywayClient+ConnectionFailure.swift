import AsyncHTTPClient

extension KeywayClient {
    /// Why Keyway could not be reached, in a few fixed words (`connection refused`, `unknown host`, `timed out`,
    /// `the connection was closed`), or nil when the error is none of those. Never the error's own text, which
    /// could hold the request.
    static func connectionFailure(_ error: any Error) -> String? {
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
        return nil
    }
}
