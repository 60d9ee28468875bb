import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat

/// The one HubSpot call the app makes: `POST /crm/v3/objects/contacts`, with the token Keyway handed out.
struct HubSpotContacts: Sendable {
    let httpClient: HTTPClient

    private struct Contact: Codable {
        var id: String?
        var properties: [String: String]?
    }

    private struct Failure: Decodable {
        var message: String?
    }

    /// Creates a contact with this email and returns its HubSpot id.
    ///
    /// - Throws: ``HubSpotError`` when HubSpot refuses (an invalid or duplicate email, say).
    func create(email: String, accessToken: String, apiBaseURL: String) async throws -> String {
        var request = HTTPClientRequest(url: apiBaseURL + "/crm/v3/objects/contacts")
        request.method = .POST
        request.headers.add(name: "Authorization", value: "Bearer \(accessToken)")
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(data: try JSONEncoder().encode(Contact(properties: ["email": email]))))
        let response = try await httpClient.execute(request, timeout: .seconds(30))
        let body = Data(buffer: try await response.body.collect(upTo: 1 << 20))
        guard response.status == .created, let id = try? JSONDecoder().decode(Contact.self, from: body).id else {
            let message = (try? JSONDecoder().decode(Failure.self, from: body))?.message
            throw HubSpotError(message: message ?? "HubSpot answered \(response.status.code).")
        }
        return id
    }
}
