"""The trilateration attack end to end: an attacker listing nearby users from many positions
cannot locate a target more finely than the 100 m privacy grid cell.

The attacker knows the public grid algorithm (Sources/Geo/PrivacyGrid.swift, mirrored below)
and queries ListNearby from a ring and a grid of positions around the target, one attacker
account per static position plus one account that walks a ring within the movement rules.
The same query sequence is run against two targets at different true positions inside the
same cell: every response must be identical, so nothing the server says separates them.
"""

import math
import struct
import time

import numpy as np
import pytest

from resonance.v1 import common_pb2, presence_pb2
from nearby_helpers import BERLIN, EARTH_RADIUS_M, GRID_M, User, haversine, offset

METERS_PER_DEGREE = EARTH_RADIUS_M * math.pi / 180
QUERY_RADIUS_M = 1500
# The walker's ring: 8 steps of about 270 m, one every 1.05 s, well under 300 m/s.
WALK_RADIUS_M = 350
WALK_STEPS = 8
WALK_INTERVAL_S = 1.05
GEOHASH_ALPHABET = "0123456789bcdefghjkmnpqrstuvwxyz"


class Grid:
    """The server's privacy grid, as public as the API: cells, centres, distance buckets."""

    rows = int(180 * METERS_PER_DEGREE / GRID_M)
    row_height = 180 / rows

    @classmethod
    def columns(cls, row):
        middle = -90 + (row + 0.5) * cls.row_height
        return max(1, int(360 * math.cos(math.radians(middle)) * METERS_PER_DEGREE / GRID_M))

    @classmethod
    def cell(cls, position):
        lat, lon = position
        row = min(cls.rows - 1, max(0, math.floor((lat + 90) / cls.row_height)))
        columns = cls.columns(row)
        column = min(columns - 1, max(0, math.floor((lon + 180) / (360 / columns))))
        return row, column

    @classmethod
    def snap(cls, position):
        row, column = cls.cell(position)
        return -90 + (row + 0.5) * cls.row_height, -180 + (column + 0.5) * 360 / cls.columns(row)

    @classmethod
    def shown_distance(cls, a, b):
        meters = haversine(cls.snap(a), cls.snap(b))
        return GRID_M if meters <= 0 else math.ceil(meters / GRID_M) * GRID_M


def geohash(position, precision=6):
    """A plain geohash encoder (the attacker's own, to check what the area field reveals)."""
    ranges, bits, text = [[-90.0, 90.0], [-180.0, 180.0]], [], ""
    for index in range(precision * 5):
        axis = 1 - index % 2  # longitude first
        low, high = ranges[axis]
        middle = (low + high) / 2
        value = position[axis]
        bits.append(1 if value >= middle else 0)
        ranges[axis] = [middle, high] if value >= middle else [low, middle]
    for start in range(0, len(bits), 5):
        text += GEOHASH_ALPHABET[int("".join(map(str, bits[start : start + 5])), 2)]
    return text


def to_local(origin, position):
    """(east m, north m) of `position` relative to `origin`, flat: fine at a few hundred metres."""
    return (
        (position[1] - origin[1]) * METERS_PER_DEGREE * math.cos(math.radians(origin[0])),
        (position[0] - origin[0]) * METERS_PER_DEGREE,
    )


# Where the target hides: two positions ~100 m apart near opposite corners of one cell.
CELL_CENTRE = Grid.snap(offset(BERLIN, 230, -170))
TARGET_A = offset(CELL_CENTRE, -36, -36)
TARGET_B = offset(CELL_CENTRE, 36, 36)
# The attacker's guess of the area (it knows only roughly where to look): a ring of 12 at
# 250 m, a ring of 12 at 500 m and a 5 x 5 grid 200 m apart, all around a point off the target.
GUESS = offset(CELL_CENTRE, 40, -60)
PROBES = (
    [offset(GUESS, 250 * math.cos(a), 250 * math.sin(a)) for a in np.linspace(0, 2 * math.pi, 12, endpoint=False)]
    + [offset(GUESS, 500 * math.sin(a), 500 * math.cos(a)) for a in np.linspace(0, 2 * math.pi, 12, endpoint=False)]
    + [offset(GUESS, north, east) for north in range(-400, 401, 200) for east in range(-400, 401, 200)]
)
WALK = [
    offset(GUESS, WALK_RADIUS_M * math.cos(a), WALK_RADIUS_M * math.sin(a))
    for a in np.linspace(0, 2 * math.pi, WALK_STEPS, endpoint=False)
]


def attack(attackers, walker):
    """Runs the fixed query sequence: each static attacker goes live at its probe, lists and
    goes offline; then the walker goes live and walks its ring, listing at every step.
    Returns [(attacker position, ListNearbyResponse)] in query order."""
    observations = []
    for attacker, probe in zip(attackers, PROBES):
        attacker.go_live(probe, radius_km=2)
        observations.append((probe, attacker.nearby(radius_m=QUERY_RADIUS_M)))
        go_offline(attacker)
    time.sleep(WALK_INTERVAL_S)  # the walker's last stored move may be from the previous run
    walker.go_live(WALK[0], radius_km=2)
    observations.append((WALK[0], walker.nearby(radius_m=QUERY_RADIUS_M)))
    for step in WALK[1:]:
        time.sleep(WALK_INTERVAL_S)
        walker.move(step)
        observations.append((step, walker.nearby(radius_m=QUERY_RADIUS_M)))
    go_offline(walker)
    return observations


def go_offline(user):
    user.presence.GoOffline(presence_pb2.GoOfflineRequest(), timeout=10, metadata=user.metadata)


def without_target_identity(response):
    """The response's bytes with the listed users' ids and activity times cleared: what is left
    is everything the response says about where they are."""
    copy = type(response)()
    copy.CopyFrom(response)
    for entry in copy.users:
        entry.user.user_id = ""
        entry.ClearField("last_active")
    return copy.SerializeToString(deterministic=True)


def least_squares(observations):
    """The naive attack: the point whose distances to the probes best fit the bucket middles."""
    origin = GUESS
    probes = np.array([to_local(origin, probe) for probe, _ in observations])
    ranges = np.array([response.users[0].distance.approx_meters - GRID_M / 2 for _, response in observations])
    estimate = probes.mean(axis=0)
    for _ in range(50):
        deltas = estimate - probes
        lengths = np.maximum(np.linalg.norm(deltas, axis=1), 1e-6)
        jacobian = deltas / lengths[:, None]
        step, *_ = np.linalg.lstsq(jacobian, ranges - lengths, rcond=None)
        estimate = estimate + step
    east, north = estimate
    return offset(origin, north, east)


def consistent_region(observations, around, half_width_m=250, step_m=5):
    """The grid-aware attack: every lattice point near `around` for which the server would have
    given exactly the observed distances and area geohash (the intersection of distance bands)."""
    area = observations[0][1].users[0].area_geohash
    region = []
    for north in np.arange(-half_width_m, half_width_m + step_m, step_m):
        for east in np.arange(-half_width_m, half_width_m + step_m, step_m):
            candidate = offset(around, north, east)
            if geohash(Grid.snap(candidate)) != area:
                continue
            if all(
                Grid.shown_distance(probe, candidate) == response.users[0].distance.approx_meters
                for probe, response in observations
            ):
                region.append(candidate)
    return region


def assert_no_raw_coordinates(observations, target):
    for _, response in observations:
        payload = response.SerializeToString()
        for value in target:
            assert struct.pack("<d", value) not in payload
            assert struct.pack("<f", value) not in payload
            assert repr(value).encode() not in payload
            assert f"{value:.4f}".encode() not in payload
    assert not location_fields(observations[0][1].DESCRIPTOR), "a response type can carry a Location"


def location_fields(descriptor, seen=None):
    """Field paths of `descriptor` (recursively) whose type is a common Location."""
    seen = seen if seen is not None else set()
    if descriptor.full_name in seen:
        return []
    seen.add(descriptor.full_name)
    found = []
    for field in descriptor.fields:
        if field.message_type is common_pb2.Location.DESCRIPTOR:
            found.append(field.full_name)
        elif field.message_type is not None:
            found += location_fields(field.message_type, seen)
    return found


@pytest.fixture
def observed(channel):
    """The attack run against target A, then (A offline) the same sequence against target B."""
    attackers = [User(channel) for _ in PROBES]
    walker = User(channel)
    runs = {}
    for name, position in (("A", TARGET_A), ("B", TARGET_B)):
        target = User(channel)
        target.go_live(position, radius_km=2)
        observations = attack(attackers, walker)
        go_offline(target)
        for _, response in observations:
            assert [entry.user.user_id for entry in response.users] == [target.user_id]
        runs[name] = observations
    return runs


def test_both_targets_are_inside_one_cell_and_far_apart():
    assert Grid.cell(TARGET_A) == Grid.cell(TARGET_B) == Grid.cell(CELL_CENTRE)
    assert haversine(TARGET_A, TARGET_B) > 0.95 * GRID_M


def test_the_trilateration_attack_learns_nothing_finer_than_the_cell(observed):
    runs_a, runs_b = observed["A"], observed["B"]
    assert len(runs_a) == len(runs_b) == len(PROBES) + WALK_STEPS

    # (a) Every distance is a whole number of grid cells and exactly the distance between the
    # snapped cells; the area is the geohash of the snapped centre.
    for probe, response in runs_a:
        entry = response.users[0]
        assert entry.distance.grid_meters == GRID_M
        assert entry.distance.approx_meters % GRID_M == 0
        assert entry.distance.approx_meters == Grid.shown_distance(probe, TARGET_A)
        assert entry.area_geohash == geohash(CELL_CENTRE)
    buckets = {response.users[0].distance.approx_meters for _, response in runs_a}
    assert len(buckets) >= 4, f"the probes should see a spread of distances, saw {buckets}"

    # Indistinguishability: the same queries against another position in the cell give the
    # same bytes, apart from the target's id and activity time.
    assert [without_target_identity(r) for _, r in runs_a] == [without_target_identity(r) for _, r in runs_b]

    # The intersection of distance bands, with full knowledge of the grid, is the target's
    # whole cell and nothing else.
    region = consistent_region(runs_a, CELL_CENTRE)
    assert region, "the observations should be consistent with the target's cell"
    assert {Grid.cell(point) for point in region} == {Grid.cell(TARGET_A)}
    local = np.array([to_local(CELL_CENTRE, point) for point in region])
    extent = local.max(axis=0) - local.min(axis=0)
    assert min(extent) >= GRID_M - 15, f"the consistent region spans only {extent} m"
    assert TARGET_A in region or min(haversine(TARGET_A, p) for p in region) < 5
    assert min(haversine(TARGET_B, p) for p in region) < 5

    # (b) The best estimate (the region's centroid) is the cell centre, whichever target it
    # was; so is the naive least-squares fit up to noise. Neither separates A from B, so one
    # of them is always at least half their distance apart from the guess.
    centroid = offset(CELL_CENTRE, *reversed(local.mean(axis=0)))
    assert haversine(centroid, CELL_CENTRE) < 10
    fits = least_squares(runs_a), least_squares(runs_b)
    assert fits[0] == fits[1]
    half_apart = haversine(TARGET_A, TARGET_B) / 2
    for estimate in (centroid, fits[0]):
        assert max(haversine(estimate, TARGET_A), haversine(estimate, TARGET_B)) >= half_apart
    assert min(haversine(centroid, TARGET_A), haversine(centroid, TARGET_B)) > 0.4 * GRID_M

    # And no response carries either target's coordinates in any form.
    assert_no_raw_coordinates(runs_a, TARGET_A)
    assert_no_raw_coordinates(observed["B"], TARGET_B)
