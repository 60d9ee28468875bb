import Hummingbird
import KeywayAPI
import KeywayCore

/// The catalog: `GET /v1/providers` and `GET /v1/providers/{provider}`.
struct ProvidersController {
    let catalog: ProviderCatalog

    func addRoutes(to routes: APIRoutes) {
        let group = routes.requiring(.anyKey)
        group.get("providers") { request, _ in
            // `?search=` matches id or name; `?authMode=api_key` keeps the entries of one auth mode.
            let mode = try request.uri.queryParameters["authMode"].map { try AuthMode.parse(String($0)) }
            let matching = catalog.providers(matching: try request.providerSearch(), authMode: mode)
            return try JSONResponse.make(.ok, Components.Schemas.ProviderList(items: try matching.map { entry throws(KeywayError) in try .init(entry) }))
        }
        group.get("providers/:provider") { _, context in
            let id = try context.parameters.path("provider")
            guard let provider = catalog.provider(id) else { throw KeywayError.providerNotFound(id) }
            return try JSONResponse.make(.ok, try Components.Schemas.Provider(provider))
        }
    }
}

extension Request {
    /// The `search` query parameter of the catalog list: once at most, up to
    /// ``ProviderCatalog/maximumSearchLength`` characters; empty when absent.
    func providerSearch() throws(KeywayError) -> String {
        let values = uri.queryParameters.getAll("search")
        guard values.count <= 1 else { throw .invalid("invalid_search", "Give 'search' at most once.") }
        let text = values.first.map { String($0) } ?? ""
        guard text.count <= ProviderCatalog.maximumSearchLength else {
            throw .invalid("invalid_search", "'search' is longer than \(ProviderCatalog.maximumSearchLength) characters.")
        }
        return text
    }
}
