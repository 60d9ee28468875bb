import Foundation

extension Date {
    /// The time as an RFC 3339 UTC string with millisecond precision, as the HTTP contract shows times.
    public var rfc3339: String {
        rfc3339Formatter.format(self)
    }

    /// Whole milliseconds since 1970, the form the stores keep.
    ///
    /// Saturating: a date too far off for an `Int64` of milliseconds (a provider's `expires_in` of `1e300` once
    /// made one) gives `Int64.max` or `Int64.min`, and a NaN gives 0, rather than trapping.
    public var millisecondsSince1970: Int64 {
        let milliseconds = (timeIntervalSince1970 * 1000).rounded()
        if milliseconds.isNaN { return 0 }
        if milliseconds >= Double(Int64.max) { return .max }
        if milliseconds <= Double(Int64.min) { return .min }
        return Int64(milliseconds)
    }

    /// The date `milliseconds` after 1970.
    public init(millisecondsSince1970 milliseconds: Int64) {
        self.init(timeIntervalSince1970: Double(milliseconds) / 1000)
    }
}

private let rfc3339Formatter = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)
