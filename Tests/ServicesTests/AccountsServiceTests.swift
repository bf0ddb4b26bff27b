import Messages
import RPC
import Storage
import Synchronization
import Testing

@testable import Services

@Suite struct AccountsServiceTests {
    let storage: TemporaryDatabase
    let clock = ManualClock(milliseconds: 1_700_000_000_000)
    let service: AccountsService

    init() throws {
        storage = try TemporaryDatabase()
        service = AccountsService(database: storage.database, clock: clock.wallClock)
    }

    private func context() -> ServerContext {
        let method = "SignInAnonymously"
        return ServerContext(
            descriptor: MethodDescriptor(service: AccountsService.name, method: method, kind: .unary),
            head: CallHead(path: "/\(AccountsService.name)/\(method)", service: AccountsService.name, method: method),
            peer: "ipv4:127.0.0.1:5000")
    }

    private func signIn(_ name: String = "") async throws -> AuthenticatedCaller {
        var request = SignInAnonymouslyRequest()
        request.displayName = name
        let response = try await service.signInAnonymously(request, context: context())
        let token = try #require(response.session?.token)
        return try await AuthInterceptor(database: storage.database, clock: clock.wallClock)
            .authenticate(token: token)
    }

    @Test func sessionsExpireAfterTheConfiguredLifetime() async throws {
        var request = SignInAnonymouslyRequest()
        request.displayName = "Ana"
        let response = try await service.signInAnonymously(request, context: context())
        let expected = clock.wallClock.nowMilliseconds + AccountsConfiguration().sessionLifetimeMilliseconds
        #expect(response.session?.expiresAt == Timestamp(millisecondsSince1970: expected))
        #expect(response.profile?.displayName == "Ana")
    }

    @Test func deleteAccountPublishesTheEventAndRemovesTheUser() async throws {
        let caller = try await signIn()
        let deleted = Mutex<[String]>([])
        service.events.onAccountDeleted { userID in deleted.withLock { $0.append(userID) } }
        var request = DeleteAccountRequest()
        await #expect(throws: RPCError.self) { _ = try await service.deleteAccount(request, caller: caller) }
        #expect(deleted.withLock { $0 }.isEmpty)
        request.confirm = true
        _ = try await service.deleteAccount(request, caller: caller)
        #expect(deleted.withLock { $0 } == [caller.userID])
        let exists = try await storage.database.read { try UserStore($0).exists(id: caller.userID) }
        #expect(!exists)
    }

    @Test func signOutPublishesTheRevokedSession() async throws {
        let caller = try await signIn()
        let revoked = Mutex<[String]>([])
        service.events.onSessionRevoked { _, sessionID in revoked.withLock { $0.append(sessionID) } }
        _ = try await service.signOut(SignOutRequest(), caller: caller)
        #expect(revoked.withLock { $0 } == [caller.sessionID])
    }

    @Test func blockingCancelsOpenFindSessionsBetweenThePair() async throws {
        let me = try await signIn()
        let other = try await signIn()
        let now = clock.wallClock.nowMilliseconds
        _ = try await storage.database.write { connection in
            try connection.execute(
                """
                INSERT INTO find_sessions (id, seeker_id, target_id, status, started_at, expires_at, updated_at)
                VALUES (?, ?, ?, 'active', ?, ?, ?)
                """, [Identifiers.make(), other.userID, me.userID, now, now + 900_000, now])
        }
        var request = BlockUserRequest()
        request.userID = other.userID
        _ = try await service.blockUser(request, caller: me)
        let status = try await storage.database.read { connection in
            try connection.queryFirst("SELECT status FROM find_sessions") { try $0.string(0) }
        }
        #expect(status == "cancelled")
        let blocked = try await storage.database.read { try BlockStore($0).isBlocked(other.userID, me.userID) }
        #expect(blocked)
    }

    @Test func signInsPerPeerAreLimited() async throws {
        var configuration = AccountsConfiguration()
        configuration.signInsPerMinutePerPeer = 2
        let limited = AccountsService(database: storage.database, clock: clock.wallClock, configuration: configuration)
        _ = try await limited.signInAnonymously(SignInAnonymouslyRequest(), context: context())
        _ = try await limited.signInAnonymously(SignInAnonymouslyRequest(), context: context())
        let error = await #expect(throws: RPCError.self) {
            _ = try await limited.signInAnonymously(SignInAnonymouslyRequest(), context: context())
        }
        #expect(error?.code == .resourceExhausted)
        #expect(error?.details(RetryInfo.self).isEmpty == false)
    }
}
