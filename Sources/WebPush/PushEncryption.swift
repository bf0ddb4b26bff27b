import Crypto
import Foundation

/// Why a push message could not be encrypted for a subscription.
public enum PushEncryptionError: Error, Equatable, CustomStringConvertible {
    /// `p256dh` is not an uncompressed P-256 public key.
    case invalidSubscriberKey
    /// `auth` is not a 16-byte secret.
    case invalidAuthSecret
    /// The plaintext does not fit in one record of a 4096-byte push message.
    case payloadTooLarge(Int)

    public var description: String {
        switch self {
        case .invalidSubscriberKey: "the subscription's p256dh is not an uncompressed P-256 public key"
        case .invalidAuthSecret: "the subscription's auth secret is not 16 bytes"
        case .payloadTooLarge(let size):
            "a \(size)-byte payload exceeds the \(PushEncryption.maximumPlaintextSize) bytes one push message carries"
        }
    }
}

/// Message encryption for Web Push (RFC 8291) in the `aes128gcm` content coding (RFC 8188).
///
/// Each message uses a fresh ephemeral ECDH key and salt. The body is one record: the header
/// (salt, record size 4096, key id = the ephemeral public key), then the AES-128-GCM sealed
/// plaintext followed by the last-record delimiter 0x02.
public enum PushEncryption {
    /// The record size written in the header.
    public static let recordSize: UInt32 = 4096
    /// Push services accept at least 4096 bytes of body: header (86) + tag (16) + delimiter (1).
    public static let maximumPlaintextSize = 4096 - 86 - 16 - 1

    /// Encrypts `plaintext` for the subscription keys `subscriberPublicKey` (p256dh, 65-byte
    /// uncompressed point) and `authSecret` (16 bytes). `senderKey` and `salt` are fresh random
    /// values unless given (only tests give them).
    public static func encrypt(
        _ plaintext: some DataProtocol, subscriberPublicKey: Data, authSecret: Data,
        senderKey: P256.KeyAgreement.PrivateKey = .init(), salt: Data? = nil
    ) throws -> Data {
        guard plaintext.count <= maximumPlaintextSize else {
            throw PushEncryptionError.payloadTooLarge(plaintext.count)
        }
        guard authSecret.count == 16 else { throw PushEncryptionError.invalidAuthSecret }
        guard subscriberPublicKey.count == 65,
            let subscriberKey = try? P256.KeyAgreement.PublicKey(x963Representation: subscriberPublicKey)
        else { throw PushEncryptionError.invalidSubscriberKey }
        let salt = salt ?? Data((0..<16).map { _ in UInt8.random(in: .min ... .max) })
        precondition(salt.count == 16, "the aes128gcm salt is 16 bytes")
        let senderPublicKey = senderKey.publicKey.x963Representation

        // RFC 8291 §3.3-3.4: combine the ECDH secret with the auth secret, then derive the
        // content-encryption key and nonce from the salt as RFC 8188 §2.2-2.3 describe.
        let sharedSecret = try senderKey.sharedSecretFromKeyAgreement(with: subscriberKey)
        let keyInfo = Data("WebPush: info\0".utf8) + subscriberPublicKey + senderPublicKey
        let inputKeyMaterial = sharedSecret.hkdfDerivedSymmetricKey(
            using: SHA256.self, salt: authSecret, sharedInfo: keyInfo, outputByteCount: 32)
        let contentKey = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: inputKeyMaterial, salt: salt, info: Data("Content-Encoding: aes128gcm\0".utf8),
            outputByteCount: 16)
        let nonce = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: inputKeyMaterial, salt: salt, info: Data("Content-Encoding: nonce\0".utf8),
            outputByteCount: 12)

        var record = Data(plaintext)
        record.append(0x02)  // delimiter of the last (only) record, no further padding
        let sealed = try AES.GCM.seal(
            record, using: contentKey, nonce: AES.GCM.Nonce(data: nonce.withUnsafeBytes { Data($0) }))

        var body = salt
        withUnsafeBytes(of: recordSize.bigEndian) { body.append(contentsOf: $0) }
        body.append(UInt8(senderPublicKey.count))
        body.append(senderPublicKey)
        body.append(sealed.ciphertext)
        body.append(sealed.tag)
        return body
    }
}
