import Logging
import RPC
import SQLite
import Storage

/// A `Database` whose storage failures become a generic INTERNAL (logged with the
/// operation, never shown to the client): what a service's handlers read and write through.
struct GuardedDatabase: Sendable {
    let database: Database
    let logger: Logger

    /// Runs `body` in a write transaction (see `Database.write`).
    @discardableResult
    func write<T: Sendable>(_ operation: String, _ body: @escaping @Sendable (Connection) throws -> T) async throws
        -> T
    {
        try await StorageFailure.guarding(operation, logger: logger) { try await database.write(body) }
    }

    /// Runs `body` on a reader connection.
    func read<T: Sendable>(_ operation: String, _ body: @escaping @Sendable (Connection) throws -> T) async throws
        -> T
    {
        try await StorageFailure.guarding(operation, logger: logger) { try await database.read(body) }
    }

    /// Throws UNAUTHENTICATED when the call's session is no longer valid at `now`. A stream
    /// calls it once registered: a sign-out or account deletion that committed after the call
    /// was authenticated but before the stream was registered published its event to no
    /// stream, and checking again closes that gap (a later one reaches the registered stream).
    func requireSessionStillValid(_ context: ServerContext, now: Int64) async throws {
        let tokenHash = SessionTokens.hash(try AuthInterceptor.bearerToken(in: context.metadata))
        let valid = try await read("checking a session") {
            try SessionStore($0).find(tokenHash: tokenHash)?.isValid(at: now) ?? false
        }
        guard valid else { throw RPCError.unauthenticated(AuthInterceptor.invalidTokenMessage) }
    }
}
