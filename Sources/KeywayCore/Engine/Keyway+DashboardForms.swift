import Crypto
import Foundation

extension Keyway {
    /// The CSRF token every dashboard form carries: an HMAC of the signed-in browser's pass under the engine's
    /// ``KeywayConfiguration/dashboardPassKey``. Only a page served to that browser holds it (the pass itself is
    /// an HttpOnly cookie), and it changes with every sign-in.
    public func dashboardFormToken(for pass: String) -> String {
        Data(HMAC<SHA256>.authenticationCode(for: Self.formTokenMessage(pass), using: dashboardPassKey))
            .base64URLEncodedString()
    }

    /// Whether `token` is the form token of `pass`, compared in constant time.
    public func isDashboardFormToken(_ token: String, for pass: String) -> Bool {
        guard let mac = Data(base64URLEncoded: token) else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: Self.formTokenMessage(pass), using: dashboardPassKey)
    }

    private static func formTokenMessage(_ pass: String) -> Data { Data("keyway-dashboard-form-v1|\(pass)".utf8) }
}
