import Spotify
import Testing

@testable import Services

@Suite struct SpotifyAudioFeatureCacheTests {
    @Test func theOldestTracksAreForgottenFirst() {
        let cache = AudioFeatureCache(capacity: 3)
        let features = SpotifyAudioFeatures(energy: 0.1, valence: 0.2)
        for index in 0..<10 {
            cache.set(index.isMultiple(of: 2) ? .known(features) : .unavailable, for: "t\(index)")
        }
        #expect(cache.count == 3)
        #expect(cache.get("t6") == nil)
        #expect(
            cache.get("t7") == .unavailable && cache.get("t8") == .known(features) && cache.get("t9") == .unavailable)
        cache.set(.unavailable, for: "t8")  // an update keeps its place
        cache.set(.unavailable, for: "t10")
        #expect(cache.get("t7") == nil && cache.get("t8") == .unavailable)
    }
}
