import Hummingbird
import KeywayCore
import NIOCore

/// The status the ``ErrorMiddleware`` will answer for an error a route threw, for middlewares that see the
/// error before it is turned into a response.
enum ErrorStatus {
    static func of(_ error: any Error) -> Int {
        switch error {
        case let error as KeywayError: JSONResponse.error(error).status.code
        case is NIOTooManyBytesError: 413
        case let error as HTTPError: JSONResponse.error(ErrorMiddleware.translate(error)).status.code
        default: 500
        }
    }
}
