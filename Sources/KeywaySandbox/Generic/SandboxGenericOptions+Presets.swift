extension SandboxGenericOptions {
    /// Slack with token rotation, user token only: `authed_user`, comma-separated `user_scope`, Basic or body
    /// credentials, 12-hour tokens, rotating refresh tokens.
    public static func slackLike() -> SandboxGenericOptions {
        SandboxGenericOptions(
            displayName: "Slack (sandbox)", scopeSeparator: ",", tokenPlacement: .slackUser,
            clientAuthentication: .either, tokenLifetime: .seconds(43_200))
    }

    /// Salesforce: no `expires_in` (the session times out after 2 hours all the same), `instance_url` in every
    /// token answer, refresh tokens that are reused and not returned by refreshes.
    public static func salesforceLike() -> SandboxGenericOptions {
        SandboxGenericOptions(
            displayName: "Salesforce (sandbox)", tokenLifetime: .seconds(7200), reportsExpiresIn: false,
            refreshTokens: .reuse, instanceURLField: "instance_url")
    }

    /// QuickBooks Online: HTTP Basic only, `realmId` on the callback, 1-hour tokens, rotating refresh tokens.
    public static func quickBooksLike(companyId: String = "9341453019872135") -> SandboxGenericOptions {
        SandboxGenericOptions(
            displayName: "QuickBooks (sandbox)", clientAuthentication: .basic, companyId: companyId)
    }

    /// Shopify's expiring offline tokens: comma-separated scopes, credentials in the body, the token in
    /// `X-Shopify-Access-Token` (Bearer is refused), 1-hour tokens, rotating refresh tokens, and the full shop
    /// domain on the callback.
    public static func shopifyLike(shop: String) -> SandboxGenericOptions {
        SandboxGenericOptions(
            displayName: "Shopify (sandbox)", scopeSeparator: ",",
            tokenPresentation: SandboxTokenPresentation(header: "X-Shopify-Access-Token", prefix: ""),
            callbackParameters: ["shop": "\(shop).myshopify.com"])
    }
}
