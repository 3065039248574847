"""Any text in any field of the company form is refused cleanly or stored, never a crash."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from sqlmodel import Session

from jobhub.auth.principal import Principal
from jobhub.companies import profile
from jobhub.companies.company_form import CompanyForm, CultureValue
from jobhub.companies.models import Company
from jobhub.platform.errors import Invalid
from tests.factories import principal_with_role

NOW = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
EMPLOYER = principal_with_role("employer")


def companies_created_by(db: Session, who: Principal) -> int:
    return db.execute(
        select(func.count()).select_from(Company).where(Company.created_by == who.user_id)
    ).scalar_one()


_TEXT = st.one_of(
    st.text(max_size=80),
    st.sampled_from(["", " ", "\x00", "javascript:alert(1)", "https://x.com/a", "1999", "51-200", "\ud800"]),
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    name=st.one_of(st.text(max_size=140), st.sampled_from(["Acme Robotics", "Zürich Werke", "北京科技"])),
    slug=_TEXT,
    text=_TEXT,
    lines=st.lists(_TEXT, max_size=4),
    values=st.lists(st.tuples(_TEXT, _TEXT), max_size=3),
)
def test_any_text_is_refused_cleanly_or_stored(
    db: Session,
    name: str,
    slug: str,
    text: str,
    lines: list[str],
    values: list[tuple[str, str]],
) -> None:
    form = CompanyForm(
        name=name,
        slug=slug,
        **{key: text for key in ("tagline", "website_url", "industry", "company_size", "founded_year")},
        headquarters_location=text,
        employee_count=text,
        description=text,
        culture_description=text,
        remote_policy=text,
        linkedin_url=text,
        glassdoor_url=text,
        locations=tuple(lines),
        benefits=tuple(lines),
        perks=tuple(lines),
        values=tuple(CultureValue(*value) for value in values),
    )
    savepoint = db.begin_nested()
    try:
        view = profile.create_company(db, EMPLOYER, form, now=NOW)
    except Invalid as refused:
        assert refused.field in {*CompanyForm.__dataclass_fields__, "slug"}
        assert companies_created_by(db, EMPLOYER) == 0
    else:
        stored = db.get(Company, uuid.UUID(view.id))
        assert stored is not None and profile.stored_form(stored) == view.form
        event("stored")
    finally:
        savepoint.rollback()
