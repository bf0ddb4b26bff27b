import SQLite

/// Opens Resonance databases with the schema brought up to date.
///
/// The server opens one writer with `open(path:)` (which runs pending migrations) and any
/// number of readers with `openReader(path:)` on the same file. Each connection follows
/// `Connection`'s confinement rule.
public enum StorageDatabase {
    /// Opens (creating if missing) the database file at `path` as a read-write connection
    /// in WAL mode with foreign keys on, and applies pending migrations.
    /// Throws `MigrationError.databaseNewerThanCode` for a database from a newer build.
    public static func open(path: String, options: Connection.Options = Connection.Options()) throws -> Connection {
        let connection = try Connection(path: path, options: options)
        try Schema.migrator().migrate(connection)
        return connection
    }

    /// Opens a private in-memory database with the full schema (for tests and tools).
    public static func openInMemory(options: Connection.Options = Connection.Options()) throws -> Connection {
        try open(path: ":memory:", options: options)
    }

    /// Opens a read-only connection on a database a writer has already opened and migrated.
    /// Throws `MigrationError` when its schema version is not the one this build knows.
    public static func openReader(
        path: String, options: Connection.Options = .readOnly
    ) throws -> Connection {
        let connection = try Connection(path: path, options: options)
        try Schema.migrator().verifyCurrent(connection)
        return connection
    }
}
