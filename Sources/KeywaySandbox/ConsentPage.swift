/// The HTML the sandbox shows a person: the consent page and the error page. Everything echoed is escaped.
enum ConsentPage {
    /// Escapes text for HTML element content and quoted attribute values.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// The consent page: names the app, the account and the scopes, and posts the decision back to `action`.
    static func consent(action: String, authorization: AuthorizationRequest) -> String {
        let scopeItems = authorization.scopes.map { "<li><code>\(escape($0))</code></li>" }.joined(separator: "\n")
        let optionalItems = authorization.optionalScopes.map {
            "<li><code>\(escape($0))</code> <small>(optional)</small></li>"
        }.joined(separator: "\n")
        let hidden = authorization.formFields.map {
            "<input type=\"hidden\" name=\"\(escape($0.0))\" value=\"\(escape($0.1))\">"
        }.joined(separator: "\n      ")
        return page(
            title: "Connect app to HubSpot (sandbox)",
            body: """
                <h1>Connect <em>\(escape(authorization.clientId))</em> to your HubSpot account</h1>
                <p>Account: <strong>\(escape(SandboxAccount.hubDomain))</strong> (Hub ID \(SandboxAccount.hubId)),
                  signed in as \(escape(SandboxAccount.user)).</p>
                <p>The app asks for:</p>
                <ul id="scopes">
                \(scopeItems)
                \(optionalItems)
                </ul>
                <p>It will come back to <code>\(escape(authorization.redirectURI))</code>.</p>
                <form method="post" action="\(escape(action))">
                  \(hidden)
                  <button type="submit" id="allow" name="decision" value="allow">Connect app</button>
                  <button type="submit" id="deny" name="decision" value="deny">Cancel</button>
                </form>
                """
        )
    }

    /// An error page for a request the sandbox cannot send back to the app.
    static func error(_ message: String) -> String {
        page(
            title: "Authorization error (sandbox)",
            body: """
                <h1>Couldn't complete the connection</h1>
                <p id="error">\(escape(message))</p>
                """
        )
    }

    private static func page(title: String, body: String) -> String {
        """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title>
        <style>
          body { font-family: system-ui, sans-serif; color: #33475b;
                   max-width: 40rem; margin: 3rem auto; padding: 0 1rem; }
          h1 { font-size: 1.4rem; }
          button { font-size: 1rem; padding: 0.5rem 1.2rem; margin-right: 0.5rem; border-radius: 3px; cursor: pointer; }
          #allow { background: #ff7a59; color: white; border: 1px solid #ff7a59; }
          #deny { background: white; border: 1px solid #cbd6e2; }
          .banner { background: #fef8f0; border: 1px solid #fcc6b1; padding: 0.5rem 1rem; }
        </style>
        </head>
        <body>
        <p class="banner">Keyway sandbox: a fake HubSpot for tests and demos. No real account is involved.</p>
        \(body)
        </body>
        </html>
        """
    }
}
