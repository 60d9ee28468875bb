import Hummingbird
import KeywayCore

/// The catalog: `GET /v1/providers` and `GET /v1/providers/{provider}`.
struct ProvidersController {
    let catalog: ProviderCatalog

    func addRoutes(to group: RouterGroup<KeywayRequestContext>) {
        group.get("providers") { request, _ in
            // `?authMode=api_key` keeps the entries of one auth mode.
            let mode = try request.uri.queryParameters["authMode"].map { try AuthMode.parse(String($0)) }
            let providers = catalog.providers.filter { mode == nil || $0.effectiveAuthMode == mode }
            return try JSONResponse.make(.ok, ItemsRepresentation(items: providers.map(ProviderRepresentation.init)))
        }
        group.get("providers/:provider") { _, context in
            let id = try context.parameters.path("provider")
            guard let provider = catalog.provider(id) else { throw KeywayError.providerNotFound(id) }
            return try JSONResponse.make(.ok, ProviderRepresentation(provider))
        }
    }
}
