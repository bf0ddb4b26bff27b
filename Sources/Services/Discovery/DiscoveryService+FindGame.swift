import Geo
import Messages
import RPC
import RPCMessages
import SQLite
import Storage

/// The consent-first hot/cold find game (discovery.proto): a seeker asks a nearby user, the
/// target accepts or declines, the seeker asks for hints (a bucket of the server's own
/// distance between both exact stored positions, never the distance or a coordinate) and
/// either player completes the game once the server measures FOUND.
///
/// Every state change runs in one `Database.write` that first marks overdue sessions expired
/// and records the step's notifications, which are delivered once committed. Liveness,
/// range and `allow_find` are read from the `LiveIndex` inside that write, so they are the
/// state in commit order.
extension DiscoveryService {
    /// The `PageToken` list name of `ListFindSessions`.
    static let findSessionsList = "find_sessions"

    /// The find-game RPCs.
    var findGameMethods: [ServiceMethod] {
        [
            .unary("StartFind", .proto) { try await self.startFind($0, caller: try $1.requireCaller()) },
            .unary("RespondToFind", .proto) { try await self.respondToFind($0, caller: try $1.requireCaller()) },
            .unary("GetFindHint", .proto) { try await self.getFindHint($0, caller: try $1.requireCaller()) },
            .unary("CompleteFind", .proto) { try await self.completeFind($0, caller: try $1.requireCaller()) },
            .unary("CancelFind", .proto) { try await self.cancelFind($0, caller: try $1.requireCaller()) },
            .unary("ListFindSessions", .proto) {
                try await self.listFindSessions($0, caller: try $1.requireCaller())
            },
        ]
    }

    // MARK: RPCs

    /// Starts a pending session with a live user the caller can see nearby who accepts find
    /// requests, and notifies them (find_request).
    func startFind(_ request: StartFindRequest, caller: AuthenticatedCaller) async throws -> StartFindResponse {
        var validation = Validation()
        validation.requireID(request.targetUserID, field: "target_user_id")
        if request.targetUserID == caller.userID {
            validation.fail("target_user_id", "must be another user; you cannot play the find game with yourself")
        }
        try validation.check()
        try findRequestLimit.check(caller.userID)
        let targetID = request.targetUserID
        let now = clock.nowMilliseconds
        let sessionID = Identifiers.make()
        let expiresAt = now + find.timeoutMilliseconds
        let (session, notifications) = try await findWrite("starting a find session") { [self] connection in
            let sessions = FindSessionStore(connection)
            try sessions.expireOverdue(at: now)
            try checkCanStartFind(seekerID: caller.userID, targetID: targetID, on: connection)
            if let open = try sessions.openSession(between: caller.userID, and: targetID) {
                throw RPCError.alreadyExists(
                    "you already have an open find session with this user (\(open)); finish or cancel it first")
            }
            try sessions.insert(
                id: sessionID, seekerID: caller.userID, targetID: targetID, at: now, expiresAt: expiresAt)
            let session = try Self.session(sessionID, of: caller, in: sessions)
            return (session, [try hub.record(FindNotifications.request(session), on: connection, at: now)])
        }
        hub.deliver(notifications)
        var response = StartFindResponse()
        response.session = FindSession(session, at: now)
        return response
    }

    /// The target accepts (the seeker is notified find_accepted) or declines a pending session.
    func respondToFind(_ request: RespondToFindRequest, caller: AuthenticatedCaller) async throws
        -> RespondToFindResponse
    {
        let accept = request.accept
        var response = RespondToFindResponse()
        response.session = try await changeSession(
            request.sessionID, caller: caller, operation: "answering a find request"
        ) { session, sessions, now in
            guard session.targetID == caller.userID else {
                throw RPCError.permissionDenied("only the target of a find session can accept or decline it")
            }
            try Self.require(session, is: .pending, at: now, method: "RespondToFind")
            try sessions.transition(id: session.id, from: .pending, to: accept ? .active : .declined, at: now)
            return accept ? [FindNotifications.accepted(session)] : []
        }
        return response
    }

    /// How close the seeker is to the target, as a bucket.
    func getFindHint(_ request: GetFindHintRequest, caller: AuthenticatedCaller) async throws -> GetFindHintResponse {
        let id = try Self.checkSessionID(request.sessionID)
        let now = clock.nowMilliseconds
        let session = try await StorageFailure.guarding("reading a find session", logger: logger) {
            try await database.read { try Self.session(id, of: caller, in: FindSessionStore($0)) }
        }
        guard session.seekerID == caller.userID else {
            throw RPCError.permissionDenied("only the seeker of a find session can ask for hints")
        }
        try Self.require(session, is: .active, at: now, method: "GetFindHint")
        var response = GetFindHintResponse()
        response.proximity = try measure(session, for: caller)
        response.nextHintAt = Timestamp(millisecondsSince1970: now + findHintLimit.wait(caller.userID))
        return response
    }

    /// Either player completes an active session once the server measures FOUND; both are
    /// notified (find_completed).
    func completeFind(_ request: CompleteFindRequest, caller: AuthenticatedCaller) async throws
        -> CompleteFindResponse
    {
        var response = CompleteFindResponse()
        response.session = try await changeSession(
            request.sessionID, caller: caller, operation: "completing a find session"
        ) { [self] session, sessions, now in
            try Self.require(session, is: .active, at: now, method: "CompleteFind")
            guard try measure(session, for: caller) == .found else {
                throw RPCError.failedPrecondition(
                    "not found yet: the server does not measure you within \(Int(Proximity.foundBelowMeters)) m "
                        + "of each other; keep looking and try again")
            }
            try sessions.transition(id: session.id, from: .active, to: .completed, at: now)
            return FindNotifications.completed(session)
        }
        return response
    }

    /// Either player cancels a pending or active session.
    func cancelFind(_ request: CancelFindRequest, caller: AuthenticatedCaller) async throws -> CancelFindResponse {
        var response = CancelFindResponse()
        response.session = try await changeSession(
            request.sessionID, caller: caller, operation: "cancelling a find session"
        ) { session, sessions, now in
            let status = session.status(at: now)
            guard status.isOpen else {
                throw RPCError.failedPrecondition(
                    "CancelFind needs a pending or active session; this one is already \(status.rawValue)")
            }
            try sessions.transition(id: session.id, from: status, to: .cancelled, at: now)
            return []
        }
        return response
    }

    /// The caller's sessions, newest first.
    func listFindSessions(_ request: ListFindSessionsRequest, caller: AuthenticatedCaller) async throws
        -> ListFindSessionsResponse
    {
        var validation = Validation()
        var pageSize = PageSize.defaultSize
        var offset = 0
        do { pageSize = try PageSize.resolve(request.pageSize) } catch { try validation.absorb(error) }
        do { offset = try PageToken.offset(of: request.pageToken, list: Self.findSessionsList) } catch {
            try validation.absorb(error)
        }
        try validation.check()
        let now = clock.nowMilliseconds
        let (openOnly, limit, start) = (request.openOnly, pageSize, offset)
        let rows = try await StorageFailure.guarding("listing find sessions", logger: logger) {
            try await database.read {
                try FindSessionStore($0).list(
                    userID: caller.userID, openOnly: openOnly, at: now, offset: start, limit: limit + 1)
            }
        }
        var response = ListFindSessionsResponse()
        response.sessions = rows.prefix(pageSize).map { FindSession($0, at: now) }
        response.nextPageToken = PageToken.next(
            list: Self.findSessionsList, offset: offset, pageSize: pageSize, hasMore: rows.count > pageSize)
        return response
    }

    // MARK: Rules

    /// Throws unless the seeker is live and sees the target nearby, unblocked, with
    /// `allow_find` on. A target the seeker cannot see (unknown, not live, out of radius,
    /// blocked either way) gets one NOT_FOUND, so the answer reveals nothing about them.
    private func checkCanStartFind(seekerID: String, targetID: String, on connection: Connection) throws {
        guard let seeker = liveIndex.get(seekerID) else { throw Self.notLive("StartFind") }
        let radius = NearbyRadius.resolve(nil, callerRadiusKm: seeker.radiusKm)
        guard let target = liveIndex.get(targetID), match(seeker, sees: target, radiusMeters: radius) != nil,
            try !BlockStore(connection).isBlocked(seekerID, targetID)
        else {
            throw RPCError.notFound(
                "no live user with id \(targetID) within your radius; pick someone from ListNearby")
        }
        guard target.allowFind else {
            throw RPCError.failedPrecondition("this user does not accept find requests (their allow_find is off)")
        }
    }

    /// Takes one of `caller`'s distance measurements (RESOURCE_EXHAUSTED with RetryInfo when
    /// none is left) and returns the bucket of the distance between both players' exact
    /// stored positions. FAILED_PRECONDITION when either player is not live.
    private func measure(_ session: FindSessionRecord, for caller: AuthenticatedCaller) throws -> Proximity {
        try findHintLimit.check(caller.userID)
        guard let seeker = liveIndex.get(session.seekerID), let target = liveIndex.get(session.targetID) else {
            throw RPCError.failedPrecondition(
                "both players must be live to measure how close you are; the session stays active until it expires")
        }
        return Proximity(distanceMeters: GeoDistance.haversine(seeker.coordinate, target.coordinate))
    }

    /// FAILED_PRECONDITION unless `session` is `expected` at `now`.
    private static func require(
        _ session: FindSessionRecord, is expected: FindSessionStatus, at now: Int64, method: String
    ) throws {
        let status = session.status(at: now)
        guard status == expected else {
            throw RPCError.failedPrecondition(
                "\(method) needs a\(expected == .active ? "n" : "") \(expected.rawValue) session; "
                    + "this one is \(status.rawValue)")
        }
    }

    // MARK: Storage

    /// Session `id` when `caller` is one of its players and neither blocked the other;
    /// NOT_FOUND otherwise, the same answer as for an unknown id.
    private static func session(_ id: String, of caller: AuthenticatedCaller, in sessions: FindSessionStore) throws
        -> FindSessionRecord
    {
        guard let session = try sessions.find(id: id), session.involves(caller.userID), !session.isBlocked else {
            throw RPCError.notFound("you have no find session with id \(id)")
        }
        return session
    }

    /// INVALID_ARGUMENT unless `id` is a well-formed `session_id`.
    private static func checkSessionID(_ id: String) throws -> String {
        var validation = Validation()
        validation.requireID(id, field: "session_id")
        try validation.check()
        return id
    }

    /// Runs `change` on the caller's session `id` in one write (after marking overdue sessions
    /// expired), records the notifications it returns, delivers them once committed and
    /// returns the session as it is afterwards.
    private func changeSession(
        _ id: String, caller: AuthenticatedCaller, operation: String,
        _ change: @escaping @Sendable (FindSessionRecord, FindSessionStore, Int64) throws -> [NotificationDraft]
    ) async throws -> FindSession {
        let id = try Self.checkSessionID(id)
        let now = clock.nowMilliseconds
        let (session, notifications) = try await findWrite(operation) { [hub] connection in
            let sessions = FindSessionStore(connection)
            try sessions.expireOverdue(at: now)
            let drafts = try change(try Self.session(id, of: caller, in: sessions), sessions, now)
            let records = try drafts.map { try hub.record($0, on: connection, at: now) }
            return (try Self.session(id, of: caller, in: sessions), records)
        }
        hub.deliver(notifications)
        return FindSession(session, at: now)
    }

    /// Runs `body` in a write, mapping storage failures to a generic INTERNAL.
    private func findWrite(
        _ operation: String,
        _ body: @escaping @Sendable (Connection) throws -> (FindSessionRecord, [NotificationRecord])
    ) async throws -> (FindSessionRecord, [NotificationRecord]) {
        try await StorageFailure.guarding(operation, logger: logger) { try await database.write(body) }
    }
}
