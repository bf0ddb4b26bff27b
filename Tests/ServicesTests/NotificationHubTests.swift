import Messages
import Storage
import Synchronization
import Testing

@testable import Services

@Suite struct NotificationHubTests {
    @Test func recordsInsideAWriteAndDeliversToEverySubscriber() async throws {
        let temporary = try TemporaryDatabase()
        let hub = NotificationHub()
        let sender = Identifiers.make()
        let recipient = Identifiers.make()
        let capsule = Identifiers.make()
        let received = Mutex<[NotificationRecord]>([])
        let subscription = hub.subscribe { record in received.withLock { $0.append(record) } }
        let record = try await temporary.database.write { connection in
            let users = UserStore(connection)
            try users.createAnonymous(id: sender, displayName: "Sender", at: 1)
            try users.createAnonymous(id: recipient, displayName: "Recipient", at: 1)
            return try hub.record(
                NotificationDraft(
                    recipientID: recipient, kind: .capsuleLiked, title: "Liked", message: "Someone liked it",
                    fromUserID: sender, capsuleID: capsule),
                on: connection, at: 42)
        }
        hub.deliver([record])
        hub.unsubscribe(subscription)
        hub.deliver([record])

        #expect(received.withLock { $0 } == [record])
        #expect(record.capsuleID == capsule && record.findSessionID == nil && record.reactionType == nil)
        #expect(record.sender?.userID == sender && record.createdAt == 42 && !record.isRead)
        let message = Messages.Notification(record)
        #expect(message.type == .capsuleLiked && message.capsuleID == capsule)
        #expect(message.fromUser?.displayName == PublicUsers.anonymousName)
        let metadata = try await temporary.database.read { connection in
            try connection.queryFirst("SELECT metadata FROM notifications", decode: { try $0.string(0) })
        }
        #expect(metadata == #"{"capsule_id":"\#(capsule)"}"#)
    }
}
