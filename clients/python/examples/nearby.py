#!/usr/bin/env python3
"""Signs in anonymously, goes live and lists who is nearby.

Usage: nearby.py HOST:PORT [--lat 52.52 --lon 13.405] [--name NAME]
Run from the repository with clients/python/src on the path, or after
``pip install clients/python``.
"""

import argparse
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "src"))

import grpc  # noqa: E402

from resonance.v1 import common_pb2, discovery_pb2, presence_pb2  # noqa: E402
from resonance_client import ResonanceSession, error_details  # noqa: E402


def report(call: str, error: grpc.RpcError) -> None:
    """Prints a failed call's status and its field violations."""
    details = error_details(error)
    print(f"{call} failed: {details.code.name}: {details.message}", file=sys.stderr)
    for field, description in details.field_violations:
        print(f"  {field}: {description}", file=sys.stderr)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("address", help="the server's host:port, e.g. 127.0.0.1:50051")
    parser.add_argument("--lat", type=float, default=52.52, help="latitude to go live at")
    parser.add_argument("--lon", type=float, default=13.405, help="longitude to go live at")
    parser.add_argument("--name", default="Python example", help="display name")
    args = parser.parse_args()

    with ResonanceSession(args.address) as session:
        try:
            step = "SignInAnonymously"
            signed_in = session.sign_in_anonymously(args.name)
            print(f"signed in as {signed_in.session.user_id} ({signed_in.profile.display_name})")
            step = "GoLive"
            location = common_pb2.Location(latitude=args.lat, longitude=args.lon)
            request = presence_pb2.GoLiveRequest(location=location, accuracy_m=10)
            live = session.presence.GoLive(request, timeout=10)
            print(f"live at {args.lat:g},{args.lon:g} within {live.status.radius_km:g} km")
            step = "ListNearby"
            nearby = session.discovery.ListNearby(discovery_pb2.ListNearbyRequest(), timeout=10)
        except grpc.RpcError as error:
            report(step, error)
            return 1
        print(f"{len(nearby.users)} nearby")
        for user in nearby.users:
            track = f" playing {user.current_track.track_name}" if user.HasField("current_track") else ""
            print(f"- {user.user.user_id} {user.user.display_name} ~{user.distance.approx_meters:g} m{track}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
