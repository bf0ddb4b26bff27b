import Crypto

/// Bearer session tokens: 32 random bytes shown to the client once as base64url text; the
/// server keeps only their SHA-256 hash.
public enum SessionTokens {
    /// The number of random bytes in a token.
    public static let byteCount = 32
    /// The length of a token's text form (unpadded base64url of 32 bytes).
    public static let textLength = 43

    /// A new token and the hash to store for it.
    public static func generate() -> (token: String, hash: [UInt8]) {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<byteCount).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let token = Base64URL.encode(bytes)
        return (token, hash(token))
    }

    /// The stored form of `token`: the SHA-256 of its text.
    public static func hash(_ token: String) -> [UInt8] {
        Array(SHA256.hash(data: Array(token.utf8)))
    }

    /// True when `token` has the shape of a token this server issues (43 base64url characters).
    public static func isWellFormed(_ token: String) -> Bool {
        token.utf8.count == textLength && token.utf8.allSatisfy(isBase64URLCharacter)
    }

    private static func isBase64URLCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
            return true
        default:
            return false
        }
    }
}
