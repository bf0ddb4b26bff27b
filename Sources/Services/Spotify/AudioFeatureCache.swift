import Spotify
import Synchronization

/// Audio features per track, fetched once: known values, or "unavailable" once Spotify
/// refused them (403/404), so a track is never asked for again. Holds at most `capacity`
/// tracks, forgetting the oldest first.
final class AudioFeatureCache: Sendable {
    enum Entry: Sendable, Hashable {
        case known(SpotifyAudioFeatures)
        case unavailable
    }

    private struct State {
        var entries: [String: Entry] = [:]
        /// Keys in insertion order from `head` on; earlier slots are already evicted.
        var order: [String] = []
        var head = 0
    }

    private let capacity: Int
    private let state = Mutex(State())

    init(capacity: Int) {
        precondition(capacity >= 1, "the audio feature cache holds at least one track")
        self.capacity = capacity
    }

    /// What is known about `trackID`; nil when it was never fetched (or was evicted).
    func get(_ trackID: String) -> Entry? {
        state.withLock { $0.entries[trackID] }
    }

    func set(_ entry: Entry, for trackID: String) {
        state.withLock { state in
            if state.entries.updateValue(entry, forKey: trackID) == nil { state.order.append(trackID) }
            while state.entries.count > capacity {
                state.entries.removeValue(forKey: state.order[state.head])
                state.head += 1
            }
            if state.head > capacity {
                state.order.removeFirst(state.head)
                state.head = 0
            }
        }
    }

    var count: Int { state.withLock { $0.entries.count } }
}
