import Foundation
import Hummingbird
import KeywayCore

/// Services: the list, creating one from the catalog, editing, deleting, and connecting a test identity.
extension DashboardController {
    struct ServiceRow {
        var id: String
        var provider: String
        var clientId: String
        var identities: Int
        var callbackURL: String
    }

    @Sendable func services(_ request: Request, context: KeywayRequestContext, signedIn: SignedIn) async throws
        -> Response
    {
        var rows: [ServiceRow] = []
        for service in try await keyway.services() {
            let count = try await keyway.store.countIdentities(serviceId: service.id)
            rows.append(
                ServiceRow(
                    id: service.id, provider: service.provider, clientId: service.clientId, identities: count,
                    callbackURL: keyway.callbackURL(service: service.id)))
        }
        let notice = request.uri.queryParameters["deleted"].map { "Service \($0) deleted." }
        return Page.response(
            "services", title: "Services",
            context: ServicesPage(services: rows, notice: notice, csrf: signedIn.csrf), navigation: signedIn.navigation)
    }

    struct ServicesPage {
        var services: [ServiceRow]
        var notice: String?
        var csrf: String
    }

    struct ProviderCard {
        var id: String
        var displayName: String
        var docsUrl: String?
        var scopes: [String]
        var scopeText: String
        var callbackURL: String
    }

    /// The catalog picker: providers whose name matches the search (the first 30), each with its documentation,
    /// default scopes, the callback URL to register, and a form to create the service.
    @Sendable func newService(_ request: Request, context: KeywayRequestContext, signedIn: SignedIn) async throws
        -> Response
    {
        let search = String((request.uri.queryParameters["search"].map(String.init) ?? "").prefix(100))
        let cards = keyway.catalog.providers(matching: search).prefix(30).map {
            ProviderCard(
                id: $0.id, displayName: $0.displayName, docsUrl: $0.docsUrl, scopes: $0.defaultScopes,
                scopeText: $0.defaultScopes.joined(separator: " "), callbackURL: keyway.callbackURL(service: $0.id))
        }
        return Page.response(
            "service-new", title: "Add a service",
            context: NewServicePage(search: search, providers: Array(cards), csrf: signedIn.csrf),
            navigation: signedIn.navigation)
    }

    struct NewServicePage {
        var search: String
        var providers: [ProviderCard]
        var csrf: String
    }

    @Sendable func createService(_ form: DashboardForm, context: KeywayRequestContext, signedIn: SignedIn)
        async throws -> Response
    {
        let id = try DashboardForm.required(form.id, "id")
        if (try? await keyway.service(id: id)) != nil {
            throw KeywayError(.conflict, "service_exists", "A service named '\(id)' exists; edit it instead.")
        }
        try await keyway.saveService(
            id: id,
            ServiceDefinition(
                provider: try DashboardForm.required(form.provider, "provider"),
                clientId: try DashboardForm.required(form.clientId, "clientId"),
                clientSecret: try DashboardForm.required(form.clientSecret, "clientSecret"),
                scopes: DashboardForm.words(form.scopes)))
        return Self.redirect("/dashboard/services/\(FormEncoding.escape(id))?saved=1")
    }

    struct IdentityRow {
        var id: String
        var serviceId: String
        var tags: [TagPair]
        var status: String
        var reason: String?
        var expires: String
        var updated: String
    }

    struct TagPair {
        var key: String
        var value: String

        static func list(_ values: [String: String]) -> [TagPair] {
            values.sorted { $0.key < $1.key }.map { TagPair(key: $0.key, value: $0.value) }
        }
    }

    struct ServicePage {
        var id: String
        var provider: String
        var clientId: String
        var scopes: [String]
        var scopeText: String
        var callbackURL: String
        var filter: String
        var identities: [IdentityRow]
        var next: String?
        var notice: String?
        var csrf: String
    }

    /// One service: its settings, a tag filter over its identities (`key:value`), a page of them, and the forms.
    @Sendable func service(_ request: Request, context: KeywayRequestContext, signedIn: SignedIn) async throws
        -> Response
    {
        let service = try await keyway.service(id: try context.parameters.require("service"))
        let query = request.uri.queryParameters
        let filter = (query["tag"].map(String.init) ?? "").trimmingCharacters(in: .whitespaces)
        let tags = try TagSyntax.parseFilters(filter.isEmpty ? [] : DashboardForm.words(filter))
        let page = try await keyway.identities(
            serviceId: service.id, matching: tags, limit: 50, after: query["next"].map(String.init))
        let rows = page.items.map(Self.row)
        let next = page.next.map {
            "/dashboard/services/\(FormEncoding.escape(service.id))?tag=\(FormEncoding.escape(filter))&next=\(FormEncoding.escape($0))"
        }
        let notice: String? =
            if query["saved"] != nil { "Service saved. Register its callback URL at the provider." }
            else if let error = query["error"] { "The test connection did not finish: \(error)." }
            else if query["connected"] != nil { "The test identity is connected." }
            else if query["disconnected"] != nil { "The identity was disconnected." }
            else { nil }
        return Page.response(
            "service", title: "\(service.id)",
            context: ServicePage(
                id: service.id, provider: service.provider, clientId: service.clientId, scopes: service.scopes,
                scopeText: service.scopes.joined(separator: " "), callbackURL: keyway.callbackURL(service: service.id),
                filter: filter, identities: rows, next: next, notice: notice, csrf: signedIn.csrf),
            navigation: signedIn.navigation)
    }

    static func row(_ identity: Identity) -> IdentityRow {
        IdentityRow(
            id: identity.id, serviceId: identity.serviceId, tags: TagPair.list(identity.tags),
            status: identity.status.rawValue, reason: identity.statusReason,
            expires: identity.expiresAt?.rfc3339 ?? "never", updated: identity.updatedAt.rfc3339)
    }

    /// Edits the client id and scopes, and the secret only when one is typed (it is write-only).
    @Sendable func editService(_ form: DashboardForm, context: KeywayRequestContext, signedIn: SignedIn)
        async throws -> Response
    {
        let id = try context.parameters.require("service")
        _ = try await keyway.service(id: id)
        let secret = (form.clientSecret ?? "").isEmpty ? nil : form.clientSecret
        try await keyway.saveService(
            id: id,
            ServiceDefinition(
                clientId: try DashboardForm.required(form.clientId, "clientId"), clientSecret: secret,
                scopes: DashboardForm.words(form.scopes)))
        return Self.redirect("/dashboard/services/\(FormEncoding.escape(id))?saved=1")
    }

    @Sendable func deleteService(_ form: DashboardForm, context: KeywayRequestContext, signedIn: SignedIn)
        async throws -> Response
    {
        let id = try context.parameters.require("service")
        try await keyway.deleteService(id: id, force: form.force == "true")
        return Self.redirect("/dashboard?deleted=\(FormEncoding.escape(id))")
    }

    /// Starts a real authorization for the service with the given tags, finishing on the service's page.
    @Sendable func connectTestIdentity(_ form: DashboardForm, context: KeywayRequestContext, signedIn: SignedIn)
        async throws -> Response
    {
        let id = try context.parameters.require("service")
        let tags = try TagSyntax.parseFilters(DashboardForm.words(form.tags))
        guard !tags.isEmpty else { throw KeywayError.invalid("missing_tags", "Name the test identity with a tag.") }
        let session = try await keyway.createSession(
            serviceId: id, tags: tags,
            finishedUrl: "\(keyway.publicURL)/dashboard/services/\(FormEncoding.escape(id))?connected=1")
        return Self.redirect(session.url)
    }
}
