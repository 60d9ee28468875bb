import Foundation
import KeywayCore
import KeywayTestSupport
import Testing

/// Unknown API key ids are remembered briefly, so that a client retrying a bad key costs no store read each.
@Suite("API key negative cache")
struct APIKeyCacheTests {
    @Test("300 requests with one unknown key id read the store about once a second, not 300 times")
    func bogusKeyFlood() async throws {
        try await Harness.run { h in
            let bogus = "kw_key_00000000000000aa_" + String(repeating: "x", count: 43)
            let before = h.keyway.apiKeyStoreReads
            let start = ContinuousClock.now
            for _ in 0..<300 {
                let answer = try await h.http.get(
                    "\(h.api)/services", headers: [("Authorization", "Bearer \(bogus)")], authorized: false)
                #expect(answer.status == 401)
            }
            let seconds = Int((ContinuousClock.now - start).components.seconds)
            let reads = h.keyway.apiKeyStoreReads - before
            #expect(reads >= 1 && reads <= seconds + 2, "\(reads) store reads in \(seconds) s")
            // A good key still works, and is read once then remembered.
            let good = try await h.http.get("\(h.api)/services")
            #expect(good.status == 200)
        }
    }
}
