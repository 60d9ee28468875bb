import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc

/// glibc ≥ 2.34's `posix_spawn_file_actions_addclosefrom_np`, which Swift's Glibc module does not export.
@_silgen_name("posix_spawn_file_actions_addclosefrom_np")
private func posixSpawnFileActionsAddCloseFrom(
    _ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ from: Int32
) -> Int32
#endif

/// A child process started with `posix_spawn`, with the few parts of Foundation's `Process` the tests use.
///
/// Foundation's `Process.run()` on Linux (swift-corelibs-foundation in Swift 6.3.1) crashes now and then: it
/// reads `/proc/self/fd` with a 256-byte copy of each `dirent` that can run past glibc's buffer
/// (swiftlang/swift-corelibs-foundation#5472, fixed after this toolchain). Test runs that start many
/// processes hit it, so the tests start theirs here: the child gets the given standard streams and closes
/// every other descriptor (`closefrom`), without the parent reading `/proc`.
public final class ChildProcess: @unchecked Sendable {
    /// A standard stream of the child.
    public enum Stream {
        /// The parent's own stream.
        case inherit
        /// `/dev/null`.
        case null
        /// One end of this pipe (the read end for standard input, the write end for output).
        case pipe(Pipe)
    }

    /// The program.
    public var executableURL: URL?
    /// Its arguments, without the program's name.
    public var arguments: [String] = []
    /// Its environment; nil for the parent's.
    public var environment: [String: String]?
    /// Its standard input.
    public var standardInput: Stream = .inherit
    /// Its standard output.
    public var standardOutput: Stream = .inherit
    /// Its standard error.
    public var standardError: Stream = .inherit

    private let state = Mutex<(pid: pid_t, status: Int32?)>((0, nil))
    private static let launches = Mutex(())

    /// Creates a process that is not started yet.
    public init() {}

    /// The child's process id, once started.
    public var processIdentifier: Int32 { state.withLock { $0.pid } }

    /// Starts the child.
    public func run() throws {
        guard let executableURL else { throw ChildProcessError(message: "no executable") }
        try Self.launches.withLock { _ in
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            let devNull = open("/dev/null", O_RDWR | O_CLOEXEC)
            defer { close(devNull) }
            for (stream, target, isInput) in [
                (standardInput, STDIN_FILENO, true), (standardOutput, STDOUT_FILENO, false),
                (standardError, STDERR_FILENO, false),
            ] {
                switch stream {
                case .inherit: break
                case .null: posix_spawn_file_actions_adddup2(&actions, devNull, target)
                case .pipe(let pipe):
                    let handle = isInput ? pipe.fileHandleForReading : pipe.fileHandleForWriting
                    posix_spawn_file_actions_adddup2(&actions, handle.fileDescriptor, target)
                }
            }
            _ = posixSpawnFileActionsAddCloseFrom(&actions, 3)
            let argv = ([executableURL.path] + arguments).map { strdup($0) } + [nil]
            let environment = self.environment ?? ProcessInfo.processInfo.environment
            let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
            defer {
                argv.forEach { free($0) }
                envp.forEach { free($0) }
            }
            var pid: pid_t = 0
            let result = posix_spawn(&pid, executableURL.path, &actions, nil, argv, envp)
            guard result == 0 else {
                throw ChildProcessError(message: "posix_spawn \(executableURL.path) failed: \(String(cString: strerror(result)))")
            }
            state.withLock { $0 = (pid, nil) }
        }
        // The parent's copies of the child's pipe ends must close, or readers never see end of file.
        for case (.pipe(let pipe), let isInput) in [(standardInput, true), (standardOutput, false), (standardError, false)] {
            try? (isInput ? pipe.fileHandleForReading : pipe.fileHandleForWriting).close()
        }
    }

    /// Whether the child has not exited yet.
    public var isRunning: Bool {
        state.withLock { state in
            guard state.pid > 0, state.status == nil else { return false }
            var status: Int32 = 0
            if waitpid(state.pid, &status, WNOHANG) == state.pid { state.status = status }
            return state.status == nil
        }
    }

    /// Sends SIGTERM.
    public func terminate() { signal(SIGTERM) }

    /// Sends SIGINT.
    public func interrupt() { signal(SIGINT) }

    /// Sends a signal, if the child still runs.
    public func signal(_ number: Int32) {
        let pid = processIdentifier
        if pid > 0, isRunning { kill(pid, number) }
    }

    /// Waits for the child to exit.
    public func waitUntilExit() {
        let pid = processIdentifier
        guard pid > 0, state.withLock({ $0.status }) == nil else { return }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1, errno == EINTR {}
        state.withLock { if $0.status == nil { $0.status = status } }
    }

    /// The exit code, or 128 + the signal that ended the child.
    public var terminationStatus: Int32 {
        guard let status = state.withLock({ $0.status }) else { return -1 }
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }
}

/// A child could not be started.
public struct ChildProcessError: Error, CustomStringConvertible {
    /// What went wrong.
    public let message: String
    public var description: String { message }
}
