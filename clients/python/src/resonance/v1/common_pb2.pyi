import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf import wrappers_pb2 as _wrappers_pb2
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Vibe(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    VIBE_UNSPECIFIED: _ClassVar[Vibe]
    VIBE_EUPHORIC: _ClassVar[Vibe]
    VIBE_ENERGETIC: _ClassVar[Vibe]
    VIBE_CHILL: _ClassVar[Vibe]
    VIBE_MELANCHOLIC: _ClassVar[Vibe]
VIBE_UNSPECIFIED: Vibe
VIBE_EUPHORIC: Vibe
VIBE_ENERGETIC: Vibe
VIBE_CHILL: Vibe
VIBE_MELANCHOLIC: Vibe

class Location(_message.Message):
    __slots__ = ("latitude", "longitude")
    LATITUDE_FIELD_NUMBER: _ClassVar[int]
    LONGITUDE_FIELD_NUMBER: _ClassVar[int]
    latitude: float
    longitude: float
    def __init__(self, latitude: _Optional[float] = ..., longitude: _Optional[float] = ...) -> None: ...

class Track(_message.Message):
    __slots__ = ("track_id", "track_name", "artist", "album_art", "energy", "valence")
    TRACK_ID_FIELD_NUMBER: _ClassVar[int]
    TRACK_NAME_FIELD_NUMBER: _ClassVar[int]
    ARTIST_FIELD_NUMBER: _ClassVar[int]
    ALBUM_ART_FIELD_NUMBER: _ClassVar[int]
    ENERGY_FIELD_NUMBER: _ClassVar[int]
    VALENCE_FIELD_NUMBER: _ClassVar[int]
    track_id: str
    track_name: str
    artist: str
    album_art: str
    energy: _wrappers_pb2.DoubleValue
    valence: _wrappers_pb2.DoubleValue
    def __init__(self, track_id: _Optional[str] = ..., track_name: _Optional[str] = ..., artist: _Optional[str] = ..., album_art: _Optional[str] = ..., energy: _Optional[_Union[_wrappers_pb2.DoubleValue, _Mapping]] = ..., valence: _Optional[_Union[_wrappers_pb2.DoubleValue, _Mapping]] = ...) -> None: ...

class PublicUser(_message.Message):
    __slots__ = ("user_id", "display_name", "avatar_url", "is_anonymous", "instagram_handle", "discord_handle")
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    AVATAR_URL_FIELD_NUMBER: _ClassVar[int]
    IS_ANONYMOUS_FIELD_NUMBER: _ClassVar[int]
    INSTAGRAM_HANDLE_FIELD_NUMBER: _ClassVar[int]
    DISCORD_HANDLE_FIELD_NUMBER: _ClassVar[int]
    user_id: str
    display_name: str
    avatar_url: str
    is_anonymous: bool
    instagram_handle: str
    discord_handle: str
    def __init__(self, user_id: _Optional[str] = ..., display_name: _Optional[str] = ..., avatar_url: _Optional[str] = ..., is_anonymous: _Optional[bool] = ..., instagram_handle: _Optional[str] = ..., discord_handle: _Optional[str] = ...) -> None: ...

class CoarseDistance(_message.Message):
    __slots__ = ("approx_meters", "grid_meters")
    APPROX_METERS_FIELD_NUMBER: _ClassVar[int]
    GRID_METERS_FIELD_NUMBER: _ClassVar[int]
    approx_meters: float
    grid_meters: float
    def __init__(self, approx_meters: _Optional[float] = ..., grid_meters: _Optional[float] = ...) -> None: ...

class Session(_message.Message):
    __slots__ = ("token", "expires_at", "user_id")
    TOKEN_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    token: str
    expires_at: _timestamp_pb2.Timestamp
    user_id: str
    def __init__(self, token: _Optional[str] = ..., expires_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., user_id: _Optional[str] = ...) -> None: ...
