import Foundation
import KeywayTestSupport
import Testing

/// What one run of the `keyway` binary did.
struct CLIResult: Sendable, CustomStringConvertible {
    let status: Int32
    let stdout: String
    let stderr: String

    /// Standard output parsed as a JSON object, or nil.
    var object: [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(stdout.utf8))) as? [String: Any]
    }

    /// The `items` of a JSON list answer.
    var items: [[String: Any]] { object?["items"] as? [[String: Any]] ?? [] }

    /// Standard output without its final newline.
    var trimmedOutput: String { stdout.hasSuffix("\n") ? String(stdout.dropLast()) : stdout }

    var description: String { "exit \(status)\nstdout: \(stdout)\nstderr: \(stderr)" }
}

/// Runs the `keyway` executable that `swift build --build-tests` built next to the test bundle, with a
/// controlled environment: a private HOME (so that `~/.keyway` is never the developer's) and only the
/// `KEYWAY_*` variables a test gives.
struct CLI: Sendable {
    /// The environment every run gets.
    var environment: [String: String]

    /// A CLI with a private, empty HOME and the given variables.
    init(home: URL, environment: [String: String] = [:]) {
        var base = ["HOME": home.path, "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
        base.merge(environment) { _, new in new }
        self.environment = base
    }

    /// A CLI pointed at a live harness through `KEYWAY_URL` and `KEYWAY_API_KEY`.
    init(_ h: Harness, home: URL) {
        self.init(
            home: home,
            environment: [
                "KEYWAY_URL": h.base, "KEYWAY_API_KEY": h.apiKey,
                "KEYWAY_DATA_DIR": home.appendingPathComponent("no-data").path,
            ])
    }

    /// Runs `keyway` with `arguments`, feeding `stdin`, and kills it after `timeout` seconds.
    func run(_ arguments: [String], stdin: String? = nil, timeout: TimeInterval = 60) async throws -> CLIResult {
        let executable = try #require(Self.executable, "build the keyway binary first: swift build --build-tests")
        let environment = environment
        // Process and pipes block: run them on threads of their own. Not on the cooperative pool, which the
        // live Keyway in this process needs to answer; and not on Dispatch's pool either, which on Linux
        // shares its threads with the cooperative pool and adds one only after a second of starvation.
        return try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                do {
                    continuation.resume(
                        returning: try Self.runBlocking(
                            executable, arguments, environment: environment, stdin: stdin, timeout: timeout))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }

    /// `run` with one string split on spaces, for arguments without spaces.
    func run(_ line: String, stdin: String? = nil) async throws -> CLIResult {
        try await run(line.split(separator: " ").map(String.init), stdin: stdin)
    }

    private static func runBlocking(
        _ executable: URL, _ arguments: [String], environment: [String: String], stdin: String?,
        timeout: TimeInterval
    ) throws -> CLIResult {
        let process = ChildProcess()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment
        let output = Pipe()
        let errors = Pipe()
        let input = Pipe()
        process.standardOutput = .pipe(output)
        process.standardError = .pipe(errors)
        process.standardInput = .pipe(input)
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let killer = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: killer)
        let collected = Collected()
        let reading = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            collected.errors = errors.fileHandleForReading.readDataToEndOfFile()
            reading.signal()
        }
        let out = output.fileHandleForReading.readDataToEndOfFile()
        reading.wait()
        process.waitUntilExit()
        killer.cancel()
        return CLIResult(
            status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
            stderr: String(decoding: collected.errors, as: UTF8.self))
    }

    /// Standard error, written by one reader thread and read after it finished.
    private final class Collected: @unchecked Sendable {
        var errors = Data()
    }

    /// The built `keyway`: `$KEYWAY_CLI`, else next to the test bundle, else `.build/debug/keyway`.
    ///
    /// `swift build --build-tests` (what scripts/test.sh runs first) links it; `swift test` alone compiles the
    /// `keyway` module but does not link the executable, so after a change run the build first.
    static let executable: URL? = {
        let fileManager = FileManager.default
        if let path = ProcessInfo.processInfo.environment["KEYWAY_CLI"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        var folders = Bundle.allBundles.filter { $0.bundlePath.hasSuffix(".xctest") }.map {
            $0.bundleURL.deletingLastPathComponent()
        }
        if let main = Bundle.main.executableURL { folders.append(main.deletingLastPathComponent()) }
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        folders.append(packageRoot.appendingPathComponent(".build/debug"))
        return folders.map { $0.appendingPathComponent("keyway") }.first { fileManager.isExecutableFile(atPath: $0.path) }
    }()
}

/// A fresh folder removed when `body` returns.
func withTemporaryDirectory<T>(_ body: (URL) async throws -> T) async throws -> T {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
        "keyway-cli-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: url) }
    return try await body(url)
}

/// Runs `body` with a fresh home holding a data folder that `keyway init` made: the home, the data folder,
/// a CLI with that home, and the admin key init printed.
func withInitializedDataDirectory<T>(_ body: (URL, URL, CLI, String) async throws -> T) async throws -> T {
    try await withTemporaryDirectory { home in
        let data = home.appendingPathComponent("data")
        let cli = CLI(home: home)
        let initialized = try await cli.run(["init", "--data-dir", data.path, "--output", "json"])
        #expect(initialized.status == 0, "\(initialized)")
        let adminKey = try #require(initialized.object?["apiKey"] as? String)
        return try await body(home, data, cli, adminKey)
    }
}

/// Runs `body` with a live Keyway and a CLI pointed at it.
func withCLI(_ body: @escaping @Sendable (Harness, CLI) async throws -> Void) async throws {
    try await withTemporaryDirectory { home in
        try await Harness.run { h in try await body(h, CLI(h, home: home)) }
    }
}
