import Foundation
import Testing

/// A browser that walks Keyway's connect URL through a sandbox consent page, one redirect at a time.
public struct Browser: Sendable {
    /// The client it speaks with; it never follows redirects itself.
    public let http: HTTP

    /// Creates a browser.
    public init(http: HTTP) {
        self.http = http
    }

    /// Follows the connect URL to the consent page, submits the decision and returns the provider's redirect
    /// to the callback, without following it.
    public func consent(_ connectURL: String, decision: String = "allow") async throws -> String {
        let connect = try await http.get(connectURL, authorized: false)
        #expect(connect.status == 302, "\(connect.body)")
        let consentURL = try #require(connect.location)
        let page = try await http.get(consentURL, authorized: false)
        #expect(page.status == 200, "\(page.body)")
        let form = try #require(ConsentForm(html: page.body))
        let origin = try #require(Self.origin(of: consentURL))
        let redirect = try await http.postForm(origin + form.action, form.fields + [("decision", decision)])
        #expect(redirect.status == 302, "\(redirect.body)")
        return try #require(redirect.location)
    }

    /// Walks the whole flow and returns the last redirect's `Location`: the app's finished URL.
    public func walk(_ connectURL: String, decision: String = "allow") async throws -> String {
        let callbackURL = try await consent(connectURL, decision: decision)
        let finished = try await http.get(callbackURL, authorized: false)
        #expect(finished.status == 302, "\(finished.body)")
        return try #require(finished.location)
    }

    /// `scheme://host:port` of a URL.
    public static func origin(of url: String) -> String? {
        guard let components = URLComponents(string: url), let scheme = components.scheme, let host = components.host
        else { return nil }
        return "\(scheme)://\(host)" + (components.port.map { ":\($0)" } ?? "")
    }
}
