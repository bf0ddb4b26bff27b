import Messages
import RPC
import Storage

extension AccountsService {
    static let blockedUsersList = "blocked_users"

    /// Blocks a user (again is a no-op) and cancels the pair's open find sessions.
    func blockUser(_ request: BlockUserRequest, caller: AuthenticatedCaller) async throws -> BlockUserResponse {
        try Self.checkOtherUser(request.userID, caller: caller)
        let now = clock.nowMilliseconds
        let found = try await write("blocking a user") { connection in
            guard try UserStore(connection).exists(id: request.userID) else { return false }
            try BlockStore(connection).block(blockerID: caller.userID, blockedID: request.userID, at: now)
            try FindSessionStore(connection).cancelOpen(between: caller.userID, and: request.userID, at: now)
            return true
        }
        guard found else { throw RPCError.notFound("no user with id \(request.userID)") }
        events.publishBlocked(blockerID: caller.userID, blockedID: request.userID)
        return BlockUserResponse()
    }

    /// Lifts the caller's block of a user (not blocked is not an error).
    func unblockUser(_ request: UnblockUserRequest, caller: AuthenticatedCaller) async throws -> UnblockUserResponse {
        var validation = Validation()
        validation.requireID(request.userID, field: "user_id")
        try validation.check()
        try await write("unblocking a user") {
            try BlockStore($0).unblock(blockerID: caller.userID, blockedID: request.userID)
        }
        return UnblockUserResponse()
    }

    /// The users the caller blocked, newest first, paginated.
    func listBlockedUsers(_ request: ListBlockedUsersRequest, caller: AuthenticatedCaller) async throws
        -> ListBlockedUsersResponse
    {
        var validation = Validation()
        var pageSize = PageSize.defaultSize
        var offset = 0
        do { pageSize = try PageSize.resolve(request.pageSize) } catch { try validation.absorb(error) }
        do { offset = try PageToken.offset(of: request.pageToken, list: Self.blockedUsersList) } catch {
            try validation.absorb(error)
        }
        try validation.check()
        let (limit, start) = (pageSize, offset)
        let rows = try await read("listing blocked users") {
            try BlockStore($0).list(blockerID: caller.userID, offset: start, limit: limit + 1)
        }
        var response = ListBlockedUsersResponse()
        response.blockedUsers = rows.prefix(pageSize).map(BlockedUser.init)
        response.nextPageToken = PageToken.next(
            list: Self.blockedUsersList, offset: offset, pageSize: pageSize, hasMore: rows.count > pageSize)
        return response
    }

    /// INVALID_ARGUMENT unless `userID` is a well-formed id other than the caller's.
    private static func checkOtherUser(_ userID: String, caller: AuthenticatedCaller) throws {
        var validation = Validation()
        validation.requireID(userID, field: "user_id")
        if userID == caller.userID { validation.fail("user_id", "must be another user, not yourself") }
        try validation.check()
    }
}
