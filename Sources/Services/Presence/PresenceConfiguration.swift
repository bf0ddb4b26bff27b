/// The Presence service's tunable rules.
public struct PresenceConfiguration: Sendable, Equatable {
    /// A live user silent (no heartbeat, no location) this long stops being live (default 120 s).
    public var liveTimeoutMilliseconds: Int64 = 120_000
    /// How often the expiry sweeper runs; nil picks `LiveExpirySweeper.defaultInterval`.
    public var sweepInterval: Duration?
    /// Listening history entries kept per user (default 50).
    public var historyLimit = 50
    /// The shortest time between two location changes (default 1 s).
    public var minLocationIntervalMilliseconds: Int64 = 1000
    /// The fastest believable move between two stored locations (default 300 m/s).
    public var maxSpeedMetersPerSecond = 300.0
    /// The per-user token bucket every `UpdateLocation` call takes from, refused or not, so
    /// a client hammering the RPC is turned away before it reaches storage.
    public var locationUpdateLimit = RateLimits().locationUpdates

    public init() {}

    /// The sweeper interval in force.
    public var effectiveSweepInterval: Duration {
        sweepInterval ?? LiveExpirySweeper.defaultInterval(forTimeoutMilliseconds: liveTimeoutMilliseconds)
    }
}
