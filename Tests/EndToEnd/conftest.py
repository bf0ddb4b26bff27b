"""Fixtures that run the real `resonance` binary on a free loopback port with a temporary
database, for tests that drive it with real gRPC clients (grpcurl, grpcio, raw HTTP/2)."""

import os
import pathlib
import signal
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "clients" / "python" / "src"))


def resonance_binary() -> pathlib.Path:
    """The binary `swift build` produced (RESONANCE_BIN overrides)."""
    if "RESONANCE_BIN" in os.environ:
        return pathlib.Path(os.environ["RESONANCE_BIN"])
    bin_path = subprocess.run(
        ["swift", "build", "--show-bin-path"], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout.strip()
    return pathlib.Path(bin_path) / "resonance"


class RunningServer:
    """A `resonance` process and its address."""

    def __init__(self, process: subprocess.Popen, host: str, port: int, database: pathlib.Path):
        self.process = process
        self.host = host
        self.port = port
        self.database = database

    @property
    def address(self) -> str:
        return f"{self.host}:{self.port}"

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 15) -> int:
        if self.process.poll() is None:
            self.process.send_signal(sig)
        return self.process.wait(timeout=timeout)


def start_server(tmp_path: pathlib.Path, *extra: str, subcommand: str = "serve") -> RunningServer:
    database = tmp_path / "resonance.sqlite"
    args = [str(resonance_binary()), subcommand, "--port", "0"]
    if subcommand == "serve":
        args += ["--db", str(database)]
    process = subprocess.Popen(
        [*args, *extra], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path
    )
    line = process.stdout.readline().strip()
    prefix = "listening on "
    if prefix not in line:
        process.kill()
        raise RuntimeError(f"server did not start: {line!r} {process.stderr.read()}")
    host, port = line.split(prefix, 1)[1].rsplit(":", 1)
    return RunningServer(process, host, int(port), database)


@pytest.fixture
def server(tmp_path):
    """A fresh Resonance server for one test."""
    running = start_server(tmp_path)
    yield running
    running.stop()


@pytest.fixture(scope="module")
def shared_server(tmp_path_factory):
    """One Resonance server shared by a module's read-only tests."""
    running = start_server(tmp_path_factory.mktemp("shared"))
    yield running
    running.stop()


@pytest.fixture
def channel(server):
    """A grpcio channel to the test's own server."""
    from resonance_client import connect  # importable once clients/python/src is on sys.path

    channel = connect(server.address)
    yield channel
    channel.close()
