"""The messaging schema keeps one membership per user, one reaction of a kind, and cascades."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from enum import StrEnum
from typing import Any

import pytest
from sqlalchemy import delete, func, select, text
from sqlmodel import Session, SQLModel

from jobhub.messaging.models import (
    Conversation,
    ConversationParticipant,
    ConversationType,
    Message,
    MessageAttachment,
    MessageReaction,
    MessageType,
    ParticipantRole,
)
from tests.factories import (
    Case,
    Rows,
    add,
    make_conversation,
    make_message,
    make_participant,
    refused,
)


def conversation(**overrides: Any) -> Rows:
    return [make_conversation(**overrides)]


def participant(**overrides: Any) -> Rows:
    thread = make_conversation()
    return [thread, make_participant(thread, **overrides)]


def message(**overrides: Any) -> Rows:
    thread = make_conversation()
    return [thread, make_message(thread, **overrides)]


BUILDERS: dict[str, Callable[..., Rows]] = {
    "conversations": conversation,
    "conversation_participants": participant,
    "messages": message,
}


@pytest.mark.parametrize(
    ("table", "field", "values"),
    [
        ("conversations", "type", ConversationType),
        ("conversation_participants", "role", ParticipantRole),
        ("messages", "message_type", MessageType),
    ],
)
def test_every_listed_value_is_accepted(db: Session, table: str, field: str, values: type[StrEnum]) -> None:
    for value in values:
        add(db, *BUILDERS[table](**{field: value}))


@pytest.mark.parametrize(
    ("table", "field", "value"),
    [
        ("conversations", "type", "broadcast"),
        ("conversation_participants", "role", "owner"),
        ("messages", "message_type", "video"),
    ],
)
def test_a_row_outside_the_checks_is_refused(db: Session, table: str, field: str, value: str) -> None:
    refused(db, *BUILDERS[table](**{field: value}))


def duplicate_participant() -> tuple[Rows, SQLModel, SQLModel]:
    thread, member = participant()
    assert isinstance(member, ConversationParticipant)
    again = ConversationParticipant(conversation_id=thread.id, user_id=member.user_id)
    return [thread, member], again, ConversationParticipant(conversation_id=thread.id, user_id=uuid.uuid4())


def duplicate_reaction() -> tuple[Rows, SQLModel, SQLModel]:
    thread, said = message()
    user = uuid.uuid4()
    first = MessageReaction(message_id=said.id, user_id=user, reaction_type="👍")
    again = MessageReaction(message_id=said.id, user_id=user, reaction_type="👍")
    return [thread, said, first], again, MessageReaction(message_id=said.id, user_id=user, reaction_type="🎉")


DUPLICATES: list[Case] = [duplicate_participant, duplicate_reaction]


@pytest.mark.parametrize("case", DUPLICATES, ids=lambda case: case.__name__)
def test_a_duplicate_is_refused(db: Session, case: Case) -> None:
    existing, duplicate, _ = case()
    add(db, *existing)
    refused(db, duplicate)


@pytest.mark.parametrize("case", DUPLICATES, ids=lambda case: case.__name__)
def test_a_distinct_row_is_accepted(db: Session, case: Case) -> None:
    existing, _, distinct = case()
    add(db, *existing, distinct)


def test_deleting_a_conversation_takes_its_members_messages_reactions_and_files(db: Session) -> None:
    thread = make_conversation()
    first = make_message(thread)
    reply = make_message(thread, parent_message_id=first.id)
    add(
        db,
        thread,
        ConversationParticipant(conversation_id=thread.id, user_id=uuid.uuid4()),
        first,
        reply,
        MessageReaction(message_id=reply.id, user_id=uuid.uuid4(), reaction_type="👍"),
        MessageAttachment(
            message_id=first.id,
            file_name="5f2c.pdf",
            original_file_name="CV.pdf",
            file_size=1024,
            file_type="application/pdf",
            file_url="/files/5f2c.pdf",
        ),
    )

    db.execute(delete(Conversation).where(Conversation.id == thread.id))

    for model in (ConversationParticipant, Message, MessageReaction, MessageAttachment):
        assert db.execute(select(func.count()).select_from(model)).scalar_one() == 0, model.__name__


def test_a_reply_needs_a_parent_in_the_schema(db: Session) -> None:
    thread = make_conversation()
    refused(db, thread, make_message(thread, parent_message_id=uuid.uuid4()))


def test_metadata_lands_in_the_documented_column_and_settings_default_in_sql(db: Session) -> None:
    said = message(message_type=MessageType.JOB_SHARE, metadata_={"job_id": "42"})
    add(db, *said)
    db.execute(
        text("INSERT INTO messaging.conversation_participants (conversation_id, user_id) VALUES (:c, :u)"),
        {"c": said[0].id, "u": uuid.uuid4()},
    )

    stored = db.execute(text("SELECT metadata FROM messaging.messages WHERE id = :id"), {"id": said[1].id})
    settings = db.execute(text("SELECT notification_settings FROM messaging.conversation_participants"))
    assert stored.scalar_one() == {"job_id": "42"}
    assert settings.scalar_one() == {"email": True, "push": True}


def test_full_text_search_skips_deleted_messages_through_the_gin_index(db: Session) -> None:
    thread = make_conversation()
    kept = make_message(thread, content="Can we schedule the interview on Friday?")
    removed = make_message(thread, content="Interview notes I regret sending", is_deleted=True)
    add(db, thread, kept, removed)
    english = text("'english'::regconfig")
    search = select(Message.id).where(
        text("NOT is_deleted"),
        func.to_tsvector(english, Message.content).bool_op("@@")(
            func.websearch_to_tsquery(english, "interviews")
        ),
    )

    assert list(db.execute(search).scalars()) == [kept.id]
    db.execute(text("SET LOCAL enable_seqscan = off"))
    sql = search.compile(dialect=db.get_bind().dialect, compile_kwargs={"literal_binds": True})
    plan = db.execute(text(f"EXPLAIN {sql}")).scalars()
    assert "idx_messages_search" in "\n".join(plan)
