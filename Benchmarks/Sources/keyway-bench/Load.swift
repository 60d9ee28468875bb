import AsyncHTTPClient
import Foundation
import NIOCore

/// Figures from one load run: requests per second and latency percentiles.
struct LoadFigures {
    let requests: Int
    let seconds: Double
    let latencies: [Double]

    var throughput: Double { Double(requests) / seconds }
    func percentile(_ p: Double) -> Double {
        let sorted = latencies.sorted()
        return sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
    }
}

/// Sends `requests` GETs from `concurrency` workers and times each.
func load(
    _ client: HTTPClient, url: String, headers: [(String, String)], requests: Int, concurrency: Int
) async throws -> LoadFigures {
    let start = ContinuousClock.now
    let perWorker = requests / concurrency
    let latencies = try await withThrowingTaskGroup(of: [Double].self) { group in
        for _ in 0..<concurrency {
            group.addTask {
                var mine: [Double] = []
                mine.reserveCapacity(perWorker)
                for _ in 0..<perWorker {
                    var request = HTTPClientRequest(url: url)
                    for (name, value) in headers { request.headers.add(name: name, value: value) }
                    let began = ContinuousClock.now
                    let response = try await client.execute(request, timeout: .seconds(30))
                    _ = try await response.body.collect(upTo: 1 << 20)
                    guard response.status == .ok else { throw BenchError("\(url) answered \(response.status)") }
                    let elapsed = ContinuousClock.now - began
                    mine.append(Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000)
                }
                return mine
            }
        }
        var all: [Double] = []
        for try await part in group { all += part }
        return all
    }
    let elapsed = ContinuousClock.now - start
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    return LoadFigures(requests: latencies.count, seconds: seconds, latencies: latencies)
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
