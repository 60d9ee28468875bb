import Crypto
import Foundation

/// Verifies the webhooks Keyway sends, as the Standard Webhooks specification says: the `webhook-signature`
/// header holds one or more space-separated `v1,<base64>` signatures, each an HMAC-SHA256 of
/// `"<webhook-id>.<webhook-timestamp>.<body>"` keyed with the endpoint secret's bytes (`whsec_<base64>`).
///
/// ```swift
/// let event = try KeywayWebhook.verify(body: body, headers: headers, secret: secret)
/// if event.type == "identity.refresh_failed" { showReconnect(event.data.tags) }
/// ```
public enum KeywayWebhook {
    /// The default tolerance between `webhook-timestamp` and now, either way: 5 minutes (replays older than
    /// this are refused).
    public static let defaultTolerance: TimeInterval = 300

    /// Why a delivery was refused.
    public enum VerificationError: Error, Sendable, Equatable {
        /// `webhook-id`, `webhook-timestamp` or `webhook-signature` is missing.
        case missingHeader(String)
        /// The timestamp is not a number, or is further from now than the tolerance.
        case timestampOutOfTolerance
        /// No signature in the header matches.
        case invalidSignature
        /// The secret is not `whsec_<base64>`.
        case invalidSecret
        /// The signed body is not an event.
        case invalidBody
    }

    /// Checks a delivery's signature and timestamp and decodes its event.
    ///
    /// - Parameters:
    ///   - body: the request body, exactly as received (not re-encoded).
    ///   - headers: the request headers; names are matched without regard to case.
    ///   - secret: the endpoint secret `whsec_…`, shown when the endpoint was created.
    ///   - tolerance: how far the timestamp may be from `now`, in seconds.
    /// - Throws: ``VerificationError``.
    @discardableResult
    public static func verify(
        body: Data, headers: [String: String], secret: String, tolerance: TimeInterval = defaultTolerance,
        now: Date = Date()
    ) throws(VerificationError) -> Event {
        func header(_ name: String) throws(VerificationError) -> String {
            guard let value = headers.first(where: { $0.key.lowercased() == name })?.value else {
                throw .missingHeader(name)
            }
            return value
        }
        let id = try header("webhook-id")
        let timestampText = try header("webhook-timestamp")
        let signatures = try header("webhook-signature")
        guard secret.hasPrefix("whsec_"), let keyBytes = Data(base64Encoded: String(secret.dropFirst(6))),
            !keyBytes.isEmpty
        else { throw .invalidSecret }
        guard let timestamp = Int64(timestampText), abs(now.timeIntervalSince1970 - Double(timestamp)) <= tolerance
        else { throw .timestampOutOfTolerance }
        var message = Data("\(id).\(timestamp).".utf8)
        message.append(body)
        let key = SymmetricKey(data: keyBytes)
        let matched = signatures.split(separator: " ").contains { candidate in
            let parts = candidate.split(separator: ",", maxSplits: 1)
            guard parts.count == 2, parts[0] == "v1", let mac = Data(base64Encoded: String(parts[1])) else { return false }
            // Constant time: swift-crypto compares authentication codes without early exit.
            return HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: message, using: key)
        }
        guard matched else { throw .invalidSignature }
        do {
            return try JSONDecoder().decode(Event.self, from: body)
        } catch {
            throw .invalidBody
        }
    }

    /// A webhook event: `{"id", "type", "timestamp", "data"}`. It never carries a token.
    public struct Event: Decodable, Sendable, Hashable {
        /// The event id, also the `webhook-id` header (the same on every retry: drop duplicates by it).
        public var id: String
        /// `identity.created`, `identity.reconnected`, `identity.refresh_failed`, `identity.deleted` or
        /// `identity.refreshed`.
        public var type: String
        /// When the change happened, RFC 3339.
        public var timestamp: String
        public var data: EventData
    }

    /// What an identity event says about the identity.
    public struct EventData: Decodable, Sendable, Hashable {
        public var identityId: String
        public var serviceId: String
        public var tags: [String: String]
        /// `active`, `refresh_failed`, …
        public var status: String
        public var statusReason: String?
    }
}
