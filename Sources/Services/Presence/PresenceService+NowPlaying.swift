import Messages
import RPC
import Storage

extension PresenceService {
    func setNowPlaying(
        _ request: SetNowPlayingRequest, caller: AuthenticatedCaller
    ) async throws -> SetNowPlayingResponse {
        let track = try PresenceValidation.track(request.track)
        let appended = try await recordNowPlaying(userID: caller.userID, track: track, isPlaying: request.isPlaying)
        var response = SetNowPlayingResponse()
        response.appendedToHistory = appended
        response.vibe = VibeRule.vibe(of: track.map { NowPlayingRecord(track: $0, isPlaying: request.isPlaying) })
        return response
    }

    /// Records what `userID` is playing (nil: nothing), for `SetNowPlaying` and the Spotify
    /// poller alike: `current_tracks`, the listening history (a repeat of the newest entry
    /// is not appended) and the live index, whose watchers see the change. `track` must be
    /// valid (`PresenceValidation.track`). Returns true when the history got a new entry.
    public func recordNowPlaying(userID: String, track: TrackRecord?, isPlaying: Bool) async throws -> Bool {
        let nowPlaying = track.map { NowPlayingRecord(track: $0, isPlaying: isPlaying) }
        let (store, now, entryID) = (self.store, clock.nowMilliseconds, Identifiers.make())
        return try await write("recording the current track", userID: userID) { db in
            let appended = try store.setNowPlaying(
                db, userID: userID, track: track, isPlaying: isPlaying, newEntryID: entryID, now: now)
            try self.liveIndex.update(userID) { $0.nowPlaying = nowPlaying }
            return appended
        }
    }

    func listListeningHistory(
        _ request: ListListeningHistoryRequest, caller: AuthenticatedCaller
    ) async throws -> ListListeningHistoryResponse {
        let pageSize = try PageSize.resolve(request.pageSize)
        let cursor = try HistoryPageToken.decode(request.pageToken)
        let (store, userID) = (self.store, caller.userID)
        let records = try await read("reading the listening history") {
            try store.history($0, userID: userID, after: cursor, limit: pageSize + 1)
        }
        var response = ListListeningHistoryResponse()
        response.entries = records.prefix(pageSize).map(HistoryEntry.init)
        if records.count > pageSize, let last = records.prefix(pageSize).last {
            response.nextPageToken = HistoryPageToken.encode(HistoryCursor(playedAtMs: last.playedAtMs, id: last.id))
        }
        return response
    }
}
