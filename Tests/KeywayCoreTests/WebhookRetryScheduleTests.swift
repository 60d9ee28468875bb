import Foundation
import KeywayCore
import Testing

/// The retry schedule and the meaning of an attempt's outcome, without I/O.
@Suite("Webhook retry schedule")
struct WebhookRetryScheduleTests {
    let start = Date(timeIntervalSince1970: 1_000_000)

    @Test("delays double from the base, jittered between half and all, capped at the maximum")
    func backoff() {
        let schedule = WebhookRetrySchedule(base: 5, maximumDelay: 3600, horizon: 86_400)
        #expect(schedule.delay(afterFailedAttempts: 1, jitter: 1) == 5)
        #expect(schedule.delay(afterFailedAttempts: 1, jitter: 0) == 2.5)
        #expect(schedule.delay(afterFailedAttempts: 2, jitter: 1) == 10)
        #expect(schedule.delay(afterFailedAttempts: 4, jitter: 0.5) == 30)
        #expect(schedule.delay(afterFailedAttempts: 20, jitter: 1) == 3600)
        #expect(schedule.delay(afterFailedAttempts: 10_000, jitter: 1) == 3600)
        // Jitter outside 0...1 is clamped.
        #expect(schedule.delay(afterFailedAttempts: 1, jitter: 7) == 5)
    }

    @Test("retries stop once the next attempt would fall past 24 hours after the first")
    func horizon() {
        let schedule = WebhookRetrySchedule()
        var now = start
        var failures = 0
        while let next = schedule.nextAttempt(afterFailedAttempts: failures + 1, firstAttempt: start, now: now, jitter: 1) {
            failures += 1
            now = next
        }
        #expect(now.timeIntervalSince(start) <= 86_400)
        #expect(now.timeIntervalSince(start) > 86_400 - 3600)
        // 5 s doubling to the 1 h cap: 10 attempts to reach it, then one an hour.
        #expect((30...40).contains(failures))
    }

    @Test("2xx is delivered, 410 disables, anything else or no answer retries until the horizon")
    func decisions() {
        let schedule = WebhookRetrySchedule(base: 5)
        func decide(_ status: Int?, failures: Int = 0, now: Date? = nil) -> WebhookAttemptDecision {
            .decide(
                statusCode: status, schedule: schedule, failedAttemptsSoFar: failures, firstAttempt: start,
                now: now ?? start, jitter: 1)
        }
        #expect(decide(200) == .delivered)
        #expect(decide(204) == .delivered)
        #expect(decide(410) == .disableEndpoint)
        #expect(decide(500) == .retry(at: start.addingTimeInterval(5)))
        #expect(decide(301) == .retry(at: start.addingTimeInterval(5)))
        #expect(decide(nil, failures: 1) == .retry(at: start.addingTimeInterval(10)))
        #expect(decide(429, failures: 30, now: start.addingTimeInterval(86_000)) == .giveUp)
    }

    @Test("an event's body carries the identity's fields and no credentials")
    func body() throws {
        let identity = Identity(
            id: "idn_1", serviceId: "hubspot", tags: ["tenantId": "contoso"],
            credentials: Credentials(accessToken: "secret-access", refreshToken: "secret-refresh"), metadata: ["hub_id": "1"],
            createdAt: start, updatedAt: start)
        let event = WebhookEvent.identity(identity, .identityCreated, at: start)
        let text = String(decoding: try event.body(), as: UTF8.self)
        #expect(!text.contains("secret-"))
        #expect(!text.contains("hub_id"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(json["type"] as? String == "identity.created")
        #expect(json["id"] as? String == event.id)
        #expect(json["timestamp"] as? String == start.rfc3339)
        let data = try #require(json["data"] as? [String: Any])
        #expect(data["identityId"] as? String == "idn_1")
        #expect(data["tags"] as? [String: String] == ["tenantId": "contoso"])
        #expect(data["status"] as? String == "active")
    }
}
