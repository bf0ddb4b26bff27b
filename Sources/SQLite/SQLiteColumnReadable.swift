import CSQLite

/// A Swift type that can be read from a result column with `Row.get(_:as:)`.
///
/// Conformances: `Int`, `Int64`, `Int32`, `Double`, `Bool`, `String`, `[UInt8]`,
/// `SQLiteValue`, and `Optional` of any of them (NULL reads as nil).
public protocol SQLiteColumnReadable {
    /// Reads column `index` of `row`; throws `SQLiteError` (`SQLITE_MISMATCH`) on a wrong type.
    static func read(from row: Row, at index: Int) throws -> Self
}

extension Int64: SQLiteColumnReadable {
    @inlinable
    public static func read(from row: Row, at index: Int) throws -> Int64 {
        guard row.type(ofColumn: index) == SQLITE_INTEGER else { throw row.mismatch(index, expected: "INTEGER") }
        return row.integer(index)
    }
}

extension Int: SQLiteColumnReadable {
    @inlinable
    public static func read(from row: Row, at index: Int) throws -> Int {
        guard let value = Int(exactly: try Int64.read(from: row, at: index)) else {
            throw row.mismatch(index, expected: "an Int-sized INTEGER")
        }
        return value
    }
}

extension Int32: SQLiteColumnReadable {
    @inlinable
    public static func read(from row: Row, at index: Int) throws -> Int32 {
        guard let value = Int32(exactly: try Int64.read(from: row, at: index)) else {
            throw row.mismatch(index, expected: "an Int32-sized INTEGER")
        }
        return value
    }
}

extension Bool: SQLiteColumnReadable {
    @inlinable
    public static func read(from row: Row, at index: Int) throws -> Bool {
        switch try Int64.read(from: row, at: index) {
        case 0: return false
        case 1: return true
        default: throw row.mismatch(index, expected: "0 or 1")
        }
    }
}

extension Double: SQLiteColumnReadable {
    @inlinable
    public static func read(from row: Row, at index: Int) throws -> Double {
        switch row.type(ofColumn: index) {
        case SQLITE_FLOAT, SQLITE_INTEGER: return row.real(index)
        default: throw row.mismatch(index, expected: "REAL")
        }
    }
}

extension String: SQLiteColumnReadable {
    @inlinable
    public static func read(from row: Row, at index: Int) throws -> String {
        guard row.type(ofColumn: index) == SQLITE_TEXT else { throw row.mismatch(index, expected: "TEXT") }
        return row.text(index)
    }
}

extension Array: SQLiteColumnReadable where Element == UInt8 {
    @inlinable
    public static func read(from row: Row, at index: Int) throws -> [UInt8] {
        guard row.type(ofColumn: index) == SQLITE_BLOB else { throw row.mismatch(index, expected: "BLOB") }
        return row.bytes(index)
    }
}

extension SQLiteValue: SQLiteColumnReadable {
    @inlinable
    public static func read(from row: Row, at index: Int) throws -> SQLiteValue {
        try row.value(index)
    }
}

extension Optional: SQLiteColumnReadable where Wrapped: SQLiteColumnReadable {
    @inlinable
    public static func read(from row: Row, at index: Int) throws -> Wrapped? {
        row.isNull(index) ? nil : try Wrapped.read(from: row, at: index)
    }
}
