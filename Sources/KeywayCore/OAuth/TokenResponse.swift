import Foundation

/// Reads token endpoint answers into ``Credentials``.
package enum TokenResponseParser {
    /// Parses a successful (2xx) answer.
    ///
    /// - Parameters:
    ///   - body: the response body.
    ///   - format: where the provider puts things.
    ///   - previous: the credentials being refreshed, whose refresh token is kept when the answer has none.
    ///   - now: the time the answer arrived, from which `expires_in` counts.
    public static func parse(
        _ body: Data, format: TokenResponseFormat, previous: Credentials? = nil, now: Date
    ) throws(OAuthProviderError) -> Credentials {
        let json = try decodeObject(body)
        if case .bool(false) = json["ok"] {
            throw slackError(json["error"]?.stringValue)
        }
        guard let accessToken = value(at: format.accessTokenPath, fallback: "access_token", in: json)?.stringValue,
            !accessToken.isEmpty
        else {
            if let error = json["error"]?.stringValue {
                throw OAuthProviderError(error: error, description: json["error_description"]?.stringValue)
            }
            throw OAuthProviderError(error: "invalid_token_response", description: "The token response has no access token.")
        }
        let refreshToken = value(at: format.refreshTokenPath, fallback: "refresh_token", in: json)?.stringValue
        // Finite, at most ten years, or the answer is refused: see TokenLifetime.
        let lifetime = try TokenLifetime.seconds(
            from: value(at: format.expiresInPath, fallback: "expires_in", in: json),
            defaultLifetime: format.defaultTokenLifetime)
        let native = NativeFields.withoutRefreshTokens(
            json, refreshTokenPath: format.refreshTokenPath, refreshTokens: [refreshToken, previous?.refreshToken])
        let tokenType = json["token_type"]?.stringValue.map { $0.lowercased() == "bearer" ? "Bearer" : $0 }
        return Credentials(
            accessToken: accessToken,
            refreshToken: (refreshToken?.isEmpty == false ? refreshToken : nil) ?? previous?.refreshToken,
            tokenType: tokenType,
            expiresAt: lifetime.map { now.addingTimeInterval($0) },
            native: native)
    }

    /// Reads an error answer (any status) into a provider error, mapping HubSpot's `BAD_*` statuses.
    public static func parseError(_ body: Data, status: Int) -> OAuthProviderError {
        guard let json = try? decodeObject(body) else {
            return OAuthProviderError(error: status >= 500 ? "provider_unavailable" : "invalid_request", description: nil, status: status)
        }
        if let error = json["error"]?.stringValue {
            return OAuthProviderError(
                error: error, description: (json["error_description"] ?? json["message"])?.stringValue, status: status)
        }
        if let hubSpotStatus = json["status"]?.stringValue, hubSpotStatus.hasPrefix("BAD_") {
            let grantErrors: Set<String> = ["BAD_REFRESH_TOKEN", "BAD_AUTH_CODE", "BAD_REDIRECT_URI"]
            let clientErrors: Set<String> = ["BAD_CLIENT_ID", "BAD_CLIENT_SECRET"]
            let error =
                grantErrors.contains(hubSpotStatus)
                ? "invalid_grant" : clientErrors.contains(hubSpotStatus) ? "invalid_client" : "invalid_request"
            return OAuthProviderError(error: error, description: json["message"]?.stringValue, status: status)
        }
        return OAuthProviderError(
            error: status >= 500 ? "provider_unavailable" : "invalid_request", description: json["message"]?.stringValue,
            status: status)
    }

    /// The value at a dotted path; when a nested path finds nothing, the standard top-level field.
    ///
    /// Slack puts a user token under `authed_user` in the code exchange but at the top level when that token is
    /// refreshed, so the nested path of the exchange is not where a refresh answer keeps it.
    private static func value(at path: String, fallback: String, in json: [String: JSONValue]) -> JSONValue? {
        if let found = JSONValue.object(json)[path: path] { return found }
        return path.contains(".") ? json[fallback] : nil
    }

    /// Slack answers 200 with `{"ok": false, "error": …}`; its codes for a dead code or refresh token become
    /// `invalid_grant`, so a revoked installation is marked `refresh_failed` rather than retried as a client error.
    private static func slackError(_ code: String?) -> OAuthProviderError {
        let code = code ?? "provider_error"
        let deadGrant: Set<String> = ["invalid_refresh_token", "invalid_code", "code_already_used", "token_revoked"]
        if deadGrant.contains(code) {
            return OAuthProviderError(error: "invalid_grant", description: "Slack answered \(code).")
        }
        return OAuthProviderError(error: code, description: nil)
    }

    private static func decodeObject(_ body: Data) throws(OAuthProviderError) -> [String: JSONValue] {
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: body), let object = value.objectValue else {
            throw OAuthProviderError(error: "invalid_token_response", description: "The token response is not a JSON object.")
        }
        return object
    }
}

/// An OAuth error reported by a provider's token endpoint, or a transport failure reaching it.
public struct OAuthProviderError: Error, Sendable, Hashable {
    /// The OAuth error code, such as `invalid_grant`.
    public var error: String
    /// The provider's description, if any (never carries secrets we sent).
    public var description: String?
    /// The HTTP status, when there was an answer.
    public var status: Int?

    /// Creates an error; an empty code (a provider's `"error": ""`) becomes `provider_error`, so that every
    /// refusal carries a code.
    public init(error: String, description: String?, status: Int? = nil) {
        self.error = error.isEmpty ? "provider_error" : error
        self.description = description
        self.status = status
    }

    /// Whether the grant itself is dead (refresh token or code refused), as opposed to a passing failure.
    public var isInvalidGrant: Bool { error == "invalid_grant" }

    /// Whether trying again later may succeed.
    public var isTransient: Bool {
        ["provider_unavailable", "provider_unreachable", "provider_timeout"].contains(error) || (status.map { $0 >= 500 || $0 == 429 } ?? false)
    }
}
