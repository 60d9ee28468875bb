/// A local failure the CLI reports as one clear line and exit status 1.
struct CLIError: ReportableError, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }

    var message: String { description }
    var exitStatus: ExitStatus { .failure }
}

/// A command line or configuration that cannot work, such as a missing API key; exit status 2.
struct UsageError: ReportableError, CustomStringConvertible {
    let message: String

    init(_ message: String) {
        self.message = message
    }

    var description: String { message }
    var exitStatus: ExitStatus { .usage }
}
