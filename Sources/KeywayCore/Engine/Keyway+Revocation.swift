import AsyncHTTPClient
import Foundation
import NIOCore

extension Keyway {
    /// Revokes an identity's grant at the provider, where the service or its catalog entry names a revocation
    /// endpoint: RFC 7009 (a form POST of the refresh token, else the access token, with client authentication),
    /// or a `DELETE` of the URL with `{token}` filled with the refresh token (HubSpot). Bounded by the token
    /// endpoint's deadline; a failure is logged and reported, never thrown.
    func revokeGrant(of identity: Identity, service: Service, provider: Provider) async -> RevocationOutcome {
        let credentials = identity.credentials
        guard identity.status != .integrityFailed, credentials.effectiveAuthMode.isOAuth,
            let template = service.revocationUrl ?? provider.revocationUrl
        else { return .unsupported }
        let style = provider.revocationStyle ?? .rfc7009
        do {
            let values = provider.paramDefaults.merging(identity.metadata) { _, new in new }
            var request: HTTPClientRequest
            switch style {
            case .deleteRefreshToken:
                guard let refreshToken = credentials.refreshToken else { return .unsupported }
                let filled = template.replacingOccurrences(of: "{token}", with: FormEncoding.escape(refreshToken))
                let url = try URLTemplate.fill(filled, with: values)
                try checkOutbound(url, field: "revocationUrl")
                request = HTTPClientRequest(url: url)
                request.method = .DELETE
            case .rfc7009:
                let url = try URLTemplate.fill(template, with: values)
                try checkOutbound(url, field: "revocationUrl")
                let configuration = try OAuthClientConfiguration(
                    service: service, provider: provider, params: identity.metadata
                ).using(credentials)
                let client = TokenRequest.clientAuthentication(configuration)
                let (token, hint) =
                    credentials.refreshToken.map { ($0, "refresh_token") } ?? (credentials.accessToken, "access_token")
                request = HTTPClientRequest(url: url)
                request.method = .POST
                request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
                for (name, value) in client.headers { request.headers.add(name: name, value: value) }
                request.body = .bytes(
                    ByteBuffer(string: FormEncoding.encode([("token", token), ("token_type_hint", hint)] + client.form)))
            }
            request.headers.add(name: "Accept", value: "application/json")
            let answer = try await providerExchange.collect(request, timeout: tokenEndpoint.timeout, maximumBodySize: 64 * 1024)
            guard (200..<300).contains(answer.status) else {
                logger.warning(
                    "revocation failed",
                    metadata: ["identity": "\(identity.id)", "service": "\(service.id)", "status": "\(answer.status)"])
                return .failed
            }
            logger.info("grant revoked", metadata: ["identity": "\(identity.id)", "service": "\(service.id)"])
            return .revoked
        } catch {
            logger.warning(
                "revocation failed",
                metadata: ["identity": "\(identity.id)", "service": "\(service.id)", "error": "\(Self.describe(error))"])
            return .failed
        }
    }
}
