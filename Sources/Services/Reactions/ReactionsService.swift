import Logging
import Messages
import RPC
import RPCMessages
import Storage

/// `resonance.v1.Reactions`: quick signals to people nearby (`SendReaction`) and the
/// caller's received and sent reactions (`ListReactions`), per reactions.proto.
public final class ReactionsService: Sendable {
    /// The service's fully-qualified name.
    public static let name = "resonance.v1.Reactions"
    /// Whether `viewerID` can see `otherID` nearby right now (e.g. `DiscoveryService.isVisibleNearby`).
    public typealias NearbyVisibility = @Sendable (_ viewerID: String, _ otherID: String) -> Bool

    let storage: GuardedDatabase
    let hub: NotificationHub
    let canSeeNearby: NearbyVisibility
    let clock: WallClock
    /// The per-sender rate limit of SendReaction.
    let buckets: TokenBuckets

    public init(
        database: Database, hub: NotificationHub, canSeeNearby: @escaping NearbyVisibility,
        rateLimit: TokenBuckets.Policy = RateLimits().reactions, clock: WallClock = .system,
        logger: Logger = Logger(label: "resonance.reactions")
    ) {
        storage = GuardedDatabase(database: database, logger: logger)
        self.hub = hub
        self.canSeeNearby = canSeeNearby
        self.clock = clock
        buckets = TokenBuckets(action: "reactions", policy: rateLimit, clock: clock)
    }

    /// The service's methods, for a `Router` with `AuthInterceptor` in front.
    public var definition: ServiceDefinition {
        ServiceDefinition(
            name: Self.name,
            methods: [
                .unary("SendReaction", .proto) { try await self.sendReaction($0, caller: try $1.requireCaller()) },
                .unary("ListReactions", .proto) { try await self.listReactions($0, caller: try $1.requireCaller()) },
            ])
    }

    /// What the write of a SendReaction found.
    private enum SendOutcome: Sendable {
        case sent(ReactionRecord, notification: NotificationRecord?)
        case receiverNotFound
        case receiverOutOfReach
    }

    /// Sends a reaction (see reactions.proto for the rules). The order of checks: the request
    /// (INVALID_ARGUMENT), the rate limit (RESOURCE_EXHAUSTED; every valid call takes a token,
    /// repeats too), the receiver exists and no block either way (NOT_FOUND, the same answer
    /// for both so a block is not revealed), a repeat (the existing reaction, created false),
    /// then reach: nearby now or a previous reactor (FAILED_PRECONDITION).
    func sendReaction(_ request: SendReactionRequest, caller: AuthenticatedCaller) async throws
        -> SendReactionResponse
    {
        let receiverID = request.receiverUserID
        var validation = Validation()
        validation.requireID(receiverID, field: "receiver_user_id")
        validation.require(receiverID != caller.userID, field: "receiver_user_id", "must be another user, not yourself")
        let type = request.type.storedName
        validation.require(type != nil, field: "type", "must be FIRE, HEART, MUSIC, WAVE or SPARKLE")
        try validation.check()
        guard let type else { return SendReactionResponse() }  // never: validation refused a nil type
        try buckets.check(caller.userID)
        let nearby = canSeeNearby(caller.userID, receiverID)
        let now = clock.nowMilliseconds
        let hub = self.hub
        let outcome = try await storage.write("sending a reaction") { connection -> SendOutcome in
            guard try UserStore(connection).exists(id: receiverID),
                try !BlockStore(connection).isBlocked(caller.userID, receiverID)
            else { return .receiverNotFound }
            let reactions = ReactionStore(connection)
            if let existing = try reactions.find(senderID: caller.userID, receiverID: receiverID, type: type) {
                return .sent(existing, notification: nil)
            }
            guard try nearby || reactions.hasReacted(senderID: receiverID, to: caller.userID) else {
                return .receiverOutOfReach
            }
            let inserted = try reactions.insertIfAbsent(
                id: Identifiers.make(), senderID: caller.userID, receiverID: receiverID, type: type, at: now)
            guard let record = try reactions.find(senderID: caller.userID, receiverID: receiverID, type: type) else {
                return .receiverNotFound
            }
            let notification = inserted ? try hub.record(.reaction(record), on: connection, at: now) : nil
            return .sent(record, notification: notification)
        }
        switch outcome {
        case .receiverNotFound:
            throw RPCError.notFound("no user with id \(receiverID)")
        case .receiverOutOfReach:
            throw RPCError.failedPrecondition(
                "you can react only to someone you can see nearby right now (go live near them) "
                    + "or to someone who reacted to you")
        case .sent(let record, let notification):
            if let notification { hub.deliver([notification]) }
            var response = SendReactionResponse()
            response.reaction = Reaction(record)
            response.created = notification != nil
            return response
        }
    }

    /// The reactions the caller received or sent, newest first, paginated. An unspecified or
    /// unknown direction is INVALID_ARGUMENT (there is no default).
    func listReactions(_ request: ListReactionsRequest, caller: AuthenticatedCaller) async throws
        -> ListReactionsResponse
    {
        var validation = Validation()
        let side: ReactionSide? =
            switch request.direction {
            case .received: .received
            case .sent: .sent
            default: nil
            }
        validation.require(side != nil, field: "direction", "must be RECEIVED or SENT")
        let list = side == .sent ? "reactions_sent" : "reactions_received"
        let page = try PageRequest(
            size: request.pageSize, token: request.pageToken, list: list, validation: validation)
        guard let side else { return ListReactionsResponse() }  // never: validation refused a nil side
        let rows = try await storage.read("listing reactions") {
            try ReactionStore($0).list(userID: caller.userID, side: side, offset: page.offset, limit: page.size + 1)
        }
        var response = ListReactionsResponse()
        response.reactions = rows.prefix(page.size).map(Reaction.init)
        response.nextPageToken = page.nextToken(hasMore: rows.count > page.size)
        return response
    }
}
