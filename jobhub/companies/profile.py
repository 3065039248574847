"""Creating and editing a company page: its fields, its address (slug), its logo and cover.

An employer account creates a company and becomes its owner; after that every change goes
through ``team_access.require_team(..., EDIT_COMPANY)`` (owners and admins), so a member of
another company gets ``NotFound`` whatever id the browser sends. Bad input raises
``Invalid(field, message)`` before anything is written. The company's name is part of each of
its postings' search keywords, so a rename refreshes them through the jobs context.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Final

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from jobhub.auth import permissions as p
from jobhub.auth.authorization import require, require_user_type
from jobhub.auth.models import UserType
from jobhub.auth.principal import Principal
from jobhub.companies.company_form import CompanyForm, CultureValue, clean_company_form
from jobhub.companies.company_images import AREAS, COLUMNS, ImageKind
from jobhub.companies.company_slugs import TAKEN_MESSAGE, check_slug_free, slug_from_name
from jobhub.companies.models import SCHEMA, Company, CompanyEmployee, EmploymentStatus, TeamRole
from jobhub.companies.team_access import NO_SUCH_COMPANY, TeamAction, memberships_of, require_team
from jobhub.jobs import geo
from jobhub.jobs.company_jobs import refresh_company_jobs
from jobhub.platform import storage
from jobhub.platform.errors import Conflict, Invalid, NotFound
from jobhub.platform.event_types import COMPANY_CREATED, COMPANY_UPDATED
from jobhub.platform.events import emit
from jobhub.platform.file_settling import settle_files
from jobhub.ui import navigation as nav

MAX_OWNED_COMPANIES: Final = 10
"""An employer may run a few companies (an agency, a group); hundreds would be spam."""
AGGREGATE: Final = "company"
SLUG_CONSTRAINT: Final = "uq_companies_slug"


@dataclass(frozen=True)
class CompanyView:
    """A company page as its editor shows it: plain values, safe for Reflex state.

    ``editable`` says whether the member asking may change it; ``headquarters_notice`` says
    where the headquarters were placed on the map, or that they could not be.
    """

    id: str
    name: str
    slug: str
    public_path: str
    form: CompanyForm
    logo_url: str
    cover_image_url: str
    is_verified: bool
    status: str
    latitude: float | None
    longitude: float | None
    editable: bool = True
    headquarters_notice: str = ""
    changed: tuple[str, ...] = field(default_factory=tuple)


def company_path(slug: str) -> str:
    return f"{nav.COMPANIES}/{slug}"


def _text(value: object) -> str:
    return "" if value is None else str(value)


def stored_form(company: Company) -> CompanyForm:
    """The stored company as the form that would store it again."""
    return CompanyForm(
        name=company.name,
        slug=company.slug,
        tagline=_text(company.tagline),
        website_url=_text(company.website_url),
        industry=_text(company.industry),
        company_size=_text(company.company_size),
        company_type=_text(company.company_type),
        founded_year=_text(company.founded_year),
        headquarters_location=_text(company.headquarters_location),
        locations=tuple(company.locations or ()),
        employee_count=_text(company.employee_count),
        description=_text(company.description),
        culture_description=_text(company.culture_description),
        benefits=tuple(company.benefits or ()),
        perks=tuple(company.perks or ()),
        values=tuple(
            CultureValue(str(value.get("name", "")), str(value.get("description", "")))
            for value in company.values or ()
            if isinstance(value, dict)
        ),
        remote_policy=_text(company.remote_policy),
        linkedin_url=_text(company.linkedin_url),
        twitter_url=_text(company.twitter_url),
        facebook_url=_text(company.facebook_url),
        instagram_url=_text(company.instagram_url),
        glassdoor_url=_text(company.glassdoor_url),
    )


def _view(
    company: Company, *, editable: bool = True, notice: str = "", changed: tuple[str, ...] = ()
) -> CompanyView:
    return CompanyView(
        id=str(company.id),
        name=company.name,
        slug=company.slug,
        public_path=company_path(company.slug),
        form=stored_form(company),
        logo_url=company.logo_url or "",
        cover_image_url=company.cover_image_url or "",
        is_verified=company.is_verified,
        status=company.status,
        latitude=company.latitude,
        longitude=company.longitude,
        editable=editable,
        headquarters_notice=notice,
        changed=changed,
    )


def _place(values: dict[str, Any]) -> str:
    """Coordinates for the headquarters from the gazetteer; what to tell the editor about them."""
    headquarters = values.get("headquarters_location")
    city = geo.find_city(headquarters) if headquarters else None
    values["latitude"], values["longitude"] = (city.latitude, city.longitude) if city else (None, None)
    if not headquarters:
        return ""
    if city is None:
        return (
            f"We could not find \u201c{headquarters}\u201d on the map, so the page shows it as written "
            "and searches near a city will miss it. Try \u201cCity, Country\u201d."
        )
    return f"Placed on the map at {city.label}."


def _clean(db: Session, form: CompanyForm, company_id: uuid.UUID | None, now: datetime) -> dict[str, Any]:
    values = clean_company_form(form, this_year=now.year)
    values["slug"] = check_slug_free(db, values["slug"] or slug_from_name(values["name"]), company_id)
    return values


def _flush(db: Session, *rows: Company | CompanyEmployee) -> None:
    """Flush inside a savepoint: a slug taken a moment ago by someone else is a field error."""
    try:
        with db.begin_nested():
            for row in rows:
                db.add(row)
                db.flush()
    except IntegrityError as exc:
        if getattr(getattr(exc.orig, "diag", None), "constraint_name", None) != SLUG_CONSTRAINT:
            raise
        raise Invalid("slug", TAKEN_MESSAGE) from exc


def _company(db: Session, company_id: uuid.UUID) -> Company:
    company = db.execute(
        select(Company).where(Company.id == company_id, Company.deleted_at.is_(None))
    ).scalar_one_or_none()
    if company is None:
        raise NotFound(NO_SUCH_COMPANY)
    return company


def company_for_editor(db: Session, who: Principal | None, company_id: uuid.UUID) -> CompanyView:
    """The company as its editor shows it to any team member; ``editable`` for owners and admins."""
    member = require_team(db, who, company_id, TeamAction.VIEW_EMPLOYER)
    company = _company(db, company_id)
    return _view(company, editable=member.may(TeamAction.EDIT_COMPANY))


def create_company(
    db: Session, who: Principal | None, form: CompanyForm, *, now: datetime | None = None
) -> CompanyView:
    """A new active company page whose creator is its owner (an active team member from now on)."""
    principal = require(require_user_type(who, UserType.EMPLOYER), p.COMPANIES_CREATE)
    owned = [m for m in memberships_of(db, principal.user_id) if m.role == TeamRole.OWNER]
    if len(owned) >= MAX_OWNED_COMPANIES:
        raise Conflict(f"You already own {len(owned)} companies, the most one account may own.")
    moment = now or datetime.now(UTC)
    values = _clean(db, form, None, moment)
    notice = _place(values)
    company = Company(**values, created_by=principal.user_id)
    owner = CompanyEmployee(
        company_id=company.id,
        user_id=principal.user_id,
        team_role=TeamRole.OWNER,
        is_admin=True,
        is_hiring_manager=True,
        employment_status=EmploymentStatus.ACTIVE,
        joined_at=moment,
    )
    _flush(db, company, owner)
    emit(
        db,
        SCHEMA,
        AGGREGATE,
        company.id,
        COMPANY_CREATED,
        {"company_id": str(company.id), "name": company.name, "slug": company.slug},
        user_id=principal.user_id,
    )
    return _view(company, notice=notice)


def update_company(
    db: Session,
    who: Principal | None,
    company_id: uuid.UUID,
    form: CompanyForm,
    *,
    now: datetime | None = None,
) -> CompanyView:
    """Replace every editable field; a rename refreshes the search keywords of the company's jobs."""
    member = require_team(db, who, company_id, TeamAction.EDIT_COMPANY)
    company = _company(db, company_id)
    values = _clean(db, form, company.id, now or datetime.now(UTC))
    notice = _place(values)
    changed = tuple(key for key, value in values.items() if getattr(company, key) != value)
    renamed = "name" in changed
    for key in changed:
        setattr(company, key, values[key])
    _flush(db, company)
    if renamed:
        refresh_company_jobs(db, company.id)
    if changed:
        emit(
            db,
            SCHEMA,
            AGGREGATE,
            company.id,
            COMPANY_UPDATED,
            {"company_id": str(company.id), "changed": list(changed)},
            user_id=member.user_id,
        )
    return _view(company, notice=notice, changed=changed)


def _image_kind(kind: str) -> ImageKind:
    try:
        return ImageKind(kind)
    except ValueError as exc:
        raise Invalid("image", "Choose the logo or the cover image.") from exc


def _change_image(
    db: Session, company: Company, kind: ImageKind, url: str | None, user_id: uuid.UUID
) -> None:
    column = COLUMNS[kind]
    old = getattr(company, column)
    setattr(company, column, url)
    db.add(company)
    db.flush()
    settle_files(db, drop_on_commit=old, drop_on_rollback=url)
    emit(
        db,
        SCHEMA,
        AGGREGATE,
        company.id,
        COMPANY_UPDATED,
        {"company_id": str(company.id), "changed": [column]},
        user_id=user_id,
    )


def set_company_image(
    db: Session, who: Principal | None, company_id: uuid.UUID, kind: str, data: bytes
) -> CompanyView:
    """Store ``data`` as the company's logo or cover (checked by its bytes); the old file goes on commit."""
    image = _image_kind(kind)
    member = require_team(db, who, company_id, TeamAction.EDIT_COMPANY)
    company = _company(db, company_id)
    stored = storage.save(data, storage.FileKind.IMAGE, area=AREAS[image], public=True, field=image.value)
    _change_image(db, company, image, stored.url, member.user_id)
    return _view(company, changed=(COLUMNS[image],))


def remove_company_image(db: Session, who: Principal | None, company_id: uuid.UUID, kind: str) -> CompanyView:
    """Take the logo or cover off the page; its file is deleted once that commits."""
    image = _image_kind(kind)
    member = require_team(db, who, company_id, TeamAction.EDIT_COMPANY)
    company = _company(db, company_id)
    if getattr(company, COLUMNS[image]) is None:
        return _view(company)
    _change_image(db, company, image, None, member.user_id)
    return _view(company, changed=(COLUMNS[image],))
