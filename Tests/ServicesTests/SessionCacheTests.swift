import Messages
import RPC
import Testing

@testable import Services

@Suite struct SessionCacheTests {
    static let aliceID = Identifiers.make()
    let alice = AuthenticatedCaller(userID: aliceID, sessionID: Identifiers.make())
    let aliceOnPhone = AuthenticatedCaller(userID: aliceID, sessionID: Identifiers.make())
    let bob = AuthenticatedCaller(userID: Identifiers.make(), sessionID: Identifiers.make())

    private func hash(_ byte: UInt8) -> [UInt8] { [UInt8](repeating: byte, count: 32) }

    private func fill(_ cache: SessionCache, expiresAt: Int64 = 1_000) {
        for (byte, caller) in [(1, alice), (2, aliceOnPhone), (3, bob)] {
            cache.insert(.init(caller: caller, expiresAt: expiresAt), for: hash(UInt8(byte)), readAt: cache.generation)
        }
    }

    @Test func answersCachedSessionsUntilTheyExpire() {
        let cache = SessionCache()
        fill(cache)
        #expect(cache.lookup(hash(1), now: 999) == alice)
        #expect(cache.lookup(hash(9), now: 0) == nil)
        #expect(cache.lookup(hash(1), now: 1_000) == nil)
        #expect(cache.count == 2)
    }

    @Test func signOutForgetsOnlyThatSession() {
        let cache = SessionCache()
        fill(cache)
        cache.revoke(userID: alice.userID, sessionID: alice.sessionID)
        #expect(cache.lookup(hash(1), now: 0) == nil)
        #expect(cache.lookup(hash(2), now: 0) == aliceOnPhone)
        #expect(cache.lookup(hash(3), now: 0) == bob)
    }

    @Test func accountDeletionForgetsEverySessionOfTheUser() {
        let cache = SessionCache()
        fill(cache)
        cache.revokeAll(userID: alice.userID)
        #expect(cache.lookup(hash(1), now: 0) == nil)
        #expect(cache.lookup(hash(2), now: 0) == nil)
        #expect(cache.lookup(hash(3), now: 0) == bob)
    }

    @Test func aReadThatPredatesARevocationIsNotCached() {
        let cache = SessionCache()
        let before = cache.generation
        cache.revoke(userID: alice.userID, sessionID: alice.sessionID)
        cache.insert(.init(caller: alice, expiresAt: 1_000), for: hash(1), readAt: before)
        #expect(cache.lookup(hash(1), now: 0) == nil)
        cache.insert(.init(caller: alice, expiresAt: 1_000), for: hash(1), readAt: cache.generation)
        #expect(cache.lookup(hash(1), now: 0) == alice)
    }

    @Test func aFullCacheForgetsOneEntryPerInsert() {
        let cache = SessionCache(capacity: 2)
        fill(cache)
        #expect(cache.count == 2)
        #expect(cache.lookup(hash(3), now: 0) == bob)
        cache.revokeAll(userID: alice.userID)
        #expect(cache.count == 1)
    }

    @Test func idsNotInIdentifierFormAreNotCached() {
        let cache = SessionCache()
        let odd = AuthenticatedCaller(userID: "alice", sessionID: Identifiers.make())
        cache.insert(.init(caller: odd, expiresAt: 1_000), for: hash(1), readAt: cache.generation)
        cache.insert(.init(caller: alice, expiresAt: 1_000), for: [1, 2, 3], readAt: cache.generation)
        #expect(cache.count == 0)
    }

    @Test func compactIDsRoundTripOnlyIdentifiers() {
        for _ in 0..<100 {
            let id = Identifiers.make()
            #expect(CompactID(id)?.text == id)
        }
        for text in [
            "", "alice", "3F2B8C1E-9A4D-4E7F-B1C2-0D9E8F7A6B5C", "3f2b8c1e9a4d-4e7f-b1c2-0d9e8f7a6b5c0",
            "3f2b8c1e-9a4d-4e7f-b1c2-0d9e8f7a6b5",
        ] {
            #expect(CompactID(text) == nil)
        }
    }

    @Test func signOutThroughTheServiceEndsACachedToken() async throws {
        let storage = try TemporaryDatabase()
        let clock = ManualClock(milliseconds: 1_700_000_000_000)
        let accounts = AccountsService(database: storage.database, clock: clock.wallClock)
        let cache = SessionCache()
        cache.observe(accounts.events)
        let interceptor = AuthInterceptor(database: storage.database, sessions: cache, clock: clock.wallClock)
        let token = try await signIn(accounts)
        let caller = try await interceptor.authenticate(token: token)
        #expect(cache.count == 1)
        _ = try await accounts.signOut(SignOutRequest(), caller: caller)
        #expect(cache.count == 0)
        await #expect(throws: RPCError.self) { _ = try await interceptor.authenticate(token: token) }
    }

    private func signIn(_ accounts: AccountsService) async throws -> String {
        let method = "SignInAnonymously"
        let context = ServerContext(
            descriptor: MethodDescriptor(service: AccountsService.name, method: method, kind: .unary),
            head: CallHead(path: "/\(AccountsService.name)/\(method)", service: AccountsService.name, method: method),
            peer: "ipv4:127.0.0.1:5000")
        let response = try await accounts.signInAnonymously(SignInAnonymouslyRequest(), context: context)
        return try #require(response.session?.token)
    }
}
