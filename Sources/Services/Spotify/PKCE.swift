import Crypto

/// Random values for the OAuth authorization-code flow with PKCE (RFC 7636).
enum PKCE {
    /// A code verifier: 32 random bytes as base64url (43 characters, within RFC 7636's 43-128).
    static func makeVerifier() -> String { Base64URL.encode(randomBytes(32)) }

    /// The S256 challenge of `verifier`: base64url(SHA-256(verifier)).
    static func challenge(of verifier: String) -> String {
        Base64URL.encode(Array(SHA256.hash(data: Array(verifier.utf8))))
    }

    /// An unguessable `state`: 24 random bytes as base64url (32 characters).
    static func makeState() -> String { Base64URL.encode(randomBytes(24)) }

    private static func randomBytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }
}
