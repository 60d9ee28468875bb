import Foundation
import FuzzSupport
import KeywayCore

// Tag syntax as a caller could send it: the `Keyway-Tags` header (TagSyntax.parseHeader), `?tag=k:v` filters
// (TagSyntax.parseFilters, one filter per NUL-separated piece) and a JSON body's tags (TagSyntax.validate).
// Properties:
// - nothing traps; a refusal is `invalid_tags`;
// - accepted tags pass validate: at most 16, keys of 1–64 allowed characters, values of 1–256 characters
//   without control characters;
// - accepted tags survive a round trip through the header syntax (percent-encoded with FormEncoding) and the
//   filter syntax.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTags(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    let mode = input.byte() % 3
    let text = input.restAsText()
    let tags: Tags
    do {
        switch mode {
        case 0:
            tags = try TagSyntax.parseHeader(text)
        case 1:
            tags = try TagSyntax.parseFilters(text.split(separator: "\0", omittingEmptySubsequences: false).map(String.init))
        default:
            var pairs: Tags = [:]
            for line in text.split(separator: "\0") {
                let parts = line.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                pairs[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
            }
            try TagSyntax.validate(pairs)
            tags = pairs
        }
    } catch {
        require(error.code == "invalid_tags", "refused with \(error.code)")
        return 0
    }
    do {
        try TagSyntax.validate(tags)
    } catch {
        require(false, "accepted tags fail validate: \(error.message)")
    }
    require(tags.count <= TagSyntax.maximumCount, "more than \(TagSyntax.maximumCount) tags were accepted")
    guard !tags.isEmpty else { return 0 }
    let sorted = tags.sorted { $0.key < $1.key }
    let header = sorted.map { "\(FormEncoding.escape($0.key))=\(FormEncoding.escape($0.value))" }.joined(separator: ",")
    require((try? TagSyntax.parseHeader(header)) == tags, "tags do not survive the header syntax: \(header.debugDescription)")
    let filters = sorted.map { "\($0.key):\($0.value)" }
    require((try? TagSyntax.parseFilters(filters)) == tags, "tags do not survive the filter syntax: \(filters)")
    return 0
}
