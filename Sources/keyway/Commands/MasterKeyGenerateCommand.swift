import ArgumentParser
import KeywayStore

/// `keyway master-key generate`: prints a new random master key and its id.
struct MasterKeyGenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Print a new random master key (base64) and its key id; nothing is stored.")

    @Option(help: "table or json.")
    var output: OutputFormat = .table

    struct Generated: Encodable {
        let key: String
        let keyId: String
    }

    func run() async throws {
        let key = MasterKey.generate()
        let generated = Generated(key: key.base64EncodedKey(), keyId: key.id)
        switch output {
        case .json:
            try JSONOutput.print(generated)
        case .table:
            Console.line(generated.key)
            Console.error("key id \(generated.keyId); keep the key secret: it opens every token Keyway stores.")
        }
    }
}
