/// The per-user rate limits of the services, by name, each a `TokenBuckets.Policy`.
/// Operators (and tests) override them with `--rate-limit NAME=CAPACITY/REFILL_MS`.
public struct RateLimits: Sendable, Hashable {
    /// Reactions sent: a burst of 30, then one every 2 s.
    public var reactions = TokenBuckets.Policy(capacity: 30, refillMilliseconds: 2_000)
    /// Capsules dropped: a burst of 10, then one every 6 minutes (10 an hour).
    public var capsuleDrops = TokenBuckets.Policy(capacity: 10, refillMilliseconds: 360_000)
    /// Find hints: a burst of 3, then one every 2 s.
    public var findHints = TokenBuckets.Policy(capacity: 3, refillMilliseconds: 2_000)
    /// Location updates (besides the 1 per second movement rule): a burst of 10, then one a second.
    public var locationUpdates = TokenBuckets.Policy(capacity: 10, refillMilliseconds: 1_000)

    public init() {}

    /// The names `set(_:)` accepts, with the key path each one sets (immutable, so safe to share).
    nonisolated(unsafe) static let names: [(String, WritableKeyPath<RateLimits, TokenBuckets.Policy>)] = [
        ("reactions", \.reactions), ("capsule_drops", \.capsuleDrops), ("find_hints", \.findHints),
        ("location_updates", \.locationUpdates),
    ]

    /// Applies one `NAME=CAPACITY/REFILL_MS` override (capacity 0 turns the limit off).
    /// Throws a message naming the valid forms when `text` is malformed.
    public mutating func set(_ text: String) throws(RateLimitSyntaxError) {
        let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, let keyPath = Self.names.first(where: { $0.0 == parts[0] })?.1 else {
            throw RateLimitSyntaxError(text: text)
        }
        let numbers = parts[1].split(separator: "/").map { Int64($0) }
        guard numbers.count == 2, let capacity = numbers[0], let refill = numbers[1],
            (0...1_000_000).contains(capacity), (1...86_400_000).contains(refill)
        else { throw RateLimitSyntaxError(text: text) }
        self[keyPath: keyPath] = TokenBuckets.Policy(capacity: Int(capacity), refillMilliseconds: refill)
    }
}

/// A `--rate-limit` value that is not `NAME=CAPACITY/REFILL_MS`.
public struct RateLimitSyntaxError: Error, CustomStringConvertible {
    public let text: String

    public var description: String {
        let names = RateLimits.names.map(\.0).joined(separator: ", ")
        return "'\(text)' is not NAME=CAPACITY/REFILL_MS with NAME one of \(names), CAPACITY 0 to 1000000 "
            + "(0 turns the limit off) and REFILL_MS 1 to 86400000"
    }
}
