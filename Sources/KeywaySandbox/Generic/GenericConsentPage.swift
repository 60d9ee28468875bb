/// The consent page of a generic sandbox. Its form has the same shape as the sandbox HubSpot's (an `action`, hidden
/// inputs and a `decision` button pair), so the same browser-driving test code works on both.
enum GenericConsentPage {
    static func render(action: String, options: SandboxGenericOptions, authorization: GenericAuthorization) -> String {
        let escape = ConsentPage.escape
        let scopeItems = authorization.scopes.map { "<li><code>\(escape($0))</code></li>" }.joined(separator: "\n")
        let hidden = authorization.formFields.map {
            "<input type=\"hidden\" name=\"\(escape($0.0))\" value=\"\(escape($0.1))\">"
        }.joined(separator: "\n  ")
        return """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Authorize \(escape(authorization.clientId)) – \(escape(options.displayName))</title>
            </head>
            <body>
            <p class="banner">Keyway sandbox: a fake \(escape(options.displayName)) for tests and demos.
              No real account is involved.</p>
            <h1>Allow <em>\(escape(authorization.clientId))</em> to access account \(escape(GenericState.account))?</h1>
            <p>The app asks for:</p>
            <ul id="scopes">
            \(scopeItems)
            </ul>
            <p>It will come back to <code>\(escape(authorization.redirectURI))</code>.</p>
            <form method="post" action="\(escape(action))">
              \(hidden)
              <button type="submit" id="allow" name="decision" value="allow">Allow</button>
              <button type="submit" id="deny" name="decision" value="deny">Cancel</button>
            </form>
            </body>
            </html>
            """
    }
}
