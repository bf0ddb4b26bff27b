import Crypto
import Foundation
import Synchronization
import Testing

@testable import WebPush

/// Everything the deliverer reported, for tests to wait on.
final class DeliveryEvents: Sendable {
    private let events = Mutex<[PushDeliveryEvent]>([])

    func record(_ event: PushDeliveryEvent) { events.withLock { $0.append(event) } }

    var all: [PushDeliveryEvent] { events.withLock { $0 } }

    /// The events once `condition` holds for them; fails the test after `timeout` (generous:
    /// CPU-bound suites running in parallel can starve the two-thread cooperative pool).
    @discardableResult
    func wait(
        timeout: Duration = .seconds(60), sourceLocation: SourceLocation = #_sourceLocation,
        until condition: ([PushDeliveryEvent]) -> Bool
    ) async throws -> [PushDeliveryEvent] {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let current = all
            if condition(current) { return current }
            try await Task.sleep(for: .milliseconds(10))
        }
        Issue.record("timed out; events so far: \(all)", sourceLocation: sourceLocation)
        return all
    }
}

/// Removed endpoints, as the deliverer's `removeSubscription` closure saw them.
final class RemovedEndpoints: Sendable {
    private let endpoints = Mutex<[String]>([])
    func remove(_ endpoint: String) { endpoints.withLock { $0.append(endpoint) } }
    var all: [String] { endpoints.withLock { $0 } }
}

/// A browser-like subscription: a P-256 key pair and an auth secret.
struct TestSubscription {
    let privateKey = P256.KeyAgreement.PrivateKey()
    let authSecret = Data((0..<16).map { _ in UInt8.random(in: 0...255) })

    func target(_ endpoint: String) -> PushTarget {
        PushTarget(
            endpoint: endpoint, p256dh: Base64URL.encode(privateKey.publicKey.x963Representation),
            auth: Base64URL.encode(authSecret))
    }
}

extension PushNotification {
    static func sample(to recipientID: String, id: String = UUID().uuidString.lowercased()) -> PushNotification {
        PushNotification(
            recipientID: recipientID, id: id, type: "reaction", title: "New reaction",
            message: "Someone sent you 🔥", createdAt: 1_800_000_000_123)
    }
}

extension PushDeliverer.Configuration {
    /// Fast retries for tests.
    static func testing(attempts: Int = 3) -> PushDeliverer.Configuration {
        var configuration = PushDeliverer.Configuration()
        configuration.retry.maximumAttempts = attempts
        configuration.retry.initialDelay = .milliseconds(10)
        configuration.retry.maximumDelay = .seconds(2)
        configuration.allowLoopbackHTTP = true
        return configuration
    }
}
