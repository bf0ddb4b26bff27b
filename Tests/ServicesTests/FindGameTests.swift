import Geo
import Messages
import RPC
import Storage
import Synchronization
import Testing

@testable import Services

/// The find game on a real database, a hand-filled live index and a manual clock.
@Suite struct FindGameTests {
    static let origin = Coordinate(latitude: 52.52, longitude: 13.405)
    static let metersPerDegreeLatitude = 6_371_008.8 * Double.pi / 180

    let storage: TemporaryDatabase
    let clock = ManualClock(milliseconds: 1_700_000_000_000)
    let liveIndex = LiveIndex()
    let hub = NotificationHub()
    let delivered = FindDeliveries()

    init() throws {
        storage = try TemporaryDatabase()
        hub.subscribe { [delivered] record in delivered.records.withLock { $0.append(record) } }
    }

    func service(hintLimit: TokenBuckets.Policy = TokenBuckets.Policy(capacity: 100, refillMilliseconds: 1))
        -> DiscoveryService
    {
        DiscoveryService(
            database: storage.database, liveIndex: liveIndex, hub: hub, clock: clock.wallClock,
            find: FindConfiguration(hintLimit: hintLimit))
    }

    /// A stored user, live `north` metres north of the origin.
    func player(north: Double, allowFind: Bool = true, name: String = "Player") async throws -> AuthenticatedCaller {
        let id = Identifiers.make()
        let now = clock.wallClock.nowMilliseconds
        try await storage.database.write { try UserStore($0).createAnonymous(id: id, displayName: name, at: now) }
        try place(id, north: north, allowFind: allowFind)
        return AuthenticatedCaller(userID: id, sessionID: Identifiers.make())
    }

    func place(_ id: String, north: Double, allowFind: Bool = true) throws {
        let coordinate = Coordinate(
            latitude: Self.origin.latitude + north / Self.metersPerDegreeLatitude, longitude: Self.origin.longitude)
        try liveIndex.upsert(
            LiveUser(
                userID: id, coordinate: coordinate, allowFind: allowFind,
                lastActiveMs: clock.wallClock.nowMilliseconds,
                profile: PublicProfileRecord(displayName: "Player", isAnonymous: false)))
    }

    func start(_ service: DiscoveryService, _ seeker: AuthenticatedCaller, _ target: AuthenticatedCaller)
        async throws -> FindSession
    {
        var request = StartFindRequest()
        request.targetUserID = target.userID
        return try #require(try await service.startFind(request, caller: seeker).session)
    }

    func respond(_ service: DiscoveryService, _ id: String, _ caller: AuthenticatedCaller, accept: Bool = true)
        async throws -> FindSession?
    {
        var request = RespondToFindRequest()
        request.sessionID = id
        request.accept = accept
        return try await service.respondToFind(request, caller: caller).session
    }

    func hint(_ service: DiscoveryService, _ id: String, _ caller: AuthenticatedCaller) async throws
        -> GetFindHintResponse
    {
        var request = GetFindHintRequest()
        request.sessionID = id
        return try await service.getFindHint(request, caller: caller)
    }

    func complete(_ service: DiscoveryService, _ id: String, _ caller: AuthenticatedCaller) async throws
        -> FindSession?
    {
        var request = CompleteFindRequest()
        request.sessionID = id
        return try await service.completeFind(request, caller: caller).session
    }

    func list(_ service: DiscoveryService, _ caller: AuthenticatedCaller, openOnly: Bool = false) async throws
        -> [FindSession]
    {
        var request = ListFindSessionsRequest()
        request.openOnly = openOnly
        return try await service.listFindSessions(request, caller: caller).sessions
    }

    func expectCode(_ code: StatusCode, _ body: () async throws -> Void) async {
        do {
            try await body()
            Issue.record("expected \(code)")
        } catch let error as RPCError {
            #expect(error.code == code, "\(error)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func proximityBucketsFollowTheThresholds() {
        let cases: [(Double, Proximity)] = [
            (0, .found), (19.99, .found), (20, .hot), (99.99, .hot), (100, .warm), (500, .warm),
            (500.01, .cold), (12_000, .cold), (.nan, .cold),
        ]
        for (meters, expected) in cases { #expect(Proximity(distanceMeters: meters) == expected, "\(meters) m") }
    }

    @Test func aGameGoesFromRequestToFoundWithItsNotificationsDeliveredAfterCommit() async throws {
        let service = service()
        let seeker = try await player(north: 0)
        let target = try await player(north: 700)
        let session = try await start(service, seeker, target)
        #expect(session.status == .pending)
        #expect(delivered.records.withLock { $0.map(\.kind) } == [.findRequest])
        #expect(delivered.records.withLock { $0.first?.recipientID } == target.userID)

        #expect(try await respond(service, session.id, target)?.status == .active)
        #expect(try await hint(service, session.id, seeker).proximity == .cold)
        await expectCode(.failedPrecondition) { _ = try await complete(service, session.id, seeker) }

        var proximities: [Proximity] = []
        for north in [400.0, 60, 10] {
            try place(target.userID, north: north)
            proximities.append(try await hint(service, session.id, seeker).proximity)
        }
        #expect(proximities == [.warm, .hot, .found])
        let completed = try await complete(service, session.id, seeker)
        #expect(completed?.status == .completed)
        #expect(completed?.completedAt == Timestamp(millisecondsSince1970: clock.wallClock.nowMilliseconds))
        let kinds = delivered.records.withLock { $0.map(\.kind) }
        #expect(kinds == [.findRequest, .findAccepted, .findCompleted, .findCompleted])
        let completedFor = Set(delivered.records.withLock { $0.suffix(2).map(\.recipientID) })
        #expect(completedFor == [seeker.userID, target.userID])
    }

    @Test func aRefusedStepRecordsAndDeliversNothing() async throws {
        let service = service()
        let seeker = try await player(north: 0)
        let target = try await player(north: 50, allowFind: false)
        await expectCode(.failedPrecondition) { _ = try await start(service, seeker, target) }
        try place(target.userID, north: 50)
        let session = try await start(service, seeker, target)
        await expectCode(.alreadyExists) { _ = try await start(service, target, seeker) }
        await expectCode(.permissionDenied) { _ = try await respond(service, session.id, seeker) }
        #expect(delivered.records.withLock { $0.count } == 1)
        let stored = try await storage.database.read {
            try $0.queryFirst("SELECT count(*) FROM notifications", []) { try $0.int(0) }
        }
        #expect(stored == 1)
    }

    @Test func anOverdueSessionIsExpiredEverywhereBeforeAndAfterTheSweep() async throws {
        let service = service()
        let seeker = try await player(north: 0)
        let target = try await player(north: 50)
        let session = try await start(service, seeker, target)
        _ = try await respond(service, session.id, target)
        clock.advance(byMilliseconds: FindConfiguration.defaultTimeoutMilliseconds)

        // Not swept yet: shown expired, refused as expired.
        #expect(try await list(service, seeker).map(\.status) == [.expired])
        #expect(try await list(service, seeker, openOnly: true).isEmpty)
        await expectCode(.failedPrecondition) { _ = try await hint(service, session.id, seeker) }
        #expect(await service.expireOverdueFindSessions() == 1)
        #expect(await service.expireOverdueFindSessions() == 0)
        let expired = try #require(try await list(service, target).first)
        #expect(expired.completedAt == expired.expiresAt)
        // The pair is free again.
        #expect(try await start(service, target, seeker).status == .pending)
    }

    @Test func startingFreesThePairOfAnOverdueSessionWithoutTheSweeper() async throws {
        let service = service()
        let seeker = try await player(north: 0)
        let target = try await player(north: 50)
        _ = try await start(service, seeker, target)
        clock.advance(byMilliseconds: FindConfiguration.defaultTimeoutMilliseconds - 1)
        await expectCode(.alreadyExists) { _ = try await start(service, seeker, target) }
        clock.advance(byMilliseconds: 1)
        #expect(try await start(service, seeker, target).status == .pending)
        #expect(try await list(service, seeker).map(\.status) == [.pending, .expired])
    }

    @Test func hintsAreRateLimitedAndSayWhenTheNextOneIsAnswered() async throws {
        let service = service(hintLimit: TokenBuckets.Policy(capacity: 2, refillMilliseconds: 5_000))
        let seeker = try await player(north: 0)
        let target = try await player(north: 300)
        let session = try await start(service, seeker, target)
        _ = try await respond(service, session.id, target)
        let now = clock.wallClock.nowMilliseconds
        #expect(try await hint(service, session.id, seeker).nextHintAt == Timestamp(millisecondsSince1970: now))
        #expect(
            try await hint(service, session.id, seeker).nextHintAt == Timestamp(millisecondsSince1970: now + 5_000))
        await expectCode(.resourceExhausted) { _ = try await hint(service, session.id, seeker) }
        await expectCode(.resourceExhausted) { _ = try await complete(service, session.id, seeker) }
        clock.advance(byMilliseconds: 5_000)
        #expect(try await hint(service, session.id, seeker).proximity == .warm)
    }

    @Test func findRequestsAreRateLimitedPerSeeker() async throws {
        let service = service()
        let seeker = try await player(north: 0)
        let target = try await player(north: 50)
        let burst = FindConfiguration().requestLimit.capacity
        for _ in 0..<burst {
            var request = CancelFindRequest()
            request.sessionID = try await start(service, seeker, target).id
            _ = try await service.cancelFind(request, caller: seeker)
        }
        await expectCode(.resourceExhausted) { _ = try await start(service, seeker, target) }
        #expect(try await start(service, target, seeker).status == .pending)
    }

    @Test func aPlayerWhoWentOfflineGetsNoHint() async throws {
        let service = service()
        let seeker = try await player(north: 0)
        let target = try await player(north: 5)
        let session = try await start(service, seeker, target)
        _ = try await respond(service, session.id, target)
        liveIndex.remove(target.userID)
        await expectCode(.failedPrecondition) { _ = try await hint(service, session.id, seeker) }
        await expectCode(.failedPrecondition) { _ = try await complete(service, session.id, target) }
        #expect(try await list(service, seeker).map(\.status) == [.active])
    }

    @Test func theSweeperMarksOverdueSessionsOnItsOwn() async throws {
        let service = DiscoveryService(
            database: storage.database, liveIndex: liveIndex, hub: hub, clock: clock.wallClock,
            find: FindConfiguration(timeoutMilliseconds: 1_000))
        let seeker = try await player(north: 0)
        let target = try await player(north: 50)
        _ = try await start(service, seeker, target)
        clock.advance(byMilliseconds: 1_000)
        await service.startFindExpiry()
        await service.stopFindExpiry()
        let stored = try await storage.database.read {
            try $0.queryFirst("SELECT status FROM find_sessions", []) { try $0.string(0) }
        }
        #expect(stored == "expired")
    }

    @Test func tokenBucketWaitTakesNothing() {
        let buckets = TokenBuckets(
            action: "tests", policy: TokenBuckets.Policy(capacity: 1, refillMilliseconds: 1_000),
            clock: clock.wallClock)
        #expect(buckets.wait("a") == 0)
        #expect(buckets.wait("a") == 0)
        #expect(buckets.take("a") == nil)
        #expect(buckets.wait("a") == 1_000)
        clock.advance(byMilliseconds: 400)
        #expect(buckets.wait("a") == 600)
        #expect(buckets.take("a") == 600)
    }
}

/// The notifications a hub delivered, in order.
final class FindDeliveries: Sendable {
    let records = Mutex<[NotificationRecord]>([])
}
