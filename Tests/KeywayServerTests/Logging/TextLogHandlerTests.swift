import Foundation
import KeywayServer
import Logging
import Testing

/// `serve`'s text log handler and its output, over a real file descriptor.
@Suite("Text log handler")
struct TextLogHandlerTests {
    /// A file in a fresh folder, open for writing, and a way to read what it holds.
    final class LogFile: Sendable {
        let path: String
        let descriptor: Int32

        init() throws {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("keyway-log-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            path = folder.appendingPathComponent("log.txt").path
            descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        }

        var text: String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }
        var lines: [String] { text.split(separator: "\n").map(String.init) }

        /// Waits up to two seconds for `count` lines.
        func waitFor(lines count: Int) async throws -> [String] {
            for _ in 0..<200 where lines.count < count { try await Task.sleep(for: .milliseconds(10)) }
            return lines
        }

        deinit {
            close(descriptor)
            try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent)
        }
    }

    func logger(_ output: LogOutput) -> Logger {
        var logger = Logger(label: "keyway") { TextLogHandler(label: $0, output: output) }
        logger.logLevel = .info
        logger[metadataKey: "hb.request.id"] = "0123abcd"
        return logger
    }

    @Test("a line has the time, the level, the label, the logger's metadata, the module and the message")
    func format() async throws {
        let file = try LogFile()
        let logger = logger(LogOutput(fileDescriptor: file.descriptor, delay: .milliseconds(10)))
        logger.info("request method=GET path=/v1/keys status=200 ms=0.412")
        logger.debug("not at this level")
        logger.notice("refresh grant refused", metadata: ["identity": "idn_1", "error": "invalid_grant"])
        let lines = try await file.waitFor(lines: 2)
        #expect(lines.count == 2, "\(lines)")
        let time = #/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/#
        let first = try #require(lines.first)
        let request = try #require(first.wholeMatch(of: #/(.+) info keyway: hb\.request\.id=0123abcd \[KeywayServerTests\] (.+)/#))
        #expect(request.output.1.wholeMatch(of: time) != nil, "\(first)")
        #expect(request.output.2 == "request method=GET path=/v1/keys status=200 ms=0.412")
        #expect(
            lines.last?.hasSuffix(
                " notice keyway: error=invalid_grant hb.request.id=0123abcd identity=idn_1 [KeywayServerTests] refresh grant refused")
                == true, "\(lines)")
    }

    @Test("lines below warning wait for the delay; a warning is written at once with every line before it")
    func batching() async throws {
        let file = try LogFile()
        let output = LogOutput(fileDescriptor: file.descriptor, delay: .seconds(30))
        let logger = logger(output)
        logger.info("first")
        logger.info("second")
        #expect(file.text.isEmpty, "an info line was written at once")
        logger.warning("third")
        #expect(file.lines.map { $0.split(separator: " ").last ?? "" } == ["first", "second", "third"], "\(file.text)")
        logger.info("fourth")
        output.flush()
        #expect(file.lines.last?.hasSuffix("] fourth") == true, "\(file.text)")
    }

    @Test("beyond its limit the output writes at once, and concurrent writers lose no line")
    func limitAndConcurrency() async throws {
        let file = try LogFile()
        let output = LogOutput(fileDescriptor: file.descriptor, delay: .seconds(30), limit: 4096)
        let logger = logger(output)
        await withTaskGroup(of: Void.self) { group in
            for writer in 0..<8 {
                group.addTask {
                    for line in 0..<500 { logger.info("writer \(writer) line \(line)") }
                }
            }
        }
        #expect(file.lines.count > 400, "the limit did not make the writers write")
        output.flush()
        let lines = file.lines
        #expect(lines.count == 4000)
        var byWriter: [Int: [Int]] = [:]
        for line in lines {
            guard let match = line.firstMatch(of: #/\] writer (\d+) line (\d+)$/#) else { continue }
            byWriter[Int(match.output.1)!, default: []].append(Int(match.output.2)!)
        }
        for writer in 0..<8 {
            #expect(byWriter[writer] == Array(0..<500), "writer \(writer)'s lines are out of order or missing")
        }
    }
}
