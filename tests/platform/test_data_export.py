"""Export my data: every context's rows about the user, nobody else's, and no secret."""

from __future__ import annotations

import json
import uuid
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from jobhub.auth import account_erasure
from jobhub.auth.audit import AuditAction, RequestContext
from jobhub.auth.models import AuditLog
from jobhub.auth.passwords import hash_password
from jobhub.auth.principal import resolve_principal
from jobhub.auth.session_tokens import issue_session
from jobhub.platform import data_export
from jobhub.platform.db import CONTEXT_SCHEMAS
from jobhub.profiles.models import Skill
from tests.factories import (
    add,
    make_alert,
    make_application,
    make_certification,
    make_company,
    make_connection,
    make_conversation,
    make_delivery,
    make_education,
    make_employee,
    make_experience,
    make_job,
    make_message,
    make_notification,
    make_participant,
    make_photo,
    make_plan,
    make_preference,
    make_profile,
    make_resume,
    make_review,
    make_saved_search,
    make_session,
    make_subscription,
    make_transaction,
    make_user,
    make_user_skill,
)

CONTEXT = RequestContext.of("203.0.113.8", "pytest")
SECRETS = (
    "password_hash",
    "mfa_secret",
    "mfa_backup_codes",
    "token_hash",
    "refresh_token_hash",
    "invitation_token",
)


def _everything_for(db: Session, user_id: uuid.UUID, other_id: uuid.UUID) -> None:
    """One row of each kind per context for ``user_id``, with ``other_id`` on the other side."""
    skill = db.scalars(select(Skill).limit(1)).first()
    add(
        db,
        make_profile(user_id=user_id, headline=f"headline-{user_id}"),
        make_experience(user_id=user_id),
        make_education(user_id=user_id),
        make_certification(user_id=user_id),
        make_resume(user_id=user_id),
        make_connection(requester_id=user_id, addressee_id=other_id),
    )
    if skill is not None:
        add(db, make_user_skill(skill, user_id=user_id))
    job = make_job(employer_id=other_id)
    add(db, job)
    add(
        db,
        make_application(job, applicant_id=user_id, notes="employer-only note", rating=2),
        make_alert(user_id=user_id),
        make_saved_search(user_id=user_id),
    )
    company = make_company()
    add(db, company)
    add(
        db,
        make_employee(company, user_id=user_id, invitation_token=f"hash-{uuid.uuid4().hex}"),
        make_review(company, reviewer_id=user_id, moderation_notes="moderator only"),
        make_photo(company, uploaded_by=user_id),
    )
    conversation = make_conversation(created_by=other_id)
    add(db, conversation)
    add(
        db,
        make_participant(conversation, user_id=user_id),
        make_participant(conversation, user_id=other_id),
        make_message(conversation, sender_id=user_id, content=f"from-{user_id}"),
        make_message(conversation, sender_id=other_id, content=f"from-{other_id}"),
    )
    notification = make_notification(user_id=user_id)
    add(db, notification, make_preference(user_id=user_id))
    add(db, make_delivery(notification))
    plan = make_plan()
    add(db, plan)
    add(db, make_subscription(plan, user_id=user_id), make_transaction(user_id=user_id))


def _keys(value: Any) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {key for item in value.values() for key in _keys(item)}
    if isinstance(value, list):
        return {key for item in value for key in _keys(item)}
    return set()


def _two_users(db: Session) -> tuple[uuid.UUID, uuid.UUID]:
    mine = make_user(password_hash=hash_password("correct horse battery"), mfa_secret="JBSWY3DPEHPK3PXP")
    mine.mfa_backup_codes = ["backup-1", "backup-2"]
    theirs = make_user()
    add(db, mine, theirs)
    add(db, make_session(mine, ip_address="198.51.100.4"), make_session(theirs))
    _everything_for(db, mine.id, theirs.id)
    _everything_for(db, theirs.id, mine.id)
    db.expire_all()  # read back as the database types them (inet as ipaddress objects)
    return mine.id, theirs.id


def test_every_context_contributes_the_users_rows(db: Session) -> None:
    mine, _theirs = _two_users(db)

    document = data_export.export_user_data(db, mine)

    parts = document["contexts"]
    assert set(parts) == set(CONTEXT_SCHEMAS)
    assert parts["auth"]["user"]["id"] == str(mine)
    assert [row["ip_address"] for row in parts["auth"]["sessions"]] == ["198.51.100.4"]
    assert parts["profiles"]["profile"]["headline"] == f"headline-{mine}"
    for key in ("experience", "education", "certifications", "resumes"):
        assert len(parts["profiles"][key]) == 1, key
    assert len(parts["profiles"]["connections"]) == 2  # one asked by each of the two users
    for key in ("applications", "alerts", "saved_searches"):
        assert len(parts["jobs"][key]) == 1, key
    for key in ("memberships", "reviews_written", "photos_uploaded"):
        assert len(parts["companies"][key]) == 1, key
    # one message in each user's conversation, both sent by this user
    assert [m["content"] for m in parts["messaging"]["messages_sent"]] == [f"from-{mine}"] * 2
    assert len(parts["messaging"]["conversations"]) == 2
    assert len(parts["notifications"]["notifications"]) == 1
    assert len(parts["notifications"]["deliveries"]) == 1
    assert parts["notifications"]["preferences"]["user_id"] == str(mine)
    assert len(parts["billing"]["subscriptions"]) == 1 and len(parts["billing"]["payments"]) == 1


def test_the_export_holds_no_secret_and_no_employer_or_moderator_notes(db: Session) -> None:
    mine, _theirs = _two_users(db)

    text = data_export.to_json_bytes(data_export.export_user_data(db, mine)).decode()

    keys = _keys(json.loads(text))
    assert not keys & set(SECRETS)
    for word in ("JBSWY3DPEHPK3PXP", "backup-1", "employer-only note", "moderator only", "$argon2"):
        assert word not in text


def test_another_users_data_is_absent(db: Session) -> None:
    mine, theirs = _two_users(db)

    text = data_export.to_json_bytes(data_export.export_user_data(db, mine)).decode()

    assert f"from-{theirs}" not in text
    assert f"headline-{theirs}" not in text
    document = json.loads(text)
    assert all(row["user_id"] == str(mine) for row in document["contexts"]["jobs"]["alerts"])


def test_exporting_is_audited_and_needs_a_signed_in_user(db: Session) -> None:
    mine, _theirs = _two_users(db)
    who = resolve_principal(db, issue_session(db, mine))

    document = account_erasure.export_my_data(db, who, CONTEXT)

    assert document["user_id"] == str(mine)
    row = db.scalars(select(AuditLog).where(AuditLog.action == AuditAction.DATA_EXPORTED)).one()
    assert row.user_id == mine


def test_a_user_with_nothing_gets_empty_parts(db: Session) -> None:
    lonely = make_user()
    add(db, lonely)
    parts = data_export.export_user_data(db, lonely.id)["contexts"]
    assert parts["profiles"]["profile"] is None
    assert parts["jobs"]["applications"] == [] and parts["billing"]["payments"] == []


def test_audit_rows_written_by_an_administrator_keep_the_action_but_not_the_actor(db: Session) -> None:
    mine, theirs = _two_users(db)
    add(
        db,
        AuditLog(
            action="user_suspended",
            user_id=theirs,
            resource="user",
            resource_id=mine,
            ip_address="192.0.2.50",
        ),
        AuditLog(
            action="login_success", user_id=mine, resource="user", resource_id=mine, ip_address="192.0.2.7"
        ),
    )

    entries = data_export.export_user_data(db, mine)["contexts"]["auth"]["audit_log"]

    by_action = {entry["action"]: entry for entry in entries}
    assert "user_id" not in by_action["user_suspended"] and "ip_address" not in by_action["user_suspended"]
    assert by_action["login_success"]["ip_address"] == "192.0.2.7"
    assert str(theirs) not in json.dumps(entries)
