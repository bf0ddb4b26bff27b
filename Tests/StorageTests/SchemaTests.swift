import SQLite
import Testing

@testable import Storage

@Suite struct SchemaTests {
    /// The 12 tables of the data model: their listed columns, then the documented extras.
    static let seedTables: [String: (listed: Set<String>, extra: Set<String>)] = [
        "users": (
            [
                "id", "spotify_id", "display_name", "avatar_url", "email", "is_anonymous", "instagram_handle",
                "discord_handle", "radius_km", "created_at", "updated_at",
            ],
            ["display_name_edited"]
        ),
        "spotify_tokens": (
            ["user_id"], ["access_token", "refresh_token", "expires_at", "scope", "created_at", "updated_at"]
        ),
        "live_status": (["user_id", "is_live", "share_track", "allow_find", "radius_km", "last_active"], []),
        "current_tracks": (
            ["user_id", "track_id", "track_name", "artist", "album_art", "is_playing", "energy", "valence"],
            ["updated_at"]
        ),
        "location_snapshots": (["user_id", "geohash", "accuracy", "updated_at"], ["latitude", "longitude"]),
        "find_sessions": (
            ["id", "seeker_id", "target_id", "status", "started_at", "completed_at"],
            ["responded_at", "expires_at", "updated_at"]
        ),
        "notifications": (
            ["id", "user_id", "type", "title", "message", "from_user_id", "is_read", "metadata", "created_at"], []
        ),
        "time_capsules": (
            [
                "id", "creator_id", "geohash", "location_name", "track_id", "track_name", "artist", "album_art",
                "message", "mood", "visibility", "unlock_at", "expires_at", "discovery_count", "like_count",
                "is_active",
            ],
            ["latitude", "longitude", "discovery_radius_m", "max_discoveries", "created_at"]
        ),
        "capsule_discoveries": (["id", "capsule_id", "user_id", "liked", "discovered_at"], ["liked_at"]),
        "reactions": (["id", "sender_id", "receiver_id", "type", "created_at"], []),
        "listening_history": (
            ["id", "user_id", "track_id", "track_name", "artist", "album_art", "played_at", "created_at"], []
        ),
        "push_subscriptions": (
            ["id", "user_id", "endpoint", "p256dh", "auth", "user_agent", "created_at"], ["updated_at"]
        ),
    ]

    static let productTables: [String: Set<String>] = [
        "sessions": ["id", "user_id", "token_hash", "created_at", "expires_at", "revoked_at", "user_agent"],
        "oauth_states": ["state", "code_verifier", "redirect_uri", "created_at", "expires_at", "used_at"],
        "blocks": ["blocker_id", "blocked_id", "created_at"],
        "schema_version": ["version", "name", "applied_at"],
    ]

    private func columns(_ db: Connection, _ table: String) throws -> Set<String> {
        Set(try db.query("SELECT name FROM pragma_table_info(?)", [table]) { try $0.string(0) })
    }

    @Test func seedTablesHaveExactlyTheirColumns() throws {
        let db = try StorageDatabase.openInMemory()
        for (table, expected) in Self.seedTables {
            #expect(expected.listed.isDisjoint(with: expected.extra))
            #expect(try columns(db, table) == expected.listed.union(expected.extra), "table \(table)")
        }
    }

    @Test func exactlyTheExpectedTablesExist() throws {
        let db = try StorageDatabase.openInMemory()
        for (table, expected) in Self.productTables {
            #expect(try columns(db, table) == expected, "table \(table)")
        }
        let tables = try db.query(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        ) { try $0.string(0) }
        #expect(Set(tables) == Set(Self.seedTables.keys).union(Self.productTables.keys))
        #expect(tables.count == 16)
    }

    @Test func everyTableIsStrict() throws {
        let db = try StorageDatabase.openInMemory()
        let loose = try db.query(
            "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND strict = 0 "
                + "AND name NOT LIKE 'sqlite_%'"
        ) { try $0.string(0) }
        #expect(loose == [])
    }

    @Test func idsAreUUIDTextPrimaryKeys() throws {
        let db = try StorageDatabase.openInMemory()
        for table in Self.seedTables.keys {
            let primaryKey = try db.query(
                "SELECT name, type FROM pragma_table_info(?) WHERE pk > 0", [table]
            ) { "\(try $0.string(0)) \(try $0.string(1))" }
            let expected = Self.seedTables[table]!.listed.contains("id") ? "id TEXT" : "user_id TEXT"
            #expect(primaryKey == [expected], "table \(table)")
        }
        let fixtures = Fixtures(db: db)
        let error = try #require(throws: SQLiteError.self) {
            try db.execute(
                "INSERT INTO users (id, display_name, created_at, updated_at) VALUES ('not-a-uuid', 'x', 1, 1)")
        }
        #expect(error.isCheckViolation)
        _ = try fixtures.user()
    }

    @Test func defaults() throws {
        let db = try StorageDatabase.openInMemory()
        let fixtures = Fixtures(db: db)
        let user = try fixtures.user()
        #expect(try db.queryFirst("SELECT radius_km, is_anonymous FROM users") { try $0.double(0) } == 5)
        try db.execute("INSERT INTO live_status (user_id, last_active) VALUES (?, 1)", [user])
        let live = try db.queryFirst("SELECT radius_km, is_live, share_track, allow_find FROM live_status") {
            [try $0.double(0), Double(try $0.int(1)), Double(try $0.int(2)), Double(try $0.int(3))]
        }
        #expect(live == [5, 0, 1, 1])
    }

    @Test func walModeAndForeignKeysOnAFile() throws {
        let file = try TemporaryDatabase()
        let db = try StorageDatabase.open(path: file.path)
        #expect(try db.queryFirst("PRAGMA journal_mode") { try $0.string(0) } == "wal")
        #expect(try db.queryFirst("PRAGMA foreign_keys") { try $0.int(0) } == 1)
        #expect(try db.queryFirst("PRAGMA synchronous") { try $0.int(0) } == 1)
        let full = try StorageDatabase.open(path: file.path, options: .init(synchronous: .full))
        #expect(try full.queryFirst("PRAGMA synchronous") { try $0.int(0) } == 2)
    }

    @Test func migrationsAreIdempotentOnReopen() throws {
        let file = try TemporaryDatabase()
        do {
            let db = try StorageDatabase.open(path: file.path)
            try Fixtures(db: db).user(name: "Kept")
        }
        let db = try StorageDatabase.open(path: file.path)
        #expect(try Schema.migrator().migrate(db) == [])
        #expect(try Migrator.currentVersion(of: db) == Schema.migrations.count)
        #expect(try db.queryFirst("SELECT count(*) FROM schema_version") { try $0.int(0) } == Schema.migrations.count)
        #expect(try db.query("SELECT display_name FROM users") { try $0.string(0) } == ["Kept"])
    }

    @Test func tooNewSchemaIsRefused() throws {
        let file = try TemporaryDatabase()
        do {
            let db = try StorageDatabase.open(path: file.path)
            try db.execute(
                "INSERT INTO schema_version (version, name, applied_at) VALUES (?, 'from the future', 0)",
                [Schema.migrations.count + 1])
        }
        let expected = MigrationError.databaseNewerThanCode(
            databaseVersion: Schema.migrations.count + 1, latestKnownVersion: Schema.migrations.count)
        #expect(throws: expected) { try StorageDatabase.open(path: file.path) }
        #expect(throws: expected) { try StorageDatabase.openReader(path: file.path) }
    }

    @Test func readersOpenOnAMigratedFileOnly() throws {
        let file = try TemporaryDatabase()
        _ = try Connection(path: file.path)  // an empty database: not migrated yet
        #expect(throws: MigrationError.self) { try StorageDatabase.openReader(path: file.path) }
        let writer = try StorageDatabase.open(path: file.path)
        let reader = try StorageDatabase.openReader(path: file.path)
        try Fixtures(db: writer).user()
        #expect(reader.isReadOnly)
        #expect(try reader.queryFirst("SELECT count(*) FROM users") { try $0.int(0) } == 1)
    }

    @Test func everyForeignKeyIsIndexed() throws {
        let db = try StorageDatabase.openInMemory()
        let tables = try db.query("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'") {
            try $0.string(0)
        }
        for table in tables {
            let foreignKeys = try db.query("SELECT \"from\" FROM pragma_foreign_key_list(?)", [table]) {
                try $0.string(0)
            }
            let leadingColumns = try db.query(
                """
                SELECT info.name FROM pragma_index_list(?) AS list, pragma_index_info(list.name) AS info
                WHERE info.seqno = 0
                """,
                [table]
            ) { try $0.get(0, as: String?.self) }
            let primaryKeyLead = try db.query("SELECT name FROM pragma_table_info(?) WHERE pk = 1", [table]) {
                try $0.string(0)
            }
            for column in foreignKeys {
                #expect(
                    leadingColumns.contains(column) || primaryKeyLead.contains(column),
                    "\(table).\(column) has no index to cascade through")
            }
        }
    }

    @Test func lookupsUseIndexes() throws {
        let db = try StorageDatabase.openInMemory()
        let lookups = [
            "SELECT * FROM sessions WHERE token_hash = ?",
            "SELECT * FROM notifications WHERE user_id = ? ORDER BY created_at DESC LIMIT 20",
            "SELECT count(*) FROM notifications WHERE user_id = ? AND is_read = 0",
            "SELECT * FROM reactions WHERE receiver_id = ? ORDER BY created_at DESC",
            "SELECT * FROM reactions WHERE sender_id = ? ORDER BY created_at DESC",
            "SELECT * FROM time_capsules WHERE creator_id = ? ORDER BY created_at DESC",
            "SELECT * FROM time_capsules WHERE is_active = 1 AND expires_at < ?",
            "SELECT * FROM capsule_discoveries WHERE capsule_id = ? AND user_id = ?",
            "SELECT * FROM capsule_discoveries WHERE user_id = ? ORDER BY discovered_at DESC",
            "SELECT * FROM find_sessions WHERE seeker_id = ? AND status = 'pending'",
            "SELECT * FROM find_sessions WHERE target_id = ? AND status = 'active'",
            "SELECT * FROM find_sessions WHERE status IN ('pending', 'active') AND expires_at < ?",
            "SELECT * FROM listening_history WHERE user_id = ? ORDER BY played_at DESC LIMIT 50",
            "SELECT * FROM push_subscriptions WHERE endpoint = ?",
            "SELECT * FROM push_subscriptions WHERE user_id = ?",
            "SELECT * FROM live_status WHERE is_live = 1 AND last_active < ?",
            "SELECT * FROM blocks WHERE blocked_id = ?",
            "SELECT * FROM oauth_states WHERE expires_at < ?",
            "SELECT * FROM users WHERE spotify_id = ?",
        ]
        for sql in lookups {
            let parameters = try db.prepare(sql).parameterCount
            let plan = try db.query("EXPLAIN QUERY PLAN " + sql, Array(repeating: "x", count: parameters)) {
                try $0.string(3)
            }
            #expect(
                plan.contains { $0.contains("USING") && !$0.contains("TEMP B-TREE") }
                    && !plan.contains { $0.hasPrefix("SCAN") || $0.contains("TEMP B-TREE") },
                "\(sql): \(plan)")
        }
    }
}
