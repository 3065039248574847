"""Creating and editing company pages: the owner, the slug, nothing stored on bad input, renames in search."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlmodel import Session

from jobhub.auth.principal import Principal
from jobhub.companies import profile
from jobhub.companies.company_form import CompanyForm, CultureValue
from jobhub.companies.company_slugs import RESERVED_SLUGS
from jobhub.companies.models import Company, CompanyEmployee, DomainEvent, EmploymentStatus, TeamRole
from jobhub.companies.team_access import TeamAction, require_team
from jobhub.jobs.models import Job, JobStatus
from jobhub.jobs.search import search
from jobhub.jobs.search_document import refresh_search_fields
from jobhub.jobs.search_params import SearchParams
from jobhub.platform.errors import Conflict, Invalid
from jobhub.platform.event_types import COMPANY_CREATED, COMPANY_UPDATED
from tests.factories import Team, add, make_company, make_job, principal_with_role

NOW = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def employer() -> Principal:
    return principal_with_role("employer")


def events(db: Session, company_id: uuid.UUID, event_type: str) -> list[dict[str, object]]:
    return list(
        db.scalars(
            select(DomainEvent.event_data).where(
                DomainEvent.aggregate_id == company_id, DomainEvent.event_type == event_type
            )
        )
    )


def companies_created_by(db: Session, who: Principal) -> int:
    return db.execute(
        select(func.count()).select_from(Company).where(Company.created_by == who.user_id)
    ).scalar_one()


# create


def test_the_creator_becomes_the_active_owner(db: Session, employer: Principal) -> None:
    view = profile.create_company(db, employer, CompanyForm(name="Acme Robotics"), now=NOW)

    company_id = uuid.UUID(view.id)
    member = db.execute(select(CompanyEmployee).where(CompanyEmployee.company_id == company_id)).scalar_one()
    assert (member.user_id, member.team_role, member.is_admin) == (employer.user_id, TeamRole.OWNER, True)
    assert (member.employment_status, member.joined_at) == (EmploymentStatus.ACTIVE, NOW)
    assert require_team(db, employer, company_id, TeamAction.MANAGE_OWNERS).role == TeamRole.OWNER
    assert (view.slug, view.public_path, view.status) == (
        "acme-robotics",
        "/companies/acme-robotics",
        "active",
    )
    assert db.get(Company, company_id).created_by == employer.user_id
    assert events(db, company_id, COMPANY_CREATED) == [
        {"company_id": view.id, "name": "Acme Robotics", "slug": "acme-robotics"}
    ]


def test_every_field_is_stored_and_read_back(db: Session, employer: Principal) -> None:
    form = CompanyForm(
        name="Acme Robotics",
        slug="acme",
        tagline="Robots for warehouses",
        website_url="https://acme.example.com",
        industry="Robotics",
        company_size="51-200",
        company_type="startup",
        founded_year="2015",
        headquarters_location="Berlin, Germany",
        locations=("London", "Paris"),
        employee_count="120",
        description="# About\n\nWe build **robots**.",
        culture_description="Calm and curious.",
        benefits=("Health insurance",),
        perks=("Lunch",),
        values=(CultureValue("Ownership", "We run what we ship"),),
        remote_policy="hybrid",
        linkedin_url="https://www.linkedin.com/company/acme",
        twitter_url="https://x.com/acme",
        facebook_url="https://www.facebook.com/acme",
        instagram_url="https://www.instagram.com/acme",
        glassdoor_url="https://www.glassdoor.com/Overview/acme.htm",
    )

    view = profile.create_company(db, employer, form, now=NOW)

    assert view.form == form
    assert profile.company_for_editor(db, employer, uuid.UUID(view.id)).form == form
    assert view.latitude == pytest.approx(52.52, abs=0.1) and view.longitude == pytest.approx(13.4, abs=0.1)
    assert view.headquarters_notice == "Placed on the map at Berlin, Germany."


def test_an_unknown_headquarters_is_kept_as_text_and_said_so(db: Session, employer: Principal) -> None:
    view = profile.create_company(
        db, employer, CompanyForm(name="Acme", headquarters_location="Xqzzyville"), now=NOW
    )

    assert (view.latitude, view.longitude) == (None, None)
    assert "could not find \u201cXqzzyville\u201d" in view.headquarters_notice


def test_bad_input_stores_nothing(db: Session, employer: Principal) -> None:
    with pytest.raises(Invalid) as refused:
        profile.create_company(db, employer, CompanyForm(name="Acme", website_url="javascript:alert(1)"))

    assert refused.value.field == "website_url"
    assert companies_created_by(db, employer) == 0
    assert db.execute(select(func.count()).where(DomainEvent.user_id == employer.user_id)).scalar_one() == 0


def test_an_employer_may_own_only_so_many_companies(db: Session, employer: Principal) -> None:
    for n in range(profile.MAX_OWNED_COMPANIES):
        profile.create_company(
            db, employer, CompanyForm(name=f"Acme {n}", slug=f"acme-{uuid.uuid4().hex[:8]}")
        )

    with pytest.raises(Conflict):
        profile.create_company(db, employer, CompanyForm(name="One too many"))


# slugs


def test_a_taken_slug_is_refused_with_a_free_one_offered(db: Session, employer: Principal) -> None:
    name = f"Acme {uuid.uuid4().hex[:6]}"
    first = profile.create_company(db, employer, CompanyForm(name=name))

    with pytest.raises(Invalid) as refused:
        profile.create_company(db, principal_with_role("employer"), CompanyForm(name=name))

    assert refused.value.field == "slug"
    assert f"\u201c{first.slug}-2\u201d is free" in refused.value.message


def test_the_slug_of_a_deleted_company_stays_taken(db: Session, employer: Principal) -> None:
    gone = make_company(deleted_at=NOW)
    add(db, gone)

    with pytest.raises(Invalid):
        profile.create_company(db, employer, CompanyForm(name="Anything", slug=gone.slug))


@pytest.mark.parametrize("slug", sorted(RESERVED_SLUGS))
def test_reserved_slugs_are_refused(db: Session, employer: Principal, slug: str) -> None:
    with pytest.raises(Invalid) as refused:
        profile.create_company(db, employer, CompanyForm(name="Acme", slug=slug))

    assert refused.value.field == "slug"


def test_a_name_that_makes_no_slug_asks_for_one(db: Session, employer: Principal) -> None:
    with pytest.raises(Invalid) as refused:
        profile.create_company(db, employer, CompanyForm(name="\u00e9 \u2603\u2603"))

    assert refused.value.field == "slug"


def test_a_slug_taken_between_the_check_and_the_write_is_a_field_error(
    db: Session, employer: Principal, monkeypatch: pytest.MonkeyPatch
) -> None:
    taken = make_company()
    add(db, taken)
    monkeypatch.setattr(profile, "check_slug_free", lambda _db, slug, _id: slug)

    with pytest.raises(Invalid) as refused:
        profile.create_company(db, employer, CompanyForm(name="Acme", slug=taken.slug))

    assert refused.value.field == "slug"
    assert companies_created_by(db, employer) == 0


def test_an_update_keeps_or_changes_the_companys_own_slug(db: Session, team: Team) -> None:
    form = profile.stored_form(team.company)
    original = team.company.slug

    kept = profile.update_company(db, team.owner, team.company.id, form)
    moved = profile.update_company(db, team.owner, team.company.id, replace(form, slug=f"{original}-moved"))

    assert (kept.slug, kept.changed) == (original, ())
    assert (moved.public_path, moved.changed) == (f"/companies/{original}-moved", ("slug",))


# update


def test_an_update_replaces_the_fields_and_says_what_changed(db: Session, team: Team) -> None:
    form = replace(profile.stored_form(team.company), tagline="New tagline", benefits=("Pension",))

    view = profile.update_company(db, team.admin, team.company.id, form)

    assert (view.form.tagline, view.form.benefits) == ("New tagline", ("Pension",))
    assert set(view.changed) == {"tagline", "benefits"}
    assert events(db, team.company.id, COMPANY_UPDATED) == [
        {"company_id": str(team.company.id), "changed": list(view.changed)}
    ]


def test_an_update_that_changes_nothing_emits_nothing(db: Session, team: Team) -> None:
    profile.update_company(db, team.owner, team.company.id, profile.stored_form(team.company))

    assert events(db, team.company.id, COMPANY_UPDATED) == []


def test_a_refused_update_leaves_the_company_as_it_was(db: Session, team: Team) -> None:
    before = profile.stored_form(team.company)

    with pytest.raises(Invalid):
        profile.update_company(
            db, team.owner, team.company.id, replace(before, tagline="Changed", founded_year="1700")
        )

    db.refresh(team.company)
    assert profile.stored_form(team.company) == before


def _open_job(db: Session, company: Company) -> Job:
    job = make_job(
        company_id=company.id,
        title="Warehouse Robot Technician",
        status=JobStatus.PUBLISHED,
        published_at=NOW - timedelta(days=1),
    )
    refresh_search_fields(db, job)
    add(db, job)
    return job


def test_a_rename_is_found_by_job_search_at_once(db: Session, team: Team) -> None:
    job = _open_job(db, team.company)
    new_name = f"Zyxwvut{uuid.uuid4().hex[:6]} Robotics"

    def found(name: str) -> bool:
        hits = search(db, SearchParams(q=name.split()[0]), now=NOW, with_facets=False).hits
        return str(job.id) in {hit.id for hit in hits}

    assert not found(new_name)
    profile.update_company(
        db, team.owner, team.company.id, replace(profile.stored_form(team.company), name=new_name)
    )

    assert found(new_name)
    assert not found(team.company.slug.replace("-", " ").split()[0] + "-nothing")
    db.refresh(job)
    assert new_name in (job.search_keywords or "")
