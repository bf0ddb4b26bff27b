import Messages
import Testing

@testable import Services

@Suite struct DiscoveryMailboxTests {
    static func user(_ id: String, track: String? = nil, lastActive: Int64 = 1) -> NearbyUser {
        var user = NearbyUser()
        user.user = PublicUser()
        user.user?.userID = id
        if let track {
            var current = Track()
            current.trackID = track
            user.currentTrack = current
        }
        user.lastActive = Timestamp(millisecondsSince1970: lastActive)
        return user
    }

    static func take(_ mailbox: NearbyMailbox, _ count: Int) async -> [(NearbyEventType, String?, String?)] {
        var out: [(NearbyEventType, String?, String?)] = []
        for _ in 0..<count {
            guard case .event(let event) = await mailbox.next() else { break }
            out.append((event.type, event.user?.user?.userID, event.user?.currentTrack?.trackID))
        }
        return out
    }

    @Test func theSnapshotComesFirstThenSynced() async {
        let mailbox = NearbyMailbox(blocked: ["blocked"])
        mailbox.start(with: [Self.user("a"), Self.user("blocked"), Self.user("b")])
        let events = await Self.take(mailbox, 3)
        #expect(events.map(\.0) == [.joined, .joined, .synced])
        #expect(events.map(\.1) == ["a", "b", nil])
    }

    @Test func aSlowReaderGetsTheLatestStatePerUser() async {
        let mailbox = NearbyMailbox(blocked: [])
        mailbox.start(with: [Self.user("a")])
        _ = await Self.take(mailbox, 2)
        // Many changes before the reader comes back: one event per user, the latest state.
        for index in 0..<1000 { mailbox.set("a", Self.user("a", track: "t\(index)")) }
        mailbox.set("new", Self.user("new", track: "x"))
        mailbox.set("new", Self.user("new", track: "y"))
        mailbox.set("gone", Self.user("gone"))
        mailbox.set("gone", nil)
        let events = await Self.take(mailbox, 2)
        #expect(events.map(\.0) == [.updated, .joined])
        #expect(events.map(\.2) == ["t999", "y"])
        mailbox.finish(.finished)
        guard case .end(.finished) = await mailbox.next() else {
            Issue.record("expected the end")
            return
        }
    }

    @Test func onlyLastActiveMovingIsNoEventAndLeavingSaysOnlyTheID() async {
        let mailbox = NearbyMailbox(blocked: [])
        mailbox.start(with: [Self.user("a", track: "t", lastActive: 1)])
        _ = await Self.take(mailbox, 2)
        mailbox.set("a", Self.user("a", track: "t", lastActive: 2))
        mailbox.set("b", Self.user("b"))
        mailbox.block("a")
        mailbox.set("a", Self.user("a", track: "u"))
        guard case .event(let first) = await mailbox.next(), case .event(let second) = await mailbox.next() else {
            Issue.record("expected two events")
            return
        }
        #expect(first.type == .left && first.user?.user?.userID == "a" && first.user?.lastActive == nil)
        #expect(second.type == .joined && second.user?.user?.userID == "b")
    }
}
