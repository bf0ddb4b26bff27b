import Messages
import RPC
import Storage
import Testing

@testable import Services

@Suite struct PresenceServiceTests {
    let storage: TemporaryDatabase
    let clock = ManualClock(milliseconds: 1_700_000_000_000)
    let service: PresenceService
    let store = PresenceStore()

    init() throws {
        storage = try TemporaryDatabase()
        service = PresenceService(database: storage.database, clock: clock.wallClock)
    }

    private func signIn() async throws -> AuthenticatedCaller {
        let accounts = AccountsService(database: storage.database, clock: clock.wallClock)
        let context = ServerContext(
            descriptor: MethodDescriptor(service: AccountsService.name, method: "SignInAnonymously", kind: .unary),
            head: CallHead(
                path: "/\(AccountsService.name)/SignInAnonymously", service: AccountsService.name,
                method: "SignInAnonymously"))
        let response = try await accounts.signInAnonymously(SignInAnonymouslyRequest(), context: context)
        let token = try #require(response.session?.token)
        return try await AuthInterceptor(database: storage.database, clock: clock.wallClock).authenticate(token: token)
    }

    private func goLive(_ caller: AuthenticatedCaller, _ latitude: Double, _ longitude: Double) async throws
        -> LiveStatus?
    {
        var request = GoLiveRequest()
        request.location = Location(latitude: latitude, longitude: longitude)
        return try await service.goLive(request, caller: caller).status
    }

    private func move(_ caller: AuthenticatedCaller, _ latitude: Double, _ longitude: Double) async throws {
        var request = UpdateLocationRequest()
        request.location = Location(latitude: latitude, longitude: longitude)
        _ = try await service.updateLocation(request, caller: caller)
    }

    /// The index entry of `userID` equals what storage says.
    private func expectIndexMatchesStorage(_ userID: String) async throws {
        let store = self.store
        let record = try await storage.database.read { try store.presence($0, userID: userID) }
        #expect(service.liveIndex.get(userID) == record.flatMap(LiveUser.init))
    }

    @Test func writesKeepTheIndexEqualToStorage() async throws {
        let caller = try await signIn()
        let feed = service.liveIndex.subscribe()
        _ = try await goLive(caller, 48.85, 2.35)
        try await expectIndexMatchesStorage(caller.userID)
        clock.advance(byMilliseconds: 1000)
        try await move(caller, 48.851, 2.35)
        try await expectIndexMatchesStorage(caller.userID)
        var request = SetNowPlayingRequest()
        var track = Track()
        (track.trackID, track.trackName, track.artist, track.energy, track.valence) = ("t", "Song", "Artist", 0.9, 0.1)
        request.track = track
        request.isPlaying = true
        #expect(try await service.setNowPlaying(request, caller: caller).vibe == .energetic)
        try await expectIndexMatchesStorage(caller.userID)
        #expect(service.liveIndex.get(caller.userID)?.vibe == .energetic)
        var settings = UpdateSettingsRequest()
        settings.settings = LiveSettings()
        settings.settings?.radiusKm = 0.5
        _ = try await service.updateSettings(settings, caller: caller)
        try await expectIndexMatchesStorage(caller.userID)
        _ = try await service.goOffline(GoOfflineRequest(), caller: caller)
        #expect(service.liveIndex.get(caller.userID) == nil)
        service.liveIndex.finishSubscribers()
        var kinds: [String] = []
        for await change in feed {
            switch change {
            case .joined: kinds.append("joined")
            case .updated(let user): kinds.append("updated \(user.radiusKm)")
            case .left: kinds.append("left")
            }
        }
        #expect(kinds == ["joined", "updated 5.0", "updated 5.0", "updated 0.5", "left"])
    }

    @Test func locationRulesUseTheStoredTime() async throws {
        let caller = try await signIn()
        _ = try await goLive(caller, 0, 0)
        clock.advance(byMilliseconds: 400)
        let error = await #expect(throws: RPCError.self) { try await move(caller, 0.001, 0) }
        #expect(error?.code == .resourceExhausted)
        #expect(error?.details(RetryInfo.self).first?.retryDelay == .milliseconds(600))
        clock.advance(byMilliseconds: 600)
        try await move(caller, 0.001, 0)
        // 10 s later: 3 km (300 m/s) is allowed, 3.1 km is not.
        clock.advance(byMilliseconds: 10_000)
        let tooFar = await #expect(throws: RPCError.self) { try await move(caller, 0.001 + 3100 / 111_195.0, 0) }
        #expect(tooFar?.code == .failedPrecondition)
        try await move(caller, 0.001 + 2990 / 111_195.0, 0)
        try await expectIndexMatchesStorage(caller.userID)
    }

    @Test func expiryMarksSilentUsersOfflineInStorageAndIndex() async throws {
        let silent = try await signIn()
        let active = try await signIn()
        _ = try await goLive(silent, 10, 10)
        _ = try await goLive(active, 10, 10.001)
        clock.advance(byMilliseconds: 100_000)
        _ = try await service.heartbeat(HeartbeatRequest(), caller: active)
        clock.advance(byMilliseconds: 20_001)
        await service.expireInactive(lastActiveBefore: clock.wallClock.nowMilliseconds - 120_000)
        #expect(service.liveIndex.get(silent.userID) == nil)
        #expect(service.liveIndex.get(active.userID) != nil)
        try await expectIndexMatchesStorage(silent.userID)
        try await expectIndexMatchesStorage(active.userID)
        let error = await #expect(throws: RPCError.self) {
            try await service.heartbeat(HeartbeatRequest(), caller: silent)
        }
        #expect(error?.code == .failedPrecondition)
    }

    @Test func startRebuildsTheIndexFromStorage() async throws {
        let first = try await signIn()
        let second = try await signIn()
        _ = try await goLive(first, 10, 10)
        _ = try await goLive(second, 10, 10.001)
        _ = try await service.goOffline(GoOfflineRequest(), caller: second)
        let restarted = PresenceService(database: storage.database, clock: clock.wallClock)
        #expect(try await restarted.start() == 1)
        #expect(restarted.liveIndex.get(first.userID) == service.liveIndex.get(first.userID))
        #expect(restarted.liveIndex.get(second.userID) == nil)
        await restarted.stop()
    }

    @Test(arguments: [[], ["8"], ["4", "8", "c"]])
    func theRebuildReadsEveryLaneToTheEndPageByPage(splitIDs: [String]) async throws {
        var live: [AuthenticatedCaller] = []
        for step in 0..<9 {
            let caller = try await signIn()
            _ = try await goLive(caller, 10, 10 + Double(step) * 0.001)
            live.append(caller)
        }
        _ = try await service.goOffline(GoOfflineRequest(), caller: live.removeLast())
        let index = LiveIndex()
        let rebuild = LiveIndexRebuild(
            database: storage.database, store: PresenceStore(), pageSize: 2, splitIDs: splitIDs)
        #expect(try await rebuild.run(into: index) == live.count)
        for caller in live {
            #expect(index.get(caller.userID) == service.liveIndex.get(caller.userID))
        }
    }
}
