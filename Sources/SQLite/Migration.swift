/// One versioned schema change.
///
/// Versions start at 1 and increase by one; a released migration is never edited, only
/// followed by a new one. Each runs in its own immediate transaction with foreign keys
/// enforced (`PRAGMA foreign_keys` cannot change inside a transaction), so a migration that
/// rebuilds a table must keep every reference valid.
public struct Migration: Sendable {
    /// The schema version this migration produces.
    public let version: Int
    /// A short human-readable name, recorded in `schema_version`.
    public let name: String
    let apply: @Sendable (Connection) throws -> Void

    /// A migration that runs an SQL script.
    public init(version: Int, name: String, sql: String) {
        self.init(version: version, name: name) { connection in
            try connection.executeScript(sql)
        }
    }

    /// A migration that runs arbitrary code on the connection (inside its transaction).
    public init(version: Int, name: String, apply: @escaping @Sendable (Connection) throws -> Void) {
        self.version = version
        self.name = name
        self.apply = apply
    }
}
