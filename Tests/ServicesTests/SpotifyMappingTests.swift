import Spotify
import Testing

@testable import Services

@Suite struct SpotifyMappingTests {
    @Test func textIsTrimmedCleanedAndCut() {
        #expect(SpotifyMapping.fitted("  Ana\u{0}\n ", characters: 50) == "Ana")
        #expect(SpotifyMapping.fitted(String(repeating: "é", count: 60), characters: 50).unicodeScalars.count == 50)
        #expect(SpotifyMapping.trimmed("\u{00A0} key= \n") == "key=")
        #expect(SpotifyMapping.trimmed(" \n ").isEmpty)
    }

    @Test func profilesWithoutANameGetTheFallback() throws {
        let user = try #require(
            SpotifyMapping.user(SpotifyProfile(id: "s1", displayName: "  ", email: "", imageURL: "https://i/a")))
        #expect(user.displayName == SpotifyMapping.fallbackDisplayName && user.email == nil)
        #expect(user.avatarURL == "https://i/a")
        #expect(SpotifyMapping.user(SpotifyProfile(id: "", displayName: "x", email: nil, imageURL: nil)) == nil)
    }

    @Test func tracksKeepOnlyValidFeaturesAndURLs() throws {
        let track = SpotifyTrack(id: "t1", name: "Song", artists: "", albumArtURL: "http://insecure/art")
        let mapped = try #require(
            SpotifyMapping.track(track, features: SpotifyAudioFeatures(energy: 1.5, valence: 0.25)))
        #expect(mapped.artist == "Unknown artist" && mapped.albumArt == nil)
        #expect(mapped.energy == nil && mapped.valence == 0.25)
        let unnamed = SpotifyTrack(id: "t2", name: " ", artists: "A", albumArtURL: nil)
        #expect(SpotifyMapping.track(unnamed, features: nil) == nil)
        let longID = SpotifyTrack(id: String(repeating: "x", count: 129), name: "S", artists: "A", albumArtURL: nil)
        #expect(SpotifyMapping.track(longID, features: nil) == nil)
    }
}
