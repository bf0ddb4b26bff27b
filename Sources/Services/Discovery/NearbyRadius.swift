import RPC

/// The radius rule of `ListNearby` and `WatchNearby` (discovery.proto): 0 means the caller's
/// radius in force, other values are clamped to 100 to 10000 m; negative, NaN and infinite
/// values are INVALID_ARGUMENT.
public enum NearbyRadius {
    /// The smallest radius served, in metres.
    public static let minimumMeters = 100.0
    /// The largest radius served, in metres.
    public static let maximumMeters = 10_000.0

    /// Checks a requested `radius_m`; returns nil for 0 (use the caller's radius), else the
    /// clamped radius.
    public static func validate(_ requested: Double, field: String = "radius_m") throws(RPCError) -> Double? {
        guard requested.isFinite else {
            throw RPCError.invalidArgument(field: field, "must be a finite number of metres, not \(requested)")
        }
        guard requested >= 0 else {
            throw RPCError.invalidArgument(
                field: field, "must not be negative (0 means your radius; others are clamped to 100...10000)")
        }
        return requested == 0 ? nil : clamp(requested)
    }

    /// The radius in force: `requested` (already clamped) or the caller's `radiusKm`, clamped.
    public static func resolve(_ requested: Double?, callerRadiusKm: Double) -> Double {
        requested ?? clamp(callerRadiusKm * 1000)
    }

    /// `meters` clamped to the served range (NaN becomes the minimum).
    public static func clamp(_ meters: Double) -> Double {
        guard meters.isFinite else { return meters > 0 ? maximumMeters : minimumMeters }
        return min(max(meters, minimumMeters), maximumMeters)
    }
}
