import SQLite
import Synchronization

/// The server's database: one writer connection and a pool of readers on one SQLite file
/// (WAL mode, foreign keys on, migrated at open).
///
/// **Writes** use group commit. A dedicated writer thread owns the writer connection; each
/// `write` queues its body and suspends. The thread takes everything queued (up to
/// `maxBatchSize`, oldest first) and runs it in one `BEGIN IMMEDIATE` transaction, each body
/// in its own savepoint, then commits once and resumes every caller. A write returns only
/// after its commit, so an acknowledged write survives a process crash
/// (`options.synchronous` `.normal`, the default) or also a power loss (`.full`).
///
/// **Reads** run on reader threads, each owning one read-only connection; a `read` sees every
/// write acknowledged before it started, as one consistent snapshot.
///
/// No Swift-concurrency thread blocks on SQLite: callers suspend while a database thread works.
/// `close()` drains queued work, then closes the connections; deinit does the same without
/// waiting.
public final class Database: Sendable {
    /// The most write bodies one transaction holds.
    public static let maxBatchSize = 512

    /// The database file.
    public let path: String
    private let writer: DatabaseThread<PendingWrite>
    private let readers: DatabaseReaderPool
    private let counters = DatabaseWriteCounters()
    private let closed = Atomic<Bool>(false)

    /// Opens (creating and migrating if needed) the database file at `path` with one writer
    /// connection configured by `options` (`options.synchronous` chooses the durability of an
    /// acknowledged write) and `readerCount` read-only connections (which share the other
    /// options). `path` must name a file: readers cannot share a `:memory:` database.
    public init(path: String, options: Connection.Options = Connection.Options(), readerCount: Int = 2) throws {
        self.path = path
        let writerConnection = try StorageDatabase.open(path: path, options: options)
        var readerOptions = options
        readerOptions.mode = .readOnly
        var readerConnections: [Connection] = []
        for _ in 0..<max(1, readerCount) {
            readerConnections.append(try StorageDatabase.openReader(path: path, options: readerOptions))
        }
        let groupCommit = GroupCommit(counters: counters)
        writer = DatabaseThread(
            name: "database-writer", connection: writerConnection, maxBatch: Self.maxBatchSize
        ) { connection, batch in
            groupCommit.commit(batch, on: connection)
        }
        readers = DatabaseReaderPool(connections: readerConnections, name: "database")
    }

    deinit {
        writer.shutdown()
        readers.shutdown()
    }

    /// Runs `body` on the writer connection and returns its result once committed.
    ///
    /// `body` shares a transaction with the other writes of its batch, inside its own
    /// savepoint: if it throws, its changes are undone and its error is rethrown here, while
    /// the other writes commit. It may use nested `transaction` or `savepoint` calls, must
    /// not end the transaction itself, and must not block for long (it holds up the batch).
    /// Writes run in the order they were called. Cancelling the calling task does not stop
    /// a queued write: it still commits, and its result is returned. Throws `DatabaseError.closed` after
    /// `close()`, or the `SQLiteError` of a failed commit (then nothing of it was stored).
    public func write<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        guard !closed.load(ordering: .acquiring) else { throw DatabaseError.closed }
        return try await withCheckedThrowingContinuation { continuation in
            if !writer.submit(PendingWrite(body, continuation: continuation)) {
                continuation.resume(throwing: DatabaseError.closed)
            }
        }
    }

    /// Runs `body` on a reader connection, in a read transaction (a consistent snapshot for
    /// its duration). Throws `DatabaseError.closed` after `close()`.
    public func read<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        guard !closed.load(ordering: .acquiring) else { throw DatabaseError.closed }
        return try await withCheckedThrowingContinuation { continuation in
            let accepted = readers.submit { connection in
                continuation.resume(with: Result { try connection.transaction(.deferred, body) })
            }
            if !accepted {
                continuation.resume(throwing: DatabaseError.closed)
            }
        }
    }

    /// Stops accepting work, waits for every queued write to commit (or fail) and every
    /// queued read to finish, then closes the connections. Later `write` and `read` calls
    /// throw `DatabaseError.closed`. Calling it again just waits for the first close.
    ///
    /// The readers close first, so that the writer is the last connection: closing it
    /// checkpoints the write-ahead log into the database file and removes the log.
    public func close() async {
        closed.store(true, ordering: .releasing)
        readers.shutdown()
        await readers.waitUntilFinished()
        writer.shutdown()
        await writer.waitUntilFinished()
    }

    /// True once `close()` has been called.
    var isClosed: Bool { closed.load(ordering: .acquiring) }

    /// Writes queued or running on the writer thread (for tests and metrics).
    var queuedWriteCount: Int { writer.load }

    /// Counts of the group commits so far.
    public var writeStatistics: DatabaseWriteStatistics { counters.snapshot }
}
