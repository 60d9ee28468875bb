import KeywayAPI
import Hummingbird

/// `GET /healthz`.
struct HealthController {
    func addRoutes(to router: Router<KeywayRequestContext>) {
        router.get("healthz") { _, _ in try JSONResponse.make(.ok, Components.Schemas.Health(status: .ok)) }
    }
}
