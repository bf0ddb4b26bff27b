import Logging
import Spotify
import Storage

/// Keeps one user's Spotify access token usable: reads and opens the stored tokens,
/// refreshes them near expiry (keeping the old refresh token unless Spotify sends a new
/// one), and on `invalid_grant` drops them and notifies the user `spotify_disconnected`.
struct SpotifyTokenKeeper: Sendable {
    /// A usable access token, or why there is none.
    enum Access: Sendable {
        case token(SpotifyTokens, row: SealedSpotifyTokens)
        /// Tokens are gone (never connected, dropped, or revoked just now).
        case disconnected
        /// Spotify asked to wait before the next request.
        case retryAfter(milliseconds: Int64)
        /// A passing failure (Spotify unavailable, storage): try again next round.
        case unavailable
    }

    let database: Database
    let api: any SpotifyAPI
    let vault: SpotifyTokenVault
    let hub: NotificationHub
    let clock: WallClock
    let refreshMarginMilliseconds: Int64
    let logger: Logger

    /// The user's access token, refreshed first when it expires within the margin.
    func access(userID: String) async -> Access {
        let row: SealedSpotifyTokens?
        do {
            row = try await database.read { try SpotifyTokenStore($0).find(userID: userID) }
        } catch {
            logger.error("reading the Spotify tokens of \(userID) failed: \(String(describing: error))")
            return .unavailable
        }
        guard let row else { return .disconnected }
        let tokens: SpotifyTokens
        do {
            tokens = try vault.open(row)
        } catch {
            logger.error("the Spotify tokens of \(userID) do not open with the token key (\(error)); disconnecting")
            await disconnect(row)
            return .disconnected
        }
        if tokens.expiresAt - clock.nowMilliseconds <= refreshMarginMilliseconds {
            return await refresh(tokens, row: row)
        }
        return .token(tokens, row: row)
    }

    /// Refreshes the access token now (e.g. after Spotify answered 401 to it).
    func refresh(_ tokens: SpotifyTokens, row: SealedSpotifyTokens) async -> Access {
        let grant: SpotifyTokenGrant
        do {
            grant = try await api.refresh(refreshToken: tokens.refreshToken)
        } catch SpotifyAPIError.invalidGrant(let detail) {
            logger.info("Spotify revoked the refresh token of \(row.userID) (\(detail)); disconnecting")
            await disconnect(row)
            return .disconnected
        } catch SpotifyAPIError.rateLimited(let seconds) {
            return .retryAfter(milliseconds: seconds * 1000)
        } catch {
            logger.warning("refreshing the Spotify token of \(row.userID) failed: \(String(describing: error))")
            return .unavailable
        }
        let now = clock.nowMilliseconds
        guard let sealed = vault.seal(grant, userID: row.userID, previousRefreshToken: tokens.refreshToken, at: now)
        else { return .unavailable }
        do {
            let replaced = try await database.write { try SpotifyTokenStore($0).replace(row, with: sealed, at: now) }
            // Not replaced: a new sign-in or a disconnect came first; the next round reads that.
            guard replaced else { return .unavailable }
        } catch {
            logger.error("storing the refreshed Spotify token of \(row.userID) failed: \(String(describing: error))")
            return .unavailable
        }
        let refreshed = SpotifyTokens(
            accessToken: grant.accessToken, refreshToken: grant.refreshToken ?? tokens.refreshToken,
            expiresAt: sealed.expiresAt)
        return .token(refreshed, row: sealed)
    }

    /// Deletes the tokens read as `row` and, in the same write, records the
    /// `spotify_disconnected` notification; then delivers it. Does nothing when the row
    /// changed meanwhile (the user signed in again).
    func disconnect(_ row: SealedSpotifyTokens) async {
        let (hub, now) = (self.hub, clock.nowMilliseconds)
        do {
            let records = try await database.write { connection -> [NotificationRecord] in
                guard try SpotifyTokenStore(connection).delete(row) else { return [] }
                return [try hub.record(Self.disconnectedNotice(userID: row.userID), on: connection, at: now)]
            }
            hub.deliver(records)
        } catch {
            logger.error("disconnecting Spotify for \(row.userID) failed: \(String(describing: error))")
        }
    }

    static func disconnectedNotice(userID: String) -> NotificationDraft {
        NotificationDraft(
            recipientID: userID, kind: .spotifyDisconnected, title: "Spotify disconnected",
            message: "Spotify no longer accepts this connection. Sign in with Spotify again to share what you play.")
    }
}
