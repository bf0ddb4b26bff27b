import Geo
import Messages
import Storage
import Testing

@testable import Services

@Suite struct LiveIndexTests {
    static let profile = PublicProfileRecord(displayName: "Listener", isAnonymous: false)

    static func user(_ id: String, _ latitude: Double, _ longitude: Double, lastActive: Int64 = 1_000_000)
        -> LiveUser
    {
        LiveUser(
            userID: id, coordinate: Coordinate(latitude: latitude, longitude: longitude), lastActiveMs: lastActive,
            profile: profile)
    }

    /// A deterministic generator so failures reproduce.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test func nearbyMatchesBruteForceHaversine() throws {
        let index = LiveIndex()
        var random = SplitMix(state: 42)
        var users: [LiveUser] = []
        // 3000 users within about 15 km of Berlin, some moved after insertion.
        for number in 0..<3000 {
            let user = Self.user(
                "u\(number)", 52.52 + Double.random(in: -0.15...0.15, using: &random),
                13.405 + Double.random(in: -0.2...0.2, using: &random))
            try index.upsert(user)
            users.append(user)
        }
        for number in stride(from: 0, to: 3000, by: 7) {
            users[number].coordinate.latitude += 0.01
            try index.upsert(users[number])
        }
        let blocked: Set<String> = ["u1", "u2", "u3", "u500"]
        for (caller, radius) in [(0, 500.0), (10, 2000), (99, 5000), (1234, 10_000)] {
            let center = users[caller].coordinate
            let expected = users.filter {
                $0.userID != users[caller].userID && !blocked.contains($0.userID)
                    && GeoDistance.haversine(center, $0.coordinate) <= radius
            }
            let found = index.nearby(of: users[caller].userID, radiusMeters: radius, excluding: blocked)
            // Only points within a millimetre of the boundary may differ by rounding.
            let missing = Set(expected.map(\.userID)).subtracting(found.map(\.user.userID))
            let extra = Set(found.map(\.user.userID)).subtracting(expected.map(\.userID))
            for id in missing.union(extra) {
                let user = try #require(users.first { $0.userID == id })
                #expect(abs(GeoDistance.haversine(center, user.coordinate) - radius) < 1e-3)
            }
            #expect(found.count > 0)
            #expect(found.map(\.distanceMeters) == found.map(\.distanceMeters).sorted())
            for entry in found {
                #expect(abs(entry.distanceMeters - GeoDistance.haversine(center, entry.user.coordinate)) < 0.01)
                #expect(!blocked.contains(entry.user.userID) && entry.user.userID != users[caller].userID)
            }
            let limited = index.nearby(of: users[caller].userID, radiusMeters: radius, excluding: blocked, limit: 5)
            #expect(limited.map(\.user.userID) == Array(found.prefix(5).map(\.user.userID)))
        }
        #expect(index.nearby(of: "nobody", radiusMeters: 10_000).isEmpty)
    }

    @Test func upsertUpdateRemoveAndGet() throws {
        let index = LiveIndex()
        #expect(try index.upsert(Self.user("a", 10, 10)) == .joined(Self.user("a", 10, 10)))
        #expect(try index.upsert(Self.user("a", 10, 10.001)) == .updated(Self.user("a", 10, 10.001)))
        let updated = try index.update("a") { $0.shareTrack = false }
        #expect(updated?.shareTrack == false)
        #expect(index.get("a")?.shareTrack == false)
        #expect(try index.update("b") { $0.shareTrack = false } == nil)
        #expect(throws: GeoError.self) { try index.upsert(Self.user("c", .nan, 0)) }
        #expect(index.get("c") == nil)
        #expect(index.remove("a")?.userID == "a")
        #expect(index.remove("a") == nil)
        #expect(index.count == 0)
        #expect(index.nearby(around: Coordinate(latitude: 10, longitude: 10), radiusMeters: 1000).isEmpty)
    }

    @Test func expiryRemovesOnlyUsersSilentBeforeTheCutoff() throws {
        let index = LiveIndex()
        try index.upsert(Self.user("old", 1, 1, lastActive: 10_000))
        try index.upsert(Self.user("boundary-old", 1, 1, lastActive: 20_499))
        try index.upsert(Self.user("boundary-new", 1, 1, lastActive: 20_500))
        try index.upsert(Self.user("fresh", 1, 1, lastActive: 30_000))
        try index.upsert(Self.user("refreshed", 1, 1, lastActive: 5_000))
        try index.update("refreshed") { $0.lastActiveMs = 40_000 }

        #expect(Set(index.expire(olderThan: 20_500)) == ["old", "boundary-old"])
        #expect(index.count == 3)
        #expect(index.expire(olderThan: 20_500).isEmpty)
        #expect(Set(index.expire(olderThan: 35_000)) == ["boundary-new", "fresh"])
        #expect(index.get("refreshed") != nil)
        // A far-future cutoff (many seconds after the oldest entry) still finds everyone.
        #expect(index.expire(olderThan: 9_000_000_000) == ["refreshed"])
        #expect(index.count == 0)
        #expect(index.nearby(around: Coordinate(latitude: 1, longitude: 1), radiusMeters: 1000).isEmpty)
    }

    @Test func changeFeedReportsJoinsUpdatesAndLeavesInOrder() async throws {
        let index = LiveIndex()
        let feed = index.subscribe()
        #expect(index.subscriberCount == 1)
        try index.upsert(Self.user("a", 1, 1, lastActive: 1000))
        try index.update("a") { $0.coordinate.latitude = 1.001 }
        try index.update("a") { $0.coordinate.latitude = 1.001 }  // no change, no event
        try index.upsert(Self.user("b", 2, 2, lastActive: 1000))
        index.remove("a")
        index.expire(olderThan: 5000)
        index.finishSubscribers()
        var events: [String] = []
        for await change in feed {
            switch change {
            case .joined(let user): events.append("joined \(user.userID)")
            case .updated(let user): events.append("updated \(user.userID) \(user.coordinate.latitude)")
            case .left(let user): events.append("left \(user.userID)")
            }
        }
        #expect(events == ["joined a", "updated a 1.001", "joined b", "left a", "left b"])
        #expect(index.subscriberCount == 0)
    }

    @Test func rebuildReplacesEverythingWithoutEvents() async throws {
        let index = LiveIndex()
        try index.upsert(Self.user("gone", 1, 1))
        let feed = index.subscribe(bufferingPolicy: .bufferingNewest(10))
        let loaded = index.replaceAll([Self.user("a", 1, 1), Self.user("bad", .infinity, 1), Self.user("b", 1, 1.001)])
        #expect(loaded == 2)
        #expect(index.get("gone") == nil && index.get("bad") == nil)
        #expect(index.nearby(of: "a", radiusMeters: 500).map(\.user.userID) == ["b"])
        index.finishSubscribers()
        var count = 0
        for await _ in feed { count += 1 }
        #expect(count == 0)
    }

    @Test func aRebuiltIndexKeepsTheLaterOfARepeatedIdAndStaysWritable() throws {
        let index = LiveIndex()
        var loader = index.makeLoader(reservingCapacity: 3)
        loader.add(Self.user("a", 1, 1, lastActive: 1_000))
        loader.add(Self.user("b", 1, 1.001, lastActive: 1_000))
        loader.add(Self.user("a", 1, 1.002, lastActive: 5_000))
        #expect(loader.count == 2)
        #expect(index.replaceAll(from: loader) == 2)
        #expect(index.get("a")?.coordinate.longitude == 1.002)
        #expect(index.nearby(of: "b", radiusMeters: 500).map(\.user.userID) == ["a"])
        // Only "b" was last active before 2 s; the expiry buckets follow the later "a".
        #expect(index.expire(olderThan: 2_000) == ["b"])
        try index.upsert(Self.user("c", 1, 1.003))
        try index.update("a") { $0.coordinate = Coordinate(latitude: 1, longitude: 1.0031) }
        #expect(index.nearby(of: "c", radiusMeters: 500).map(\.user.userID) == ["a"])
    }

    @Test(arguments: [
        (0.5, 0.5, Vibe.euphoric), (0.9, 0.1, .energetic), (0.5, 0.4999, .energetic), (0.4999, 0.5, .chill),
        (0.0, 1.0, .chill), (0.0, 0.0, .melancholic), (0.49, 0.49, .melancholic),
    ])
    func vibeTable(energy: Double, valence: Double, vibe: Vibe) {
        #expect(VibeRule.vibe(energy: energy, valence: valence) == vibe)
    }

    @Test func vibeIsUnknownWithoutBothFeaturesOrWhenNothingPlays() {
        #expect(VibeRule.vibe(energy: nil, valence: 0.9) == .unspecified)
        #expect(VibeRule.vibe(energy: 0.9, valence: nil) == .unspecified)
        #expect(VibeRule.vibe(energy: .nan, valence: 0.9) == .unspecified)
        let track = TrackRecord(trackID: "t", trackName: "n", artist: "a", energy: 0.9, valence: 0.9)
        #expect(VibeRule.vibe(of: NowPlayingRecord(track: track, isPlaying: true)) == .euphoric)
        #expect(VibeRule.vibe(of: NowPlayingRecord(track: track, isPlaying: false)) == .unspecified)
        #expect(VibeRule.vibe(of: nil) == .unspecified)
    }

    @Test func sweeperPassesTheCutoffRepeatedlyUntilStopped() async throws {
        let index = LiveIndex()
        try index.upsert(Self.user("silent", 1, 1, lastActive: 1_000))
        let clock = ManualClock(milliseconds: 100_000)
        let wall = clock.wallClock
        let sweeper = LiveExpirySweeper(
            timeoutMilliseconds: 50_000, interval: .milliseconds(10), now: { wall.nowMilliseconds },
            onExpired: { _ = index.expire(olderThan: $0) })
        sweeper.start()
        for _ in 0..<500 where index.count > 0 { try await Task.sleep(for: .milliseconds(10)) }
        #expect(index.count == 0)
        try index.upsert(Self.user("late", 1, 1, lastActive: 60_000))
        try await Task.sleep(for: .milliseconds(50))
        #expect(index.get("late") != nil)  // 60 s > cutoff 50 s
        clock.advance(byMilliseconds: 20_000)
        for _ in 0..<500 where index.count > 0 { try await Task.sleep(for: .milliseconds(10)) }
        #expect(index.count == 0)
        await sweeper.stop()
        try index.upsert(Self.user("after-stop", 1, 1, lastActive: 0))
        try await Task.sleep(for: .milliseconds(50))
        #expect(index.get("after-stop") != nil)
    }
}
