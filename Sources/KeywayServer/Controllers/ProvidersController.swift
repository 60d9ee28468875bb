import Hummingbird
import KeywayCore

/// The catalog: `GET /v1/providers` and `GET /v1/providers/{provider}`.
struct ProvidersController {
    let catalog: ProviderCatalog

    func addRoutes(to routes: APIRoutes) {
        let group = routes.requiring(.anyKey)
        group.get("providers") { _, _ in
            try JSONResponse.make(.ok, ItemsRepresentation(items: catalog.providers.map(ProviderRepresentation.init)))
        }
        group.get("providers/:provider") { _, context in
            let id = try context.parameters.path("provider")
            guard let provider = catalog.provider(id) else { throw KeywayError.providerNotFound(id) }
            return try JSONResponse.make(.ok, ProviderRepresentation(provider))
        }
    }
}
