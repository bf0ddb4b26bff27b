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

class ReactionType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    REACTION_TYPE_UNSPECIFIED: _ClassVar[ReactionType]
    REACTION_TYPE_FIRE: _ClassVar[ReactionType]
    REACTION_TYPE_HEART: _ClassVar[ReactionType]
    REACTION_TYPE_MUSIC: _ClassVar[ReactionType]
    REACTION_TYPE_WAVE: _ClassVar[ReactionType]
    REACTION_TYPE_SPARKLE: _ClassVar[ReactionType]

class ReactionDirection(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    REACTION_DIRECTION_UNSPECIFIED: _ClassVar[ReactionDirection]
    REACTION_DIRECTION_RECEIVED: _ClassVar[ReactionDirection]
    REACTION_DIRECTION_SENT: _ClassVar[ReactionDirection]
REACTION_TYPE_UNSPECIFIED: ReactionType
REACTION_TYPE_FIRE: ReactionType
REACTION_TYPE_HEART: ReactionType
REACTION_TYPE_MUSIC: ReactionType
REACTION_TYPE_WAVE: ReactionType
REACTION_TYPE_SPARKLE: ReactionType
REACTION_DIRECTION_UNSPECIFIED: ReactionDirection
REACTION_DIRECTION_RECEIVED: ReactionDirection
REACTION_DIRECTION_SENT: ReactionDirection

class Reaction(_message.Message):
    __slots__ = ("id", "sender", "receiver", "type", "created_at")
    ID_FIELD_NUMBER: _ClassVar[int]
    SENDER_FIELD_NUMBER: _ClassVar[int]
    RECEIVER_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    id: str
    sender: _common_pb2.PublicUser
    receiver: _common_pb2.PublicUser
    type: ReactionType
    created_at: _timestamp_pb2.Timestamp
    def __init__(self, id: _Optional[str] = ..., sender: _Optional[_Union[_common_pb2.PublicUser, _Mapping]] = ..., receiver: _Optional[_Union[_common_pb2.PublicUser, _Mapping]] = ..., type: _Optional[_Union[ReactionType, str]] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class SendReactionRequest(_message.Message):
    __slots__ = ("receiver_user_id", "type")
    RECEIVER_USER_ID_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    receiver_user_id: str
    type: ReactionType
    def __init__(self, receiver_user_id: _Optional[str] = ..., type: _Optional[_Union[ReactionType, str]] = ...) -> None: ...

class SendReactionResponse(_message.Message):
    __slots__ = ("reaction", "created")
    REACTION_FIELD_NUMBER: _ClassVar[int]
    CREATED_FIELD_NUMBER: _ClassVar[int]
    reaction: Reaction
    created: bool
    def __init__(self, reaction: _Optional[_Union[Reaction, _Mapping]] = ..., created: _Optional[bool] = ...) -> None: ...

class ListReactionsRequest(_message.Message):
    __slots__ = ("direction", "page_size", "page_token")
    DIRECTION_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    direction: ReactionDirection
    page_size: int
    page_token: str
    def __init__(self, direction: _Optional[_Union[ReactionDirection, str]] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListReactionsResponse(_message.Message):
    __slots__ = ("reactions", "next_page_token")
    REACTIONS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    reactions: _containers.RepeatedCompositeFieldContainer[Reaction]
    next_page_token: str
    def __init__(self, reactions: _Optional[_Iterable[_Union[Reaction, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...
