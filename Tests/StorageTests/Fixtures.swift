import Foundation
import SQLite

/// Rows for the storage tests: one helper per table, with valid defaults.
struct Fixtures {
    let db: Connection
    let now: Int64 = 1_760_000_000_000

    static func id() -> String { UUID().uuidString.lowercased() }

    @discardableResult
    func user(name: String = "Listener") throws -> String {
        let id = Self.id()
        try db.execute(
            "INSERT INTO users (id, display_name, created_at, updated_at) VALUES (?, ?, ?, ?)", [id, name, now, now])
        return id
    }

    @discardableResult
    func capsule(creator: String) throws -> String {
        let id = Self.id()
        try db.execute(
            """
            INSERT INTO time_capsules (id, creator_id, latitude, longitude, geohash, track_id, track_name, artist,
                message, unlock_at, expires_at, created_at)
            VALUES (?, ?, 52.52, 13.405, 'u33dc0', 't1', 'Song', 'Artist', 'hello', ?, ?, ?)
            """,
            [id, creator, now, now + 86_400_000, now])
        return id
    }

    @discardableResult
    func reaction(from sender: String, to receiver: String, type: String = "fire") throws -> String {
        let id = Self.id()
        try db.execute(
            "INSERT INTO reactions (id, sender_id, receiver_id, type, created_at) VALUES (?, ?, ?, ?, ?)",
            [id, sender, receiver, type, now])
        return id
    }

    @discardableResult
    func findSession(seeker: String, target: String, status: String = "pending") throws -> String {
        let id = Self.id()
        try db.execute(
            """
            INSERT INTO find_sessions (id, seeker_id, target_id, status, started_at, completed_at, expires_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [id, seeker, target, status, now, status == "completed" ? now : nil, now + 900_000, now])
        return id
    }

    @discardableResult
    func notification(to user: String, from sender: String?, type: String = "reaction") throws -> String {
        let id = Self.id()
        try db.execute(
            """
            INSERT INTO notifications (id, user_id, type, title, message, from_user_id, metadata, created_at)
            VALUES (?, ?, ?, 'New reaction', 'Someone sent you fire', ?, '{"reaction":"fire"}', ?)
            """,
            [id, user, type, sender, now])
        return id
    }

    /// Gives `user` a row in every table a user can own, with `other` as the counterpart.
    func populateEverything(for user: String, other: String) throws {
        let token: [UInt8] = Array(repeating: 7, count: 48)
        try db.execute(
            """
            INSERT INTO spotify_tokens (user_id, access_token, refresh_token, expires_at, scope, created_at, updated_at)
            VALUES (?, ?, ?, ?, 'user-read-currently-playing', ?, ?)
            """,
            [user, token, token, now + 3_600_000, now, now])
        try db.execute("INSERT INTO live_status (user_id, is_live, last_active) VALUES (?, 1, ?)", [user, now])
        try db.execute(
            """
            INSERT INTO current_tracks (user_id, track_id, track_name, artist, energy, valence, updated_at)
            VALUES (?, 't1', 'Song', 'Artist', 0.7, 0.2, ?)
            """,
            [user, now])
        try db.execute(
            """
            INSERT INTO location_snapshots (user_id, latitude, longitude, geohash, accuracy, updated_at)
            VALUES (?, 52.52, 13.405, 'u33dc0xy', 12.5, ?)
            """,
            [user, now])
        try findSession(seeker: user, target: other)
        try findSession(seeker: other, target: user, status: "completed")
        try notification(to: user, from: other)
        try notification(to: other, from: user)
        let mine = try capsule(creator: user)
        let theirs = try capsule(creator: other)
        for (capsule, finder) in [(mine, other), (theirs, user)] {
            try db.execute(
                "INSERT INTO capsule_discoveries (id, capsule_id, user_id, discovered_at) VALUES (?, ?, ?, ?)",
                [Self.id(), capsule, finder, now])
        }
        try reaction(from: user, to: other)
        try reaction(from: other, to: user)
        try db.execute(
            """
            INSERT INTO listening_history (id, user_id, track_id, track_name, artist, played_at, created_at)
            VALUES (?, ?, 't1', 'Song', 'Artist', ?, ?)
            """,
            [Self.id(), user, now, now])
        try db.execute(
            """
            INSERT INTO push_subscriptions (id, user_id, endpoint, p256dh, auth, created_at, updated_at)
            VALUES (?, ?, ?, 'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM',
                'tBHItJI5svbpez7KI4CCXg', ?, ?)
            """,
            [Self.id(), user, "https://push.example/\(user)", now, now])
        try db.execute(
            "INSERT INTO sessions (id, user_id, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
            [Self.id(), user, Array(Self.id().utf8.prefix(32)), now, now + 1000])
        try db.execute("INSERT INTO blocks (blocker_id, blocked_id, created_at) VALUES (?, ?, ?)", [user, other, now])
        try db.execute("INSERT INTO blocks (blocker_id, blocked_id, created_at) VALUES (?, ?, ?)", [other, user, now])
    }
}
