import Foundation

/// The URL of Spotify's authorize page for the authorization-code flow with PKCE (S256).
public enum SpotifyAuthorizeURL {
    /// The scopes this server asks for: what is playing, the player state and the profile.
    public static let scopes = "user-read-currently-playing user-read-playback-state user-read-private"

    /// `<accounts>/authorize?client_id&response_type=code&redirect_uri&scope&state&code_challenge_method=S256&code_challenge`.
    public static func make(
        endpoints: SpotifyEndpoints, redirectURI: String, state: String, codeChallenge: String
    ) -> String {
        var components = URLComponents()
        components.queryItems = [
            URLQueryItem(name: "client_id", value: endpoints.clientID),
            URLQueryItem(name: "response_type", value: "code"),
            URLQueryItem(name: "redirect_uri", value: redirectURI),
            URLQueryItem(name: "scope", value: scopes),
            URLQueryItem(name: "state", value: state),
            URLQueryItem(name: "code_challenge_method", value: "S256"),
            URLQueryItem(name: "code_challenge", value: codeChallenge),
        ]
        return "\(endpoints.accountsURL)/authorize?\(FormEncoding.encode(components.queryItems ?? []))"
    }
}

/// `application/x-www-form-urlencoded` bodies and query strings (WHATWG URL rules: only
/// unreserved characters stay literal, space is `%20`), which Spotify parses strictly.
enum FormEncoding {
    private static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    static func encode(_ items: [URLQueryItem]) -> String {
        items.map { "\(escape($0.name))=\(escape($0.value ?? ""))" }.joined(separator: "&")
    }

    static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }
}
