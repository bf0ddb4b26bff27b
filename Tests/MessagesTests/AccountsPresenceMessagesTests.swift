import CProtobufC
import Foundation
import Testing

@testable import Messages

/// Maximal sample values for every message of accounts.proto and presence.proto: every
/// field set, non-ASCII strings, extreme numbers, several repeated elements.
enum AccountsPresenceSamples {
    static let text = "Zoë 🎧 夜"
    static let created = Timestamp(seconds: -62_135_596_800, nanos: 1)
    static let later = Timestamp(seconds: 253_402_300_799, nanos: 999_999_999)

    static let profile = {
        var profile = Profile()
        profile.userID = "usr_01HZX3K9Q2"
        profile.displayName = text
        profile.avatarURL = "https://cdn.example/ävatar/夜.png"
        profile.email = "zoë@例え.jp"
        profile.isAnonymous = true
        profile.instagramHandle = "zoe.nacht_"
        profile.discordHandle = "zoë#🎧"
        profile.radiusKm = 9.75
        profile.spotifyConnected = true
        profile.createdAt = created
        profile.updatedAt = later
        return profile
    }()

    static let session = {
        var session = Session()
        session.token = "tok_Ωmega"
        session.expiresAt = later
        session.userID = profile.userID
        return session
    }()

    static let track = {
        var track = Track()
        track.trackID = "4uLU6hMCjMI75M1A2tKUQC"
        track.trackName = text
        track.artist = "Sigur Rós"
        track.albumArt = "https://i.scdn.co/image/ab67"
        track.energy = 0
        track.valence = 1
        return track
    }()

    static let publicUser = {
        var user = PublicUser()
        user.userID = "usr_blocked"
        user.displayName = "Ølaf 夜"
        user.avatarURL = "https://cdn.example/o.png"
        user.isAnonymous = true
        user.instagramHandle = "olaf"
        user.discordHandle = "ølaf"
        return user
    }()

    static let blockedUsers = (1...3).map { index in
        var blocked = BlockedUser()
        blocked.user = publicUser
        blocked.user?.userID = "usr_\(index)_🚫"
        blocked.blockedAt = Timestamp(seconds: Int64(index) * -1_000_000, nanos: Int32(index))
        return blocked
    }

    static let settings = {
        var settings = LiveSettings()
        settings.shareTrack = false
        settings.allowFind = true
        settings.radiusKm = 0.1
        return settings
    }()

    static let status = {
        var status = LiveStatus()
        status.isLive = true
        status.shareTrack = true
        status.allowFind = true
        status.radiusKm = 10
        status.lastActive = created
        status.expiresAt = later
        status.location = Location(latitude: -89.999999, longitude: 179.999999)
        status.accuracyMeters = 10_000
        status.currentTrack = track
        status.isPlaying = true
        status.vibe = .melancholic
        return status
    }()

    static let historyEntries = (1...3).map { index in
        var entry = HistoryEntry()
        entry.id = "hist_\(index)_夜"
        entry.track = track
        entry.track?.trackName = "\(text) #\(index)"
        entry.playedAt = Timestamp(seconds: 1_700_000_000 + Int64(index), nanos: 0)
        return entry
    }

    static let accounts: [any CBridgedMessage] = [
        profile,
        build(SignInAnonymouslyRequest()) { $0.displayName = text },
        build(SignInAnonymouslyResponse()) {
            $0.session = session
            $0.profile = profile
        },
        build(StartSpotifySignInRequest()) { $0.redirectURI = "resonance://callback/é" },
        build(StartSpotifySignInResponse()) {
            $0.authorizeURL = "https://accounts.spotify.com/authorize?state=ü"
            $0.state = "st_夜"
            $0.expiresAt = later
        },
        build(CompleteSpotifySignInRequest()) {
            $0.state = "st_夜"
            $0.code = "AQD🎧"
        },
        build(CompleteSpotifySignInResponse()) {
            $0.session = session
            $0.profile = profile
            $0.created = true
        },
        SignOutRequest(),
        SignOutResponse(),
        GetProfileRequest(),
        build(GetProfileResponse()) { $0.profile = profile },
        build(UpdateProfileRequest()) {
            $0.displayName = text
            $0.avatarURL = ""
            $0.instagramHandle = "zoë"
            $0.discordHandle = ""
            $0.radiusKm = 0
            $0.isAnonymous = false
        },
        build(UpdateProfileResponse()) { $0.profile = profile },
        GetMyStatsRequest(),
        build(GetMyStatsResponse()) {
            $0.capsulesDropped = .max
            $0.capsulesDiscovered = .min
            $0.discoveriesOfMyCapsules = -1
            $0.likesReceived = 1
            $0.reactionsSent = 1 << 40
            $0.reactionsReceived = -(1 << 33)
            $0.findsCompleted = 127
            $0.tracksPlayed = 128
        },
        build(DeleteAccountRequest()) { $0.confirm = true },
        DeleteAccountResponse(),
        build(BlockUserRequest()) { $0.userID = "usr_🚫" },
        BlockUserResponse(),
        build(UnblockUserRequest()) { $0.userID = "usr_✓" },
        UnblockUserResponse(),
        build(ListBlockedUsersRequest()) {
            $0.pageSize = .min
            $0.pageToken = "page_ß"
        },
        blockedUsers[0],
        build(ListBlockedUsersResponse()) {
            $0.blockedUsers = blockedUsers
            $0.nextPageToken = "next_夜"
        },
    ]

    static let presence: [any CBridgedMessage] = [
        settings,
        status,
        build(GoLiveRequest()) {
            $0.location = Location(latitude: 48.8566, longitude: -2.3522)
            $0.accuracyMeters = 4.5
            $0.settings = settings
        },
        build(GoLiveResponse()) { $0.status = status },
        GoOfflineRequest(),
        GoOfflineResponse(),
        HeartbeatRequest(),
        build(HeartbeatResponse()) { $0.expiresAt = later },
        build(UpdateLocationRequest()) {
            $0.location = Location(latitude: 90, longitude: -180)
            $0.accuracyMeters = .greatestFiniteMagnitude
        },
        build(UpdateLocationResponse()) { $0.expiresAt = created },
        build(UpdateSettingsRequest()) { $0.settings = settings },
        build(UpdateSettingsResponse()) { $0.status = status },
        GetMyStatusRequest(),
        build(GetMyStatusResponse()) { $0.status = status },
        build(SetNowPlayingRequest()) {
            $0.track = track
            $0.isPlaying = true
        },
        build(SetNowPlayingResponse()) {
            $0.appendedToHistory = true
            $0.vibe = .euphoric
        },
        historyEntries[0],
        build(ListListeningHistoryRequest()) {
            $0.pageSize = .max
            $0.pageToken = "tok_é"
        },
        build(ListListeningHistoryResponse()) {
            $0.entries = historyEntries
            $0.nextPageToken = "next_🎧"
        },
    ]

    static func build<M>(_ message: M, _ configure: (inout M) -> Void) -> M {
        var message = message
        configure(&message)
        return message
    }
}

/// One sample message, named by its protobuf type in test output.
struct AccountsPresenceSample: CustomTestStringConvertible, Sendable {
    let message: any CBridgedMessage
    var testDescription: String { type(of: message).protoName }

    static let all = (AccountsPresenceSamples.accounts + AccountsPresenceSamples.presence).map(Self.init)
}

/// The distinct top-level field numbers of an encoded message (a minimal wire-format walk).
func accountsPresenceFieldNumbers(_ bytes: [UInt8]) -> Set<UInt64> {
    var index = 0
    func varint() -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { break }
            shift += 7
        }
        return value
    }
    var numbers: Set<UInt64> = []
    while index < bytes.count {
        let key = varint()
        numbers.insert(key >> 3)
        switch key & 7 {
        case 0: _ = varint()
        case 1: index += 8
        case 2: index += Int(varint())
        case 5: index += 4
        default: Issue.record("unexpected wire type in key \(key)")
        }
    }
    return numbers
}

/// Round-trips `message`, checks that it sets every field its descriptor declares, and
/// that the default value of its type encodes to no bytes and decodes back.
func accountsPresenceAssertRoundTrip<M: CBridgedMessage>(_ message: M) throws {
    let bytes = message.serializedBytes()
    #expect(try M(serializedBytes: bytes) == message)

    let descriptor = M.cDescriptor.pointee
    let declared = Set((0..<Int(descriptor.n_fields)).map { UInt64(descriptor.fields[$0].id) })
    #expect(accountsPresenceFieldNumbers(bytes) == declared, "\(M.protoName) sample leaves fields unset")

    #expect(M().serializedBytes().isEmpty)
    #expect(try M(serializedBytes: []) == M())
}

@Test(arguments: AccountsPresenceSample.all)
func accountsPresenceMaximalAndDefaultValuesRoundTrip(_ sample: AccountsPresenceSample) throws {
    try accountsPresenceAssertRoundTrip(sample.message)
}

@Test(arguments: ["accounts", "presence"])
func accountsPresenceSamplesCoverEveryMessageOfTheProtoFile(_ file: String) throws {
    let url = Protoc.packageRoot.appendingPathComponent("proto/resonance/v1/\(file).proto")
    let schema = try String(contentsOf: url, encoding: .utf8)
    let declared = schema.split(separator: "\n").compactMap { line -> String? in
        guard line.hasPrefix("message ") else { return nil }
        return "resonance.v1." + line.dropFirst("message ".count).prefix { $0 != " " && $0 != "{" }
    }
    let samples = file == "accounts" ? AccountsPresenceSamples.accounts : AccountsPresenceSamples.presence
    #expect(declared.count == samples.count)
    #expect(Set(declared) == Set(samples.map { type(of: $0).protoName }))
}

@Test func accountsPresenceUnknownVibeSurvivesRoundTrip() throws {
    var response = SetNowPlayingResponse()
    response.vibe = Vibe(rawValue: 42)
    let decoded = try SetNowPlayingResponse(serializedBytes: response.serializedBytes())
    #expect(decoded.vibe.rawValue == 42)
    #expect(!decoded.vibe.isKnown)
}

// MARK: - Bytes from the reference implementation

@Test func accountsProfileDecodesFromProtoc() throws {
    let bytes = try Protoc.encode(
        "resonance.v1.Profile", in: "resonance/v1/accounts.proto",
        textFormat: """
            user_id: "usr_01HZX3K9Q2" display_name: "Zoë 🎧 夜"
            avatar_url: "https://cdn.example/ävatar/夜.png" email: "zoë@例え.jp" is_anonymous: true
            instagram_handle: "zoe.nacht_" discord_handle: "zoë#🎧" radius_km: 9.75
            spotify_connected: true created_at { seconds: -62135596800 nanos: 1 }
            updated_at { seconds: 253402300799 nanos: 999999999 }
            """)
    let profile = try Profile(serializedBytes: bytes)
    #expect(profile.userID == "usr_01HZX3K9Q2")
    #expect(profile.displayName == "Zoë 🎧 夜")
    #expect(profile.avatarURL == "https://cdn.example/ävatar/夜.png")
    #expect(profile.email == "zoë@例え.jp")
    #expect(profile.isAnonymous)
    #expect(profile.instagramHandle == "zoe.nacht_")
    #expect(profile.discordHandle == "zoë#🎧")
    #expect(profile.radiusKm == 9.75)
    #expect(profile.spotifyConnected)
    #expect(profile.createdAt == Timestamp(seconds: -62_135_596_800, nanos: 1))
    #expect(profile.updatedAt == Timestamp(seconds: 253_402_300_799, nanos: 999_999_999))
    #expect(profile == AccountsPresenceSamples.profile)
    #expect(profile.serializedBytes() == bytes)
}

@Test func accountsUpdateProfileRequestDecodesWrappersFromProtoc() throws {
    let bytes = try Protoc.encode(
        "resonance.v1.UpdateProfileRequest", in: "resonance/v1/accounts.proto",
        textFormat: """
            display_name { value: "Zoë 🎧 夜" } avatar_url { } instagram_handle { value: "zoë" }
            radius_km { value: 0.5 } is_anonymous { value: false }
            """)
    let request = try UpdateProfileRequest(serializedBytes: bytes)
    #expect(request.displayName == "Zoë 🎧 夜")
    #expect(request.avatarURL == "")
    #expect(request.instagramHandle == "zoë")
    #expect(request.discordHandle == nil)
    #expect(request.radiusKm == 0.5)
    #expect(request.isAnonymous == false)
    #expect(request.serializedBytes() == bytes)
}

@Test func accountsListBlockedUsersResponseDecodesFromProtoc() throws {
    let bytes = try Protoc.encode(
        "resonance.v1.ListBlockedUsersResponse", in: "resonance/v1/accounts.proto",
        textFormat: """
            blocked_users { user { user_id: "u1" display_name: "Ølaf 夜" is_anonymous: true }
                            blocked_at { seconds: -5 } }
            blocked_users { user { user_id: "u2" avatar_url: "https://a/é" instagram_handle: "i"
                                   discord_handle: "d" } }
            next_page_token: "next_夜"
            """)
    let response = try ListBlockedUsersResponse(serializedBytes: bytes)
    #expect(response.blockedUsers.count == 2)
    #expect(response.blockedUsers[0].user?.userID == "u1")
    #expect(response.blockedUsers[0].user?.displayName == "Ølaf 夜")
    #expect(response.blockedUsers[0].user?.isAnonymous == true)
    #expect(response.blockedUsers[0].blockedAt == Timestamp(seconds: -5))
    #expect(response.blockedUsers[1].user?.userID == "u2")
    #expect(response.blockedUsers[1].user?.avatarURL == "https://a/é")
    #expect(response.blockedUsers[1].user?.instagramHandle == "i")
    #expect(response.blockedUsers[1].user?.discordHandle == "d")
    #expect(response.blockedUsers[1].blockedAt == nil)
    #expect(response.nextPageToken == "next_夜")
    #expect(response.serializedBytes() == bytes)
}

@Test func presenceLiveStatusDecodesFromProtoc() throws {
    let bytes = try Protoc.encode(
        "resonance.v1.LiveStatus", in: "resonance/v1/presence.proto",
        textFormat: """
            is_live: true share_track: true allow_find: true radius_km: 10
            last_active { seconds: -62135596800 nanos: 1 }
            expires_at { seconds: 253402300799 nanos: 999999999 }
            location { latitude: -89.999999 longitude: 179.999999 } accuracy_m: 10000
            current_track { track_id: "4uLU6hMCjMI75M1A2tKUQC" track_name: "Zoë 🎧 夜"
                            artist: "Sigur Rós" album_art: "https://i.scdn.co/image/ab67"
                            energy { value: 0 } valence { value: 1 } }
            is_playing: true vibe: VIBE_MELANCHOLIC
            """)
    let status = try LiveStatus(serializedBytes: bytes)
    #expect(status.isLive)
    #expect(status.shareTrack)
    #expect(status.allowFind)
    #expect(status.radiusKm == 10)
    #expect(status.lastActive == Timestamp(seconds: -62_135_596_800, nanos: 1))
    #expect(status.expiresAt == Timestamp(seconds: 253_402_300_799, nanos: 999_999_999))
    #expect(status.location == Location(latitude: -89.999999, longitude: 179.999999))
    #expect(status.accuracyMeters == 10_000)
    #expect(status.currentTrack == AccountsPresenceSamples.track)
    #expect(status.isPlaying)
    #expect(status.vibe == .melancholic)
    #expect(status == AccountsPresenceSamples.status)
    #expect(status.serializedBytes() == bytes)
}

@Test func presenceListListeningHistoryResponseDecodesFromProtoc() throws {
    let bytes = try Protoc.encode(
        "resonance.v1.ListListeningHistoryResponse", in: "resonance/v1/presence.proto",
        textFormat: """
            entries { id: "h1" track { track_id: "t1" track_name: "夜に駆ける" valence { value: 0.25 } }
                      played_at { seconds: 1700000001 nanos: 7 } }
            entries { id: "h2_é" }
            next_page_token: "next_🎧"
            """)
    let response = try ListListeningHistoryResponse(serializedBytes: bytes)
    #expect(response.entries.count == 2)
    #expect(response.entries[0].id == "h1")
    #expect(response.entries[0].track?.trackID == "t1")
    #expect(response.entries[0].track?.trackName == "夜に駆ける")
    #expect(response.entries[0].track?.artist == "")
    #expect(response.entries[0].track?.energy == nil)
    #expect(response.entries[0].track?.valence == 0.25)
    #expect(response.entries[0].playedAt == Timestamp(seconds: 1_700_000_001, nanos: 7))
    #expect(response.entries[1].id == "h2_é")
    #expect(response.entries[1].track == nil)
    #expect(response.entries[1].playedAt == nil)
    #expect(response.nextPageToken == "next_🎧")
    #expect(response.serializedBytes() == bytes)
}

@Test func presenceGoLiveRequestDecodesFromProtoc() throws {
    let bytes = try Protoc.encode(
        "resonance.v1.GoLiveRequest", in: "resonance/v1/presence.proto",
        textFormat: """
            location { latitude: 48.8566 longitude: -2.3522 } accuracy_m: 4.5
            settings { share_track { value: false } allow_find { value: true } radius_km { value: 0.1 } }
            """)
    let request = try GoLiveRequest(serializedBytes: bytes)
    #expect(request.location == Location(latitude: 48.8566, longitude: -2.3522))
    #expect(request.accuracyMeters == 4.5)
    #expect(request.settings?.shareTrack == false)
    #expect(request.settings?.allowFind == true)
    #expect(request.settings?.radiusKm == 0.1)
    #expect(request.serializedBytes() == bytes)
}

// MARK: - Hostile bytes

@Test func accountsPresenceTruncatedBytesFailToDecode() {
    let profile = AccountsPresenceSamples.profile.serializedBytes()
    #expect(throws: ProtoDecodingError.self) { try Profile(serializedBytes: Array(profile.dropLast())) }
    let history = (AccountsPresenceSamples.presence.last as! ListListeningHistoryResponse).serializedBytes()
    #expect(throws: ProtoDecodingError.self) {
        try ListListeningHistoryResponse(serializedBytes: Array(history.prefix(history.count / 2)))
    }
    // A double field cut short, and a varint with its continuation bit set at the end.
    #expect(throws: ProtoDecodingError.self) { try LiveStatus(serializedBytes: [0x21, 0x00, 0x00]) }
    #expect(throws: ProtoDecodingError.self) { try GetMyStatsResponse(serializedBytes: [0x08, 0xFF]) }
}

@Test func accountsPresenceWrongWireTypesFailToDecode() {
    // Profile.user_id (a string) sent as a varint.
    #expect(throws: ProtoDecodingError.self) { try Profile(serializedBytes: [0x08, 0x01]) }
    // GetMyStatsResponse.capsules_dropped (int64) sent as a length-delimited field.
    #expect(throws: ProtoDecodingError.self) { try GetMyStatsResponse(serializedBytes: [0x0A, 0x01, 0x01]) }
    // LiveStatus.location (a message) sent as a fixed64: key 0x39 is field 7, wire type 1.
    #expect(throws: ProtoDecodingError.self) {
        try LiveStatus(serializedBytes: [0x39, 0, 0, 0, 0, 0, 0, 0, 0])
    }
}

@Test func accountsPresenceInvalidUTF8FailsToDecode() throws {
    let invalid: [UInt8] = [0xC3, 0x28]
    func field(_ number: UInt8, _ payload: [UInt8]) -> [UInt8] {
        [number << 3 | 2, UInt8(payload.count)] + payload
    }
    // Profile.email.
    #expect(throws: ProtoDecodingError.self) { try Profile(serializedBytes: field(4, invalid)) }
    // UpdateProfileRequest.display_name { value }.
    #expect(throws: ProtoDecodingError.self) {
        try UpdateProfileRequest(serializedBytes: field(1, field(1, invalid)))
    }
    // ListBlockedUsersResponse.blocked_users[0].user.display_name.
    #expect(throws: ProtoDecodingError.self) {
        try ListBlockedUsersResponse(serializedBytes: field(1, field(1, field(2, invalid))))
    }
    // ListListeningHistoryResponse.entries[0].track.track_name.
    #expect(throws: ProtoDecodingError.self) {
        try ListListeningHistoryResponse(serializedBytes: field(1, field(2, field(2, invalid))))
    }
    // The same bytes with valid UTF-8 decode.
    let valid = try ListListeningHistoryResponse(serializedBytes: field(1, field(2, field(2, Array("é".utf8)))))
    #expect(valid.entries.first?.track?.trackName == "é")
}
