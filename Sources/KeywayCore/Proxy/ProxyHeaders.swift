/// Which headers cross the proxy.
enum ProxyHeaders {
    /// RFC 9110 §7.6.1 hop-by-hop headers, plus ones the proxy sets itself.
    static let hopByHop: Set<String> = [
        "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "proxy-connection", "te",
        "trailer", "transfer-encoding", "upgrade",
    ]

    /// The caller's headers that go upstream: not hop-by-hop, not named by `Connection`, not `Host`,
    /// `Authorization`, `Content-Length` (set from the body) or Keyway's own.
    static func forwardedRequestHeaders(_ headers: [(String, String)]) -> [(String, String)] {
        let dropped = hopByHop.union(connectionListed(headers)).union([
            "host", "authorization", "content-length", "expect", "keyway-identity", "keyway-tags",
        ])
        return headers.filter { !dropped.contains($0.0.lowercased()) }
    }

    /// The provider's headers that go back: not hop-by-hop and not `Content-Length` (set from the body).
    static func returnedResponseHeaders(_ headers: [(String, String)]) -> [(String, String)] {
        let dropped = hopByHop.union(connectionListed(headers)).union(["content-length"])
        return headers.filter { !dropped.contains($0.0.lowercased()) }
    }

    private static func connectionListed(_ headers: [(String, String)]) -> Set<String> {
        Set(
            headers.filter { $0.0.lowercased() == "connection" }
                .flatMap { $0.1.split(separator: ",") }
                .map { $0.trimmingCharacters(in: .whitespaces).lowercased() })
    }
}
