import Testing

@testable import SQLite

@Suite struct ErrorTests {
    let db: Connection

    init() throws {
        db = try Connection.inMemory()
        try db.executeScript(
            """
            CREATE TABLE parent (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
            CREATE TABLE child (id INTEGER PRIMARY KEY,
                parent_id INTEGER NOT NULL REFERENCES parent (id),
                n INTEGER CHECK (n > 0));
            INSERT INTO parent (id, name) VALUES (1, 'a');
            """)
    }

    @Test func uniqueViolation() throws {
        let sql = "INSERT INTO parent (id, name) VALUES (2, ?)"
        let error = try #require(throws: SQLiteError.self) { try db.execute(sql, ["a"]) }
        #expect(error.code == 19)  // SQLITE_CONSTRAINT
        #expect(error.extendedCode == 2067)  // SQLITE_CONSTRAINT_UNIQUE
        #expect(error.isConstraintViolation && error.isUniqueViolation)
        #expect(!error.isForeignKeyViolation && !error.isBusy)
        #expect(error.sql == sql)
        #expect(error.description.contains(sql))
        let primaryKey = try #require(throws: SQLiteError.self) {
            try db.execute("INSERT INTO parent (id, name) VALUES (1, 'b')")
        }
        #expect(primaryKey.isUniqueViolation)
    }

    @Test func foreignKeyViolation() throws {
        let error = try #require(throws: SQLiteError.self) {
            try db.execute("INSERT INTO child (parent_id, n) VALUES (99, 1)")
        }
        #expect(error.isForeignKeyViolation && error.isConstraintViolation && !error.isUniqueViolation)
    }

    @Test func checkAndNotNullViolations() throws {
        let check = try #require(throws: SQLiteError.self) {
            try db.execute("INSERT INTO child (parent_id, n) VALUES (1, 0)")
        }
        #expect(check.isCheckViolation)
        let notNull = try #require(throws: SQLiteError.self) {
            try db.execute("INSERT INTO parent (id, name) VALUES (3, NULL)")
        }
        #expect(notNull.isNotNullViolation)
    }

    @Test func syntaxErrorCarriesMessageAndSQL() throws {
        let error = try #require(throws: SQLiteError.self) { try db.execute("SELEKT 1") }
        #expect(error.code == 1)  // SQLITE_ERROR
        #expect(error.message.contains("syntax error"))
        #expect(error.sql == "SELEKT 1")
        // Double-quoted strings are identifiers only.
        #expect(throws: SQLiteError.self) { try db.execute("SELECT \"no such column\" FROM parent") }
    }

    @Test func scriptErrorsCarryCodes() throws {
        let error = try #require(throws: SQLiteError.self) {
            try db.executeScript(
                "INSERT INTO parent (id, name) VALUES (5, 'x'); INSERT INTO parent (id, name) VALUES (6, 'x')")
        }
        #expect(error.isUniqueViolation)
    }

    @Test func busyWhenAnotherConnectionHoldsTheWriteLock() throws {
        let file = try TemporaryDatabase()
        let first = try Connection(path: file.path)
        let second = try Connection(path: file.path, options: .init(busyTimeoutMilliseconds: 0))
        try first.execute("CREATE TABLE t (x INTEGER)")
        try first.executeScript("BEGIN IMMEDIATE")
        let error = try #require(throws: SQLiteError.self) { try second.execute("INSERT INTO t VALUES (1)") }
        #expect(error.isBusy)
        try first.executeScript("COMMIT")
        try second.execute("INSERT INTO t VALUES (1)")
    }

    @Test func interruptStopsAQuery() throws {
        db.interrupt()
        // The flag resets once no statement is running, so this may or may not be hit;
        // either outcome is fine, it must simply not crash or wedge the connection.
        _ = try? db.queryFirst("SELECT count(*) FROM parent") { try $0.int(0) }
        #expect(try db.queryFirst("SELECT 1") { try $0.int(0) } == 1)
    }
}
