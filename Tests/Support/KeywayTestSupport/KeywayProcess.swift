import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The built `keyway` executable run as a child process, for tests that need Keyway in a process of its own
/// (its memory measured alone, its command line exercised, or several replicas on one database).
public final class KeywayProcess: @unchecked Sendable {
    /// The child process.
    public let process: ChildProcess
    /// Its data folder.
    public let dataDirectory: URL
    /// The address it listens on, as it printed it when it started listening.
    public let url: String
    /// The admin API key from its profile (empty when the folder has no profile, as for a replica started
    /// on a PostgreSQL database another replica initialized).
    public let apiKey: String
    /// Whether ``stop()`` removes the data folder (true when this process made it).
    private let ownsDataDirectory: Bool

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

    /// Starts `keyway serve --port 0` with the given extra arguments and waits until it listens.
    ///
    /// - Parameters:
    ///   - arguments: arguments after `serve --port 0 --data-dir D --log-level warning`.
    ///   - environment: variables added to the test's own.
    ///   - dataDirectory: a folder to share with other processes (kept by ``stop()``); nil for a fresh one.
    public init(
        arguments: [String] = ["--sandbox"], environment: [String: String] = [:], dataDirectory: URL? = nil
    ) async throws {
        ownsDataDirectory = dataDirectory == nil
        self.dataDirectory =
            dataDirectory
            ?? FileManager.default.temporaryDirectory.appendingPathComponent(
                "keyway-process-\(UUID().uuidString)", isDirectory: true)
        process = ChildProcess()
        process.executableURL = Self.binary
        process.arguments =
            ["serve", "--port", "0", "--data-dir", self.dataDirectory.path, "--log-level", "warning"] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let output = Pipe()
        process.standardOutput = .pipe(output)
        process.standardError = .null
        try process.run()
        var collected = ""
        var listening: String?
        let deadline = Date().addingTimeInterval(60)
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
        let profile = try? Data(contentsOf: self.dataDirectory.appendingPathComponent("profile.json"))
        let json = profile.flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }
        apiKey = json?["apiKey"] as? String ?? ""
    }

    /// The resident set size of the process now, in bytes (Linux).
    public var residentBytes: Int {
        guard let status = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") })
        else { return 0 }
        return (Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0) * 1024
    }

    /// Kills the process with SIGKILL, as a crash or an out-of-memory killer would: nothing of it runs after.
    public func kill() {
        guard process.isRunning else { return }
        _ = Glibc.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Stops the process (SIGINT, a graceful shutdown) and removes its data folder if it made it.
    public func stop() {
        if process.isRunning {
            process.interrupt()
            process.waitUntilExit()
        }
        if ownsDataDirectory { try? FileManager.default.removeItem(at: dataDirectory) }
    }

    /// Runs a one-shot `keyway` command to its end and returns its exit status and output.
    public static func command(_ arguments: [String], environment: [String: String] = [:]) async throws
        -> (status: Int32, output: String, errors: String)
    {
        let process = ChildProcess()
        process.executableURL = binary
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = .pipe(output)
        process.standardError = .pipe(errors)
        try process.run()
        async let outputData = Task.detached { output.fileHandleForReading.readDataToEndOfFile() }.value
        async let errorData = Task.detached { errors.fileHandleForReading.readDataToEndOfFile() }.value
        let (out, err) = await (outputData, errorData)
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }
}

/// The child process failed to start.
public struct KeywayProcessError: Error, CustomStringConvertible {
    /// What happened.
    public let message: String
    public var description: String { message }
}
