import Mustache

/// The HTML the sandbox shows a person: the consent pages and the error page, rendered from mustache templates
/// (every `{{value}}` is HTML-escaped by mustache) in one layout.
enum ConsentPage {
    struct Field {
        var name: String
        var value: String
    }

    struct Consent {
        var title: String
        var provider: String
        var clientId: String
        var account: String
        var hubId: String
        var user: String
        var scopes: [String]
        var optionalScopes: [String]
        var redirectURI: String
        var action: String
        var fields: [Field]
    }

    /// The sandbox HubSpot's consent page: names the app, the account and the scopes, and posts the decision
    /// back to `action`.
    static func consent(action: String, authorization: AuthorizationRequest) -> String {
        render(
            "consent",
            Consent(
                title: "Connect app to HubSpot (sandbox)", provider: "HubSpot", clientId: authorization.clientId,
                account: SandboxAccount.hubDomain, hubId: "\(SandboxAccount.hubId)", user: SandboxAccount.user,
                scopes: authorization.scopes, optionalScopes: authorization.optionalScopes,
                redirectURI: authorization.redirectURI, action: action,
                fields: authorization.formFields.map { Field(name: $0.0, value: $0.1) }))
    }

    /// A generic sandbox's consent page. Its form has the same shape as the sandbox HubSpot's (an `action`, hidden
    /// inputs and a `decision` button pair), so the same browser-driving test code works on both.
    static func generic(action: String, options: SandboxGenericOptions, authorization: GenericAuthorization) -> String {
        render(
            "generic-consent",
            Consent(
                title: "Authorize \(authorization.clientId) – \(options.displayName)", provider: options.displayName,
                clientId: authorization.clientId, account: GenericState.account, hubId: "", user: "",
                scopes: authorization.scopes, optionalScopes: [], redirectURI: authorization.redirectURI, action: action,
                fields: authorization.formFields.map { Field(name: $0.0, value: $0.1) }))
    }

    /// An error page for a request the sandbox cannot send back to the app.
    static func error(_ message: String) -> String {
        render("error", ["title": "Authorization error (sandbox)", "provider": "OAuth provider", "message": message])
    }

    private static func render(_ template: String, _ context: Any) -> String {
        let body = library.render(context, withTemplate: template) ?? ""
        return library.render(Layout(context: context, body: body), withTemplate: "layout") ?? ""
    }

    /// The layout reads the page's `title` and `provider` through `context`.
    private struct Layout {
        var context: Any
        var body: String
    }

    private static let library: MustacheLibrary = {
        var library = MustacheLibrary()
        for (name, text) in templates {
            do { try library.register(text, named: name) } catch { preconditionFailure("template \(name): \(error)") }
        }
        return library
    }()

    private static let templates = [
        "layout": """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            {{#context}}<title>{{title}}</title>{{/context}}
            <style>
              body { font-family: system-ui, sans-serif; color: #33475b; max-width: 40rem; margin: 3rem auto; padding: 0 1rem; }
              h1 { font-size: 1.4rem; }
              button { font-size: 1rem; padding: 0.5rem 1.2rem; margin-right: 0.5rem; border-radius: 3px; cursor: pointer; }
              button:focus { outline: 3px solid #0b57d0; outline-offset: 2px; }
              #allow { background: #b93b15; color: white; border: 1px solid #b93b15; }
              #deny { background: white; border: 1px solid #7c98b6; }
              .banner { background: #fef8f0; border: 1px solid #fcc6b1; padding: 0.5rem 1rem; }
            </style>
            </head>
            <body>
            {{#context}}<p class="banner">Keyway sandbox: a fake {{provider}} for tests and demos. No real account is involved.</p>{{/context}}
            {{{body}}}
            </body>
            </html>
            """,
        "consent": """
            <h1>Connect <em>{{clientId}}</em> to your HubSpot account</h1>
            <p>Account: <strong>{{account}}</strong> (Hub ID {{hubId}}), signed in as {{user}}.</p>
            <p>The app asks for:</p>
            <ul id="scopes">
            {{#scopes}}<li><code>{{.}}</code></li>
            {{/scopes}}{{#optionalScopes}}<li><code>{{.}}</code> <small>(optional)</small></li>
            {{/optionalScopes}}</ul>
            <p>It will come back to <code>{{redirectURI}}</code>.</p>
            <form method="post" action="{{action}}">
            {{#fields}}<input type="hidden" name="{{name}}" value="{{value}}">
            {{/fields}}<button type="submit" id="allow" name="decision" value="allow">Connect app</button>
            <button type="submit" id="deny" name="decision" value="deny">Cancel</button>
            </form>
            """,
        "generic-consent": """
            <h1>Allow <em>{{clientId}}</em> to access account {{account}}?</h1>
            <p>The app asks for:</p>
            <ul id="scopes">
            {{#scopes}}<li><code>{{.}}</code></li>
            {{/scopes}}</ul>
            <p>It will come back to <code>{{redirectURI}}</code>.</p>
            <form method="post" action="{{action}}">
            {{#fields}}<input type="hidden" name="{{name}}" value="{{value}}">
            {{/fields}}<button type="submit" id="allow" name="decision" value="allow">Allow</button>
            <button type="submit" id="deny" name="decision" value="deny">Cancel</button>
            </form>
            """,
        "error": """
            <h1>Couldn't complete the connection</h1>
            <p id="error">{{message}}</p>
            """,
    ]
}
