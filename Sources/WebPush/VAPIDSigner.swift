import Crypto
import Foundation

/// Identifies this application server to push services (VAPID, RFC 8292): an ES256 JWT for
/// the endpoint's origin, sent with the public key as `Authorization: vapid t=<jwt>, k=<key>`.
public struct VAPIDSigner: Sendable {
    /// How long a token stays valid (RFC 8292 allows at most 24 hours).
    public static let tokenLifetimeSeconds: Int64 = 12 * 60 * 60

    /// The private key's raw scalar (Crypto's key types are not `Sendable`).
    private let privateKeyBytes: Data
    /// The `sub` claim: a `mailto:` or `https:` contact for the push service operator, if any.
    public let subject: String?
    /// The public key as base64url of the 65-byte uncompressed point: GetPushConfig's
    /// `vapid_public_key` and the `k=` parameter.
    public let publicKey: String

    public init(privateKey: P256.Signing.PrivateKey, subject: String?) {
        privateKeyBytes = privateKey.rawRepresentation
        publicKey = Base64URL.encode(privateKey.publicKey.x963Representation)
        self.subject = subject
    }

    /// The `Authorization` header value for a push to `endpoint` at `now` (seconds since the epoch).
    public func authorization(for endpoint: URL, now: Int64) throws -> String {
        "vapid t=\(try token(audience: Self.origin(of: endpoint), expiresAt: now + Self.tokenLifetimeSeconds)), k=\(publicKey)"
    }

    /// A signed JWT with `aud` = `audience` and `exp` = `expiresAt` (and `sub` when set).
    public func token(audience: String, expiresAt: Int64) throws -> String {
        let header = #"{"typ":"JWT","alg":"ES256"}"#
        var claims = [#""aud":\#(Self.jsonString(audience))"#, #""exp":\#(expiresAt)"#]
        if let subject { claims.append(#""sub":\#(Self.jsonString(subject))"#) }
        let signingInput =
            Base64URL.encode(Data(header.utf8)) + "."
            + Base64URL.encode(Data("{\(claims.joined(separator: ","))}".utf8))
        // JWS ES256 signatures are the raw 64-byte r || s, not DER.
        let privateKey = try P256.Signing.PrivateKey(rawRepresentation: privateKeyBytes)
        let signature = try privateKey.signature(for: Data(signingInput.utf8))
        return signingInput + "." + Base64URL.encode(signature.rawRepresentation)
    }

    /// The origin (`scheme://host[:port]`) of `endpoint`, the audience push services expect.
    public static func origin(of endpoint: URL) throws -> String {
        guard let components = URLComponents(url: endpoint, resolvingAgainstBaseURL: false),
            let scheme = components.scheme?.lowercased(), let host = components.host?.lowercased(), !host.isEmpty
        else { throw PushEndpointError.notAbsoluteURL(endpoint.absoluteString) }
        let defaultPort = scheme == "https" ? 443 : 80
        let hostPart = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        if let port = components.port, port != defaultPort { return "\(scheme)://\(hostPart):\(port)" }
        return "\(scheme)://\(hostPart)"
    }

    /// Whether `subject` is a valid `sub` claim: a `mailto:` address or an `https:` URL.
    public static func isValidSubject(_ subject: String) -> Bool {
        if subject.hasPrefix("mailto:") { return subject.count > "mailto:".count && subject.contains("@") }
        guard subject.hasPrefix("https://"), let url = URL(string: subject), let host = url.host else { return false }
        return !host.isEmpty
    }

    private static func jsonString(_ value: String) -> String {
        // JSONEncoder on a single String yields a correctly escaped JSON string literal.
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        return (try? String(decoding: encoder.encode(value), as: UTF8.self)) ?? "\"\""
    }
}

/// A subscription endpoint that cannot be pushed to.
public enum PushEndpointError: Error, Equatable, CustomStringConvertible {
    case notAbsoluteURL(String)
    /// Only `https:` endpoints are pushed to (plain `http:` only to loopback hosts, for tests).
    case insecureScheme(String)

    public var description: String {
        switch self {
        case .notAbsoluteURL(let endpoint): "push endpoint '\(endpoint)' is not an absolute URL"
        case .insecureScheme(let endpoint): "push endpoint '\(endpoint)' is neither https nor http to a loopback host"
        }
    }
}
