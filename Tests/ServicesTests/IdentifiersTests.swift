import Testing

@testable import Services

@Suite struct IdentifiersTests {
    @Test func madeIdsAreLowercaseVersion4UUIDs() {
        let ids = (0..<500).map { _ in Identifiers.make() }
        #expect(Set(ids).count == 500)
        for id in ids {
            #expect(Identifiers.isValid(id))
            let characters = Array(id)
            #expect(characters[14] == "4")
            #expect("89ab".contains(characters[19]))
        }
    }

    @Test(arguments: [
        "", "123E4567-E89B-42D3-A456-426614174000", "123e4567e89b42d3a456426614174000",
        "123e4567-e89b-42d3-a456-42661417400g", "123e4567-e89b-42d3-a456-4266141740000",
    ])
    func malformedIdsAreRejected(_ id: String) {
        #expect(!Identifiers.isValid(id))
    }
}
