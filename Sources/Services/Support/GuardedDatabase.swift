import Logging
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
}
