import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from resonance.v1 import common_pb2 as _common_pb2
from resonance.v1 import reactions_pb2 as _reactions_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class NotificationType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    NOTIFICATION_TYPE_UNSPECIFIED: _ClassVar[NotificationType]
    NOTIFICATION_TYPE_REACTION: _ClassVar[NotificationType]
    NOTIFICATION_TYPE_CAPSULE_DISCOVERED: _ClassVar[NotificationType]
    NOTIFICATION_TYPE_CAPSULE_LIKED: _ClassVar[NotificationType]
    NOTIFICATION_TYPE_FIND_REQUEST: _ClassVar[NotificationType]
    NOTIFICATION_TYPE_FIND_ACCEPTED: _ClassVar[NotificationType]
    NOTIFICATION_TYPE_FIND_COMPLETED: _ClassVar[NotificationType]
    NOTIFICATION_TYPE_SPOTIFY_DISCONNECTED: _ClassVar[NotificationType]
NOTIFICATION_TYPE_UNSPECIFIED: NotificationType
NOTIFICATION_TYPE_REACTION: NotificationType
NOTIFICATION_TYPE_CAPSULE_DISCOVERED: NotificationType
NOTIFICATION_TYPE_CAPSULE_LIKED: NotificationType
NOTIFICATION_TYPE_FIND_REQUEST: NotificationType
NOTIFICATION_TYPE_FIND_ACCEPTED: NotificationType
NOTIFICATION_TYPE_FIND_COMPLETED: NotificationType
NOTIFICATION_TYPE_SPOTIFY_DISCONNECTED: NotificationType

class Notification(_message.Message):
    __slots__ = ("id", "type", "title", "message", "from_user", "is_read", "created_at", "capsule_id", "find_session_id", "reaction_type")
    ID_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    FROM_USER_FIELD_NUMBER: _ClassVar[int]
    IS_READ_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    CAPSULE_ID_FIELD_NUMBER: _ClassVar[int]
    FIND_SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    REACTION_TYPE_FIELD_NUMBER: _ClassVar[int]
    id: str
    type: NotificationType
    title: str
    message: str
    from_user: _common_pb2.PublicUser
    is_read: bool
    created_at: _timestamp_pb2.Timestamp
    capsule_id: str
    find_session_id: str
    reaction_type: _reactions_pb2.ReactionType
    def __init__(self, id: _Optional[str] = ..., type: _Optional[_Union[NotificationType, str]] = ..., title: _Optional[str] = ..., message: _Optional[str] = ..., from_user: _Optional[_Union[_common_pb2.PublicUser, _Mapping]] = ..., is_read: _Optional[bool] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., capsule_id: _Optional[str] = ..., find_session_id: _Optional[str] = ..., reaction_type: _Optional[_Union[_reactions_pb2.ReactionType, str]] = ...) -> None: ...

class ListNotificationsRequest(_message.Message):
    __slots__ = ("unread_only", "page_size", "page_token")
    UNREAD_ONLY_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    unread_only: bool
    page_size: int
    page_token: str
    def __init__(self, unread_only: _Optional[bool] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListNotificationsResponse(_message.Message):
    __slots__ = ("notifications", "next_page_token")
    NOTIFICATIONS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    notifications: _containers.RepeatedCompositeFieldContainer[Notification]
    next_page_token: str
    def __init__(self, notifications: _Optional[_Iterable[_Union[Notification, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class GetUnreadCountRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GetUnreadCountResponse(_message.Message):
    __slots__ = ("unread_count",)
    UNREAD_COUNT_FIELD_NUMBER: _ClassVar[int]
    unread_count: int
    def __init__(self, unread_count: _Optional[int] = ...) -> None: ...

class MarkReadRequest(_message.Message):
    __slots__ = ("notification_ids", "all")
    NOTIFICATION_IDS_FIELD_NUMBER: _ClassVar[int]
    ALL_FIELD_NUMBER: _ClassVar[int]
    notification_ids: _containers.RepeatedScalarFieldContainer[str]
    all: bool
    def __init__(self, notification_ids: _Optional[_Iterable[str]] = ..., all: _Optional[bool] = ...) -> None: ...

class MarkReadResponse(_message.Message):
    __slots__ = ("updated_count",)
    UPDATED_COUNT_FIELD_NUMBER: _ClassVar[int]
    updated_count: int
    def __init__(self, updated_count: _Optional[int] = ...) -> None: ...

class DeleteNotificationRequest(_message.Message):
    __slots__ = ("notification_id",)
    NOTIFICATION_ID_FIELD_NUMBER: _ClassVar[int]
    notification_id: str
    def __init__(self, notification_id: _Optional[str] = ...) -> None: ...

class DeleteNotificationResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class WatchNotificationsRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class WatchNotificationsResponse(_message.Message):
    __slots__ = ("notification",)
    NOTIFICATION_FIELD_NUMBER: _ClassVar[int]
    notification: Notification
    def __init__(self, notification: _Optional[_Union[Notification, _Mapping]] = ...) -> None: ...

class PushSubscription(_message.Message):
    __slots__ = ("endpoint", "user_agent", "created_at")
    ENDPOINT_FIELD_NUMBER: _ClassVar[int]
    USER_AGENT_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    endpoint: str
    user_agent: str
    created_at: _timestamp_pb2.Timestamp
    def __init__(self, endpoint: _Optional[str] = ..., user_agent: _Optional[str] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class RegisterPushSubscriptionRequest(_message.Message):
    __slots__ = ("endpoint", "p256dh", "auth", "user_agent")
    ENDPOINT_FIELD_NUMBER: _ClassVar[int]
    P256DH_FIELD_NUMBER: _ClassVar[int]
    AUTH_FIELD_NUMBER: _ClassVar[int]
    USER_AGENT_FIELD_NUMBER: _ClassVar[int]
    endpoint: str
    p256dh: str
    auth: str
    user_agent: str
    def __init__(self, endpoint: _Optional[str] = ..., p256dh: _Optional[str] = ..., auth: _Optional[str] = ..., user_agent: _Optional[str] = ...) -> None: ...

class RegisterPushSubscriptionResponse(_message.Message):
    __slots__ = ("subscription", "created")
    SUBSCRIPTION_FIELD_NUMBER: _ClassVar[int]
    CREATED_FIELD_NUMBER: _ClassVar[int]
    subscription: PushSubscription
    created: bool
    def __init__(self, subscription: _Optional[_Union[PushSubscription, _Mapping]] = ..., created: _Optional[bool] = ...) -> None: ...

class UnregisterPushSubscriptionRequest(_message.Message):
    __slots__ = ("endpoint",)
    ENDPOINT_FIELD_NUMBER: _ClassVar[int]
    endpoint: str
    def __init__(self, endpoint: _Optional[str] = ...) -> None: ...

class UnregisterPushSubscriptionResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GetPushConfigRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GetPushConfigResponse(_message.Message):
    __slots__ = ("vapid_public_key",)
    VAPID_PUBLIC_KEY_FIELD_NUMBER: _ClassVar[int]
    vapid_public_key: str
    def __init__(self, vapid_public_key: _Optional[str] = ...) -> None: ...
