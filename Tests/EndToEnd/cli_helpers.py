"""Helpers for the `resonance` CLI end-to-end tests: run the CLI and grpcurl side by side,
and run the grpcio Kitchen server (a server the CLI did not come with)."""

import json
import os
import pathlib
import subprocess
import sys

from conftest import resonance_binary

HERE = pathlib.Path(__file__).resolve().parent


def run_cli(address, *args, config=None, stdin=None, timeout=30):
    """Runs `resonance ARGS --address ADDRESS` with its config file at `config`."""
    env = dict(os.environ)
    if config is not None:
        env["RESONANCE_CONFIG"] = str(config)
    return subprocess.run(
        [str(resonance_binary()), *args, "--address", address],
        capture_output=True, text=True, timeout=timeout, input=stdin, env=env,
    )


def messages(stdout):
    """The JSON messages of a (possibly streaming) output, in order."""
    decoder = json.JSONDecoder()
    found, index = [], 0
    while index < len(stdout):
        if stdout[index].isspace():
            index += 1
            continue
        value, index = decoder.raw_decode(stdout, index)
        found.append(value)
    return found


class KitchenServer:
    """`kitchen_server.py` in a subprocess: grpcio + grpcio-reflection serving kitchen.v1.Kitchen."""

    def __init__(self):
        self.process = subprocess.Popen(
            [sys.executable, str(HERE / "kitchen_server.py")],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        line = self.process.stdout.readline().strip()
        if "listening on " not in line:
            self.process.kill()
            raise RuntimeError(f"kitchen server did not start: {line!r} {self.process.stderr.read()}")
        self.address = line.split("listening on ", 1)[1]

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)
