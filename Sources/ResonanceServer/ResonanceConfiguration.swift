/// Everything `resonance serve` can be told. Each setting comes from a flag, else from a
/// `RESONANCE_*` environment variable, else from the default shown.
public struct ResonanceConfiguration: Sendable, Equatable {
    /// `--host` / `RESONANCE_HOST`: the address to listen on (default 127.0.0.1).
    public var host = "127.0.0.1"
    /// `--port` / `RESONANCE_PORT`: the TCP port (default 50051; 0 picks a free port).
    public var port = 50051
    /// `--db` / `RESONANCE_DB`: the SQLite database file (default `resonance.sqlite`).
    public var databasePath = "resonance.sqlite"

    public init() {}

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
        return configuration
    }
}

/// A configuration value that cannot be used, with a message for the operator.
public struct ConfigurationError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
