import Crypto
import Foundation
import Testing

@testable import WebPush

@Suite struct VAPIDSignerTests {
    let key = P256.Signing.PrivateKey()

    /// The JSON object in a base64url JWT segment.
    func object(_ segment: Substring) throws -> [String: Any] {
        let data = try #require(Base64URL.decode(String(segment)))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func authorizationCarriesAVerifiableES256TokenForTheEndpointOrigin() throws {
        let signer = VAPIDSigner(privateKey: key, subject: "mailto:ops@example.com")
        let endpoint = try #require(URL(string: "https://Push.Example.net:8443/wpush/v2/abc?x=1"))
        let header = try signer.authorization(for: endpoint, now: 1_800_000_000)

        let match = try #require(header.wholeMatch(of: /vapid t=([A-Za-z0-9._-]+), k=([A-Za-z0-9_-]+)/))
        #expect(String(match.2) == signer.publicKey)
        let publicKey = try P256.Signing.PublicKey(x963Representation: #require(Base64URL.decode(String(match.2))))
        #expect(publicKey.rawRepresentation == key.publicKey.rawRepresentation)

        let parts = match.1.split(separator: ".")
        try #require(parts.count == 3)
        let signature = try P256.Signing.ECDSASignature(rawRepresentation: #require(Base64URL.decode(String(parts[2]))))
        #expect(publicKey.isValidSignature(signature, for: Data("\(parts[0]).\(parts[1])".utf8)))
        #expect(!publicKey.isValidSignature(signature, for: Data("\(parts[0]).\(parts[1])x".utf8)))

        let jwtHeader = try object(parts[0])
        #expect(jwtHeader as? [String: String] == ["typ": "JWT", "alg": "ES256"])
        let claims = try object(parts[1])
        #expect(claims["aud"] as? String == "https://push.example.net:8443")
        #expect(claims["exp"] as? Int == 1_800_000_000 + 12 * 3600)
        #expect(claims["sub"] as? String == "mailto:ops@example.com")
    }

    @Test func subjectIsOmittedWhenNotConfigured() throws {
        let token = try VAPIDSigner(privateKey: key, subject: nil).token(audience: "https://a.example", expiresAt: 5)
        let claims = try object(token.split(separator: ".")[1])
        #expect(claims.keys.sorted() == ["aud", "exp"])
    }

    @Test func originDropsDefaultPortsPathAndQuery() throws {
        #expect(
            try VAPIDSigner.origin(of: #require(URL(string: "https://fcm.googleapis.com:443/fcm/send/x")))
                == "https://fcm.googleapis.com")
        #expect(
            try VAPIDSigner.origin(of: #require(URL(string: "http://127.0.0.1:8080/push/a"))) == "http://127.0.0.1:8080"
        )
        #expect(throws: PushEndpointError.self) { try VAPIDSigner.origin(of: #require(URL(string: "/relative"))) }
    }

    @Test func subjectsMustBeMailtoOrHTTPS() {
        #expect(VAPIDSigner.isValidSubject("mailto:ops@example.com"))
        #expect(VAPIDSigner.isValidSubject("https://example.com/contact"))
        #expect(!VAPIDSigner.isValidSubject("mailto:"))
        #expect(!VAPIDSigner.isValidSubject("http://example.com"))
        #expect(!VAPIDSigner.isValidSubject("ops@example.com"))
    }

    @Test func endpointsMustBeHTTPSOrAllowedLoopbackHTTP() throws {
        #expect(try PushEndpoint.url("https://push.example/a", allowLoopbackHTTP: false).host == "push.example")
        #expect(throws: PushEndpointError.insecureScheme("http://127.0.0.1:9/a")) {
            try PushEndpoint.url("http://127.0.0.1:9/a", allowLoopbackHTTP: false)
        }
        #expect(try PushEndpoint.url("http://127.0.0.1:9/a", allowLoopbackHTTP: true).port == 9)
        #expect(try PushEndpoint.url("http://[::1]:9/a", allowLoopbackHTTP: true).port == 9)
        #expect(throws: PushEndpointError.insecureScheme("http://10.0.0.1/a")) {
            try PushEndpoint.url("http://10.0.0.1/a", allowLoopbackHTTP: true)
        }
        #expect(throws: PushEndpointError.notAbsoluteURL("not a url")) {
            try PushEndpoint.url("not a url", allowLoopbackHTTP: true)
        }
    }
}
