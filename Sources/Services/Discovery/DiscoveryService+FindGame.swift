import Messages
import RPC
import RPCMessages

extension DiscoveryService {
    /// The status every find-game RPC answers until the game is built.
    static let findGameUnavailable = "the find game is not available yet"

    /// The find-game RPCs, registered so the service is complete on the wire; each answers
    /// UNIMPLEMENTED (after authentication).
    static var findGameMethods: [ServiceMethod] {
        [
            unavailable("StartFind", MethodCodecs<StartFindRequest, StartFindResponse>.proto),
            unavailable("RespondToFind", MethodCodecs<RespondToFindRequest, RespondToFindResponse>.proto),
            unavailable("GetFindHint", MethodCodecs<GetFindHintRequest, GetFindHintResponse>.proto),
            unavailable("CompleteFind", MethodCodecs<CompleteFindRequest, CompleteFindResponse>.proto),
            unavailable("CancelFind", MethodCodecs<CancelFindRequest, CancelFindResponse>.proto),
            unavailable("ListFindSessions", MethodCodecs<ListFindSessionsRequest, ListFindSessionsResponse>.proto),
        ]
    }

    private static func unavailable<Request, Response>(
        _ name: String, _ codecs: MethodCodecs<Request, Response>
    ) -> ServiceMethod {
        .unary(name, codecs) { _, context in
            _ = try context.requireCaller()
            throw RPCError.unimplemented(findGameUnavailable)
        }
    }
}
