/// Applies a versioned list of migrations to a database and records them in
/// `schema_version (version, name, applied_at)`; `applied_at` is milliseconds since the
/// Unix epoch.
public struct Migrator: Sendable {
    /// The migrations, in version order.
    public let migrations: [Migration]

    /// Validates that versions run 1, 2, 3, ... in order.
    public init(migrations: [Migration]) throws {
        for (offset, migration) in migrations.enumerated() where migration.version != offset + 1 {
            throw MigrationError.invalidMigrationList(
                "migration \"\(migration.name)\" has version \(migration.version), expected \(offset + 1)")
        }
        self.migrations = migrations
    }

    /// The newest version this code knows (0 for an empty list).
    public var latestVersion: Int { migrations.last?.version ?? 0 }

    /// The version recorded in `connection`'s database (0 when none has been applied).
    public static func currentVersion(of connection: Connection) throws -> Int {
        let exists = try connection.queryFirst(
            "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_version'"
        ) { _ in true }
        guard exists == true else { return 0 }
        return try connection.queryFirst("SELECT coalesce(max(version), 0) FROM schema_version") {
            try $0.int(0)
        } ?? 0
    }

    /// Applies every pending migration in order, each in its own immediate transaction
    /// (re-checking the version inside it, so concurrent openers apply each one once).
    /// Returns the versions applied (empty when the database was current).
    /// Throws `MigrationError.databaseNewerThanCode` for a database from newer code.
    @discardableResult
    public func migrate(_ connection: Connection) throws -> [Int] {
        try connection.executeScript(
            """
            CREATE TABLE IF NOT EXISTS schema_version (
                version INTEGER PRIMARY KEY NOT NULL CHECK (version >= 1),
                name TEXT NOT NULL,
                applied_at INTEGER NOT NULL
            ) STRICT
            """)
        try checkNotNewer(try Self.currentVersion(of: connection))
        var applied: [Int] = []
        for migration in migrations {
            let didApply = try connection.transaction(.immediate) { connection -> Bool in
                let current = try Self.currentVersion(of: connection)
                try checkNotNewer(current)
                guard migration.version > current else { return false }
                try migration.apply(connection)
                let violations = try connection.query("PRAGMA foreign_key_check") { _ in () }.count
                guard violations == 0 else {
                    throw MigrationError.foreignKeyViolations(version: migration.version, count: violations)
                }
                try connection.execute(
                    """
                    INSERT INTO schema_version (version, name, applied_at)
                    VALUES (?, ?, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER))
                    """,
                    [migration.version, migration.name])
                return true
            }
            if didApply { applied.append(migration.version) }
        }
        return applied
    }

    /// Throws unless `connection`'s database is exactly at `latestVersion` (for read-only
    /// connections, which cannot migrate).
    public func verifyCurrent(_ connection: Connection) throws {
        let version = try Self.currentVersion(of: connection)
        try checkNotNewer(version)
        guard version == latestVersion else {
            throw MigrationError.databaseOlderThanCode(databaseVersion: version, latestKnownVersion: latestVersion)
        }
    }

    private func checkNotNewer(_ databaseVersion: Int) throws {
        guard databaseVersion <= latestVersion else {
            throw MigrationError.databaseNewerThanCode(
                databaseVersion: databaseVersion, latestKnownVersion: latestVersion)
        }
    }
}
