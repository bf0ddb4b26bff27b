import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from resonance.v1 import common_pb2 as _common_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class CapsuleVisibility(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CAPSULE_VISIBILITY_UNSPECIFIED: _ClassVar[CapsuleVisibility]
    CAPSULE_VISIBILITY_PUBLIC: _ClassVar[CapsuleVisibility]
    CAPSULE_VISIBILITY_PRIVATE: _ClassVar[CapsuleVisibility]
CAPSULE_VISIBILITY_UNSPECIFIED: CapsuleVisibility
CAPSULE_VISIBILITY_PUBLIC: CapsuleVisibility
CAPSULE_VISIBILITY_PRIVATE: CapsuleVisibility

class Capsule(_message.Message):
    __slots__ = ("id", "creator", "track", "message", "mood", "visibility", "location_name", "area_geohash", "unlock_at", "expires_at", "discovery_radius_m", "max_discoveries", "discovery_count", "like_count", "is_active", "created_at")
    ID_FIELD_NUMBER: _ClassVar[int]
    CREATOR_FIELD_NUMBER: _ClassVar[int]
    TRACK_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    MOOD_FIELD_NUMBER: _ClassVar[int]
    VISIBILITY_FIELD_NUMBER: _ClassVar[int]
    LOCATION_NAME_FIELD_NUMBER: _ClassVar[int]
    AREA_GEOHASH_FIELD_NUMBER: _ClassVar[int]
    UNLOCK_AT_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    DISCOVERY_RADIUS_M_FIELD_NUMBER: _ClassVar[int]
    MAX_DISCOVERIES_FIELD_NUMBER: _ClassVar[int]
    DISCOVERY_COUNT_FIELD_NUMBER: _ClassVar[int]
    LIKE_COUNT_FIELD_NUMBER: _ClassVar[int]
    IS_ACTIVE_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    id: str
    creator: _common_pb2.PublicUser
    track: _common_pb2.Track
    message: str
    mood: str
    visibility: CapsuleVisibility
    location_name: str
    area_geohash: str
    unlock_at: _timestamp_pb2.Timestamp
    expires_at: _timestamp_pb2.Timestamp
    discovery_radius_m: float
    max_discoveries: int
    discovery_count: int
    like_count: int
    is_active: bool
    created_at: _timestamp_pb2.Timestamp
    def __init__(self, id: _Optional[str] = ..., creator: _Optional[_Union[_common_pb2.PublicUser, _Mapping]] = ..., track: _Optional[_Union[_common_pb2.Track, _Mapping]] = ..., message: _Optional[str] = ..., mood: _Optional[str] = ..., visibility: _Optional[_Union[CapsuleVisibility, str]] = ..., location_name: _Optional[str] = ..., area_geohash: _Optional[str] = ..., unlock_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., expires_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., discovery_radius_m: _Optional[float] = ..., max_discoveries: _Optional[int] = ..., discovery_count: _Optional[int] = ..., like_count: _Optional[int] = ..., is_active: _Optional[bool] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class NearbyCapsule(_message.Message):
    __slots__ = ("id", "creator", "track", "mood", "location_name", "distance", "area_geohash", "unlocked", "discovered", "liked", "unlock_at", "expires_at", "discovery_radius_m", "discovery_count", "like_count")
    ID_FIELD_NUMBER: _ClassVar[int]
    CREATOR_FIELD_NUMBER: _ClassVar[int]
    TRACK_FIELD_NUMBER: _ClassVar[int]
    MOOD_FIELD_NUMBER: _ClassVar[int]
    LOCATION_NAME_FIELD_NUMBER: _ClassVar[int]
    DISTANCE_FIELD_NUMBER: _ClassVar[int]
    AREA_GEOHASH_FIELD_NUMBER: _ClassVar[int]
    UNLOCKED_FIELD_NUMBER: _ClassVar[int]
    DISCOVERED_FIELD_NUMBER: _ClassVar[int]
    LIKED_FIELD_NUMBER: _ClassVar[int]
    UNLOCK_AT_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    DISCOVERY_RADIUS_M_FIELD_NUMBER: _ClassVar[int]
    DISCOVERY_COUNT_FIELD_NUMBER: _ClassVar[int]
    LIKE_COUNT_FIELD_NUMBER: _ClassVar[int]
    id: str
    creator: _common_pb2.PublicUser
    track: _common_pb2.Track
    mood: str
    location_name: str
    distance: _common_pb2.CoarseDistance
    area_geohash: str
    unlocked: bool
    discovered: bool
    liked: bool
    unlock_at: _timestamp_pb2.Timestamp
    expires_at: _timestamp_pb2.Timestamp
    discovery_radius_m: float
    discovery_count: int
    like_count: int
    def __init__(self, id: _Optional[str] = ..., creator: _Optional[_Union[_common_pb2.PublicUser, _Mapping]] = ..., track: _Optional[_Union[_common_pb2.Track, _Mapping]] = ..., mood: _Optional[str] = ..., location_name: _Optional[str] = ..., distance: _Optional[_Union[_common_pb2.CoarseDistance, _Mapping]] = ..., area_geohash: _Optional[str] = ..., unlocked: _Optional[bool] = ..., discovered: _Optional[bool] = ..., liked: _Optional[bool] = ..., unlock_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., expires_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., discovery_radius_m: _Optional[float] = ..., discovery_count: _Optional[int] = ..., like_count: _Optional[int] = ...) -> None: ...

class DropCapsuleRequest(_message.Message):
    __slots__ = ("track", "message", "mood", "visibility", "unlock_at", "expires_at", "location_name", "discovery_radius_m", "max_discoveries")
    TRACK_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    MOOD_FIELD_NUMBER: _ClassVar[int]
    VISIBILITY_FIELD_NUMBER: _ClassVar[int]
    UNLOCK_AT_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    LOCATION_NAME_FIELD_NUMBER: _ClassVar[int]
    DISCOVERY_RADIUS_M_FIELD_NUMBER: _ClassVar[int]
    MAX_DISCOVERIES_FIELD_NUMBER: _ClassVar[int]
    track: _common_pb2.Track
    message: str
    mood: str
    visibility: CapsuleVisibility
    unlock_at: _timestamp_pb2.Timestamp
    expires_at: _timestamp_pb2.Timestamp
    location_name: str
    discovery_radius_m: float
    max_discoveries: int
    def __init__(self, track: _Optional[_Union[_common_pb2.Track, _Mapping]] = ..., message: _Optional[str] = ..., mood: _Optional[str] = ..., visibility: _Optional[_Union[CapsuleVisibility, str]] = ..., unlock_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., expires_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., location_name: _Optional[str] = ..., discovery_radius_m: _Optional[float] = ..., max_discoveries: _Optional[int] = ...) -> None: ...

class DropCapsuleResponse(_message.Message):
    __slots__ = ("capsule",)
    CAPSULE_FIELD_NUMBER: _ClassVar[int]
    capsule: Capsule
    def __init__(self, capsule: _Optional[_Union[Capsule, _Mapping]] = ...) -> None: ...

class ListNearbyCapsulesRequest(_message.Message):
    __slots__ = ("radius_m", "page_size", "page_token")
    RADIUS_M_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    radius_m: float
    page_size: int
    page_token: str
    def __init__(self, radius_m: _Optional[float] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListNearbyCapsulesResponse(_message.Message):
    __slots__ = ("capsules", "next_page_token", "radius_m")
    CAPSULES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    RADIUS_M_FIELD_NUMBER: _ClassVar[int]
    capsules: _containers.RepeatedCompositeFieldContainer[NearbyCapsule]
    next_page_token: str
    radius_m: float
    def __init__(self, capsules: _Optional[_Iterable[_Union[NearbyCapsule, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., radius_m: _Optional[float] = ...) -> None: ...

class DiscoverCapsuleRequest(_message.Message):
    __slots__ = ("capsule_id",)
    CAPSULE_ID_FIELD_NUMBER: _ClassVar[int]
    capsule_id: str
    def __init__(self, capsule_id: _Optional[str] = ...) -> None: ...

class DiscoverCapsuleResponse(_message.Message):
    __slots__ = ("capsule", "first_discovery")
    CAPSULE_FIELD_NUMBER: _ClassVar[int]
    FIRST_DISCOVERY_FIELD_NUMBER: _ClassVar[int]
    capsule: Capsule
    first_discovery: bool
    def __init__(self, capsule: _Optional[_Union[Capsule, _Mapping]] = ..., first_discovery: _Optional[bool] = ...) -> None: ...

class LikeCapsuleRequest(_message.Message):
    __slots__ = ("capsule_id",)
    CAPSULE_ID_FIELD_NUMBER: _ClassVar[int]
    capsule_id: str
    def __init__(self, capsule_id: _Optional[str] = ...) -> None: ...

class LikeCapsuleResponse(_message.Message):
    __slots__ = ("capsule",)
    CAPSULE_FIELD_NUMBER: _ClassVar[int]
    capsule: Capsule
    def __init__(self, capsule: _Optional[_Union[Capsule, _Mapping]] = ...) -> None: ...

class ListMyCapsulesRequest(_message.Message):
    __slots__ = ("page_size", "page_token")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListMyCapsulesResponse(_message.Message):
    __slots__ = ("capsules", "next_page_token")
    CAPSULES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    capsules: _containers.RepeatedCompositeFieldContainer[Capsule]
    next_page_token: str
    def __init__(self, capsules: _Optional[_Iterable[_Union[Capsule, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class CapsuleDiscovery(_message.Message):
    __slots__ = ("capsule", "discovered_at", "liked")
    CAPSULE_FIELD_NUMBER: _ClassVar[int]
    DISCOVERED_AT_FIELD_NUMBER: _ClassVar[int]
    LIKED_FIELD_NUMBER: _ClassVar[int]
    capsule: Capsule
    discovered_at: _timestamp_pb2.Timestamp
    liked: bool
    def __init__(self, capsule: _Optional[_Union[Capsule, _Mapping]] = ..., discovered_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., liked: _Optional[bool] = ...) -> None: ...

class ListMyDiscoveriesRequest(_message.Message):
    __slots__ = ("page_size", "page_token")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListMyDiscoveriesResponse(_message.Message):
    __slots__ = ("discoveries", "next_page_token")
    DISCOVERIES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    discoveries: _containers.RepeatedCompositeFieldContainer[CapsuleDiscovery]
    next_page_token: str
    def __init__(self, discoveries: _Optional[_Iterable[_Union[CapsuleDiscovery, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class DeleteCapsuleRequest(_message.Message):
    __slots__ = ("capsule_id",)
    CAPSULE_ID_FIELD_NUMBER: _ClassVar[int]
    capsule_id: str
    def __init__(self, capsule_id: _Optional[str] = ...) -> None: ...

class DeleteCapsuleResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...
