import SQLite
import Testing

@testable import Storage

@Suite struct ConstraintTests {
    let db: Connection
    let fixtures: Fixtures

    init() throws {
        db = try StorageDatabase.openInMemory()
        fixtures = Fixtures(db: db)
    }

    private func count(_ table: String) throws -> Int {
        try db.queryFirst("SELECT count(*) FROM \(table)") { try $0.int(0) } ?? -1
    }

    @Test func reactionsAreUniquePerSenderReceiverAndType() throws {
        let alice = try fixtures.user()
        let bob = try fixtures.user()
        try fixtures.reaction(from: alice, to: bob, type: "fire")
        let error = try #require(throws: SQLiteError.self) { try fixtures.reaction(from: alice, to: bob, type: "fire") }
        #expect(error.isUniqueViolation)
        // Another type, or the other direction, is a different reaction.
        try fixtures.reaction(from: alice, to: bob, type: "heart")
        try fixtures.reaction(from: bob, to: alice, type: "fire")
        #expect(try count("reactions") == 3)
        // The service's idempotent insert.
        try db.execute(
            """
            INSERT INTO reactions (id, sender_id, receiver_id, type, created_at) VALUES (?, ?, ?, 'fire', 0)
            ON CONFLICT (sender_id, receiver_id, type) DO NOTHING
            """,
            [Fixtures.id(), alice, bob])
        #expect(db.changes == 0)
    }

    @Test func foreignKeysRejectOrphans() throws {
        let ghost = Fixtures.id()
        let user = try fixtures.user()
        let orphans: [() throws -> Void] = [
            { try fixtures.reaction(from: user, to: ghost) },
            { try fixtures.capsule(creator: ghost) },
            { try fixtures.notification(to: ghost, from: nil) },
            { try fixtures.notification(to: user, from: ghost) },
            { try fixtures.findSession(seeker: user, target: ghost) },
            { try db.execute("INSERT INTO live_status (user_id, last_active) VALUES (?, 0)", [ghost]) },
            {
                try db.execute(
                    "INSERT INTO capsule_discoveries (id, capsule_id, user_id, discovered_at) VALUES (?, ?, ?, 0)",
                    [Fixtures.id(), Fixtures.id(), user])
            },
            {
                try db.execute(
                    "INSERT INTO blocks (blocker_id, blocked_id, created_at) VALUES (?, ?, 0)", [user, ghost])
            },
        ]
        for insert in orphans {
            let error = try #require(throws: SQLiteError.self) { try insert() }
            #expect(error.isForeignKeyViolation, "\(error)")
        }
    }

    @Test func deletingAUserRemovesEverythingOfTheirs() throws {
        let doomed = try fixtures.user()
        let other = try fixtures.user()
        let bystander = try fixtures.user()
        try fixtures.populateEverything(for: doomed, other: other)
        try fixtures.populateEverything(for: bystander, other: other)
        let userOwned = [
            "spotify_tokens", "live_status", "current_tracks", "location_snapshots", "find_sessions",
            "notifications", "time_capsules", "capsule_discoveries", "reactions", "listening_history",
            "push_subscriptions", "sessions", "blocks",
        ]
        var before: [String: Int] = [:]
        for table in userOwned { before[table] = try count(table) }

        try db.execute("DELETE FROM users WHERE id = ?", [doomed])

        let references: [String: String] = [
            "spotify_tokens": "user_id = ?1", "live_status": "user_id = ?1", "current_tracks": "user_id = ?1",
            "location_snapshots": "user_id = ?1", "find_sessions": "?1 IN (seeker_id, target_id)",
            "notifications": "?1 IN (user_id, from_user_id)", "time_capsules": "creator_id = ?1",
            "capsule_discoveries": "user_id = ?1 OR capsule_id IN (SELECT id FROM time_capsules WHERE creator_id = ?1)",
            "reactions": "?1 IN (sender_id, receiver_id)", "listening_history": "user_id = ?1",
            "push_subscriptions": "user_id = ?1", "sessions": "user_id = ?1",
            "blocks": "?1 IN (blocker_id, blocked_id)",
        ]
        for table in userOwned {
            let left = try db.queryFirst("SELECT count(*) FROM \(table) WHERE \(references[table]!)", [doomed]) {
                try $0.int(0)
            }
            #expect(left == 0, "\(table) still holds the deleted user's rows")
            #expect(try count(table) > 0, "\(table): the bystander's rows must survive")
            #expect(try count(table) < before[table]!, "\(table): nothing was deleted")
        }
        // The other user's notification from the deleted user stays, anonymised.
        #expect(
            try db.queryFirst("SELECT count(*) FROM notifications WHERE user_id = ? AND from_user_id IS NULL", [other])
            {
                try $0.int(0)
            } == 1)
        #expect(try db.query("PRAGMA foreign_key_check") { _ in () }.isEmpty)
    }

    @Test func deletingACapsuleRemovesItsDiscoveries() throws {
        let creator = try fixtures.user()
        let finder = try fixtures.user()
        let capsule = try fixtures.capsule(creator: creator)
        try db.execute(
            "INSERT INTO capsule_discoveries (id, capsule_id, user_id, discovered_at) VALUES (?, ?, ?, 0)",
            [Fixtures.id(), capsule, finder])
        let repeated = try #require(throws: SQLiteError.self) {
            try db.execute(
                "INSERT INTO capsule_discoveries (id, capsule_id, user_id, discovered_at) VALUES (?, ?, ?, 0)",
                [Fixtures.id(), capsule, finder])
        }
        #expect(repeated.isUniqueViolation)
        try db.execute("DELETE FROM time_capsules WHERE id = ?", [capsule])
        #expect(try count("capsule_discoveries") == 0)
    }

    @Test func oneOpenFindSessionPerPair() throws {
        let alice = try fixtures.user()
        let bob = try fixtures.user()
        try fixtures.findSession(seeker: alice, target: bob)
        for (seeker, target) in [(alice, bob), (bob, alice)] {
            let error = try #require(throws: SQLiteError.self) {
                try fixtures.findSession(seeker: seeker, target: target)
            }
            #expect(error.isUniqueViolation)
        }
        try db.execute("UPDATE find_sessions SET status = 'expired'")
        try fixtures.findSession(seeker: bob, target: alice)
        try fixtures.findSession(seeker: alice, target: bob, status: "completed")
    }

    @Test func checkConstraints() throws {
        let alice = try fixtures.user()
        let bob = try fixtures.user()
        let capsule = try fixtures.capsule(creator: alice)
        let invalid: [(String, SQLiteBindings)] = [
            ("UPDATE users SET radius_km = 0 WHERE id = ?", [alice]),
            ("UPDATE users SET radius_km = 10.5 WHERE id = ?", [alice]),
            ("UPDATE users SET is_anonymous = 2 WHERE id = ?", [alice]),
            ("UPDATE users SET display_name = '' WHERE id = ?", [alice]),
            ("UPDATE users SET radius_km = 'far' WHERE id = ?", [alice]),  // STRICT: wrong type
            (
                "INSERT INTO reactions (id, sender_id, receiver_id, type, created_at) VALUES (?, ?, ?, 'boo', 0)",
                [Fixtures.id(), alice, bob]
            ),
            (
                "INSERT INTO reactions (id, sender_id, receiver_id, type, created_at) VALUES (?, ?, ?, 'fire', 0)",
                [Fixtures.id(), alice, alice]
            ),
            ("UPDATE time_capsules SET message = ? WHERE id = ?", [String(repeating: "é", count: 281), capsule]),
            ("UPDATE time_capsules SET discovery_radius_m = 5 WHERE id = ?", [capsule]),
            ("UPDATE time_capsules SET expires_at = unlock_at WHERE id = ?", [capsule]),
            ("UPDATE time_capsules SET visibility = 'secret' WHERE id = ?", [capsule]),
            ("UPDATE time_capsules SET max_discoveries = 1, discovery_count = 2 WHERE id = ?", [capsule]),
            ("UPDATE time_capsules SET latitude = 91 WHERE id = ?", [capsule]),
            ("UPDATE time_capsules SET geohash = 'u33a' WHERE id = ?", [capsule]),  // 'a' is not base32
            (
                "INSERT INTO notifications (id, user_id, type, title, message, created_at) VALUES (?, ?, 'spam', 't', 'm', 0)",
                [Fixtures.id(), alice]
            ),
            (
                "INSERT INTO notifications (id, user_id, type, title, message, metadata, created_at) "
                    + "VALUES (?, ?, 'reaction', 't', 'm', '[1]', 0)", [Fixtures.id(), alice]
            ),
            (
                "INSERT INTO notifications (id, user_id, type, title, message, metadata, created_at) "
                    + "VALUES (?, ?, 'reaction', 't', 'm', '{oops', 0)", [Fixtures.id(), alice]
            ),
            (
                "INSERT INTO sessions (id, user_id, token_hash, created_at, expires_at) VALUES (?, ?, 'text', 0, 1)",
                [Fixtures.id(), alice]
            ),
            ("INSERT INTO live_status (user_id, is_live, last_active) VALUES (?, 1, NULL)", [alice]),
        ]
        for (sql, bindings) in invalid {
            let error = try #require(throws: SQLiteError.self, "\(sql)") { try db.execute(sql, bindings) }
            #expect(error.isConstraintViolation, "\(sql): \(error)")
        }
        try db.execute("UPDATE find_sessions SET status = 'completed'")  // no rows: nothing to check
        let session = try fixtures.findSession(seeker: alice, target: bob)
        let completedWithoutTime = try #require(throws: SQLiteError.self) {
            try db.execute("UPDATE find_sessions SET status = 'completed' WHERE id = ?", [session])
        }
        #expect(completedWithoutTime.isCheckViolation)
    }
}
