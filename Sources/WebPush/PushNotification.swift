import Foundation

/// A notification to push to every subscription of its recipient, with the few fields the
/// payload carries (never emails, Spotify ids or locations).
public struct PushNotification: Sendable, Hashable {
    public var recipientID: String
    public var id: String
    /// The stored notification type (`reaction`, `capsule_discovered`, ...).
    public var type: String
    public var title: String
    public var message: String
    /// When it was created, in milliseconds since the epoch.
    public var createdAt: Int64

    public init(recipientID: String, id: String, type: String, title: String, message: String, createdAt: Int64) {
        self.recipientID = recipientID
        self.id = id
        self.type = type
        self.title = title
        self.message = message
        self.createdAt = createdAt
    }

    /// The JSON the service worker receives:
    /// `{"created_at":"<RFC 3339>","id":…,"message":…,"title":…,"type":…}`.
    public var payload: Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let body = Payload(
            id: id, type: type, title: title, message: message, createdAt: Self.rfc3339(milliseconds: createdAt))
        return (try? encoder.encode(body)) ?? Data("{}".utf8)
    }

    private struct Payload: Encodable {
        var id: String
        var type: String
        var title: String
        var message: String
        var createdAt: String

        enum CodingKeys: String, CodingKey {
            case id, type, title, message
            case createdAt = "created_at"
        }
    }

    /// `milliseconds` since the epoch as an RFC 3339 UTC time with milliseconds.
    static func rfc3339(milliseconds: Int64) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
    }
}

/// One Web Push subscription of a user, as the browser's `PushSubscription` gave it.
public struct PushTarget: Sendable, Hashable {
    public var endpoint: String
    /// The user agent's P-256 public key, base64url.
    public var p256dh: String
    /// The 16-byte authentication secret, base64url.
    public var auth: String

    public init(endpoint: String, p256dh: String, auth: String) {
        self.endpoint = endpoint
        self.p256dh = p256dh
        self.auth = auth
    }
}
