import Messages
import RPC
import Storage

extension PresenceService {
    func setNowPlaying(
        _ request: SetNowPlayingRequest, caller: AuthenticatedCaller
    ) async throws -> SetNowPlayingResponse {
        let track = try PresenceValidation.track(request.track)
        let nowPlaying = track.map { NowPlayingRecord(track: $0, isPlaying: request.isPlaying) }
        let (store, now, userID, isPlaying) = (self.store, clock.nowMilliseconds, caller.userID, request.isPlaying)
        let entryID = Identifiers.make()
        let appended = try await write("recording the current track", userID: userID) { db in
            let appended = try store.setNowPlaying(
                db, userID: userID, track: track, isPlaying: isPlaying, newEntryID: entryID, now: now)
            try self.liveIndex.update(userID) { $0.nowPlaying = nowPlaying }
            return appended
        }
        var response = SetNowPlayingResponse()
        response.appendedToHistory = appended
        response.vibe = VibeRule.vibe(of: nowPlaying)
        return response
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
