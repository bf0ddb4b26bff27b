import Services
import WebPush

/// Everything `resonance serve` can be told. Each setting comes from a flag, else from a
/// `RESONANCE_*` environment variable, else from the default shown.
public struct ResonanceConfiguration: Sendable, Equatable {
    /// `--host` / `RESONANCE_HOST`: the address to listen on (default 127.0.0.1).
    public var host = "127.0.0.1"
    /// `--port` / `RESONANCE_PORT`: the TCP port (default 50051; 0 picks a free port).
    public var port = 50051
    /// `--db` / `RESONANCE_DB`: the SQLite database file (default `resonance.sqlite`).
    public var databasePath = "resonance.sqlite"
    /// `--live-timeout-seconds` / `RESONANCE_LIVE_TIMEOUT_SECONDS`: how long a live user may
    /// send neither heartbeat nor location before they stop being live (default 120).
    public var liveTimeoutSeconds: Int64 = 120
    /// `--find-timeout-seconds` / `RESONANCE_FIND_TIMEOUT_SECONDS`: how long a find session may
    /// stay unfinished before it expires (default 900, 15 minutes).
    public var findTimeoutSeconds: Int64 = 900
    /// `--rate-limit NAME=CAPACITY/REFILL_MS` (repeatable) / `RESONANCE_RATE_LIMITS` (comma
    /// separated): the per-user rate limits (defaults in `RateLimits`).
    public var rateLimits = RateLimits()
    /// `--vapid-subject` / `RESONANCE_VAPID_SUBJECT`: the contact (`mailto:` or `https:`) sent
    /// to push services in the VAPID token's `sub` claim (default none; some push services
    /// require one).
    public var vapidSubject: String?
    /// `--vapid-key-file` / `RESONANCE_VAPID_KEY_FILE`: the VAPID private key (PEM, mode 0600),
    /// created on first start (default: the database path + `.vapid`).
    public var vapidKeyFile: String?
    /// `--push-allow-loopback-http` / `RESONANCE_PUSH_ALLOW_LOOPBACK_HTTP=1`: also push to
    /// `http:` endpoints on loopback hosts (local push receivers in tests; default off, only
    /// `https:` endpoints are pushed to).
    public var pushAllowsLoopbackHTTP = false
    /// Spotify sign-in and now-playing polling (off unless a client id is set).
    public var spotify = SpotifySettings()

    public init() {}

    /// The VAPID key file in force: `vapidKeyFile`, else next to the database.
    public var resolvedVAPIDKeyFile: String { vapidKeyFile ?? databasePath + ".vapid" }

    /// The defaults overridden by whichever `RESONANCE_*` variables are set in `environment`.
    /// Throws a message naming the variable when a value is malformed.
    public static func fromEnvironment(_ environment: [String: String]) throws -> ResonanceConfiguration {
        var configuration = ResonanceConfiguration()
        if let host = environment["RESONANCE_HOST"], !host.isEmpty { configuration.host = host }
        if let port = environment["RESONANCE_PORT"], !port.isEmpty {
            guard let value = Int(port), (0...65535).contains(value) else {
                throw ConfigurationError("RESONANCE_PORT must be a port number from 0 to 65535, not '\(port)'")
            }
            configuration.port = value
        }
        if let path = environment["RESONANCE_DB"], !path.isEmpty { configuration.databasePath = path }
        if let timeout = environment["RESONANCE_LIVE_TIMEOUT_SECONDS"], !timeout.isEmpty {
            configuration.liveTimeoutSeconds = try liveTimeout(timeout, source: "RESONANCE_LIVE_TIMEOUT_SECONDS")
        }
        if let timeout = environment["RESONANCE_FIND_TIMEOUT_SECONDS"], !timeout.isEmpty {
            configuration.findTimeoutSeconds = try timeoutSeconds(timeout, source: "RESONANCE_FIND_TIMEOUT_SECONDS")
        }
        if let limits = environment["RESONANCE_RATE_LIMITS"], !limits.isEmpty {
            for limit in limits.split(separator: ",") {
                do { try configuration.rateLimits.set(String(limit)) } catch {
                    throw ConfigurationError("RESONANCE_RATE_LIMITS: \(error)")
                }
            }
        }
        if let subject = environment["RESONANCE_VAPID_SUBJECT"], !subject.isEmpty {
            configuration.vapidSubject = try vapidSubject(subject, source: "RESONANCE_VAPID_SUBJECT")
        }
        if let path = environment["RESONANCE_VAPID_KEY_FILE"], !path.isEmpty { configuration.vapidKeyFile = path }
        if let allow = environment["RESONANCE_PUSH_ALLOW_LOOPBACK_HTTP"], !allow.isEmpty {
            guard let value = ["1": true, "true": true, "0": false, "false": false][allow.lowercased()] else {
                throw ConfigurationError(
                    "RESONANCE_PUSH_ALLOW_LOOPBACK_HTTP must be 1, 0, true or false, not '\(allow)'")
            }
            configuration.pushAllowsLoopbackHTTP = value
        }
        try configuration.spotify.apply(environment: environment)
        return configuration
    }
}

extension ResonanceConfiguration {
    /// The live timeout in `text` (whole seconds, 1 to 86400), or an error naming `source`.
    public static func liveTimeout(_ text: String, source: String) throws -> Int64 {
        try timeoutSeconds(text, source: source)
    }

    /// A timeout in `text` (whole seconds, 1 to 86400), or an error naming `source`.
    public static func timeoutSeconds(_ text: String, source: String) throws -> Int64 {
        guard let value = Int64(text), (1...86_400).contains(value) else {
            throw ConfigurationError("\(source) must be a whole number of seconds from 1 to 86400, not '\(text)'")
        }
        return value
    }
}

extension ResonanceConfiguration {
    /// `text` as a VAPID subject (a `mailto:` address or an `https:` URL), or an error naming `source`.
    public static func vapidSubject(_ text: String, source: String) throws -> String {
        guard VAPIDSigner.isValidSubject(text) else {
            throw ConfigurationError("\(source) must be a mailto: address or an https: URL, not '\(text)'")
        }
        return text
    }
}

/// A configuration value that cannot be used, with a message for the operator.
public struct ConfigurationError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
