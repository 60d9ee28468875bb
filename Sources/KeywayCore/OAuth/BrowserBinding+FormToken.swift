import Crypto
import Foundation

extension BrowserBinding {
    /// The CSRF token of the connect page's credential form, derived from the browser's binding token (which
    /// only that browser holds, in an HttpOnly cookie): a post must carry both the cookie and this value, which
    /// only a page served to that browser can contain.
    public static func formToken(for bindingToken: String) -> String {
        SHA256.hash(data: Data("keyway-credential-form\u{0}\(bindingToken)".utf8)).map { String(format: "%02x", $0) }
            .joined()
    }

    /// Whether a posted form token belongs to the presented binding token, in constant time; false when either
    /// is missing.
    public static func formTokenMatches(_ formToken: String?, bindingToken: String?) -> Bool {
        guard let formToken, let bindingToken, bindingToken.count <= 256 else { return false }
        let expected = Array(self.formToken(for: bindingToken).utf8)
        let presented = Array(formToken.utf8)
        guard presented.count == expected.count else { return false }
        return zip(presented, expected).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
