import Foundation
import Testing

/// The built `keyway` executable run as a child process, for tests that need Keyway in a process of its own
/// (its memory measured alone, or its command line exercised).
public final class KeywayProcess: @unchecked Sendable {
    /// The child process.
    public let process: Process
    /// Its data folder.
    public let dataDirectory: URL
    /// The address it printed when it started listening.
    public let url: String
    /// The admin API key from its profile.
    public let apiKey: String

    /// The `keyway` binary beside the test bundle (both are built by `swift build --build-tests`).
    public static var binary: URL {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = bundle.deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("keyway")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return bundle.deletingLastPathComponent().appendingPathComponent("keyway")
    }

    /// Starts `keyway serve --port 0` with the given extra arguments on a fresh data folder and waits until
    /// it listens.
    public init(arguments: [String] = ["--sandbox"], environment: [String: String] = [:]) async throws {
        dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "keyway-process-\(UUID().uuidString)", isDirectory: true)
        process = Process()
        process.executableURL = Self.binary
        process.arguments = ["serve", "--port", "0", "--data-dir", dataDirectory.path, "--log-level", "warning"] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var collected = ""
        var listening: String?
        let deadline = Date().addingTimeInterval(30)
        while listening == nil, Date() < deadline, process.isRunning {
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { try await Task.sleep(for: .milliseconds(20)); continue }
            collected += String(decoding: data, as: UTF8.self)
            if let line = collected.split(separator: "\n").first(where: { $0.hasPrefix("Keyway is listening on ") }) {
                listening = String(line.dropFirst("Keyway is listening on ".count))
            }
        }
        guard let listening else {
            process.terminate()
            throw KeywayProcessError(message: "keyway serve did not start: \(collected)")
        }
        url = listening
        let profile = try Data(contentsOf: dataDirectory.appendingPathComponent("profile.json"))
        let json = try JSONSerialization.jsonObject(with: profile) as? [String: Any]
        apiKey = json?["apiKey"] as? String ?? ""
    }

    /// The resident set size of the process now, in bytes (Linux).
    public var residentBytes: Int {
        guard let status = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") })
        else { return 0 }
        return (Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0) * 1024
    }

    /// Stops the process and removes its data folder.
    public func stop() {
        if process.isRunning {
            process.interrupt()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: dataDirectory)
    }
}

/// The child process failed to start.
public struct KeywayProcessError: Error, CustomStringConvertible {
    /// What happened.
    public let message: String
    public var description: String { message }
}
