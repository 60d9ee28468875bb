import Foundation
import KeywayTestSupport
import Synchronization
import Testing

/// A `keyway` process left running while a test works against it, such as `keyway serve`.
final class BackgroundProcess: @unchecked Sendable {
    // Process is not Sendable; it is only touched by `start`, `terminate` and the reader thread's reads of
    // its pipe, never concurrently.
    private let process = ChildProcess()
    private let output = Mutex<String>("")

    /// Starts `keyway` with `arguments`; standard output is collected, standard error discarded.
    init(_ cli: CLI, _ arguments: [String]) throws {
        guard let executable = CLI.executable else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "build keyway first"])
        }
        process.executableURL = executable
        process.arguments = arguments
        process.environment = cli.environment
        let pipe = Pipe()
        process.standardOutput = .pipe(pipe)
        process.standardError = .null
        process.standardInput = .null
        try process.run()
        Thread.detachNewThread { [self] in
            while true {
                let data = pipe.fileHandleForReading.availableData
                if data.isEmpty { return }
                output.withLock { $0 += String(decoding: data, as: UTF8.self) }
            }
        }
    }

    /// Runs `body` with `keyway arguments` running, and terminates the process after, whether `body` threw
    /// or not.
    static func run<T>(_ cli: CLI, _ arguments: [String], _ body: (BackgroundProcess) async throws -> T)
        async throws -> T
    {
        let process = try BackgroundProcess(cli, arguments)
        do {
            let result = try await body(process)
            await process.terminate()
            return result
        } catch {
            await process.terminate()
            throw error
        }
    }

    /// What it printed so far.
    var printed: String { output.withLock { $0 } }

    /// Waits until a line of its output starts with `prefix` and returns the rest of that line.
    func waitForLine(startingWith prefix: String, timeout: Duration = .seconds(30)) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            for line in printed.split(separator: "\n") where line.hasPrefix(prefix) {
                return String(line.dropFirst(prefix.count))
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("no line starting with '\(prefix)' within \(timeout); printed: \(printed)")
        throw CancellationError()
    }

    /// Sends SIGTERM and waits for the process to end, on a thread of its own.
    func terminate() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            Thread.detachNewThread { [process] in
                if process.isRunning { process.terminate() }
                process.waitUntilExit()
                continuation.resume()
            }
        }
    }
}
