import Messages
import RPC
import Testing

@testable import Services
@testable import Storage

/// The `WatchNotifications` stream registry and its bounded per-stream mailbox.
@Suite struct NotificationStreamsTests {
    private func record(to recipient: String, id: String = Identifiers.make()) -> NotificationRecord {
        NotificationRecord(
            id: id, recipientID: recipient, kind: .reaction, title: "New reaction", message: "You got a reaction",
            sender: nil, isRead: false, capsuleID: nil, findSessionID: nil, reactionType: "fire", createdAt: 1)
    }

    private func code(of next: NotificationMailbox.Next) -> StatusCode? {
        guard case .end(let error?) = next else { return nil }
        return (error as? RPCError)?.code
    }

    @Test func deliversToEveryOpenStreamOfTheRecipientOnly() async throws {
        let streams = NotificationStreams(bufferCapacity: 8)
        let alice = Identifiers.make()
        let (_, first) = try streams.add(userID: alice, sessionID: "s1")
        let (_, second) = try streams.add(userID: alice, sessionID: "s2")
        let (_, bobs) = try streams.add(userID: Identifiers.make(), sessionID: "s3")
        let notification = record(to: alice)
        streams.deliver(notification)
        for mailbox in [first, second] {
            guard case .send(let sent) = await mailbox.next() else {
                Issue.record("expected a notification")
                continue
            }
            #expect(sent.id == notification.id && sent.reactionType == .fire)
        }
        #expect(bobs.backlog == 0)
        #expect(streams.count == 3)
    }

    @Test func removeForgetsTheStream() throws {
        let streams = NotificationStreams(bufferCapacity: 8)
        let alice = Identifiers.make()
        let (registration, mailbox) = try streams.add(userID: alice, sessionID: "s1")
        streams.remove(registration)
        streams.deliver(record(to: alice))
        #expect(mailbox.backlog == 0 && streams.count == 0)
    }

    @Test func aSlowReaderIsEndedWithResourceExhaustedInsteadOfGrowingMemory() async throws {
        let streams = NotificationStreams(bufferCapacity: 3)
        let alice = Identifiers.make()
        let (_, mailbox) = try streams.add(userID: alice, sessionID: "s1")
        for _ in 0..<3 { streams.deliver(record(to: alice)) }
        #expect(mailbox.backlog == 3)
        streams.deliver(record(to: alice))
        streams.deliver(record(to: alice))
        #expect(mailbox.backlog == 3)
        #expect(code(of: await mailbox.next()) == .resourceExhausted)
    }

    @Test func aReaderThatKeepsUpIsNeverEnded() async throws {
        let streams = NotificationStreams(bufferCapacity: 2)
        let alice = Identifiers.make()
        let (_, mailbox) = try streams.add(userID: alice, sessionID: "s1")
        for _ in 0..<50 {
            streams.deliver(record(to: alice))
            guard case .send = await mailbox.next() else {
                Issue.record("the stream ended")
                return
            }
        }
    }

    @Test func signOutEndsOnlyThatSessionsStreams() async throws {
        let streams = NotificationStreams(bufferCapacity: 8)
        let alice = Identifiers.make()
        let (_, revoked) = try streams.add(userID: alice, sessionID: "s1")
        let (_, other) = try streams.add(userID: alice, sessionID: "s2")
        streams.sessionRevoked(userID: alice, sessionID: "s1")
        #expect(code(of: await revoked.next()) == .unauthenticated)
        streams.deliver(record(to: alice))
        guard case .send = await other.next() else {
            Issue.record("the other session's stream ended")
            return
        }
    }

    @Test func accountDeletionEndsEveryStreamOfTheUser() async throws {
        let streams = NotificationStreams(bufferCapacity: 8)
        let alice = Identifiers.make()
        let mailboxes = try (0..<2).map { try streams.add(userID: alice, sessionID: "s\($0)").1 }
        streams.accountDeleted(alice)
        for mailbox in mailboxes { #expect(code(of: await mailbox.next()) == .unauthenticated) }
    }

    @Test func shutdownEndsStreamsAndRefusesNewOnes() async throws {
        let streams = NotificationStreams(bufferCapacity: 8)
        let (_, mailbox) = try streams.add(userID: Identifiers.make(), sessionID: "s1")
        streams.shutdown()
        #expect(code(of: await mailbox.next()) == .unavailable)
        #expect(throws: RPCError.self) { try streams.add(userID: Identifiers.make(), sessionID: "s2") }
    }

    @Test func aWaitingReaderWakesForANotificationAndForCancellation() async throws {
        let streams = NotificationStreams(bufferCapacity: 8)
        let alice = Identifiers.make()
        let (_, mailbox) = try streams.add(userID: alice, sessionID: "s1")
        async let waiting = mailbox.next()
        try await Task.sleep(for: .milliseconds(20))
        streams.deliver(record(to: alice))
        guard case .send = await waiting else {
            Issue.record("expected a notification")
            return
        }
        let task = Task { await mailbox.next() }
        try await Task.sleep(for: .milliseconds(20))
        task.cancel()
        guard case .end(let error?) = await task.value else {
            Issue.record("expected the stream to end")
            return
        }
        #expect(error is CancellationError)
    }
}
