"""Reactions end to end through the real server: who may react to whom, repeats and races,
the receiver's notification, anonymity, listing and the rate limit."""

import json
import threading

import grpc
import pytest

from conftest import start_server
from nearby_helpers import BERLIN, offset
from resonance.v1 import reactions_pb2, reactions_pb2_grpc
from resonance_client import connect
from rpc_helpers import call_error, db_count, field_violations, grpcurl
from social_helpers import ALL_TYPES, FIRE, HEART, REACTION, RECEIVED, SENT, SocialUser, retry_info

FAR = offset(BERLIN, 30_000, 0)


def pair_nearby(channel, distance_m=300):
    """A sender and a receiver, both live `distance_m` apart (within the default 5 km radius)."""
    sender, receiver = SocialUser(channel), SocialUser(channel)
    sender.go_live(BERLIN)
    receiver.go_live(offset(BERLIN, distance_m, 0))
    return sender, receiver


def reaction_rows(server):
    return db_count(server, "SELECT count(*) FROM reactions")


def reaction_notifications(server, user):
    return db_count(server, "SELECT count(*) FROM notifications WHERE user_id = ? AND type = 'reaction'", user.user_id)


def test_reacting_to_someone_nearby_stores_it_and_notifies_them(server, channel):
    sender, receiver = pair_nearby(channel)
    response = sender.react(receiver, FIRE)
    assert response.created
    assert response.reaction.type == FIRE
    assert response.reaction.sender.user_id == sender.user_id
    assert response.reaction.receiver.user_id == receiver.user_id
    assert response.reaction.created_at.seconds > 0
    assert reaction_rows(server) == 1
    [notification] = receiver.inbox().notifications
    assert notification.type == 1  # NOTIFICATION_TYPE_REACTION
    assert notification.reaction_type == FIRE
    assert notification.from_user.user_id == sender.user_id
    assert not notification.is_read
    assert "🔥" in notification.message
    assert sender.inbox().notifications == []


def test_every_reaction_type_is_accepted(server, channel):
    sender, receiver = pair_nearby(channel)
    assert [sender.react(receiver, kind).created for kind in ALL_TYPES] == [True] * 5
    assert reaction_rows(server) == 5
    assert reaction_notifications(server, receiver) == 5


def test_someone_far_away_cannot_be_reacted_to(server, channel):
    sender, receiver = SocialUser(channel), SocialUser(channel)
    sender.go_live(BERLIN)
    receiver.go_live(FAR)
    error = sender.react_error(receiver)
    assert error.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert "nearby" in error.details()
    assert reaction_rows(server) == 0
    assert db_count(server, "SELECT count(*) FROM notifications") == 0


def test_the_receiver_must_be_live_and_the_sender_too(server, channel):
    sender, receiver = pair_nearby(channel)
    receiver.go_offline()
    assert sender.react_error(receiver).code() == grpc.StatusCode.FAILED_PRECONDITION
    receiver.go_live(offset(BERLIN, 300, 0))
    sender.go_offline()
    assert sender.react_error(receiver).code() == grpc.StatusCode.FAILED_PRECONDITION
    assert reaction_rows(server) == 0


def test_a_previous_reactor_can_be_reacted_to_even_when_far(server, channel):
    sender, receiver = pair_nearby(channel)
    receiver.react(sender, HEART)  # the receiver reacted to the sender first
    sender.go_offline()
    receiver.go_offline()
    stranger = SocialUser(channel)
    stranger.go_live(FAR)
    response = sender.react(receiver, FIRE)
    assert response.created
    assert reaction_rows(server) == 2
    # Neither offline user can reach someone who never reacted to them.
    assert sender.react_error(stranger).code() == grpc.StatusCode.FAILED_PRECONDITION
    assert stranger.react_error(sender).code() == grpc.StatusCode.FAILED_PRECONDITION
    assert reaction_rows(server) == 2


def test_reacting_to_yourself_is_invalid(server, channel):
    sender = SocialUser(channel)
    sender.go_live(BERLIN)
    error = sender.react_error(sender)
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert field_violations(error) == ["receiver_user_id"]
    assert reaction_rows(server) == 0


@pytest.mark.parametrize("blocker", ["sender", "receiver"])
def test_a_block_either_way_looks_like_an_unknown_user(server, channel, blocker):
    sender, receiver = pair_nearby(channel)
    (sender if blocker == "sender" else receiver).block(receiver if blocker == "sender" else sender)
    blocked = sender.react_error(receiver)
    unknown_id = "123e4567-e89b-42d3-a456-426614174000"
    unknown = sender.react_error(unknown_id)
    assert blocked.code() == unknown.code() == grpc.StatusCode.NOT_FOUND
    assert blocked.details().replace(receiver.user_id, "ID") == unknown.details().replace(unknown_id, "ID")
    assert reaction_rows(server) == 0
    assert db_count(server, "SELECT count(*) FROM notifications") == 0


def test_a_block_hides_earlier_reactions_from_both_lists(server, channel):
    sender, receiver = pair_nearby(channel)
    sender.react(receiver)
    receiver.block(sender)
    assert receiver.list_reactions(RECEIVED).reactions == []
    assert sender.list_reactions(SENT).reactions == []
    assert receiver.inbox().notifications == [] and receiver.unread_count() == 0


@pytest.mark.parametrize(
    "fields, violations",
    [
        ({"receiver_user_id": "nope", "type": 1}, ["receiver_user_id"]),
        ({"receiver_user_id": "", "type": 1}, ["receiver_user_id"]),
        ({"receiver_user_id": "123E4567-E89B-42D3-A456-426614174000", "type": 1}, ["receiver_user_id"]),
        ({"type": 0}, ["receiver_user_id", "type"]),
        ({"receiver_user_id": "RECEIVER", "type": 0}, ["type"]),
        ({"receiver_user_id": "RECEIVER", "type": 42}, ["type"]),
    ],
)
def test_malformed_requests_are_invalid_and_store_nothing(server, channel, fields, violations):
    sender, receiver = pair_nearby(channel)
    if fields.get("receiver_user_id") == "RECEIVER":
        fields = {**fields, "receiver_user_id": receiver.user_id}
    error = call_error(sender.reactions.SendReaction, reactions_pb2.SendReactionRequest(**fields),
                       metadata=sender.metadata)
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert field_violations(error) == violations
    assert reaction_rows(server) == 0


def test_a_repeat_is_a_quiet_no_op(server, channel):
    sender, receiver = pair_nearby(channel)
    first = sender.react(receiver, FIRE)
    again = sender.react(receiver, FIRE)
    assert first.created and not again.created
    assert again.reaction == first.reaction
    assert reaction_rows(server) == 1
    assert reaction_notifications(server, receiver) == 1
    # A repeat stays a no-op after they part: it answers the stored reaction.
    receiver.go_offline()
    assert sender.react(receiver, FIRE).reaction.id == first.reaction.id


def test_concurrent_identical_reactions_store_one_row_and_one_notification(server, channel):
    sender, receiver = pair_nearby(channel)
    results, errors = [], []
    barrier = threading.Barrier(8)

    def send():
        stub = reactions_pb2_grpc.ReactionsStub(connect(server.address))
        barrier.wait()
        try:
            results.append(stub.SendReaction(
                reactions_pb2.SendReactionRequest(receiver_user_id=receiver.user_id, type=HEART),
                timeout=10, metadata=sender.metadata))
        except grpc.RpcError as error:
            errors.append(error)

    threads = [threading.Thread(target=send) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert len(results) == 8
    assert sum(result.created for result in results) == 1
    assert len({result.reaction.id for result in results}) == 1
    assert reaction_rows(server) == 1
    assert reaction_notifications(server, receiver) == 1


def test_an_anonymous_sender_stays_anonymous_and_a_public_one_is_named(server, channel):
    sender, receiver = pair_nearby(channel)
    sender.react(receiver, HEART)
    [heart] = receiver.inbox().notifications
    [listed] = receiver.list_reactions(RECEIVED).reactions
    for user in (heart.from_user, listed.sender):
        assert user.user_id == sender.user_id and user.is_anonymous
        assert user.display_name == "Anonymous Listener"
        assert user.avatar_url == "" and user.instagram_handle == "" and user.discord_handle == ""
    sender.become_public("DJ Real", instagram="dj_real")
    sender.react(receiver, FIRE)
    fire = receiver.inbox().notifications[0]
    [named, _] = receiver.list_reactions(RECEIVED).reactions
    for user in (fire.from_user, named.sender):
        assert user.display_name == "DJ Real" and user.instagram_handle == "dj_real" and not user.is_anonymous
    # The notification text never names the sender, so going anonymous later hides them everywhere.
    assert "DJ Real" not in fire.title + fire.message
    sender.become_anonymous()
    for notification in receiver.inbox().notifications:
        assert notification.from_user.display_name == "Anonymous Listener"
        assert notification.from_user.instagram_handle == ""
    for reaction in receiver.list_reactions(RECEIVED).reactions:
        assert reaction.sender.display_name == "Anonymous Listener" and reaction.sender.instagram_handle == ""


def test_list_received_and_sent_pages_newest_first(server, channel):
    sender, receiver = pair_nearby(channel)
    for kind in ALL_TYPES:
        sender.react(receiver, kind)
    seen, token = [], ""
    for expected_size in (2, 2, 1):
        page = receiver.list_reactions(RECEIVED, page_size=2, page_token=token)
        assert len(page.reactions) == expected_size
        seen += page.reactions
        token = page.next_page_token
    assert token == ""
    assert sorted(reaction.type for reaction in seen) == sorted(ALL_TYPES)
    times = [(r.created_at.seconds, r.created_at.nanos) for r in seen]
    assert times == sorted(times, reverse=True)
    assert all(r.receiver.user_id == receiver.user_id and r.sender.user_id == sender.user_id for r in seen)
    sent = sender.list_reactions(SENT, page_size=10)
    assert [r.id for r in sent.reactions] == [r.id for r in seen] and sent.next_page_token == ""
    assert receiver.list_reactions(SENT).reactions == []
    assert sender.list_reactions(RECEIVED).reactions == []


def test_list_rejects_a_missing_direction_and_bad_pages(server, channel):
    sender, receiver = pair_nearby(channel)
    for kind in ALL_TYPES[:3]:
        sender.react(receiver, kind)
    received_token = receiver.list_reactions(RECEIVED, page_size=1).next_page_token

    def invalid(**fields):
        error = call_error(receiver.reactions.ListReactions, reactions_pb2.ListReactionsRequest(**fields),
                           metadata=receiver.metadata)
        assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
        return field_violations(error)

    assert invalid() == ["direction"]
    assert invalid(direction=9) == ["direction"]
    assert invalid(direction=RECEIVED, page_size=-1) == ["page_size"]
    assert invalid(direction=RECEIVED, page_token="garbage!") == ["page_token"]
    assert invalid(direction=SENT, page_token=received_token) == ["page_token"]
    assert invalid(page_size=-1, page_token="x") == ["direction", "page_size", "page_token"]


def test_the_rate_limit_answers_resource_exhausted_with_retry_info(tmp_path):
    running = start_server(tmp_path, "--rate-limit", "reactions=2/60000")
    channel = connect(running.address)
    try:
        sender, receiver = pair_nearby(channel)
        sender.react(receiver, FIRE)
        sender.react(receiver, HEART)
        error = sender.react_error(receiver, REACTION.Value("REACTION_TYPE_WAVE"))
        assert error.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
        delay = retry_info(error).retry_delay
        assert 0 < delay.seconds + delay.nanos / 1e9 <= 60
        assert db_count(running, "SELECT count(*) FROM reactions") == 2
        # The limit is per sender: the receiver still has its own tokens.
        assert receiver.react(sender, FIRE).created
    finally:
        channel.close()
        running.stop()


def test_every_rpc_needs_a_token(channel):
    stub = reactions_pb2_grpc.ReactionsStub(channel)
    assert call_error(stub.SendReaction, reactions_pb2.SendReactionRequest()).code() == grpc.StatusCode.UNAUTHENTICATED
    assert call_error(stub.ListReactions, reactions_pb2.ListReactionsRequest()).code() == (
        grpc.StatusCode.UNAUTHENTICATED)


def test_grpcurl_sends_and_lists_reactions_with_json(server, channel):
    """Real grpcurl through reflection: JSON in, JSON out, enum names on the wire."""
    sender, receiver = pair_nearby(channel)

    def call(user, method, body):
        flags = ("-H", f"authorization: Bearer {user.token}", "-d", json.dumps(body))
        return json.loads(grpcurl(server, f"resonance.v1.Reactions/{method}", flags=flags).stdout)

    sent = call(sender, "SendReaction", {"receiverUserId": receiver.user_id, "type": "REACTION_TYPE_SPARKLE"})
    assert sent["created"] is True and sent["reaction"]["type"] == "REACTION_TYPE_SPARKLE"
    listed = call(receiver, "ListReactions", {"direction": "REACTION_DIRECTION_RECEIVED"})
    assert [r["id"] for r in listed["reactions"]] == [sent["reaction"]["id"]]
    assert listed["reactions"][0]["sender"]["displayName"] == "Anonymous Listener"
    described = grpcurl(server, "describe", "resonance.v1.Reactions").stdout
    assert "rpc SendReaction" in described and "rpc ListReactions" in described
