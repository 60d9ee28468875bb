import Foundation
import Hummingbird
import KeywayCore

/// The fields any dashboard form posts (`application/x-www-form-urlencoded`), decoded with Hummingbird's
/// ``URLEncodedFormDecoder``; each handler reads the ones its form has.
struct DashboardForm: Decodable, Sendable {
    var csrf: String?
    var apiKey: String?
    var id: String?
    var provider: String?
    var clientId: String?
    var clientSecret: String?
    var scopes: String?
    var tags: String?
    var force: String?
    var name: String?
    var url: String?
    var events: String?
    var description: String?

    /// The largest form body the dashboard reads.
    static let maximumSize = 16 * 1024

    static func decode(_ request: Request) async throws -> DashboardForm {
        let body = try await request.body.collect(upTo: maximumSize)
        do {
            return try URLEncodedFormDecoder().decode(DashboardForm.self, from: String(buffer: body))
        } catch {
            throw KeywayError.invalid("invalid_form", "The form could not be read.")
        }
    }

    /// A space-separated field as a list, empty entries dropped.
    static func words(_ text: String?) -> [String] {
        (text ?? "").split(whereSeparator: \.isWhitespace).map(String.init)
    }

    /// A field that must be present and not blank.
    static func required(_ text: String?, _ name: String) throws(KeywayError) -> String {
        let value = (text ?? "").trimmingCharacters(in: .whitespaces)
        guard !value.isEmpty else { throw .invalid("missing_\(name)", "Fill in '\(name)'.") }
        return value
    }
}
