/// What polling one user came to.
enum SpotifyPollOutcome: Sendable, Equatable {
    /// Poll again one interval later.
    case polled
    /// Spotify asked to wait (429 `Retry-After`): no request for this user before then.
    case retryAfter(milliseconds: Int64)
    /// The user has no (usable) tokens any more: stop polling them.
    case disconnected
}

/// When each polled user is due, kept apart from the timers and tasks that act on it.
///
/// Each user gets a fixed phase inside the interval (from a hash of their id), so polls are
/// spread over the interval instead of all starting together, and a user keeps their phase
/// from one round to the next. A user being polled is not started again until the poll ends.
struct SpotifyPollSchedule {
    private struct Entry {
        var due: Int64
        var inFlight = false
        /// Not polled until then (a 429's `Retry-After`).
        var notBefore: Int64 = .min
    }

    let intervalMilliseconds: Int64
    private var entries: [String: Entry] = [:]
    private(set) var inFlightCount = 0

    init(intervalMilliseconds: Int64) {
        precondition(intervalMilliseconds > 0, "the poll interval is positive")
        self.intervalMilliseconds = intervalMilliseconds
    }

    /// The users to poll from now on: new ones are scheduled at their phase, gone ones are
    /// dropped (a poll in flight for them just finishes).
    mutating func setUsers(_ userIDs: some Sequence<String>, now: Int64) {
        var next: [String: Entry] = [:]
        for userID in userIDs {
            next[userID] = entries[userID] ?? Entry(due: firstDue(of: userID, now: now))
        }
        entries = next
        inFlightCount = entries.values.count { $0.inFlight }
    }

    /// Up to `limit` users due at `now`, most overdue first, marked in flight.
    mutating func takeDue(now: Int64, limit: Int) -> [String] {
        guard limit > 0 else { return [] }
        let due = entries.filter { !$0.value.inFlight && $0.value.due <= now && $0.value.notBefore <= now }
            .sorted { ($0.value.due, $0.key) < ($1.value.due, $1.key) }
            .prefix(limit).map(\.key)
        for userID in due { entries[userID]?.inFlight = true }
        inFlightCount += due.count
        return due
    }

    /// Records how the poll of `userID` ended at `now` and schedules the next one.
    mutating func finish(_ userID: String, outcome: SpotifyPollOutcome, now: Int64) {
        guard var entry = entries[userID], entry.inFlight else { return }
        entry.inFlight = false
        inFlightCount -= 1
        switch outcome {
        case .disconnected:
            entries[userID] = nil
            return
        case .polled:
            break
        case .retryAfter(let milliseconds):
            entry.notBefore = now + milliseconds
        }
        // Keep the phase; after a long poll or a back-off, the first slot not in the past.
        entry.due += intervalMilliseconds
        if entry.due < max(now, entry.notBefore) {
            let behind = max(now, entry.notBefore) - entry.due
            entry.due += (behind + intervalMilliseconds - 1) / intervalMilliseconds * intervalMilliseconds
        }
        entries[userID] = entry
    }

    /// The earliest time a user not in flight becomes due; nil when there is none.
    func nextDue() -> Int64? {
        entries.values.filter { !$0.inFlight }.map { max($0.due, $0.notBefore) }.min()
    }

    /// How many users are scheduled.
    var count: Int { entries.count }

    private func firstDue(of userID: String, now: Int64) -> Int64 {
        now + Int64(Self.stableHash(userID) % UInt64(intervalMilliseconds))
    }

    /// FNV-1a: the same phase for a user in every process, unlike `hashValue`.
    static func stableHash(_ text: String) -> UInt64 {
        text.utf8.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
    }
}
