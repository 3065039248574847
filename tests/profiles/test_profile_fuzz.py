"""Any text in any field of the profile's forms is refused cleanly (on a field of that form, with
nothing stored) or stored and read back, never a crash."""

from __future__ import annotations

from dataclasses import fields

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from sqlmodel import Session

from jobhub.auth.principal import Principal
from jobhub.platform.errors import DomainError, Invalid, NotFound
from jobhub.profiles.history_forms import Section, entry_fields
from jobhub.profiles.models import UserProfile, UserSkill
from jobhub.profiles.profile_editor import own_profile, save_profile
from jobhub.profiles.profile_form import ProfileForm
from jobhub.profiles.profile_history import MODELS, add_entry
from jobhub.profiles.profile_skills import add_skill
from jobhub.profiles.profile_view import profile_by_handle
from tests.factories import principal_with_role
from tests.profiles.profile_support import TODAY

SEEKER: Principal = principal_with_role("job_seeker", display_name="Fuzz Tester")
FUZZ = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
_TEXT = st.one_of(
    st.text(max_size=60),
    st.sampled_from(
        [
            "",
            " ",
            "\x00",
            "\ud800",
            "javascript:alert(1)",
            "github.com/x",
            "2024-13",
            "2024-02",
            "on",
            "90k-1k",
            "hybrid",
            "public",
            "private",
            "ada-l",
            "Python",
            "expert",
            "-1",
            "9" * 30,
        ]
    ),
)
TEXT_FIELDS = [field.name for field in fields(ProfileForm) if field.name != "open_to_work"]


def count(db: Session, model: type) -> int:
    return db.scalar(select(func.count()).select_from(model).where(model.user_id == SEEKER.user_id)) or 0


@FUZZ
@given(values=st.fixed_dictionaries({name: _TEXT for name in TEXT_FIELDS}), open_to_work=st.booleans())
def test_any_profile_form_is_refused_cleanly_or_stored(
    db: Session, values: dict[str, str], open_to_work: bool
) -> None:
    savepoint = db.begin_nested()
    try:
        view = save_profile(db, SEEKER, ProfileForm(**values, open_to_work=open_to_work))
    except Invalid as refused:
        assert refused.field in TEXT_FIELDS
        assert count(db, UserProfile) == 0
    else:
        assert own_profile(db, SEEKER).form == view.form
        event("stored")
    finally:
        savepoint.rollback()


@FUZZ
@given(
    section=st.sampled_from(list(Section)),
    data=st.dictionaries(
        st.sampled_from(sorted({name for section in Section for name in entry_fields(section)})),
        _TEXT,
        max_size=12,
    ),
)
def test_any_entry_is_refused_cleanly_or_stored(db: Session, section: Section, data: dict[str, str]) -> None:
    savepoint = db.begin_nested()
    try:
        add_entry(db, SEEKER, section, data, today=TODAY)
    except Invalid as refused:
        assert refused.field in entry_fields(section)
        assert count(db, MODELS[section]) == 0
    else:
        assert count(db, MODELS[section]) == 1
        event("stored")
    finally:
        savepoint.rollback()


@FUZZ
@given(name=_TEXT, level=_TEXT, years=_TEXT)
def test_any_skill_is_refused_cleanly_or_stored(db: Session, name: str, level: str, years: str) -> None:
    savepoint = db.begin_nested()
    try:
        add_skill(db, SEEKER, name, level, years)
    except DomainError as refused:
        assert isinstance(refused, Invalid) and refused.field in {"skill", "proficiency", "years"}
        assert count(db, UserSkill) == 0
    else:
        assert count(db, UserSkill) == 1
        event("stored")
    finally:
        savepoint.rollback()


@FUZZ
@given(handle=_TEXT)
def test_any_profile_address_is_a_profile_or_not_found(db: Session, handle: str) -> None:
    try:
        profile_by_handle(db, None, handle)
    except NotFound:
        event("not found")
