import Foundation

/// Which subscription endpoints are pushed to: `https:` URLs, and plain `http:` only to a
/// loopback host when explicitly allowed (local push receivers in tests and development).
public enum PushEndpoint {
    /// The URL of `endpoint`, or why it is not pushed to.
    public static func url(_ endpoint: String, allowLoopbackHTTP: Bool) throws -> URL {
        guard let url = URL(string: endpoint), let scheme = url.scheme?.lowercased(), let host = url.host,
            !host.isEmpty
        else { throw PushEndpointError.notAbsoluteURL(endpoint) }
        if scheme == "https" { return url }
        guard scheme == "http", allowLoopbackHTTP, isLoopback(host) else {
            throw PushEndpointError.insecureScheme(endpoint)
        }
        return url
    }

    /// Whether `host` names this machine's loopback interface.
    public static func isLoopback(_ host: String) -> Bool {
        let host = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        return host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }
}
