import Foundation

/// A strict reader of Prometheus' text exposition format (version 0.0.4), enough to check what `/metrics`
/// serves: every line is a `# HELP`/`# TYPE` comment or `name{label="value",…} number`, or the parse fails.
struct PrometheusText {
    struct Sample: Equatable {
        var name: String
        var labels: [String: String]
        var value: Double
    }

    var samples: [Sample] = []
    var types: [String: String] = [:]

    struct Malformed: Error, CustomStringConvertible {
        let line: String
        var description: String { "not Prometheus text: \(line)" }
    }

    init(_ text: String) throws {
        let name = "[a-zA-Z_:][a-zA-Z0-9_:]*"
        let label = "[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\"\\\\n])*\""
        let number = "(?:[+-]?(?:[0-9]*\\.?[0-9]+(?:[eE][+-]?[0-9]+)?|Inf)|NaN)"
        let sampleLine = try Regex("^(\(name))(\\{(?:\(label))(?:,\(label))*,?\\}|\\{\\})? (\(number))(?: -?[0-9]+)?$")
        let typeLine = try Regex("^# TYPE (\(name)) (counter|gauge|histogram|summary|untyped)$")
        let helpLine = try Regex("^# HELP \(name) .*$")
        let labelPair = try Regex("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"")
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            if let match = try typeLine.wholeMatch(in: line) {
                types[String(match.output[1].substring!)] = String(match.output[2].substring!)
            } else if try helpLine.wholeMatch(in: line) != nil {
                continue
            } else if let match = try sampleLine.wholeMatch(in: line) {
                var labels: [String: String] = [:]
                if let block = match.output[2].substring {
                    for pair in block.matches(of: labelPair) {
                        labels[String(pair.output[1].substring!)] = String(pair.output[2].substring!)
                    }
                }
                guard let value = Double(String(match.output[3].substring!).replacingOccurrences(of: "Inf", with: "inf"))
                else { throw Malformed(line: String(line)) }
                samples.append(Sample(name: String(match.output[1].substring!), labels: labels, value: value))
            } else {
                throw Malformed(line: String(line))
            }
        }
    }

    /// The sum of the samples of `name` whose labels include `labels`.
    func value(_ name: String, _ labels: [String: String] = [:]) -> Double {
        samples.filter { sample in sample.name == name && labels.allSatisfy { key, value in sample.labels[key] == value } }
            .reduce(0) { $0 + $1.value }
    }
}
