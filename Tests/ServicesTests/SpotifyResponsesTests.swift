import Foundation
import Testing

@testable import Spotify

@Suite struct SpotifyResponsesTests {
    private func json(_ text: String) -> Data { Data(text.utf8) }

    @Test func tokenErrorsMapToWhatCallersActOn() {
        let revoked = json(#"{"error":"invalid_grant","error_description":"Refresh token revoked"}"#)
        #expect(throws: SpotifyAPIError.invalidGrant("Refresh token revoked")) {
            try SpotifyResponses.tokenGrant(status: 400, retryAfter: nil, body: revoked)
        }
        #expect(throws: SpotifyAPIError.invalidClient("Invalid client")) {
            try SpotifyResponses.tokenGrant(
                status: 400, retryAfter: nil,
                body: json(#"{"error":"invalid_client","error_description":"Invalid client"}"#))
        }
        #expect(throws: SpotifyAPIError.rateLimited(retryAfterSeconds: 7)) {
            try SpotifyResponses.tokenGrant(status: 429, retryAfter: "7", body: Data())
        }
        let grant = try? SpotifyResponses.tokenGrant(
            status: 200, retryAfter: nil,
            body: json(#"{"access_token":"a","token_type":"Bearer","expires_in":3600,"scope":"s"}"#))
        #expect(grant == SpotifyTokenGrant(accessToken: "a", refreshToken: nil, expiresInSeconds: 3600, scope: "s"))
    }

    @Test func webAPIStatusesMapToErrors() {
        #expect(
            SpotifyResponses.apiError(
                status: 401, retryAfter: nil,
                body: json(#"{"error":{"status":401,"message":"The access token expired"}}"#))
                == .unauthorized("The access token expired"))
        #expect(
            SpotifyResponses.apiError(status: 503, retryAfter: nil, body: Data())
                == .unavailable("Spotify answered HTTP 503: HTTP 503"))
        #expect(
            SpotifyResponses.apiError(status: 429, retryAfter: nil, body: Data()) == .rateLimited(retryAfterSeconds: 5))
        #expect(SpotifyResponses.retryAfterSeconds("0") == 1)
    }

    @Test func playbackReadsTracksAndNothingElse() throws {
        #expect(try SpotifyResponses.playback(status: 204, body: Data()) == .nothing)
        let track = json(
            #"""
            {"is_playing":true,"currently_playing_type":"track","item":{"id":"t1","type":"track","name":"Song",
             "artists":[{"name":"A"},{"name":"B"}],
             "album":{"images":[{"url":"https://i/small","width":64},{"url":"https://i/big","width":640}]}}}
            """#)
        #expect(
            try SpotifyResponses.playback(status: 200, body: track)
                == SpotifyPlayback(
                    track: SpotifyTrack(id: "t1", name: "Song", artists: "A, B", albumArtURL: "https://i/big"),
                    isPlaying: true))
        let episode = json(#"{"is_playing":true,"currently_playing_type":"episode","item":null}"#)
        #expect(
            try SpotifyResponses.playback(status: 200, body: episode) == SpotifyPlayback(track: nil, isPlaying: true))
        #expect(throws: SpotifyAPIError.self) { try SpotifyResponses.playback(status: 200, body: json("[]")) }
    }

    @Test func theAuthorizeURLCarriesThePKCEParameters() {
        let endpoints = SpotifyEndpoints(clientID: "id", accountsURL: "http://127.0.0.1:1/")
        let url = SpotifyAuthorizeURL.make(
            endpoints: endpoints, redirectURI: "https://app.example/cb?x=1", state: "st", codeChallenge: "ch")
        #expect(
            url == "http://127.0.0.1:1/authorize?client_id=id&response_type=code"
                + "&redirect_uri=https%3A%2F%2Fapp.example%2Fcb%3Fx%3D1"
                + "&scope=user-read-currently-playing%20user-read-playback-state%20user-read-private"
                + "&state=st&code_challenge_method=S256&code_challenge=ch")
    }
}
