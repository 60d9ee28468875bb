import AsyncHTTPClient
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

    /// Creates the app over a Keyway client; HubSpot is called through `httpClient`.
    public init(keyway: KeywayClient, httpClient: HTTPClient = .shared) {
        self.keyway = keyway
        self.hubspot = HubSpotContacts(httpClient: httpClient)
    }

    /// The app's routes.
    public func router() -> Router<BasicRequestContext> {
        let (keyway, hubspot) = (self.keyway, self.hubspot)
        let router = Router()
        router.add(middleware: ErrorPageMiddleware())
        router.get("/") { _, _ in Response.redirect(to: "/integrations") }

        // The management page that shows connected services
        router.get("/integrations") { _, _ in
            // Check if the user's organization has already authorized access to HubSpot
            let credentials: ConnectedIdentity?
            do {
                credentials = try await keyway.identity(for: serviceId, tags: ["tenantId": tenantId])
            } catch let error as KeywayClientError where error.needsReconnection {
                // Connected once, but HubSpot no longer accepts it: offer to connect again
                return HTML.page("reconnect", ["message": error.message])
            }
            if credentials != nil {
                // Present options to reconnect or disconnect, and test
                return HTML.page("connected")
            } else {
                // Present option to connect
                return HTML.page("not-connected")
            }
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
            return Response.redirect(to: "/integrations")
        }

        // Endpoint used to disconnect from a service
        router.get("/integrations/hubspot/disconnect") { _, _ in
            try await keyway.deleteIdentities(for: serviceId, tags: ["tenantId": tenantId])
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
