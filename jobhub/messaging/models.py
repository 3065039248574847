"""Tables of the `messaging` schema: conversations, participants, messages, reactions, attachments.

All five are recovered from the overlaid middle of the design document (see DATA-MODEL.md).
User ids are plain UUIDs into the auth context. ``conversations.last_message_id`` and
``conversation_participants.last_read_message_id`` are plain UUIDs too: a foreign key from
conversations to messages would close a cycle with messages.conversation_id, and both are
cached pointers the service rewrites, not relations to enforce.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Column, Index, String, Text, UniqueConstraint, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel

from jobhub.platform.columns import (
    check_in,
    counter,
    created_at,
    enum_default,
    flag,
    timestamp,
    updated_at,
    url_column,
    uuid_pk,
)
from jobhub.platform.event_tables import event_tables

SCHEMA = "messaging"

DomainEvent, OutboxEvent = event_tables(SCHEMA)

DEFAULT_NOTIFICATION_SETTINGS: dict[str, bool] = {"email": True, "push": True}


class ConversationType(StrEnum):
    DIRECT = "direct"
    GROUP = "group"
    SUPPORT = "support"


class ParticipantRole(StrEnum):
    ADMIN = "admin"
    MODERATOR = "moderator"
    MEMBER = "member"


class MessageType(StrEnum):
    TEXT = "text"
    IMAGE = "image"
    FILE = "file"
    SYSTEM = "system"
    JOB_SHARE = "job_share"


class Conversation(SQLModel, table=True):
    """A thread between users; the counters and ``last_message_*`` are kept by the service."""

    __tablename__ = "conversations"
    __table_args__ = (
        check_in("type", ConversationType),
        Index("idx_conversations_created_by", "created_by"),
        Index("idx_conversations_type", "type"),
        Index("idx_conversations_last_message", text("last_message_at DESC")),
        Index("idx_conversations_archived", "is_archived"),
        {"schema": SCHEMA},
    )

    id: uuid.UUID = uuid_pk()
    type: str = enum_default(ConversationType.DIRECT)
    title: str | None = Field(default=None, sa_type=String(255))
    description: str | None = Field(default=None, sa_type=Text)
    created_by: uuid.UUID
    is_archived: bool = flag(False)
    last_message_id: uuid.UUID | None = None
    last_message_at: datetime | None = timestamp()
    participant_count: int = counter()
    message_count: int = counter()
    created_at: datetime = created_at()
    updated_at: datetime = updated_at()


class ConversationParticipant(SQLModel, table=True):
    """A user's membership of a conversation, with their read position and mute settings."""

    __tablename__ = "conversation_participants"
    __table_args__ = (
        check_in("role", ParticipantRole),
        UniqueConstraint("conversation_id", "user_id"),
        Index("idx_conversation_participants_conversation_id", "conversation_id"),
        Index("idx_conversation_participants_user_id", "user_id"),
        Index(
            "idx_conversation_participants_active",
            "conversation_id",
            postgresql_where=text("is_active = true"),
        ),
        Index(
            "idx_conversation_participants_user_active",
            "user_id",
            "is_active",
            postgresql_where=text("is_active = true"),
        ),
        Index(
            "idx_conversation_participants_unread",
            "user_id",
            "unread_count",
            postgresql_where=text("unread_count > 0"),
        ),
        {"schema": SCHEMA},
    )

    id: uuid.UUID = uuid_pk()
    conversation_id: uuid.UUID = Field(foreign_key=f"{SCHEMA}.conversations.id", ondelete="CASCADE")
    user_id: uuid.UUID
    role: str = enum_default(ParticipantRole.MEMBER)
    joined_at: datetime = created_at()
    left_at: datetime | None = timestamp()
    is_active: bool = flag(True)
    last_read_message_id: uuid.UUID | None = None
    last_read_at: datetime | None = timestamp()
    unread_count: int = counter()
    is_muted: bool = flag(False)
    muted_until: datetime | None = timestamp()
    notification_settings: dict[str, Any] = Field(
        default_factory=lambda: dict(DEFAULT_NOTIFICATION_SETTINGS),
        sa_type=JSONB(none_as_null=True),
        sa_column_kwargs={"server_default": text("""'{"email": true, "push": true}'::jsonb""")},
    )


class Message(SQLModel, table=True):
    """A message, soft-deleted with ``is_deleted`` so that replies keep their parent.

    ``metadata_`` maps to the ``metadata`` column: SQLModel reserves ``metadata`` for the
    table registry.
    """

    __tablename__ = "messages"
    __table_args__ = (
        check_in("message_type", MessageType),
        Index("idx_messages_conversation_id", "conversation_id", text("created_at DESC")),
        Index("idx_messages_sender_id", "sender_id"),
        Index(
            "idx_messages_parent",
            "parent_message_id",
            postgresql_where=text("parent_message_id IS NOT NULL"),
        ),
        Index("idx_messages_type", "message_type"),
        Index(
            "idx_messages_search",
            text("to_tsvector('english'::regconfig, content)"),
            postgresql_using="gin",
            postgresql_where=text("NOT is_deleted"),
        ),
        {"schema": SCHEMA},
    )

    id: uuid.UUID = uuid_pk()
    conversation_id: uuid.UUID = Field(foreign_key=f"{SCHEMA}.conversations.id", ondelete="CASCADE")
    sender_id: uuid.UUID
    parent_message_id: uuid.UUID | None = Field(default=None, foreign_key=f"{SCHEMA}.messages.id")
    content: str = Field(sa_type=Text)
    message_type: str = enum_default(MessageType.TEXT)
    metadata_: dict[str, Any] | None = Field(
        default=None, sa_column=Column("metadata", JSONB(none_as_null=True))
    )
    is_edited: bool = flag(False)
    edited_at: datetime | None = timestamp()
    is_deleted: bool = flag(False)
    deleted_at: datetime | None = timestamp()
    deleted_by: uuid.UUID | None = None
    reply_count: int = counter()
    reaction_count: int = counter()
    created_at: datetime = created_at()
    updated_at: datetime = updated_at()


class MessageReaction(SQLModel, table=True):
    """An emoji (or reaction name) a user put on a message, once per kind."""

    __tablename__ = "message_reactions"
    __table_args__ = (
        UniqueConstraint("message_id", "user_id", "reaction_type"),
        Index("idx_message_reactions_message_id", "message_id"),
        Index("idx_message_reactions_user_id", "user_id"),
        Index("idx_message_reactions_type", "reaction_type"),
        {"schema": SCHEMA},
    )

    id: uuid.UUID = uuid_pk()
    message_id: uuid.UUID = Field(foreign_key=f"{SCHEMA}.messages.id", ondelete="CASCADE")
    user_id: uuid.UUID
    reaction_type: str = Field(sa_type=String(50))
    created_at: datetime = created_at()


class MessageAttachment(SQLModel, table=True):
    """A file on a message; ``file_name`` is generated server-side, never the client's name.

    Downloads wait for ``is_scanned`` with a clean ``scan_result``.
    """

    __tablename__ = "message_attachments"
    __table_args__ = (
        Index("idx_message_attachments_message_id", "message_id"),
        Index("idx_message_attachments_type", "file_type"),
        Index("idx_message_attachments_scanned", "is_scanned"),
        {"schema": SCHEMA},
    )

    id: uuid.UUID = uuid_pk()
    message_id: uuid.UUID = Field(foreign_key=f"{SCHEMA}.messages.id", ondelete="CASCADE")
    file_name: str = Field(sa_type=String(255))
    original_file_name: str = Field(sa_type=String(255))
    file_size: int
    file_type: str = Field(sa_type=String(100))
    file_url: str = Field(sa_type=String(500))
    thumbnail_url: str | None = url_column()
    is_scanned: bool = flag(False)
    scan_result: str | None = Field(default=None, sa_type=String(50))
    download_count: int = counter()
    created_at: datetime = created_at()
