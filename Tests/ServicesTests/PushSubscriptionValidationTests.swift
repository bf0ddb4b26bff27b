import RPC
import Testing

@testable import Services

@Suite struct PushSubscriptionValidationTests {
    private let endpoint = "https://push.example.com/abc"
    private let key = Base64URL.encode([0x04] + [UInt8](repeating: 7, count: 64))
    private let secret = Base64URL.encode([UInt8](repeating: 9, count: 16))

    private func violations(
        endpoint: String? = nil, p256dh: String? = nil, auth: String? = nil, userAgent: String = ""
    ) -> [String] {
        do {
            _ = try PushSubscriptionValidation.validate(
                endpoint: endpoint ?? self.endpoint, p256dh: p256dh ?? key, auth: auth ?? secret,
                userAgent: userAgent)
            return []
        } catch {
            return error.details(BadRequest.self).flatMap(\.fieldViolations).map(\.field)
        }
    }

    @Test func acceptsAWellFormedSubscriptionAndStripsPadding() throws {
        let keys = try PushSubscriptionValidation.validate(
            endpoint: endpoint, p256dh: key + "=", auth: secret + "==", userAgent: String(repeating: "u", count: 512))
        #expect(keys.p256dh == key && keys.auth == secret)
    }

    @Test func rejectsEndpointsThatAreNotShortHTTPSURLs() {
        #expect(violations(endpoint: "") == ["endpoint"])
        #expect(violations(endpoint: "http://push.example.com/x") == ["endpoint"])
        #expect(violations(endpoint: "https://") == ["endpoint"])
        #expect(violations(endpoint: "https://a.example/" + String(repeating: "x", count: 2031)) == ["endpoint"])
        #expect(violations(endpoint: "https://a.example/" + String(repeating: "x", count: 2030)).isEmpty)
    }

    @Test func acceptsLoopbackHTTPEndpointsOnlyWhenAllowed() throws {
        let validate = { (endpoint: String, allow: Bool) throws(RPCError) in
            _ = try PushSubscriptionValidation.validate(
                endpoint: endpoint, p256dh: key, auth: secret, userAgent: "", allowLoopbackHTTP: allow)
        }
        #expect(throws: RPCError.self) { try validate("http://127.0.0.1:8080/push/a", false) }
        try validate("http://127.0.0.1:8080/push/a", true)
        try validate("http://[::1]:8080/push/a", true)
        try validate("http://localhost/push/a", true)
        #expect(throws: RPCError.self) { try validate("http://push.example.com/x", true) }
        #expect(throws: RPCError.self) { try validate("http://10.0.0.1/x", true) }
        #expect(throws: RPCError.self) { try validate("http://127.0.0.1@evil.example/x", true) }
    }

    @Test func rejectsKeysThatAreNotAnUncompressedPointAndA16ByteSecret() {
        #expect(violations(p256dh: Base64URL.encode([0x04] + [UInt8](repeating: 1, count: 63))) == ["p256dh"])
        #expect(violations(p256dh: Base64URL.encode([0x03] + [UInt8](repeating: 1, count: 64))) == ["p256dh"])
        #expect(violations(p256dh: "+/" + key.dropFirst(2)) == ["p256dh"])
        #expect(violations(auth: Base64URL.encode([UInt8](repeating: 1, count: 17))) == ["auth"])
        #expect(violations(auth: "") == ["auth"])
        #expect(violations(userAgent: String(repeating: "u", count: 513)) == ["user_agent"])
    }
}
