import RPC

/// A validated page of a list request: its size (`PageSize`) and where it starts (`PageToken`).
struct PageRequest: Sendable, Hashable {
    /// The list the tokens belong to.
    let list: String
    /// How many items to serve.
    let size: Int
    /// How many items come before this page.
    let offset: Int

    /// Validates `page_size` and `page_token` together, so one INVALID_ARGUMENT names both
    /// when both are bad. `validation` collects the violations of the request's other fields.
    init(size requestedSize: Int32, token: String, list: String, validation: Validation = Validation()) throws {
        var validation = validation
        var size = PageSize.defaultSize
        var offset = 0
        do { size = try PageSize.resolve(requestedSize) } catch { try validation.absorb(error) }
        do { offset = try PageToken.offset(of: token, list: list) } catch { try validation.absorb(error) }
        try validation.check()
        self.list = list
        self.size = size
        self.offset = offset
    }

    /// The `next_page_token` after this page ("" when no more items follow).
    func nextToken(hasMore: Bool) -> String {
        PageToken.next(list: list, offset: offset, pageSize: size, hasMore: hasMore)
    }
}
