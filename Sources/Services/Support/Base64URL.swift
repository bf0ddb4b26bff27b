import RPC

/// Unpadded base64url (RFC 4648 §5), the text form of tokens the server hands out.
enum Base64URL {
    /// Encodes `bytes` without padding.
    static func encode(_ bytes: some Collection<UInt8>) -> String {
        String(Base64.encode(bytes).map { $0 == "+" ? "-" : $0 == "/" ? "_" : $0 })
    }

    /// Decodes unpadded base64url; nil for anything else (including the standard alphabet).
    static func decode(_ text: String) -> [UInt8]? {
        guard !text.contains(where: { $0 == "+" || $0 == "/" || $0 == "=" }) else { return nil }
        return Base64.decode(String(text.map { $0 == "-" ? "+" : $0 == "_" ? "/" : $0 }))
    }
}
