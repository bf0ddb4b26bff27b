import Messages
import RPC
import Storage

extension AccountsService {
    /// The caller's own profile.
    func getProfile(_ request: GetProfileRequest, caller: AuthenticatedCaller) async throws -> GetProfileResponse {
        var response = GetProfileResponse()
        response.profile = Profile(try await currentUser(caller))
        return response
    }

    /// Applies the set fields, all or nothing.
    func updateProfile(_ request: UpdateProfileRequest, caller: AuthenticatedCaller) async throws
        -> UpdateProfileResponse
    {
        let changes = try ProfileRules.changes(of: request)
        let now = clock.nowMilliseconds
        let user = try await write("updating a profile") { connection in
            let users = UserStore(connection)
            try users.update(id: caller.userID, changes, at: now)
            return try users.find(id: caller.userID)
        }
        guard let user else { throw Self.accountGone }
        await events.publishProfileUpdated(caller.userID)
        var response = UpdateProfileResponse()
        response.profile = Profile(user)
        return response
    }

    /// Counts about the caller from the database.
    func getMyStats(_ request: GetMyStatsRequest, caller: AuthenticatedCaller) async throws -> GetMyStatsResponse {
        GetMyStatsResponse(try await read("reading stats") { try UserStore($0).stats(id: caller.userID) })
    }

    /// Deletes the caller and (by cascade) every row of theirs, sessions included.
    func deleteAccount(_ request: DeleteAccountRequest, caller: AuthenticatedCaller) async throws
        -> DeleteAccountResponse
    {
        guard request.confirm else {
            throw RPCError.invalidArgument(field: "confirm", "must be true to delete the account and all its data")
        }
        let now = clock.nowMilliseconds
        try await write("deleting an account") { connection in
            try SessionStore(connection).revokeAll(userID: caller.userID, at: now)
            try UserStore(connection).delete(id: caller.userID)
        }
        events.publishAccountDeleted(caller.userID)
        return DeleteAccountResponse()
    }

    /// The caller's row; UNAUTHENTICATED when it is gone (deleted by a concurrent call).
    private func currentUser(_ caller: AuthenticatedCaller) async throws -> UserRecord {
        guard let user = try await read("reading a profile", { try UserStore($0).find(id: caller.userID) }) else {
            throw Self.accountGone
        }
        return user
    }

    static var accountGone: RPCError { .unauthenticated("this account no longer exists; sign in again") }
}
