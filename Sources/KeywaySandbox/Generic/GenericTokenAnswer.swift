import Foundation

/// Builds a generic sandbox's successful token answer.
enum GenericTokenAnswer {
    /// The answer for issued tokens: top-level (RFC 6749), or Slack's `authed_user` shape for a code exchange.
    static func body(
        _ issued: GenericIssuedTokens, options: SandboxGenericOptions, baseURL: String
    ) -> [String: SandboxJSON] {
        var token: [String: SandboxJSON] = [
            "access_token": .string(issued.accessToken),
            "token_type": .string("bearer"),
            "scope": .string(issued.grant.scopes.joined(separator: options.scopeSeparator)),
        ]
        if let refreshToken = issued.refreshToken { token["refresh_token"] = .string(refreshToken) }
        if options.reportsExpiresIn, let expiresIn = issued.expiresIn { token["expires_in"] = .int(expiresIn) }
        var body: [String: SandboxJSON]
        switch options.tokenPlacement {
        case .topLevel:
            body = token
        case .nested(let field, _):
            token["token_type"] = .string("user")
            let envelope: [String: SandboxJSON] = [
                "ok": .bool(true), "app_id": .string("A0SANDBOX01"),
                "team": .object(["id": .string("T0SANDBOX01"), "name": .string("Keyway Sandbox Team")]),
                "enterprise": .null, "is_enterprise_install": .bool(false),
            ]
            if issued.isRefresh {
                // Slack answers a refreshed user token at the top level.
                body = envelope.merging(token) { _, new in new }
            } else {
                token["id"] = .string("U0SANDBOX01")
                body = envelope
                body[field] = .object(token)
            }
        }
        if let field = options.instanceURLField {
            body[field] = .string(baseURL)
            body["id"] = .string("\(baseURL)/id/00DSANDBOX000001/005SANDBOX000001")
            body["issued_at"] = .string(String(Int(Date().timeIntervalSince1970 * 1000)))
            body["signature"] = .string(Tokens.random(prefix: ""))
        }
        return body
    }
}
