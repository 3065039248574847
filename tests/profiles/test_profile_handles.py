"""The /u/{handle} address: its shape, reserved words, uniqueness without regard to case, suggestions."""

from __future__ import annotations

import uuid

import pytest
from sqlmodel import Session

from jobhub.platform.errors import Invalid
from jobhub.profiles.profile_handles import check_handle_free, check_handle_shape, suggest_handle
from tests.factories import add, make_profile


@pytest.mark.parametrize("typed", ["ada", "Ada-Lovelace", "a1-b2-c3", "x" * 40, "  grace  "])
def test_a_well_formed_handle_is_kept_in_lower_case(typed: str) -> None:
    assert check_handle_shape(typed) == typed.strip().lower()


@pytest.mark.parametrize(
    "typed",
    ["ab", "x" * 41, "-ada", "ada-", "ada--l", "ada_l", "ada l", "zoë", "ada.l", "", "admin", "profile"],
)
def test_a_handle_out_of_shape_or_reserved_is_refused_on_its_field(typed: str) -> None:
    with pytest.raises(Invalid) as refused:
        check_handle_shape(typed)
    assert refused.value.field == "handle"


def test_a_taken_handle_is_refused_whatever_its_case_and_a_free_one_is_offered(db: Session) -> None:
    handle = f"ada-{uuid.uuid4().hex[:8]}"
    add(db, make_profile(handle=handle))

    with pytest.raises(Invalid) as refused:
        check_handle_free(db, handle.upper(), uuid.uuid4())

    assert f"{handle}-2" in refused.value.message


def test_an_owner_keeps_their_own_handle(db: Session) -> None:
    owner = uuid.uuid4()
    handle = f"ada-{uuid.uuid4().hex[:8]}"
    add(db, make_profile(user_id=owner, handle=handle))

    assert check_handle_free(db, handle, owner) == handle


def test_a_suggestion_comes_from_the_name_and_is_numbered_when_taken(db: Session) -> None:
    name = f"Zoë O'Neil {uuid.uuid4().hex[:6]}"
    first = suggest_handle(db, name, uuid.uuid4())
    add(db, make_profile(handle=first))

    assert first.startswith("zoe-o-neil-")
    assert suggest_handle(db, name, uuid.uuid4()) == f"{first}-2"


@pytest.mark.parametrize("name", ["", "李", "Al", "Admin"])
def test_a_name_that_makes_no_handle_still_gets_a_valid_one(db: Session, name: str) -> None:
    assert check_handle_shape(suggest_handle(db, name, uuid.uuid4()))
