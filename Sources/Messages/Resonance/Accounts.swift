import CProtobufC
import CResonanceProto

/// `resonance.v1.Profile`: the caller's own profile, private fields included.
public struct Profile: CBridgedMessage, Hashable {
    public var userID = ""
    public var displayName = ""
    public var avatarURL = ""
    /// From Spotify; never shown to anyone else.
    public var email = ""
    public var isAnonymous = false
    public var instagramHandle = ""
    public var discordHandle = ""
    /// The saved discovery radius, applied when going live.
    public var radiusKm: Double = 0
    public var spotifyConnected = false
    public var createdAt: Timestamp?
    public var updatedAt: Timestamp?

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__profile__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__Profile) throws {
        userID = try CRead.string(c.user_id)
        displayName = try CRead.string(c.display_name)
        avatarURL = try CRead.string(c.avatar_url)
        email = try CRead.string(c.email)
        isAnonymous = c.is_anonymous != 0
        instagramHandle = try CRead.string(c.instagram_handle)
        discordHandle = try CRead.string(c.discord_handle)
        radiusKm = c.radius_km
        spotifyConnected = c.spotify_connected != 0
        createdAt = try CRead.message(c.created_at)
        updatedAt = try CRead.message(c.updated_at)
    }

    public func fill(_ c: inout Resonance__V1__Profile, arena: CArena) {
        c.user_id = arena.string(userID)
        c.display_name = arena.string(displayName)
        c.avatar_url = arena.string(avatarURL)
        c.email = arena.string(email)
        c.is_anonymous = isAnonymous ? 1 : 0
        c.instagram_handle = arena.string(instagramHandle)
        c.discord_handle = arena.string(discordHandle)
        c.radius_km = radiusKm
        c.spotify_connected = spotifyConnected ? 1 : 0
        c.created_at = arena.message(createdAt)
        c.updated_at = arena.message(updatedAt)
    }
}

/// `resonance.v1.SignInAnonymouslyRequest`: creates an anonymous user.
public struct SignInAnonymouslyRequest: CBridgedMessage, Hashable {
    /// Optional; "Anonymous Listener" when empty.
    public var displayName = ""

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__sign_in_anonymously_request__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__SignInAnonymouslyRequest) throws {
        displayName = try CRead.string(c.display_name)
    }

    public func fill(_ c: inout Resonance__V1__SignInAnonymouslyRequest, arena: CArena) {
        c.display_name = arena.string(displayName)
    }
}

/// `resonance.v1.SignInAnonymouslyResponse`: the new session and profile.
public struct SignInAnonymouslyResponse: CBridgedMessage, Hashable {
    public var session: Session?
    public var profile: Profile?

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__sign_in_anonymously_response__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__SignInAnonymouslyResponse) throws {
        session = try CRead.message(c.session)
        profile = try CRead.message(c.profile)
    }

    public func fill(_ c: inout Resonance__V1__SignInAnonymouslyResponse, arena: CArena) {
        c.session = arena.message(session)
        c.profile = arena.message(profile)
    }
}

/// `resonance.v1.StartSpotifySignInRequest`: starts Spotify's authorization-code flow.
public struct StartSpotifySignInRequest: CBridgedMessage, Hashable {
    /// Optional; when set it must equal the server's configured redirect URI.
    public var redirectURI = ""

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__start_spotify_sign_in_request__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__StartSpotifySignInRequest) throws {
        redirectURI = try CRead.string(c.redirect_uri)
    }

    public func fill(_ c: inout Resonance__V1__StartSpotifySignInRequest, arena: CArena) {
        c.redirect_uri = arena.string(redirectURI)
    }
}

/// `resonance.v1.StartSpotifySignInResponse`: where to send the user, and the single-use state.
public struct StartSpotifySignInResponse: CBridgedMessage, Hashable {
    public var authorizeURL = ""
    public var state = ""
    public var expiresAt: Timestamp?

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__start_spotify_sign_in_response__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__StartSpotifySignInResponse) throws {
        authorizeURL = try CRead.string(c.authorize_url)
        state = try CRead.string(c.state)
        expiresAt = try CRead.message(c.expires_at)
    }

    public func fill(_ c: inout Resonance__V1__StartSpotifySignInResponse, arena: CArena) {
        c.authorize_url = arena.string(authorizeURL)
        c.state = arena.string(state)
        c.expires_at = arena.message(expiresAt)
    }
}

/// `resonance.v1.CompleteSpotifySignInRequest`: the state and code Spotify redirected with.
public struct CompleteSpotifySignInRequest: CBridgedMessage, Hashable {
    public var state = ""
    public var code = ""

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__complete_spotify_sign_in_request__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__CompleteSpotifySignInRequest) throws {
        state = try CRead.string(c.state)
        code = try CRead.string(c.code)
    }

    public func fill(_ c: inout Resonance__V1__CompleteSpotifySignInRequest, arena: CArena) {
        c.state = arena.string(state)
        c.code = arena.string(code)
    }
}

/// `resonance.v1.CompleteSpotifySignInResponse`: the session and profile of the Spotify user.
public struct CompleteSpotifySignInResponse: CBridgedMessage, Hashable {
    public var session: Session?
    public var profile: Profile?
    /// True when this sign-in created the user.
    public var created = false

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__complete_spotify_sign_in_response__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__CompleteSpotifySignInResponse) throws {
        session = try CRead.message(c.session)
        profile = try CRead.message(c.profile)
        created = c.created != 0
    }

    public func fill(_ c: inout Resonance__V1__CompleteSpotifySignInResponse, arena: CArena) {
        c.session = arena.message(session)
        c.profile = arena.message(profile)
        c.created = created ? 1 : 0
    }
}

/// `resonance.v1.SignOutRequest`: revokes the calling session.
public struct SignOutRequest: CBridgedMessage, Hashable {
    public init() {}
    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__sign_out_request__descriptor_ref()
    }
    public init(c: borrowing Resonance__V1__SignOutRequest) {}
    public func fill(_ c: inout Resonance__V1__SignOutRequest, arena: CArena) {}
}

/// `resonance.v1.SignOutResponse`.
public struct SignOutResponse: CBridgedMessage, Hashable {
    public init() {}
    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__sign_out_response__descriptor_ref()
    }
    public init(c: borrowing Resonance__V1__SignOutResponse) {}
    public func fill(_ c: inout Resonance__V1__SignOutResponse, arena: CArena) {}
}

/// `resonance.v1.GetProfileRequest`: asks for the caller's own profile.
public struct GetProfileRequest: CBridgedMessage, Hashable {
    public init() {}
    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__get_profile_request__descriptor_ref()
    }
    public init(c: borrowing Resonance__V1__GetProfileRequest) {}
    public func fill(_ c: inout Resonance__V1__GetProfileRequest, arena: CArena) {}
}

/// `resonance.v1.GetProfileResponse`: the caller's own profile.
public struct GetProfileResponse: CBridgedMessage, Hashable {
    public var profile: Profile?

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__get_profile_response__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__GetProfileResponse) throws {
        profile = try CRead.message(c.profile)
    }

    public func fill(_ c: inout Resonance__V1__GetProfileResponse, arena: CArena) {
        c.profile = arena.message(profile)
    }
}

/// `resonance.v1.UpdateProfileRequest`: a partial update; nil fields stay unchanged.
public struct UpdateProfileRequest: CBridgedMessage, Hashable {
    public var displayName: String?
    /// An empty string clears the avatar.
    public var avatarURL: String?
    /// An empty string clears the handle.
    public var instagramHandle: String?
    /// An empty string clears the handle.
    public var discordHandle: String?
    public var radiusKm: Double?
    public var isAnonymous: Bool?

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__update_profile_request__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__UpdateProfileRequest) throws {
        displayName = try CRead.stringValue(c.display_name)
        avatarURL = try CRead.stringValue(c.avatar_url)
        instagramHandle = try CRead.stringValue(c.instagram_handle)
        discordHandle = try CRead.stringValue(c.discord_handle)
        radiusKm = CRead.doubleValue(c.radius_km)
        isAnonymous = CRead.boolValue(c.is_anonymous)
    }

    public func fill(_ c: inout Resonance__V1__UpdateProfileRequest, arena: CArena) {
        c.display_name = arena.stringValue(displayName)
        c.avatar_url = arena.stringValue(avatarURL)
        c.instagram_handle = arena.stringValue(instagramHandle)
        c.discord_handle = arena.stringValue(discordHandle)
        c.radius_km = arena.doubleValue(radiusKm)
        c.is_anonymous = arena.boolValue(isAnonymous)
    }
}

/// `resonance.v1.UpdateProfileResponse`: the profile after the update.
public struct UpdateProfileResponse: CBridgedMessage, Hashable {
    public var profile: Profile?

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__update_profile_response__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__UpdateProfileResponse) throws {
        profile = try CRead.message(c.profile)
    }

    public func fill(_ c: inout Resonance__V1__UpdateProfileResponse, arena: CArena) {
        c.profile = arena.message(profile)
    }
}

/// `resonance.v1.GetMyStatsRequest`: asks for counts about the caller.
public struct GetMyStatsRequest: CBridgedMessage, Hashable {
    public init() {}
    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__get_my_stats_request__descriptor_ref()
    }
    public init(c: borrowing Resonance__V1__GetMyStatsRequest) {}
    public func fill(_ c: inout Resonance__V1__GetMyStatsRequest, arena: CArena) {}
}

/// `resonance.v1.GetMyStatsResponse`: counts about the caller, read from the database.
public struct GetMyStatsResponse: CBridgedMessage, Hashable {
    public var capsulesDropped: Int64 = 0
    /// Capsules the caller has discovered.
    public var capsulesDiscovered: Int64 = 0
    /// Discoveries of the caller's capsules by others.
    public var discoveriesOfMyCapsules: Int64 = 0
    /// Likes on the caller's capsules.
    public var likesReceived: Int64 = 0
    public var reactionsSent: Int64 = 0
    public var reactionsReceived: Int64 = 0
    /// Find games the caller completed, as seeker or target.
    public var findsCompleted: Int64 = 0
    /// Tracks in the caller's listening history.
    public var tracksPlayed: Int64 = 0

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__get_my_stats_response__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__GetMyStatsResponse) {
        capsulesDropped = c.capsules_dropped
        capsulesDiscovered = c.capsules_discovered
        discoveriesOfMyCapsules = c.discoveries_of_my_capsules
        likesReceived = c.likes_received
        reactionsSent = c.reactions_sent
        reactionsReceived = c.reactions_received
        findsCompleted = c.finds_completed
        tracksPlayed = c.tracks_played
    }

    public func fill(_ c: inout Resonance__V1__GetMyStatsResponse, arena: CArena) {
        c.capsules_dropped = capsulesDropped
        c.capsules_discovered = capsulesDiscovered
        c.discoveries_of_my_capsules = discoveriesOfMyCapsules
        c.likes_received = likesReceived
        c.reactions_sent = reactionsSent
        c.reactions_received = reactionsReceived
        c.finds_completed = findsCompleted
        c.tracks_played = tracksPlayed
    }
}

/// `resonance.v1.DeleteAccountRequest`: deletes the caller; `confirm` must be true.
public struct DeleteAccountRequest: CBridgedMessage, Hashable {
    public var confirm = false

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__delete_account_request__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__DeleteAccountRequest) {
        confirm = c.confirm != 0
    }

    public func fill(_ c: inout Resonance__V1__DeleteAccountRequest, arena: CArena) {
        c.confirm = confirm ? 1 : 0
    }
}

/// `resonance.v1.DeleteAccountResponse`.
public struct DeleteAccountResponse: CBridgedMessage, Hashable {
    public init() {}
    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__delete_account_response__descriptor_ref()
    }
    public init(c: borrowing Resonance__V1__DeleteAccountResponse) {}
    public func fill(_ c: inout Resonance__V1__DeleteAccountResponse, arena: CArena) {}
}

/// `resonance.v1.BlockUserRequest`: blocks a user.
public struct BlockUserRequest: CBridgedMessage, Hashable {
    public var userID = ""

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__block_user_request__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__BlockUserRequest) throws {
        userID = try CRead.string(c.user_id)
    }

    public func fill(_ c: inout Resonance__V1__BlockUserRequest, arena: CArena) {
        c.user_id = arena.string(userID)
    }
}

/// `resonance.v1.BlockUserResponse`.
public struct BlockUserResponse: CBridgedMessage, Hashable {
    public init() {}
    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__block_user_response__descriptor_ref()
    }
    public init(c: borrowing Resonance__V1__BlockUserResponse) {}
    public func fill(_ c: inout Resonance__V1__BlockUserResponse, arena: CArena) {}
}

/// `resonance.v1.UnblockUserRequest`: lifts a block the caller made.
public struct UnblockUserRequest: CBridgedMessage, Hashable {
    public var userID = ""

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__unblock_user_request__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__UnblockUserRequest) throws {
        userID = try CRead.string(c.user_id)
    }

    public func fill(_ c: inout Resonance__V1__UnblockUserRequest, arena: CArena) {
        c.user_id = arena.string(userID)
    }
}

/// `resonance.v1.UnblockUserResponse`.
public struct UnblockUserResponse: CBridgedMessage, Hashable {
    public init() {}
    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__unblock_user_response__descriptor_ref()
    }
    public init(c: borrowing Resonance__V1__UnblockUserResponse) {}
    public func fill(_ c: inout Resonance__V1__UnblockUserResponse, arena: CArena) {}
}

/// `resonance.v1.ListBlockedUsersRequest`: one page of the users the caller blocked.
public struct ListBlockedUsersRequest: CBridgedMessage, Hashable {
    public var pageSize: Int32 = 0
    public var pageToken = ""

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__list_blocked_users_request__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__ListBlockedUsersRequest) throws {
        pageSize = c.page_size
        pageToken = try CRead.string(c.page_token)
    }

    public func fill(_ c: inout Resonance__V1__ListBlockedUsersRequest, arena: CArena) {
        c.page_size = pageSize
        c.page_token = arena.string(pageToken)
    }
}

/// `resonance.v1.BlockedUser`: a user the caller blocked.
public struct BlockedUser: CBridgedMessage, Hashable {
    public var user: PublicUser?
    public var blockedAt: Timestamp?

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__blocked_user__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__BlockedUser) throws {
        user = try CRead.message(c.user)
        blockedAt = try CRead.message(c.blocked_at)
    }

    public func fill(_ c: inout Resonance__V1__BlockedUser, arena: CArena) {
        c.user = arena.message(user)
        c.blocked_at = arena.message(blockedAt)
    }
}

/// `resonance.v1.ListBlockedUsersResponse`: one page of blocked users, newest first.
public struct ListBlockedUsersResponse: CBridgedMessage, Hashable {
    public var blockedUsers: [BlockedUser] = []
    public var nextPageToken = ""

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__list_blocked_users_response__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__ListBlockedUsersResponse) throws {
        blockedUsers = try CRead.messages(c.n_blocked_users, c.blocked_users)
        nextPageToken = try CRead.string(c.next_page_token)
    }

    public func fill(_ c: inout Resonance__V1__ListBlockedUsersResponse, arena: CArena) {
        (c.n_blocked_users, c.blocked_users) = arena.messages(blockedUsers)
        c.next_page_token = arena.string(nextPageToken)
    }
}
