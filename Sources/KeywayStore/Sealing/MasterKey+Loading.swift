import Foundation
import KeywayCore

extension MasterKey {
    /// Loads the master key: `KEYWAY_MASTER_KEY` when it is set and not blank, else the key file.
    ///
    /// - Parameters:
    ///   - environment: the process environment, such as `ProcessInfo.processInfo.environment`.
    ///   - keyFile: the key file, which holds the base64 key on one line.
    /// - Throws: ``KeywayError`` `master_key_missing` when neither is present, `master_key_invalid` when the
    ///   one used does not hold a base64 32-byte key, `master_key_unreadable` when the file cannot be read.
    public static func load(environment: [String: String], keyFile: URL) throws -> MasterKey {
        if let value = environment[environmentVariable],
            !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        {
            return try MasterKey(base64: value, source: environmentVariable)
        }
        return try load(keyFile: keyFile)
    }

    /// Loads the key file alone.
    static func load(keyFile: URL) throws -> MasterKey {
        let path = keyFile.path
        guard FileManager.default.fileExists(atPath: path) else {
            throw KeywayError(
                .internal, "master_key_missing",
                "No master key: set \(environmentVariable) or create the key file at \(path) (keyway init writes one).")
        }
        let contents: Data
        do {
            contents = try Data(contentsOf: keyFile)
        } catch {
            throw KeywayError(
                .internal, "master_key_unreadable",
                "The master key file at \(path) cannot be read; check its owner and permissions.")
        }
        let source = "The key file at \(path)"
        guard contents.count <= 1024, let text = String(data: contents, encoding: .utf8) else {
            throw KeywayError(
                .internal, "master_key_invalid",
                "\(source) is not a base64-encoded \(byteCount)-byte key (44 base64 characters).")
        }
        return try MasterKey(base64: text, source: source)
    }
}
