import Geo
import SQLite
import Testing

@testable import Storage

@Suite struct CapsuleStoreTests {
    let db: Connection
    let fixtures: Fixtures
    let store: CapsuleStore

    init() throws {
        db = try StorageDatabase.openInMemory()
        fixtures = Fixtures(db: db)
        store = CapsuleStore(db)
    }

    private func capsule(by creator: String, max: Int? = nil, expiresAt: Int64? = nil) throws -> CapsuleRecord {
        let record = CapsuleRecord(
            id: Fixtures.id(), creatorID: creator, coordinate: Coordinate(latitude: 52.52, longitude: 13.405),
            locationName: "Corner", track: TrackRecord(trackID: "t1", trackName: "Song", artist: "Artist"),
            message: "hello", mood: "calm", isPrivate: false, unlockAt: fixtures.now, expiresAt: expiresAt,
            discoveryRadiusMeters: 100, maxDiscoveries: max, createdAt: fixtures.now)
        try store.insert(record)
        return record
    }

    @Test func insertsAndFindsEveryField() throws {
        let record = try capsule(by: try fixtures.user(), max: 3, expiresAt: fixtures.now + 1000)
        #expect(try store.find(id: record.id) == record)
        #expect(try store.find(id: Fixtures.id()) == nil)
    }

    @Test func discoveriesAreCountedOnceAndStopAtTheMaximum() throws {
        let record = try capsule(by: try fixtures.user(), max: 2)
        let first = try fixtures.user()
        #expect(try store.recordDiscovery(id: Fixtures.id(), capsuleID: record.id, userID: first, at: 5))
        #expect(try !store.recordDiscovery(id: Fixtures.id(), capsuleID: record.id, userID: first, at: 6))
        #expect(try store.recordDiscovery(id: Fixtures.id(), capsuleID: record.id, userID: try fixtures.user(), at: 7))
        #expect(try !store.recordDiscovery(id: Fixtures.id(), capsuleID: record.id, userID: try fixtures.user(), at: 8))
        #expect(try store.find(id: record.id)?.discoveryCount == 2)
        #expect(try store.discovery(capsuleID: record.id, userID: first)?.discoveredAt == 5)
    }

    @Test func likesNeedADiscoveryAndCountOnce() throws {
        let record = try capsule(by: try fixtures.user())
        let fan = try fixtures.user()
        #expect(try !store.recordLike(capsuleID: record.id, userID: fan, at: 1))
        _ = try store.recordDiscovery(id: Fixtures.id(), capsuleID: record.id, userID: fan, at: 1)
        #expect(try store.recordLike(capsuleID: record.id, userID: fan, at: 2))
        #expect(try !store.recordLike(capsuleID: record.id, userID: fan, at: 3))
        #expect(try store.find(id: record.id)?.likeCount == 1)
        #expect(try store.discoveredCapsules(userID: fan) == [record.id: true])
        #expect(try store.discoveries(userID: fan, offset: 0, limit: 10).map(\.capsule.message) == ["hello"])
    }

    @Test func loadsOnlyActiveUnexpiredCapsulesWithoutMessages() throws {
        let creator = try fixtures.user()
        let lasting = try capsule(by: creator)
        _ = try capsule(by: creator, expiresAt: fixtures.now + 10)
        let loaded = try store.loadActive(at: fixtures.now + 10)
        #expect(loaded.map(\.id) == [lasting.id])
        #expect(loaded.first?.message == "")
        #expect(try store.activeCreatorProfiles(at: fixtures.now + 10).keys.sorted() == [creator])
    }

    @Test func onlyTheCreatorDeletesAndDiscoveriesGoWithIt() throws {
        let creator = try fixtures.user()
        let record = try capsule(by: creator)
        let finder = try fixtures.user()
        _ = try store.recordDiscovery(id: Fixtures.id(), capsuleID: record.id, userID: finder, at: 1)
        #expect(try !store.delete(id: record.id, creatorID: finder))
        #expect(try store.delete(id: record.id, creatorID: creator))
        #expect(try store.discoveries(userID: finder, offset: 0, limit: 10).isEmpty)
        #expect(try store.list(creatorID: creator, offset: 0, limit: 10).isEmpty)
    }
}
