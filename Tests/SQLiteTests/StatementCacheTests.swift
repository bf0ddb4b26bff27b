import Testing

@testable import SQLite

@Suite struct StatementCacheTests {
    @Test func sameSQLReusesOneStatement() throws {
        let db = try Connection.inMemory()
        try db.execute("CREATE TABLE t (x INTEGER)")
        let before = db.cachedStatementCount
        let sql = "INSERT INTO t (x) VALUES (?)"
        try db.execute(sql, [1])
        let first = try #require(db.statementCache.cached(sql))
        for x in 2...50 { try db.execute(sql, [x]) }
        #expect(db.statementCache.cached(sql) === first)
        #expect(db.cachedStatementCount == before + 1)
        #expect(try db.queryFirst("SELECT count(*) FROM t") { try $0.int(0) } == 50)
    }

    @Test func bindingsDoNotLeakBetweenUses() throws {
        let db = try Connection.inMemory()
        #expect(try db.query("SELECT :v", named: ["v": "a"]) { try $0.string(0) } == ["a"])
        // Bindings are cleared on check-in: a later use that omits :v reads NULL, not "a".
        #expect(try db.query("SELECT :v", named: [:]) { $0.isNull(0) } == [true])
    }

    @Test func reentrantUseOfTheSameSQLWorks() throws {
        let db = try Connection.inMemory()
        try db.execute("CREATE TABLE t (x INTEGER)")
        for x in 1...3 { try db.execute("INSERT INTO t (x) VALUES (?)", [x]) }
        let sql = "SELECT x FROM t WHERE x >= ? ORDER BY x"
        let pairs = try db.query(sql, [1]) { row -> [Int] in
            let x = try row.int(0)
            return try db.query(sql, [x]) { try $0.int(0) }
        }
        #expect(pairs == [[1, 2, 3], [2, 3], [3]])
    }

    @Test func capacityBoundsTheCache() throws {
        let db = try Connection.inMemory(options: .init(statementCacheCapacity: 4))
        for n in 0..<20 { _ = try db.queryFirst("SELECT \(n)") { try $0.int(0) } }
        #expect(db.cachedStatementCount <= 4)
        let uncached = try Connection.inMemory(options: .init(statementCacheCapacity: 0))
        #expect(try uncached.queryFirst("SELECT 1") { try $0.int(0) } == 1)
        #expect(uncached.cachedStatementCount == 0)
    }

    @Test func oneStatementAtATime() throws {
        let db = try Connection.inMemory()
        let error = try #require(throws: SQLiteError.self) { try db.execute("SELECT 1; SELECT 2") }
        #expect(error.code == 21)
        try db.execute("SELECT 1; -- a trailing comment is fine")
        #expect(throws: SQLiteError.self) { try db.execute("  -- nothing") }
    }
}
