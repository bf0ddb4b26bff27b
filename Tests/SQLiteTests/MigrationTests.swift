import Testing

@testable import SQLite

@Suite struct MigrationTests {
    private let migrations = [
        Migration(version: 1, name: "create a", sql: "CREATE TABLE a (x INTEGER); CREATE INDEX a_x ON a (x);"),
        Migration(version: 2, name: "seed a") { conn in
            try conn.execute("INSERT INTO a (x) VALUES (?)", [42])
        },
    ]

    private func recorded(_ db: Connection) throws -> [String] {
        try db.query("SELECT version, name, applied_at FROM schema_version ORDER BY version") { row in
            #expect(try row.int64(2) > 1_600_000_000_000)  // milliseconds since the epoch
            return "\(try row.int(0)):\(try row.string(1))"
        }
    }

    @Test func appliesInOrderAndRecords() throws {
        let db = try Connection.inMemory()
        let migrator = try Migrator(migrations: migrations)
        #expect(try Migrator.currentVersion(of: db) == 0)
        #expect(try migrator.migrate(db) == [1, 2])
        #expect(try Migrator.currentVersion(of: db) == 2)
        #expect(try recorded(db) == ["1:create a", "2:seed a"])
        #expect(try db.queryFirst("SELECT x FROM a") { try $0.int(0) } == 42)
        try migrator.verifyCurrent(db)
    }

    @Test func idempotentAcrossReopen() throws {
        let file = try TemporaryDatabase()
        do {
            let db = try Connection(path: file.path)
            #expect(try Migrator(migrations: Array(migrations.prefix(1))).migrate(db) == [1])
        }
        let db = try Connection(path: file.path)
        let migrator = try Migrator(migrations: migrations)
        #expect(try migrator.migrate(db) == [2])
        #expect(try migrator.migrate(db) == [])
        #expect(try db.queryFirst("SELECT count(*) FROM a") { try $0.int(0) } == 1)
        #expect(try recorded(db) == ["1:create a", "2:seed a"])
    }

    @Test func refusesADatabaseFromNewerCode() throws {
        let db = try Connection.inMemory()
        try Migrator(migrations: migrations).migrate(db)
        let older = try Migrator(migrations: Array(migrations.prefix(1)))
        #expect(throws: MigrationError.databaseNewerThanCode(databaseVersion: 2, latestKnownVersion: 1)) {
            try older.migrate(db)
        }
        #expect(throws: MigrationError.self) { try older.verifyCurrent(db) }
        let error = MigrationError.databaseNewerThanCode(databaseVersion: 2, latestKnownVersion: 1)
        #expect(error.description.contains("newer"))
    }

    @Test func verifyCurrentRefusesAnOlderDatabase() throws {
        let db = try Connection.inMemory()
        try Migrator(migrations: Array(migrations.prefix(1))).migrate(db)
        #expect(throws: MigrationError.databaseOlderThanCode(databaseVersion: 1, latestKnownVersion: 2)) {
            try Migrator(migrations: migrations).verifyCurrent(db)
        }
    }

    @Test func failedMigrationRollsBackAndStops() throws {
        let db = try Connection.inMemory()
        let broken =
            migrations + [
                Migration(
                    version: 3, name: "broken", sql: "CREATE TABLE b (x INTEGER); INSERT INTO nowhere VALUES (1);"),
                Migration(version: 4, name: "never", sql: "CREATE TABLE c (x INTEGER);"),
            ]
        #expect(throws: SQLiteError.self) { try Migrator(migrations: broken).migrate(db) }
        #expect(try Migrator.currentVersion(of: db) == 2)
        let tables = try db.query("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name") {
            try $0.string(0)
        }
        #expect(tables == ["a", "schema_version"])
    }

    @Test func foreignKeyViolationsFailTheMigration() throws {
        let db = try Connection.inMemory()
        let list = [
            Migration(version: 1, name: "tables", sql: "CREATE TABLE p (id INTEGER PRIMARY KEY);"),
            Migration(version: 2, name: "orphan") { conn in
                try conn.execute("PRAGMA defer_foreign_keys = ON")
                try conn.execute("CREATE TABLE c (p INTEGER REFERENCES p (id))")
                try conn.execute("INSERT INTO c VALUES (9)")
            },
        ]
        #expect(throws: (any Error).self) { try Migrator(migrations: list).migrate(db) }
        #expect(try Migrator.currentVersion(of: db) == 1)
    }

    @Test func rejectsMalformedLists() {
        #expect(throws: MigrationError.self) {
            try Migrator(migrations: [Migration(version: 2, name: "gap", sql: "SELECT 1")])
        }
        #expect(throws: MigrationError.self) {
            try Migrator(migrations: [migrations[1], migrations[0]])
        }
    }
}
