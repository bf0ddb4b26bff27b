import Logging
import Spotify
import Storage

/// One poll of one user: read what their Spotify player is playing and, when it changed,
/// record it through the Presence service's now-playing path (current track, listening
/// history, live index and its watchers), with the track's audio features when Spotify
/// gives them.
final class SpotifyPlaybackSync: Sendable {
    let tokens: SpotifyTokenKeeper
    let api: any SpotifyAPI
    let presence: PresenceService
    let features: AudioFeatureCache
    let logger: Logger

    init(
        tokens: SpotifyTokenKeeper, api: any SpotifyAPI, presence: PresenceService, features: AudioFeatureCache,
        logger: Logger
    ) {
        self.tokens = tokens
        self.api = api
        self.presence = presence
        self.features = features
        self.logger = logger
    }

    /// Polls `userID` once.
    func poll(userID: String) async -> SpotifyPollOutcome {
        guard presence.liveIndex.get(userID) != nil else { return .polled }
        var access = await tokens.access(userID: userID)
        var refreshedAfterRefusal = false
        while true {
            switch access {
            case .disconnected: return .disconnected
            case .retryAfter(let milliseconds): return .retryAfter(milliseconds: milliseconds)
            case .unavailable: return .polled
            case .token(let current, let row):
                do {
                    let playback = try await api.currentlyPlaying(accessToken: current.accessToken)
                    await record(playback, userID: userID, accessToken: current.accessToken)
                    return .polled
                } catch SpotifyAPIError.rateLimited(let seconds) {
                    return .retryAfter(milliseconds: seconds * 1000)
                } catch SpotifyAPIError.unauthorized where !refreshedAfterRefusal {
                    // Expired early or revoked: refresh once and try again.
                    refreshedAfterRefusal = true
                    access = await tokens.refresh(current, row: row)
                } catch {
                    logger.warning("reading the Spotify player of \(userID) failed: \(String(describing: error))")
                    return .polled
                }
            }
        }
    }

    /// Records `playback` when it differs from what the live index holds for the user.
    private func record(_ playback: SpotifyPlayback, userID: String, accessToken: String) async {
        guard let live = presence.liveIndex.get(userID) else { return }
        let current = live.nowPlaying
        let track: TrackRecord?
        if let playing = playback.track {
            if current?.track.trackID == playing.id, current?.isPlaying == playback.isPlaying { return }
            let features = await audioFeatures(of: playing.id, accessToken: accessToken)
            guard let mapped = SpotifyMapping.track(playing, features: features) else { return }
            track = mapped
        } else {
            guard current != nil else { return }
            track = nil
        }
        do {
            _ = try await presence.recordNowPlaying(userID: userID, track: track, isPlaying: playback.isPlaying)
        } catch {
            logger.error("recording the Spotify track of \(userID) failed: \(String(describing: error))")
        }
    }

    /// The cached features of `trackID`, fetched on first sight. A refusal (403, 404) is
    /// cached as unavailable so the track is not asked for again; a passing failure is not.
    private func audioFeatures(of trackID: String, accessToken: String) async -> SpotifyAudioFeatures? {
        switch features.get(trackID) {
        case .known(let known): return known
        case .unavailable: return nil
        case nil: break
        }
        do {
            let fetched = try await api.audioFeatures(trackID: trackID, accessToken: accessToken)
            features.set(.known(fetched), for: trackID)
            return fetched
        } catch SpotifyAPIError.forbidden, SpotifyAPIError.notFound {
            features.set(.unavailable, for: trackID)
        } catch {
            logger.debug("audio features of \(trackID) are not available now: \(String(describing: error))")
        }
        return nil
    }
}
