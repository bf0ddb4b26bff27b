import SQLite

extension Schema {
    /// Migration 1: the 12 tables of the Resonance data model, plus sessions, OAuth state
    /// and blocks, with their indexes. Columns beyond the data model are marked "Extra".
    static let version1 = Migration(version: 1, name: "initial schema", sql: version1SQL)
}

// Length limits here are storage guards, at least as loose as the API's own validation.
private let version1SQL = """
    -- users: one row per account, signed in with Spotify or anonymous.
    CREATE TABLE users (
        id TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36 AND id = lower(id)),
        spotify_id TEXT UNIQUE CHECK (length(spotify_id) BETWEEN 1 AND 255),
        display_name TEXT NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
        avatar_url TEXT CHECK (length(avatar_url) <= 2048),
        email TEXT CHECK (length(email) <= 320),
        is_anonymous INTEGER NOT NULL DEFAULT 0 CHECK (is_anonymous IN (0, 1)),
        instagram_handle TEXT CHECK (length(instagram_handle) <= 64),
        discord_handle TEXT CHECK (length(discord_handle) <= 64),
        -- The saved discovery radius, copied to live_status.radius_km on GoLive.
        radius_km REAL NOT NULL DEFAULT 5 CHECK (radius_km BETWEEN 0.1 AND 10),
        -- Extra: 1 once the user edited display_name in Resonance; Spotify sign-in keeps it then.
        display_name_edited INTEGER NOT NULL DEFAULT 0 CHECK (display_name_edited IN (0, 1)),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
    ) STRICT;

    -- spotify_tokens: 1:1 with users; present only while Spotify is connected.
    CREATE TABLE spotify_tokens (
        user_id TEXT PRIMARY KEY NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        -- Both tokens are encrypted at rest (sealed by the Spotify module), never plain text.
        access_token BLOB NOT NULL CHECK (length(access_token) > 0),
        refresh_token BLOB NOT NULL CHECK (length(refresh_token) > 0),
        -- When access_token expires.
        expires_at INTEGER NOT NULL,
        -- The space-separated scopes Spotify granted.
        scope TEXT NOT NULL DEFAULT '' CHECK (length(scope) <= 1000),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
    ) STRICT;

    -- live_status: 1:1 with users; presence and its privacy settings.
    CREATE TABLE live_status (
        user_id TEXT PRIMARY KEY NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        is_live INTEGER NOT NULL DEFAULT 0 CHECK (is_live IN (0, 1)),
        share_track INTEGER NOT NULL DEFAULT 1 CHECK (share_track IN (0, 1)),
        allow_find INTEGER NOT NULL DEFAULT 1 CHECK (allow_find IN (0, 1)),
        -- The radius in force while live.
        radius_km REAL NOT NULL DEFAULT 5 CHECK (radius_km BETWEEN 0.1 AND 10),
        -- Last heartbeat, location update or GoLive (milliseconds since the epoch).
        last_active INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX live_status_live ON live_status (is_live, last_active);

    -- current_tracks: 1:1 with users; what they are playing now.
    CREATE TABLE current_tracks (
        user_id TEXT PRIMARY KEY NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        track_id TEXT NOT NULL CHECK (length(track_id) BETWEEN 1 AND 128),
        track_name TEXT NOT NULL CHECK (length(track_name) BETWEEN 1 AND 300),
        artist TEXT NOT NULL CHECK (length(artist) BETWEEN 1 AND 300),
        album_art TEXT CHECK (length(album_art) <= 2048),
        is_playing INTEGER NOT NULL DEFAULT 1 CHECK (is_playing IN (0, 1)),
        -- Spotify audio features, 0 to 1; NULL when unknown.
        energy REAL CHECK (energy BETWEEN 0 AND 1),
        valence REAL CHECK (valence BETWEEN 0 AND 1),
        -- Extra: when the track was last reported.
        updated_at INTEGER NOT NULL
    ) STRICT;

    -- location_snapshots: 1:1 with users; their latest position. Never leaves the server.
    CREATE TABLE location_snapshots (
        user_id TEXT PRIMARY KEY NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        -- Extra: the exact position in WGS 84 degrees.
        latitude REAL NOT NULL CHECK (latitude BETWEEN -90 AND 90),
        longitude REAL NOT NULL CHECK (longitude BETWEEN -180 AND 180),
        -- The position's geohash (base32 alphabet, up to 12 characters).
        geohash TEXT NOT NULL CHECK (
            length(geohash) BETWEEN 1 AND 12 AND geohash NOT GLOB '*[^0123456789bcdefghjkmnpqrstuvwxyz]*'),
        -- The reported accuracy radius in metres; NULL when unknown.
        accuracy REAL CHECK (accuracy >= 0),
        updated_at INTEGER NOT NULL
    ) STRICT;

    -- find_sessions: the consent-based hot/cold find game between two users.
    CREATE TABLE find_sessions (
        id TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36 AND id = lower(id)),
        seeker_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        target_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        status TEXT NOT NULL DEFAULT 'pending'
            CHECK (status IN ('pending', 'active', 'declined', 'completed', 'cancelled', 'expired')),
        -- When the seeker started the session.
        started_at INTEGER NOT NULL,
        completed_at INTEGER,
        -- Extra: when the target accepted or declined; NULL while pending.
        responded_at INTEGER,
        -- Extra: the deadline (15 minutes after started_at); an open session past it expires.
        expires_at INTEGER NOT NULL,
        -- Extra: when status last changed.
        updated_at INTEGER NOT NULL,
        CHECK (seeker_id <> target_id),
        CHECK (expires_at > started_at),
        CHECK ((status = 'completed') = (completed_at IS NOT NULL))
    ) STRICT;
    -- At most one open (pending or active) session per pair, in either direction. An open
    -- session past expires_at still counts until it is marked expired.
    CREATE UNIQUE INDEX find_sessions_open_pair
        ON find_sessions (min(seeker_id, target_id), max(seeker_id, target_id))
        WHERE status IN ('pending', 'active');
    CREATE INDEX find_sessions_seeker ON find_sessions (seeker_id, status);
    CREATE INDEX find_sessions_target ON find_sessions (target_id, status);
    CREATE INDEX find_sessions_open_expiry ON find_sessions (expires_at) WHERE status IN ('pending', 'active');

    -- notifications: a user's inbox.
    CREATE TABLE notifications (
        id TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36 AND id = lower(id)),
        user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        type TEXT NOT NULL CHECK (type IN (
            'reaction', 'capsule_discovered', 'capsule_liked', 'find_request', 'find_accepted',
            'find_completed', 'spotify_disconnected')),
        title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        message TEXT NOT NULL CHECK (length(message) <= 1000),
        -- Who caused it; NULL for system notifications or once that user is deleted.
        from_user_id TEXT REFERENCES users (id) ON DELETE SET NULL,
        is_read INTEGER NOT NULL DEFAULT 0 CHECK (is_read IN (0, 1)),
        -- A JSON object with type-specific ids (never emails, Spotify ids or locations).
        metadata TEXT NOT NULL DEFAULT '{}'
            CHECK (length(metadata) <= 4096 AND json_valid(metadata) AND json_type(metadata) = 'object'),
        created_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX notifications_user_created ON notifications (user_id, created_at DESC, id);
    CREATE INDEX notifications_user_unread ON notifications (user_id, created_at DESC, id) WHERE is_read = 0;
    CREATE INDEX notifications_from_user ON notifications (from_user_id);

    -- time_capsules: a song and a note pinned to a place.
    CREATE TABLE time_capsules (
        id TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36 AND id = lower(id)),
        creator_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        -- Extra: the exact position in WGS 84 degrees (the creator's stored location).
        latitude REAL NOT NULL CHECK (latitude BETWEEN -90 AND 90),
        longitude REAL NOT NULL CHECK (longitude BETWEEN -180 AND 180),
        geohash TEXT NOT NULL CHECK (
            length(geohash) BETWEEN 1 AND 12 AND geohash NOT GLOB '*[^0123456789bcdefghjkmnpqrstuvwxyz]*'),
        location_name TEXT CHECK (length(location_name) <= 200),
        track_id TEXT NOT NULL CHECK (length(track_id) BETWEEN 1 AND 128),
        track_name TEXT NOT NULL CHECK (length(track_name) BETWEEN 1 AND 300),
        artist TEXT NOT NULL CHECK (length(artist) BETWEEN 1 AND 300),
        album_art TEXT CHECK (length(album_art) <= 2048),
        -- The note, the reward for going there.
        message TEXT NOT NULL DEFAULT '' CHECK (length(message) <= 280),
        mood TEXT CHECK (length(mood) BETWEEN 1 AND 32),
        visibility TEXT NOT NULL DEFAULT 'public' CHECK (visibility IN ('public', 'private')),
        -- Discoverable from unlock_at; gone at expires_at (NULL: never expires).
        unlock_at INTEGER NOT NULL,
        expires_at INTEGER,
        -- Extra: how close (metres) one must be to discover it.
        discovery_radius_m REAL NOT NULL DEFAULT 100 CHECK (discovery_radius_m BETWEEN 10 AND 500),
        -- Extra: the most discoveries allowed; NULL for no limit.
        max_discoveries INTEGER CHECK (max_discoveries >= 1),
        discovery_count INTEGER NOT NULL DEFAULT 0 CHECK (discovery_count >= 0),
        like_count INTEGER NOT NULL DEFAULT 0 CHECK (like_count >= 0),
        is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
        -- Extra: when it was dropped.
        created_at INTEGER NOT NULL,
        CHECK (expires_at > unlock_at),
        CHECK (discovery_count <= max_discoveries)
    ) STRICT;
    CREATE INDEX time_capsules_creator ON time_capsules (creator_id, created_at DESC);
    CREATE INDEX time_capsules_active_expiry ON time_capsules (is_active, expires_at);
    CREATE INDEX time_capsules_active_geohash ON time_capsules (geohash) WHERE is_active = 1;

    -- capsule_discoveries: who found which capsule, and whether they liked it.
    CREATE TABLE capsule_discoveries (
        id TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36 AND id = lower(id)),
        capsule_id TEXT NOT NULL REFERENCES time_capsules (id) ON DELETE CASCADE,
        user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        liked INTEGER NOT NULL DEFAULT 0 CHECK (liked IN (0, 1)),
        discovered_at INTEGER NOT NULL,
        -- Extra: when it was liked; NULL until then.
        liked_at INTEGER,
        UNIQUE (capsule_id, user_id),
        CHECK ((liked = 1) = (liked_at IS NOT NULL))
    ) STRICT;
    CREATE INDEX capsule_discoveries_user ON capsule_discoveries (user_id, discovered_at DESC);

    -- reactions: one per (sender, receiver, type); a repeat is a no-op.
    CREATE TABLE reactions (
        id TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36 AND id = lower(id)),
        sender_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        receiver_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        type TEXT NOT NULL CHECK (type IN ('fire', 'heart', 'music', 'wave', 'sparkle')),
        created_at INTEGER NOT NULL,
        UNIQUE (sender_id, receiver_id, type),
        CHECK (sender_id <> receiver_id)
    ) STRICT;
    CREATE INDEX reactions_receiver ON reactions (receiver_id, created_at DESC);
    CREATE INDEX reactions_sender ON reactions (sender_id, created_at DESC);

    -- listening_history: the newest tracks per user (trimmed by the service).
    CREATE TABLE listening_history (
        id TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36 AND id = lower(id)),
        user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        track_id TEXT NOT NULL CHECK (length(track_id) BETWEEN 1 AND 128),
        track_name TEXT NOT NULL CHECK (length(track_name) BETWEEN 1 AND 300),
        artist TEXT NOT NULL CHECK (length(artist) BETWEEN 1 AND 300),
        album_art TEXT CHECK (length(album_art) <= 2048),
        played_at INTEGER NOT NULL,
        created_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX listening_history_user_played ON listening_history (user_id, played_at DESC);

    -- push_subscriptions: Web Push endpoints; an endpoint belongs to one user.
    CREATE TABLE push_subscriptions (
        id TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36 AND id = lower(id)),
        user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        endpoint TEXT NOT NULL UNIQUE CHECK (length(endpoint) BETWEEN 1 AND 2048),
        -- The browser's keys, base64url as the subscription gives them.
        p256dh TEXT NOT NULL CHECK (length(p256dh) BETWEEN 1 AND 256),
        auth TEXT NOT NULL CHECK (length(auth) BETWEEN 1 AND 256),
        user_agent TEXT CHECK (length(user_agent) <= 512),
        created_at INTEGER NOT NULL,
        -- Extra: when the keys were last (re-)registered.
        updated_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX push_subscriptions_user ON push_subscriptions (user_id);

    -- sessions: bearer tokens, stored only as a hash.
    CREATE TABLE sessions (
        id TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36 AND id = lower(id)),
        user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        -- A cryptographic hash (e.g. SHA-256) of the token; the token itself is never stored.
        token_hash BLOB NOT NULL UNIQUE CHECK (length(token_hash) BETWEEN 16 AND 64),
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        -- Set by SignOut or account deletion; a revoked session is never valid again.
        revoked_at INTEGER,
        user_agent TEXT CHECK (length(user_agent) <= 512),
        CHECK (expires_at > created_at)
    ) STRICT;
    CREATE INDEX sessions_user ON sessions (user_id);

    -- oauth_states: single-use Spotify authorization-code (PKCE) flows in progress.
    CREATE TABLE oauth_states (
        state TEXT PRIMARY KEY NOT NULL CHECK (length(state) BETWEEN 8 AND 256),
        -- The PKCE verifier (RFC 7636: 43 to 128 characters).
        code_verifier TEXT NOT NULL CHECK (length(code_verifier) BETWEEN 43 AND 128),
        redirect_uri TEXT NOT NULL CHECK (length(redirect_uri) BETWEEN 1 AND 2048),
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        -- Set when CompleteSpotifySignIn consumes it; a used state is refused.
        used_at INTEGER,
        CHECK (expires_at > created_at)
    ) STRICT;
    CREATE INDEX oauth_states_expires ON oauth_states (expires_at);

    -- blocks: blocker_id blocked blocked_id; the pair never sees each other, either way.
    CREATE TABLE blocks (
        blocker_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        blocked_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (blocker_id, blocked_id),
        CHECK (blocker_id <> blocked_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX blocks_blocked ON blocks (blocked_id, blocker_id);
    """
