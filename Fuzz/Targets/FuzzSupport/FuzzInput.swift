import Foundation

/// The bytes libFuzzer hands a target, read from the front: a few choice bytes, then the rest as data.
public struct FuzzInput {
    private let bytes: [UInt8]
    private var position = 0

    /// Copies libFuzzer's buffer.
    public init(_ data: UnsafePointer<UInt8>?, _ size: Int) {
        bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    }

    /// The next byte, or 0 when the input is used up.
    public mutating func byte() -> UInt8 {
        guard position < bytes.count else { return 0 }
        defer { position += 1 }
        return bytes[position]
    }

    /// One of `choices`, picked by the next byte.
    public mutating func pick<Element>(_ choices: [Element]) -> Element {
        choices[Int(byte()) % choices.count]
    }

    /// The next `count` bytes at most.
    public mutating func take(_ count: Int) -> [UInt8] {
        let end = min(bytes.count, position + max(0, count))
        defer { position = end }
        return Array(bytes[position..<end])
    }

    /// Everything not read yet.
    public mutating func rest() -> [UInt8] { take(bytes.count) }

    /// Everything not read yet, as UTF-8 text (invalid sequences become U+FFFD, as a server would decode them).
    public mutating func restAsText() -> String { String(decoding: rest(), as: UTF8.self) }
}

/// Stops the run when a property of the code under test fails: libFuzzer then saves the input as a crash
/// (`crash-<sha1>`), which `scripts/fuzz.sh` reports.
public func require(
    _ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String, file: StaticString = #fileID,
    line: UInt = #line
) {
    if !condition() { fatalError("fuzz property failed: \(message())", file: file, line: line) }
}
