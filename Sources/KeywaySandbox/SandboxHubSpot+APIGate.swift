import Foundation
import Hummingbird

/// What the gate in front of every CRM route decided.
enum APIGateOutcome: Sendable {
    case pass(Installation, recentRequests: Int)
    case fault(PendingFault)
    case invalidToken
    case expiredToken(expiredAt: Date)
}

extension SandboxHubSpot {
    /// HubSpot's limit for an OAuth app in one account: 110 requests per rolling ten seconds.
    static let rateLimitMax = 110
    static let rateLimitIntervalMilliseconds = 10_000

    /// Counts the request, applies an armed fault, then checks the bearer token.
    ///
    /// Returns the installation the token belongs to, or the response to send instead.
    func gate(_ request: Request) -> Result<(Installation, HTTPFields), APIGateResponse> {
        let now = Date()
        let token = HTTP.bearerToken(of: request)
        let outcome = state.withLock { state -> APIGateOutcome in
            let recent = state.countAPIRequest(now: now)
            if var fault = state.fault {
                fault.remaining -= 1
                state.fault = fault.remaining > 0 ? fault : nil
                return .fault(fault)
            }
            guard let token, let record = state.accessTokens[token] else { return .invalidToken }
            guard record.expiresAt > now else { return .expiredToken(expiredAt: record.expiresAt) }
            return .pass(record.installation, recentRequests: recent)
        }
        switch outcome {
        case .pass(let installation, let recent):
            return .success((installation, Self.rateLimitHeaders(remaining: Self.rateLimitMax - recent)))
        case .fault(let fault):
            return .failure(APIGateResponse(Self.faultResponse(fault, now: now)))
        case .invalidToken:
            return .failure(APIGateResponse(HTTP.json(HubSpotAPIError.invalidAuthentication(), status: .unauthorized)))
        case .expiredToken(let expiredAt):
            let body = HubSpotAPIError.expiredAuthentication(
                secondsAgo: Int(now.timeIntervalSince(expiredAt)),
                expiredAt: expiredAt
            )
            return .failure(APIGateResponse(HTTP.json(body, status: .unauthorized)))
        }
    }

    /// `X-HubSpot-RateLimit-*` headers for an OAuth-authenticated call (no daily headers: OAuth calls have none).
    static func rateLimitHeaders(remaining: Int) -> HTTPFields {
        var headers = HTTPFields()
        headers[HeaderName("X-HubSpot-RateLimit-Interval-Milliseconds")!] = String(rateLimitIntervalMilliseconds)
        headers[HeaderName("X-HubSpot-RateLimit-Max")!] = String(rateLimitMax)
        headers[HeaderName("X-HubSpot-RateLimit-Remaining")!] = String(max(0, remaining))
        return headers
    }

    /// The response an armed fault produces.
    static func faultResponse(_ fault: PendingFault, now: Date) -> Response {
        switch fault.status {
        case 429:
            var headers = rateLimitHeaders(remaining: 0)
            headers[.retryAfter] = String(fault.retryAfter)
            return HTTP.json(HubSpotAPIError.rateLimited(), status: .tooManyRequests, headers: headers)
        case 401:
            let expiredAt = now.addingTimeInterval(-1)
            return HTTP.json(
                HubSpotAPIError.expiredAuthentication(secondsAgo: 1, expiredAt: expiredAt),
                status: .unauthorized
            )
        case 503:
            var headers = HTTPFields()
            headers[.retryAfter] = String(fault.retryAfter)
            let body = HubSpotAPIError(
                message: "The service is temporarily unavailable. Please try again later.",
                category: "SERVICE_UNAVAILABLE"
            )
            return HTTP.json(body, status: .serviceUnavailable, headers: headers)
        default:
            let body = HubSpotAPIError(message: "An internal error occurred.", category: "INTERNAL_ERROR")
            return HTTP.json(body, status: .internalServerError)
        }
    }
}

/// A response the gate sends instead of running the route.
struct APIGateResponse: Error, Sendable {
    let response: Response
    init(_ response: Response) { self.response = response }
}
