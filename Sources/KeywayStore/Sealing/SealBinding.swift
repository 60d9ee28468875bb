import Crypto
import Foundation

/// The stored values a sealed blob is bound to besides its row and column: the fields of the row that steer
/// where its secret goes (a service's URLs and provider, an identity's service and metadata, …).
///
/// The fields are encoded canonically: each as its name, then a type byte (0 absent, 1 text, 2 text map,
/// 3 text list) and the value, every string prefixed with its UTF-8 length (4 bytes, big-endian), a map's
/// entries sorted by the UTF-8 bytes of their keys, a list's items in order. So an absent value and an
/// empty one differ, no value can spill into the next, and the order in which a map was built does not
/// matter. ``digest`` (SHA-256 of that encoding, hex) is what the associated data carries.
public struct SealBinding: Sendable, Hashable {
    /// The canonical encoding of the fields added so far.
    public private(set) var encoded = Data()

    /// No fields: the binding of a blob bound to its row and column only.
    public init() {}

    /// Adds a text field, nil meaning absent.
    public mutating func add(_ name: String, _ value: String?) {
        append(name)
        guard let value else { return encoded.append(0) }
        encoded.append(1)
        append(value)
    }

    /// Adds a map of text fields.
    public mutating func add(_ name: String, _ values: [String: String]) {
        append(name)
        encoded.append(2)
        appendCount(values.count)
        for key in values.keys.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
            append(key)
            append(values[key] ?? "")
        }
    }

    /// Adds a list of texts.
    public mutating func add(_ name: String, _ values: [String]) {
        append(name)
        encoded.append(3)
        appendCount(values.count)
        values.forEach { append($0) }
    }

    /// SHA-256 of the canonical encoding, in lowercase hex.
    public var digest: String {
        SHA256.hash(data: encoded).map { String(format: "%02x", $0) }.joined()
    }

    private mutating func append(_ text: String) {
        let bytes = Array(text.utf8)
        appendCount(bytes.count)
        encoded.append(contentsOf: bytes)
    }

    private mutating func appendCount(_ count: Int) {
        withUnsafeBytes(of: UInt32(clamping: count).bigEndian) { encoded.append(contentsOf: $0) }
    }
}
