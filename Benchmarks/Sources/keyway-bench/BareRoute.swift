import Hummingbird
import Logging
import NIOCore

/// The baseline: a bare Hummingbird 2 route answering a fixed, token-shaped JSON of the size Keyway's token
/// answer has for a sandbox identity.
enum BareRoute {
    static let body =
        #"{"accessToken":"sbx-at-0123456789abcdefghijklmnopqrstuvwxyz012345","expiresAt":"2026-11-25T12:00:00.000Z","identityId":"idn_0123456789abcdef","native":{"expires_in":1800,"hub_id":62515,"token_type":"bearer"}}"#

    static func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.get("token") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: body)))
        }
        return router
    }

    /// Serves the route on 127.0.0.1:`port` until the process is stopped.
    static func serve(port: Int) async throws {
        var logger = Logger(label: "keyway-bare")
        logger.logLevel = .warning
        let app = Application(router: router(), configuration: .init(address: .hostname("127.0.0.1", port: port)), logger: logger)
        try await app.runService()
    }
}
