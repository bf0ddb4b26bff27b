import Crypto
import Foundation
import Testing

@testable import WebPush

/// RFC 8291 Appendix A: the example push message, reproduced byte for byte.
@Suite struct PushEncryptionTests {
    static let plaintext = Data("When I grow up, I want to be a watermelon".utf8)
    static let senderPrivateKey = "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw"
    static let senderPublicKey =
        "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8"
    static let subscriberPublicKey =
        "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4"
    static let subscriberPrivateKey = "q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94"
    static let authSecret = "BTBZMqHH6r4Tts7J_aSIgg"
    static let salt = "DGv6ra1nlYgDCS1FRnbzlw"
    static let message =
        "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN"

    static func bytes(_ base64url: String) throws -> Data { try #require(Base64URL.decode(base64url)) }

    @Test func reproducesTheRFC8291Example() throws {
        let senderKey = try P256.KeyAgreement.PrivateKey(rawRepresentation: Self.bytes(Self.senderPrivateKey))
        #expect(Base64URL.encode(senderKey.publicKey.x963Representation) == Self.senderPublicKey)
        let body = try PushEncryption.encrypt(
            Self.plaintext, subscriberPublicKey: Self.bytes(Self.subscriberPublicKey),
            authSecret: Self.bytes(Self.authSecret), senderKey: senderKey, salt: Self.bytes(Self.salt))
        #expect(Base64URL.encode(body) == Self.message)
    }

    @Test func freshMessagesUseANewSaltAndSenderKeyEachTime() throws {
        let encrypt = {
            try PushEncryption.encrypt(
                Self.plaintext, subscriberPublicKey: Self.bytes(Self.subscriberPublicKey),
                authSecret: Self.bytes(Self.authSecret))
        }
        let first = try encrypt()
        let second = try encrypt()
        #expect(first.count == 86 + Self.plaintext.count + 1 + 16)
        #expect(first.prefix(16) != second.prefix(16))
        #expect(first[21..<86] != second[21..<86])
        // The header: record size 4096 and a 65-byte key id.
        #expect(Array(first[16..<21]) == [0, 0, 0x10, 0, 65])
    }

    @Test func refusesBadSubscriptionKeysAndOversizedPayloads() throws {
        let key = try Self.bytes(Self.subscriberPublicKey)
        let auth = try Self.bytes(Self.authSecret)
        #expect(throws: PushEncryptionError.invalidSubscriberKey) {
            try PushEncryption.encrypt(Self.plaintext, subscriberPublicKey: key.dropLast(), authSecret: auth)
        }
        var offCurve = key
        offCurve[40] ^= 0xFF
        #expect(throws: PushEncryptionError.invalidSubscriberKey) {
            try PushEncryption.encrypt(Self.plaintext, subscriberPublicKey: offCurve, authSecret: auth)
        }
        #expect(throws: PushEncryptionError.invalidAuthSecret) {
            try PushEncryption.encrypt(Self.plaintext, subscriberPublicKey: key, authSecret: auth.dropLast())
        }
        let largest = Data(count: PushEncryption.maximumPlaintextSize)
        #expect(try PushEncryption.encrypt(largest, subscriberPublicKey: key, authSecret: auth).count == 4096)
        #expect(throws: PushEncryptionError.payloadTooLarge(largest.count + 1)) {
            try PushEncryption.encrypt(largest + [0], subscriberPublicKey: key, authSecret: auth)
        }
    }

    @Test func base64URLRoundTripsWithoutPadding() throws {
        let data = Data([0xFB, 0xFF, 0xBF, 0x00, 0x01])
        #expect(Base64URL.encode(data) == "-_-_AAE")
        #expect(Base64URL.decode("-_-_AAE") == data)
        #expect(Base64URL.decode("-_-_AAE=") == data)
        #expect(Base64URL.decode("+/+/AAE") == nil)
        #expect(Base64URL.decode("not base64!") == nil)
    }
}
