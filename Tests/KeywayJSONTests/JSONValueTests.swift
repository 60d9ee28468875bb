import Foundation
import KeywayJSON
import Testing

/// The one JSONValue's semantics, without I/O: what KeywayCore (native fields, metadata) and the SDK (a
/// token's `native`) both read.
@Suite("JSONValue")
struct JSONValueTests {
    @Test("stringValue: strings as they are, numbers in their shortest form, booleans as true/false, else nil")
    func stringValue() {
        #expect(JSONValue.string("contoso").stringValue == "contoso")
        #expect(JSONValue.number(62515).stringValue == "62515")
        #expect(JSONValue.number(-3).stringValue == "-3")
        #expect(JSONValue.number(1.5).stringValue == "1.5")
        #expect(JSONValue.bool(true).stringValue == "true")
        #expect(JSONValue.bool(false).stringValue == "false")
        #expect(JSONValue.null.stringValue == nil)
        #expect(JSONValue.array([.string("a")]).stringValue == nil)
        #expect(JSONValue.object(["a": .string("b")]).stringValue == nil)
    }

    @Test("doubleValue reads numbers and numeric strings (spaces around ignored), nothing else")
    func doubleValue() {
        #expect(JSONValue.number(1800).doubleValue == 1800)
        #expect(JSONValue.string(" 42.5 ").doubleValue == 42.5)
        #expect(JSONValue.string("soon").doubleValue == nil)
        #expect(JSONValue.bool(true).doubleValue == nil)
        #expect(JSONValue.string("").doubleValue == nil)
    }

    @Test("decoding keeps every shape apart; encoding writes whole numbers without a fraction")
    func roundTrip() throws {
        let text = #"{"a":1,"b":true,"c":"1","d":null,"e":[1.5,"x",false],"f":{"g":{"h":"deep"}},"i":0}"#
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        #expect(value["a"] == .number(1))
        #expect(value["b"] == .bool(true))
        #expect(value["c"] == .string("1"))
        #expect(value["d"] == .null)
        #expect(value["e"] == .array([.number(1.5), .string("x"), .bool(false)]))
        #expect(value["i"] == .number(0))
        #expect(value[path: "f.g.h"] == .string("deep"))
        #expect(value[path: "f.missing.h"] == nil)
        #expect(value["a"]?["nested"] == nil)
        #expect(value.objectValue?.count == 7)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(String(decoding: try encoder.encode(value), as: UTF8.self) == text)
    }
}
