import Foundation
import KeywayCore

/// The opaque paging cursor of identity lists: base64url of `v1:<seq>`, where seq is the insertion
/// order of the last identity of the page.
enum IdentityCursor {
    private static let prefix = "v1:"

    /// The cursor that continues after the identity with this sequence number.
    static func encode(_ seq: Int64) -> String {
        Data((prefix + String(seq)).utf8).base64URLEncodedString()
    }

    /// The sequence number a cursor continues after.
    ///
    /// - Throws: ``KeywayError`` `invalid_cursor` (400) when the cursor was not made by ``encode(_:)``.
    static func decode(_ cursor: String) throws -> Int64 {
        guard cursor.count <= 64, let data = Data(base64URLEncoded: cursor),
            let text = String(data: data, encoding: .utf8), text.hasPrefix(prefix),
            let seq = Int64(text.dropFirst(prefix.count)), seq >= 0
        else {
            throw KeywayError.invalid("invalid_cursor", "The 'next' cursor is not one this list returned.")
        }
        return seq
    }
}
