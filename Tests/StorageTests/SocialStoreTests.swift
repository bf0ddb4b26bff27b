import SQLite
import Testing

@testable import Storage

/// The inbox queries of `NotificationStore`, `ReactionStore` and `PushSubscriptionStore`.
@Suite struct SocialStoreTests {
    let db: Connection
    let fixtures: Fixtures

    init() throws {
        db = try StorageDatabase.openInMemory()
        fixtures = Fixtures(db: db)
    }

    private func draft(to recipient: String, from sender: String?) -> NotificationDraft {
        NotificationDraft(
            recipientID: recipient, kind: .reaction, title: "New reaction", message: "You got a reaction",
            fromUserID: sender, reactionType: "fire")
    }

    @Test func notificationsListNewestFirstWithTiesInStoredOrder() throws {
        let alice = try fixtures.user()
        let bob = try fixtures.user()
        let store = NotificationStore(db)
        let ids = (0..<4).map { _ in Fixtures.id() }
        try store.insert(draft(to: alice, from: bob), id: ids[0], at: 10)
        try store.insert(draft(to: alice, from: nil), id: ids[1], at: 20)
        try store.insert(draft(to: alice, from: bob), id: ids[2], at: 20)
        try store.insert(draft(to: bob, from: alice), id: ids[3], at: 30)
        let listed = try store.list(userID: alice, unreadOnly: false, offset: 0, limit: 10)
        #expect(listed.map(\.id) == [ids[2], ids[1], ids[0]])
        #expect(try store.list(userID: alice, unreadOnly: false, offset: 1, limit: 1).map(\.id) == [ids[1]])
        #expect(listed[1].sender == nil && listed[0].sender?.userID == bob)
    }

    @Test func markReadCountsOnlyTheOwnersUnreadNotifications() throws {
        let alice = try fixtures.user()
        let bob = try fixtures.user()
        let store = NotificationStore(db)
        let mine = try (0..<3).map { _ in try store.insert(draft(to: alice, from: bob), id: Fixtures.id(), at: 1).id }
        let theirs = try store.insert(draft(to: bob, from: alice), id: Fixtures.id(), at: 1).id
        #expect(try store.markRead(userID: alice, ids: [mine[0], mine[0], theirs, Fixtures.id()]) == 1)
        #expect(try store.markRead(userID: alice, ids: [mine[0]]) == 0)
        #expect(try store.markRead(userID: alice, ids: []) == 0)
        #expect(try store.unreadCount(userID: alice) == 2)
        #expect(try store.unreadCount(userID: bob) == 1)
        #expect(try store.list(userID: alice, unreadOnly: true, offset: 0, limit: 10).count == 2)
        #expect(try store.markAllRead(userID: alice) == 2)
        #expect(try store.unreadCount(userID: alice) == 0 && store.unreadCount(userID: bob) == 1)
    }

    @Test func deleteRemovesOnlyTheOwnersNotification() throws {
        let alice = try fixtures.user()
        let bob = try fixtures.user()
        let store = NotificationStore(db)
        let theirs = try store.insert(draft(to: bob, from: alice), id: Fixtures.id(), at: 1).id
        #expect(try !store.delete(id: theirs, userID: alice))
        #expect(try store.find(id: theirs) != nil)
        #expect(try store.delete(id: theirs, userID: bob))
        #expect(try !store.delete(id: theirs, userID: bob))
    }

    @Test func aBlockEitherWayHidesTheOthersNotifications() throws {
        let alice = try fixtures.user()
        let bob = try fixtures.user()
        let store = NotificationStore(db)
        try store.insert(draft(to: alice, from: bob), id: Fixtures.id(), at: 1)
        try store.insert(draft(to: alice, from: nil), id: Fixtures.id(), at: 2)
        try BlockStore(db).block(blockerID: bob, blockedID: alice, at: 3)
        #expect(try store.list(userID: alice, unreadOnly: false, offset: 0, limit: 10).map(\.sender) == [nil])
        #expect(try store.unreadCount(userID: alice) == 1)
        #expect(try store.markAllRead(userID: alice) == 1)
    }

    @Test func reactionsInsertOncePerSenderReceiverAndType() throws {
        let alice = try fixtures.user(name: "Alice")
        let bob = try fixtures.user(name: "Bob")
        let store = ReactionStore(db)
        #expect(try store.insertIfAbsent(id: Fixtures.id(), senderID: alice, receiverID: bob, type: "fire", at: 1))
        #expect(try !store.insertIfAbsent(id: Fixtures.id(), senderID: alice, receiverID: bob, type: "fire", at: 2))
        #expect(try store.insertIfAbsent(id: Fixtures.id(), senderID: alice, receiverID: bob, type: "wave", at: 3))
        let found = try #require(try store.find(senderID: alice, receiverID: bob, type: "fire"))
        #expect(found.createdAt == 1 && found.sender.displayName == "Alice" && found.receiver.displayName == "Bob")
        #expect(try store.hasReacted(senderID: alice, to: bob))
        #expect(try !store.hasReacted(senderID: bob, to: alice))
    }

    @Test func reactionListsAreNewestFirstPerSideAndSkipBlockedPairs() throws {
        let alice = try fixtures.user()
        let bob = try fixtures.user()
        let carol = try fixtures.user()
        let store = ReactionStore(db)
        try store.insertIfAbsent(id: Fixtures.id(), senderID: bob, receiverID: alice, type: "fire", at: 1)
        try store.insertIfAbsent(id: Fixtures.id(), senderID: carol, receiverID: alice, type: "heart", at: 2)
        try store.insertIfAbsent(id: Fixtures.id(), senderID: alice, receiverID: bob, type: "wave", at: 3)
        let received = try store.list(userID: alice, side: .received, offset: 0, limit: 10)
        #expect(received.map(\.sender.userID) == [carol, bob])
        #expect(try store.list(userID: alice, side: .received, offset: 1, limit: 5).map(\.type) == ["fire"])
        #expect(try store.list(userID: alice, side: .sent, offset: 0, limit: 10).map(\.receiver.userID) == [bob])
        try BlockStore(db).block(blockerID: alice, blockedID: bob, at: 4)
        #expect(try store.list(userID: alice, side: .received, offset: 0, limit: 10).map(\.sender.userID) == [carol])
        #expect(try store.list(userID: alice, side: .sent, offset: 0, limit: 10).isEmpty)
        #expect(try store.list(userID: bob, side: .received, offset: 0, limit: 10).isEmpty)
    }

    @Test func pushSubscriptionsBelongToOneUserAndMoveOnReRegistration() throws {
        let alice = try fixtures.user()
        let bob = try fixtures.user()
        let store = PushSubscriptionStore(db)
        let endpoint = "https://push.example.com/1"
        let first = try store.register(
            userID: alice, endpoint: endpoint, p256dh: "k1", auth: "a1", userAgent: "UA", id: Fixtures.id(), at: 10)
        #expect(first.created && first.record.createdAt == 10 && first.record.userAgent == "UA")
        let again = try store.register(
            userID: alice, endpoint: endpoint, p256dh: "k2", auth: "a2", userAgent: nil, id: Fixtures.id(), at: 20)
        #expect(!again.created && again.record.createdAt == 10 && again.record.p256dh == "k2")
        #expect(again.record.userAgent == nil)
        let moved = try store.register(
            userID: bob, endpoint: endpoint, p256dh: "k3", auth: "a3", userAgent: nil, id: Fixtures.id(), at: 30)
        #expect(!moved.created && moved.record.userID == bob && moved.record.createdAt == 30)
        #expect(try store.subscriptions(ofUser: alice).isEmpty)
        #expect(try store.subscriptions(ofUser: bob).map(\.auth) == ["a3"])
        #expect(try !store.remove(endpoint: endpoint, userID: alice))
        #expect(try store.remove(endpoint: endpoint))
        #expect(try store.find(endpoint: endpoint) == nil)
    }
}
