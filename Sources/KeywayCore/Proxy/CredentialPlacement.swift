import Foundation

/// Where an identity's credential goes on an API call, as its mode and the catalog entry's
/// ``Provider/TokenPresentation`` say: a pure decision shared by the proxy and the token route.
public enum CredentialPlacement: Sendable, Hashable {
    /// A header and its whole value (`Authorization: Bearer …`, `X-Api-Key: …`, `Authorization: Basic …`).
    case header(name: String, value: String)
    /// A query parameter and its value.
    case query(name: String, value: String)

    /// The placement of `credential` (an access token, an API key, or the base64 of `username:password`).
    public static func of(credential: String, mode: AuthMode, presentation: Provider.TokenPresentation)
        -> CredentialPlacement
    {
        if mode == .basic { return .header(name: "Authorization", value: "Basic " + credential) }
        if let query = presentation.query, !query.isEmpty { return .query(name: query, value: credential) }
        return .header(name: presentation.header, value: presentation.prefix + credential)
    }

    /// A query string with this placement's parameter added, dropping any of the same name the caller sent (the
    /// caller's other parameters are kept as written); unchanged for a header placement.
    public func adding(to query: String?) -> String? {
        guard case .query(let name, let value) = self else { return query }
        var parts = (query ?? "").split(separator: "&", omittingEmptySubsequences: true).filter { part in
            FormEncoding.decode(String(part)).first?.0 != name
        }.map(String.init)
        parts.append(FormEncoding.encode([(name, value)]))
        return parts.joined(separator: "&")
    }
}
