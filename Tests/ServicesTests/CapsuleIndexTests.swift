import Geo
import Storage
import Testing

@testable import Services

@Suite struct CapsuleIndexTests {
    let index = CapsuleIndex()
    let centre = Coordinate(latitude: 48.85, longitude: 2.35)
    let profile = PublicProfileRecord(displayName: "Dropper", isAnonymous: false)

    private func capsule(
        _ creator: String = "creator", north: Double = 0, isPrivate: Bool = false, expiresAt: Int64? = nil
    ) -> CapsuleRecord {
        CapsuleRecord(
            id: Identifiers.make(), creatorID: creator,
            coordinate: Coordinate(latitude: centre.latitude + north / 111_195, longitude: centre.longitude),
            locationName: nil, track: TrackRecord(trackID: "t", trackName: "Song", artist: "Artist"),
            message: "secret", mood: nil, isPrivate: isPrivate, unlockAt: 0, expiresAt: expiresAt,
            discoveryRadiusMeters: 100, maxDiscoveries: nil, createdAt: 0)
    }

    private func nearbyIDs(_ viewer: String, radius: Double = 1000, excluding: Set<String> = [], now: Int64 = 0)
        -> [String]
    {
        index.nearby(centre, radiusMeters: radius, viewerID: viewer, excludedCreators: excluding, now: now).map(\.id)
    }

    @Test func findsCapsulesByShownDistanceWithoutMessages() {
        let far = capsule(north: 800)
        let near = capsule(north: 100)
        let outside = capsule(north: 3000)
        for record in [far, near, outside] { index.insert(record, creator: profile) }
        #expect(Set(nearbyIDs("viewer")) == [near.id, far.id])
        let found = index.capsules(
            index.nearby(centre, radiusMeters: 1000, viewerID: "viewer", excludedCreators: [], now: 0))
        #expect(found.allSatisfy { $0.capsule.message.isEmpty && $0.creator == profile })
        // Shown distances are buckets of the grid between cell centres, as PrivacyGrid shows them.
        for item in found {
            #expect(item.shownDistanceMeters == index.grid.coarseDistance(centre, item.capsule.coordinate))
        }
    }

    @Test func privateCapsulesOnlyForTheirCreatorAndBlockedCreatorsExcluded() {
        let hidden = capsule("alice", isPrivate: true)
        let open = capsule("bob")
        index.insert(hidden, creator: profile)
        index.insert(open, creator: profile)
        #expect(nearbyIDs("viewer") == [open.id])
        #expect(Set(nearbyIDs("alice")) == [hidden.id, open.id])
        #expect(nearbyIDs("viewer", excluding: ["bob"]).isEmpty)
    }

    @Test func expiredCapsulesLeaveLazilyAndBySweeping() {
        let soon = capsule(expiresAt: 100)
        let later = capsule(expiresAt: 200)
        let never = capsule()
        for record in [soon, later, never] { index.insert(record, creator: profile) }
        #expect(Set(nearbyIDs("viewer", now: 100)) == [later.id, never.id])
        #expect(!index.contains(soon.id))
        #expect(index.removeExpired(at: 200) == 1)
        #expect(index.count == 1)
    }

    @Test func countersOnlyGrowAndCreatorsCanBeRemovedOrRenamed() {
        let record = capsule("alice")
        index.insert(record, creator: profile)
        index.updateCounters(record.id, discoveryCount: 3, likeCount: 1)
        index.updateCounters(record.id, discoveryCount: 2, likeCount: 0)
        let renamed = PublicProfileRecord(displayName: "Renamed", isAnonymous: false)
        index.updateCreator("alice", profile: renamed)
        let found = index.capsules(index.nearby(centre, radiusMeters: 100, viewerID: "v", excludedCreators: [], now: 0))
        #expect(found.map(\.capsule.discoveryCount) == [3] && found.map(\.capsule.likeCount) == [1])
        #expect(found.map(\.creator) == [renamed])
        index.removeCapsules(of: "alice")
        #expect(index.count == 0 && !index.hasCapsules(of: "alice"))
    }

    @Test func replaceAllSkipsCapsulesWithoutACreator() {
        index.insert(capsule(), creator: profile)
        let kept = capsule("known")
        index.replaceAll([kept, capsule("unknown")], creators: ["known": profile])
        #expect(index.count == 1 && index.contains(kept.id))
    }

    @Test func listingPagesMatchTheFullNearbyOrder() {
        let ordering = NearbyOrdering(secret: (1, 2))
        let found = (0..<230).map { CapsuleCandidate(id: "c\($0)", shownDistanceMeters: Double(100 * (1 + $0 % 7))) }
        let full = ordering.sorted(found, viewer: "v", id: \.id, bucket: \.shownDistanceMeters).map(\.id)
        var paged: [String] = []
        for offset in stride(from: 0, to: 230, by: 50) {
            paged += CapsulesService.page(of: found, offset: offset, pageSize: 50, viewer: "v", ordering: ordering)
                .map(\.id)
        }
        #expect(paged == full)
    }
}
