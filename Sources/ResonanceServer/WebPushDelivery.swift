import Logging
import Services
import Storage
import Synchronization
import WebPush

/// Web Push for the server: the VAPID key (loaded from, or created in, the configured key
/// file) and a `PushDeliverer` fed by the notification hub while running.
public final class WebPushDelivery: Sendable {
    /// Signs push requests; its `publicKey` is GetPushConfig's `vapid_public_key`.
    public let signer: VAPIDSigner
    private let deliverer: PushDeliverer
    private let hub: NotificationHub
    private let hubSubscription = Mutex<NotificationHub.Subscription?>(nil)

    /// Loads or creates the VAPID key and builds the deliverer, which reads a user's
    /// subscriptions from `database` and deletes the ones push services call gone.
    public init(configuration: ResonanceConfiguration, database: Database, hub: NotificationHub, logger: Logger)
        throws
    {
        let path = configuration.resolvedVAPIDKeyFile
        let (key, created) = try VAPIDKeyFile.loadOrCreate(at: path)
        if created { logger.notice("created VAPID key file", metadata: ["path": "\(path)"]) }
        signer = VAPIDSigner(privateKey: key, subject: configuration.vapidSubject)
        var deliveryConfiguration = PushDeliverer.Configuration()
        deliveryConfiguration.allowLoopbackHTTP = configuration.pushAllowsLoopbackHTTP
        deliverer = PushDeliverer(
            signer: signer,
            subscriptions: { userID in
                try await database.read { try PushSubscriptionStore($0).subscriptions(ofUser: userID) }
                    .map { PushTarget(endpoint: $0.endpoint, p256dh: $0.p256dh, auth: $0.auth) }
            },
            removeSubscription: { endpoint in
                _ = try await database.write { try PushSubscriptionStore($0).remove(endpoint: endpoint) }
            },
            configuration: deliveryConfiguration, logger: logger)
        self.hub = hub
    }

    /// Starts delivering every notification the hub hands out.
    public func start() {
        deliverer.start()
        let subscription = hub.subscribe { [deliverer] record in deliverer.enqueue(PushNotification(record)) }
        hubSubscription.withLock { $0 = subscription }
    }

    /// Stops taking notifications and cancels pending pushes.
    public func stop() async {
        if let subscription = hubSubscription.withLock({ $0.take() }) { hub.unsubscribe(subscription) }
        await deliverer.stop()
    }
}

extension PushNotification {
    /// The push of a stored notification: only its id, type, title, message and time.
    init(_ record: NotificationRecord) {
        self.init(
            recipientID: record.recipientID, id: record.id, type: record.kind.rawValue, title: record.title,
            message: record.message, createdAt: record.createdAt)
    }
}
