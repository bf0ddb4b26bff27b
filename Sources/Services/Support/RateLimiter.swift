import Synchronization

/// Allows at most `limit` events per key in each fixed window of time (e.g. sign-ins per
/// peer per minute). Windows of idle keys are dropped as time moves on.
public final class RateLimiter: Sendable {
    private struct Window {
        var start: Int64
        var count: Int
    }

    private let limit: Int
    private let windowMilliseconds: Int64
    private let clock: WallClock
    private let windows = Mutex<[String: Window]>([:])

    /// `limit` events per `windowMilliseconds` per key; a limit of 0 or less allows everything.
    public init(limit: Int, windowMilliseconds: Int64, clock: WallClock) {
        self.limit = limit
        self.windowMilliseconds = windowMilliseconds
        self.clock = clock
    }

    /// Counts one event for `key`. Returns nil when allowed, else the milliseconds until
    /// the key's window ends.
    public func acquire(_ key: String) -> Int64? {
        guard limit > 0 else { return nil }
        let now = clock.nowMilliseconds
        return windows.withLock { windows in
            if windows.count > 10_000 {
                windows = windows.filter { now - $0.value.start < windowMilliseconds }
            }
            var window = windows[key] ?? Window(start: now, count: 0)
            if now - window.start >= windowMilliseconds { window = Window(start: now, count: 0) }
            guard window.count < limit else { return window.start + windowMilliseconds - now }
            window.count += 1
            windows[key] = window
            return nil
        }
    }

    /// The address part of a transport peer description (`"ipv4:127.0.0.1:5312"` gives
    /// `"ipv4:127.0.0.1"`), so that every connection from one host shares a limit.
    public static func host(ofPeer peer: String) -> String {
        guard let colon = peer.lastIndex(of: ":"), peer[peer.index(after: colon)...].allSatisfy(\.isNumber) else {
            return peer
        }
        return String(peer[..<colon])
    }
}
