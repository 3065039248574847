"""What every change to a seeker's profile shares: who may make it, the row it hangs on, and what
follows it (the completeness meter stored again, one ``profile.updated`` event).

Only job seekers have a profile to edit (a kind of account, as saved jobs are). The profile row
is made on the first change of any part, with a handle suggested from the account's name, so
``/u/<handle>`` exists from the first save on.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlmodel import Session

from jobhub.auth.authorization import require_user_type
from jobhub.auth.models import UserType
from jobhub.auth.principal import Principal
from jobhub.platform.event_types import PROFILE_UPDATED
from jobhub.platform.events import emit
from jobhub.profiles import completeness
from jobhub.profiles.completeness import Completeness
from jobhub.profiles.models import SCHEMA, UserProfile
from jobhub.profiles.profile_handles import suggest_handle

AGGREGATE = "profile"


def require_seeker(who: Principal | None) -> Principal:
    return require_user_type(who, UserType.JOB_SEEKER)


def name_for_handle(who: Principal) -> str:
    """The account's name, or the part of its address before the @ when it has none."""
    return who.display_name.split("@", 1)[0]


def own_profile_row(db: Session, who: Principal, *, lock: bool = False) -> UserProfile | None:
    query = select(UserProfile).where(UserProfile.user_id == who.user_id)
    return db.scalars(query.with_for_update() if lock else query).one_or_none()


def ensure_profile(db: Session, who: Principal) -> UserProfile:
    """The seeker's profile row, made now (with a suggested handle) when they have none."""
    profile = own_profile_row(db, who, lock=True)
    if profile is None:
        profile = UserProfile(
            user_id=who.user_id, handle=suggest_handle(db, name_for_handle(who), who.user_id)
        )
        db.add(profile)
        db.flush()
    return profile


def changed(db: Session, who: Principal, part: str, action: str) -> Completeness:
    """After a change to ``part``: the meter measured and stored, the event emitted."""
    profile = ensure_profile(db, who)
    result = completeness.refresh(db, who.user_id)
    emit(
        db,
        SCHEMA,
        AGGREGATE,
        profile.id,
        PROFILE_UPDATED,
        {"part": part, "action": action, "completeness": result.percent},
        user_id=who.user_id,
    )
    return result
