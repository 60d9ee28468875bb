import HTTPTypes
import Hummingbird

/// The dashboard's HTML frame: a title, a small style sheet and the page's body.
enum DashboardPage {
    static func render(title: String, body: String, signedIn: Bool = true, status: HTTPResponse.Status = .ok) -> Response {
        let signOut =
            signedIn
            ? #"<form method="post" action="/dashboard/logout" class="signout"><button>Sign out</button></form>"# : ""
        let html = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>\(HTML.escape(title)) · Keyway</title>
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <style>
            body{font-family:system-ui,sans-serif;max-width:64rem;margin:2rem auto;padding:0 1rem;color:#1d1d1f}
            header{display:flex;justify-content:space-between;align-items:center;border-bottom:1px solid #ddd;margin-bottom:1rem}
            header a{color:inherit;text-decoration:none;font-weight:600}
            table{border-collapse:collapse;width:100%;font-size:.92rem}th,td{text-align:left;padding:.4rem .5rem;border-bottom:1px solid #eee;vertical-align:top}
            code{background:#f4f4f4;padding:.05rem .3rem;border-radius:3px}.status-active{color:#16794c}.status-refresh_failed,.status-revoked,.status-integrity_failed{color:#b3261e}
            .signout{margin:0}button{font:inherit;cursor:pointer}.muted{color:#666}
            </style></head>
            <body><header><p><a href="/dashboard">Keyway</a></p>\(signOut)</header>
            <h1>\(HTML.escape(title))</h1>
            \(body)
            </body></html>
            """
        return Response(
            status: status,
            headers: [
                .contentType: "text/html; charset=utf-8", .cacheControl: "no-store",
                .contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
                HTTPField.Name("X-Frame-Options")!: "DENY",
            ],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}
