import Geo
import Messages
import RPC
import Storage
import Synchronization
import Testing

@testable import Services

@Suite struct CapsulesServiceTests {
    let storage: TemporaryDatabase
    let clock = ManualClock(milliseconds: 1_700_000_000_000)
    let hub = NotificationHub()
    let service: CapsulesService
    let berlin = Coordinate(latitude: 52.52, longitude: 13.405)

    init() throws {
        storage = try TemporaryDatabase()
        service = CapsulesService(
            database: storage.database, hub: hub,
            dropLimit: TokenBuckets.Policy(capacity: 3, refillMilliseconds: 60_000),
            clock: clock.wallClock)
    }

    /// A user stored at `position` (or nowhere).
    private func user(at position: Coordinate?) async throws -> AuthenticatedCaller {
        let id = Identifiers.make()
        let now = clock.wallClock.nowMilliseconds
        try await storage.database.write { connection in
            try UserStore(connection).createAnonymous(id: id, displayName: "Listener", at: now)
            if let position {
                try PresenceStore().goLive(
                    connection, userID: id, settings: LiveSettingsPatch(), location: position, accuracyMeters: 5,
                    now: now)
            }
        }
        return AuthenticatedCaller(userID: id, sessionID: Identifiers.make())
    }

    private func drop(
        _ caller: AuthenticatedCaller, unlockIn: Int64 = 0, expiresIn: Int64? = nil, maxDiscoveries: Int32 = 0
    ) async throws -> Capsule {
        var request = DropCapsuleRequest()
        var track = Track()
        track.trackID = "t1"
        track.trackName = "Song"
        track.artist = "Artist"
        request.track = track
        request.message = "the reward"
        request.maxDiscoveries = maxDiscoveries
        let now = clock.wallClock.nowMilliseconds
        if unlockIn > 0 { request.unlockAt = Timestamp(millisecondsSince1970: now + unlockIn) }
        if let expiresIn { request.expiresAt = Timestamp(millisecondsSince1970: now + expiresIn) }
        return try #require(try await service.drop(request, caller: caller).capsule)
    }

    private func discover(_ id: String, by caller: AuthenticatedCaller) async throws -> DiscoverCapsuleResponse {
        var request = DiscoverCapsuleRequest()
        request.capsuleID = id
        return try await service.discover(request, caller: caller)
    }

    private func nearbyIDs(_ caller: AuthenticatedCaller) async throws -> [String] {
        try await service.listNearby(ListNearbyCapsulesRequest(), caller: caller).capsules.map(\.id)
    }

    private func expectFailure(_ code: StatusCode, _ body: () async throws -> Void) async {
        do {
            try await body()
            Issue.record("expected \(code)")
        } catch let error as RPCError {
            #expect(error.code == code)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func dropEntersTheIndexAndDiscoveryNotifiesTheCreatorOnce() async throws {
        let creator = try await user(at: berlin)
        let finder = try await user(at: Coordinate(latitude: 52.5202, longitude: 13.405))
        let delivered = Mutex<[NotificationRecord]>([])
        hub.subscribe { record in delivered.withLock { $0.append(record) } }
        let capsule = try await drop(creator)
        #expect(service.index.contains(capsule.id))
        #expect(try await nearbyIDs(finder) == [capsule.id])
        let first = try await discover(capsule.id, by: finder)
        #expect(first.firstDiscovery && first.capsule?.message == "the reward")
        let second = try await discover(capsule.id, by: finder)
        #expect(!second.firstDiscovery && second.capsule?.discoveryCount == 1)
        #expect(delivered.withLock { $0.map(\.kind) } == [.capsuleDiscovered])
        #expect(delivered.withLock { $0.first?.recipientID } == creator.userID)
        let listed = try await service.listNearby(ListNearbyCapsulesRequest(), caller: finder).capsules
        #expect(listed.first?.discovered == true && listed.first?.discoveryCount == 1)
    }

    @Test func lockedAndExpiredCapsulesFollowTheClock() async throws {
        let creator = try await user(at: berlin)
        let finder = try await user(at: berlin)
        let capsule = try await drop(creator, unlockIn: 10_000, expiresIn: 20_000)
        await expectFailure(.failedPrecondition) { _ = try await discover(capsule.id, by: finder) }
        clock.advance(byMilliseconds: 10_000)
        #expect(try await discover(capsule.id, by: finder).firstDiscovery)
        let other = try await user(at: berlin)
        clock.advance(byMilliseconds: 10_000)
        #expect(try await nearbyIDs(finder).isEmpty)
        #expect(!service.index.contains(capsule.id))
        await expectFailure(.failedPrecondition) { _ = try await discover(capsule.id, by: other) }
    }

    @Test func maxDiscoveriesAndCreatorsOwnCapsule() async throws {
        let creator = try await user(at: berlin)
        let capsule = try await drop(creator, maxDiscoveries: 1)
        await expectFailure(.failedPrecondition) { _ = try await discover(capsule.id, by: creator) }
        _ = try await discover(capsule.id, by: try await user(at: berlin))
        let late = try await user(at: berlin)
        await expectFailure(.failedPrecondition) { _ = try await discover(capsule.id, by: late) }
    }

    @Test func dropNeedsALocationAndIsRateLimited() async throws {
        await expectFailure(.failedPrecondition) { _ = try await drop(try await user(at: nil)) }
        let creator = try await user(at: berlin)
        for _ in 0..<3 { _ = try await drop(creator) }
        await expectFailure(.resourceExhausted) { _ = try await drop(creator) }
        #expect(service.index.count == 3)
    }

    @Test func deleteAndRestartKeepIndexEqualToStorage() async throws {
        let creator = try await user(at: berlin)
        let kept = try await drop(creator)
        let deleted = try await drop(creator)
        var request = DeleteCapsuleRequest()
        request.capsuleID = deleted.id
        let stranger = try await user(at: berlin)
        await expectFailure(.permissionDenied) { _ = try await service.delete(request, caller: stranger) }
        _ = try await service.delete(request, caller: creator)
        #expect(!service.index.contains(deleted.id))
        let restarted = CapsulesService(database: storage.database, hub: hub, clock: clock.wallClock)
        #expect(try await restarted.start() == 1)
        await restarted.stop()
        #expect(restarted.index.contains(kept.id))
    }
}
