"""The client examples against the real server binary: the Python example
(clients/python/examples/nearby.py) and the C++ example (clients/cpp, built here with make
against Debian's grpc++) each sign in, go live and list who is nearby."""

import pathlib
import re
import subprocess
import sys

import pytest

from conftest import ROOT
from nearby_helpers import BERLIN, User, offset
from rpc_helpers import db_count

PYTHON_EXAMPLE = ROOT / "clients" / "python" / "examples" / "nearby.py"
CPP_DIR = ROOT / "clients" / "cpp"
CPP_BUILD = CPP_DIR / "build"  # gitignored; make rebuilds only what changed


@pytest.fixture(scope="module")
def cpp_example() -> pathlib.Path:
    """The C++ example, built with the Makefile (fails when grpc++ is not installed)."""
    build = subprocess.run(
        ["make", "-C", str(CPP_DIR), f"BUILD={CPP_BUILD}", "-j2"], capture_output=True, text=True, timeout=600
    )
    assert build.returncode == 0, f"the C++ example did not build:\n{build.stdout}\n{build.stderr}"
    return CPP_BUILD / "nearby"


def python_example(server, *args):
    return [sys.executable, str(PYTHON_EXAMPLE), server.address, *args]


def cpp_command(binary):
    return lambda server, *args: [str(binary), server.address, *args]


def position_args(command, server, position, name):
    """The example's arguments for a position and display name, in its own syntax."""
    if command is python_example:
        return command(server, "--lat", repr(position[0]), "--lon", repr(position[1]), "--name", name)
    return command(server, repr(position[0]), repr(position[1]), name)


@pytest.fixture(params=["python", "cpp"])
def example(request):
    if request.param == "python":
        return python_example
    return cpp_command(request.getfixturevalue("cpp_example"))


def run(command):
    return subprocess.run(command, capture_output=True, text=True, timeout=60)


def test_example_signs_in_goes_live_and_lists_a_nearby_user(example, server, channel):
    neighbour = User(channel)
    neighbour.go_live(offset(BERLIN, 250, 0))
    mine = offset(BERLIN, 0, 0)

    result = run(position_args(example, server, mine, "Example Ada"))
    assert result.returncode == 0, result.stderr
    signed_in = re.search(r"^signed in as (\S+) \(Example Ada\)$", result.stdout, re.MULTILINE)
    assert signed_in, result.stdout
    assert re.search(r"^live at .* within \d+(\.\d+)? km$", result.stdout, re.MULTILINE), result.stdout
    assert "\n1 nearby\n" in result.stdout
    assert re.search(rf"^- {neighbour.user_id} Anonymous Listener ~\d+ m$", result.stdout, re.MULTILINE)

    # It really went live through the wire: the neighbour sees it, and it is stored.
    assert neighbour.nearby_ids() == [signed_in.group(1)]
    assert db_count(server, "SELECT COUNT(*) FROM users") == 2


def test_example_reports_field_violations_and_fails(example, server, channel):
    result = run(position_args(example, server, (123.0, 13.4), "Example Ada"))
    assert result.returncode == 1
    assert "GoLive failed: INVALID_ARGUMENT: " in result.stderr
    assert re.search(r"^  location\.latitude: ", result.stderr, re.MULTILINE), result.stderr


def test_example_cannot_reach_a_stopped_server(example, server):
    server.stop()
    result = run(example(server))
    assert result.returncode == 1
    assert "SignInAnonymously failed: UNAVAILABLE" in result.stderr
