import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The wall clock the services read, in milliseconds since the Unix epoch (the unit every
/// stored time uses). Injectable so tests control time.
public struct WallClock: Sendable {
    private let read: @Sendable () -> Int64

    /// A clock that reads `now`.
    public init(_ now: @escaping @Sendable () -> Int64) {
        read = now
    }

    /// The current time in milliseconds since 1970-01-01T00:00:00Z.
    public var nowMilliseconds: Int64 { read() }

    /// The system's real-time clock.
    public static let system = WallClock {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000
    }
}

/// A clock that stands still until a test moves it.
public final class ManualClock: Sendable {
    private let milliseconds: Mutex<Int64>

    /// Starts at `milliseconds` since the epoch.
    public init(milliseconds: Int64) {
        self.milliseconds = Mutex(milliseconds)
    }

    /// Moves the clock forward (or back, for a negative amount).
    public func advance(byMilliseconds delta: Int64) {
        milliseconds.withLock { $0 += delta }
    }

    /// A `WallClock` that reads this clock.
    public var wallClock: WallClock {
        WallClock { [self] in milliseconds.withLock { $0 } }
    }
}
