"""End-to-end tests of the grpcurl-style `resonance` CLI (list, describe, call, health, login):
against the real Resonance server and against a grpcio server it did not come with, with the
JSON output compared to grpcurl's for the same calls."""

import json
import os
import stat
import subprocess

import pytest

from cli_helpers import KitchenServer, messages, run_cli
from conftest import resonance_binary
from nearby_helpers import BERLIN, offset
from rpc_helpers import grpcurl

RESONANCE_SERVICES = [
    "resonance.v1.Accounts", "resonance.v1.Discovery", "resonance.v1.Presence",
]


@pytest.fixture(scope="module")
def kitchen():
    server = KitchenServer()
    yield server
    server.stop()


@pytest.fixture
def config(tmp_path):
    return tmp_path / "cli" / "config.json"


def cli(server, *args, **kwargs):
    return run_cli(server.address, *args, **kwargs)


def ok(result):
    assert result.returncode == 0, f"exit {result.returncode}: {result.stderr}"
    return result.stdout


def sign_in(server, name="Ada"):
    out = ok(cli(server, "call", "resonance.v1.Accounts/SignInAnonymously", "-d", json.dumps({"displayName": name})))
    response = json.loads(out)
    return response["session"]["token"], response


# --- list and describe ------------------------------------------------------------------------

def test_list_matches_grpcurl(shared_server):
    services = ok(cli(shared_server, "list")).split()
    assert services == sorted(services)
    assert set(RESONANCE_SERVICES) <= set(services)
    assert {"grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection"} <= set(services)
    assert services == grpcurl(shared_server, "list").stdout.split()
    methods = ok(cli(shared_server, "list", "resonance.v1.Accounts")).split()
    assert "resonance.v1.Accounts.SignInAnonymously" in methods
    assert methods == grpcurl(shared_server, "list", "resonance.v1.Accounts").stdout.split()


def test_describe_every_service_lists_its_methods_like_grpcurl(shared_server):
    services = ok(cli(shared_server, "list")).split()
    for service in services:
        out = ok(cli(shared_server, "describe", service))
        assert out.startswith(f"{service} is a service:\nservice {service.rsplit('.', 1)[1]} {{\n")
        ours = sorted(line.strip() for line in out.splitlines() if line.strip().startswith("rpc "))
        theirs = sorted(
            line.strip() for line in grpcurl(shared_server, "describe", service).stdout.splitlines()
            if line.strip().startswith("rpc ")
        )
        assert ours and ours == theirs, service
    everything = ok(cli(shared_server, "describe"))
    assert all(f"{service} is a service:" in everything for service in services)


def test_describe_methods_messages_and_enums(shared_server):
    out = ok(cli(shared_server, "describe", "resonance.v1.Presence.GoLive"))
    assert out == (
        "resonance.v1.Presence.GoLive is a method:\n"
        "rpc GoLive ( .resonance.v1.GoLiveRequest ) returns ( .resonance.v1.GoLiveResponse );\n"
    )
    out = ok(cli(shared_server, "describe", "resonance.v1.GoLiveRequest"))
    assert out == (
        "resonance.v1.GoLiveRequest is a message:\nmessage GoLiveRequest {\n"
        "  .resonance.v1.Location location = 1;\n  double accuracy_m = 2;\n"
        "  .resonance.v1.LiveSettings settings = 3;\n}\n"
    )
    unknown = cli(shared_server, "describe", "no.such.Thing")
    assert unknown.returncode == 64 + 5 and "Code: NotFound" in unknown.stderr


# --- calls against the Resonance server ---------------------------------------------------------

def test_sign_in_then_profile_with_header_matches_grpcurl(server):
    token, response = sign_in(server)
    assert response["profile"]["displayName"] == "Ada"
    assert response["session"]["userId"] == response["profile"]["userId"]
    header = f"authorization: Bearer {token}"
    # Resonance's descriptors carry json_name, so grpcurl prints lowerCamelCase names too.
    ours = ok(cli(server, "call", "resonance.v1.Accounts/GetProfile", "-H", header))
    theirs = grpcurl(server, "resonance.v1.Accounts/GetProfile", flags=("-H", header)).stdout
    assert ours == theirs  # exact text: field names, order, int64 strings, timestamps, omitted defaults
    assert json.loads(ours)["profile"]["displayName"] == "Ada"
    snake = json.loads(ok(cli(server, "call", "resonance.v1.Accounts.GetProfile", "-H", header, "--proto-names")))
    assert snake["profile"]["display_name"] == "Ada" and "displayName" not in snake["profile"]


def test_login_saves_the_token_and_later_calls_use_it(server, config):
    out = ok(cli(server, "login", "--anonymous", "--display-name", "Night Owl", config=config))
    assert server.address in out
    assert stat.S_IMODE(os.stat(config).st_mode) == 0o600
    saved = json.loads(config.read_text())["sessions"][server.address]
    profile = json.loads(ok(cli(server, "call", "resonance.v1.Accounts/GetProfile", config=config)))
    assert profile["profile"]["displayName"] == "Night Owl"
    assert profile["profile"]["userId"] == saved["userID"]

    live = cli(server, "call", "resonance.v1.Presence/GoLive", "-d",
               json.dumps({"location": {"latitude": BERLIN[0], "longitude": BERLIN[1]}, "accuracyM": 5}),
               config=config)
    assert ok(live) and "status" in json.loads(live.stdout)

    # An explicit authorization header wins over the saved token.
    wrong = cli(server, "call", "resonance.v1.Accounts/GetProfile", "-H", "authorization: Bearer nope", config=config)
    assert wrong.returncode == 64 + 16 and "Code: Unauthenticated" in wrong.stderr

    ok(cli(server, "logout", config=config))
    assert json.loads(config.read_text())["sessions"] == {}
    revoked = cli(server, "call", "resonance.v1.Accounts/GetProfile", "-H", f"authorization: Bearer {saved['token']}")
    assert revoked.returncode == 64 + 16


def test_go_live_and_list_nearby(server):
    alice, _ = sign_in(server, "Alice")
    bob, bob_response = sign_in(server, "Bob")
    for token, position in ((alice, BERLIN), (bob, offset(BERLIN, 300, 0))):
        ok(cli(server, "call", "resonance.v1.Presence/GoLive", "-H", f"authorization: Bearer {token}", "-d",
               json.dumps({"location": {"latitude": position[0], "longitude": position[1]}, "accuracyM": 5})))
    header = ("-H", f"authorization: Bearer {alice}")
    ours = ok(cli(server, "call", "resonance.v1.Discovery/ListNearby", *header, "-d", '{"radiusM": 2000}'))
    theirs = grpcurl(server, "resonance.v1.Discovery/ListNearby", flags=(*header, "-d", '{"radius_m": 2000}')).stdout
    assert ours == theirs
    assert [entry["user"]["userId"] for entry in json.loads(ours)["users"]] == [bob_response["session"]["userId"]]

    # Server streaming: JOINED for Bob, the SYNCED marker, then the stream stays open until --max-time.
    watch = cli(server, "call", "resonance.v1.Discovery/WatchNearby", *header, "--max-time", "1.5")
    assert watch.returncode == 64 + 4 and "Code: DeadlineExceeded" in watch.stderr
    events = messages(watch.stdout)
    assert [event["type"] for event in events] == ["NEARBY_EVENT_TYPE_JOINED", "NEARBY_EVENT_TYPE_SYNCED"]
    assert events[0]["user"]["user"]["userId"] == bob_response["session"]["userId"]
    theirs = grpcurl(server, "resonance.v1.Discovery/WatchNearby", flags=(*header, "-max-time", "1.5"), check=False)
    assert theirs.returncode == 64 + 4 and watch.stdout == theirs.stdout


def test_status_errors_exit_64_plus_code_with_details(server):
    unauthenticated = cli(server, "call", "resonance.v1.Accounts/GetProfile")
    assert unauthenticated.returncode == 80
    assert unauthenticated.stdout == ""
    assert unauthenticated.stderr.startswith("ERROR:\n  Code: Unauthenticated\n  Message: ")
    assert grpcurl(server, "resonance.v1.Accounts/GetProfile", check=False).returncode == 80

    token, _ = sign_in(server)
    bad = cli(server, "call", "resonance.v1.Presence/GoLive", "-H", f"authorization: Bearer {token}",
              "-d", '{"location": {"latitude": 91, "longitude": 0}}')
    assert bad.returncode == 67
    assert "Code: InvalidArgument" in bad.stderr
    assert '"@type":"type.googleapis.com/google.rpc.BadRequest"' in bad.stderr
    assert "location.latitude" in bad.stderr


def test_bad_request_json_is_a_local_error(server):
    unknown = cli(server, "call", "resonance.v1.Accounts/SignInAnonymously", "-d", '{"nickname": "x"}')
    assert unknown.returncode == 1
    assert 'has no field named "nickname"' in unknown.stderr
    malformed = cli(server, "call", "resonance.v1.Accounts/SignInAnonymously", "-d", '{"displayName": ')
    assert malformed.returncode == 1 and "invalid JSON" in malformed.stderr
    missing = cli(server, "call", "resonance.v1.Accounts/NoSuchMethod")
    assert missing.returncode == 1 and "has no method" in missing.stderr


def test_health_and_server_streaming_watch_until_max_time(server):
    assert json.loads(ok(cli(server, "health"))) == {"status": "SERVING"}
    unknown = cli(server, "health", "no.such.Service")
    assert unknown.returncode == 64 + 5
    watch = cli(server, "call", "grpc.health.v1.Health/Watch", "--max-time", "1")
    assert watch.returncode == 64 + 4, watch.stderr  # DEADLINE_EXCEEDED after the first message
    assert messages(watch.stdout) == [{"status": "SERVING"}]
    assert "Code: DeadlineExceeded" in watch.stderr


def test_unreachable_server_is_unavailable(tmp_path):
    result = run_cli("127.0.0.1:1", "list")
    assert result.returncode == 64 + 14 and "Code: Unavailable" in result.stderr


@pytest.mark.parametrize("command", ["list", "describe", "call", "health", "login", "logout"])
def test_every_subcommand_has_help_with_examples(command):
    result = run_cli("127.0.0.1:1", command, "--help")
    assert result.returncode == 0
    assert "Examples:" in result.stdout and "--address" in result.stdout


# --- a server the CLI did not come with --------------------------------------------------------

SINK = {
    "aDouble": 1.5, "aFloat": 0.1, "anInt64": "-9007199254740993", "aUint64": "18446744073709551615",
    "anInt32": -5, "aFixed64": "7", "aFixed32": 9, "aBool": True, "aString": "héllo \"q\" \n\t\u0001 </>&",
    "someBytes": "AAEC/w==", "aUint32": 4294967295, "anSfixed32": -1, "anSfixed64": "-2", "aSint32": -3,
    "aSint64": "-4", "flavor": "FLAVOR_SOUR", "inner": {"label": "x", "weight": "3"}, "numbers": [1, 2, 3],
    "inners": [{"label": "a"}, {}], "flavors": ["FLAVOR_SWEET", 7], "counts": {"b": "2", "a": "1"},
    "byId": {"10": {"label": "ten"}, "9": {}, "-1": {}}, "choiceInner": {}, "maybe": 0,
    "when": "2024-05-06T07:08:09.123Z", "took": "1.500s", "bigWrapper": "12", "textWrapper": "",
    "flagWrapper": False, "words": ["a", ""], "byFlag": {"true": "y", "false": "n"}, "ratio": "NaN", "blob": "YWI=",
}
WELL_KNOWN = {
    "attributes": {"k": [1, "two", None, True, {"n": 1.25}]}, "anything": 3, "list": [1e21, 1e-7, 123456789012],
    "packed": {"@type": "type.googleapis.com/kitchen.v1.Line", "text": "hi"}, "nothing": {},
}


def test_foreign_server_list_and_describe(kitchen):
    assert ok(run_cli(kitchen.address, "list")).split() == ["grpc.reflection.v1alpha.ServerReflection",
                                                            "kitchen.v1.Kitchen"]
    described = ok(run_cli(kitchen.address, "describe", "kitchen.v1.Kitchen"))
    theirs = [line.strip() for line in grpcurl(kitchen, "describe", "kitchen.v1.Kitchen").stdout.splitlines()]
    assert [line.strip() for line in described.splitlines()] == theirs
    sink = ok(run_cli(kitchen.address, "describe", "kitchen.v1.Sink"))
    assert "  map<int32, .kitchen.v1.Sink.Inner> by_id = 22;" in sink
    assert "  oneof choice {\n    string choice_text = 23;" in sink
    assert "  optional int32 maybe = 25;" in sink
    assert ok(run_cli(kitchen.address, "describe", "kitchen.v1.Flavor")).startswith("kitchen.v1.Flavor is an enum:")


def test_foreign_server_echo_equals_grpcurl_exactly(kitchen):
    data = json.dumps(SINK)
    ours = ok(run_cli(kitchen.address, "call", "kitchen.v1.Kitchen/Echo", "-d", data, "--proto-names"))
    theirs = grpcurl(kitchen, "kitchen.v1.Kitchen/Echo", flags=("-d", data)).stdout
    assert ours == theirs


def test_foreign_server_well_known_types_equal_grpcurl_as_json(kitchen):
    data = json.dumps({**SINK, **WELL_KNOWN})
    ours = json.loads(ok(run_cli(kitchen.address, "call", "kitchen.v1.Kitchen/Echo", "-d", data, "--proto-names")))
    theirs = json.loads(grpcurl(kitchen, "kitchen.v1.Kitchen/Echo", flags=("-d", data)).stdout)
    assert ours == theirs
    camel = json.loads(ok(run_cli(kitchen.address, "call", "kitchen.v1.Kitchen.Echo", "-d", data)))
    assert camel["anInt64"] == "-9007199254740993" and camel["packed"]["text"] == "hi"
    assert camel["byId"] == {"-1": {}, "9": {}, "10": {"label": "ten"}}


def test_foreign_server_streaming_in_every_direction(kitchen):
    count = ok(run_cli(kitchen.address, "call", "kitchen.v1.Kitchen/Count", "-d", '{"count": 3, "intervalMs": 50}'))
    assert messages(count) == [{"label": "#0"}, {"index": 1, "label": "#1"}, {"index": 2, "label": "#2"}]
    assert count == grpcurl(kitchen, "kitchen.v1.Kitchen/Count", flags=("-d", '{"count": 3, "interval_ms": 50}')).stdout

    total = ok(run_cli(kitchen.address, "call", "kitchen.v1.Kitchen/Sum", "-d", "@-",
                       stdin='{"value": "5"}\n{"value": 7}\n{"value": "-2"}'))
    assert json.loads(total) == {"sum": "10", "count": 3}

    shout = ok(run_cli(kitchen.address, "call", "kitchen.v1.Kitchen/Shout", "-d", '{"text": "hi"} {"text": "yo"}'))
    assert messages(shout) == [{"text": "HI"}, {"text": "YO"}]


def test_foreign_server_errors_with_details(kitchen, tmp_path):
    failed = run_cli(kitchen.address, "call", "kitchen.v1.Kitchen/Fail", "-d", '{"code": 3, "message": "bad thing"}')
    assert failed.returncode == 67
    assert failed.stderr.splitlines()[:4] == ["ERROR:", "  Code: InvalidArgument", "  Message: bad thing", "  Details:"]
    assert '"fieldViolations":[{"field":"message","description":"was asked to fail"}]' in failed.stderr
    assert '"retryDelay":"2.500s"' in failed.stderr
    # A detail type the CLI knows nothing about is decoded through the server's reflection.
    assert ('  3)\t{"@type":"type.googleapis.com/kitchen.v1.Line",'
            '"text":"a detail only this server\'s schema describes"}') in failed.stderr
    request = tmp_path / "fail.json"
    request.write_text('{"code": 16, "message": "who"}')
    assert run_cli(kitchen.address, "call", "kitchen.v1.Kitchen/Fail", "-d", f"@{request}").returncode == 80


def test_foreign_server_bidi_answers_each_stdin_object_before_stdin_ends(kitchen):
    process = subprocess.Popen(
        [str(resonance_binary()), "call", "kitchen.v1.Kitchen/Shout", "-d", "@-", "--address", kitchen.address],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        for word in ("hello", "again"):
            process.stdin.write('{"text": "%s"}\n' % word)
            process.stdin.flush()
            # The answer arrives while stdin is still open: requests stream as they are typed.
            assert [process.stdout.readline() for _ in range(3)] == ["{\n", f'  "text": "{word.upper()}"\n', "}\n"]
        process.stdin.close()
        assert process.wait(timeout=10) == 0
    finally:
        process.kill()
