import Logging
import Messages
import RPC
import RPCMessages
import Storage

/// `resonance.v1.Notifications`: the caller's inbox (list, unread count, mark read, delete),
/// its live stream (`WatchNotifications`) and Web Push subscriptions (notifications.proto).
public final class NotificationsService: Sendable {
    /// The service's fully-qualified name.
    public static let name = "resonance.v1.Notifications"
    /// The `PageToken` list name of `ListNotifications` (one per filter, so a token of the
    /// unread list cannot page the full one).
    static func pageList(unreadOnly: Bool) -> String { unreadOnly ? "unread_notifications" : "notifications" }
    /// The most ids one MarkRead takes.
    static let markReadLimit = 100
    /// The default number of notifications buffered per stream for a slow reader.
    public static let defaultStreamBuffer = 256

    let storage: GuardedDatabase
    let clock: WallClock
    /// The VAPID public key (base64url) clients subscribe with; nil when Web Push is off.
    let pushPublicKey: String?
    /// Whether `http:` endpoints on loopback hosts are accepted too (local push receivers in tests).
    let pushAllowsLoopbackHTTP: Bool
    let logger: Logger
    /// The open `WatchNotifications` streams.
    let streams: NotificationStreams
    private let hub: NotificationHub
    private let subscription: NotificationHub.Subscription

    /// Subscribes the stream registry to `hub`, so every delivered notification reaches the
    /// recipient's open streams.
    public init(
        database: Database, hub: NotificationHub, clock: WallClock = .system, pushPublicKey: String? = nil,
        pushAllowsLoopbackHTTP: Bool = false, streamBuffer: Int = NotificationsService.defaultStreamBuffer,
        logger: Logger = Logger(label: "resonance.notifications")
    ) {
        storage = GuardedDatabase(database: database, logger: logger)
        self.hub = hub
        self.clock = clock
        self.pushPublicKey = pushPublicKey
        self.pushAllowsLoopbackHTTP = pushAllowsLoopbackHTTP
        self.logger = logger
        let streams = NotificationStreams(bufferCapacity: streamBuffer)
        self.streams = streams
        subscription = hub.subscribe { streams.deliver($0) }
    }

    /// The service's methods, for a `Router` with `AuthInterceptor` in front.
    public var definition: ServiceDefinition {
        ServiceDefinition(
            name: Self.name,
            methods: [
                .unary("ListNotifications", .proto) {
                    try await self.listNotifications($0, caller: try $1.requireCaller())
                },
                .unary("GetUnreadCount", .proto) { try await self.getUnreadCount($0, caller: try $1.requireCaller()) },
                .unary("MarkRead", .proto) { try await self.markRead($0, caller: try $1.requireCaller()) },
                .unary("DeleteNotification", .proto) {
                    try await self.deleteNotification($0, caller: try $1.requireCaller())
                },
                .serverStreaming("WatchNotifications", .proto) { request, writer, context in
                    try await self.watchNotifications(request, writer: writer, context: context)
                },
                .unary("RegisterPushSubscription", .proto) {
                    try await self.registerPushSubscription($0, caller: try $1.requireCaller())
                },
                .unary("UnregisterPushSubscription", .proto) {
                    try await self.unregisterPushSubscription($0, caller: try $1.requireCaller())
                },
                .unary("GetPushConfig", .proto) { try await self.getPushConfig($0, caller: try $1.requireCaller()) },
            ])
    }

    /// Ends open streams as account events require: UNAUTHENTICATED for the streams of a
    /// revoked session or a deleted account.
    public func observe(_ events: AccountEvents) {
        events.onAccountDeleted { [streams] in streams.accountDeleted($0) }
        events.onSessionRevoked { [streams] in streams.sessionRevoked(userID: $0, sessionID: $1) }
    }

    /// Ends every open stream with UNAVAILABLE, refuses new ones and leaves the hub (at shutdown).
    public func shutdown() {
        hub.unsubscribe(subscription)
        streams.shutdown()
    }

    // MARK: Inbox

    /// The caller's notifications, newest first, paginated.
    func listNotifications(_ request: ListNotificationsRequest, caller: AuthenticatedCaller) async throws
        -> ListNotificationsResponse
    {
        let list = Self.pageList(unreadOnly: request.unreadOnly)
        let page = try PageRequest(size: request.pageSize, token: request.pageToken, list: list)
        let rows = try await storage.read("listing notifications") {
            try NotificationStore($0).list(
                userID: caller.userID, unreadOnly: request.unreadOnly, offset: page.offset, limit: page.size + 1)
        }
        var response = ListNotificationsResponse()
        response.notifications = rows.prefix(page.size).map(Messages.Notification.init)
        response.nextPageToken = page.nextToken(hasMore: rows.count > page.size)
        return response
    }

    /// How many of the caller's notifications are unread.
    func getUnreadCount(_ request: GetUnreadCountRequest, caller: AuthenticatedCaller) async throws
        -> GetUnreadCountResponse
    {
        var response = GetUnreadCountResponse()
        response.unreadCount = try await storage.read("counting unread notifications") {
            try NotificationStore($0).unreadCount(userID: caller.userID)
        }
        return response
    }

    /// Marks the listed notifications, or all, as read; others' ids count nothing.
    func markRead(_ request: MarkReadRequest, caller: AuthenticatedCaller) async throws -> MarkReadResponse {
        var validation = Validation()
        let ids = request.notificationIDs
        if request.all {
            validation.require(ids.isEmpty, field: "notification_ids", "must be empty when all is set")
        } else if ids.isEmpty {
            validation.fail("notification_ids", "is required (or set all to mark every notification read)")
        } else if ids.count > Self.markReadLimit {
            validation.fail("notification_ids", "must list at most \(Self.markReadLimit) ids, not \(ids.count)")
        } else {
            for (index, id) in ids.enumerated() { validation.requireID(id, field: "notification_ids[\(index)]") }
        }
        try validation.check()
        let updated = try await storage.write("marking notifications read") { connection in
            let store = NotificationStore(connection)
            return request.all
                ? try store.markAllRead(userID: caller.userID) : try store.markRead(userID: caller.userID, ids: ids)
        }
        var response = MarkReadResponse()
        response.updatedCount = Int64(updated)
        return response
    }

    /// Deletes one of the caller's notifications; NOT_FOUND for unknown or someone else's.
    func deleteNotification(_ request: DeleteNotificationRequest, caller: AuthenticatedCaller) async throws
        -> DeleteNotificationResponse
    {
        var validation = Validation()
        validation.requireID(request.notificationID, field: "notification_id")
        try validation.check()
        let deleted = try await storage.write("deleting a notification") {
            try NotificationStore($0).delete(id: request.notificationID, userID: caller.userID)
        }
        guard deleted else { throw RPCError.notFound("you have no notification with id \(request.notificationID)") }
        return DeleteNotificationResponse()
    }
}
