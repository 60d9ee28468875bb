/// The mustache templates of Keyway's HTML pages, by name. `{{value}}` is HTML-escaped by mustache;
/// `{{{value}}}` appears only in the layout, for the page body that a template already rendered.
enum PageTemplates {
    static let all: [String: String] = [
        "layout": layout,
        "error": error, "connect": connect, "connect-ended": connectEnded,
        "connect-credentials": connectCredentials,
        "login": login, "services": services, "service": service, "service-new": serviceNew,
        "identity": identity, "keys": keys, "key-created": keyCreated,
        "webhooks": webhooks, "deliveries": deliveries, "audit": audit, "dashboard-error": dashboardError,
    ]

    /// The one layout: a header (with the dashboard's navigation and sign-out when signed in), the title as the
    /// page's heading, and the page. Colours keep at least 4.5:1 contrast; focus is always visible.
    static let layout = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>{{title}} · Keyway</title>
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <style>
        body{font-family:system-ui,sans-serif;max-width:66rem;margin:1.5rem auto;padding:0 1rem;color:#1d1d1f;line-height:1.45}
        header{display:flex;flex-wrap:wrap;gap:1rem;justify-content:space-between;align-items:center;border-bottom:1px solid #ccc;margin-bottom:1rem}
        header nav a{margin-right:1rem}a{color:#0b57d0}a:focus,button:focus,input:focus,select:focus{outline:3px solid #f0a202;outline-offset:1px}
        .brand{color:inherit;text-decoration:none;font-weight:700}
        table{border-collapse:collapse;width:100%;font-size:.92rem}th,td{text-align:left;padding:.4rem .5rem;border-bottom:1px solid #e3e3e3;vertical-align:top}
        code{background:#f1f1f1;padding:.05rem .3rem;border-radius:3px;word-break:break-all}
        .status-active{color:#0f6b3f}.status-refresh_failed,.status-revoked,.status-integrity_failed,.error{color:#a4161a}
        .notice{background:#eef6ee;border:1px solid #9ac29a;padding:.5rem 1rem}.muted{color:#555}
        form.inline{display:inline}button{font:inherit;cursor:pointer;padding:.25rem .8rem}
        label{display:block;margin:.4rem 0}input[type=text],input[type=password],input[type=url],input[type=search]{font:inherit;width:100%;max-width:32rem}
        fieldset{border:1px solid #ccc;margin:1rem 0}.card{border:1px solid #ddd;border-radius:4px;padding:.5rem 1rem;margin:.6rem 0}
        </style></head>
        <body><header><p><a class="brand" href="/dashboard">Keyway</a></p>
        {{#navigation}}<nav aria-label="Dashboard"><a href="/dashboard">Services</a><a href="/dashboard/keys">API keys</a><a href="/dashboard/webhooks">Webhooks</a><a href="/dashboard/audit">Audit log</a></nav>
        <form method="post" action="/dashboard/logout" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><button id="signout">Sign out</button></form>{{/navigation}}
        </header>
        <main><h1>{{title}}</h1>
        {{{body}}}
        </main></body></html>
        """

    /// A failure of a browser flow that cannot go back to the app (or, with `back`, a way back to it).
    static let error = """
        <p id="error-message">{{message}}</p>
        <p>Error code: <code id="error-code">{{code}}</code></p>
        {{#back}}<p><a id="back" href="{{back}}">Back to the app</a></p>{{/back}}
        """

    /// The connect interstitial: which app asks, for which provider, and Continue.
    static let connect = """
        <p><strong>{{app}}</strong> asks to connect your <strong>{{provider}}</strong> account.</p>
        <p>You will sign in at {{provider}} and choose what to allow; Keyway keeps the access it grants for
        {{app}} and never shows it your password.</p>
        <p><a id="continue" href="{{continueURL}}">Continue to {{provider}}</a></p>
        <p><a id="cancel" href="{{cancelURL}}">Cancel and go back</a></p>
        """

    /// A connect flow that ended without a connection (expired or used link, denial, provider error), with the
    /// way back to the app's finished URL (which carries the error for the app).
    static let connectEnded = """
        <p id="error-message">{{message}}</p>
        <p>Error code: <code id="error-code">{{code}}</code></p>
        <p><a id="back" href="{{back}}">Back to the app</a></p>
        """
}
