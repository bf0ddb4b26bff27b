import RPC
import Synchronization

/// Per-user token buckets (reactions, capsule drops, find hints, location updates): each
/// key holds up to `capacity` tokens and regains one every `refillMilliseconds`; an action
/// takes one token, or is refused with the time until the next token.
public final class TokenBuckets: Sendable {
    /// A bucket's shape: how many actions in a burst, and how fast they come back.
    public struct Policy: Sendable, Hashable {
        /// The most tokens a bucket holds (a burst); 0 or less turns the limit off.
        public var capacity: Int
        /// Milliseconds to regain one token.
        public var refillMilliseconds: Int64

        public init(capacity: Int, refillMilliseconds: Int64) {
            self.capacity = capacity
            self.refillMilliseconds = refillMilliseconds
        }

        /// `count` actions per `milliseconds`, all of them available at once.
        public static func perWindow(_ count: Int, milliseconds: Int64) -> Policy {
            Policy(capacity: count, refillMilliseconds: max(1, milliseconds / Int64(max(count, 1))))
        }
    }

    private struct Bucket {
        /// Tokens, in thousandths, as of `updatedAt`.
        var milliTokens: Int64
        var updatedAt: Int64
    }

    /// What the limit is for, as clients read it in messages ("reactions", "capsule drops").
    public let action: String
    public let policy: Policy
    private let clock: WallClock
    /// The buckets, and the size at which full ones are next dropped.
    private let state = Mutex<(buckets: [String: Bucket], pruneAt: Int)>(([:], TokenBuckets.minimumPruneSize))
    /// Below this many buckets, full ones are kept.
    private static let minimumPruneSize = 10_000

    public init(action: String, policy: Policy, clock: WallClock) {
        self.action = action
        self.policy = policy
        self.clock = clock
    }

    /// Takes a token from `key`'s bucket. Returns nil when allowed, else the milliseconds
    /// until a token is back (nothing is taken then).
    public func take(_ key: String) -> Int64? {
        guard policy.capacity > 0 else { return nil }
        let now = clock.nowMilliseconds
        let full = Int64(policy.capacity) * 1000
        return state.withLock { state in
            if state.buckets.count > state.pruneAt {
                // Drop the full buckets (no different from a missing one); then wait for the map
                // to double before the next pass, so each take pays O(1) on average.
                state.buckets = state.buckets.filter { refilled($0.value, now: now) < full }
                state.pruneAt = max(Self.minimumPruneSize, 2 * state.buckets.count)
            }
            var bucket =
                state.buckets[key].map { Bucket(milliTokens: refilled($0, now: now), updatedAt: now) }
                ?? Bucket(milliTokens: full, updatedAt: now)
            guard bucket.milliTokens >= 1000 else { return millisecondsUntilToken(bucket.milliTokens) }
            bucket.milliTokens -= 1000
            state.buckets[key] = bucket
            return nil
        }
    }

    /// The milliseconds until `key`'s bucket holds a token again (0 when it holds one now),
    /// without taking one.
    public func wait(_ key: String) -> Int64 {
        guard policy.capacity > 0 else { return 0 }
        let now = clock.nowMilliseconds
        let tokens = state.withLock { $0.buckets[key].map { refilled($0, now: now) } } ?? Int64(policy.capacity) * 1000
        return tokens >= 1000 ? 0 : millisecondsUntilToken(tokens)
    }

    /// Takes a token from `key`'s bucket, or throws RESOURCE_EXHAUSTED with a
    /// `google.rpc.RetryInfo` of the wait.
    public func check(_ key: String) throws(RPCError) {
        guard let wait = take(key) else { return }
        throw RPCError.resourceExhausted(
            "too many \(action): at most \(policy.capacity) at once, one more every \(policy.refillMilliseconds) ms; "
                + "retry in \(wait) ms",
            retryAfter: .milliseconds(wait))
    }

    /// The milliseconds until a bucket holding `milliTokens` (less than one token) holds one.
    private func millisecondsUntilToken(_ milliTokens: Int64) -> Int64 {
        ((1000 - milliTokens) * policy.refillMilliseconds + 999) / 1000
    }

    private func refilled(_ bucket: Bucket, now: Int64) -> Int64 {
        let elapsed = max(0, now - bucket.updatedAt)
        let gained = elapsed * 1000 / policy.refillMilliseconds
        return min(Int64(policy.capacity) * 1000, bucket.milliTokens + gained)
    }
}
