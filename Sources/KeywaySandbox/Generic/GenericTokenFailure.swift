/// Why a generic sandbox refused a token request, with the RFC 6749 §5.2 code and status it answers.
enum GenericTokenFailure: Error, Equatable, Sendable {
    case missingGrantType
    case unsupportedGrantType
    case clientMustUseBasic
    case clientMustUseBody
    case badClient
    case badCode
    case redirectURIMismatch
    case badCodeVerifier
    case badRefreshToken
    case missingRequiredField(String)
    case wrongEndpoint

    /// The RFC 6749 `error` code.
    var error: String {
        switch self {
        case .missingGrantType, .missingRequiredField: "invalid_request"
        case .unsupportedGrantType, .wrongEndpoint: "unsupported_grant_type"
        case .clientMustUseBasic, .clientMustUseBody, .badClient: "invalid_client"
        case .badCode, .redirectURIMismatch, .badCodeVerifier, .badRefreshToken: "invalid_grant"
        }
    }

    /// Slack's code for the same failure (Slack answers HTTP 200 with `ok: false`).
    var slackError: String {
        switch self {
        case .missingGrantType, .unsupportedGrantType, .wrongEndpoint, .missingRequiredField: "invalid_grant_type"
        case .clientMustUseBasic, .clientMustUseBody, .badClient: "invalid_client_id"
        case .badCode, .badCodeVerifier: "invalid_code"
        case .redirectURIMismatch: "bad_redirect_uri"
        case .badRefreshToken: "invalid_refresh_token"
        }
    }

    /// The HTTP status: 401 for client authentication failures, 400 otherwise.
    var status: Int { error == "invalid_client" ? 401 : 400 }

    /// Human text for `error_description`.
    var description: String {
        switch self {
        case .missingGrantType: "grant_type is missing"
        case .unsupportedGrantType: "grant_type must be authorization_code or refresh_token"
        case .clientMustUseBasic: "client credentials must be sent with HTTP Basic, not in the request body"
        case .clientMustUseBody: "client credentials must be sent in the request body"
        case .badClient: "unknown client or wrong secret"
        case .badCode: "the code is unknown, expired or already used"
        case .redirectURIMismatch: "redirect_uri does not match the authorization request"
        case .badCodeVerifier: "code_verifier does not match the code_challenge"
        case .badRefreshToken: "the refresh token is unknown or no longer valid"
        case .missingRequiredField(let name): "\(name) is missing or has the wrong value for this grant"
        case .wrongEndpoint: "this grant is not taken at this endpoint"
        }
    }
}
