/// Why a call to Spotify failed, in the terms callers act on.
public enum SpotifyAPIError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The token endpoint refused the code or refresh token (`invalid_grant`): the user must
    /// sign in again.
    case invalidGrant(String)
    /// The token endpoint refused this app's credentials (`invalid_client`): a server
    /// configuration problem.
    case invalidClient(String)
    /// The access token was refused (HTTP 401): expired early or revoked.
    case unauthorized(String)
    /// The resource is forbidden for this app or user (HTTP 403).
    case forbidden(String)
    /// Not found (HTTP 404).
    case notFound(String)
    /// Too many requests (HTTP 429): wait `retryAfterSeconds` before the next request.
    case rateLimited(retryAfterSeconds: Int64)
    /// Spotify could not be reached, timed out or failed (HTTP 5xx).
    case unavailable(String)
    /// Spotify answered something this client does not understand.
    case unexpectedResponse(String)

    public var description: String {
        switch self {
        case .invalidGrant(let detail): "invalid_grant: \(detail)"
        case .invalidClient(let detail): "invalid_client: \(detail)"
        case .unauthorized(let detail): "unauthorized: \(detail)"
        case .forbidden(let detail): "forbidden: \(detail)"
        case .notFound(let detail): "not found: \(detail)"
        case .rateLimited(let seconds): "rate limited for \(seconds) s"
        case .unavailable(let detail): "unavailable: \(detail)"
        case .unexpectedResponse(let detail): "unexpected response: \(detail)"
        }
    }
}
