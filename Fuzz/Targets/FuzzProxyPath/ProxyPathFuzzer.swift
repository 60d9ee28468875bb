import Foundation
import FuzzSupport
import KeywayCore

// Proxy paths and queries (ProxyPath.check, check(query:), upstreamURL) as a caller could send them, joined to
// a few API base URLs. Properties:
// - nothing traps; a refusal is `invalid_proxy_path`;
// - an accepted URL starts with the base, keeps its scheme, host and port, carries no user info, and its path
//   stays under the base's path, even after decoding it (no `.` or `..` segment, no leading `//`), and after Foundation
//   resolves it;
// - the query passes unchanged; check(path) and check(query:) agree with upstreamURL.

let bases = [
    "https://api.hubapi.com", "https://api.example.com/v2/", "http://127.0.0.1:8081/sandbox/hubspot",
    "https://tenant.example.com:8443/api/v1", "https://x.example/a%20b",
]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzProxyPath(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    let base = input.pick(bases)
    let split = Int(input.byte())
    let hasQuery = split & 1 == 1
    let bytes = input.rest()
    let cut = bytes.isEmpty ? 0 : min(bytes.count, split % (bytes.count + 1))
    let path = String(decoding: hasQuery ? bytes[..<cut] : bytes[...], as: UTF8.self)
    let query = hasQuery ? String(decoding: bytes[cut...], as: UTF8.self) : nil

    let pathAccepted = (try? ProxyPath.check(path)) != nil
    let queryAccepted = query.map { (try? ProxyPath.check(query: $0)) != nil } ?? true
    let url: String
    do {
        url = try ProxyPath.upstreamURL(base: base, path: path, query: query)
    } catch {
        require(error.code == "invalid_proxy_path", "refused with \(error.code)")
        return 0
    }
    require(pathAccepted && queryAccepted, "upstreamURL accepted what check refuses")

    var trimmedBase = base
    while trimmedBase.hasSuffix("/") { trimmedBase.removeLast() }
    // Compared as bytes: a combining mark at the start of the path would merge with the base's last character.
    require(url.utf8.starts(with: trimmedBase.utf8), "\(url) does not start with \(trimmedBase)")
    let after = url.utf8.dropFirst(trimmedBase.utf8.count)
    require(after.isEmpty || after.first == UInt8(ascii: "/") || after.first == UInt8(ascii: "?"), "\(url) extends the base's last segment")
    if let query, !query.isEmpty { require(url.utf8.reversed().starts(with: ("?" + query).utf8.reversed()), "the query changed") }

    guard let baseParts = URLComponents(string: trimmedBase), let parts = URLComponents(string: url) else {
        require(false, "an accepted URL does not parse: \(url.debugDescription)")
        return 0
    }
    require(
        parts.scheme == baseParts.scheme && parts.host == baseParts.host && parts.port == baseParts.port
            && parts.user == nil && parts.password == nil && parts.fragment == nil,
        "\(url) leaves \(trimmedBase)")
    let basePath = baseParts.percentEncodedPath
    let ownPath = String(parts.percentEncodedPath.dropFirst(basePath.count))
    require(parts.percentEncodedPath.hasPrefix(basePath), "\(url) leaves the base path")
    // Decoded three times, as ProxyPath judges double and triple encodings.
    var decoded = ownPath
    for _ in 0..<3 { decoded = decoded.removingPercentEncoding ?? decoded }
    let segments = decoded.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
    require(!segments.contains { $0 == ".." || $0 == "." }, "\(url) has a dot segment once decoded")
    require(!decoded.hasPrefix("//") && !decoded.contains("\\"), "\(url) has a leading '//' or a '\\' once decoded")
    if let resolved = URL(string: url)?.standardized, let host = resolved.host {
        require(host == baseParts.host, "Foundation resolves \(url) to host \(host)")
        // Percent-encoded: `URL.path` is empty when the path does not decode to UTF-8 (`%a9`).
        let resolvedPath = URLComponents(url: resolved, resolvingAgainstBaseURL: false)?.percentEncodedPath ?? ""
        require(resolvedPath.hasPrefix(basePath), "Foundation resolves \(url) outside the base")
    }
    return 0
}
