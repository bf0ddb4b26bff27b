/// Why migrations could not run. (SQL failures inside a migration surface as `SQLiteError`.)
public enum MigrationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The database was written by newer code than this: refusing to run against it.
    case databaseNewerThanCode(databaseVersion: Int, latestKnownVersion: Int)
    /// The database has not been migrated to this build's version yet (a reader opened
    /// before the writer ran the migrations).
    case databaseOlderThanCode(databaseVersion: Int, latestKnownVersion: Int)
    /// The migration list is malformed (versions not 1, 2, 3, ... in order).
    case invalidMigrationList(String)
    /// A migration left rows that violate foreign keys.
    case foreignKeyViolations(version: Int, count: Int)

    public var description: String {
        switch self {
        case .databaseNewerThanCode(let databaseVersion, let latestKnownVersion):
            return "database schema version \(databaseVersion) is newer than this build knows "
                + "(\(latestKnownVersion)); run a newer build or restore a matching database"
        case .databaseOlderThanCode(let databaseVersion, let latestKnownVersion):
            return "database schema version \(databaseVersion) is older than this build's "
                + "(\(latestKnownVersion)); open it read-write first so migrations run"
        case .invalidMigrationList(let reason):
            return "invalid migration list: \(reason)"
        case .foreignKeyViolations(let version, let count):
            return "migration \(version) left \(count) foreign key violation(s)"
        }
    }
}
