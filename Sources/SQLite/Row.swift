import CSQLite

/// The current result row of a statement, read by 0-based column index.
///
/// Valid only while the statement sits on this row: inside the decoding closure of
/// `Connection.query` (or until the next `Statement.step()`). Do not keep it.
///
/// Typed readers are strict: reading NULL into a non-optional type, or TEXT as an integer,
/// throws an `SQLiteError` with code `SQLITE_MISMATCH` instead of SQLite's silent coercion.
/// Read nullable columns as optionals: `try row.get(2, as: String?.self)`.
public struct Row {
    @usableFromInline let statement: Statement

    /// The number of columns in the row.
    @inlinable
    public var columnCount: Int { statement.columnCount }

    /// The name of column `index` (its `AS` alias when there is one).
    public func columnName(_ index: Int) -> String {
        guard isValid(index), let name = sqlite3_column_name(statement.handle, Int32(index)) else { return "" }
        return String(cString: name)
    }

    /// True when column `index` holds NULL.
    @inlinable
    public func isNull(_ index: Int) -> Bool {
        type(ofColumn: index) == SQLITE_NULL
    }

    /// The raw value of column `index`, whatever its type.
    public func value(_ index: Int) throws -> SQLiteValue {
        try checkIndex(index)
        switch type(ofColumn: index) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(statement.handle, Int32(index)))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(statement.handle, Int32(index)))
        case SQLITE_TEXT: return .text(text(index))
        case SQLITE_BLOB: return .blob(bytes(index))
        default: return .null
        }
    }

    /// Column `index` decoded as `T` (an optional `T` reads NULL as nil).
    @inlinable
    public func get<T: SQLiteColumnReadable>(_ index: Int, as type: T.Type = T.self) throws -> T {
        try checkIndex(index)
        return try T.read(from: self, at: index)
    }

    /// Column `index` as an `Int`.
    @inlinable
    public func int(_ index: Int) throws -> Int { try get(index) }
    /// Column `index` as an `Int64`.
    @inlinable
    public func int64(_ index: Int) throws -> Int64 { try get(index) }
    /// Column `index` as a `Double` (an INTEGER column converts).
    @inlinable
    public func double(_ index: Int) throws -> Double { try get(index) }
    /// Column `index` as a `Bool` (the column must hold 0 or 1).
    @inlinable
    public func bool(_ index: Int) throws -> Bool { try get(index) }
    /// Column `index` as a `String`.
    @inlinable
    public func string(_ index: Int) throws -> String { try get(index) }
    /// Column `index` as bytes.
    @inlinable
    public func blob(_ index: Int) throws -> [UInt8] { try get(index) }

    // MARK: - Raw access for SQLiteColumnReadable conformances

    /// The SQLite storage class of column `index` (`SQLITE_INTEGER`, ..., `SQLITE_NULL`).
    @usableFromInline
    func type(ofColumn index: Int) -> Int32 {
        guard isValid(index) else { return SQLITE_NULL }
        return sqlite3_column_type(statement.handle, Int32(index))
    }

    @usableFromInline
    func integer(_ index: Int) -> Int64 { sqlite3_column_int64(statement.handle, Int32(index)) }

    @usableFromInline
    func real(_ index: Int) -> Double { sqlite3_column_double(statement.handle, Int32(index)) }

    @usableFromInline
    func text(_ index: Int) -> String {
        // Text first, then its byte length (the documented order); explicit length keeps NULs.
        guard let pointer = sqlite3_column_text(statement.handle, Int32(index)) else { return "" }
        let count = Int(sqlite3_column_bytes(statement.handle, Int32(index)))
        return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
    }

    @usableFromInline
    func bytes(_ index: Int) -> [UInt8] {
        guard let pointer = sqlite3_column_blob(statement.handle, Int32(index)) else { return [] }
        let count = Int(sqlite3_column_bytes(statement.handle, Int32(index)))
        return Array(UnsafeRawBufferPointer(start: pointer, count: count))
    }

    /// A mismatch error naming the column and what was expected.
    @usableFromInline
    func mismatch(_ index: Int, expected: String) -> SQLiteError {
        let found: String
        switch type(ofColumn: index) {
        case SQLITE_INTEGER: found = "INTEGER"
        case SQLITE_FLOAT: found = "REAL"
        case SQLITE_TEXT: found = "TEXT"
        case SQLITE_BLOB: found = "BLOB"
        default: found = "NULL"
        }
        return .mismatch(
            "column \(index) (\(columnName(index))) is \(found), expected \(expected)", sql: statement.sql)
    }

    @usableFromInline
    func isValid(_ index: Int) -> Bool {
        index >= 0 && index < columnCount
    }

    @usableFromInline
    func checkIndex(_ index: Int) throws {
        guard isValid(index) else {
            throw SQLiteError.misuse("column index \(index) out of range 0..<\(columnCount)", sql: statement.sql)
        }
    }
}
