import Hummingbird
import KeywayCore

/// The page for a browser flow that cannot return to the app: the error's message and stable code.
struct ErrorPage {
    let error: KeywayError

    var response: Response {
        Page.response(
            "error", title: "The connection could not be completed",
            context: ErrorContext(message: error.message, code: error.code), status: error.kind.status)
    }

    struct ErrorContext {
        var message: String
        var code: String
        var back: String? = nil
    }
}
