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

class NearbyEventType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    NEARBY_EVENT_TYPE_UNSPECIFIED: _ClassVar[NearbyEventType]
    NEARBY_EVENT_TYPE_JOINED: _ClassVar[NearbyEventType]
    NEARBY_EVENT_TYPE_UPDATED: _ClassVar[NearbyEventType]
    NEARBY_EVENT_TYPE_LEFT: _ClassVar[NearbyEventType]
    NEARBY_EVENT_TYPE_SYNCED: _ClassVar[NearbyEventType]

class FindStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    FIND_STATUS_UNSPECIFIED: _ClassVar[FindStatus]
    FIND_STATUS_PENDING: _ClassVar[FindStatus]
    FIND_STATUS_ACTIVE: _ClassVar[FindStatus]
    FIND_STATUS_DECLINED: _ClassVar[FindStatus]
    FIND_STATUS_COMPLETED: _ClassVar[FindStatus]
    FIND_STATUS_CANCELLED: _ClassVar[FindStatus]
    FIND_STATUS_EXPIRED: _ClassVar[FindStatus]

class Proximity(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PROXIMITY_UNSPECIFIED: _ClassVar[Proximity]
    PROXIMITY_COLD: _ClassVar[Proximity]
    PROXIMITY_WARM: _ClassVar[Proximity]
    PROXIMITY_HOT: _ClassVar[Proximity]
    PROXIMITY_FOUND: _ClassVar[Proximity]
NEARBY_EVENT_TYPE_UNSPECIFIED: NearbyEventType
NEARBY_EVENT_TYPE_JOINED: NearbyEventType
NEARBY_EVENT_TYPE_UPDATED: NearbyEventType
NEARBY_EVENT_TYPE_LEFT: NearbyEventType
NEARBY_EVENT_TYPE_SYNCED: NearbyEventType
FIND_STATUS_UNSPECIFIED: FindStatus
FIND_STATUS_PENDING: FindStatus
FIND_STATUS_ACTIVE: FindStatus
FIND_STATUS_DECLINED: FindStatus
FIND_STATUS_COMPLETED: FindStatus
FIND_STATUS_CANCELLED: FindStatus
FIND_STATUS_EXPIRED: FindStatus
PROXIMITY_UNSPECIFIED: Proximity
PROXIMITY_COLD: Proximity
PROXIMITY_WARM: Proximity
PROXIMITY_HOT: Proximity
PROXIMITY_FOUND: Proximity

class NearbyUser(_message.Message):
    __slots__ = ("user", "current_track", "vibe", "distance", "area_geohash", "last_active", "allow_find")
    USER_FIELD_NUMBER: _ClassVar[int]
    CURRENT_TRACK_FIELD_NUMBER: _ClassVar[int]
    VIBE_FIELD_NUMBER: _ClassVar[int]
    DISTANCE_FIELD_NUMBER: _ClassVar[int]
    AREA_GEOHASH_FIELD_NUMBER: _ClassVar[int]
    LAST_ACTIVE_FIELD_NUMBER: _ClassVar[int]
    ALLOW_FIND_FIELD_NUMBER: _ClassVar[int]
    user: _common_pb2.PublicUser
    current_track: _common_pb2.Track
    vibe: _common_pb2.Vibe
    distance: _common_pb2.CoarseDistance
    area_geohash: str
    last_active: _timestamp_pb2.Timestamp
    allow_find: bool
    def __init__(self, user: _Optional[_Union[_common_pb2.PublicUser, _Mapping]] = ..., current_track: _Optional[_Union[_common_pb2.Track, _Mapping]] = ..., vibe: _Optional[_Union[_common_pb2.Vibe, str]] = ..., distance: _Optional[_Union[_common_pb2.CoarseDistance, _Mapping]] = ..., area_geohash: _Optional[str] = ..., last_active: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., allow_find: _Optional[bool] = ...) -> None: ...

class ListNearbyRequest(_message.Message):
    __slots__ = ("radius_m", "page_size", "page_token")
    RADIUS_M_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    radius_m: float
    page_size: int
    page_token: str
    def __init__(self, radius_m: _Optional[float] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListNearbyResponse(_message.Message):
    __slots__ = ("users", "next_page_token", "radius_m")
    USERS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    RADIUS_M_FIELD_NUMBER: _ClassVar[int]
    users: _containers.RepeatedCompositeFieldContainer[NearbyUser]
    next_page_token: str
    radius_m: float
    def __init__(self, users: _Optional[_Iterable[_Union[NearbyUser, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., radius_m: _Optional[float] = ...) -> None: ...

class WatchNearbyRequest(_message.Message):
    __slots__ = ("radius_m",)
    RADIUS_M_FIELD_NUMBER: _ClassVar[int]
    radius_m: float
    def __init__(self, radius_m: _Optional[float] = ...) -> None: ...

class WatchNearbyResponse(_message.Message):
    __slots__ = ("type", "user")
    TYPE_FIELD_NUMBER: _ClassVar[int]
    USER_FIELD_NUMBER: _ClassVar[int]
    type: NearbyEventType
    user: NearbyUser
    def __init__(self, type: _Optional[_Union[NearbyEventType, str]] = ..., user: _Optional[_Union[NearbyUser, _Mapping]] = ...) -> None: ...

class FindSession(_message.Message):
    __slots__ = ("id", "seeker", "target", "status", "started_at", "completed_at", "expires_at")
    ID_FIELD_NUMBER: _ClassVar[int]
    SEEKER_FIELD_NUMBER: _ClassVar[int]
    TARGET_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    STARTED_AT_FIELD_NUMBER: _ClassVar[int]
    COMPLETED_AT_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    id: str
    seeker: _common_pb2.PublicUser
    target: _common_pb2.PublicUser
    status: FindStatus
    started_at: _timestamp_pb2.Timestamp
    completed_at: _timestamp_pb2.Timestamp
    expires_at: _timestamp_pb2.Timestamp
    def __init__(self, id: _Optional[str] = ..., seeker: _Optional[_Union[_common_pb2.PublicUser, _Mapping]] = ..., target: _Optional[_Union[_common_pb2.PublicUser, _Mapping]] = ..., status: _Optional[_Union[FindStatus, str]] = ..., started_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., completed_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., expires_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class StartFindRequest(_message.Message):
    __slots__ = ("target_user_id",)
    TARGET_USER_ID_FIELD_NUMBER: _ClassVar[int]
    target_user_id: str
    def __init__(self, target_user_id: _Optional[str] = ...) -> None: ...

class StartFindResponse(_message.Message):
    __slots__ = ("session",)
    SESSION_FIELD_NUMBER: _ClassVar[int]
    session: FindSession
    def __init__(self, session: _Optional[_Union[FindSession, _Mapping]] = ...) -> None: ...

class RespondToFindRequest(_message.Message):
    __slots__ = ("session_id", "accept")
    SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    ACCEPT_FIELD_NUMBER: _ClassVar[int]
    session_id: str
    accept: bool
    def __init__(self, session_id: _Optional[str] = ..., accept: _Optional[bool] = ...) -> None: ...

class RespondToFindResponse(_message.Message):
    __slots__ = ("session",)
    SESSION_FIELD_NUMBER: _ClassVar[int]
    session: FindSession
    def __init__(self, session: _Optional[_Union[FindSession, _Mapping]] = ...) -> None: ...

class GetFindHintRequest(_message.Message):
    __slots__ = ("session_id",)
    SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    session_id: str
    def __init__(self, session_id: _Optional[str] = ...) -> None: ...

class GetFindHintResponse(_message.Message):
    __slots__ = ("proximity", "next_hint_at")
    PROXIMITY_FIELD_NUMBER: _ClassVar[int]
    NEXT_HINT_AT_FIELD_NUMBER: _ClassVar[int]
    proximity: Proximity
    next_hint_at: _timestamp_pb2.Timestamp
    def __init__(self, proximity: _Optional[_Union[Proximity, str]] = ..., next_hint_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class CompleteFindRequest(_message.Message):
    __slots__ = ("session_id",)
    SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    session_id: str
    def __init__(self, session_id: _Optional[str] = ...) -> None: ...

class CompleteFindResponse(_message.Message):
    __slots__ = ("session",)
    SESSION_FIELD_NUMBER: _ClassVar[int]
    session: FindSession
    def __init__(self, session: _Optional[_Union[FindSession, _Mapping]] = ...) -> None: ...

class CancelFindRequest(_message.Message):
    __slots__ = ("session_id",)
    SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    session_id: str
    def __init__(self, session_id: _Optional[str] = ...) -> None: ...

class CancelFindResponse(_message.Message):
    __slots__ = ("session",)
    SESSION_FIELD_NUMBER: _ClassVar[int]
    session: FindSession
    def __init__(self, session: _Optional[_Union[FindSession, _Mapping]] = ...) -> None: ...

class ListFindSessionsRequest(_message.Message):
    __slots__ = ("open_only", "page_size", "page_token")
    OPEN_ONLY_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    open_only: bool
    page_size: int
    page_token: str
    def __init__(self, open_only: _Optional[bool] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListFindSessionsResponse(_message.Message):
    __slots__ = ("sessions", "next_page_token")
    SESSIONS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    sessions: _containers.RepeatedCompositeFieldContainer[FindSession]
    next_page_token: str
    def __init__(self, sessions: _Optional[_Iterable[_Union[FindSession, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...
