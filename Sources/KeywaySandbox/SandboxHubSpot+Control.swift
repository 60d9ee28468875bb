import Foundation
import Hummingbird

/// `POST /_faults`: `{"status":429|401|500|503,"count":n,"retryAfter":seconds}`.
struct FaultInput: Decodable, Sendable {
    var status: Int
    var count: Int?
    var retryAfter: Int?
}

/// `POST /_config`: the options that can change at runtime.
struct ConfigInput: Decodable, Sendable {
    var tokenLifetimeSeconds: Double?
    var rotateRefreshTokens: Bool?
    var tokenDelayMilliseconds: Int?
}

/// `GET /_config`: the options in force (never the client secret).
struct ConfigBody: Encodable, Sendable {
    var tokenLifetimeSeconds: Double
    var rotateRefreshTokens: Bool
    var tokenDelayMilliseconds: Int
    var clientId: String
    var hubId: Int

    init(_ options: SandboxOptions) {
        self.tokenLifetimeSeconds = options.tokenLifetimeSeconds
        self.rotateRefreshTokens = options.rotateRefreshTokens
        self.tokenDelayMilliseconds = options.tokenDelayMilliseconds
        self.clientId = options.clientId
        self.hubId = SandboxAccount.hubId
    }
}

/// `GET /_faults`: the armed fault, if any.
struct FaultsBody: Encodable, Sendable {
    var fault: PendingFault?
}

extension SandboxHubSpot {
    func addControlRoutes<Context: RequestContext>(to group: RouterGroup<Context>) {
        group.get("_stats") { _, _ in
            HTTP.json(self.stats())
        }
        group.post("_faults") { request, _ in
            try await self.armFault(request)
        }
        group.get("_faults") { _, _ in
            HTTP.json(FaultsBody(fault: self.state.withLock { $0.fault }))
        }
        group.delete("_faults") { _, _ in
            self.state.withLock { $0.fault = nil }
            return HTTP.empty(.noContent)
        }
        group.post("_config") { request, _ in
            try await self.configure(request)
        }
        group.get("_config") { _, _ in
            HTTP.json(ConfigBody(self.options))
        }
    }

    /// Makes the next `count` CRM API calls fail with `status`.
    func armFault(_ request: Request) async throws -> Response {
        let text = try await HTTP.bodyText(of: request)
        guard let input = try? JSONDecoder().decode(FaultInput.self, from: Data(text.utf8)) else {
            return controlError("invalid_fault", "Send {\"status\":429|401|500|503,\"count\":n,\"retryAfter\":s}.")
        }
        guard [401, 429, 500, 503].contains(input.status) else {
            return controlError("invalid_fault", "status must be 429, 401, 500 or 503.")
        }
        let count = input.count ?? 1
        let retryAfter = input.retryAfter ?? 1
        guard count >= 1, retryAfter >= 0 else {
            return controlError("invalid_fault", "count must be at least 1 and retryAfter at least 0.")
        }
        let fault = PendingFault(status: input.status, remaining: count, retryAfter: retryAfter)
        state.withLock { $0.fault = fault }
        return HTTP.json(FaultsBody(fault: fault))
    }

    /// Changes the token lifetime, refresh-token rotation and token endpoint delay; applies to token
    /// requests from now on.
    func configure(_ request: Request) async throws -> Response {
        let text = try await HTTP.bodyText(of: request)
        guard let input = try? JSONDecoder().decode(ConfigInput.self, from: Data(text.utf8)) else {
            return controlError(
                "invalid_config",
                "Send {\"tokenLifetimeSeconds\":n,\"rotateRefreshTokens\":bool,\"tokenDelayMilliseconds\":n}, each optional."
            )
        }
        if let seconds = input.tokenLifetimeSeconds, !(seconds > 0 && seconds <= 365 * 86_400) {
            return controlError("invalid_config", "tokenLifetimeSeconds must be above 0 and at most a year.")
        }
        if let delay = input.tokenDelayMilliseconds, !(0...600_000).contains(delay) {
            return controlError("invalid_config", "tokenDelayMilliseconds must be between 0 and 600000.")
        }
        let options = state.withLock { state -> SandboxOptions in
            if let delay = input.tokenDelayMilliseconds { state.options.tokenDelay = .milliseconds(delay) }
            if let seconds = input.tokenLifetimeSeconds {
                state.options.tokenLifetime = .milliseconds(Int64((seconds * 1000).rounded()))
            }
            if let rotate = input.rotateRefreshTokens { state.options.rotateRefreshTokens = rotate }
            return state.options
        }
        return HTTP.json(ConfigBody(options))
    }

    private func controlError(_ code: String, _ message: String) -> Response {
        HTTP.json(ControlError(error: code, message: message), status: .badRequest)
    }
}
