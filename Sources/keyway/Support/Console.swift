import Foundation

/// Unbuffered output, so that lines printed by a long-running server reach a pipe at once.
enum Console {
    static func line(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    /// A line on standard error: progress and notes that are not the command's result.
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
