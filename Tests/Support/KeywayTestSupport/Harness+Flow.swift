import Foundation
import Testing

extension Harness {
    /// Creates a session over the API and returns its connect URL.
    public func createSession(
        service: String = "hubspot", tags: [String: String] = ["tenantId": "contoso", "userId": "u1"],
        finishedUrl: String = "http://127.0.0.1:9/finished", params: [String: String] = [:]
    ) async throws -> String {
        var body: [String: Any] = ["tags": tags, "finishedUrl": finishedUrl]
        if !params.isEmpty { body["params"] = params }
        let json = String(decoding: try JSONSerialization.data(withJSONObject: body, options: .sortedKeys), as: UTF8.self)
        let answer = try await http.post("\(api)/services/\(service)/sessions", json: json)
        #expect(answer.status == 201, "\(answer.body)")
        return try #require(answer.json["url"] as? String)
    }

    /// Walks a browser from the connect URL through the consent page to the app's finished URL, and
    /// returns the last redirect's `Location` (the finished URL with its query).
    public func walk(_ connectURL: String, decision: String = "allow") async throws -> String {
        try await Browser(http: http).walk(connectURL, decision: decision)
    }

    /// Walks from the connect URL through the consent page and returns the provider's redirect to the
    /// callback, without following it.
    public func consent(_ connectURL: String, decision: String = "allow") async throws -> String {
        try await Browser(http: http).consent(connectURL, decision: decision)
    }

    /// Connects one identity with the given tags and returns its id.
    public func connect(tags: [String: String] = ["tenantId": "contoso", "userId": "u1"]) async throws -> String {
        let finished = try await walk(try await createSession(tags: tags))
        let query = queryItems(finished)
        return try #require(query["identityId"], "finished with \(query)")
    }
}

/// The sandbox consent page's form: its action and hidden fields.
public struct ConsentForm {
    public let action: String
    public let fields: [(String, String)]

    public init?(html: String) {
        guard let actionRange = html.range(of: #"action="([^"]*)""#, options: .regularExpression) else { return nil }
        action = Self.unescape(String(html[actionRange].dropFirst(8).dropLast()))
        var fields: [(String, String)] = []
        let pattern = #"<input type="hidden" name="([^"]*)" value="([^"]*)">"#
        let regex = try! NSRegularExpression(pattern: pattern)
        let nsRange = NSRange(html.startIndex..., in: html)
        for match in regex.matches(in: html, range: nsRange) {
            let name = String(html[Range(match.range(at: 1), in: html)!])
            let value = String(html[Range(match.range(at: 2), in: html)!])
            fields.append((Self.unescape(name), Self.unescape(value)))
        }
        self.fields = fields
    }

    public static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
