import Testing

@testable import SQLite

private struct Boom: Error {}

@Suite struct TransactionTests {
    let db: Connection

    init() throws {
        db = try Connection.inMemory()
        try db.execute("CREATE TABLE t (x INTEGER PRIMARY KEY)")
    }

    private func values() throws -> [Int] {
        try db.query("SELECT x FROM t ORDER BY x") { try $0.int(0) }
    }

    @Test func commitsOnReturn() throws {
        let result = try db.transaction(.immediate) { conn -> Int in
            #expect(conn.isInTransaction)
            try conn.execute("INSERT INTO t VALUES (1)")
            return conn.changes
        }
        #expect(result == 1)
        #expect(!db.isInTransaction)
        #expect(try values() == [1])
    }

    @Test func rollsBackOnThrow() throws {
        #expect(throws: Boom.self) {
            try db.transaction { conn in
                try conn.execute("INSERT INTO t VALUES (1)")
                throw Boom()
            }
        }
        #expect(!db.isInTransaction)
        #expect(try values() == [])
    }

    @Test func rollsBackOnSQLError() throws {
        try db.execute("INSERT INTO t VALUES (1)")
        let error = try #require(throws: SQLiteError.self) {
            try db.transaction(.immediate) { conn in
                try conn.execute("INSERT INTO t VALUES (2)")
                try conn.execute("INSERT INTO t VALUES (1)")
            }
        }
        #expect(error.isUniqueViolation)
        #expect(try values() == [1])
    }

    @Test func nestedTransactionsUseSavepoints() throws {
        try db.transaction(.immediate) { conn in
            try conn.execute("INSERT INTO t VALUES (1)")
            #expect(throws: Boom.self) {
                try conn.transaction { inner in
                    try inner.execute("INSERT INTO t VALUES (2)")
                    try inner.savepoint { innermost in try innermost.execute("INSERT INTO t VALUES (3)") }
                    throw Boom()
                }
            }
            try conn.transaction { inner in try inner.execute("INSERT INTO t VALUES (4)") }
            #expect(conn.isInTransaction)
        }
        #expect(try values() == [1, 4])
    }

    @Test func innerFailureThenOuterFailureUndoesEverything() throws {
        #expect(throws: Boom.self) {
            try db.transaction { conn in
                try conn.execute("INSERT INTO t VALUES (1)")
                try conn.savepoint { inner in try inner.execute("INSERT INTO t VALUES (2)") }
                throw Boom()
            }
        }
        #expect(try values() == [])
    }

    @Test func savepointOutsideATransactionCommits() throws {
        try db.savepoint { conn in try conn.execute("INSERT INTO t VALUES (7)") }
        #expect(!db.isInTransaction)
        #expect(try values() == [7])
        #expect(throws: Boom.self) {
            try db.savepoint { conn in
                try conn.execute("INSERT INTO t VALUES (8)")
                throw Boom()
            }
        }
        #expect(!db.isInTransaction)
        #expect(try values() == [7])
    }

    @Test func committedWorkIsVisibleToAnotherConnection() throws {
        let file = try TemporaryDatabase()
        let writer = try Connection(path: file.path)
        try writer.execute("CREATE TABLE t (x INTEGER)")
        let reader = try Connection(path: file.path, options: .readOnly)
        try writer.transaction(.immediate) { conn in
            try conn.execute("INSERT INTO t VALUES (1)")
            // WAL: the reader does not see uncommitted work and is not blocked.
            #expect(try reader.queryFirst("SELECT count(*) FROM t") { try $0.int(0) } == 0)
        }
        #expect(try reader.queryFirst("SELECT count(*) FROM t") { try $0.int(0) } == 1)
    }
}
