import CProtobufC
import CResonanceProto

/// `resonance.v1.ReactionType`: the kinds of reaction.
public struct ReactionType: ProtoEnum {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    public static let unspecified = Self(rawValue: 0)
    public static let fire = Self(rawValue: 1)
    public static let heart = Self(rawValue: 2)
    public static let music = Self(rawValue: 3)
    public static let wave = Self(rawValue: 4)
    public static let sparkle = Self(rawValue: 5)
    public static let allKnown: [Self] = [.unspecified, .fire, .heart, .music, .wave, .sparkle]
}

/// `resonance.v1.ReactionDirection`: which reactions to list.
public struct ReactionDirection: ProtoEnum {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    public static let unspecified = Self(rawValue: 0)
    public static let received = Self(rawValue: 1)
    public static let sent = Self(rawValue: 2)
    public static let allKnown: [Self] = [.unspecified, .received, .sent]
}

/// `resonance.v1.Reaction`: one reaction from a sender to a receiver.
public struct Reaction: CBridgedMessage, Hashable {
    public var id = ""
    public var sender: PublicUser?
    public var receiver: PublicUser?
    public var type = ReactionType.unspecified
    public var createdAt: Timestamp?

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__reaction__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__Reaction) throws {
        id = try CRead.string(c.id)
        sender = try CRead.message(c.sender)
        receiver = try CRead.message(c.receiver)
        type = ReactionType(c: c.type)
        createdAt = try CRead.message(c.created_at)
    }

    public func fill(_ c: inout Resonance__V1__Reaction, arena: CArena) {
        c.id = arena.string(id)
        c.sender = arena.message(sender)
        c.receiver = arena.message(receiver)
        c.type = type.c()
        c.created_at = arena.message(createdAt)
    }
}

/// `resonance.v1.SendReactionRequest`: reacts to another user.
public struct SendReactionRequest: CBridgedMessage, Hashable {
    public var receiverUserID = ""
    public var type = ReactionType.unspecified

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__send_reaction_request__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__SendReactionRequest) throws {
        receiverUserID = try CRead.string(c.receiver_user_id)
        type = ReactionType(c: c.type)
    }

    public func fill(_ c: inout Resonance__V1__SendReactionRequest, arena: CArena) {
        c.receiver_user_id = arena.string(receiverUserID)
        c.type = type.c()
    }
}

/// `resonance.v1.SendReactionResponse`: the reaction, new or existing.
public struct SendReactionResponse: CBridgedMessage, Hashable {
    public var reaction: Reaction?
    /// False when the same reaction had been sent before.
    public var created = false

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__send_reaction_response__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__SendReactionResponse) throws {
        reaction = try CRead.message(c.reaction)
        created = c.created != 0
    }

    public func fill(_ c: inout Resonance__V1__SendReactionResponse, arena: CArena) {
        c.reaction = arena.message(reaction)
        c.created = created ? 1 : 0
    }
}

/// `resonance.v1.ListReactionsRequest`: a page of reactions received or sent.
public struct ListReactionsRequest: CBridgedMessage, Hashable {
    public var direction = ReactionDirection.unspecified
    public var pageSize: Int32 = 0
    public var pageToken = ""

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__list_reactions_request__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__ListReactionsRequest) throws {
        direction = ReactionDirection(c: c.direction)
        pageSize = c.page_size
        pageToken = try CRead.string(c.page_token)
    }

    public func fill(_ c: inout Resonance__V1__ListReactionsRequest, arena: CArena) {
        c.direction = direction.c()
        c.page_size = pageSize
        c.page_token = arena.string(pageToken)
    }
}

/// `resonance.v1.ListReactionsResponse`: one page of reactions, newest first.
public struct ListReactionsResponse: CBridgedMessage, Hashable {
    public var reactions: [Reaction] = []
    public var nextPageToken = ""

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__list_reactions_response__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__ListReactionsResponse) throws {
        reactions = try CRead.messages(c.n_reactions, c.reactions)
        nextPageToken = try CRead.string(c.next_page_token)
    }

    public func fill(_ c: inout Resonance__V1__ListReactionsResponse, arena: CArena) {
        (c.n_reactions, c.reactions) = arena.messages(reactions)
        c.next_page_token = arena.string(nextPageToken)
    }
}
