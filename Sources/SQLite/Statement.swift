import CSQLite

/// A prepared statement: bind parameters, step through rows, reset, repeat.
///
/// Owned by one `Connection` and bound by the same confinement rule (see `Connection`).
/// Statements obtained from `Connection.prepare(_:)` are finalized when released; the ones
/// the connection caches are reset and their bindings cleared after each use.
public final class Statement {
    @usableFromInline let handle: OpaquePointer
    /// The SQL text this statement was prepared from (for logs, never for clients).
    public let sql: String
    /// Set while a cached statement is checked out, so re-entrant use prepares a fresh one.
    var isCheckedOut = false

    /// Prepares exactly one statement; trailing statements are a misuse error.
    init(db: OpaquePointer, sql: String, persistent: Bool) throws {
        var statement: OpaquePointer?
        var trailingStatement: OpaquePointer?
        let flags = UInt32(persistent ? SQLITE_PREPARE_PERSISTENT : 0)
        let result = sql.withCString { text -> Int32 in
            var tail: UnsafePointer<CChar>?
            let code = sqlite3_prepare_v3(db, text, -1, flags, &statement, &tail)
            if code == SQLITE_OK, let tail, tail.pointee != 0 {
                // Whitespace and comments prepare to no statement; anything else is a second one.
                _ = sqlite3_prepare_v3(db, tail, -1, 0, &trailingStatement, nil)
            }
            return code
        }
        guard result == SQLITE_OK else {
            sqlite3_finalize(statement)
            throw SQLiteError.from(result, db: db, sql: sql)
        }
        if trailingStatement != nil {
            sqlite3_finalize(trailingStatement)
            sqlite3_finalize(statement)
            throw SQLiteError.misuse("more than one statement; use executeScript for scripts", sql: sql)
        }
        guard let statement else {
            throw SQLiteError.misuse("empty statement", sql: sql)
        }
        self.handle = statement
        self.sql = sql
    }

    deinit {
        sqlite3_finalize(handle)
    }

    private var db: OpaquePointer? { sqlite3_db_handle(handle) }

    /// The number of parameters (the largest parameter index).
    public var parameterCount: Int { Int(sqlite3_bind_parameter_count(handle)) }

    /// The number of result columns (0 for statements that return no data).
    public var columnCount: Int { Int(sqlite3_column_count(handle)) }

    /// True when the statement does not write to the database.
    public var isReadOnly: Bool { sqlite3_stmt_readonly(handle) != 0 }

    /// Binds `value` to the parameter at `index` (1-based, as in SQLite).
    public func bind(_ value: SQLiteValue, at index: Int) throws {
        guard index >= 1, index <= parameterCount else {
            throw SQLiteError.misuse("parameter index \(index) out of range 1...\(parameterCount)", sql: sql)
        }
        let position = Int32(index)
        let result: Int32
        switch value {
        case .null:
            result = sqlite3_bind_null(handle, position)
        case .integer(let integer):
            result = sqlite3_bind_int64(handle, position, integer)
        case .real(let real):
            result = sqlite3_bind_double(handle, position, real)
        case .text(let text):
            result = bindText(text, at: position)
        case .blob(let bytes):
            result = bytes.withUnsafeBytes { buffer -> Int32 in
                // A nil pointer would bind NULL, so an empty blob is bound as a zero-length blob.
                guard let base = buffer.baseAddress, !buffer.isEmpty else {
                    return sqlite3_bind_zeroblob(handle, position, 0)
                }
                return sqlite3_bind_blob64(handle, position, base, sqlite3_uint64(buffer.count), csqlite_transient())
            }
        }
        guard result == SQLITE_OK else { throw SQLiteError.from(result, db: db, sql: sql) }
    }

    private func bindText(_ text: String, at position: Int32) -> Int32 {
        var text = text
        return text.withUTF8 { buffer -> Int32 in
            // Explicit byte length: embedded NULs survive. A nil pointer would bind NULL.
            guard let base = buffer.baseAddress, !buffer.isEmpty else {
                return sqlite3_bind_text(handle, position, "", 0, csqlite_transient())
            }
            return base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars in
                sqlite3_bind_text64(
                    handle, position, chars, sqlite3_uint64(buffer.count), csqlite_transient(), UInt8(SQLITE_UTF8))
            }
        }
    }

    /// Binds `bindings` to parameters 1...n; the count must match `parameterCount`.
    public func bind(_ bindings: SQLiteBindings) throws {
        guard bindings.count == parameterCount else {
            throw SQLiteError.misuse("\(bindings.count) bindings for \(parameterCount) parameters", sql: sql)
        }
        for (offset, binding) in bindings.enumerated() {
            try bind(binding?.sqliteValue ?? .null, at: offset + 1)
        }
    }

    /// Binds named parameters; a key may omit its `:`, `@` or `$` prefix. Unknown names throw.
    public func bind(named bindings: SQLiteNamedBindings) throws {
        for (name, binding) in bindings {
            try bind(binding?.sqliteValue ?? .null, at: try parameterIndex(of: name))
        }
    }

    /// The 1-based index of the named parameter `name` (with or without its prefix).
    public func parameterIndex(of name: String) throws -> Int {
        let candidates = name.first.map { ":@$".contains($0) } == true ? [name] : [":" + name, "@" + name, "$" + name]
        for candidate in candidates {
            let index = sqlite3_bind_parameter_index(handle, candidate)
            if index > 0 { return Int(index) }
        }
        throw SQLiteError.misuse("no parameter named \(name)", sql: sql)
    }

    /// Advances to the next row: true when a row is available (read it through `row`),
    /// false when the statement has finished.
    @discardableResult
    public func step() throws -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let code: throw SQLiteError.from(code, db: db, sql: sql)
        }
    }

    /// The current row; valid until the next `step()` or `reset()`.
    public var row: Row { Row(statement: self) }

    /// Rewinds the statement so it can run again; bindings are kept.
    public func reset() {
        // The step error (if any) was already reported by step(); the return value repeats it.
        sqlite3_reset(handle)
    }

    /// Sets every parameter back to NULL.
    public func clearBindings() {
        sqlite3_clear_bindings(handle)
    }
}
