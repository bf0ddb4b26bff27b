import Foundation
import Testing

@testable import Messages

// Foundation has a `Notification` too; in this file the name means the message.
private typealias Notification = Messages.Notification

// MARK: - Fixtures

/// Shared values for the discovery, reactions and notifications message tests.
private enum DRNFixture {
    static let text = "Zoë 🎧 夜"

    static func with<T>(_ value: T, _ body: (inout T) -> Void) -> T {
        var value = value
        body(&value)
        return value
    }

    static func timestamp(_ seconds: Int64) -> Timestamp { Timestamp(seconds: seconds, nanos: 999_999_999) }

    static func user(_ n: Int) -> PublicUser {
        with(PublicUser()) {
            $0.userID = "0190f3a2-\(n)"
            $0.displayName = "\(text) \(n)"
            $0.avatarURL = "https://cdn.example/ä/\(n).png"
            $0.isAnonymous = true
            $0.instagramHandle = "insta_\(n)"
            $0.discordHandle = "dïscord#\(n)"
        }
    }

    static let track = with(Track()) {
        $0.trackID = "4uLU6hMCjMI75M1A2tKUQC"
        $0.trackName = "夜に駆ける"
        $0.artist = text
        $0.albumArt = "https://i.scdn.co/image/ab67"
        $0.energy = 0
        $0.valence = 1
    }

    static func nearbyUser(_ n: Int) -> NearbyUser {
        with(NearbyUser()) {
            $0.user = user(n)
            $0.currentTrack = track
            $0.vibe = .melancholic
            $0.distance = with(CoarseDistance()) {
                $0.approxMeters = 1_234.5
                $0.gridMeters = 250
            }
            $0.areaGeohash = "u4pruy"
            $0.lastActive = timestamp(-62_135_596_800 + Int64(n))
            $0.allowFind = true
        }
    }

    static func findSession(_ n: Int) -> FindSession {
        with(FindSession()) {
            $0.id = "find-\(n)-\(text)"
            $0.seeker = user(n)
            $0.target = user(n + 1)
            $0.status = .expired
            $0.startedAt = timestamp(1_700_000_000)
            $0.completedAt = timestamp(253_402_300_799)
            $0.expiresAt = timestamp(-1)
        }
    }

    static func reaction(_ n: Int) -> Reaction {
        with(Reaction()) {
            $0.id = "reaction-\(n)"
            $0.sender = user(n)
            $0.receiver = user(n + 1)
            $0.type = .sparkle
            $0.createdAt = timestamp(Int64.max)
        }
    }

    static func notification(_ n: Int) -> Notification {
        with(Notification()) {
            $0.id = "notification-\(n)"
            $0.type = .spotifyDisconnected
            $0.title = "\(text) title"
            $0.message = "\(text) message\nline two"
            $0.fromUser = user(n)
            $0.isRead = true
            $0.createdAt = timestamp(Int64.min)
            $0.capsuleID = "capsule-\(n)"
            $0.findSessionID = "find-\(n)"
            $0.reactionType = .heart
        }
    }

    static let pushSubscription = with(PushSubscription()) {
        $0.endpoint = "https://push.example/wpush/v2/gAAAAAB"
        $0.userAgent = "Mozilla/5.0 (\(text))"
        $0.createdAt = timestamp(0)
    }

    /// One value per message of the three files, with every field set.
    static let maximal: [any ProtoMessage] = [
        // discovery.proto
        nearbyUser(1),
        with(ListNearbyRequest()) {
            $0.radiusMeters = -1.5e300
            $0.pageSize = Int32.min
            $0.pageToken = text
        },
        with(ListNearbyResponse()) {
            $0.users = [nearbyUser(1), nearbyUser(2), with(NearbyUser()) { $0.areaGeohash = "s00000" }]
            $0.nextPageToken = text
            $0.radiusMeters = 10_000
        },
        with(WatchNearbyRequest()) { $0.radiusMeters = .greatestFiniteMagnitude },
        with(WatchNearbyResponse()) {
            $0.type = .synced
            $0.user = nearbyUser(3)
        },
        findSession(1),
        with(StartFindRequest()) { $0.targetUserID = "target-\(text)" },
        with(StartFindResponse()) { $0.session = findSession(2) },
        with(RespondToFindRequest()) {
            $0.sessionID = "session-\(text)"
            $0.accept = true
        },
        with(RespondToFindResponse()) { $0.session = findSession(3) },
        with(GetFindHintRequest()) { $0.sessionID = "hint-\(text)" },
        with(GetFindHintResponse()) {
            $0.proximity = .found
            $0.nextHintAt = timestamp(1_700_000_123)
        },
        with(CompleteFindRequest()) { $0.sessionID = "complete-\(text)" },
        with(CompleteFindResponse()) { $0.session = findSession(4) },
        with(CancelFindRequest()) { $0.sessionID = "cancel-\(text)" },
        with(CancelFindResponse()) { $0.session = findSession(5) },
        with(ListFindSessionsRequest()) {
            $0.openOnly = true
            $0.pageSize = Int32.max
            $0.pageToken = text
        },
        with(ListFindSessionsResponse()) {
            $0.sessions = [findSession(6), findSession(7), FindSession()]
            $0.nextPageToken = text
        },
        // reactions.proto
        reaction(1),
        with(SendReactionRequest()) {
            $0.receiverUserID = "receiver-\(text)"
            $0.type = .wave
        },
        with(SendReactionResponse()) {
            $0.reaction = reaction(2)
            $0.created = true
        },
        with(ListReactionsRequest()) {
            $0.direction = .sent
            $0.pageSize = -1
            $0.pageToken = text
        },
        with(ListReactionsResponse()) {
            $0.reactions = [reaction(3), reaction(4), reaction(5)]
            $0.nextPageToken = text
        },
        // notifications.proto
        notification(1),
        with(ListNotificationsRequest()) {
            $0.unreadOnly = true
            $0.pageSize = 100
            $0.pageToken = text
        },
        with(ListNotificationsResponse()) {
            $0.notifications = [notification(2), notification(3), Notification()]
            $0.nextPageToken = text
        },
        GetUnreadCountRequest(),
        with(GetUnreadCountResponse()) { $0.unreadCount = Int64.max },
        with(MarkReadRequest()) {
            $0.notificationIDs = ["a", text, "", "ünïcode-\(text)"]
            $0.all = true
        },
        with(MarkReadResponse()) { $0.updatedCount = Int64.min },
        with(DeleteNotificationRequest()) { $0.notificationID = "delete-\(text)" },
        DeleteNotificationResponse(),
        WatchNotificationsRequest(),
        with(WatchNotificationsResponse()) { $0.notification = notification(4) },
        pushSubscription,
        with(RegisterPushSubscriptionRequest()) {
            $0.endpoint = "https://push.example/\(text)"
            $0.p256dh = "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM"
            $0.auth = "tBHItJI5svbpez7KI4CCXg"
            $0.userAgent = text
        },
        with(RegisterPushSubscriptionResponse()) {
            $0.subscription = pushSubscription
            $0.created = true
        },
        with(UnregisterPushSubscriptionRequest()) { $0.endpoint = "https://push.example/gone" },
        UnregisterPushSubscriptionResponse(),
        GetPushConfigRequest(),
        with(GetPushConfigResponse()) { $0.vapidPublicKey = "BEl62iUYgUivxIkv69yViEuiBIa-Ib9" },
    ]

    /// Every enum of the three files with the numbers the Swift type names.
    static let enums: [(name: String, numbers: [Int32])] = [
        ("NearbyEventType", NearbyEventType.allKnown.map(\.rawValue)),
        ("FindStatus", FindStatus.allKnown.map(\.rawValue)),
        ("Proximity", Proximity.allKnown.map(\.rawValue)),
        ("ReactionType", ReactionType.allKnown.map(\.rawValue)),
        ("ReactionDirection", ReactionDirection.allKnown.map(\.rawValue)),
        ("NotificationType", NotificationType.allKnown.map(\.rawValue)),
    ]

    static let protoFiles = ["discovery", "reactions", "notifications"].map { "resonance/v1/\($0).proto" }
}

// MARK: - Helpers

/// Encodes `message`, decodes the bytes and checks that the result is equal.
private func drnExpectRoundTrip<M: ProtoMessage>(_ message: M) throws {
    let bytes = message.serializedBytes()
    let decoded = try M(serializedBytes: bytes)
    #expect(decoded == message, "\(M.protoName) did not round-trip")
}

/// Checks that every stored property of `message` differs from the default value.
private func drnExpectEveryFieldSet<M: ProtoMessage>(_ message: M) {
    let defaults = Mirror(reflecting: M()).children
    for (field, empty) in zip(Mirror(reflecting: message).children, defaults) {
        #expect(
            String(describing: field.value) != String(describing: empty.value),
            "\(M.protoName).\(field.label ?? "?") is left at its default")
    }
}

/// Checks that the default value encodes to no bytes and that no bytes decode to it.
private func drnExpectDefaultIsEmpty<M: ProtoMessage>(_ message: M) throws {
    #expect(M().serializedBytes().isEmpty, "default \(M.protoName) is not empty")
    #expect(try M(serializedBytes: []) == M())
}

/// Decodes `bytes` as a message of the same type as `example`, discarding the result.
private func drnDecode<M: ProtoMessage>(like example: M, _ bytes: [UInt8]) throws {
    _ = try M(serializedBytes: bytes)
}

/// Encodes `textFormat` with protoc and checks that it decodes to `expected` and that our
/// encoding of `expected` is the same bytes.
private func drnExpectProtocDecodes<M: ProtoMessage>(_ expected: M, file: String, textFormat: String) throws {
    let bytes = try Protoc.encode(M.protoName, in: "resonance/v1/\(file).proto", textFormat: textFormat)
    #expect(try M(serializedBytes: bytes) == expected)
    #expect(expected.serializedBytes() == bytes)
}

/// The text of `pattern`'s first capture group for each match in `text`.
private func drnCaptures(_ pattern: String, in text: String) throws -> [String] {
    let regex = try Regex(pattern)
    return text.matches(of: regex).compactMap { $0.output[1].substring.map(String.init) }
}

// MARK: - Every message

@Test(arguments: DRNFixture.maximal)
func drnMaximalValueRoundTrips(_ message: any ProtoMessage) throws {
    drnExpectEveryFieldSet(message)
    try drnExpectRoundTrip(message)
}

@Test(arguments: DRNFixture.maximal)
func drnDefaultValueEncodesToNoBytes(_ message: any ProtoMessage) throws {
    try drnExpectDefaultIsEmpty(message)
}

@Test func drnFixturesCoverEveryMessageAndEnumOfTheProtoFiles() throws {
    var messages: [String] = []
    var enums: [String: [Int32]] = [:]
    for file in DRNFixture.protoFiles {
        let schema = try String(
            contentsOf: Protoc.packageRoot.appendingPathComponent("proto/\(file)"), encoding: .utf8)
        messages += try drnCaptures(#"(?m)^message (\w+)"#, in: schema)
        for block in try drnCaptures(#"(?ms)^(enum \w+ \{.*?^\})"#, in: schema) {
            let name = try drnCaptures(#"^enum (\w+)"#, in: block)[0]
            enums[name] = try drnCaptures(#"= (-?\d+);"#, in: block).compactMap { Int32($0) }
        }
    }
    #expect(Set(DRNFixture.maximal.map { type(of: $0).protoName }) == Set(messages.map { "resonance.v1.\($0)" }))
    #expect(DRNFixture.maximal.count == messages.count)
    #expect(enums.count == DRNFixture.enums.count)
    for (name, numbers) in DRNFixture.enums {
        #expect(enums[name] == numbers, "\(name)")
    }
}

@Test func drnUnknownAndNegativeEnumNumbersSurvive() throws {
    let messages: [any ProtoMessage] = [
        DRNFixture.with(WatchNearbyResponse()) { $0.type = NearbyEventType(rawValue: 42) },
        DRNFixture.with(GetFindHintResponse()) { $0.proximity = Proximity(rawValue: -7) },
        DRNFixture.with(FindSession()) { $0.status = FindStatus(rawValue: Int32.min) },
        DRNFixture.with(SendReactionRequest()) { $0.type = ReactionType(rawValue: Int32.max) },
        DRNFixture.with(ListReactionsRequest()) { $0.direction = ReactionDirection(rawValue: 3) },
        DRNFixture.with(Notification()) {
            $0.type = NotificationType(rawValue: 8)
            $0.reactionType = ReactionType(rawValue: -1)
        },
    ]
    for message in messages { try drnExpectRoundTrip(message) }
    #expect(!NotificationType(rawValue: 8).isKnown)
    #expect(Proximity.found.isKnown)
}

// MARK: - Bytes from protoc

@Test func drnDecodesDiscoveryMessagesEncodedByProtoc() throws {
    let user = DRNFixture.with(PublicUser()) {
        $0.userID = "u1"
        $0.displayName = "Zoë 🎧 夜"
        $0.avatarURL = "https://a/1.png"
        $0.isAnonymous = true
        $0.instagramHandle = "ig"
        $0.discordHandle = "dc"
    }
    let nearby = DRNFixture.with(NearbyUser()) {
        $0.user = user
        $0.currentTrack = DRNFixture.with(Track()) {
            $0.trackID = "t1"
            $0.trackName = "夜"
            $0.artist = "A"
            $0.albumArt = "https://img/1"
            $0.energy = 0.25
            $0.valence = 0
        }
        $0.vibe = .chill
        $0.distance = DRNFixture.with(CoarseDistance()) {
            $0.approxMeters = 750
            $0.gridMeters = 250
        }
        $0.areaGeohash = "u4pruy"
        $0.lastActive = Timestamp(seconds: -5, nanos: 500)
        $0.allowFind = true
    }
    try drnExpectProtocDecodes(
        DRNFixture.with(ListNearbyResponse()) {
            $0.users = [nearby, DRNFixture.with(NearbyUser()) { $0.vibe = .euphoric }]
            $0.nextPageToken = "next 🎧"
            $0.radiusMeters = 2_500.5
        }, file: "discovery",
        textFormat: """
            users {
              user { user_id: "u1" display_name: "Zoë 🎧 夜" avatar_url: "https://a/1.png" is_anonymous: true
                     instagram_handle: "ig" discord_handle: "dc" }
              current_track { track_id: "t1" track_name: "夜" artist: "A" album_art: "https://img/1"
                              energy { value: 0.25 } valence { } }
              vibe: VIBE_CHILL
              distance { approx_meters: 750 grid_meters: 250 }
              area_geohash: "u4pruy"
              last_active { seconds: -5 nanos: 500 }
              allow_find: true
            }
            users { vibe: VIBE_EUPHORIC }
            next_page_token: "next 🎧"
            radius_m: 2500.5
            """)
    try drnExpectProtocDecodes(
        DRNFixture.with(ListFindSessionsResponse()) {
            $0.sessions = [
                DRNFixture.with(FindSession()) {
                    $0.id = "f1"
                    $0.seeker = user
                    $0.target = DRNFixture.with(PublicUser()) { $0.userID = "u2" }
                    $0.status = .completed
                    $0.startedAt = Timestamp(seconds: 1_700_000_000)
                    $0.completedAt = Timestamp(seconds: 1_700_000_600, nanos: 1)
                    $0.expiresAt = Timestamp(seconds: 1_700_000_900)
                }
            ]
            $0.nextPageToken = "p2"
        }, file: "discovery",
        textFormat: """
            sessions {
              id: "f1"
              seeker { user_id: "u1" display_name: "Zoë 🎧 夜" avatar_url: "https://a/1.png" is_anonymous: true
                       instagram_handle: "ig" discord_handle: "dc" }
              target { user_id: "u2" }
              status: FIND_STATUS_COMPLETED
              started_at { seconds: 1700000000 }
              completed_at { seconds: 1700000600 nanos: 1 }
              expires_at { seconds: 1700000900 }
            }
            next_page_token: "p2"
            """)
    try drnExpectProtocDecodes(
        DRNFixture.with(GetFindHintResponse()) {
            $0.proximity = .warm
            $0.nextHintAt = Timestamp(seconds: 42)
        }, file: "discovery", textFormat: "proximity: PROXIMITY_WARM next_hint_at { seconds: 42 }")
    try drnExpectProtocDecodes(
        DRNFixture.with(ListNearbyRequest()) {
            $0.radiusMeters = -0.5
            $0.pageSize = -2
            $0.pageToken = "ü"
        }, file: "discovery", textFormat: #"radius_m: -0.5 page_size: -2 page_token: "ü""#)
}

@Test func drnDecodesReactionsMessagesEncodedByProtoc() throws {
    try drnExpectProtocDecodes(
        DRNFixture.with(ListReactionsResponse()) {
            $0.reactions = [
                DRNFixture.with(Reaction()) {
                    $0.id = "r1"
                    $0.sender = DRNFixture.with(PublicUser()) {
                        $0.displayName = "Anonymous 🎧"
                        $0.isAnonymous = true
                    }
                    $0.receiver = DRNFixture.with(PublicUser()) { $0.userID = "u2" }
                    $0.type = .fire
                    $0.createdAt = Timestamp(seconds: 1_700_000_000, nanos: 123_000_000)
                },
                DRNFixture.with(Reaction()) {
                    $0.id = "r2"
                    $0.type = .music
                },
            ]
            $0.nextPageToken = "夜"
        }, file: "reactions",
        textFormat: """
            reactions {
              id: "r1"
              sender { display_name: "Anonymous 🎧" is_anonymous: true }
              receiver { user_id: "u2" }
              type: REACTION_TYPE_FIRE
              created_at { seconds: 1700000000 nanos: 123000000 }
            }
            reactions { id: "r2" type: REACTION_TYPE_MUSIC }
            next_page_token: "夜"
            """)
    try drnExpectProtocDecodes(
        DRNFixture.with(SendReactionRequest()) {
            $0.receiverUserID = "u-Zoë"
            $0.type = .sparkle
        }, file: "reactions", textFormat: #"receiver_user_id: "u-Zoë" type: REACTION_TYPE_SPARKLE"#)
    try drnExpectProtocDecodes(
        DRNFixture.with(ListReactionsRequest()) {
            $0.direction = .received
            $0.pageSize = 50
            $0.pageToken = "t"
        }, file: "reactions",
        textFormat: #"direction: REACTION_DIRECTION_RECEIVED page_size: 50 page_token: "t""#)
}

@Test func drnDecodesNotificationsMessagesEncodedByProtoc() throws {
    try drnExpectProtocDecodes(
        DRNFixture.with(ListNotificationsResponse()) {
            $0.notifications = [
                DRNFixture.with(Notification()) {
                    $0.id = "n1"
                    $0.type = .reaction
                    $0.title = "New reaction"
                    $0.message = "Zoë 🎧 夜 sent 🔥"
                    $0.fromUser = DRNFixture.with(PublicUser()) {
                        $0.userID = "u1"
                        $0.displayName = "Zoë"
                    }
                    $0.isRead = true
                    $0.createdAt = Timestamp(seconds: 1_700_000_000)
                    $0.capsuleID = "c1"
                    $0.findSessionID = "f1"
                    $0.reactionType = .fire
                },
                DRNFixture.with(Notification()) { $0.type = .spotifyDisconnected },
            ]
            $0.nextPageToken = "more"
        }, file: "notifications",
        textFormat: """
            notifications {
              id: "n1"
              type: NOTIFICATION_TYPE_REACTION
              title: "New reaction"
              message: "Zoë 🎧 夜 sent 🔥"
              from_user { user_id: "u1" display_name: "Zoë" }
              is_read: true
              created_at { seconds: 1700000000 }
              capsule_id: "c1"
              find_session_id: "f1"
              reaction_type: REACTION_TYPE_FIRE
            }
            notifications { type: NOTIFICATION_TYPE_SPOTIFY_DISCONNECTED }
            next_page_token: "more"
            """)
    try drnExpectProtocDecodes(
        DRNFixture.with(MarkReadRequest()) {
            $0.notificationIDs = ["n1", "", "夜"]
            $0.all = true
        }, file: "notifications",
        textFormat: #"notification_ids: "n1" notification_ids: "" notification_ids: "夜" all: true"#)
    try drnExpectProtocDecodes(
        DRNFixture.with(RegisterPushSubscriptionRequest()) {
            $0.endpoint = "https://push.example/x"
            $0.p256dh = "BNc"
            $0.auth = "tBH"
            $0.userAgent = "Zoë 🎧 夜"
        }, file: "notifications",
        textFormat: #"endpoint: "https://push.example/x" p256dh: "BNc" auth: "tBH" user_agent: "Zoë 🎧 夜""#)
    try drnExpectProtocDecodes(
        DRNFixture.with(MarkReadResponse()) { $0.updatedCount = -9_000_000_000 }, file: "notifications",
        textFormat: "updated_count: -9000000000")
}

// MARK: - Hostile bytes

@Test(arguments: DRNFixture.maximal.filter { !$0.serializedBytes().isEmpty })
func drnTruncatedBytesFailToDecode(_ message: any ProtoMessage) {
    let bytes = message.serializedBytes()
    #expect(throws: ProtoDecodingError.self) { try drnDecode(like: message, Array(bytes.dropLast())) }
}

@Test func drnHostileBytesFailToDecode() {
    let cases: [(any ProtoMessage, [UInt8])] = [
        // Truncated: a length prefix longer than the rest, a tag without a value.
        (NearbyUser(), [0x0A, 0x05, 0x0A]),
        (ListNearbyRequest(), [0x09, 0x00, 0x00]),
        (Reaction(), [0x20]),
        (Notification(), [0x30, 0x80]),
        // Wrong wire type: a string as a varint, a double as a varint, an int as bytes,
        // a sub-message as a varint, an enum as fixed32.
        (FindSession(), [0x08, 0x01]),
        (ListNearbyRequest(), [0x08, 0x01]),
        (ListNearbyRequest(), [0x12, 0x01, 0x00]),
        (NearbyUser(), [0x08, 0x01]),
        (Reaction(), [0x25, 0x00, 0x00, 0x00, 0x00]),
        (GetUnreadCountResponse(), [0x0A, 0x00]),
        (MarkReadRequest(), [0x08, 0x01]),
        // Invalid UTF-8, at the top level and nested in repeated sub-messages.
        (ListNearbyRequest(), [0x1A, 0x01, 0xFF]),
        (ListNearbyResponse(), [0x0A, 0x06, 0x0A, 0x04, 0x12, 0x02, 0xC3, 0x28]),
        (StartFindRequest(), [0x0A, 0x02, 0xC0, 0x80]),
        (SendReactionRequest(), [0x0A, 0x01, 0xFF]),
        (ListReactionsResponse(), [0x0A, 0x06, 0x12, 0x04, 0x12, 0x02, 0xC3, 0x28]),
        (Notification(), [0x1A, 0x02, 0xC3, 0x28]),
        (ListNotificationsResponse(), [0x0A, 0x06, 0x2A, 0x04, 0x12, 0x02, 0xC3, 0x28]),
        (MarkReadRequest(), [0x0A, 0x01, 0x61, 0x0A, 0x03, 0xED, 0xA0, 0x80]),
        (RegisterPushSubscriptionRequest(), [0x12, 0x01, 0xFE]),
        (GetPushConfigResponse(), [0x0A, 0x01, 0x80]),
    ]
    for (example, bytes) in cases {
        #expect(throws: ProtoDecodingError.self, "\(example) \(bytes)") { try drnDecode(like: example, bytes) }
    }
}
