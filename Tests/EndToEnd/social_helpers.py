"""Helpers for the Reactions and Notifications suites: a `User` with their stubs, reaction and
notification shortcuts, a WatchNotifications stream read on a thread, and status-detail decoding."""

import queue
import threading
import time

import grpc
from google.rpc import error_details_pb2, status_pb2

from nearby_helpers import User
from resonance.v1 import accounts_pb2, notifications_pb2, notifications_pb2_grpc, presence_pb2
from resonance.v1 import reactions_pb2, reactions_pb2_grpc
from rpc_helpers import call_error

REACTION = reactions_pb2.ReactionType
DIRECTION = reactions_pb2.ReactionDirection
ALL_TYPES = [REACTION.Value(name) for name in ("REACTION_TYPE_FIRE", "REACTION_TYPE_HEART",
                                               "REACTION_TYPE_MUSIC", "REACTION_TYPE_WAVE",
                                               "REACTION_TYPE_SPARKLE")]
FIRE = REACTION.Value("REACTION_TYPE_FIRE")
HEART = REACTION.Value("REACTION_TYPE_HEART")
RECEIVED = DIRECTION.Value("REACTION_DIRECTION_RECEIVED")
SENT = DIRECTION.Value("REACTION_DIRECTION_SENT")


class SocialUser(User):
    """A signed-in anonymous user who also has the Reactions and Notifications stubs."""

    def __init__(self, channel):
        super().__init__(channel)
        self.reactions = reactions_pb2_grpc.ReactionsStub(channel)
        self.notifications = notifications_pb2_grpc.NotificationsStub(channel)

    def react(self, receiver, reaction_type=FIRE):
        """SendReaction to `receiver` (a user or an id); returns the response."""
        return self.reactions.SendReaction(reaction_request(receiver, reaction_type), timeout=10,
                                           metadata=self.metadata)

    def react_error(self, receiver, reaction_type=FIRE):
        """The error of a SendReaction that must fail."""
        return call_error(self.reactions.SendReaction, reaction_request(receiver, reaction_type),
                          metadata=self.metadata)

    def list_reactions(self, direction, page_size=0, page_token=""):
        request = reactions_pb2.ListReactionsRequest(direction=direction, page_size=page_size, page_token=page_token)
        return self.reactions.ListReactions(request, timeout=10, metadata=self.metadata)

    def inbox(self, unread_only=False, page_size=100, page_token=""):
        request = notifications_pb2.ListNotificationsRequest(
            unread_only=unread_only, page_size=page_size, page_token=page_token
        )
        return self.notifications.ListNotifications(request, timeout=10, metadata=self.metadata)

    def unread_count(self):
        return self.notifications.GetUnreadCount(
            notifications_pb2.GetUnreadCountRequest(), timeout=10, metadata=self.metadata
        ).unread_count

    def mark_read(self, ids=(), all=False):
        request = notifications_pb2.MarkReadRequest(notification_ids=list(ids), all=all)
        return self.notifications.MarkRead(request, timeout=10, metadata=self.metadata).updated_count

    def go_offline(self):
        self.presence.GoOffline(presence_pb2.GoOfflineRequest(), timeout=10, metadata=self.metadata)

    def block(self, other):
        self.accounts.BlockUser(accounts_pb2.BlockUserRequest(user_id=other.user_id), timeout=10,
                                metadata=self.metadata)

    def become_public(self, name, instagram="dj_insta"):
        """Turns anonymity off with a display name and an Instagram handle."""
        request = accounts_pb2.UpdateProfileRequest()
        request.display_name.value = name
        request.instagram_handle.value = instagram
        request.is_anonymous.value = False
        self.accounts.UpdateProfile(request, timeout=10, metadata=self.metadata)

    def become_anonymous(self):
        request = accounts_pb2.UpdateProfileRequest()
        request.is_anonymous.value = True
        self.accounts.UpdateProfile(request, timeout=10, metadata=self.metadata)


def reaction_request(receiver, reaction_type):
    """A SendReactionRequest to `receiver` (a user or an id)."""
    receiver_id = getattr(receiver, "user_id", receiver)
    return reactions_pb2.SendReactionRequest(receiver_user_id=receiver_id, type=reaction_type)


class NotificationWatch:
    """A WatchNotifications stream read on a thread into a queue (None marks its end)."""

    def __init__(self, user):
        self.call = user.notifications.WatchNotifications(
            notifications_pb2.WatchNotificationsRequest(), metadata=user.metadata, timeout=60
        )
        self.items = queue.Queue()
        self.error = None
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self):
        try:
            for response in self.call:
                self.items.put(response.notification)
        except grpc.RpcError as error:
            self.error = error
        self.items.put(None)

    def expect_notification(self, timeout=10):
        item = self.items.get(timeout=timeout)
        assert item is not None, f"stream ended ({self.error}) while expecting a notification"
        return item

    def expect_end(self, timeout=10):
        item = self.items.get(timeout=timeout)
        assert item is None, f"expected the stream to end, got {item}"
        self.thread.join(timeout=10)
        return self.error

    def cancel(self):
        self.call.cancel()

    def received(self, notification_id, timeout):
        """Reads until the notification `notification_id` arrives (True) or `timeout` passes."""
        deadline = time.monotonic() + timeout
        while (remaining := deadline - time.monotonic()) > 0:
            try:
                item = self.items.get(timeout=remaining)
            except queue.Empty:
                return False
            assert item is not None, f"stream ended ({self.error}) while waiting for a notification"
            if item.id == notification_id:
                return True
        return False


def until_listening(watches, receiver, prober):
    """Returns once every watch (all of `receiver`) is registered on the server: `prober`, live
    near the receiver, reacts until one reaction's notification reaches every watch. A stream
    hears only notifications created after it registered, and a watch reads past earlier
    probes, so afterwards every watch's queue is empty of probes."""
    for kind in ALL_TYPES:
        prober.react(receiver, kind)
        probe = next(n for n in receiver.inbox(page_size=10).notifications if n.reaction_type == kind
                     and n.from_user.user_id == prober.user_id)
        if all([watch.received(probe.id, timeout=2) for watch in watches]):
            return
    raise AssertionError("the streams never received a probe notification")


def status_details(error, message_type):
    """The details of `message_type` in an error's grpc-status-details-bin trailer."""
    raw = dict(error.trailing_metadata() or ()).get("grpc-status-details-bin")
    assert raw is not None, f"{error.code()} without a google.rpc.Status detail"
    status = status_pb2.Status.FromString(raw)
    assert status.code == error.code().value[0]
    found = []
    for detail in status.details:
        message = message_type()
        if detail.Unpack(message):
            found.append(message)
    return found


def retry_info(error):
    """The google.rpc.RetryInfo of a RESOURCE_EXHAUSTED error."""
    infos = status_details(error, error_details_pb2.RetryInfo)
    assert len(infos) == 1, f"expected one RetryInfo, got {infos}"
    return infos[0]
