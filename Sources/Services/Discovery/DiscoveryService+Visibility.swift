extension DiscoveryService {
    /// Whether `viewerID` can see `otherID` nearby right now: both live and `otherID` within the
    /// viewer's own radius by the rule ListNearby applies (`NearbyOrdering`'s shown distance).
    /// Blocks are not checked here; callers check them against storage.
    public func isVisibleNearby(_ otherID: String, to viewerID: String) -> Bool {
        guard viewerID != otherID, let viewer = liveIndex.get(viewerID), let other = liveIndex.get(otherID) else {
            return false
        }
        let radius = NearbyRadius.resolve(nil, callerRadiusKm: viewer.radiusKm)
        return match(viewer, sees: other, radiusMeters: radius) != nil
    }
}
