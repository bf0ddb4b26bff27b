import Crypto
import Foundation
import Synchronization
import Testing

@testable import WebPush

/// A push service stand-in answering each endpoint from a script (then 201), recording requests.
final class ScriptedTransport: PushTransport {
    enum Answer: Sendable {
        case status(Int, retryAfter: String? = nil)
        case networkError
        /// Never answers (until the request is cancelled).
        case hang
    }

    private let state = Mutex<(scripts: [String: [Answer]], requests: [PushRequest])>(([:], []))

    func script(_ endpoint: String, _ answers: [Answer]) { state.withLock { $0.scripts[endpoint] = answers } }

    var requests: [PushRequest] { state.withLock { $0.requests } }

    func requests(to endpoint: String) -> [PushRequest] { requests.filter { $0.url.absoluteString == endpoint } }

    func send(_ request: PushRequest) async throws -> PushResponse {
        let answer = state.withLock { state in
            state.requests.append(request)
            return state.scripts[request.url.absoluteString]?.isEmpty == false
                ? state.scripts[request.url.absoluteString]!.removeFirst() : .status(201)
        }
        switch answer {
        case .status(let status, let retryAfter): return PushResponse(status: status, retryAfter: retryAfter)
        case .networkError: throw URLError(.cannotConnectToHost)
        case .hang:
            try await Task.sleep(for: .seconds(3600))
            throw CancellationError()
        }
    }
}

@Suite struct PushDelivererTests {
    let transport = ScriptedTransport()
    let events = DeliveryEvents()
    let removed = RemovedEndpoints()
    let signer = VAPIDSigner(privateKey: P256.Signing.PrivateKey(), subject: "mailto:ops@example.com")

    /// A deliverer whose users have the subscriptions in `targets`.
    func deliverer(
        _ targets: [String: [PushTarget]], configuration: PushDeliverer.Configuration = .testing()
    ) -> PushDeliverer {
        PushDeliverer(
            signer: signer, transport: transport, subscriptions: { targets[$0] ?? [] },
            removeSubscription: { [removed] in removed.remove($0) }, configuration: configuration,
            observer: { [events] in events.record($0) })
    }

    @Test func pushesToEverySubscriptionOfTheRecipientOnly() async throws {
        let deliverer = deliverer([
            "alice": [
                TestSubscription().target("https://push.example/a1"),
                TestSubscription().target("https://push.example/a2"),
            ],
            "bob": [TestSubscription().target("https://push.example/b1")],
        ])
        deliverer.start()
        #expect(deliverer.enqueue(.sample(to: "alice", id: "n1")))
        try await events.wait { $0.count == 2 }
        await deliverer.stop()

        #expect(
            Set(events.all.map { "\($0)" }) == [
                "\(PushDeliveryEvent.delivered(notificationID: "n1", endpoint: "https://push.example/a1"))",
                "\(PushDeliveryEvent.delivered(notificationID: "n1", endpoint: "https://push.example/a2"))",
            ])
        #expect(transport.requests(to: "https://push.example/b1").isEmpty)
        let request = try #require(transport.requests.first)
        #expect(request.headers["TTL"] == "86400")
        #expect(request.headers["Content-Encoding"] == "aes128gcm")
        #expect(request.headers["Content-Type"] == "application/octet-stream")
        #expect(request.headers["Authorization"]?.hasPrefix("vapid t=") == true)
        #expect(request.headers["Authorization"]?.hasSuffix(", k=\(signer.publicKey)") == true)
        #expect(request.body.count == 86 + PushNotification.sample(to: "alice", id: "n1").payload.count + 17)
    }

    @Test(arguments: [404, 410])
    func goneSubscriptionsAreRemoved(status: Int) async throws {
        let endpoint = "https://push.example/gone"
        transport.script(endpoint, [.status(status)])
        let deliverer = deliverer(["alice": [TestSubscription().target(endpoint)]])
        deliverer.start()
        deliverer.enqueue(.sample(to: "alice"))
        try await events.wait { !$0.isEmpty }
        await deliverer.stop()
        #expect(events.all == [.removed(endpoint: endpoint)])
        #expect(removed.all == [endpoint])
        #expect(transport.requests.count == 1)
    }

    @Test func serverErrorsRateLimitsAndNetworkErrorsAreRetriedWithBackoff() async throws {
        let endpoint = "https://push.example/flaky"
        transport.script(endpoint, [.status(500), .networkError, .status(503)])
        let deliverer = deliverer(
            ["alice": [TestSubscription().target(endpoint)]], configuration: .testing(attempts: 4))
        deliverer.start()
        deliverer.enqueue(.sample(to: "alice", id: "n1"))
        try await events.wait { $0.count == 4 }
        await deliverer.stop()
        #expect(
            events.all == [
                .retrying(endpoint: endpoint, attempt: 1, delay: .milliseconds(10)),
                .retrying(endpoint: endpoint, attempt: 2, delay: .milliseconds(20)),
                .retrying(endpoint: endpoint, attempt: 3, delay: .milliseconds(40)),
                .delivered(notificationID: "n1", endpoint: endpoint),
            ])
        #expect(transport.requests.count == 4)
        // Each attempt carries the same encrypted body.
        #expect(Set(transport.requests.map(\.body)).count == 1)
    }

    @Test func retryAfterIsHonoured() async throws {
        let endpoint = "https://push.example/busy"
        transport.script(endpoint, [.status(429, retryAfter: "1")])
        let deliverer = deliverer(["alice": [TestSubscription().target(endpoint)]])
        deliverer.start()
        let started = ContinuousClock.now
        deliverer.enqueue(.sample(to: "alice", id: "n1"))
        try await events.wait { $0.count == 2 }
        await deliverer.stop()
        #expect(events.all.first == .retrying(endpoint: endpoint, attempt: 1, delay: .seconds(1)))
        #expect(ContinuousClock.now - started >= .seconds(1))
        #expect(events.all.last == .delivered(notificationID: "n1", endpoint: endpoint))
    }

    @Test func givesUpAfterTheLastAttemptAndDropsRejectedPushes() async throws {
        transport.script("https://push.example/down", [.status(500), .status(502), .status(500)])
        transport.script("https://push.example/bad", [.status(400)])
        let deliverer = deliverer([
            "alice": [TestSubscription().target("https://push.example/down")],
            "bob": [TestSubscription().target("https://push.example/bad")],
        ])
        deliverer.start()
        deliverer.enqueue(.sample(to: "alice", id: "n1"))
        deliverer.enqueue(.sample(to: "bob", id: "n2"))
        try await events.wait { $0.filter { if case .dropped = $0 { true } else { false } }.count == 2 }
        await deliverer.stop()
        #expect(
            events.all.contains(
                .dropped(
                    notificationID: "n1", endpoint: "https://push.example/down", reason: "HTTP 500 after 3 attempt(s)"))
        )
        #expect(
            events.all.contains(
                .dropped(
                    notificationID: "n2", endpoint: "https://push.example/bad",
                    reason: "the push service answered HTTP 400")))
        #expect(transport.requests(to: "https://push.example/down").count == 3)
        #expect(transport.requests(to: "https://push.example/bad").count == 1)
        #expect(removed.all.isEmpty)
    }

    @Test func unusableSubscriptionsAreDroppedWithoutARequest() async throws {
        var badKey = TestSubscription().target("https://push.example/badkey")
        badKey.p256dh = "AAAA"
        let deliverer = deliverer([
            "alice": [
                badKey, TestSubscription().target("http://push.example/plain"),
                TestSubscription().target("https://push.example/ok"),
            ]
        ])
        deliverer.start()
        deliverer.enqueue(.sample(to: "alice", id: "n1"))
        try await events.wait { $0.count == 3 }
        await deliverer.stop()
        #expect(transport.requests.map(\.url.absoluteString) == ["https://push.example/ok"])
        #expect(
            events.all.contains(
                .dropped(
                    notificationID: "n1", endpoint: "https://push.example/badkey",
                    reason: "\(PushEncryptionError.invalidSubscriberKey)")))
        #expect(
            events.all.contains(
                .dropped(
                    notificationID: "n1", endpoint: "http://push.example/plain",
                    reason: "\(PushEndpointError.insecureScheme("http://push.example/plain"))")))
    }

    @Test func aFullQueueDropsWithoutBlocking() async throws {
        var configuration = PushDeliverer.Configuration.testing()
        configuration.queueCapacity = 2
        let deliverer = deliverer([:], configuration: configuration)
        // Not started: nothing drains the queue.
        #expect(deliverer.enqueue(.sample(to: "alice", id: "n1")))
        #expect(deliverer.enqueue(.sample(to: "alice", id: "n2")))
        #expect(!deliverer.enqueue(.sample(to: "alice", id: "n3")))
        #expect(
            events.all == [.dropped(notificationID: "n3", endpoint: nil, reason: "the push queue is full or stopped")])
        await deliverer.stop()
        #expect(!deliverer.enqueue(.sample(to: "alice", id: "n4")))
    }

    @Test func aHangingPushServiceDelaysNoOneElseAndStopCancelsIt() async throws {
        transport.script("https://slow.example/a", [.hang])
        transport.script("https://push.example/retry", [.status(500)])
        var configuration = PushDeliverer.Configuration.testing()
        configuration.retry.initialDelay = .seconds(60)
        configuration.retry.maximumDelay = .seconds(60)
        let deliverer = deliverer(
            [
                "alice": [TestSubscription().target("https://slow.example/a")],
                "bob": [TestSubscription().target("https://push.example/b")],
                "carol": [TestSubscription().target("https://push.example/retry")],
            ], configuration: configuration)
        deliverer.start()
        deliverer.enqueue(.sample(to: "alice", id: "n1"))
        deliverer.enqueue(.sample(to: "bob", id: "n2"))
        deliverer.enqueue(.sample(to: "carol", id: "n3"))
        try await events.wait { $0.count == 2 }
        #expect(events.all.contains(.delivered(notificationID: "n2", endpoint: "https://push.example/b")))
        #expect(events.all.contains(.retrying(endpoint: "https://push.example/retry", attempt: 1, delay: .seconds(60))))

        let stopping = ContinuousClock.now
        await deliverer.stop()
        // Neither the 60 s retry delay nor the hanging request is waited for.
        #expect(ContinuousClock.now - stopping < .seconds(30))
        #expect(events.all.count == 2)
    }

    @Test func payloadIsTheNotificationsPublicFieldsAsJSON() throws {
        let payload = PushNotification.sample(to: "alice", id: "n1").payload
        #expect(
            String(decoding: payload, as: UTF8.self)
                == #"{"created_at":"2027-01-15T08:00:00.123Z","id":"n1","message":"Someone sent you 🔥","title":"New reaction","type":"reaction"}"#
        )
    }
}
