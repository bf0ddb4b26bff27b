import Geo
import RPC
import Testing

@testable import Services

@Suite struct DiscoveryOrderingTests {
    struct Item: Equatable {
        var id: String
        var bucket: Double
        var exact: Double
    }

    /// Twenty users in one bucket and a few in the next, with exact distances rising with the id.
    static let items: [Item] =
        (0..<20).map { Item(id: "u\(100 + $0)", bucket: 100, exact: Double($0) * 4) }
        + (0..<5).map { Item(id: "v\(100 + $0)", bucket: 200, exact: 120 + Double($0)) }

    static func order(_ ordering: NearbyOrdering, _ items: [Item], viewer: String = "viewer") -> [String] {
        ordering.sorted(items, viewer: viewer, id: \.id, bucket: \.bucket).map(\.id)
    }

    @Test func bucketsComeNearestFirst() {
        let sorted = NearbyOrdering(secret: (1, 2)).sorted(
            Self.items.shuffled(), viewer: "viewer", id: \.id, bucket: \.bucket)
        #expect(sorted.map(\.bucket) == sorted.map(\.bucket).sorted())
        #expect(Set(sorted.map(\.id)) == Set(Self.items.map(\.id)))
    }

    @Test func theOrderIsStableWhateverTheInputOrder() {
        let ordering = NearbyOrdering(secret: (7, 9))
        let first = Self.order(ordering, Self.items)
        for _ in 0..<5 { #expect(Self.order(ordering, Self.items.shuffled()) == first) }
    }

    @Test func insideABucketTheOrderIsNotTheExactDistanceOrder() {
        let inBucket = Self.order(NearbyOrdering(secret: (3, 4)), Self.items).prefix(20)
        let byExact = Self.items.prefix(20).map(\.id)
        #expect(Array(inBucket) != byExact)
        #expect(Array(inBucket) != byExact.reversed())
    }

    @Test func theShuffleDependsOnTheSecretAndTheViewer() {
        let a = NearbyOrdering(secret: (1, 1))
        let b = NearbyOrdering(secret: (2, 2))
        #expect(Self.order(a, Self.items) != Self.order(b, Self.items))
        #expect(Self.order(a, Self.items, viewer: "alice") != Self.order(a, Self.items, viewer: "bob"))
        #expect(a.shuffleKey(viewer: "alice", other: "bob") == a.shuffleKey(viewer: "alice", other: "bob"))
    }

    @Test func shownDistancesAreGridBucketsBetweenSnappedPositions() {
        let ordering = NearbyOrdering()
        let berlin = Coordinate(latitude: 52.52, longitude: 13.405)
        // About 1234 m north.
        let north = Coordinate(latitude: 52.52 + 1234 / GeoDistance.metersPerDegree, longitude: 13.405)
        let shown = ordering.shownDistance(berlin, north)
        #expect(shown.truncatingRemainder(dividingBy: 100) == 0)
        #expect(abs(shown - GeoDistance.haversine(berlin, north)) <= 250)
        #expect(ordering.shownDistance(berlin, berlin) == 100)
        #expect(ordering.isInRange(shownDistance: shown, radiusMeters: shown))
        #expect(!ordering.isInRange(shownDistance: shown, radiusMeters: shown - 1))
    }

    @Test func theRadiusRule() throws {
        #expect(try NearbyRadius.validate(0) == nil)
        #expect(try NearbyRadius.validate(20) == 100)
        #expect(try NearbyRadius.validate(2500) == 2500)
        #expect(try NearbyRadius.validate(1e9) == 10_000)
        for bad in [-1, -.infinity, .infinity, .nan] as [Double] {
            let error = #expect(throws: RPCError.self) { try NearbyRadius.validate(bad) }
            #expect(error?.code == .invalidArgument)
        }
        #expect(NearbyRadius.resolve(nil, callerRadiusKm: 5) == 5000)
        #expect(NearbyRadius.resolve(nil, callerRadiusKm: 50) == 10_000)
        #expect(NearbyRadius.resolve(300, callerRadiusKm: 5) == 300)
    }
}
