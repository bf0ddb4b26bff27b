import CSQLite

/// An error reported by SQLite, or by this wrapper when it detects misuse or a type mismatch.
///
/// `description` includes the SQL text and SQLite's message so that server logs are useful.
/// **Neither may reach a client**: callers map `SQLiteError` to their own errors (for example
/// a unique violation to `ALREADY_EXISTS`, anything unexpected to an opaque `INTERNAL`).
public struct SQLiteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The primary result code (`SQLITE_CONSTRAINT`, `SQLITE_BUSY`, ...): the low 8 bits.
    public let code: Int32
    /// The extended result code (`SQLITE_CONSTRAINT_UNIQUE`, ...); equals `code` when SQLite gave none.
    public let extendedCode: Int32
    /// SQLite's (or the wrapper's) message. For logs only.
    public let message: String
    /// The statement that failed, if any. For logs only.
    public let sql: String?

    /// Creates an error from an extended result code; the primary code is derived from it.
    public init(extendedCode: Int32, message: String, sql: String? = nil) {
        self.code = extendedCode & 0xFF
        self.extendedCode = extendedCode
        self.message = message
        self.sql = sql
    }

    /// Any constraint failure: UNIQUE, PRIMARY KEY, FOREIGN KEY, CHECK, NOT NULL, ...
    public var isConstraintViolation: Bool { code == SQLITE_CONSTRAINT }

    /// A UNIQUE or PRIMARY KEY constraint failed.
    public var isUniqueViolation: Bool {
        extendedCode == ExtendedCode.constraintUnique || extendedCode == ExtendedCode.constraintPrimaryKey
    }

    /// A FOREIGN KEY constraint failed (an orphan row, or a parent deleted while referenced).
    public var isForeignKeyViolation: Bool { extendedCode == ExtendedCode.constraintForeignKey }

    /// A CHECK constraint failed.
    public var isCheckViolation: Bool { extendedCode == ExtendedCode.constraintCheck }

    /// A NOT NULL constraint failed.
    public var isNotNullViolation: Bool { extendedCode == ExtendedCode.constraintNotNull }

    /// The database (or a table) was locked by another connection beyond the busy timeout.
    public var isBusy: Bool { code == SQLITE_BUSY || code == SQLITE_LOCKED }

    public var description: String {
        var text = "SQLite error \(code) (extended \(extendedCode)): \(message)"
        if let sql { text += " [SQL: \(sql)]" }
        return text
    }

    /// A wrapper-detected misuse (`SQLITE_MISUSE`).
    static func misuse(_ message: String, sql: String? = nil) -> SQLiteError {
        SQLiteError(extendedCode: SQLITE_MISUSE, message: message, sql: sql)
    }

    /// A wrapper-detected column type mismatch (`SQLITE_MISMATCH`).
    static func mismatch(_ message: String, sql: String? = nil) -> SQLiteError {
        SQLiteError(extendedCode: SQLITE_MISMATCH, message: message, sql: sql)
    }

    /// The error for `resultCode` on `db`, with SQLite's current message.
    static func from(_ resultCode: Int32, db: OpaquePointer?, sql: String? = nil) -> SQLiteError {
        let message: String
        if let db, let cMessage = sqlite3_errmsg(db) {
            message = String(cString: cMessage)
        } else {
            message = String(cString: sqlite3_errstr(resultCode))
        }
        var extended = resultCode
        if let db, resultCode & 0xFF == sqlite3_errcode(db) & 0xFF {
            extended = sqlite3_extended_errcode(db)
        }
        return SQLiteError(extendedCode: extended, message: message, sql: sql)
    }
}

/// Extended result codes whose C definitions are expressions and so do not reach Swift.
enum ExtendedCode {
    static let constraintCheck = SQLITE_CONSTRAINT | (1 << 8)
    static let constraintForeignKey = SQLITE_CONSTRAINT | (3 << 8)
    static let constraintNotNull = SQLITE_CONSTRAINT | (5 << 8)
    static let constraintPrimaryKey = SQLITE_CONSTRAINT | (6 << 8)
    static let constraintUnique = SQLITE_CONSTRAINT | (8 << 8)
}
