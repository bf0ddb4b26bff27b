import CSQLite

/// One SQLite database connection.
///
/// **Confinement rule.** A connection is *not* thread-safe (it is opened with
/// `SQLITE_OPEN_NOMUTEX`, and its statement cache and transaction state are plain
/// properties). It is `Sendable` only so that an owner can hand it to another thread or
/// task: at any moment **exactly one** thread may use it (and any `Statement` or `Row` it
/// produced). Owners enforce this — the single writer keeps its connection on one
/// serial executor; a reader pool lends each reader connection to one caller at a time.
/// `interrupt()` is the only method that may be called from another thread.
///
/// Closing happens on deinit; statements still alive keep the handle until released.
public final class Connection: @unchecked Sendable {
    let handle: OpaquePointer
    /// The database path (`":memory:"` for an in-memory database).
    public let path: String
    /// The options this connection was opened with.
    public let options: Options
    let statementCache: StatementCache
    /// Open savepoints created by nested `transaction` calls.
    var savepointDepth = 0

    /// Opens (or creates, per `options.mode`) the database at `path` and configures it:
    /// extended result codes, busy timeout, foreign keys, WAL, `synchronous`.
    public init(path: String, options: Options = Options()) throws {
        var flags = SQLITE_OPEN_NOMUTEX
        switch options.mode {
        case .readWriteCreate: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
        case .readWrite: flags |= SQLITE_OPEN_READWRITE
        case .readOnly: flags |= SQLITE_OPEN_READONLY
        }
        var db: OpaquePointer?
        let result = sqlite3_open_v2(path, &db, flags, nil)
        guard result == SQLITE_OK, let db else {
            let error = SQLiteError.from(result, db: db)
            sqlite3_close_v2(db)
            throw error
        }
        self.handle = db
        self.path = path
        self.options = options
        self.statementCache = StatementCache(capacity: options.statementCacheCapacity)
        try configure()
    }

    /// Opens a private in-memory database (WAL does not apply; the rest of `options` does).
    public static func inMemory(options: Options = Options()) throws -> Connection {
        try Connection(path: ":memory:", options: options)
    }

    deinit {
        statementCache.removeAll()
        sqlite3_close_v2(handle)
    }

    private func configure() throws {
        sqlite3_extended_result_codes(handle, 1)
        // Double-quoted strings are identifiers only: a typo'd column is an error, not a string.
        _ = csqlite_db_config_int(handle, SQLITE_DBCONFIG_DQS_DML, 0)
        _ = csqlite_db_config_int(handle, SQLITE_DBCONFIG_DQS_DDL, 0)
        let timeout = sqlite3_busy_timeout(handle, max(0, options.busyTimeoutMilliseconds))
        guard timeout == SQLITE_OK else { throw SQLiteError.from(timeout, db: handle) }
        try execute("PRAGMA foreign_keys = \(options.foreignKeys ? "ON" : "OFF")")
        if options.walMode && options.mode != .readOnly {
            let mode = try queryFirst("PRAGMA journal_mode = WAL") { try $0.string(0) }
            // In-memory databases report "memory": WAL does not apply to them.
            guard mode == "wal" || path == ":memory:" || path.isEmpty else {
                throw SQLiteError(
                    extendedCode: SQLITE_CANTOPEN, message: "could not switch to WAL (journal_mode is \(mode ?? "?"))")
            }
        }
        try execute("PRAGMA synchronous = \(options.synchronous.rawValue)")
    }

    /// The rowid of the most recent successful INSERT on this connection.
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Rows changed by the most recent INSERT, UPDATE or DELETE.
    public var changes: Int { Int(sqlite3_changes64(handle)) }

    /// Rows changed since the connection opened.
    public var totalChanges: Int { Int(sqlite3_total_changes64(handle)) }

    /// True while a transaction is open.
    public var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    /// True when the connection cannot write.
    public var isReadOnly: Bool { sqlite3_db_readonly(handle, "main") == 1 }

    /// The number of statements held in the statement cache.
    public var cachedStatementCount: Int { statementCache.count }

    /// Makes the statement running on this connection fail with `SQLITE_INTERRUPT` as soon
    /// as possible. The one method that may be called from any thread.
    public func interrupt() {
        sqlite3_interrupt(handle)
    }

    /// Prepares an uncached statement owned by the caller (finalized when released).
    /// Most code should use `execute` and `query`, which cache statements by SQL text.
    public func prepare(_ sql: String) throws -> Statement {
        try Statement(db: handle, sql: sql, persistent: false)
    }
}
