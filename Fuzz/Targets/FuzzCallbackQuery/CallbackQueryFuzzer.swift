import Foundation
import FuzzSupport
import KeywayCore

// The callback's raw query (CallbackQuery), as a browser could deliver it. Properties:
// - nothing traps; a refusal is `invalid_callback`;
// - an accepted query is within the limits, its names are unique, non-empty and free of control characters,
//   and each value is what an independent decoding of the raw pairs gives;
// - a raw query in which two pairs decode to the same name is refused;
// - the accepted values survive a round trip through FormEncoding (when its text is within the limit).

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCallbackQuery(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    let raw = input.restAsText()
    let independent = decodePairs(raw)
    let query: CallbackQuery
    do {
        query = try CallbackQuery(raw: raw)
    } catch {
        require(error.code == "invalid_callback", "refused with \(error.code)")
        return 0
    }
    let values = query.values
    require(raw.utf8.count <= CallbackQuery.maximumLength, "an oversized query was accepted")
    require(values.count <= CallbackQuery.maximumParameterCount, "too many parameters were accepted")
    for (name, value) in values {
        require(!name.isEmpty, "a nameless parameter was accepted")
        require(!hasControl(name) && !hasControl(value), "a control character was accepted")
    }
    guard let pairs = independent else {
        require(false, "accepted a query with malformed percent-encoding: \(raw.debugDescription)")
        return 0
    }
    require(Set(pairs.map(\.0)).count == pairs.count, "a repeated parameter was accepted: \(raw.debugDescription)")
    require(pairs.count == values.count, "parameters were lost or invented")
    for (name, value) in pairs { require(values[name] == value, "'\(name)' decoded differently") }

    // FormEncoding escapes every byte but the unreserved ones, so the text may outgrow the limit: not compared then.
    let encoded = FormEncoding.encode(values.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
    guard encoded.utf8.count <= CallbackQuery.maximumLength else { return 0 }
    let reparsed = try? CallbackQuery(raw: encoded)
    require(reparsed?.values == values, "accepted values do not survive FormEncoding: \(encoded.debugDescription)")
    return 0
}

/// The pairs of a raw query, percent-decoded, with `+` kept; nil when an encoding is malformed.
func decodePairs(_ raw: String) -> [(String, String)]? {
    var pairs: [(String, String)] = []
    for pair in raw.split(separator: "&") {
        let name = pair.prefix { $0 != "=" }
        let value = pair.count > name.count ? pair.dropFirst(name.count + 1) : ""
        guard let decodedName = String(name).removingPercentEncoding,
            let decodedValue = String(value).removingPercentEncoding
        else { return nil }
        pairs.append((decodedName, decodedValue))
    }
    return pairs
}

func hasControl(_ text: String) -> Bool {
    text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
}
