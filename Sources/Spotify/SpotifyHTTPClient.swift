import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `SpotifyAPI` over HTTPS with `URLSession`: the token endpoint of the accounts service and
/// the Web API, at the configured base URLs.
public final class SpotifyHTTPClient: SpotifyAPI {
    private let endpoints: SpotifyEndpoints
    private let session: URLSession

    public init(endpoints: SpotifyEndpoints) {
        self.endpoints = endpoints
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = endpoints.requestTimeoutSeconds
        configuration.timeoutIntervalForResource = endpoints.requestTimeoutSeconds
        configuration.httpCookieStorage = nil
        configuration.urlCache = nil
        session = URLSession(configuration: configuration)
    }

    deinit {
        session.invalidateAndCancel()
    }

    public func exchange(code: String, codeVerifier: String, redirectURI: String) async throws
        -> SpotifyTokenGrant
    {
        try await token([
            URLQueryItem(name: "grant_type", value: "authorization_code"),
            URLQueryItem(name: "code", value: code),
            URLQueryItem(name: "redirect_uri", value: redirectURI),
            URLQueryItem(name: "code_verifier", value: codeVerifier),
        ])
    }

    public func refresh(refreshToken: String) async throws -> SpotifyTokenGrant {
        try await token([
            URLQueryItem(name: "grant_type", value: "refresh_token"),
            URLQueryItem(name: "refresh_token", value: refreshToken),
        ])
    }

    public func profile(accessToken: String) async throws -> SpotifyProfile {
        let response = try await get("/v1/me", accessToken: accessToken)
        try response.requireSuccess()
        return try SpotifyResponses.profile(body: response.body)
    }

    public func currentlyPlaying(accessToken: String) async throws -> SpotifyPlayback {
        let response = try await get("/v1/me/player/currently-playing", accessToken: accessToken)
        try response.requireSuccess()
        return try SpotifyResponses.playback(status: response.status, body: response.body)
    }

    public func audioFeatures(trackID: String, accessToken: String) async throws -> SpotifyAudioFeatures {
        let response = try await get("/v1/audio-features/\(FormEncoding.escape(trackID))", accessToken: accessToken)
        try response.requireSuccess()
        return try SpotifyResponses.audioFeatures(body: response.body)
    }

    // MARK: HTTP

    /// POSTs a grant to the token endpoint. With a client secret the app authenticates with
    /// HTTP Basic; without one (a PKCE public client) it sends `client_id` in the body.
    private func token(_ form: [URLQueryItem]) async throws(SpotifyAPIError) -> SpotifyTokenGrant {
        var form = form
        var request = try makeRequest(endpoints.accountsURL + "/api/token")
        request.httpMethod = "POST"
        request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        if let secret = endpoints.clientSecret, !secret.isEmpty {
            let credentials = Data("\(endpoints.clientID):\(secret)".utf8).base64EncodedString()
            request.setValue("Basic \(credentials)", forHTTPHeaderField: "Authorization")
        } else {
            form.append(URLQueryItem(name: "client_id", value: endpoints.clientID))
        }
        request.httpBody = Data(FormEncoding.encode(form).utf8)
        let response = try await send(request)
        return try SpotifyResponses.tokenGrant(
            status: response.status, retryAfter: response.retryAfter, body: response.body)
    }

    private func get(_ path: String, accessToken: String) async throws(SpotifyAPIError) -> HTTPResult {
        var request = try makeRequest(endpoints.apiURL + path)
        request.setValue("Bearer \(accessToken)", forHTTPHeaderField: "Authorization")
        return try await send(request)
    }

    private func makeRequest(_ url: String) throws(SpotifyAPIError) -> URLRequest {
        guard let url = URL(string: url) else { throw .unavailable("the Spotify URL '\(url)' is not valid") }
        var request = URLRequest(url: url, timeoutInterval: endpoints.requestTimeoutSeconds)
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        return request
    }

    private func send(_ request: URLRequest) async throws(SpotifyAPIError) -> HTTPResult {
        do {
            let (body, response) = try await session.data(for: request)
            guard let http = response as? HTTPURLResponse else {
                throw SpotifyAPIError.unexpectedResponse("not an HTTP response")
            }
            return HTTPResult(
                status: http.statusCode, retryAfter: http.value(forHTTPHeaderField: "Retry-After"), body: body)
        } catch let error as SpotifyAPIError {
            throw error
        } catch {
            throw .unavailable("Spotify could not be reached: \(error.localizedDescription)")
        }
    }
}

/// One HTTP answer: status, `Retry-After` and body.
private struct HTTPResult {
    var status: Int
    var retryAfter: String?
    var body: Data

    /// Throws the mapped error for a status outside 2xx.
    func requireSuccess() throws(SpotifyAPIError) {
        guard (200...299).contains(status) else {
            throw SpotifyResponses.apiError(status: status, retryAfter: retryAfter, body: body)
        }
    }
}
