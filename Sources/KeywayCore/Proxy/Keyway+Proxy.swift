import AsyncHTTPClient
import Foundation
import HTTPTypes
import NIOCore
import NIOHTTP1

extension Keyway {
    /// Sends a call to the service's API with the identity's fresh token attached, and returns the answer
    /// with its body still streaming. A 401 refreshes the token once (even when not due) and replays; 429
    /// and 503 are retried within the policy's bounds, waiting as `Retry-After` or the provider's rate-limit
    /// headers say. Only requests whose body can be replayed are retried.
    public func proxy(_ request: ProxyRequest) async throws -> ProxyResponse {
        // Judge the path first: a refused request reaches no host, not even the token endpoint.
        try ProxyPath.check(request.path)
        if let query = request.query { try ProxyPath.check(query: query) }
        let service = try await reachableService(id: request.serviceId, limits: request.limits)
        let provider = try provider(for: service)
        var identity: Identity
        switch request.identity {
        case .id(let id): identity = try await servedIdentity(serviceId: service.id, id: id, limits: request.limits)
        case .tags(let tags): identity = try await servedIdentity(serviceId: service.id, tags: tags, limits: request.limits)
        }
        identity = try await servedFresh(identity)
        let base = try apiBaseURL(service: service, provider: provider, identity: identity)
        var url = try ProxyPath.upstreamURL(base: base, path: request.path, query: request.query)
        let forwarded = ProxyHeaders.forwardedRequestHeaders(request.headers.map { ($0.name.rawName, $0.value) })
        var machine = ProxyRetryStateMachine(policy: proxyRetry, rateLimit: provider.rateLimit)
        // One deadline over the whole upstream exchange: every attempt, the waits between them and the
        // delivered answer's body.
        let deadline = ProviderDeadline(after: proxyTimeout)
        while true {
            let placement = CredentialPlacement.of(
                credential: identity.credentials.accessToken, mode: identity.credentials.effectiveAuthMode,
                presentation: provider.tokenPresentation)
            if case .query = placement {
                url = try ProxyPath.upstreamURL(base: base, path: request.path, query: placement.adding(to: request.query))
            }
            var upstream = HTTPClientRequest(url: url)
            upstream.method = HTTPMethod(rawValue: request.method.rawValue)
            for (name, value) in forwarded { upstream.headers.add(name: name, value: value) }
            if case .header(let name, let value) = placement { upstream.headers.replaceOrAdd(name: name, value: value) }
            upstream.body = request.body?.clientBody()
            machine.requestSent()
            let response: ProviderExchange.StreamedAnswer
            do {
                response = try await providerExchange.stream(upstream, deadline: deadline) { error in
                    error == .timedOut ? Self.apiTimeout : Self.apiUnreachable
                }
            } catch {
                logger.notice(
                    error == .timedOut ? "api timed out" : "api unreachable",
                    metadata: ["identity": "\(identity.id)", "service": "\(service.id)"])
                throw error == .timedOut ? Self.apiTimeout : Self.apiUnreachable
            }
            let action = machine.received(
                status: response.status, header: { response.headers.first(name: $0) },
                canReplay: request.bodyIsReplayable, now: now())
            switch action {
            case .deliver:
                let length = response.headers.first(name: "content-length").flatMap(Int.init)
                var headers = HTTPFields()
                for (name, value) in ProxyHeaders.returnedResponseHeaders(response.headers.map { ($0.name, $0.value) }) {
                    // NIO has already refused a malformed name; one HTTPTypes would refuse is dropped.
                    if let name = HTTPField.Name(name) { headers.append(HTTPField(name: name, value: value)) }
                }
                return ProxyResponse(
                    status: HTTPResponse.Status(code: response.status), headers: headers,
                    contentLength: length, body: response.body, identityId: identity.id)
            case .refreshAndReplay:
                try await discard(response.body)
                logger.info("api answered 401; refreshing and replaying", metadata: ["identity": "\(identity.id)"])
                identity = try await fresh(identity, rejectedVersion: identity.version)
            case .retry(let wait):
                try await discard(response.body)
                logger.info(
                    "api asked to wait; retrying",
                    metadata: ["identity": "\(identity.id)", "status": "\(response.status)", "wait": "\(wait)"])
                guard ContinuousClock.now + wait < deadline.instant else { throw Self.apiTimeout }
                try await Task.sleep(for: wait)
            }
        }
    }

    /// The API base URL of a service for one identity, its placeholders filled from the identity's metadata.
    func apiBaseURL(service: Service, provider: Provider, identity: Identity) throws(KeywayError) -> String {
        guard let template = ServiceURLTemplates(service: service, provider: provider).apiBase else {
            throw .invalid(
                "no_api_base_url", "Service '\(service.id)' has no API base URL; set apiBaseUrl on the service.")
        }
        // Checked again here, not only when stored: no access token goes to a host the catalog does not allow.
        try MetadataHosts.validate(identity.metadata, service: service, provider: provider)
        let values = provider.paramDefaults.merging(identity.metadata) { _, new in new }
        let base = try URLTemplate.fill(template, with: values)
        try checkOutbound(base, field: "apiBaseUrl")
        return base
    }

    /// Reads and drops an answer that is not delivered, within the proxy's deadline.
    private func discard(_ body: ProviderResponseBody) async throws(KeywayError) {
        do {
            for try await _ in body {}
        } catch let error as KeywayError where error == Self.apiTimeout {
            throw error
        } catch {
            // The connection failed after the head: nothing more to read.
        }
    }

    static let apiUnreachable = KeywayError(.badGateway, "api_unreachable", "The provider's API could not be reached.")
    static let apiTimeout = KeywayError(
        .badGateway, "api_timeout", "The provider's API did not answer in full within the proxy's deadline.")
}

extension Duration {
    /// The whole duration in nanoseconds, saturating.
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (product, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? .max : product + attoseconds / 1_000_000_000
    }
}
