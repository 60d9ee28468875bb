import Foundation

/// Unbuffered output, so that lines printed by a long-running server reach a pipe at once.
enum Console {
    /// Writes a line to standard output.
    static func line(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    /// Writes bytes to standard output as they are, followed by a newline.
    static func bytes(_ data: Data) {
        FileHandle.standardOutput.write(data)
        FileHandle.standardOutput.write(Data("\n".utf8))
    }

    /// A line on standard error: progress and notes that are not the command's result.
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
