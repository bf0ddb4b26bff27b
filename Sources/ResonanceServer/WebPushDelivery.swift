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

    /// Loads or creates the VAPID key and builds the deliverer, which finds a user's
    /// subscriptions with `subscriptions` and removes gone ones with `removeSubscription`.
    public init(
        configuration: ResonanceConfiguration, hub: NotificationHub,
        subscriptions: @escaping PushDeliverer.Subscriptions,
        removeSubscription: @escaping PushDeliverer.RemoveSubscription, logger: Logger
    ) throws {
        let path = configuration.resolvedVAPIDKeyFile
        let (key, created) = try VAPIDKeyFile.loadOrCreate(at: path)
        if created { logger.notice("created VAPID key file", metadata: ["path": "\(path)"]) }
        signer = VAPIDSigner(privateKey: key, subject: configuration.vapidSubject)
        var deliveryConfiguration = PushDeliverer.Configuration()
        deliveryConfiguration.allowLoopbackHTTP = configuration.pushAllowsLoopbackHTTP
        deliverer = PushDeliverer(
            signer: signer, subscriptions: subscriptions, removeSubscription: removeSubscription,
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
