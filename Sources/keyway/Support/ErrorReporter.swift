import ArgumentParser
import Foundation
import KeywayClient
import KeywayCore

/// Turns an error into one line on stderr and the matching ``ExitStatus``.
enum ErrorReporter {
    static func exit(with error: any Error) -> Never {
        switch error {
        case let error as any ReportableError:
            Console.error("error: \(error.message)")
            Foundation.exit(error.exitStatus.rawValue)
        case let error as KeywayClientError:
            // Keyway's refusal (or the SDK's, of a value Keyway would refuse) as `code: message`; the SDK's own
            // failures (configuration, transport) as their message.
            let refused = error.kind == .server || error.kind == .invalidArgument
            Console.error("error: " + (refused ? "\(error.code): \(error.message)" : error.message))
            Foundation.exit(Self.exitStatus(of: error).rawValue)
        case let error as KeywayError:
            Console.error("error: \(error.code): \(error.message)")
            Foundation.exit(ExitStatus.failure.rawValue)
        default:
            break
        }
        switch KeywayCommand.exitCode(for: error) {
        case .success:
            // --help and --version: ArgumentParser prints them and exits 0.
            KeywayCommand.exit(withError: error)
        case .validationFailure:
            var message = KeywayCommand.fullMessage(for: error)
            if message.hasPrefix("Error: ") { message = "error: " + message.dropFirst("Error: ".count) }
            Console.error(message)
            Foundation.exit(ExitStatus.usage.rawValue)
        default:
            if error is ExitCode { KeywayCommand.exit(withError: error) }
            Console.error("error: \(KeywayCommand.message(for: error))")
            Foundation.exit(ExitStatus.failure.rawValue)
        }
    }

    /// 2 for a configuration the SDK cannot use (no key, a bad URL or profile), 3 when Keyway cannot be reached,
    /// 1 when it refused or answered something unreadable.
    static func exitStatus(of error: KeywayClientError) -> ExitStatus {
        switch error.kind {
        case .configuration: .usage
        case .transport: .unreachable
        default: .failure
        }
    }
}
