import Foundation
import KeywayCore
import Testing

@Suite("Proxy retry state machine")
struct ProxyRetryStateMachineTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let hubspot = ProviderCatalog.bundled.provider("hubspot")!.rateLimit

    func headers(_ pairs: [String: String]) -> (String) -> String? {
        { name in pairs.first { $0.key.lowercased() == name.lowercased() }?.value }
    }

    @Test("success and other errors are delivered at once")
    func deliver() {
        var machine = ProxyRetryStateMachine(policy: .init(), rateLimit: nil)
        #expect(machine.received(status: 200, header: headers([:]), canReplay: true, now: now) == .deliver)
        var failing = ProxyRetryStateMachine(policy: .init(), rateLimit: nil)
        #expect(failing.received(status: 500, header: headers([:]), canReplay: true, now: now) == .deliver)
    }

    @Test("a 401 refreshes and replays once; a second 401 is delivered")
    func unauthorized() {
        var machine = ProxyRetryStateMachine(policy: .init(), rateLimit: nil)
        #expect(machine.received(status: 401, header: headers([:]), canReplay: true, now: now) == .refreshAndReplay)
        #expect(machine.received(status: 401, header: headers([:]), canReplay: true, now: now) == .deliver)
    }

    @Test("429 waits as Retry-After says, in seconds or as a date, up to the attempt bound")
    func retryAfter() {
        var machine = ProxyRetryStateMachine(policy: .init(maxAttempts: 3), rateLimit: nil)
        #expect(machine.received(status: 429, header: headers(["Retry-After": "2"]), canReplay: true, now: now) == .retry(after: .seconds(2)))
        let date = "Fri, 15 Jan 2027 08:00:03 GMT"
        let base = DateFormatter.httpDate(date).addingTimeInterval(-3)
        #expect(machine.received(status: 503, header: headers(["Retry-After": date]), canReplay: true, now: base) == .retry(after: .seconds(3)))
        #expect(machine.received(status: 429, header: headers(["Retry-After": "1"]), canReplay: true, now: now) == .deliver)
    }

    @Test("HubSpot's rate-limit headers give the wait when the window is spent")
    func hubspotHeaders() {
        var machine = ProxyRetryStateMachine(policy: .init(maxSingleWait: .seconds(20), defaultWait: .seconds(1)), rateLimit: hubspot)
        let spent = headers(["X-HubSpot-RateLimit-Remaining": "0", "X-HubSpot-RateLimit-Interval-Milliseconds": "10000"])
        #expect(machine.received(status: 429, header: spent, canReplay: true, now: now) == .retry(after: .seconds(10)))
        var left = ProxyRetryStateMachine(policy: .init(), rateLimit: hubspot)
        let notSpent = headers(["X-HubSpot-RateLimit-Remaining": "5", "X-HubSpot-RateLimit-Interval-Milliseconds": "10000"])
        #expect(left.received(status: 429, header: notSpent, canReplay: true, now: now) == .retry(after: .seconds(1)))
    }

    @Test("with the default policy, HubSpot's spent window (10 s, no Retry-After) is waited out once")
    func hubspotDefaultPolicy() {
        var machine = ProxyRetryStateMachine(policy: .init(), rateLimit: hubspot)
        let spent = headers(["X-HubSpot-RateLimit-Remaining": "0", "X-HubSpot-RateLimit-Interval-Milliseconds": "10000"])
        #expect(machine.received(status: 429, header: spent, canReplay: true, now: now) == .retry(after: .seconds(10)))
        #expect(machine.received(status: 429, header: spent, canReplay: true, now: now) == .deliver, "the total bound is spent")
    }

    @Test("absurd waits from upstream (1e20, inf, nan, negative) neither crash nor hang: delivered, or the default")
    func absurdHeaders() {
        for value in ["1e20", "inf", "+infinity", "9223372036854775807"] {
            var machine = ProxyRetryStateMachine(policy: .init(), rateLimit: nil)
            #expect(machine.received(status: 429, header: headers(["Retry-After": value]), canReplay: true, now: now) == .deliver)
            var reset = ProxyRetryStateMachine(policy: .init(), rateLimit: hubspot)
            let spent = headers(["X-HubSpot-RateLimit-Remaining": "0", "X-HubSpot-RateLimit-Interval-Milliseconds": value])
            #expect(reset.received(status: 429, header: spent, canReplay: true, now: now) == .deliver)
        }
        var nan = ProxyRetryStateMachine(policy: .init(defaultWait: .seconds(1)), rateLimit: hubspot)
        let notANumber = headers(["X-HubSpot-RateLimit-Remaining": "0", "X-HubSpot-RateLimit-Interval-Milliseconds": "nan"])
        #expect(nan.received(status: 429, header: notANumber, canReplay: true, now: now) == .retry(after: .seconds(1)))
        var negative = ProxyRetryStateMachine(policy: .init(), rateLimit: hubspot)
        let past = headers(["X-HubSpot-RateLimit-Remaining": "0", "X-HubSpot-RateLimit-Interval-Milliseconds": "-5000"])
        #expect(negative.received(status: 429, header: past, canReplay: true, now: now) == .retry(after: .zero))
    }

    @Test("waits beyond the single or total bound, and bodies that cannot be replayed, are delivered")
    func bounds() {
        var long = ProxyRetryStateMachine(policy: .init(maxSingleWait: .seconds(5)), rateLimit: nil)
        #expect(long.received(status: 429, header: headers(["Retry-After": "60"]), canReplay: true, now: now) == .deliver)
        var total = ProxyRetryStateMachine(policy: .init(maxAttempts: 10, maxTotalWait: .seconds(5)), rateLimit: nil)
        #expect(total.received(status: 429, header: headers(["Retry-After": "3"]), canReplay: true, now: now) == .retry(after: .seconds(3)))
        #expect(total.received(status: 429, header: headers(["Retry-After": "3"]), canReplay: true, now: now) == .deliver)
        var streamed = ProxyRetryStateMachine(policy: .init(), rateLimit: nil)
        #expect(streamed.received(status: 401, header: headers([:]), canReplay: false, now: now) == .deliver)
    }
}

extension DateFormatter {
    static func httpDate(_ text: String) -> Date {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: text)!
    }
}
