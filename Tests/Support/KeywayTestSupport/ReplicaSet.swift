import AsyncHTTPClient
import Foundation
import Hummingbird
import HummingbirdTesting
import KeywaySandbox
import KeywaySandboxHosting
import KeywayServer
import KeywayStore
import Logging
import Testing

/// Several `keyway serve` processes on one throwaway PostgreSQL database, with one shared `--public-url` and
/// master key, all using one sandbox HubSpot that the test process serves: replicas behind a load balancer.
///
/// The shared public URL points nowhere; a test sends each request to the replica it chooses by rewriting
/// the origin of the URL (``rewrite(_:to:)``), as a load balancer would pick one.
public struct ReplicaSet: Sendable {
    /// The replicas, in start order.
    public let replicas: [KeywayProcess]
    /// The sandbox every replica's `hubspot` service uses.
    public let sandbox: SandboxHubSpot
    /// Its root, also the service's API base URL.
    public let sandboxURL: String
    /// The PostgreSQL database, with its credentials (tests only).
    public let databaseURL: String
    /// A client allowed many connections per replica, with the admin API key.
    public let http: HTTP
    /// The one public URL every replica is started with.
    public let publicURL: String
    /// The master key (base64) every replica is started with.
    public let masterKey: String
    /// The data folder the replicas share (profile only: the key comes from the environment).
    public let dataDirectory: URL

    /// The public URL of the load balancer in front of the replicas; nothing listens there.
    public static let sharedPublicURL = "http://127.0.0.1:9"

    /// Starts `count` replicas (the first alone, so that it creates the admin key), runs `body`, and stops them.
    ///
    /// - Parameters:
    ///   - options: the sandbox's behaviour.
    ///   - arguments: extra `keyway serve` arguments for every replica.
    public static func run(
        count: Int = 3, sandbox options: SandboxOptions = .init(), arguments: [String] = [],
        _ body: @escaping @Sendable (ReplicaSet) async throws -> Void
    ) async throws {
        try await PostgresTestDatabase.withDatabase { databaseURL in
            let sandbox = SandboxHubSpot(options: options)
            var logger = Logger(label: "keyway.tests.replicas")
            logger.logLevel = .warning
            let app = sandbox.application(configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: logger)
            try await app.test(.live) { client in
                let sandboxURL = "http://127.0.0.1:\(client.port ?? 0)"
                let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
                    "keyway-replicas-\(UUID().uuidString)", isDirectory: true)
                defer { try? FileManager.default.removeItem(at: directory) }
                let masterKey = MasterKey.generate().base64EncodedKey()
                let started = StartedProcesses()
                defer { started.stopAll() }
                let httpClient = Storm.wideClient(connections: 256)
                do {
                    let set = try await start(
                        count: count, databaseURL: databaseURL, sandbox: sandbox, sandboxURL: sandboxURL,
                        masterKey: masterKey, directory: directory, arguments: arguments, client: httpClient,
                        started: started)
                    try await set.configureService()
                    try await body(set)
                } catch {
                    try? await httpClient.shutdown()
                    throw error
                }
                try await httpClient.shutdown()
            }
        }
    }

    /// The arguments and environment a replica of this set starts with.
    public func replicaConfiguration(masterKey: String? = nil, previousKeys: String? = nil, arguments: [String] = [])
        -> (arguments: [String], environment: [String: String])
    {
        Self.configuration(
            databaseURL: databaseURL, masterKey: masterKey ?? self.masterKey, previousKeys: previousKeys,
            arguments: arguments)
    }

    static func configuration(databaseURL: String, masterKey: String, previousKeys: String?, arguments: [String])
        -> (arguments: [String], environment: [String: String])
    {
        let environment = ["KEYWAY_MASTER_KEY": masterKey, "KEYWAY_PREVIOUS_MASTER_KEYS": previousKeys ?? ""]
        return (
            ["--database", databaseURL, "--public-url", sharedPublicURL, "--refresh-interval", "3600", "--allow-private-urls"]
                + arguments,
            environment
        )
    }

    private static func start(
        count: Int, databaseURL: String, sandbox: SandboxHubSpot, sandboxURL: String, masterKey: String,
        directory: URL, arguments: [String], client: HTTPClient, started: StartedProcesses
    ) async throws -> ReplicaSet {
        let (replicaArguments, environment) = configuration(
            databaseURL: databaseURL, masterKey: masterKey, previousKeys: nil, arguments: arguments)
        var replicas: [KeywayProcess] = []
        for _ in 0..<count {
            let replica = try await KeywayProcess(
                arguments: replicaArguments, environment: environment, dataDirectory: directory)
            started.add(replica)
            replicas.append(replica)
        }
        let apiKey = replicas[0].apiKey
        #expect(!apiKey.isEmpty, "the first replica created the admin key")
        #expect(replicas.dropFirst().allSatisfy { $0.apiKey == apiKey }, "later replicas created no key of their own")
        return ReplicaSet(
            replicas: replicas, sandbox: sandbox, sandboxURL: sandboxURL, databaseURL: databaseURL,
            http: HTTP(client: client, apiKey: apiKey), publicURL: sharedPublicURL, masterKey: masterKey,
            dataDirectory: directory)
    }

    /// Points the `hubspot` service at the sandbox, through the first replica.
    func configureService() async throws {
        let body: [String: Any] = [
            "provider": "hubspot", "clientId": sandbox.options.clientId, "clientSecret": sandbox.options.clientSecret,
            "scopes": SandboxService.scopes, "authorizationUrl": sandboxURL + "/oauth/authorize",
            "tokenUrl": sandboxURL + "/oauth/2026-03/token", "apiBaseUrl": sandboxURL,
        ]
        let json = String(decoding: try JSONSerialization.data(withJSONObject: body), as: UTF8.self)
        let answer = try await http.put(replicas[0].url + "/v1/services/hubspot", json: json)
        #expect(answer.status == 200, "\(answer.body)")
    }

    /// The API root of one replica.
    public func api(_ replica: Int) -> String { replicas[replica].url + "/v1" }

    /// `url` with its origin replaced by replica `index`'s own address: the load balancer's choice.
    public func rewrite(_ url: String, to index: Int) -> String {
        guard let origin = Browser.origin(of: url), url.hasPrefix(origin) else { return url }
        return replicas[index].url + url.dropFirst(origin.count)
    }

    /// Connects one identity with its three legs on three chosen replicas: the session is created on
    /// `session`, the browser's connect leg goes to `connect`, the provider's callback to `callback`.
    /// Returns the identity id.
    public func connect(
        tags: [String: String] = ["tenantId": "contoso", "userId": "u1"], session: Int = 0, connect: Int = 1,
        callback: Int = 2
    ) async throws -> String {
        let body = ["tags": tags, "finishedUrl": "http://127.0.0.1:9/finished"] as [String: Any]
        let json = String(decoding: try JSONSerialization.data(withJSONObject: body), as: UTF8.self)
        let created = try await http.post(api(session) + "/services/hubspot/sessions", json: json)
        #expect(created.status == 201, "\(created.body)")
        let connectURL = try #require(created.json["url"] as? String)
        #expect(connectURL.hasPrefix(publicURL + "/"), "the session's URL uses the shared public URL")
        let callbackURL = try await Browser(http: http).consent(rewrite(connectURL, to: connect))
        #expect(callbackURL.hasPrefix(publicURL + "/v1/oauth/callback"), "the provider calls back the public URL")
        let finished = try await http.get(rewrite(callbackURL, to: callback), authorized: false)
        #expect(finished.status == 302, "\(finished.body)")
        let query = queryItems(try #require(finished.location))
        return try #require(query["identityId"], "finished with \(query)")
    }

    /// Reads an identity's token through one replica.
    public func token(_ identityId: String, on replica: Int) async throws -> HTTPAnswer {
        try await http.get(api(replica) + "/services/hubspot/identities/\(identityId)/token")
    }
}
