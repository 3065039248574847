"""The messaging context's part of "export my data": conversations joined, messages sent, reactions.

Messages other people wrote are their data: the export names the conversations the user took
part in and carries only the user's own messages.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from jobhub.messaging.models import Conversation, ConversationParticipant, Message, MessageReaction
from jobhub.platform.data_export import row_dict, rows


def export_user_data(db: Session, user_id: uuid.UUID) -> dict[str, Any]:
    joined = db.execute(
        select(ConversationParticipant, Conversation)
        .join(Conversation, Conversation.id == ConversationParticipant.conversation_id)
        .where(ConversationParticipant.user_id == user_id)
    ).all()
    return {
        "conversations": [
            row_dict(conversation, exclude=("last_message_id",)) | {"participation": row_dict(participant)}
            for participant, conversation in joined
        ],
        "messages_sent": rows(
            db.scalars(select(Message).where(Message.sender_id == user_id).order_by(Message.created_at))
        ),
        "reactions": rows(db.scalars(select(MessageReaction).where(MessageReaction.user_id == user_id))),
    }
