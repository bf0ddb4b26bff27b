"""Notifications end to end through the real server: the inbox (list, count, mark read,
delete), the live stream to every open stream of a user and how it ends, and Web Push
subscriptions. Reactions create the notifications."""

import base64
import os
import time
from concurrent.futures import ThreadPoolExecutor

import grpc
import pytest

from h2.settings import SettingCodes
from hyperframe.frame import SettingsFrame, WindowUpdateFrame

from h2wire import PREFACE, WireClient, grpc_message
from nearby_helpers import BERLIN, offset
from resonance.v1 import accounts_pb2
from resonance.v1 import notifications_pb2 as pb
from resonance.v1 import notifications_pb2_grpc
from rpc_helpers import call_error, db_count, field_violations
from social_helpers import ALL_TYPES, FIRE, HEART, NotificationWatch, SocialUser, until_listening

UNKNOWN_ID = "123e4567-e89b-42d3-a456-426614174000"
REACTION_TYPE = pb.NotificationType.Value("NOTIFICATION_TYPE_REACTION")
# WatchNotifications sends nothing until the first notification, so the tests of how a stream
# ends give a freshly opened stream this long to be registered (they pass either way: a call
# that starts after a sign-out or deletion is refused UNAUTHENTICATED, and after shutdown
# UNAVAILABLE); the delivery test waits for probes instead (`until_listening`).
STREAM_SETTLE_S = 1.0


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def p256dh_key():
    return b64url(b"\x04" + os.urandom(64))


def auth_secret():
    return b64url(os.urandom(16))


@pytest.fixture
def people(channel):
    """A sender and a receiver live 300 m apart; the receiver has one notification per reaction type."""
    sender, receiver = SocialUser(channel), SocialUser(channel)
    sender.go_live(BERLIN)
    receiver.go_live(offset(BERLIN, 300, 0))
    for kind in ALL_TYPES:
        sender.react(receiver, kind)
    return sender, receiver


def unread_rows(server, user):
    return db_count(server, "SELECT count(*) FROM notifications WHERE user_id = ? AND is_read = 0", user.user_id)


def invalid(call, request, user):
    error = call_error(call, request, metadata=user.metadata)
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT, error
    return field_violations(error)


# MARK: Inbox


def test_list_shows_the_newest_first_and_pages(people):
    sender, receiver = people
    listed = receiver.inbox().notifications
    assert len(listed) == 5
    assert [n.reaction_type for n in listed] == list(reversed(ALL_TYPES))
    assert all(n.type == REACTION_TYPE and n.from_user.user_id == sender.user_id for n in listed)
    assert all(not n.is_read and n.title and n.message for n in listed)
    pages, token = [], ""
    for _ in range(3):
        page = receiver.inbox(page_size=2, page_token=token)
        pages.append([n.id for n in page.notifications])
        token = page.next_page_token
    assert pages == [[n.id for n in listed[i:i + 2]] for i in (0, 2, 4)] and token == ""
    assert sender.inbox().notifications == []


def test_unread_only_and_the_count_follow_mark_read(server, people):
    sender, receiver = people
    assert receiver.unread_count() == 5
    newest = receiver.inbox().notifications
    assert receiver.mark_read([newest[0].id, newest[1].id]) == 2
    assert receiver.unread_count() == 3
    assert [n.id for n in receiver.inbox(unread_only=True).notifications] == [n.id for n in newest[2:]]
    assert [n.is_read for n in receiver.inbox().notifications] == [True, True, False, False, False]
    # Already read, repeated and unknown ids count nothing.
    assert receiver.mark_read([newest[0].id, newest[0].id, UNKNOWN_ID]) == 0
    assert receiver.mark_read(all=True) == 3
    assert receiver.unread_count() == 0 and receiver.inbox(unread_only=True).notifications == []
    assert unread_rows(server, receiver) == 0


def test_mark_read_ignores_other_users_ids(server, people):
    sender, receiver = people
    receiver.react(sender, FIRE)  # the sender gets one notification
    [theirs] = sender.inbox().notifications
    mine = receiver.inbox().notifications[0]
    assert receiver.mark_read([theirs.id, mine.id]) == 1
    assert sender.unread_count() == 1 and unread_rows(server, sender) == 1
    assert sender.mark_read(all=True) == 1
    assert receiver.unread_count() == 4


def test_unread_only_pages_have_their_own_tokens(people):
    _, receiver = people
    token = receiver.inbox(unread_only=True, page_size=2).next_page_token
    assert token
    error = call_error(receiver.notifications.ListNotifications,
                       pb.ListNotificationsRequest(page_size=2, page_token=token), metadata=receiver.metadata)
    assert field_violations(error) == ["page_token"]


@pytest.mark.parametrize(
    "fields, violations",
    [
        ({"page_size": -1}, ["page_size"]),
        ({"page_token": "not-a-token"}, ["page_token"]),
        ({"page_size": -5, "page_token": "###"}, ["page_size", "page_token"]),
    ],
)
def test_list_rejects_bad_pages(people, fields, violations):
    _, receiver = people
    assert invalid(receiver.notifications.ListNotifications, pb.ListNotificationsRequest(**fields),
                   receiver) == violations


@pytest.mark.parametrize(
    "fields, violations",
    [
        ({}, ["notification_ids"]),
        ({"notification_ids": ["nope"]}, ["notification_ids[0]"]),
        ({"notification_ids": [UNKNOWN_ID, ""]}, ["notification_ids[1]"]),
        ({"notification_ids": [UNKNOWN_ID.upper()]}, ["notification_ids[0]"]),
        ({"notification_ids": [UNKNOWN_ID] * 101}, ["notification_ids"]),
        ({"notification_ids": [UNKNOWN_ID], "all": True}, ["notification_ids"]),
    ],
)
def test_mark_read_rejects_bad_requests_and_changes_nothing(server, people, fields, violations):
    _, receiver = people
    assert invalid(receiver.notifications.MarkRead, pb.MarkReadRequest(**fields), receiver) == violations
    assert unread_rows(server, receiver) == 5


def test_mark_read_takes_up_to_100_ids(people):
    _, receiver = people
    ids = [n.id for n in receiver.inbox().notifications]
    assert receiver.mark_read(ids + [UNKNOWN_ID] * (100 - len(ids))) == 5


def test_delete_removes_only_the_callers_own(server, people):
    sender, receiver = people
    receiver.react(sender, HEART)
    [theirs] = sender.inbox().notifications
    mine = receiver.inbox().notifications[0]
    delete = receiver.notifications.DeleteNotification
    delete(pb.DeleteNotificationRequest(notification_id=mine.id), timeout=10, metadata=receiver.metadata)
    assert mine.id not in [n.id for n in receiver.inbox().notifications]
    assert receiver.unread_count() == 4
    again = call_error(delete, pb.DeleteNotificationRequest(notification_id=mine.id), metadata=receiver.metadata)
    other = call_error(delete, pb.DeleteNotificationRequest(notification_id=theirs.id), metadata=receiver.metadata)
    unknown = call_error(delete, pb.DeleteNotificationRequest(notification_id=UNKNOWN_ID), metadata=receiver.metadata)
    assert again.code() == other.code() == unknown.code() == grpc.StatusCode.NOT_FOUND
    assert other.details().replace(theirs.id, "ID") == unknown.details().replace(UNKNOWN_ID, "ID")
    assert db_count(server, "SELECT count(*) FROM notifications WHERE id = ?", theirs.id) == 1
    assert invalid(delete, pb.DeleteNotificationRequest(notification_id="x"), receiver) == ["notification_id"]
    assert invalid(delete, pb.DeleteNotificationRequest(), receiver) == ["notification_id"]
    assert db_count(server, "SELECT count(*) FROM notifications") == 5


def test_a_block_hides_the_blocked_users_notifications(people):
    sender, receiver = people
    receiver.block(sender)
    assert receiver.inbox().notifications == [] and receiver.unread_count() == 0
    assert receiver.mark_read(all=True) == 0


# MARK: WatchNotifications


def test_every_open_stream_of_the_user_gets_each_new_notification(channel):
    sender, receiver, prober = SocialUser(channel), SocialUser(channel), SocialUser(channel)
    sender.go_live(BERLIN)
    receiver.go_live(offset(BERLIN, 200, 0))
    prober.go_live(offset(BERLIN, 100, 0))
    first, second, senders = NotificationWatch(receiver), NotificationWatch(receiver), NotificationWatch(sender)
    until_listening([first, second], receiver, prober)
    until_listening([senders], sender, prober)
    sender.react(receiver, FIRE)
    sender.react(receiver, HEART)
    stored = [n for n in receiver.inbox().notifications if n.from_user.user_id == sender.user_id]
    for watch in (first, second):
        got = [watch.expect_notification(), watch.expect_notification()]
        assert [n.reaction_type for n in got] == [FIRE, HEART]
        assert [n.id for n in got] == [n.id for n in reversed(stored)]
        assert all(n.from_user.user_id == sender.user_id and not n.is_read for n in got)
    # A repeat creates nothing, so it streams nothing; another user's notification goes only
    # to that user's streams.
    sender.react(receiver, FIRE)
    receiver.react(sender, FIRE)
    assert senders.expect_notification().from_user.user_id == receiver.user_id
    assert first.items.empty() and second.items.empty()
    for watch in (first, second, senders):
        watch.cancel()


def test_the_stream_ends_unauthenticated_on_sign_out(channel):
    user = SocialUser(channel)
    watch = NotificationWatch(user)
    time.sleep(STREAM_SETTLE_S)
    user.accounts.SignOut(accounts_pb2.SignOutRequest(), timeout=10, metadata=user.metadata)
    assert watch.expect_end().code() == grpc.StatusCode.UNAUTHENTICATED


def test_the_stream_ends_unauthenticated_on_account_deletion(channel):
    user = SocialUser(channel)
    watch = NotificationWatch(user)
    time.sleep(STREAM_SETTLE_S)
    user.accounts.DeleteAccount(accounts_pb2.DeleteAccountRequest(confirm=True), timeout=10, metadata=user.metadata)
    assert watch.expect_end().code() == grpc.StatusCode.UNAUTHENTICATED


def test_the_stream_ends_unavailable_at_shutdown(server, channel):
    user = SocialUser(channel)
    watch = NotificationWatch(user)
    time.sleep(STREAM_SETTLE_S)
    server.stop()
    assert watch.expect_end().code() == grpc.StatusCode.UNAVAILABLE


def test_a_reader_that_falls_behind_is_ended_with_resource_exhausted(server, channel):
    """A client that stops reading (HTTP/2 window 0) does not make the server buffer without
    bound: past the transport's write buffer and the stream's 256 queued notifications, the
    stream ends RESOURCE_EXHAUSTED, which the client sees once it reads again."""
    receiver = SocialUser(channel)
    receiver.go_live(BERLIN)
    path = "/resonance.v1.Notifications/WatchNotifications"
    with WireClient(server.address, preface=False, timeout=30) as client:
        client.send_raw(PREFACE + SettingsFrame(0, settings={SettingCodes.INITIAL_WINDOW_SIZE: 0}).serialize())
        stream_id, _ = client.start_call(path, grpc_message(b""), extra=[("authorization", f"Bearer {receiver.token}")])
        client.drain()
        time.sleep(STREAM_SETTLE_S)

        def five_reactions(index):
            sender = SocialUser(channel)
            sender.go_live(offset(BERLIN, 20 + index % 50, 0))
            for kind in ALL_TYPES:
                sender.react(receiver, kind)

        senders = 500
        with ThreadPoolExecutor(8) as pool:
            list(pool.map(five_reactions, range(senders)))
        created = senders * len(ALL_TYPES)
        assert db_count(server, "SELECT count(*) FROM notifications WHERE user_id = ?", receiver.user_id) == created
        # Read again: what the server had buffered arrives, then the end.
        client.send(SettingsFrame(0, settings={SettingCodes.INITIAL_WINDOW_SIZE: 1 << 24}),
                    WindowUpdateFrame(0, window_increment=1 << 24))
        result = client.wait_stream(stream_id, timeout=60)
        assert result.grpc_status == grpc.StatusCode.RESOURCE_EXHAUSTED.value[0]
        assert b"ListNotifications" in result.grpc_message
        received = len(result.messages())
        assert 256 <= received < created
    # The inbox kept everything.
    assert receiver.unread_count() == created


# MARK: Push subscriptions


def register(user, endpoint, p256dh=None, auth=None, user_agent="Firefox/140"):
    request = pb.RegisterPushSubscriptionRequest(
        endpoint=endpoint, p256dh=p256dh or p256dh_key(), auth=auth or auth_secret(), user_agent=user_agent
    )
    return user.notifications.RegisterPushSubscription(request, timeout=10, metadata=user.metadata)


def subscription_owner(server, endpoint):
    return db_count(server, "SELECT user_id FROM push_subscriptions WHERE endpoint = ?", endpoint)


def test_register_creates_then_updates_and_moves_an_endpoint(server, channel):
    first, second = SocialUser(channel), SocialUser(channel)
    endpoint = "https://push.example.com/send/abc123"
    created = register(first, endpoint)
    assert created.created
    assert created.subscription.endpoint == endpoint and created.subscription.user_agent == "Firefox/140"
    assert created.subscription.created_at.seconds > 0
    new_key = p256dh_key()
    updated = register(first, endpoint, p256dh=new_key, user_agent="")
    assert not updated.created and updated.subscription.user_agent == ""
    assert updated.subscription.created_at == created.subscription.created_at
    assert db_count(server, "SELECT p256dh FROM push_subscriptions WHERE endpoint = ?", endpoint) == new_key
    moved = register(second, endpoint)
    assert not moved.created
    assert subscription_owner(server, endpoint) == second.user_id
    assert db_count(server, "SELECT count(*) FROM push_subscriptions") == 1


def test_padded_base64url_keys_are_accepted_and_stored_unpadded(server, channel):
    user = SocialUser(channel)
    key = base64.urlsafe_b64encode(b"\x04" + os.urandom(64)).decode()
    secret = base64.urlsafe_b64encode(os.urandom(16)).decode()
    assert secret.endswith("==")
    register(user, "https://push.example.com/padded", p256dh=key, auth=secret)
    assert db_count(server, "SELECT auth FROM push_subscriptions") == secret.rstrip("=")


@pytest.mark.parametrize(
    "fields, violations",
    [
        ({"endpoint": ""}, ["endpoint"]),
        ({"endpoint": "http://push.example.com/x"}, ["endpoint"]),
        ({"endpoint": "https://push.example.com/" + "a" * 2030}, ["endpoint"]),
        ({"p256dh": ""}, ["p256dh"]),
        ({"p256dh": b64url(b"\x04" + bytes(63))}, ["p256dh"]),
        ({"p256dh": b64url(b"\x02" + bytes(64))}, ["p256dh"]),
        ({"p256dh": base64.b64encode(b"\x04" + b"\xff" * 64).decode()}, ["p256dh"]),
        ({"auth": b64url(bytes(15))}, ["auth"]),
        ({"auth": "!!!"}, ["auth"]),
        ({"user_agent": "x" * 513}, ["user_agent"]),
        ({"endpoint": "ftp://x", "auth": "", "p256dh": "", "user_agent": "y" * 600},
         ["auth", "endpoint", "p256dh", "user_agent"]),
    ],
)
def test_register_rejects_malformed_subscriptions(server, channel, fields, violations):
    user = SocialUser(channel)
    request = {"endpoint": "https://push.example.com/ok", "p256dh": p256dh_key(), "auth": auth_secret(),
               "user_agent": "ok", **fields}
    assert invalid(user.notifications.RegisterPushSubscription,
                   pb.RegisterPushSubscriptionRequest(**request), user) == violations
    assert db_count(server, "SELECT count(*) FROM push_subscriptions") == 0


def test_register_accepts_the_longest_endpoint_and_user_agent(channel):
    user = SocialUser(channel)
    endpoint = "https://push.example.com/" + "a" * (2048 - len("https://push.example.com/"))
    assert register(user, endpoint, user_agent="u" * 512).created


def test_unregister_removes_only_the_callers_own(server, channel):
    owner, other = SocialUser(channel), SocialUser(channel)
    endpoint = "https://push.example.com/mine"
    register(owner, endpoint)
    unregister = pb.UnregisterPushSubscriptionRequest
    other.notifications.UnregisterPushSubscription(unregister(endpoint=endpoint), timeout=10, metadata=other.metadata)
    assert subscription_owner(server, endpoint) == owner.user_id
    owner.notifications.UnregisterPushSubscription(
        unregister(endpoint="https://push.example.com/unknown"), timeout=10, metadata=owner.metadata)
    owner.notifications.UnregisterPushSubscription(unregister(endpoint=endpoint), timeout=10, metadata=owner.metadata)
    assert db_count(server, "SELECT count(*) FROM push_subscriptions") == 0
    assert invalid(owner.notifications.UnregisterPushSubscription, unregister(), owner) == ["endpoint"]


def test_push_config_is_the_servers_vapid_public_key(channel):
    user = SocialUser(channel)
    key = user.notifications.GetPushConfig(pb.GetPushConfigRequest(), timeout=10, metadata=user.metadata)
    point = base64.urlsafe_b64decode(key.vapid_public_key + "=")
    assert len(point) == 65 and point[0] == 0x04  # an uncompressed P-256 point, unpadded base64url


def test_every_rpc_needs_a_token(channel):
    stub = notifications_pb2_grpc.NotificationsStub(channel)
    unary = [
        (stub.ListNotifications, pb.ListNotificationsRequest()),
        (stub.GetUnreadCount, pb.GetUnreadCountRequest()),
        (stub.MarkRead, pb.MarkReadRequest(all=True)),
        (stub.DeleteNotification, pb.DeleteNotificationRequest(notification_id=UNKNOWN_ID)),
        (stub.RegisterPushSubscription, pb.RegisterPushSubscriptionRequest()),
        (stub.UnregisterPushSubscription, pb.UnregisterPushSubscriptionRequest(endpoint="https://x.example")),
        (stub.GetPushConfig, pb.GetPushConfigRequest()),
    ]
    for call, request in unary:
        assert call_error(call, request).code() == grpc.StatusCode.UNAUTHENTICATED, call
    with pytest.raises(grpc.RpcError) as info:
        list(stub.WatchNotifications(pb.WatchNotificationsRequest(), timeout=10))
    assert info.value.code() == grpc.StatusCode.UNAUTHENTICATED
