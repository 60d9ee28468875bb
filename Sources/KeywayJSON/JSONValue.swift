/// A JSON value of any shape: a provider's own token response fields (`native`), identity metadata, and
/// anything else whose shape differs by provider. The one definition shared by Keyway's server side
/// (KeywayCore re-exports it) and the SDK (KeywayClient re-exports it); it has no dependencies.
///
/// Numbers are kept as `Double`: integral values up to 2^53 round-trip exactly and are written back without a
/// fraction (`62515`, not `62515.0`).
public enum JSONValue: Sendable, Hashable, Codable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number.
    case number(Double)
    /// A string.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object.
    case object([String: JSONValue])

    /// Reads any JSON value.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        // Most provider fields are strings, then numbers: trying those first avoids a thrown (and costly)
        // type mismatch for each of them. JSON keeps strings, numbers and booleans apart, so order is safe.
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode([String: JSONValue].self) {
            self = .object(value)
        } else {
            self = .array(try container.decode([JSONValue].self))
        }
    }

    /// Writes the value as JSON; an integral number is written without a fraction.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value):
            if let integer = Self.integral(value) {
                try container.encode(integer)
            } else {
                try container.encode(value)
            }
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// The member of an object; nil for other values or a missing key.
    public subscript(key: String) -> JSONValue? {
        objectValue?[key]
    }

    /// The value at a dotted path such as `authed_user.access_token`, or nil.
    public subscript(path path: String) -> JSONValue? {
        var current: JSONValue? = self
        for component in path.split(separator: ".") {
            guard case .object(let object) = current else { return nil }
            current = object[String(component)]
        }
        return current
    }

    /// The value as text, for the scalars only: a string as it is; a number in its shortest form, without a
    /// fraction when it is integral (`62515` for a `hub_id` of 62515, `1.5` for 1.5); a boolean as `true` or
    /// `false` (so that a provider's `"is_sandbox": true` reads the same as `"is_sandbox": "true"`).
    /// Nil for `null`, arrays and objects, which have no single text form.
    public var stringValue: String? {
        switch self {
        case .string(let value): value
        case .number(let value): Self.integral(value).map(String.init) ?? String(value)
        case .bool(let value): String(value)
        case .null, .array, .object: nil
        }
    }

    /// The numeric value of a number, or of a string that holds one (surrounding spaces ignored); nil otherwise.
    public var doubleValue: Double? {
        switch self {
        case .number(let value): value
        case .string(let value): Double(value.trimmingSpaces)
        default: nil
        }
    }

    /// The object's members, or nil when this is not an object.
    public var objectValue: [String: JSONValue]? {
        if case .object(let object) = self { return object }
        return nil
    }

    /// The value as an `Int64` when it is a whole number small enough to be exact in a `Double`.
    private static func integral(_ value: Double) -> Int64? {
        value.rounded() == value && abs(value) < 9.0e15 ? Int64(value) : nil
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs (Foundation-free, so that this target has no dependencies).
    fileprivate var trimmingSpaces: Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        let text = Substring(self)
        guard let first = text.firstIndex(where: { !isSpace($0) }), let last = text.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return text[first...last]
    }
}
