import Foundation

/// Unbuffered output, so that lines printed by a long-running server reach a pipe at once.
enum Console {
    static func line(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }
}
