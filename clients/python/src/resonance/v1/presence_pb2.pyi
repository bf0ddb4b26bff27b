import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf import wrappers_pb2 as _wrappers_pb2
from resonance.v1 import common_pb2 as _common_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class LiveSettings(_message.Message):
    __slots__ = ("share_track", "allow_find", "radius_km")
    SHARE_TRACK_FIELD_NUMBER: _ClassVar[int]
    ALLOW_FIND_FIELD_NUMBER: _ClassVar[int]
    RADIUS_KM_FIELD_NUMBER: _ClassVar[int]
    share_track: _wrappers_pb2.BoolValue
    allow_find: _wrappers_pb2.BoolValue
    radius_km: _wrappers_pb2.DoubleValue
    def __init__(self, share_track: _Optional[_Union[_wrappers_pb2.BoolValue, _Mapping]] = ..., allow_find: _Optional[_Union[_wrappers_pb2.BoolValue, _Mapping]] = ..., radius_km: _Optional[_Union[_wrappers_pb2.DoubleValue, _Mapping]] = ...) -> None: ...

class LiveStatus(_message.Message):
    __slots__ = ("is_live", "share_track", "allow_find", "radius_km", "last_active", "expires_at", "location", "accuracy_m", "current_track", "is_playing", "vibe")
    IS_LIVE_FIELD_NUMBER: _ClassVar[int]
    SHARE_TRACK_FIELD_NUMBER: _ClassVar[int]
    ALLOW_FIND_FIELD_NUMBER: _ClassVar[int]
    RADIUS_KM_FIELD_NUMBER: _ClassVar[int]
    LAST_ACTIVE_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    LOCATION_FIELD_NUMBER: _ClassVar[int]
    ACCURACY_M_FIELD_NUMBER: _ClassVar[int]
    CURRENT_TRACK_FIELD_NUMBER: _ClassVar[int]
    IS_PLAYING_FIELD_NUMBER: _ClassVar[int]
    VIBE_FIELD_NUMBER: _ClassVar[int]
    is_live: bool
    share_track: bool
    allow_find: bool
    radius_km: float
    last_active: _timestamp_pb2.Timestamp
    expires_at: _timestamp_pb2.Timestamp
    location: _common_pb2.Location
    accuracy_m: float
    current_track: _common_pb2.Track
    is_playing: bool
    vibe: _common_pb2.Vibe
    def __init__(self, is_live: _Optional[bool] = ..., share_track: _Optional[bool] = ..., allow_find: _Optional[bool] = ..., radius_km: _Optional[float] = ..., last_active: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., expires_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., location: _Optional[_Union[_common_pb2.Location, _Mapping]] = ..., accuracy_m: _Optional[float] = ..., current_track: _Optional[_Union[_common_pb2.Track, _Mapping]] = ..., is_playing: _Optional[bool] = ..., vibe: _Optional[_Union[_common_pb2.Vibe, str]] = ...) -> None: ...

class GoLiveRequest(_message.Message):
    __slots__ = ("location", "accuracy_m", "settings")
    LOCATION_FIELD_NUMBER: _ClassVar[int]
    ACCURACY_M_FIELD_NUMBER: _ClassVar[int]
    SETTINGS_FIELD_NUMBER: _ClassVar[int]
    location: _common_pb2.Location
    accuracy_m: float
    settings: LiveSettings
    def __init__(self, location: _Optional[_Union[_common_pb2.Location, _Mapping]] = ..., accuracy_m: _Optional[float] = ..., settings: _Optional[_Union[LiveSettings, _Mapping]] = ...) -> None: ...

class GoLiveResponse(_message.Message):
    __slots__ = ("status",)
    STATUS_FIELD_NUMBER: _ClassVar[int]
    status: LiveStatus
    def __init__(self, status: _Optional[_Union[LiveStatus, _Mapping]] = ...) -> None: ...

class GoOfflineRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GoOfflineResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class HeartbeatRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class HeartbeatResponse(_message.Message):
    __slots__ = ("expires_at",)
    EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    expires_at: _timestamp_pb2.Timestamp
    def __init__(self, expires_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class UpdateLocationRequest(_message.Message):
    __slots__ = ("location", "accuracy_m")
    LOCATION_FIELD_NUMBER: _ClassVar[int]
    ACCURACY_M_FIELD_NUMBER: _ClassVar[int]
    location: _common_pb2.Location
    accuracy_m: float
    def __init__(self, location: _Optional[_Union[_common_pb2.Location, _Mapping]] = ..., accuracy_m: _Optional[float] = ...) -> None: ...

class UpdateLocationResponse(_message.Message):
    __slots__ = ("expires_at",)
    EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    expires_at: _timestamp_pb2.Timestamp
    def __init__(self, expires_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class UpdateSettingsRequest(_message.Message):
    __slots__ = ("settings",)
    SETTINGS_FIELD_NUMBER: _ClassVar[int]
    settings: LiveSettings
    def __init__(self, settings: _Optional[_Union[LiveSettings, _Mapping]] = ...) -> None: ...

class UpdateSettingsResponse(_message.Message):
    __slots__ = ("status",)
    STATUS_FIELD_NUMBER: _ClassVar[int]
    status: LiveStatus
    def __init__(self, status: _Optional[_Union[LiveStatus, _Mapping]] = ...) -> None: ...

class GetMyStatusRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GetMyStatusResponse(_message.Message):
    __slots__ = ("status",)
    STATUS_FIELD_NUMBER: _ClassVar[int]
    status: LiveStatus
    def __init__(self, status: _Optional[_Union[LiveStatus, _Mapping]] = ...) -> None: ...

class SetNowPlayingRequest(_message.Message):
    __slots__ = ("track", "is_playing")
    TRACK_FIELD_NUMBER: _ClassVar[int]
    IS_PLAYING_FIELD_NUMBER: _ClassVar[int]
    track: _common_pb2.Track
    is_playing: bool
    def __init__(self, track: _Optional[_Union[_common_pb2.Track, _Mapping]] = ..., is_playing: _Optional[bool] = ...) -> None: ...

class SetNowPlayingResponse(_message.Message):
    __slots__ = ("appended_to_history", "vibe")
    APPENDED_TO_HISTORY_FIELD_NUMBER: _ClassVar[int]
    VIBE_FIELD_NUMBER: _ClassVar[int]
    appended_to_history: bool
    vibe: _common_pb2.Vibe
    def __init__(self, appended_to_history: _Optional[bool] = ..., vibe: _Optional[_Union[_common_pb2.Vibe, str]] = ...) -> None: ...

class HistoryEntry(_message.Message):
    __slots__ = ("id", "track", "played_at")
    ID_FIELD_NUMBER: _ClassVar[int]
    TRACK_FIELD_NUMBER: _ClassVar[int]
    PLAYED_AT_FIELD_NUMBER: _ClassVar[int]
    id: str
    track: _common_pb2.Track
    played_at: _timestamp_pb2.Timestamp
    def __init__(self, id: _Optional[str] = ..., track: _Optional[_Union[_common_pb2.Track, _Mapping]] = ..., played_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ListListeningHistoryRequest(_message.Message):
    __slots__ = ("page_size", "page_token")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListListeningHistoryResponse(_message.Message):
    __slots__ = ("entries", "next_page_token")
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    entries: _containers.RepeatedCompositeFieldContainer[HistoryEntry]
    next_page_token: str
    def __init__(self, entries: _Optional[_Iterable[_Union[HistoryEntry, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...
