import HTTPTypes
import Hummingbird
import Mustache

/// Keyway's HTML pages, rendered from the mustache templates in ``PageTemplates``: every `{{value}}` is HTML
/// escaped by mustache (the one escaping path), and every page is set in the one layout.
enum Page {
    /// The templates, parsed once. They are constants of this module, so a parse error is a programming error
    /// (and `PageTemplatesTests` renders each).
    static let library: MustacheLibrary = {
        var library = MustacheLibrary()
        for (name, text) in PageTemplates.all {
            do { try library.register(text, named: name) } catch { preconditionFailure("template \(name): \(error)") }
        }
        return library
    }()

    /// The page `template` rendered with `context`, inside the layout.
    ///
    /// - Parameters:
    ///   - template: a name in ``PageTemplates/all``.
    ///   - title: the page's title and heading.
    ///   - context: the values the template reads (a struct's stored properties, or a dictionary).
    ///   - navigation: the dashboard's navigation and sign-out form, with this browser's form token; nil for
    ///     pages shown to someone not signed in (the sign-in page, the end user's connect pages).
    static func response(
        _ template: String, title: String, context: Any = [String: String](), navigation: Navigation? = nil,
        status: HTTPResponse.Status = .ok
    ) -> Response {
        let body = library.render(context, withTemplate: template) ?? ""
        let html = library.render(Layout(title: title, body: body, navigation: navigation), withTemplate: "layout") ?? ""
        return Response(
            status: status,
            headers: [
                .contentType: "text/html; charset=utf-8", .cacheControl: "no-store",
                .contentSecurityPolicy: contentSecurityPolicy, .xFrameOptions: "DENY",
            ],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// No script runs on any page; styles come only from the layout's own `<style>`; no page may be framed.
    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; frame-ancestors 'none'"

    /// What the layout reads.
    struct Layout {
        var title: String
        /// The page's own HTML, already rendered (and escaped) by its template.
        var body: String
        var navigation: Navigation?
    }

    /// The dashboard's header for a signed-in browser.
    struct Navigation {
        /// The form token every dashboard form carries (``Keyway/dashboardFormToken(for:)``).
        var csrf: String
    }
}

extension HTTPField.Name {
    /// `X-Frame-Options`.
    static let xFrameOptions = HTTPField.Name("X-Frame-Options")!
}
