import RPC
import Storage
import Synchronization
import Testing

@testable import Services

/// A writer that discards responses.
private struct NullWriter: ResponseWriter {
    func send(_ message: [UInt8]) async throws {}
    func setInitialMetadata(_ metadata: Metadata) async throws {}
    func setTrailingMetadata(_ metadata: Metadata) async {}
}

@Suite struct AuthInterceptorTests {
    let storage: TemporaryDatabase
    let clock = ManualClock(milliseconds: 1_700_000_000_000)
    let interceptor: AuthInterceptor

    init() throws {
        storage = try TemporaryDatabase()
        interceptor = AuthInterceptor(database: storage.database, clock: clock.wallClock)
    }

    /// Runs the interceptor for `service/method` with `authorization`; returns the caller the
    /// handler saw (nil when it saw none), or throws what the interceptor threw.
    private func call(
        _ service: String = "resonance.v1.Accounts", _ method: String = "GetProfile", authorization: String? = nil
    ) async throws -> AuthenticatedCaller? {
        var metadata = Metadata()
        if let authorization { try metadata.add("authorization", authorization) }
        let context = ServerContext(
            descriptor: MethodDescriptor(service: service, method: method, kind: .unary),
            head: CallHead(path: "/\(service)/\(method)", service: service, method: method, metadata: metadata))
        let seen = Mutex<AuthenticatedCaller?>(nil)
        try await interceptor.intercept(context: context, requests: RequestStream(messages: []), writer: NullWriter()) {
            context, _, _ in
            seen.withLock { $0 = context.values[AuthenticatedCallerKey.self] }
        }
        return seen.withLock { $0 }
    }

    /// Stores a user and a session expiring `lifetime` ms from now; returns its token.
    private func storeSession(userID: String, lifetime: Int64 = 60_000) async throws -> (String, SessionRecord) {
        let (token, hash) = SessionTokens.generate()
        let now = clock.wallClock.nowMilliseconds
        let record = SessionRecord(id: Identifiers.make(), userID: userID, createdAt: now, expiresAt: now + lifetime)
        try await storage.database.write { connection in
            if try !UserStore(connection).exists(id: userID) {
                try UserStore(connection).createAnonymous(id: userID, displayName: "A", at: now)
            }
            try SessionStore(connection).create(record, tokenHash: hash, userAgent: nil)
        }
        return (token, record)
    }

    private func expectUnauthenticated(
        _ body: () async throws -> AuthenticatedCaller?, sourceLocation: SourceLocation = #_sourceLocation
    ) async -> String? {
        let error = await #expect(throws: RPCError.self, sourceLocation: sourceLocation) { _ = try await body() }
        #expect(error?.code == .unauthenticated, sourceLocation: sourceLocation)
        return error?.message
    }

    @Test func aValidTokenAttachesTheCaller() async throws {
        let userID = Identifiers.make()
        let (token, record) = try await storeSession(userID: userID)
        let caller = try await call(authorization: "Bearer \(token)")
        #expect(caller == AuthenticatedCaller(userID: userID, sessionID: record.id))
        #expect(try await call(authorization: "bearer \(token)") != nil)
        #expect(try await call(authorization: "BEARER  \(token)") != nil)
    }

    @Test func publicMethodsNeedNoToken() async throws {
        for (service, method) in [
            ("resonance.v1.Accounts", "SignInAnonymously"), ("resonance.v1.Accounts", "StartSpotifySignIn"),
            ("resonance.v1.Accounts", "CompleteSpotifySignIn"), ("grpc.health.v1.Health", "Watch"),
            ("grpc.reflection.v1alpha.ServerReflection", "ServerReflectionInfo"),
        ] {
            #expect(try await call(service, method) == nil)
        }
        _ = await expectUnauthenticated { try await call("resonance.v1.Accounts", "SignOut") }
        _ = await expectUnauthenticated { try await call("resonance.v1.Presence", "GoLive") }
    }

    @Test func missingOrMalformedHeadersAreUnauthenticated() async throws {
        let (token, _) = try await storeSession(userID: Identifiers.make())
        _ = await expectUnauthenticated { try await call() }
        for header in [
            token, "Basic \(token)", "Bearer", "Bearer ", "Bearer \(token) extra", "Bearer not-a-token",
            "Bearers \(token)",
            "Bearr \(token)", "Bea\"er \(token)",
        ] {
            _ = await expectUnauthenticated { try await call(authorization: header) }
        }
    }

    @Test func unknownExpiredAndRevokedTokensShareOneMessage() async throws {
        let userID = Identifiers.make()
        let (expiring, _) = try await storeSession(userID: userID, lifetime: 1_000)
        let (revoked, record) = try await storeSession(userID: userID)
        _ = try await storage.database.write { try SessionStore($0).revoke(sessionID: record.id, at: 0) }
        let unknown = SessionTokens.generate().token
        #expect(try await call(authorization: "Bearer \(expiring)") != nil)
        clock.advance(byMilliseconds: 1_000)
        let messages = [
            await expectUnauthenticated { try await call(authorization: "Bearer \(expiring)") },
            await expectUnauthenticated { try await call(authorization: "Bearer \(revoked)") },
            await expectUnauthenticated { try await call(authorization: "Bearer \(unknown)") },
        ]
        #expect(Set(messages).count == 1)
    }

    @Test func handlersWithoutTheInterceptorSeeNoCaller() throws {
        let context = ServerContext(
            descriptor: MethodDescriptor(service: "s", method: "m", kind: .unary),
            head: CallHead(path: "/s/m", service: "s", method: "m"))
        #expect(throws: RPCError.unauthenticated(AuthInterceptor.missingTokenMessage)) { try context.requireCaller() }
    }
}
