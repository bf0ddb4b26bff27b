import Crypto
import Foundation
import Testing

@testable import WebPush

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `Tests/EndToEnd/push_receiver.py` run as a process: a local push service that decrypts
/// (http_ece) and verifies (py_vapid) what it receives, independently of this code.
final class PythonPushReceiver {
    private let process = Process()
    private let input = Pipe()
    let baseURL: String

    init() throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../EndToEnd/push_receiver.py").standardized
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path]
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else { break }
            line += chunk
        }
        let text = String(decoding: line, as: UTF8.self)
        guard let match = text.firstMatch(of: /listening on (\S+)/) else {
            process.terminate()
            throw ReceiverError(description: "push_receiver.py did not start (needs requirements-dev.txt): \(text)")
        }
        baseURL = "http://\(match.1)"
    }

    deinit {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    struct ReceiverError: Error, CustomStringConvertible { let description: String }

    /// A new subscription whose private key only the receiver knows.
    func subscribe(_ name: String) async throws -> PushTarget {
        let object = try await call("POST", "/subscriptions/\(name)") as? [String: String]
        guard let object, let endpoint = object["endpoint"], let p256dh = object["p256dh"], let auth = object["auth"]
        else {
            throw ReceiverError(description: "bad subscription answer")
        }
        return PushTarget(endpoint: endpoint, p256dh: p256dh, auth: auth)
    }

    /// The statuses the next pushes to `name` get.
    func script(_ name: String, _ statuses: [Int]) async throws {
        _ = try await call("PUT", "/script/\(name)", body: JSONSerialization.data(withJSONObject: statuses))
    }

    /// What the receiver made of each push to `name`.
    func messages(_ name: String) async throws -> [[String: Any]] {
        try await call("GET", "/messages/\(name)") as? [[String: Any]] ?? []
    }

    private func call(_ method: String, _ path: String, body: Data? = nil) async throws -> Any? {
        var request = URLRequest(url: URL(string: baseURL + path)!)
        request.httpMethod = method
        request.httpBody = body
        let (data, _) = try await URLSession.shared.data(for: request)
        return data.isEmpty ? nil : try JSONSerialization.jsonObject(with: data)
    }
}

/// The deliverer over real HTTP (URLSession) against an independent implementation.
@Suite(.serialized) struct PushReceiverTests {
    @Test func anIndependentImplementationDecryptsAndVerifiesOurPushes() async throws {
        let receiver = try PythonPushReceiver()
        let ok = try await receiver.subscribe("ok")
        let gone = try await receiver.subscribe("gone")
        let flaky = try await receiver.subscribe("flaky")
        try await receiver.script("gone", [410])
        try await receiver.script("flaky", [500, 201])

        let events = DeliveryEvents()
        let removed = RemovedEndpoints()
        let signer = VAPIDSigner(privateKey: P256.Signing.PrivateKey(), subject: "mailto:ops@example.com")
        let deliverer = PushDeliverer(
            signer: signer, transport: URLSessionPushTransport(),
            subscriptions: { $0 == "alice" ? [ok, gone, flaky] : [] },
            removeSubscription: { removed.remove($0) }, configuration: .testing(),
            observer: { events.record($0) })
        deliverer.start()
        let notification = PushNotification.sample(to: "alice", id: "n1")
        deliverer.enqueue(notification)
        try await events.wait { events in
            events.contains(.removed(endpoint: gone.endpoint))
                && events.contains(.delivered(notificationID: "n1", endpoint: ok.endpoint))
                && events.contains(.delivered(notificationID: "n1", endpoint: flaky.endpoint))
        }
        await deliverer.stop()
        #expect(removed.all == [gone.endpoint])

        let expectedPayload = String(decoding: notification.payload, as: UTF8.self)
        for (name, statuses) in [("ok", [201]), ("gone", [410]), ("flaky", [500, 201])] {
            let messages = try await receiver.messages(name)
            #expect(messages.map { $0["status"] as? Int } == statuses, "\(name)")
            for message in messages {
                #expect(message["error"] is NSNull, "\(name): \(message["error"] ?? "")")
                #expect(message["payload"] as? String == expectedPayload, "\(name)")
                let vapid = try #require(message["vapid"] as? [String: Any])
                #expect(vapid["valid"] as? Bool == true, "\(name): \(vapid["error"] ?? "")")
                #expect(vapid["k"] as? String == signer.publicKey)
                #expect((vapid["claims"] as? [String: Any])?["sub"] as? String == "mailto:ops@example.com")
                let headers = try #require(message["headers"] as? [String: String])
                #expect(headers["content-encoding"] == "aes128gcm")
                #expect(headers["ttl"] == "86400")
            }
        }
    }
}
