import Logging
import Messages
import RPC
import Spotify
import Storage
import Synchronization
import Testing

@testable import Services

/// A scripted `SpotifyAPI` that records what it was asked.
final class FakeSpotifyAPI: SpotifyAPI {
    struct Script {
        var refresh: Result<SpotifyTokenGrant, SpotifyAPIError> = .success(
            SpotifyTokenGrant(accessToken: "AT-2", refreshToken: nil, expiresInSeconds: 3600, scope: ""))
        var playback: Result<SpotifyPlayback, SpotifyAPIError> = .success(.nothing)
        var features: [String: SpotifyAudioFeatures] = [:]
        var exchange: Result<SpotifyTokenGrant, SpotifyAPIError> = .failure(.invalidGrant("not scripted"))
        var profile: Result<SpotifyProfile, SpotifyAPIError> = .failure(.unauthorized("not scripted"))
        var calls: [String] = []
    }

    let script = Mutex(Script())

    func calls(_ prefix: String) -> [String] { script.withLock { $0.calls.filter { $0.hasPrefix(prefix) } } }

    func exchange(code: String, codeVerifier: String, redirectURI: String) async throws -> SpotifyTokenGrant {
        try script.withLock {
            $0.calls.append("exchange \(code)")
            return try $0.exchange.get()
        }
    }

    func refresh(refreshToken: String) async throws -> SpotifyTokenGrant {
        try script.withLock {
            $0.calls.append("refresh \(refreshToken)")
            return try $0.refresh.get()
        }
    }

    func profile(accessToken: String) async throws -> SpotifyProfile {
        try script.withLock {
            $0.calls.append("profile \(accessToken)")
            return try $0.profile.get()
        }
    }

    func currentlyPlaying(accessToken: String) async throws -> SpotifyPlayback {
        try script.withLock {
            $0.calls.append("playing \(accessToken)")
            return try $0.playback.get()
        }
    }

    func audioFeatures(trackID: String, accessToken: String) async throws -> SpotifyAudioFeatures {
        try script.withLock {
            $0.calls.append("features \(trackID)")
            guard let features = $0.features[trackID] else { throw SpotifyAPIError.forbidden("Forbidden") }
            return features
        }
    }
}

@Suite struct SpotifyPlaybackSyncTests {
    let storage: TemporaryDatabase
    let clock = ManualClock(milliseconds: 1_700_000_000_000)
    let presence: PresenceService
    let api = FakeSpotifyAPI()
    let vault = SpotifyTokenVault(sealer: TokenSealer(key: [UInt8](repeating: 1, count: 32)))
    let hub = NotificationHub()
    let sync: SpotifyPlaybackSync

    init() throws {
        storage = try TemporaryDatabase()
        presence = PresenceService(database: storage.database, clock: clock.wallClock)
        let tokens = SpotifyTokenKeeper(
            database: storage.database, api: api, vault: vault, hub: hub, clock: clock.wallClock,
            refreshMarginMilliseconds: 300_000, logger: Logger(label: "test"))
        sync = SpotifyPlaybackSync(
            tokens: tokens, api: api, presence: presence, features: AudioFeatureCache(capacity: 10),
            logger: Logger(label: "test"))
    }

    /// A live user whose access token expires in `expiresIn` ms.
    private func connectedLiveUser(expiresIn: Int64 = 3_600_000) async throws -> String {
        let userID = Identifiers.make()
        let now = clock.wallClock.nowMilliseconds
        let grant = SpotifyTokenGrant(
            accessToken: "AT-1", refreshToken: "RT-1", expiresInSeconds: expiresIn / 1000, scope: "")
        let tokens = try #require(vault.seal(grant, userID: userID, at: now))
        try await storage.database.write { connection in
            try UserStore(connection).createAnonymous(id: userID, displayName: "Listener", at: now)
            try SpotifyTokenStore(connection).save(tokens, at: now)
        }
        var request = GoLiveRequest()
        request.location = Location(latitude: 52.52, longitude: 13.405)
        _ = try await presence.goLive(
            request, caller: AuthenticatedCaller(userID: userID, sessionID: Identifiers.make()))
        return userID
    }

    private func play(_ trackID: String, isPlaying: Bool = true) {
        api.script.withLock {
            $0.playback = .success(
                SpotifyPlayback(
                    track: SpotifyTrack(id: trackID, name: "Song \(trackID)", artists: "Artist", albumArtURL: nil),
                    isPlaying: isPlaying))
        }
    }

    private func storedTokens(_ userID: String) async throws -> SpotifyTokens? {
        let row = try await storage.database.read { try SpotifyTokenStore($0).find(userID: userID) }
        return try row.map { try vault.open($0) }
    }

    @Test func aNewTrackIsRecordedThroughPresenceOnceWithItsFeatures() async throws {
        let userID = try await connectedLiveUser()
        api.script.withLock { $0.features["t1"] = SpotifyAudioFeatures(energy: 0.9, valence: 0.2) }
        play("t1")
        #expect(await sync.poll(userID: userID) == .polled)
        let nowPlaying = try #require(presence.liveIndex.get(userID)?.nowPlaying)
        #expect(nowPlaying.track.trackID == "t1" && nowPlaying.track.energy == 0.9 && nowPlaying.track.valence == 0.2)
        #expect(await sync.poll(userID: userID) == .polled)
        let history = try await storage.database.read { try PresenceStore().history($0, userID: userID, limit: 10) }
        #expect(history.map(\.track.trackID) == ["t1"])
        #expect(api.calls("features") == ["features t1"])
        #expect(api.calls("playing") == ["playing AT-1", "playing AT-1"])
    }

    @Test func refusedFeaturesAreNotAskedForAgain() async throws {
        let userID = try await connectedLiveUser()
        play("t2")
        _ = await sync.poll(userID: userID)
        play("t2", isPlaying: false)
        _ = await sync.poll(userID: userID)
        #expect(presence.liveIndex.get(userID)?.nowPlaying?.isPlaying == false)
        #expect(presence.liveIndex.get(userID)?.nowPlaying?.track.energy == nil)
        #expect(api.calls("features") == ["features t2"])
    }

    @Test func aTokenNearExpiryIsRefreshedKeepingTheRefreshToken() async throws {
        let userID = try await connectedLiveUser(expiresIn: 240_000)
        #expect(await sync.poll(userID: userID) == .polled)
        #expect(api.calls("refresh") == ["refresh RT-1"])
        #expect(api.calls("playing") == ["playing AT-2"])
        let stored = try #require(try await storedTokens(userID))
        #expect(stored.accessToken == "AT-2" && stored.refreshToken == "RT-1")
        #expect(stored.expiresAt == clock.wallClock.nowMilliseconds + 3_600_000)
    }

    @Test func aRefusedAccessTokenIsRefreshedOnceAndRetried() async throws {
        let userID = try await connectedLiveUser()
        api.script.withLock { $0.playback = .failure(.unauthorized("The access token expired")) }
        #expect(await sync.poll(userID: userID) == .polled)
        #expect(api.calls("playing") == ["playing AT-1", "playing AT-2"])
        #expect(api.calls("refresh").count == 1)
    }

    @Test func invalidGrantDropsTheTokensAndNotifiesOnce() async throws {
        let userID = try await connectedLiveUser(expiresIn: 60_000)
        let delivered = Mutex<[NotificationRecord]>([])
        hub.subscribe { record in delivered.withLock { $0.append(record) } }
        api.script.withLock { $0.refresh = .failure(.invalidGrant("Refresh token revoked")) }
        #expect(await sync.poll(userID: userID) == .disconnected)
        #expect(try await storedTokens(userID) == nil)
        #expect(await sync.poll(userID: userID) == .disconnected)
        let kinds = delivered.withLock { $0.map(\.kind) }
        #expect(kinds == [.spotifyDisconnected])
        #expect(delivered.withLock { $0.first?.recipientID } == userID)
        let stored = try await storage.database.read {
            try $0.queryFirst("SELECT count(*) FROM notifications WHERE user_id = ?", [userID]) { try $0.int64(0) }
        }
        #expect(stored == 1)
    }

    @Test func rateLimitingAsksToWait() async throws {
        let userID = try await connectedLiveUser()
        api.script.withLock { $0.playback = .failure(.rateLimited(retryAfterSeconds: 3)) }
        #expect(await sync.poll(userID: userID) == .retryAfter(milliseconds: 3000))
    }
}
