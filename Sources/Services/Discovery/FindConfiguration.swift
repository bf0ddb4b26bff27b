/// The find game's settings (discovery.proto): how long a session may stay unfinished and how
/// often a player may measure the distance.
public struct FindConfiguration: Sendable, Hashable {
    /// The default time a session may stay unfinished: 15 minutes.
    public static let defaultTimeoutMilliseconds: Int64 = 15 * 60 * 1000

    /// How long after it started an unfinished (pending or active) session expires.
    public var timeoutMilliseconds: Int64
    /// The per-user limit on distance measurements (`GetFindHint` and `CompleteFind`).
    public var hintLimit: TokenBuckets.Policy
    /// The per-user limit on `StartFind` calls (each may notify someone): a burst of 10,
    /// then one every 30 s.
    public var requestLimit = TokenBuckets.Policy(capacity: 10, refillMilliseconds: 30_000)

    public init(
        timeoutMilliseconds: Int64 = defaultTimeoutMilliseconds, hintLimit: TokenBuckets.Policy = RateLimits().findHints
    ) {
        precondition(timeoutMilliseconds > 0, "the find timeout must be positive")
        self.timeoutMilliseconds = timeoutMilliseconds
        self.hintLimit = hintLimit
    }

    /// The time between two passes of the expiry sweeper (a tenth of the timeout, between
    /// 100 ms and 5 s), so a session is marked expired soon after its deadline.
    public var sweepInterval: Duration {
        LiveExpirySweeper.defaultInterval(forTimeoutMilliseconds: timeoutMilliseconds)
    }
}
