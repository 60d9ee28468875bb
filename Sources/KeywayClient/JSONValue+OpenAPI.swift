import Foundation
import KeywayAPI
import OpenAPIRuntime

extension JSONValue {
    /// The value a generated type carries as free-form JSON (`OpenAPIValueContainer`), converted at the SDK's
    /// boundary so that apps only ever see ``JSONValue``.
    init(_ container: OpenAPIValueContainer) {
        self.init(openAPIValue: container.value)
    }

    /// The runtime keeps free-form JSON as `Bool`, `Int`, `Double`, `String`, arrays and dictionaries of the
    /// same, and nil for `null`.
    private init(openAPIValue value: (any Sendable)?) {
        guard let value else {
            self = .null
            return
        }
        switch value {
        case let value as Bool: self = .bool(value)
        case let value as Int: self = .number(Double(value))
        case let value as Double: self = .number(value)
        case let value as String: self = .string(value)
        case let value as [(any Sendable)?]: self = .array(value.map(JSONValue.init(openAPIValue:)))
        case let value as [String: (any Sendable)?]: self = .object(value.mapValues(JSONValue.init(openAPIValue:)))
        default: self = .null
        }
    }
}
