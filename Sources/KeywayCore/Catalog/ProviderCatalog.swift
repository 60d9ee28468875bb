import Foundation

/// The providers Keyway knows, loaded from the bundled `providers.json`, plus `custom`.
public struct ProviderCatalog: Sendable {
    /// Every provider, sorted by id.
    public let providers: [Provider]
    private let byId: [String: Provider]

    /// A catalog of the given providers, with `custom` added when absent.
    public init(providers: [Provider]) {
        var byId = Dictionary(providers.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        byId[Provider.custom.id] = byId[Provider.custom.id] ?? .custom
        self.byId = byId
        self.providers = byId.values.sorted { $0.id < $1.id }
    }

    /// The provider with this id.
    public func provider(_ id: String) -> Provider? { byId[id] }

    /// The bundled catalog.
    public static let bundled: ProviderCatalog = {
        do {
            return try ProviderCatalog(json: loadBundledJSON())
        } catch {
            preconditionFailure("The bundled providers.json is invalid: \(error)")
        }
    }()

    /// Decodes a catalog from JSON (an array of providers).
    public init(json: Data) throws {
        self.init(providers: try JSONDecoder().decode([Provider].self, from: json))
    }

    private static func loadBundledJSON() throws -> Data {
        guard let url = Bundle.module.url(forResource: "providers", withExtension: "json") else {
            throw KeywayError(.internal, "catalog_missing", "providers.json is not in the bundle.")
        }
        return try Data(contentsOf: url)
    }
}
