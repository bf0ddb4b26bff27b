import Testing

@testable import SQLite

@Suite struct ConnectionTests {
    private func pragma(_ db: Connection, _ name: String) throws -> SQLiteValue? {
        try db.queryFirst("PRAGMA \(name)") { try $0.value(0) }
    }

    @Test func fileConnectionDefaults() throws {
        let file = try TemporaryDatabase()
        let db = try Connection(path: file.path)
        #expect(try pragma(db, "journal_mode") == .text("wal"))
        #expect(try pragma(db, "foreign_keys") == .integer(1))
        #expect(try pragma(db, "synchronous") == .integer(1))  // NORMAL
        #expect(try pragma(db, "busy_timeout") == .integer(5000))
        #expect(!db.isReadOnly && !db.isInTransaction)
    }

    @Test func synchronousFullAndOtherOptions() throws {
        let file = try TemporaryDatabase()
        let options = Connection.Options(synchronous: .full, foreignKeys: false, busyTimeoutMilliseconds: 250)
        let db = try Connection(path: file.path, options: options)
        #expect(try pragma(db, "synchronous") == .integer(2))  // FULL
        #expect(try pragma(db, "foreign_keys") == .integer(0))
        #expect(try pragma(db, "busy_timeout") == .integer(250))
    }

    @Test func readOnlyConnectionsCannotWrite() throws {
        let file = try TemporaryDatabase()
        let writer = try Connection(path: file.path)
        try writer.execute("CREATE TABLE t (x INTEGER)")
        let reader = try Connection(path: file.path, options: .readOnly)
        #expect(reader.isReadOnly)
        #expect(try pragma(reader, "journal_mode") == .text("wal"))
        let error = try #require(throws: SQLiteError.self) { try reader.execute("INSERT INTO t VALUES (1)") }
        #expect(error.code == 8)  // SQLITE_READONLY
    }

    @Test func openingAMissingFileWithoutCreateFails() throws {
        let file = try TemporaryDatabase()
        let error = try #require(throws: SQLiteError.self) {
            try Connection(path: file.path, options: .init(mode: .readWrite))
        }
        #expect(error.code == 14)  // SQLITE_CANTOPEN
    }

    @Test func changesAndLastInsertRowID() throws {
        let db = try Connection.inMemory()
        try db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, x INTEGER)")
        #expect(try db.execute("INSERT INTO t (x) VALUES (?), (?)", [1, 2]) == 2)
        #expect(db.lastInsertRowID == 2)
        #expect(try db.execute("UPDATE t SET x = x + 1") == 2)
        #expect(db.changes == 2)
        #expect(try db.execute("SELECT * FROM t") == 0)
        #expect(db.totalChanges == 4)
    }

    @Test func connectionsMoveBetweenTasks() async throws {
        let db = try Connection.inMemory()
        try db.execute("CREATE TABLE t (x INTEGER)")
        // One user at a time: the connection is handed to a task and used only there.
        let count = try await Task.detached {
            try db.execute("INSERT INTO t VALUES (1)")
            return try db.queryFirst("SELECT count(*) FROM t") { try $0.int(0) }
        }.value
        #expect(count == 1)
    }
}
