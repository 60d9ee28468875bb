import ArgumentParser

/// `keyway master-key`: make a new master key, and rotate the data to it.
struct MasterKeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "master-key",
        abstract: "Generate a master key, or re-seal every secret under a new one while Keyway serves.",
        discussion: """
            Rotation, with one or several replicas:
              1. keyway master-key generate          (keep the new key secret)
              2. restart every replica with KEYWAY_MASTER_KEY=<new> and KEYWAY_PREVIOUS_MASTER_KEYS=<old>
              3. keyway master-key rotate --database …   (same two variables)
              4. restart every replica without KEYWAY_PREVIOUS_MASTER_KEYS
            """,
        subcommands: [MasterKeyGenerateCommand.self, MasterKeyRotateCommand.self])
}
