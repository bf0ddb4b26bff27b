import RPC
import Testing

@testable import Services

@Suite struct ValidationTests {
    private func violations(_ body: (inout Validation) -> Void) -> [String] {
        var validation = Validation()
        body(&validation)
        do {
            try validation.check()
            return []
        } catch {
            #expect(error.code == .invalidArgument)
            return error.details(BadRequest.self).flatMap(\.fieldViolations).map(\.field)
        }
    }

    @Test func collectsEveryViolationIntoOneBadRequest() {
        let fields = violations { validation in
            validation.requireText("", field: "display_name", characters: 1...50)
            validation.requireNumber(.nan, field: "radius_km", in: 0.1...10)
            validation.requireID("ABC", field: "user_id")
            validation.requireOptionalHTTPSURL("http://x", field: "avatar_url")
        }
        #expect(fields == ["display_name", "radius_km", "user_id", "avatar_url"])
    }

    @Test func validValuesPass() {
        let fields = violations { validation in
            validation.requireText("Ana", field: "display_name", characters: 1...50)
            validation.requireNumber(10, field: "radius_km", in: 0.1...10)
            validation.requireID("123e4567-e89b-42d3-a456-426614174000", field: "user_id")
            validation.requireOptionalHTTPSURL("", field: "avatar_url")
            validation.requireOptionalHTTPSURL("https://example.com/a.png", field: "avatar_url")
        }
        #expect(fields.isEmpty)
    }

    @Test func textLimitsCountCharactersAndRejectBlanks() {
        #expect(
            violations { $0.requireText(String(repeating: "é", count: 50), field: "n", characters: 1...50) }.isEmpty)
        #expect(
            violations { $0.requireText(String(repeating: "é", count: 51), field: "n", characters: 1...50) } == ["n"])
        #expect(violations { $0.requireText("  \t", field: "n", characters: 1...50) } == ["n"])
    }

    @Test func numbersMustBeFiniteAndInRange() {
        for value in [Double.infinity, -.infinity, .nan, 0.09, 10.01] {
            #expect(violations { $0.requireNumber(value, field: "radius_km", in: 0.1...10) } == ["radius_km"])
        }
    }

    @Test func absorbMergesInvalidArgumentsAndRethrowsOthers() throws {
        var validation = Validation()
        try validation.absorb(.invalidArgument(field: "page_size", "must not be negative"))
        #expect(validation.violations.map(\.field) == ["page_size"])
        #expect(throws: RPCError.self) { try validation.absorb(.notFound("x")) }
    }
}
