import SQLite
import Synchronization

/// The server's database: one writer connection and a pool of readers on one SQLite file
/// (WAL mode, foreign keys on, migrated at open).
///
/// `write` runs its body in a transaction on the writer and returns only after the commit, so
/// an acknowledged write survives a process crash (`synchronous=NORMAL` in WAL mode). `read`
/// runs on a reader connection and sees every write committed before it started.
public final class Database: Sendable {
    /// The database file.
    public let path: String
    private let writer: ConnectionSlot
    private let readers: [ConnectionSlot]
    private let nextReader = Atomic<Int>(0)

    /// Opens (creating and migrating if needed) the database at `path` with `readerCount`
    /// read-only connections.
    public init(path: String, options: Connection.Options = Connection.Options(), readerCount: Int = 2) throws {
        self.path = path
        writer = ConnectionSlot(try StorageDatabase.open(path: path, options: options))
        var readers: [ConnectionSlot] = []
        for _ in 0..<max(1, readerCount) {
            readers.append(ConnectionSlot(try StorageDatabase.openReader(path: path)))
        }
        self.readers = readers
    }

    /// Runs `body` in a write transaction and returns its result once committed. If `body`
    /// throws, its changes are rolled back and the error is rethrown.
    public func write<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        try writer.connection.withLock { connection in
            try connection.transaction(.immediate) { try body($0) }
        }
    }

    /// Runs `body` on a reader connection (a consistent snapshot for its duration).
    public func read<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        let index = nextReader.wrappingAdd(1, ordering: .relaxed).oldValue % readers.count
        return try readers[index].connection.withLock { connection in
            try connection.transaction(TransactionKind.deferred) { try body($0) }
        }
    }
}

/// One connection behind a lock, so that one thread at a time uses it.
private final class ConnectionSlot: Sendable {
    let connection: Mutex<Connection>

    init(_ connection: Connection) {
        self.connection = Mutex(connection)
    }
}
