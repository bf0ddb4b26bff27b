import Testing

@testable import Services

@Suite struct SessionTokensTests {
    @Test func tokensAre43Base64URLCharactersAndUnique() {
        let tokens = (0..<200).map { _ in SessionTokens.generate().token }
        #expect(Set(tokens).count == 200)
        for token in tokens {
            #expect(SessionTokens.isWellFormed(token))
            #expect(Base64URL.decode(token)?.count == 32)
        }
    }

    @Test func theStoredHashIsTheSHA256OfTheTokenText() {
        let (token, hash) = SessionTokens.generate()
        #expect(hash == SessionTokens.hash(token))
        #expect(hash.count == 32)
        // SHA-256("abc"), FIPS 180-2 appendix B.1.
        let abc = SessionTokens.hash("abc").map { String($0, radix: 16) }.map { $0.count == 1 ? "0" + $0 : $0 }
        #expect(abc.joined() == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test(arguments: [
        "", "short", String(repeating: "A", count: 44), String(repeating: "+", count: 43),
        String(repeating: "A", count: 42) + "=",
    ])
    func malformedTokensAreRejected(_ token: String) {
        #expect(!SessionTokens.isWellFormed(token))
    }
}
