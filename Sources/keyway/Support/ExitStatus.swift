import ArgumentParser

/// The exit statuses of `keyway`, so that scripts can tell a refusal from a typo from a server that is down.
enum ExitStatus: Int32, Sendable {
    /// The command did what it was asked.
    case success = 0
    /// Keyway answered with an error (the contract's `error` code is printed), or a local command failed.
    case failure = 1
    /// The command line or the configuration is wrong: bad arguments, no API key, an invalid URL.
    case usage = 2
    /// Keyway could not be reached: connection refused, timeout, unknown host.
    case unreachable = 3

    /// What `--help` says about exit statuses.
    static let helpText = """
        Exit status: 0 on success; 1 when Keyway answers with an error (printed as 'error: <code>: <message>'); \
        2 for usage or configuration errors (bad arguments, no API key); 3 when Keyway cannot be reached \
        (connection refused, timeout, unknown host).
        """
}

/// An error that knows how to report itself: one line on stderr and an exit status.
protocol ReportableError: Error {
    /// The line printed after `error: `.
    var message: String { get }
    /// The status the process exits with.
    var exitStatus: ExitStatus { get }
}
