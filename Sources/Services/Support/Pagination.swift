import RPC

/// The page-size rules of every Resonance list (common.proto): 0 means 20, values above
/// 100 are clamped to 100, negative values are INVALID_ARGUMENT.
public enum PageSize {
    /// The size used when the request says 0.
    public static let defaultSize = 20
    /// The largest page served.
    public static let maximum = 100

    /// The page size to serve for `requested`.
    public static func resolve(_ requested: Int32, field: String = "page_size") throws(RPCError) -> Int {
        guard requested >= 0 else {
            throw RPCError.invalidArgument(field: field, "must not be negative (0 means the default of 20)")
        }
        return requested == 0 ? defaultSize : min(Int(requested), maximum)
    }
}

/// An opaque `page_token`: which list it belongs to and where the next page starts.
///
/// Tokens are base64url text of `"<list>:<offset>"`; a token of another list, or one that
/// does not decode, is INVALID_ARGUMENT.
public struct PageToken: Sendable, Hashable {
    /// The list the token belongs to, e.g. `"blocked_users"`.
    public var list: String
    /// The number of items before the next page.
    public var offset: Int

    public init(list: String, offset: Int) {
        self.list = list
        self.offset = offset
    }

    /// The token's text form for `next_page_token`.
    public var encoded: String { Base64URL.encode(Array("\(list):\(offset)".utf8)) }

    /// The offset of `token` for the list `list`: 0 for the first page (""), else the
    /// token's offset, or INVALID_ARGUMENT.
    public static func offset(
        of token: String, list: String, field: String = "page_token"
    ) throws(RPCError) -> Int {
        guard !token.isEmpty else { return 0 }
        guard token.utf8.count <= 256, let bytes = Base64URL.decode(token),
            let text = String(validating: bytes, as: UTF8.self),
            let separator = text.lastIndex(of: ":")
        else {
            throw RPCError.invalidArgument(
                field: field, "is not a page token this server issued; pass next_page_token unchanged")
        }
        guard text[..<separator] == list else {
            throw RPCError.invalidArgument(field: field, "belongs to another list; pass this list's next_page_token")
        }
        guard let offset = Int(text[text.index(after: separator)...]), offset >= 0 else {
            throw RPCError.invalidArgument(
                field: field, "is not a page token this server issued; pass next_page_token unchanged")
        }
        return offset
    }

    /// The `next_page_token` after a page of `pageSize` items starting at `offset`, given
    /// whether more items follow ("" when none do).
    public static func next(list: String, offset: Int, pageSize: Int, hasMore: Bool) -> String {
        hasMore ? PageToken(list: list, offset: offset + pageSize).encoded : ""
    }
}
