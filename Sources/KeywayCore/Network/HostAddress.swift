#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What kind of network a URL's host names, judged from the host text alone (no DNS lookup).
///
/// IPv4 literals are read the way the system resolver reads them (`inet_aton`), so `127.1`, `0x7f.0.0.1`,
/// `0177.0.0.1` and `2130706433` are all loopback, as they are to the HTTP client that would connect to them.
public enum HostAddress: Sendable, Hashable {
    /// A public address or an ordinary DNS name.
    case publicHost
    /// `127.0.0.0/8`, `::1`, `localhost` and names under `.localhost` (RFC 6761).
    case loopback
    /// `169.254.0.0/16` (cloud metadata services live here) and `fe80::/10`.
    case linkLocal
    /// RFC 1918 ranges, the shared address space `100.64.0.0/10` and unique local IPv6 `fc00::/7`.
    case privateNetwork
    /// `0.0.0.0/8`, `::`, multicast, broadcast and the reserved `240.0.0.0/4`: nothing Keyway should reach.
    case reserved

    /// Whether Keyway may reach the host without the operator's explicit consent.
    public var isPublic: Bool { self == .publicHost }

    /// Classifies a host as it appears in a URL (IPv6 literals with or without brackets).
    public static func classify(_ host: String) -> HostAddress {
        var name = host.lowercased()
        if name.hasPrefix("["), name.hasSuffix("]") { name = String(name.dropFirst().dropLast()) }
        while name.hasSuffix(".") { name.removeLast() }
        if let zone = name.firstIndex(of: "%") { name = String(name[..<zone]) }
        if name.isEmpty { return .reserved }
        if name == "localhost" || name.hasSuffix(".localhost") { return .loopback }
        if let ipv4 = ipv4Address(name) { return classify(ipv4: ipv4) }
        if let ipv6 = ipv6Address(name) { return classify(ipv6: ipv6) }
        return .publicHost
    }

    /// Classifies an IPv4 address given in host byte order.
    static func classify(ipv4 address: UInt32) -> HostAddress {
        func within(_ network: UInt32, _ prefix: UInt32) -> Bool {
            let mask: UInt32 = prefix == 0 ? 0 : ~UInt32(0) << (32 - prefix)
            return address & mask == network
        }
        if within(0x7F00_0000, 8) { return .loopback }
        if within(0xA9FE_0000, 16) { return .linkLocal }
        if within(0x0A00_0000, 8) || within(0xAC10_0000, 12) || within(0xC0A8_0000, 16) || within(0x6440_0000, 10) {
            return .privateNetwork
        }
        if within(0x0000_0000, 8) || within(0xE000_0000, 4) || within(0xF000_0000, 4) { return .reserved }
        return .publicHost
    }

    /// Classifies an IPv6 address given as 16 bytes.
    static func classify(ipv6 bytes: [UInt8]) -> HostAddress {
        let allZeroPrefix = bytes[0..<10].allSatisfy { $0 == 0 }
        // IPv4-mapped (::ffff:a.b.c.d) and the deprecated IPv4-compatible (::a.b.c.d) forms.
        if allZeroPrefix, (bytes[10] == 0xFF && bytes[11] == 0xFF) || (bytes[10] == 0 && bytes[11] == 0 && bytes[12] != 0) {
            let v4 = bytes[12...].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            return classify(ipv4: v4)
        }
        if bytes[0..<15].allSatisfy({ $0 == 0 }) {
            return bytes[15] == 1 ? .loopback : bytes[15] == 0 ? .reserved : .publicHost
        }
        if bytes[0] == 0xFE, bytes[1] & 0xC0 == 0x80 { return .linkLocal }
        if bytes[0] & 0xFE == 0xFC { return .privateNetwork }
        if bytes[0] == 0xFF { return .reserved }
        return .publicHost
    }

    /// The IPv4 address `inet_aton` reads from the text, in host byte order, if it reads one.
    private static func ipv4Address(_ text: String) -> UInt32? {
        guard text.utf8.allSatisfy({ $0 < 0x80 }), !text.contains(":") else { return nil }
        var address = in_addr()
        guard inet_aton(text, &address) != 0 else { return nil }
        return UInt32(bigEndian: address.s_addr)
    }

    /// The IPv6 address in the text, if it is one.
    private static func ipv6Address(_ text: String) -> [UInt8]? {
        guard text.contains(":") else { return nil }
        var address = in6_addr()
        guard inet_pton(AF_INET6, text, &address) == 1 else { return nil }
        return withUnsafeBytes(of: &address) { Array($0) }
    }
}
