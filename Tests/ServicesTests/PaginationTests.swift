import RPC
import Testing

@testable import Services

@Suite struct PaginationTests {
    @Test func pageSizeDefaultsClampsAndRejectsNegatives() throws {
        #expect(try PageSize.resolve(0) == 20)
        #expect(try PageSize.resolve(7) == 7)
        #expect(try PageSize.resolve(100) == 100)
        #expect(try PageSize.resolve(101) == 100)
        #expect(try PageSize.resolve(.max) == 100)
        let error = #expect(throws: RPCError.self) { try PageSize.resolve(-1) }
        #expect(error?.code == .invalidArgument)
        #expect(error?.details(BadRequest.self).first?.fieldViolations.first?.field == "page_size")
    }

    @Test func tokensRoundTripWithinTheirList() throws {
        #expect(try PageToken.offset(of: "", list: "blocked_users") == 0)
        let next = PageToken.next(list: "blocked_users", offset: 40, pageSize: 20, hasMore: true)
        #expect(try PageToken.offset(of: next, list: "blocked_users") == 60)
        #expect(PageToken.next(list: "blocked_users", offset: 40, pageSize: 20, hasMore: false) == "")
    }

    @Test func tokensOfAnotherListAreRejected() {
        let token = PageToken(list: "notifications", offset: 20).encoded
        let error = #expect(throws: RPCError.self) { try PageToken.offset(of: token, list: "blocked_users") }
        #expect(error?.code == .invalidArgument)
        #expect(error?.message.contains("another list") == true)
    }

    @Test(arguments: [
        "garbage!", "AAAA", Base64URL.encode(Array("blocked_users:-5".utf8)),
        Base64URL.encode(Array("blocked_users:x".utf8)), String(repeating: "A", count: 400),
    ])
    func malformedTokensAreRejected(_ token: String) {
        let error = #expect(throws: RPCError.self) { try PageToken.offset(of: token, list: "blocked_users") }
        #expect(error?.code == .invalidArgument)
    }
}
