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

class Profile(_message.Message):
    __slots__ = ("user_id", "display_name", "avatar_url", "email", "is_anonymous", "instagram_handle", "discord_handle", "radius_km", "spotify_connected", "created_at", "updated_at")
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    AVATAR_URL_FIELD_NUMBER: _ClassVar[int]
    EMAIL_FIELD_NUMBER: _ClassVar[int]
    IS_ANONYMOUS_FIELD_NUMBER: _ClassVar[int]
    INSTAGRAM_HANDLE_FIELD_NUMBER: _ClassVar[int]
    DISCORD_HANDLE_FIELD_NUMBER: _ClassVar[int]
    RADIUS_KM_FIELD_NUMBER: _ClassVar[int]
    SPOTIFY_CONNECTED_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    user_id: str
    display_name: str
    avatar_url: str
    email: str
    is_anonymous: bool
    instagram_handle: str
    discord_handle: str
    radius_km: float
    spotify_connected: bool
    created_at: _timestamp_pb2.Timestamp
    updated_at: _timestamp_pb2.Timestamp
    def __init__(self, user_id: _Optional[str] = ..., display_name: _Optional[str] = ..., avatar_url: _Optional[str] = ..., email: _Optional[str] = ..., is_anonymous: _Optional[bool] = ..., instagram_handle: _Optional[str] = ..., discord_handle: _Optional[str] = ..., radius_km: _Optional[float] = ..., spotify_connected: _Optional[bool] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class SignInAnonymouslyRequest(_message.Message):
    __slots__ = ("display_name",)
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    display_name: str
    def __init__(self, display_name: _Optional[str] = ...) -> None: ...

class SignInAnonymouslyResponse(_message.Message):
    __slots__ = ("session", "profile")
    SESSION_FIELD_NUMBER: _ClassVar[int]
    PROFILE_FIELD_NUMBER: _ClassVar[int]
    session: _common_pb2.Session
    profile: Profile
    def __init__(self, session: _Optional[_Union[_common_pb2.Session, _Mapping]] = ..., profile: _Optional[_Union[Profile, _Mapping]] = ...) -> None: ...

class StartSpotifySignInRequest(_message.Message):
    __slots__ = ("redirect_uri",)
    REDIRECT_URI_FIELD_NUMBER: _ClassVar[int]
    redirect_uri: str
    def __init__(self, redirect_uri: _Optional[str] = ...) -> None: ...

class StartSpotifySignInResponse(_message.Message):
    __slots__ = ("authorize_url", "state", "expires_at")
    AUTHORIZE_URL_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    authorize_url: str
    state: str
    expires_at: _timestamp_pb2.Timestamp
    def __init__(self, authorize_url: _Optional[str] = ..., state: _Optional[str] = ..., expires_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class CompleteSpotifySignInRequest(_message.Message):
    __slots__ = ("state", "code")
    STATE_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    state: str
    code: str
    def __init__(self, state: _Optional[str] = ..., code: _Optional[str] = ...) -> None: ...

class CompleteSpotifySignInResponse(_message.Message):
    __slots__ = ("session", "profile", "created")
    SESSION_FIELD_NUMBER: _ClassVar[int]
    PROFILE_FIELD_NUMBER: _ClassVar[int]
    CREATED_FIELD_NUMBER: _ClassVar[int]
    session: _common_pb2.Session
    profile: Profile
    created: bool
    def __init__(self, session: _Optional[_Union[_common_pb2.Session, _Mapping]] = ..., profile: _Optional[_Union[Profile, _Mapping]] = ..., created: _Optional[bool] = ...) -> None: ...

class SignOutRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class SignOutResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GetProfileRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GetProfileResponse(_message.Message):
    __slots__ = ("profile",)
    PROFILE_FIELD_NUMBER: _ClassVar[int]
    profile: Profile
    def __init__(self, profile: _Optional[_Union[Profile, _Mapping]] = ...) -> None: ...

class UpdateProfileRequest(_message.Message):
    __slots__ = ("display_name", "avatar_url", "instagram_handle", "discord_handle", "radius_km", "is_anonymous")
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    AVATAR_URL_FIELD_NUMBER: _ClassVar[int]
    INSTAGRAM_HANDLE_FIELD_NUMBER: _ClassVar[int]
    DISCORD_HANDLE_FIELD_NUMBER: _ClassVar[int]
    RADIUS_KM_FIELD_NUMBER: _ClassVar[int]
    IS_ANONYMOUS_FIELD_NUMBER: _ClassVar[int]
    display_name: _wrappers_pb2.StringValue
    avatar_url: _wrappers_pb2.StringValue
    instagram_handle: _wrappers_pb2.StringValue
    discord_handle: _wrappers_pb2.StringValue
    radius_km: _wrappers_pb2.DoubleValue
    is_anonymous: _wrappers_pb2.BoolValue
    def __init__(self, display_name: _Optional[_Union[_wrappers_pb2.StringValue, _Mapping]] = ..., avatar_url: _Optional[_Union[_wrappers_pb2.StringValue, _Mapping]] = ..., instagram_handle: _Optional[_Union[_wrappers_pb2.StringValue, _Mapping]] = ..., discord_handle: _Optional[_Union[_wrappers_pb2.StringValue, _Mapping]] = ..., radius_km: _Optional[_Union[_wrappers_pb2.DoubleValue, _Mapping]] = ..., is_anonymous: _Optional[_Union[_wrappers_pb2.BoolValue, _Mapping]] = ...) -> None: ...

class UpdateProfileResponse(_message.Message):
    __slots__ = ("profile",)
    PROFILE_FIELD_NUMBER: _ClassVar[int]
    profile: Profile
    def __init__(self, profile: _Optional[_Union[Profile, _Mapping]] = ...) -> None: ...

class GetMyStatsRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GetMyStatsResponse(_message.Message):
    __slots__ = ("capsules_dropped", "capsules_discovered", "discoveries_of_my_capsules", "likes_received", "reactions_sent", "reactions_received", "finds_completed", "tracks_played")
    CAPSULES_DROPPED_FIELD_NUMBER: _ClassVar[int]
    CAPSULES_DISCOVERED_FIELD_NUMBER: _ClassVar[int]
    DISCOVERIES_OF_MY_CAPSULES_FIELD_NUMBER: _ClassVar[int]
    LIKES_RECEIVED_FIELD_NUMBER: _ClassVar[int]
    REACTIONS_SENT_FIELD_NUMBER: _ClassVar[int]
    REACTIONS_RECEIVED_FIELD_NUMBER: _ClassVar[int]
    FINDS_COMPLETED_FIELD_NUMBER: _ClassVar[int]
    TRACKS_PLAYED_FIELD_NUMBER: _ClassVar[int]
    capsules_dropped: int
    capsules_discovered: int
    discoveries_of_my_capsules: int
    likes_received: int
    reactions_sent: int
    reactions_received: int
    finds_completed: int
    tracks_played: int
    def __init__(self, capsules_dropped: _Optional[int] = ..., capsules_discovered: _Optional[int] = ..., discoveries_of_my_capsules: _Optional[int] = ..., likes_received: _Optional[int] = ..., reactions_sent: _Optional[int] = ..., reactions_received: _Optional[int] = ..., finds_completed: _Optional[int] = ..., tracks_played: _Optional[int] = ...) -> None: ...

class DeleteAccountRequest(_message.Message):
    __slots__ = ("confirm",)
    CONFIRM_FIELD_NUMBER: _ClassVar[int]
    confirm: bool
    def __init__(self, confirm: _Optional[bool] = ...) -> None: ...

class DeleteAccountResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class BlockUserRequest(_message.Message):
    __slots__ = ("user_id",)
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    user_id: str
    def __init__(self, user_id: _Optional[str] = ...) -> None: ...

class BlockUserResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class UnblockUserRequest(_message.Message):
    __slots__ = ("user_id",)
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    user_id: str
    def __init__(self, user_id: _Optional[str] = ...) -> None: ...

class UnblockUserResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ListBlockedUsersRequest(_message.Message):
    __slots__ = ("page_size", "page_token")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class BlockedUser(_message.Message):
    __slots__ = ("user", "blocked_at")
    USER_FIELD_NUMBER: _ClassVar[int]
    BLOCKED_AT_FIELD_NUMBER: _ClassVar[int]
    user: _common_pb2.PublicUser
    blocked_at: _timestamp_pb2.Timestamp
    def __init__(self, user: _Optional[_Union[_common_pb2.PublicUser, _Mapping]] = ..., blocked_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ListBlockedUsersResponse(_message.Message):
    __slots__ = ("blocked_users", "next_page_token")
    BLOCKED_USERS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    blocked_users: _containers.RepeatedCompositeFieldContainer[BlockedUser]
    next_page_token: str
    def __init__(self, blocked_users: _Optional[_Iterable[_Union[BlockedUser, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...
