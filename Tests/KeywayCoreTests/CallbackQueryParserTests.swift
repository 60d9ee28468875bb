import KeywayCore
import Testing

@Suite("Callback query parser")
struct CallbackQueryParserTests {
    @Test("names and values are percent-decoded; a plus stays a plus; empty and valueless pairs are kept")
    func decodes() throws {
        let query = try CallbackQuery(raw: "code=a%2Fb+c&st%61te=s1&iss=https%3A%2F%2Fid.example&flag&empty=&&")
        #expect(query.values == ["code": "a/b+c", "state": "s1", "iss": "https://id.example", "flag": "", "empty": ""])
        #expect(try CallbackQuery(raw: nil).values.isEmpty)
        #expect(try CallbackQuery(raw: "").values.isEmpty)
        #expect(try CallbackQuery(raw: "x=1=2").values == ["x": "1=2"])
    }

    @Test(
        "a parameter given twice is refused, however it is spelled",
        arguments: ["state=a&state=b", "state=a&state=a", "code=1&code=2", "iss=x&iss=y", "state=a&st%61te=b", "x=&x="])
    func duplicates(raw: String) {
        let error = #expect(throws: KeywayError.self) { try CallbackQuery(raw: raw) }
        #expect(error?.code == "invalid_callback")
    }

    @Test(
        "malformed encodings, control characters, nameless pairs and oversized queries are refused",
        arguments: [
            "code=%zz", "code=%", "%zz=1", "state=a%00b", "note=%0D%0A", "=value", "code=\u{7F}",
            String(repeating: "a", count: CallbackQuery.maximumLength + 1),
            (0...CallbackQuery.maximumParameterCount).map { "p\($0)=1" }.joined(separator: "&"),
        ])
    func refused(raw: String) {
        let error = #expect(throws: KeywayError.self) { try CallbackQuery(raw: raw) }
        #expect(error?.code == "invalid_callback")
    }

    @Test("the limits themselves are accepted")
    func atLimits() throws {
        let many = (1...CallbackQuery.maximumParameterCount).map { "p\($0)=1" }.joined(separator: "&")
        #expect(try CallbackQuery(raw: many).values.count == CallbackQuery.maximumParameterCount)
        let long = "code=" + String(repeating: "a", count: CallbackQuery.maximumLength - 5)
        #expect(try CallbackQuery(raw: long).values["code"]?.count == CallbackQuery.maximumLength - 5)
    }
}
