import Geo
import RPC
import Storage

/// The location rules of API.md: at most one location change a second, and no move faster
/// than a believable speed from the last stored location.
struct MovementPolicy: Sendable {
    let minIntervalMilliseconds: Int64
    let maxSpeedMetersPerSecond: Double

    /// Throws RESOURCE_EXHAUSTED (with RetryInfo) when `previous` was stored less than the
    /// minimum interval before `now`, or FAILED_PRECONDITION when the move to `next` implies
    /// an impossible speed. No previous location means no limit.
    func check(from previous: LocationRecord?, to next: Coordinate, now: Int64) throws(RPCError) {
        guard let previous else { return }
        let elapsed = now - previous.updatedAtMs
        guard elapsed >= minIntervalMilliseconds else {
            let wait = minIntervalMilliseconds - max(elapsed, 0)
            throw RPCError.resourceExhausted(
                "location changes are limited to one every \(minIntervalMilliseconds) ms; retry in \(wait) ms",
                retryAfter: .milliseconds(wait))
        }
        let meters = GeoDistance.haversine(previous.coordinate, next)
        let speed = meters / (Double(elapsed) / 1000)
        guard speed <= maxSpeedMetersPerSecond else {
            throw RPCError.failedPrecondition(
                "the move of \(Int(meters.rounded())) m in \(elapsed) ms from the last stored location implies "
                    + "\(Int(speed.rounded())) m/s, over the limit of \(Int(maxSpeedMetersPerSecond)) m/s")
        }
    }
}
