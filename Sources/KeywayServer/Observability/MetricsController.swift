import Hummingbird
import NIOCore

/// `GET /metrics`: the metrics in Prometheus' text format, on the API port (no API key: it carries no ids,
/// tags or secrets) unless `serve --metrics-port` moves it to a listener of its own.
struct MetricsController<Context: RequestContext> {
    let metrics: KeywayMetrics

    func addRoutes(to router: Router<Context>) {
        router.get("metrics") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: metrics.render())))
        }
    }

}

extension KeywayRouter {
    /// A router that serves only `GET /metrics`, for `serve --metrics-port`'s listener of its own.
    public static func metricsRouter(_ metrics: KeywayMetrics) -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        MetricsController<BasicRequestContext>(metrics: metrics).addRoutes(to: router)
        return router
    }
}
