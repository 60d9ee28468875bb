import Foundation

/// The error body HubSpot's CRM and OAuth metadata APIs return.
///
/// `{"status":"error","message":…,"correlationId":…,"category":…}`, with `context` for some categories and
/// `errorType`, `policyName` and `requestId` on a 429.
struct HubSpotAPIError: Encodable, Sendable {
    var status = "error"
    var message: String
    var correlationId = Tokens.correlationId()
    var category: String?
    var context: [String: [String]]?
    var errorType: String?
    var policyName: String?
    var requestId: String?

    init(message: String, category: String?, context: [String: [String]]? = nil) {
        self.message = message
        self.category = category
        self.context = context
    }

    /// 401 for a missing or unknown access token.
    static func invalidAuthentication() -> HubSpotAPIError {
        HubSpotAPIError(
            message: "Authentication credentials not found. This API supports OAuth 2.0 authentication and you can "
                + "find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview",
            category: "INVALID_AUTHENTICATION"
        )
    }

    /// 401 for an access token that has expired.
    static func expiredAuthentication(secondsAgo: Int, expiredAt: Date) -> HubSpotAPIError {
        HubSpotAPIError(
            message: "The OAuth token used to make this call expired \(max(0, secondsAgo)) second(s) ago.",
            category: "EXPIRED_AUTHENTICATION",
            context: ["expire time": [Timestamps.iso8601(expiredAt)]]
        )
    }

    /// 429 as HubSpot sends it when the rolling ten-second limit is spent.
    static func rateLimited() -> HubSpotAPIError {
        var body = HubSpotAPIError(message: "You have reached your ten_secondly_rolling limit.", category: nil)
        body.errorType = "RATE_LIMIT"
        body.policyName = "TEN_SECONDLY_ROLLING"
        body.requestId = Tokens.correlationId()
        return body
    }
}

/// Why a token request failed. The grant logic is shared by both token endpoints; only the rendering differs.
enum TokenFailure: Error, Equatable, Sendable {
    case missingGrantType
    case unsupportedGrantType
    case badClientId
    case badClientSecret
    case missingCode
    case badAuthCode
    case missingRedirectURI
    case redirectURIMismatch
    case badCodeVerifier
    case missingRefreshToken
    case badRefreshToken
    /// Introspection or revocation without a `token`.
    case missingToken

    /// HubSpot's v1 `status` string.
    var hubSpotStatus: String {
        switch self {
        case .missingGrantType, .unsupportedGrantType: "BAD_GRANT_TYPE"
        case .badClientId: "BAD_CLIENT_ID"
        case .badClientSecret: "BAD_CLIENT_SECRET"
        case .missingCode, .badAuthCode, .badCodeVerifier: "BAD_AUTH_CODE"
        case .missingRedirectURI, .redirectURIMismatch: "BAD_REDIRECT_URI"
        case .missingRefreshToken, .badRefreshToken: "BAD_REFRESH_TOKEN"
        case .missingToken: "BAD_REQUEST"
        }
    }

    /// The RFC 6749 `error` code.
    var oauthError: String {
        switch self {
        case .missingGrantType, .missingCode, .missingRedirectURI, .missingRefreshToken, .missingToken:
            "invalid_request"
        case .unsupportedGrantType: "unsupported_grant_type"
        case .badClientId, .badClientSecret: "invalid_client"
        case .badAuthCode, .redirectURIMismatch, .badCodeVerifier, .badRefreshToken: "invalid_grant"
        }
    }

    /// Human text, used for both `message` and `error_description`.
    var message: String {
        switch self {
        case .missingGrantType: "missing grant_type"
        case .unsupportedGrantType: "grant_type must be authorization_code or refresh_token"
        case .badClientId: "missing or invalid client_id"
        case .badClientSecret: "missing or invalid client_secret"
        case .missingCode, .badAuthCode: "missing or unknown auth code"
        case .missingRedirectURI: "missing redirect_uri"
        case .redirectURIMismatch: "redirect_uri does not match the redirect_uri of the authorization request"
        case .badCodeVerifier: "code_verifier does not match the code_challenge of the authorization request"
        case .missingRefreshToken, .badRefreshToken: "missing or invalid refresh token"
        case .missingToken: "missing token"
        }
    }
}

/// Which token endpoint answers: the legacy v1 one or the date-versioned 2026-03 one.
enum TokenEndpointVersion: Sendable {
    case v1
    case dated2026March
}

/// The OAuth error body. Since HubSpot standardised its OAuth errors (RFC 6749), both token endpoints carry
/// the standard `error`/`error_description` beside the legacy `status`/`message`.
struct OAuthErrorBody: Encodable, Sendable {
    var status: String
    var message: String
    var correlationId: String
    var error: String
    var errorDescription: String

    enum CodingKeys: String, CodingKey {
        case status, message, correlationId, error
        case errorDescription = "error_description"
    }

    init(_ failure: TokenFailure) {
        self.status = failure.hubSpotStatus
        self.message = failure.message
        self.correlationId = Tokens.correlationId()
        self.error = failure.oauthError
        self.errorDescription = failure.message
    }
}

extension TokenFailure {
    /// The HTTP status: v1 answers every failure with 400; 2026-03 follows RFC 6749 (401 for `invalid_client`).
    func httpStatus(for version: TokenEndpointVersion) -> Int {
        switch version {
        case .v1: 400
        case .dated2026March: oauthError == "invalid_client" ? 401 : 400
        }
    }
}

/// The error body of the sandbox's own control routes (`/_faults`, `/_config`), in Keyway's shape.
struct ControlError: Encodable, Sendable {
    var error: String
    var message: String
}
