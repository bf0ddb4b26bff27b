import CProtobufC
import CResonanceProto

/// `resonance.v1.NotificationType`: why a notification was sent.
public struct NotificationType: ProtoEnum {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    public static let unspecified = Self(rawValue: 0)
    public static let reaction = Self(rawValue: 1)
    public static let capsuleDiscovered = Self(rawValue: 2)
    public static let capsuleLiked = Self(rawValue: 3)
    public static let findRequest = Self(rawValue: 4)
    public static let findAccepted = Self(rawValue: 5)
    public static let findCompleted = Self(rawValue: 6)
    public static let spotifyDisconnected = Self(rawValue: 7)
    public static let allKnown: [Self] = [
        .unspecified, .reaction, .capsuleDiscovered, .capsuleLiked, .findRequest, .findAccepted, .findCompleted,
        .spotifyDisconnected,
    ]
}

/// `resonance.v1.Notification`: one notification in the caller's inbox.
///
/// Code that also imports Foundation must spell it `Messages.Notification`.
public struct Notification: CBridgedMessage, Hashable {
    public var id = ""
    public var type = NotificationType.unspecified
    public var title = ""
    public var message = ""
    /// The user who caused it, as the recipient may see them; nil for system notices.
    public var fromUser: PublicUser?
    public var isRead = false
    public var createdAt: Timestamp?
    /// What it is about, when relevant.
    public var capsuleID = ""
    public var findSessionID = ""
    public var reactionType = ReactionType.unspecified

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__notification__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__Notification) throws {
        id = try CRead.string(c.id)
        type = NotificationType(c: c.type)
        title = try CRead.string(c.title)
        message = try CRead.string(c.message)
        fromUser = try CRead.message(c.from_user)
        isRead = c.is_read != 0
        createdAt = try CRead.message(c.created_at)
        capsuleID = try CRead.string(c.capsule_id)
        findSessionID = try CRead.string(c.find_session_id)
        reactionType = ReactionType(c: c.reaction_type)
    }

    public func fill(_ c: inout Resonance__V1__Notification, arena: CArena) {
        c.id = arena.string(id)
        c.type = type.c()
        c.title = arena.string(title)
        c.message = arena.string(message)
        c.from_user = arena.message(fromUser)
        c.is_read = isRead ? 1 : 0
        c.created_at = arena.message(createdAt)
        c.capsule_id = arena.string(capsuleID)
        c.find_session_id = arena.string(findSessionID)
        c.reaction_type = reactionType.c()
    }
}

/// `resonance.v1.ListNotificationsRequest`: a page of the caller's notifications.
public struct ListNotificationsRequest: CBridgedMessage, Hashable {
    public var unreadOnly = false
    public var pageSize: Int32 = 0
    public var pageToken = ""

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__list_notifications_request__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__ListNotificationsRequest) throws {
        unreadOnly = c.unread_only != 0
        pageSize = c.page_size
        pageToken = try CRead.string(c.page_token)
    }

    public func fill(_ c: inout Resonance__V1__ListNotificationsRequest, arena: CArena) {
        c.unread_only = unreadOnly ? 1 : 0
        c.page_size = pageSize
        c.page_token = arena.string(pageToken)
    }
}

/// `resonance.v1.ListNotificationsResponse`: one page of notifications, newest first.
public struct ListNotificationsResponse: CBridgedMessage, Hashable {
    public var notifications: [Notification] = []
    public var nextPageToken = ""

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__list_notifications_response__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__ListNotificationsResponse) throws {
        notifications = try CRead.messages(c.n_notifications, c.notifications)
        nextPageToken = try CRead.string(c.next_page_token)
    }

    public func fill(_ c: inout Resonance__V1__ListNotificationsResponse, arena: CArena) {
        (c.n_notifications, c.notifications) = arena.messages(notifications)
        c.next_page_token = arena.string(nextPageToken)
    }
}

/// `resonance.v1.GetUnreadCountRequest`: asks how many notifications are unread.
public struct GetUnreadCountRequest: CBridgedMessage, Hashable {
    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__get_unread_count_request__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__GetUnreadCountRequest) {}

    public func fill(_ c: inout Resonance__V1__GetUnreadCountRequest, arena: CArena) {}
}

/// `resonance.v1.GetUnreadCountResponse`: the number of unread notifications.
public struct GetUnreadCountResponse: CBridgedMessage, Hashable {
    public var unreadCount: Int64 = 0

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__get_unread_count_response__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__GetUnreadCountResponse) {
        unreadCount = c.unread_count
    }

    public func fill(_ c: inout Resonance__V1__GetUnreadCountResponse, arena: CArena) {
        c.unread_count = unreadCount
    }
}

/// `resonance.v1.MarkReadRequest`: marks the listed notifications, or all, as read.
public struct MarkReadRequest: CBridgedMessage, Hashable {
    public var notificationIDs: [String] = []
    public var all = false

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__mark_read_request__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__MarkReadRequest) throws {
        notificationIDs = try CRead.strings(c.n_notification_ids, c.notification_ids)
        all = c.all != 0
    }

    public func fill(_ c: inout Resonance__V1__MarkReadRequest, arena: CArena) {
        (c.n_notification_ids, c.notification_ids) = arena.strings(notificationIDs)
        c.all = all ? 1 : 0
    }
}

/// `resonance.v1.MarkReadResponse`: how many notifications changed from unread to read.
public struct MarkReadResponse: CBridgedMessage, Hashable {
    public var updatedCount: Int64 = 0

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__mark_read_response__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__MarkReadResponse) {
        updatedCount = c.updated_count
    }

    public func fill(_ c: inout Resonance__V1__MarkReadResponse, arena: CArena) {
        c.updated_count = updatedCount
    }
}

/// `resonance.v1.DeleteNotificationRequest`: deletes one of the caller's notifications.
public struct DeleteNotificationRequest: CBridgedMessage, Hashable {
    public var notificationID = ""

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__delete_notification_request__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__DeleteNotificationRequest) throws {
        notificationID = try CRead.string(c.notification_id)
    }

    public func fill(_ c: inout Resonance__V1__DeleteNotificationRequest, arena: CArena) {
        c.notification_id = arena.string(notificationID)
    }
}

/// `resonance.v1.DeleteNotificationResponse`: an empty acknowledgement.
public struct DeleteNotificationResponse: CBridgedMessage, Hashable {
    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__delete_notification_response__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__DeleteNotificationResponse) {}

    public func fill(_ c: inout Resonance__V1__DeleteNotificationResponse, arena: CArena) {}
}

/// `resonance.v1.WatchNotificationsRequest`: opens the stream of new notifications.
public struct WatchNotificationsRequest: CBridgedMessage, Hashable {
    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__watch_notifications_request__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__WatchNotificationsRequest) {}

    public func fill(_ c: inout Resonance__V1__WatchNotificationsRequest, arena: CArena) {}
}

/// `resonance.v1.WatchNotificationsResponse`: one new notification of the stream.
public struct WatchNotificationsResponse: CBridgedMessage, Hashable {
    public var notification: Notification?

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__watch_notifications_response__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__WatchNotificationsResponse) throws {
        notification = try CRead.message(c.notification)
    }

    public func fill(_ c: inout Resonance__V1__WatchNotificationsResponse, arena: CArena) {
        c.notification = arena.message(notification)
    }
}

/// `resonance.v1.PushSubscription`: a Web Push subscription of the caller.
public struct PushSubscription: CBridgedMessage, Hashable {
    public var endpoint = ""
    public var userAgent = ""
    public var createdAt: Timestamp?

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__push_subscription__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__PushSubscription) throws {
        endpoint = try CRead.string(c.endpoint)
        userAgent = try CRead.string(c.user_agent)
        createdAt = try CRead.message(c.created_at)
    }

    public func fill(_ c: inout Resonance__V1__PushSubscription, arena: CArena) {
        c.endpoint = arena.string(endpoint)
        c.user_agent = arena.string(userAgent)
        c.created_at = arena.message(createdAt)
    }
}

/// `resonance.v1.RegisterPushSubscriptionRequest`: registers or updates a Web Push endpoint.
public struct RegisterPushSubscriptionRequest: CBridgedMessage, Hashable {
    /// An https URL of at most 2048 characters.
    public var endpoint = ""
    /// A base64url P-256 public key.
    public var p256dh = ""
    /// A base64url 16-byte secret.
    public var auth = ""
    public var userAgent = ""

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__register_push_subscription_request__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__RegisterPushSubscriptionRequest) throws {
        endpoint = try CRead.string(c.endpoint)
        p256dh = try CRead.string(c.p256dh)
        auth = try CRead.string(c.auth)
        userAgent = try CRead.string(c.user_agent)
    }

    public func fill(_ c: inout Resonance__V1__RegisterPushSubscriptionRequest, arena: CArena) {
        c.endpoint = arena.string(endpoint)
        c.p256dh = arena.string(p256dh)
        c.auth = arena.string(auth)
        c.user_agent = arena.string(userAgent)
    }
}

/// `resonance.v1.RegisterPushSubscriptionResponse`: the registered subscription.
public struct RegisterPushSubscriptionResponse: CBridgedMessage, Hashable {
    public var subscription: PushSubscription?
    /// False when the endpoint was already registered (its keys were updated).
    public var created = false

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__register_push_subscription_response__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__RegisterPushSubscriptionResponse) throws {
        subscription = try CRead.message(c.subscription)
        created = c.created != 0
    }

    public func fill(_ c: inout Resonance__V1__RegisterPushSubscriptionResponse, arena: CArena) {
        c.subscription = arena.message(subscription)
        c.created = created ? 1 : 0
    }
}

/// `resonance.v1.UnregisterPushSubscriptionRequest`: removes a subscription by endpoint.
public struct UnregisterPushSubscriptionRequest: CBridgedMessage, Hashable {
    public var endpoint = ""

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__unregister_push_subscription_request__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__UnregisterPushSubscriptionRequest) throws {
        endpoint = try CRead.string(c.endpoint)
    }

    public func fill(_ c: inout Resonance__V1__UnregisterPushSubscriptionRequest, arena: CArena) {
        c.endpoint = arena.string(endpoint)
    }
}

/// `resonance.v1.UnregisterPushSubscriptionResponse`: an empty acknowledgement.
public struct UnregisterPushSubscriptionResponse: CBridgedMessage, Hashable {
    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__unregister_push_subscription_response__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__UnregisterPushSubscriptionResponse) {}

    public func fill(_ c: inout Resonance__V1__UnregisterPushSubscriptionResponse, arena: CArena) {}
}

/// `resonance.v1.GetPushConfigRequest`: asks for the Web Push configuration.
public struct GetPushConfigRequest: CBridgedMessage, Hashable {
    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__get_push_config_request__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__GetPushConfigRequest) {}

    public func fill(_ c: inout Resonance__V1__GetPushConfigRequest, arena: CArena) {}
}

/// `resonance.v1.GetPushConfigResponse`: the VAPID public key for `applicationServerKey`.
public struct GetPushConfigResponse: CBridgedMessage, Hashable {
    /// An uncompressed P-256 point, base64url.
    public var vapidPublicKey = ""

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__get_push_config_response__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__GetPushConfigResponse) throws {
        vapidPublicKey = try CRead.string(c.vapid_public_key)
    }

    public func fill(_ c: inout Resonance__V1__GetPushConfigResponse, arena: CArena) {
        c.vapid_public_key = arena.string(vapidPublicKey)
    }
}
