"""Web Push end to end: the VAPID key file, and notifications pushed to a local push service
(push_receiver.py) that decrypts them with http_ece and verifies VAPID with py_vapid."""

import json
import os
import stat
import time

import grpc
import pytest
from cryptography.hazmat.primitives import serialization
from resonance.v1 import notifications_pb2

from conftest import start_server
from nearby_helpers import BERLIN, offset
from push_receiver import PushReceiver, b64url
from rpc_helpers import db_count, field_violations
from social_helpers import HEART, SocialUser

SUBJECT = "mailto:ops@example.com"
PUSH_FLAGS = ("--vapid-subject", SUBJECT, "--push-allow-loopback-http")


def key_file(server):
    return server.database.with_name(server.database.name + ".vapid")


def public_key_of(path) -> str:
    private = serialization.load_pem_private_key(path.read_bytes(), password=None)
    point = private.public_key().public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
    return b64url(point)


def test_vapid_key_file_is_created_owner_only_and_reused(tmp_path):
    server = start_server(tmp_path)
    try:
        path = key_file(server)
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert path.read_text().startswith("-----BEGIN PRIVATE KEY-----")
        first_key = public_key_of(path)
        assert len(first_key) == 87  # base64url of a 65-byte uncompressed point
    finally:
        assert server.stop() == 0  # SIGTERM right after start-up still shuts down gracefully
    server = start_server(tmp_path)
    try:
        assert public_key_of(key_file(server)) == first_key
    finally:
        server.stop()


def test_vapid_key_file_path_is_configurable(tmp_path):
    custom = tmp_path / "keys" / "vapid.pem"
    custom.parent.mkdir()
    server = start_server(tmp_path, "--vapid-key-file", str(custom))
    try:
        assert stat.S_IMODE(custom.stat().st_mode) == 0o600
        assert not key_file(server).exists()
    finally:
        server.stop()


def test_key_file_readable_by_others_is_refused_at_startup(tmp_path):
    start_server(tmp_path).stop()
    path = tmp_path / "resonance.sqlite.vapid"
    os.chmod(path, 0o644)
    with pytest.raises(RuntimeError, match="chmod 600"):
        start_server(tmp_path)


def test_malformed_vapid_subject_is_refused_at_startup(tmp_path):
    with pytest.raises(RuntimeError, match="--vapid-subject must be a mailto: address or an https: URL"):
        start_server(tmp_path, "--vapid-subject", "ops@example.com")


@pytest.fixture
def receiver():
    with PushReceiver() as running:
        yield running


@pytest.fixture
def push_server(tmp_path):
    running = start_server(tmp_path, *PUSH_FLAGS)
    yield running
    running.stop()


@pytest.fixture
def push_channel(push_server):
    from resonance_client import connect

    channel = connect(push_server.address)
    yield channel
    channel.close()


class Listener(SocialUser):
    """A nearby user who registers push subscriptions."""

    def register_push(self, subscription):
        return self.notifications.RegisterPushSubscription(
            notifications_pb2.RegisterPushSubscriptionRequest(
                endpoint=subscription.endpoint, p256dh=subscription.p256dh, auth=subscription.auth,
                user_agent="push_receiver.py"),
            timeout=10, metadata=self.metadata)


def live_pair(channel):
    alice, bob = Listener(channel), Listener(channel)
    alice.go_live(BERLIN)
    bob.go_live(offset(BERLIN, 300, 0))
    return alice, bob


def test_push_config_serves_the_key_files_public_key(push_server, push_channel):
    user = Listener(push_channel)
    config = user.notifications.GetPushConfig(notifications_pb2.GetPushConfigRequest(), timeout=10,
                                              metadata=user.metadata)
    assert config.vapid_public_key == public_key_of(key_file(push_server))


def test_http_endpoints_are_refused_without_the_loopback_flag(server, channel, receiver):
    user = Listener(channel)
    with pytest.raises(grpc.RpcError) as info:
        user.register_push(receiver.subscribe("plain"))
    assert info.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert field_violations(info.value) == ["endpoint"]
    assert db_count(server, "SELECT count(*) FROM push_subscriptions") == 0


def test_a_reaction_is_pushed_encrypted_and_signed(push_channel, receiver):
    alice, bob = live_pair(push_channel)
    subscription = receiver.subscribe("bob")
    assert bob.register_push(subscription).created
    vapid_key = bob.notifications.GetPushConfig(
        notifications_pb2.GetPushConfigRequest(), timeout=10, metadata=bob.metadata).vapid_public_key

    alice.react(bob)
    [message] = receiver.wait_for("bob", 1)
    assert message["error"] is None
    assert message["vapid"]["valid"], message["vapid"]["error"]
    assert message["vapid"]["k"] == vapid_key
    assert message["vapid"]["claims"]["sub"] == SUBJECT
    assert message["headers"]["content-encoding"] == "aes128gcm"
    assert message["headers"]["content-type"] == "application/octet-stream"
    assert int(message["headers"]["ttl"]) > 0

    payload = json.loads(message["payload"])
    assert sorted(payload) == ["created_at", "id", "message", "title", "type"]
    assert payload["type"] == "reaction"
    [notification] = bob.notifications.ListNotifications(
        notifications_pb2.ListNotificationsRequest(), timeout=10, metadata=bob.metadata).notifications
    assert payload["id"] == notification.id
    assert payload["title"] == notification.title and payload["message"] == notification.message
    # Alice's own reaction pushes nothing to anyone else.
    time.sleep(0.5)
    assert len(receiver.messages("bob")) == 1


def test_a_gone_subscription_is_removed(push_server, push_channel, receiver):
    alice, bob = live_pair(push_channel)
    subscription = receiver.subscribe("bob")
    bob.register_push(subscription)
    receiver.script("bob", [410])
    sql = "SELECT count(*) FROM push_subscriptions WHERE endpoint = ?"
    assert db_count(push_server, sql, subscription.endpoint) == 1

    alice.react(bob)
    receiver.wait_for("bob", 1)
    deadline = time.monotonic() + 10
    while db_count(push_server, sql, subscription.endpoint) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert db_count(push_server, sql, subscription.endpoint) == 0

    # Later notifications are no longer pushed to it.
    alice.react(bob, HEART)
    time.sleep(0.5)
    assert len(receiver.messages("bob")) == 1


def test_a_failing_push_service_is_retried(push_channel, receiver):
    alice, bob = live_pair(push_channel)
    bob.register_push(receiver.subscribe("bob"))
    receiver.script("bob", [{"status": 503, "retry_after": "1"}])
    started = time.monotonic()
    alice.react(bob)
    messages = receiver.wait_for("bob", 2, timeout=15)
    assert [m["status"] for m in messages] == [503, 201]
    assert time.monotonic() - started >= 1
    assert messages[0]["payload"] == messages[1]["payload"]
