import Foundation

extension Date {
    /// The time as an RFC 3339 UTC string with millisecond precision, as the HTTP contract shows times.
    public var rfc3339: String {
        rfc3339Formatter.format(self)
    }

    /// Whole milliseconds since 1970, the form the stores keep.
    public var millisecondsSince1970: Int64 {
        Int64((timeIntervalSince1970 * 1000).rounded())
    }

    /// The date `milliseconds` after 1970.
    public init(millisecondsSince1970 milliseconds: Int64) {
        self.init(timeIntervalSince1970: Double(milliseconds) / 1000)
    }
}

private let rfc3339Formatter = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)
