import Foundation
import KeywayCore

/// Which stored fields each sealed secret is bound to: the one definition, used when sealing, when opening and
/// when re-sealing (rotation and the format upgrade).
///
/// - A service's client secret: every field of its configuration (provider, client id, scopes, authorization
///   params, authorization / token / API base URL, PKCE, client authentication, RFC 9207 issuer, auth mode and revocation URL when set), since each one decides
///   where the secret, the codes or the tokens go. Only its timestamps are left out.
/// - An identity's credentials: its service and its metadata (which fills URL placeholders such as
///   Salesforce's `instance_url` or Shopify's `shop`). Its tags, status and times are not bound: they steer
///   no secret to a host (a database writer could still swap two identities' tags; see SECURITY.md).
/// - A session's state and PKCE verifier: its service, tags, finished URL and params (which fill the token
///   URL's placeholders at the code exchange). Its browser hash is written later, when a browser claims the
///   session, so it is not bound: a database writer could set it, but would still need the state, which is
///   sealed, and the provider's code, which goes to the user's browser.
extension SealBinding {
    /// The binding of a service's client secret.
    static func service(_ service: Service) -> SealBinding {
        var binding = SealBinding()
        binding.add("provider", service.provider)
        binding.add("client_id", service.clientId)
        binding.add("scopes", service.scopes)
        binding.add("authorization_params", service.authorizationParams)
        binding.add("authorization_url", service.authorizationUrl)
        binding.add("token_url", service.tokenUrl)
        binding.add("api_base_url", service.apiBaseUrl)
        binding.add("pkce", service.pkce.map { $0 ? "true" : "false" })
        binding.add("token_auth_method", service.tokenAuthMethod?.rawValue)
        binding.add("issuer", service.issuer)
        // Added only when set, so that secrets sealed before auth modes existed still open.
        if let mode = service.authMode { binding.add("auth_mode", mode.rawValue) }
        if let url = service.revocationUrl { binding.add("revocation_url", url) }
        return binding
    }

    /// The binding of an identity's credentials.
    static func identity(serviceId: String, metadata: [String: String]) -> SealBinding {
        var binding = SealBinding()
        binding.add("service_id", serviceId)
        binding.add("metadata", metadata)
        return binding
    }

    /// The binding of a webhook endpoint's signing secret: its URL, where what it signs is sent.
    static func webhookEndpoint(url: String) -> SealBinding {
        var binding = SealBinding()
        binding.add("url", url)
        return binding
    }

    /// The binding of a session's state and PKCE verifier.
    static func session(serviceId: String, tags: Tags, finishedUrl: String, params: [String: String]) -> SealBinding {
        var binding = SealBinding()
        binding.add("service_id", serviceId)
        binding.add("tags", tags)
        binding.add("finished_url", finishedUrl)
        binding.add("params", params)
        return binding
    }
}
