import Foundation

/// The CLI's configuration file: the session token saved by `resonance login` for each server
/// address. Found at `$RESONANCE_CONFIG`, else `$XDG_CONFIG_HOME/resonance/config.json`, else
/// `~/.config/resonance/config.json`; written with mode 0600 (it holds bearer tokens) in a
/// directory created with mode 0700.
public struct CLIConfig: Codable, Equatable, Sendable {
    /// A saved session for one address.
    public struct Session: Codable, Equatable, Sendable {
        public var token: String
        public var userID: String?
        public var expiresAt: String?

        public init(token: String, userID: String? = nil, expiresAt: String? = nil) {
            self.token = token
            self.userID = userID
            self.expiresAt = expiresAt
        }
    }

    /// Sessions by server address (`host:port`).
    public var sessions: [String: Session] = [:]

    public init() {}

    /// The config file's path for `environment`.
    public static func path(environment: [String: String]) -> String {
        if let explicit = environment["RESONANCE_CONFIG"], !explicit.isEmpty { return explicit }
        if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty { return xdg + "/resonance/config.json" }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.config/resonance/config.json"
    }

    /// The config at `path`; empty when the file does not exist.
    public static func load(from path: String) throws -> CLIConfig {
        guard FileManager.default.fileExists(atPath: path) else { return CLIConfig() }
        do {
            return try JSONDecoder().decode(CLIConfig.self, from: try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw CLIFailure("the config file \(path) is unreadable: \(error.localizedDescription)")
        }
    }

    /// Writes the config to `path` atomically, readable by the owner only.
    public func save(to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        let manager = FileManager.default
        try manager.createDirectory(
            atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let temporary = "\(path).tmp-\(ProcessInfo.processInfo.processIdentifier)"
        guard
            manager.createFile(
                atPath: temporary, contents: try encoder.encode(self), attributes: [.posixPermissions: 0o600])
        else { throw CLIFailure("could not write the config file \(temporary)") }
        guard rename(temporary, path) == 0 else {
            try? manager.removeItem(atPath: temporary)
            throw CLIFailure("could not replace the config file \(path): errno \(errno)")
        }
    }
}

/// A failure of the CLI itself (bad input, unknown symbol, unreadable file): printed as
/// `Error: …` and exit status 1.
public struct CLIFailure: Error, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
