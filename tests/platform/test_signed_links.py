"""Signed links: bound to a purpose and a key, expiring, tamper-evident; single use through the nonce hash."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from jobhub.platform.signed_links import (
    LinkExpired,
    LinkInvalid,
    LinkPurpose,
    hash_nonce,
    issue,
    public_link,
    read,
)
from jobhub.settings import DEV_SECRET_KEY, Settings, reset_settings

DAY = timedelta(days=1)


def test_a_token_reads_back_its_subject_and_nonce_hash() -> None:
    user_id = uuid.uuid4()
    issued = issue(LinkPurpose.VERIFY_EMAIL, user_id, extra={"email": "ada@example.test"})
    claim = read(issued.token, LinkPurpose.VERIFY_EMAIL, DAY)
    assert claim.subject == str(user_id)
    assert claim.matches(issued.nonce_hash)
    assert claim.extra == {"email": "ada@example.test"}
    assert len(issued.nonce_hash) == 64 and issued.nonce_hash not in issued.token


def test_two_links_for_the_same_subject_differ() -> None:
    first, second = issue(LinkPurpose.RESET_PASSWORD, "u"), issue(LinkPurpose.RESET_PASSWORD, "u")
    assert first.token != second.token
    assert not read(first.token, LinkPurpose.RESET_PASSWORD, DAY).matches(second.nonce_hash)


def test_a_cleared_hash_matches_nothing() -> None:
    issued = issue(LinkPurpose.RESET_PASSWORD, "u")
    claim = read(issued.token, LinkPurpose.RESET_PASSWORD, DAY)
    assert not claim.matches(None) and not claim.matches("")


def test_a_token_for_another_purpose_is_refused() -> None:
    issued = issue(LinkPurpose.VERIFY_EMAIL, "u")
    with pytest.raises(LinkInvalid):
        read(issued.token, LinkPurpose.RESET_PASSWORD, DAY)


def test_an_expired_token_is_refused() -> None:
    issued = issue(LinkPurpose.RESET_PASSWORD, "u")
    later = datetime.now(UTC) + timedelta(hours=1, seconds=5)
    with pytest.raises(LinkExpired):
        read(issued.token, LinkPurpose.RESET_PASSWORD, timedelta(hours=1), now=later)
    assert read(issued.token, LinkPurpose.RESET_PASSWORD, timedelta(hours=2), now=later).subject == "u"


def test_a_tampered_token_is_refused() -> None:
    token = issue(LinkPurpose.VERIFY_EMAIL, "u").token
    body, _, rest = token.partition(".")
    flipped = ("A" if body[0] != "A" else "B") + body[1:]
    with pytest.raises(LinkInvalid):
        read(f"{flipped}.{rest}", LinkPurpose.VERIFY_EMAIL, DAY)


def test_a_token_signed_with_another_key_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    token = issue(LinkPurpose.VERIFY_EMAIL, "u").token
    monkeypatch.setenv("JOBHUB_SECRET_KEY", "another-key")
    reset_settings()
    try:
        with pytest.raises(LinkInvalid):
            read(token, LinkPurpose.VERIFY_EMAIL, DAY)
    finally:
        monkeypatch.undo()
        reset_settings()


@given(st.text(max_size=2000))
def test_arbitrary_text_is_refused_with_link_invalid_only(text: str) -> None:
    with pytest.raises(LinkInvalid):
        read(text, LinkPurpose.VERIFY_EMAIL, DAY)


def test_hash_nonce_is_sha256_hex() -> None:
    assert hash_nonce("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"


def test_public_link_points_at_the_public_site() -> None:
    assert public_link("/verify-email", "a.b-c") == "http://localhost:3000/verify-email?token=a.b-c"


def test_production_refuses_the_dev_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JOBHUB_ENVIRONMENT", "production")
    monkeypatch.setenv("JOBHUB_SECRET_KEY", DEV_SECRET_KEY)
    with pytest.raises(ValidationError, match="JOBHUB_SECRET_KEY"):
        Settings()
    monkeypatch.setenv("JOBHUB_SECRET_KEY", "short")
    with pytest.raises(ValidationError):
        Settings()
    monkeypatch.setenv("JOBHUB_SECRET_KEY", "x" * 48)
    assert Settings().secret_key == "x" * 48
