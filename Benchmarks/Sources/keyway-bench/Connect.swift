import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Walks the sandbox consent flow like a browser and returns the new identity's id.
func connectIdentity(_ client: HTTPClient, api: String, key: String, origin: String) async throws -> String {
    func send(_ method: HTTPMethod, _ url: String, body: String? = nil, form: Bool = false, auth: Bool = false)
        async throws -> (Int, String?, String)
    {
        var request = HTTPClientRequest(url: url)
        request.method = method
        if auth { request.headers.add(name: "Authorization", value: "Bearer \(key)") }
        if let body {
            request.headers.add(name: "Content-Type", value: form ? "application/x-www-form-urlencoded" : "application/json")
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await client.execute(request, timeout: .seconds(30))
        let text = String(buffer: try await response.body.collect(upTo: 1 << 20))
        return (Int(response.status.code), response.headers.first(name: "location"), text)
    }
    let (_, _, created) = try await send(
        .POST, "\(api)/services/hubspot/sessions",
        body: #"{"tags":{"tenantId":"bench"},"finishedUrl":"http://127.0.0.1:9/finished"}"#, auth: true)
    let session = try JSONSerialization.jsonObject(with: Data(created.utf8)) as? [String: Any]
    guard let connect = session?["url"] as? String else { throw BenchError("no session: \(created)") }
    let (_, consentURL, _) = try await send(.GET, connect)
    guard let consentURL else { throw BenchError("connect did not redirect") }
    let (_, _, page) = try await send(.GET, consentURL)
    let inputs = try NSRegularExpression(pattern: #"<input type="hidden" name="([^"]*)" value="([^"]*)">"#)
    var fields: [String] = []
    for match in inputs.matches(in: page, range: NSRange(page.startIndex..., in: page)) {
        let name = String(page[Range(match.range(at: 1), in: page)!])
        let value = String(page[Range(match.range(at: 2), in: page)!]).replacingOccurrences(of: "&amp;", with: "&")
        fields.append("\(escape(name))=\(escape(value))")
    }
    let path = consentURL.components(separatedBy: "?")[0].replacingOccurrences(of: origin, with: "")
    let (_, callback, _) = try await send(.POST, origin + path, body: (fields + ["decision=allow"]).joined(separator: "&"), form: true)
    guard let callback else { throw BenchError("consent did not redirect") }
    let (_, finished, _) = try await send(.GET, callback)
    guard let finished, let id = URLComponents(string: finished)?.queryItems?.first(where: { $0.name == "identityId" })?.value
    else { throw BenchError("no identity") }
    return id
}

private func escape(_ text: String) -> String {
    text.addingPercentEncoding(withAllowedCharacters: CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")) ?? text
}
