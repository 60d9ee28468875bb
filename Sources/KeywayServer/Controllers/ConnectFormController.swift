import Foundation
import HTTPTypes
import Hummingbird
import KeywayCore

/// The connect page's credential form, for services whose end users enter an API key, Basic credentials or
/// their own OAuth client instead of consenting at the provider: `GET /v1/connect/{session}/credentials` shows
/// it (the browser claims the session, as at `GET /v1/connect/{session}`, which sends it here), `POST` takes
/// the values as a form body with the binding cookie and the form token (CSRF). The values never appear in a
/// URL, a log or a page. Rendered from the `connect-credentials` template in the one layout.
struct ConnectFormController {
    let keyway: Keyway

    /// The largest form body taken.
    static let maximumBody = 64 * 1024

    func addRoutes(to group: RouterGroup<KeywayRequestContext>) {
        group.get("connect/:session/credentials", use: show)
        group.post("connect/:session/credentials", use: submit)
    }

    @Sendable func show(_ request: Request, context: KeywayRequestContext) async throws -> Response {
        let sessionId = try context.parameters.require("session")
        let presented = request.cookies[BrowserBinding.cookieName(sessionId: sessionId)]?.value
        return response(for: await keyway.credentialForm(sessionId: sessionId, browserToken: presented))
    }

    @Sendable func submit(_ request: Request, context: KeywayRequestContext) async throws -> Response {
        let sessionId = try context.parameters.require("session")
        guard request.headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true else {
            return ErrorPage(error: .invalid("invalid_form", "The form must be posted as application/x-www-form-urlencoded."))
                .response
        }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: Self.maximumBody)
        } catch {
            return ErrorPage(error: KeywayError(.payloadTooLarge, "payload_too_large", "The form is too large.")).response
        }
        let form = Dictionary(FormEncoding.decode(String(buffer: body)), uniquingKeysWith: { first, _ in first })
        let presented = request.cookies[BrowserBinding.cookieName(sessionId: sessionId)]?.value
        let outcome = await keyway.completeSession(
            sessionId, credentials: credentials(form), browserToken: presented, formToken: form["formToken"])
        return response(for: outcome)
    }

    /// The posted values of every field any mode has; the engine keeps those of the session's mode.
    private func credentials(_ form: [String: String]) -> NewIdentityCredentials {
        func value(_ name: String) -> String? { form[name].flatMap { $0.isEmpty ? nil : $0 } }
        return NewIdentityCredentials(
            apiKey: value("apiKey"), username: value("username"), password: value("password"),
            clientId: value("clientId"), clientSecret: value("clientSecret"))
    }

    private func response(for outcome: CredentialFormOutcome) -> Response {
        switch outcome {
        case .redirect(let location):
            return Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
        case .rejected(let error):
            return ErrorPage(error: error).response
        case .form(let form, let binding):
            var response = page(form)
            if let binding {
                // The same cookie as the connect link's, on this session's connect path.
                let prefix = URLComponents(string: keyway.publicURL)?.path ?? ""
                response.setCookie(
                    Cookie(
                        name: binding.cookieName, value: binding.token, maxAge: binding.maxAge,
                        path: "\(prefix)/v1/connect/\(binding.sessionId)", secure: keyway.isPublicURLSecure,
                        httpOnly: true, sameSite: .lax))
            }
            return response
        }
    }

    private func page(_ form: CredentialForm) -> Response {
        let status: HTTPResponse.Status = form.error.map { $0.kind == .badGateway ? .badGateway : .unprocessableContent } ?? .ok
        return Page.response(
            "connect-credentials", title: "Connect \(form.providerName)", context: FormPage(form), status: status)
    }

    /// What the `connect-credentials` template reads.
    private struct FormPage {
        struct Field {
            var label: String
            var name: String
            var type: String
        }

        struct Refusal {
            var message: String
            var code: String
        }

        var error: Refusal?
        var formToken: String
        var fields: [Field]
        var docsUrl: String?

        init(_ form: CredentialForm) {
            error = form.error.map { Refusal(message: $0.message, code: $0.code) }
            formToken = form.formToken
            fields = form.fields.map { Field(label: $0.label, name: $0.name, type: $0.secret ? "password" : "text") }
            docsUrl = form.docsUrl
        }
    }
}
