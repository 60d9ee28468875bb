import Foundation
import Hummingbird
import KeywayClient
import NewsletterApp

// Keyway's address and API key: KEYWAY_URL and KEYWAY_API_KEY, else the profile `keyway init` wrote.
let keyway = try KeywayClient.fromEnvironment()
let port = Int(ProcessInfo.processInfo.environment["PORT"] ?? "") ?? 3000

let app = Application(
    // KEYWAY_WEBHOOK_SECRET: the secret `keyway webhook add http://localhost:3000/webhooks/keyway` printed, if any.
    router: Newsletter(keyway: keyway, webhookSecret: ProcessInfo.processInfo.environment["KEYWAY_WEBHOOK_SECRET"]).router(),
    configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: "Newsletter"),
    onServerRunning: { channel in
        let line = "Example app listening on port \(channel.localAddress?.port ?? port)\n"
        FileHandle.standardOutput.write(Data(line.utf8))
    })
try await app.runService()
