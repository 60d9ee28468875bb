import Foundation
import KeywayTestSupport
import Testing

/// `serve --metrics-port` and `serve --log-format json` as a real process.
@Suite("CLI: serve's metrics listener and JSON logs")
struct ServeObservabilityTests {
    @Test("--metrics-port serves /metrics on its own listener; --log-format json writes parseable lines with request ids and no secret")
    func metricsPortAndJSONLogs() async throws {
        try await withInitializedDataDirectory { home, data, local, adminKey in
            let arguments = [
                "serve", "--data-dir", data.path, "--port", "0", "--sandbox", "--metrics-port", "0",
                "--log-format", "json", "--log-level", "info",
            ]
            try await BackgroundProcess.run(local, arguments) { server in
                let url = try await server.waitForLine(startingWith: "Keyway is listening on ")
                let metricsURL = try await server.waitForLine(startingWith: "Metrics are served at ")
                #expect(metricsURL.hasSuffix("/metrics") && !metricsURL.hasPrefix(url + "/"), "\(metricsURL)")
                _ = try await server.waitForLine(startingWith: "The sandbox HubSpot is served at")
                try await HTTP.withClient(apiKey: adminKey) { http in
                    #expect(try await http.get(url + "/metrics", authorized: false).status == 404)
                    let session = try await http.post(
                        url + "/v1/services/hubspot/sessions",
                        json: #"{"tags":{"tenantId":"contoso"},"finishedUrl":"http://127.0.0.1:9/finished"}"#)
                    #expect(session.status == 201, "\(session.body)")
                    let finished = try await Browser(http: http).walk(try #require(session.json["url"] as? String))
                    let id = try #require(queryItems(finished)["identityId"], "\(finished)")
                    let token = try await http.get(url + "/v1/services/hubspot/identities/\(id)/token")
                    let accessToken = try #require(token.json["accessToken"] as? String)

                    let scraped = try await http.get(metricsURL, authorized: false)
                    #expect(scraped.status == 200)
                    let line = scraped.body.split(separator: "\n").first {
                        $0.hasPrefix("keyway_token_reads_total{") && $0.contains(#"lookup="id""#)
                            && $0.contains(#"outcome="success""#)
                    }
                    #expect(line?.hasSuffix(" 1") == true, "\(scraped.body)")

                    let audit = try await http.get(url + "/v1/audit?identityId=\(id)")
                    #expect((audit.json["items"] as? [[String: Any]])?.first?["action"] as? String == "token.read")

                    // Give the last request line time to be written.
                    try await Task.sleep(for: .milliseconds(300))
                    let lines = server.printed.split(separator: "\n").filter { $0.hasPrefix("{") }
                    #expect(lines.count >= 4, "\(server.printed)")
                    var requestIds: Set<String> = []
                    for line in lines {
                        let object = try #require(
                            try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(line)")
                        #expect(object["level"] is String && object["time"] is String && object["message"] is String)
                        let metadata = object["metadata"] as? [String: Any] ?? [:]
                        if (object["message"] as? String)?.hasPrefix("request method=") == true, let requestId = metadata["hb.request.id"] as? String {
                            requestIds.insert(requestId)
                        }
                    }
                    #expect(requestIds.count >= 3, "\(lines)")
                    for secret in [accessToken, adminKey] {
                        #expect(!server.printed.contains(secret), "serve's JSON logs hold a secret")
                    }
                    let code = queryItems(finished)["code"]
                    #expect(code == nil)
                }
            }
        }
    }

    @Test("--audit off and --metrics off: token reads still answer, /metrics and /v1/audit are not served")
    func auditAndMetricsOff() async throws {
        try await withInitializedDataDirectory { home, data, local, adminKey in
            let refused = try await local.run(["serve", "--data-dir", data.path, "--metrics", "off", "--metrics-port", "0"])
            #expect(refused.status != 0 && refused.stderr.contains("--metrics-port needs --metrics on"), "\(refused)")
            #expect(try await local.run(["serve", "--data-dir", data.path, "--audit", "maybe"]).status != 0)
            let arguments = ["serve", "--data-dir", data.path, "--port", "0", "--sandbox", "--audit", "off", "--metrics", "off"]
            try await BackgroundProcess.run(local, arguments) { server in
                let url = try await server.waitForLine(startingWith: "Keyway is listening on ")
                _ = try await server.waitForLine(startingWith: "The sandbox HubSpot is served at")
                try await HTTP.withClient(apiKey: adminKey) { http in
                    let session = try await http.post(
                        url + "/v1/services/hubspot/sessions",
                        json: #"{"tags":{"tenantId":"contoso"},"finishedUrl":"http://127.0.0.1:9/finished"}"#)
                    let finished = try await Browser(http: http).walk(try #require(session.json["url"] as? String))
                    let id = try #require(queryItems(finished)["identityId"], "\(finished)")
                    #expect(try await http.get(url + "/v1/services/hubspot/identities/\(id)/token").status == 200)
                    #expect(try await http.get(url + "/metrics", authorized: false).status == 404)
                    #expect(try await http.get(url + "/v1/audit?identityId=\(id)").status == 404)
                }
            }
        }
    }
}
