import Foundation
import Hummingbird
import KeywayCore

/// `GET /openapi.yaml`: the HTTP contract as an OpenAPI 3.1 document, served without a key. The document is
/// a resource of this module (`Resources/openapi.yaml`), read once.
struct OpenAPIController {
    func addRoutes(to router: Router<KeywayRequestContext>) {
        router.get("openapi.yaml") { _, _ in
            guard let document = OpenAPIDocument.text else {
                throw KeywayError(.internal, "openapi_missing", "openapi.yaml is not in the bundle.")
            }
            return Response(
                status: .ok, headers: [.contentType: "application/yaml; charset=utf-8", .cacheControl: "no-cache"],
                body: .init(byteBuffer: ByteBuffer(string: document)))
        }
    }
}

/// The bundled OpenAPI document.
package enum OpenAPIDocument {
    /// Its text; nil only when the resource is missing from the build.
    package static let text: String? = Bundle.module.url(forResource: "openapi", withExtension: "yaml")
        .flatMap { try? String(contentsOf: $0, encoding: .utf8) }
}
