import Crypto

/// Encrypts Spotify tokens for storage with AES-256-GCM. Each sealed value is
/// `version (1 byte) || nonce (12) || ciphertext || tag (16)`, with a fresh random nonce,
/// and is bound to where it is stored (e.g. "<user id>/refresh") as associated data, so a
/// value copied to another row or column does not open.
public struct TokenSealer: Sendable {
    /// The size of the key in bytes (AES-256).
    public static let keyByteCount = 32
    private static let formatVersion: UInt8 = 1

    /// Why a sealed value could not be opened.
    public enum OpenError: Error, Equatable {
        case unknownFormat
        case notAuthentic
    }

    /// The key bytes (`SymmetricKey` is not `Sendable`; one is made per use).
    private let keyBytes: [UInt8]

    /// A sealer with a 32-byte key.
    public init(key bytes: [UInt8]) {
        precondition(bytes.count == Self.keyByteCount, "the token key is 32 bytes")
        keyBytes = bytes
    }

    private var key: SymmetricKey { SymmetricKey(data: keyBytes) }

    /// `text` encrypted and bound to `context`.
    public func seal(_ text: String, context: String) -> [UInt8] {
        do {
            let box = try AES.GCM.seal(Array(text.utf8), using: key, authenticating: Array(context.utf8))
            return [Self.formatVersion] + Array(box.nonce) + Array(box.ciphertext) + Array(box.tag)
        } catch {
            // Only a malformed key or nonce makes sealing fail, and both are fixed here.
            preconditionFailure("AES-GCM sealing failed: \(error)")
        }
    }

    /// The text sealed with `context`; throws when the value was sealed with another key or
    /// context, or was altered.
    public func open(_ sealed: [UInt8], context: String) throws(OpenError) -> String {
        guard sealed.count >= 1 + 12 + 16, sealed[0] == Self.formatVersion else { throw .unknownFormat }
        do {
            let box = try AES.GCM.SealedBox(combined: sealed.dropFirst())
            let plain = try AES.GCM.open(box, using: key, authenticating: Array(context.utf8))
            return String(decoding: plain, as: UTF8.self)
        } catch {
            throw .notAuthentic
        }
    }
}
