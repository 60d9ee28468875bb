import Hummingbird
import Mustache

/// The app's HTML: mustache templates (each `{{value}}` is HTML-escaped by mustache) set in one layout.
enum HTML {
    /// The page `template` rendered with `context`, inside the layout.
    static func page(_ template: String, _ context: Any = [String: String](), status: HTTPResponse.Status = .ok)
        -> Response
    {
        let body = library.render(context, withTemplate: template) ?? ""
        let html = library.render(["body": body], withTemplate: "layout") ?? ""
        return Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: html)))
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
            <html lang="en"><head><meta charset="utf-8"><title>Newsletter</title></head><body>{{{body}}}</body></html>
            """,
        "manage": """
            <form action="/integrations/hubspot/connect"><input type="submit" value="Reconnect" /></form>
            <form action="/integrations/hubspot/disconnect"><input type="submit" value="Disconnect" /></form>
            """,
        "reconnect": "<p>HubSpot needs to be connected again: {{message}}</p>\n{{>manage}}",
        "connected": """
            <p>Service connected</p>
            {{>manage}}
            <form action="/newsletter/signup"><input type="submit" value="Test newsletter signup" /></form>
            """,
        "not-connected": """
            <p>Service not connected</p>
            <form action="/integrations/hubspot/connect"><input type="submit" value="Connect" /></form>
            """,
        "authorization-error": """
            <p>There was an error authorizing access to HubSpot: {{error}}</p>
            <p>{{description}}</p><p><a href="/integrations">Back to integrations</a></p>
            """,
        "signup-form": """
            <h2>Newsletter signup</h2>
            <form action="/newsletter/signup"><input type="email" placeholder="Email" name="email" aria-label="Email" />
            <input type="submit" value="Subscribe" /></form>
            """,
        "signup-done": "Thank you for signing up to the newsletter!<br>{{outcome}}",
        "keyway-error": "<p>Keyway could not answer: {{code}}</p><p>{{message}}</p>",
    ]
}
