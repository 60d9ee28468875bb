import Foundation
import KeywayCore

/// A successful answer of the management API: its status and its body exactly as the server sent it.
struct APIResponse: Sendable {
    /// The HTTP status (2xx).
    let status: Int
    /// The body bytes, untouched, so that `--output json` prints what the contract returns.
    let body: Data

    /// The body parsed as JSON, for table output.
    func json() throws -> JSONValue {
        do {
            return try JSONDecoder().decode(JSONValue.self, from: body)
        } catch {
            throw CLIError("Keyway answered with a body that is not JSON (HTTP \(status)).")
        }
    }
}
