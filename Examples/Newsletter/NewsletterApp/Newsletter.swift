import AsyncHTTPClient
import Foundation
import Hummingbird
import KeywayClient
import KeywayHummingbird

private let serviceId = "hubspot"
private let userId = "usr-123"  // normally determined through authentication
private let tenantId = "contoso"  // organization/project userId is part of

/// The newsletter platform of the tutorial: Contoso connects its HubSpot here, and every newsletter signup
/// becomes a contact in Contoso's HubSpot. Keyway runs the OAuth flow and keeps the tokens fresh; the app
/// stores nothing.
public struct Newsletter: Sendable {
    let keyway: KeywayClient
    let hubspot: HubSpotContacts
    let webhookSecret: String?
    let reconnect = TenantSet()  // tenants whose HubSpot refused a refresh, as Keyway's webhook said

    /// Creates the app over a Keyway client; HubSpot is called through `httpClient`. `webhookSecret` is the
    /// secret of a Keyway webhook endpoint pointing at `/webhooks/keyway` (`keyway webhook add`), if any.
    public init(keyway: KeywayClient, httpClient: HTTPClient = .shared, webhookSecret: String? = nil) {
        (self.keyway, self.webhookSecret) = (keyway, webhookSecret)
        self.hubspot = HubSpotContacts(httpClient: httpClient)
    }

    /// The app's routes.
    public func router() -> Router<BasicRequestContext> {
        let (keyway, hubspot, reconnect, webhookSecret) = (self.keyway, self.hubspot, self.reconnect, self.webhookSecret)
        let router = Router()
        router.add(middleware: ErrorPageMiddleware())
        router.get("/") { _, _ in Response.redirect(to: "/integrations") }

        // Keyway's signed webhook: a refused refresh shows Reconnect at once, before any token read fails
        router.post("/webhooks/keyway") { request, _ in
            let body = Data(try await request.body.collect(upTo: 1 << 16).readableBytesView)
            let headers = Dictionary(request.headers.map { ($0.name.canonicalName, $0.value) }) { $1 }
            guard let secret = webhookSecret, let event = try? KeywayWebhook.verify(body: body, headers: headers, secret: secret)
            else { return Response(status: .unauthorized) }
            if event.data.serviceId == serviceId, let tenant = event.data.tags["tenantId"] {
                reconnect.set(tenant, event.type == "identity.refresh_failed")
            }
            return Response(status: .noContent)
        }

        // The management page that shows connected services
        router.get("/integrations") { _, _ in
            if reconnect.contains(tenantId) { return HTML.page("reconnect", ["message": "HubSpot refused a refresh."]) }
            // Check if the user's organization has already authorized access to HubSpot
            let credentials: ConnectedIdentity?
            do {
                credentials = try await keyway.identity(for: serviceId, tags: ["tenantId": tenantId])
            } catch let error as KeywayClientError where error.needsReconnection {
                // Connected once, but HubSpot no longer accepts it: offer to connect again
                return HTML.page("reconnect", ["message": error.message])
            }
            // Present options to reconnect, disconnect and test; or the option to connect
            return HTML.page(credentials != nil ? "connected" : "not-connected")
        }

        // Endpoint that initiates authorization process to HubSpot
        router.addRoutes(
            keyway.authorize(
                serviceId, at: "/integrations/hubspot/connect", finishedURL: "/integrations/hubspot/connected",
                tags: { request, context in ["tenantId": tenantId, "userId": userId] }))

        // Endpoint redirected to when HubSpot authorization process has completed
        router.get("/integrations/hubspot/connected") { request, _ in
            let result = ConnectionResult(request)
            if let error = result.error {
                return HTML.page("authorization-error", ["error": error, "description": result.errorDescription ?? ""])
            }
            reconnect.set(tenantId, false)
            return Response.redirect(to: "/integrations")
        }

        // Endpoint used to disconnect from a service
        router.get("/integrations/hubspot/disconnect") { _, _ in
            try await keyway.deleteIdentities(for: serviceId, tags: ["tenantId": tenantId])
            reconnect.set(tenantId, false)
            return Response.redirect(to: "/integrations")
        }

        // Test page that contains a newsletter signup form and postback logic
        router.get("/newsletter/signup") { request, _ in
            guard let email = request.uri.queryParameters["email"].map(String.init), !email.isEmpty else {
                // Send signup form
                return HTML.page("signup-form")
            }
            // Process form submission
            guard let credentials = try await keyway.identity(for: serviceId, tags: ["tenantId": tenantId]) else {
                return HTML.page("signup-done", ["outcome": "HubSpot Contact not created (HubSpot not connected)."])
            }
            // HubSpot is connected, create a Contact record at the service's API (the sandbox's, when it is one)
            let apiBaseURL = try await keyway.service(serviceId).apiBaseUrl ?? "https://api.hubapi.com"
            do {
                let contactId = try await hubspot.create(
                    email: email, accessToken: credentials.accessToken, apiBaseURL: apiBaseURL)
                return HTML.page("signup-done", ["outcome": "HubSpot ID: \(contactId)"])
            } catch let error as HubSpotError {
                return HTML.page("signup-done", ["outcome": "HubSpot Contact not created: \(error.message)"])
            }
        }
        return router
    }
}
