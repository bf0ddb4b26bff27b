"""Helpers for the suites that put users on the map: positions around a real city, distances,
and a signed-in user with the Accounts, Presence and Discovery stubs."""

import math

from resonance.v1 import accounts_pb2, accounts_pb2_grpc, common_pb2
from resonance.v1 import discovery_pb2 as pb
from resonance.v1 import discovery_pb2_grpc
from resonance.v1 import presence_pb2, presence_pb2_grpc
from resonance_client import auth_metadata
from rpc_helpers import call_error

BERLIN = (52.52, 13.405)
EARTH_RADIUS_M = 6_371_008.8
GRID_M = 100.0


def offset(origin, north_m, east_m):
    lat, lon = origin
    return (
        lat + north_m / (EARTH_RADIUS_M * math.pi / 180),
        lon + east_m / (EARTH_RADIUS_M * math.pi / 180 * math.cos(math.radians(lat))),
    )


def haversine(a, b):
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1, math.sqrt(h)))


class User:
    """One signed-in anonymous user with Accounts, Presence and Discovery stubs."""

    def __init__(self, channel):
        response = accounts_pb2_grpc.AccountsStub(channel).SignInAnonymously(
            accounts_pb2.SignInAnonymouslyRequest(), timeout=10
        )
        self.token = response.session.token
        self.user_id = response.session.user_id
        self.accounts = accounts_pb2_grpc.AccountsStub(channel)
        self.presence = presence_pb2_grpc.PresenceStub(channel)
        self.discovery = discovery_pb2_grpc.DiscoveryStub(channel)
        self.position = None

    @property
    def metadata(self):
        return auth_metadata(self.token)

    def go_live(self, position, radius_km=None, share_track=None, allow_find=None):
        settings = presence_pb2.LiveSettings()
        if radius_km is not None:
            settings.radius_km.value = radius_km
        if share_track is not None:
            settings.share_track.value = share_track
        if allow_find is not None:
            settings.allow_find.value = allow_find
        self.presence.GoLive(
            presence_pb2.GoLiveRequest(location=location(position), accuracy_m=5, settings=settings),
            timeout=10,
            metadata=self.metadata,
        )
        self.position = position

    def move(self, position):
        self.presence.UpdateLocation(
            presence_pb2.UpdateLocationRequest(location=location(position), accuracy_m=5),
            timeout=10,
            metadata=self.metadata,
        )
        self.position = position

    def play(self, track_id="t1", is_playing=True, energy=0.9, valence=0.9):
        track = common_pb2.Track(track_id=track_id, track_name="Song", artist="Artist")
        track.energy.value = energy
        track.valence.value = valence
        self.presence.SetNowPlaying(
            presence_pb2.SetNowPlayingRequest(track=track, is_playing=is_playing), timeout=10, metadata=self.metadata
        )

    def nearby(self, radius_m=0.0, page_size=100, page_token=""):
        return self.discovery.ListNearby(
            pb.ListNearbyRequest(radius_m=radius_m, page_size=page_size, page_token=page_token),
            timeout=10,
            metadata=self.metadata,
        )

    def nearby_ids(self, radius_m=0.0):
        return [entry.user.user_id for entry in self.nearby(radius_m).users]

    def nearby_error(self, **fields):
        return call_error(self.discovery.ListNearby, pb.ListNearbyRequest(**fields), metadata=self.metadata)


def location(position):
    return common_pb2.Location(latitude=position[0], longitude=position[1])
