import Foundation
import Hummingbird
import HummingbirdTesting
import KeywayCore
import KeywaySandbox
import Logging

extension SandboxGeneric {
    /// Runs `body` with this sandbox served on its own loopback port, at the root path; the argument is its URL.
    /// Unlike a sandbox mounted in the Harness, its address is known before Keyway starts, so that a test
    /// catalog can name it (a service's URL overrides drop the catalog's separate refresh URL).
    public func runStandalone(_ body: @escaping @Sendable (String) async throws -> Void) async throws {
        var logger = Logger(label: "generic-sandbox")
        logger.logLevel = .warning
        let app = application(configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: logger)
        try await app.test(.live) { client in
            try await body("http://127.0.0.1:\(client.port ?? 0)")
        }
    }
}

extension Provider {
    /// A copy of this bundled entry, named `<id>-loopback`, with every quirk kept but its endpoints at a generic
    /// sandbox's `root`: `oauth/authorize`, `oauth/token`, `oauth/refresh` when the entry has a separate refresh
    /// URL, and the API at the root. Params and metadata that choose hosts are dropped with the real URLs.
    public func loopback(root: String) -> Provider {
        var entry = self
        entry.id = id + "-loopback"
        entry.authorizationUrl = root + "/oauth/authorize"
        entry.tokenUrl = root + "/oauth/token"
        entry.refreshUrl = refreshUrl == nil ? nil : root + "/oauth/refresh"
        entry.apiBaseUrl = root
        entry.params = []
        entry.paramDefaults = [:]
        entry.paramValues = [:]
        entry.callbackParams = [:]
        entry.metadata = .init()
        entry.metadataHosts = nil
        entry.issuer = nil
        return entry
    }

    /// Options for a generic sandbox that behaves as this entry says its provider does: scope separator, client
    /// authentication, refresh-token behaviour, a separate refresh path, and the fixed extra token and refresh
    /// parameters it must receive. The client id is `<id>-client-id`, as ``Harness/configureCatalogService``
    /// sends it.
    public func sandboxOptions(tokenLifetime: Duration? = .seconds(3600)) -> SandboxGenericOptions {
        var required: [String: [String: String]] = [:]
        if !tokenParams.isEmpty { required["authorization_code"] = tokenParams }
        if !refreshParams.isEmpty { required["refresh_token"] = refreshParams }
        return SandboxGenericOptions(
            displayName: displayName, clientId: "\(id)-client-id", clientSecret: "\(id)-client-secret",
            scopeSeparator: scopeSeparator,
            clientAuthentication: tokenAuthMethod == .clientSecretBasic ? .basic : .formBody,
            tokenLifetime: tokenLifetime,
            refreshTokens: refreshTokens == .none ? .none : refreshTokens == .rotates ? .rotate : .reuse,
            refreshPath: refreshUrl == nil ? nil : "oauth/refresh",
            requiredTokenFields: required)
    }
}
