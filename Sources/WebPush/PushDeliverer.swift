import Foundation
import Logging
import Synchronization

/// What happened to one push of a notification to one subscription (for logs, metrics and tests).
public enum PushDeliveryEvent: Sendable, Equatable {
    /// The push service accepted the message (200, 201 or 202).
    case delivered(notificationID: String, endpoint: String)
    /// The push service answered 404 or 410: the subscription is gone and was removed.
    case removed(endpoint: String)
    /// A 429, 5xx or network error: attempt `attempt` failed, the next follows after `delay`.
    case retrying(endpoint: String, attempt: Int, delay: Duration)
    /// Given up on this push (rejected, out of attempts, unusable subscription, full queue).
    case dropped(notificationID: String, endpoint: String?, reason: String)
}

/// Delivers notifications as Web Push messages in the background.
///
/// `enqueue` only appends to a bounded queue (a full queue drops the notification with a log
/// line), so it never blocks a notification's producer. A worker looks up the recipient's
/// subscriptions and pushes to each of them concurrently (at most `maximumConcurrentPushes`
/// at a time), encrypted per RFC 8291 and signed per RFC 8292. 404/410 remove the subscription;
/// 429, 5xx and network errors are retried per `PushRetryPolicy`; other answers are dropped.
/// `stop()` cancels queued and in-flight pushes (the notifications stay in the inbox).
public final class PushDeliverer: Sendable {
    /// Tunables of the queue and the requests.
    public struct Configuration: Sendable, Equatable {
        /// Notifications waiting for delivery beyond which new ones are dropped.
        public var queueCapacity = 1024
        /// Pushes in flight (including those waiting to retry) at most.
        public var maximumConcurrentPushes = 16
        /// The `TTL` header: how long (seconds) the push service keeps an undelivered message.
        public var timeToLiveSeconds = 86_400
        public var retry = PushRetryPolicy()
        /// Push to `http:` endpoints on loopback hosts too (local receivers in tests).
        public var allowLoopbackHTTP = false

        public init() {}
    }

    /// The subscriptions of a user.
    public typealias Subscriptions = @Sendable (_ userID: String) async throws -> [PushTarget]
    /// Removes the subscription with an endpoint (after the push service answered 404 or 410).
    public typealias RemoveSubscription = @Sendable (_ endpoint: String) async throws -> Void

    private let signer: VAPIDSigner
    private let transport: any PushTransport
    private let subscriptions: Subscriptions
    private let removeSubscription: RemoveSubscription
    private let configuration: Configuration
    private let logger: Logger
    private let now: @Sendable () -> Date
    private let observer: @Sendable (PushDeliveryEvent) -> Void
    private let queue: AsyncStream<PushNotification>
    private let queueInput: AsyncStream<PushNotification>.Continuation
    private let worker = Mutex<Task<Void, Never>?>(nil)

    /// A deliverer that signs with `signer`, sends through `transport` and finds and removes
    /// subscriptions with the given closures. `observer` hears every `PushDeliveryEvent`.
    public init(
        signer: VAPIDSigner, transport: any PushTransport = URLSessionPushTransport(),
        subscriptions: @escaping Subscriptions, removeSubscription: @escaping RemoveSubscription,
        configuration: Configuration = Configuration(), logger: Logger = Logger(label: "resonance.webpush"),
        now: @escaping @Sendable () -> Date = { Date() },
        observer: @escaping @Sendable (PushDeliveryEvent) -> Void = { _ in }
    ) {
        self.signer = signer
        self.transport = transport
        self.subscriptions = subscriptions
        self.removeSubscription = removeSubscription
        self.configuration = configuration
        self.logger = logger
        self.now = now
        self.observer = observer
        (queue, queueInput) = AsyncStream.makeStream(
            of: PushNotification.self, bufferingPolicy: .bufferingOldest(configuration.queueCapacity))
    }

    /// Queues `notification` for delivery without waiting; false when it was dropped because the
    /// queue is full or the deliverer stopped.
    @discardableResult
    public func enqueue(_ notification: PushNotification) -> Bool {
        switch queueInput.yield(notification) {
        case .enqueued: return true
        case .dropped, .terminated:
            report(
                .dropped(notificationID: notification.id, endpoint: nil, reason: "the push queue is full or stopped"))
            return false
        @unknown default: return false
        }
    }

    /// Starts the worker (once).
    public func start() {
        worker.withLock { worker in
            guard worker == nil else { return }
            worker = Task { await self.run() }
        }
    }

    /// Stops accepting notifications, cancels queued and in-flight pushes and waits for the worker.
    public func stop() async {
        queueInput.finish()
        let task = worker.withLock { $0 }
        task?.cancel()
        await task?.value
    }

    private func run() async {
        await withTaskGroup(of: Void.self) { pushes in
            var inFlight = 0
            for await notification in queue {
                let targets: [PushTarget]
                do {
                    targets = try await subscriptions(notification.recipientID)
                } catch {
                    report(
                        .dropped(
                            notificationID: notification.id, endpoint: nil,
                            reason: "subscription lookup failed: \(error)"))
                    continue
                }
                let payload = notification.payload
                for target in targets {
                    if inFlight >= configuration.maximumConcurrentPushes {
                        await pushes.next()
                        inFlight -= 1
                    }
                    pushes.addTask { await self.push(payload, notificationID: notification.id, to: target) }
                    inFlight += 1
                }
            }
            pushes.cancelAll()
        }
    }

    /// Pushes `payload` to `target`, retrying as the policy says.
    private func push(_ payload: Data, notificationID: String, to target: PushTarget) async {
        let drop = { (reason: String) in
            self.report(.dropped(notificationID: notificationID, endpoint: target.endpoint, reason: reason))
        }
        let url: URL
        let body: Data
        do {
            url = try PushEndpoint.url(target.endpoint, allowLoopbackHTTP: configuration.allowLoopbackHTTP)
            guard let userAgentKey = Base64URL.decode(target.p256dh) else {
                throw PushEncryptionError.invalidSubscriberKey
            }
            guard let authSecret = Base64URL.decode(target.auth) else { throw PushEncryptionError.invalidAuthSecret }
            body = try PushEncryption.encrypt(payload, subscriberPublicKey: userAgentKey, authSecret: authSecret)
        } catch {
            return drop("\(error)")
        }
        for attempt in 1... {
            let retryAfter: Duration?
            let failure: String
            do {
                let response = try await transport.send(request(url: url, body: body))
                switch response.status {
                case 200, 201, 202:
                    return report(.delivered(notificationID: notificationID, endpoint: target.endpoint))
                case 404, 410:
                    do { try await removeSubscription(target.endpoint) } catch {
                        return drop("removing the gone subscription failed: \(error)")
                    }
                    return report(.removed(endpoint: target.endpoint))
                case 429, 500...599:
                    retryAfter = PushRetryPolicy.retryAfter(response.retryAfter, now: now())
                    failure = "HTTP \(response.status)"
                default:
                    return drop("the push service answered HTTP \(response.status)")
                }
            } catch is CancellationError {
                return
            } catch {
                retryAfter = nil
                failure = "\(error)"
            }
            guard let delay = configuration.retry.delay(afterAttempt: attempt, retryAfter: retryAfter) else {
                return drop("\(failure) after \(attempt) attempt(s)")
            }
            report(.retrying(endpoint: target.endpoint, attempt: attempt, delay: delay))
            do { try await Task.sleep(for: delay) } catch { return }
        }
    }

    /// The POST for one attempt (with a fresh VAPID token).
    private func request(url: URL, body: Data) throws -> PushRequest {
        let authorization = try signer.authorization(for: url, now: Int64(now().timeIntervalSince1970))
        return PushRequest(
            url: url,
            headers: [
                "Authorization": authorization, "TTL": String(configuration.timeToLiveSeconds),
                "Content-Encoding": "aes128gcm", "Content-Type": "application/octet-stream", "Urgency": "normal",
            ],
            body: body)
    }

    private func report(_ event: PushDeliveryEvent) {
        // Endpoints are capability URLs: logs show only their origin.
        switch event {
        case .delivered(let id, _):
            logger.debug("web push delivered", metadata: ["notification": "\(id)"])
        case .removed(let endpoint):
            logger.info(
                "web push subscription gone (404/410), removed", metadata: ["endpoint": "\(Self.redacted(endpoint))"])
        case .retrying(let endpoint, let attempt, let delay):
            logger.info(
                "web push failed, retrying",
                metadata: ["endpoint": "\(Self.redacted(endpoint))", "attempt": "\(attempt)", "delay": "\(delay)"])
        case .dropped(let id, let endpoint, let reason):
            logger.warning(
                "web push dropped: \(reason)",
                metadata: ["notification": "\(id)", "endpoint": "\(endpoint.map(Self.redacted) ?? "-")"])
        }
        observer(event)
    }

    /// The origin of `endpoint` (its path is the subscription's secret).
    private static func redacted(_ endpoint: String) -> String {
        guard let url = URL(string: endpoint), let origin = try? VAPIDSigner.origin(of: url) else { return "(invalid)" }
        return origin + "/…"
    }
}
