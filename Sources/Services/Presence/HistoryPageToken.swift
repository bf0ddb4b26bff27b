import RPC
import Storage

/// The `page_token` of `ListListeningHistory`: the (played_at, id) of the last entry served,
/// as unpadded base64url of `"history:<played_at>:<id>"`. Entries appended later do not
/// shift the pages.
enum HistoryPageToken {
    private static let list = "history"

    /// The token that continues after `cursor`.
    static func encode(_ cursor: HistoryCursor) -> String {
        Base64URL.encode(Array("\(list):\(cursor.playedAtMs):\(cursor.id)".utf8))
    }

    /// The cursor of `token` (nil for "", the first page), or INVALID_ARGUMENT.
    static func decode(_ token: String, field: String = "page_token") throws(RPCError) -> HistoryCursor? {
        guard !token.isEmpty else { return nil }
        guard token.utf8.count <= 256, let bytes = Base64URL.decode(token),
            let text = String(validating: bytes, as: UTF8.self)
        else { throw invalid(field) }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == list, let playedAt = Int64(parts[1]),
            Identifiers.isValid(String(parts[2]))
        else { throw invalid(field) }
        return HistoryCursor(playedAtMs: playedAt, id: String(parts[2]))
    }

    private static func invalid(_ field: String) -> RPCError {
        RPCError.invalidArgument(
            field: field, "is not a listening history page token; pass next_page_token unchanged")
    }
}
