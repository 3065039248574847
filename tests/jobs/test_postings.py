"""Writing postings: drafts, edits, copies, deleting drafts, and search seeing each change at once."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlmodel import Session

from jobhub.jobs import posting_lifecycle as lifecycle
from jobhub.jobs import postings
from jobhub.jobs.models import Job, JobStatus, OutboxEvent
from jobhub.jobs.posting_form import F, PostingInvalid
from jobhub.jobs.posting_rules import day_end
from jobhub.jobs.search import search
from jobhub.jobs.search_params import SearchParams
from jobhub.platform.errors import Conflict
from jobhub.platform.event_types import JOB_CREATED, JOB_DELETED, JOB_UPDATED
from tests.factories import Team, add, make_category, make_skill
from tests.jobs.posting_support import NOW, draft, posting, publishable_form


def _event_types(db: Session, job: Job) -> list[str]:
    return list(
        db.scalars(
            select(OutboxEvent.event_type)
            .where(OutboxEvent.aggregate_id == job.id)
            .order_by(OutboxEvent.created_at)
        )
    )


def _found(db: Session, words: str) -> set[str]:
    return {hit.id for hit in search(db, SearchParams(q=words), now=NOW, page_size=50).hits}


# drafts


def test_a_draft_belongs_to_the_members_company_and_its_poster(db: Session, team: Team) -> None:
    job = draft(db, team)

    assert (job.company_id, job.employer_id, job.status) == (team.company.id, team.recruiter.user_id, "draft")
    assert job.slug.startswith("senior-backend-engineer-")
    assert (job.salary_min, job.salary_max, job.salary_period) == (85_000, 105_000, "yearly")
    assert job.salary_min_yearly == 85_000
    assert job.published_at is None and job.expires_at is None
    assert _event_types(db, job) == [JOB_CREATED]


def test_a_draft_gets_the_coordinates_of_its_place(db: Session, team: Team) -> None:
    job = draft(db, team, location="Austin, TX")

    assert job.latitude == pytest.approx(30.27, abs=0.1)
    assert job.longitude == pytest.approx(-97.74, abs=0.1)


def test_slugs_stay_unique_when_titles_repeat(db: Session, team: Team) -> None:
    first, second = draft(db, team), draft(db, team)

    assert first.slug != second.slug


def test_every_field_the_employer_sets_is_stored(db: Session, team: Team) -> None:
    category = make_category()
    python, sql = (
        make_skill(name=f"Python {uuid.uuid4().hex[:6]}"),
        make_skill(name=f"SQL {uuid.uuid4().hex[:6]}"),
    )
    add(db, category, python, sql)
    deadline = (NOW + timedelta(days=20)).date()
    job = draft(
        db,
        team,
        category_id=str(category.id),
        experience_level="senior",
        remote_policy="remote_only",
        salary_period="monthly",
        show_salary=False,
        required_skills=[str(python.id)],
        preferred_skills=[str(sql.id), str(python.id)],
        requirements="- Five years of Python",
        responsibilities="Own the API",
        benefits="**Four-day week**",
        screening_questions=[
            {"question": "Do you need a visa?", "type": "yes_no", "required": True},
            {"question": "Which time zone?", "type": "choice", "choices": "Europe\nAmericas"},
        ],
        application_deadline=deadline.isoformat(),
        expires_on=(NOW + timedelta(days=40)).date().isoformat(),
        external_application_url="https://jobs.example.com/42",
    )

    assert job.category_id == category.id
    assert (job.experience_level, job.remote_policy, job.is_remote) == ("senior", "remote_only", True)
    assert job.salary_max_yearly == 105_000 * 12
    assert job.show_salary is False
    assert (job.required_skills, job.preferred_skills) == ([python.id], [sql.id])
    assert job.search_keywords is not None and python.name in job.search_keywords
    assert (job.requirements, job.responsibilities, job.benefits) == (
        "- Five years of Python",
        "Own the API",
        "**Four-day week**",
    )
    assert job.screening_questions == [
        {"question": "Do you need a visa?", "type": "yes_no", "choices": [], "required": True},
        {
            "question": "Which time zone?",
            "type": "choice",
            "choices": ["Europe", "Americas"],
            "required": False,
        },
    ]
    assert job.application_deadline == deadline
    assert job.expires_at == day_end((NOW + timedelta(days=40)).date())
    assert job.external_application_url == "https://jobs.example.com/42"


@pytest.mark.parametrize(
    ("field", "value"),
    [(F.CATEGORY, str(uuid.uuid4())), (F.REQUIRED_SKILLS, [str(uuid.uuid4())])],
    ids=["unknown-category", "unknown-skill"],
)
def test_unknown_categories_and_skills_are_refused(
    db: Session, team: Team, field: str, value: object
) -> None:
    with pytest.raises(PostingInvalid) as refused:
        postings.create_draft(
            db, team.recruiter, team.company.id, publishable_form(**{field: value}), now=NOW
        )

    assert field in refused.value.errors


def test_a_refused_draft_stores_nothing(db: Session, team: Team) -> None:
    before = db.scalar(select(Job.id).where(Job.company_id == team.company.id))

    with pytest.raises(PostingInvalid):
        postings.create_draft(db, team.recruiter, team.company.id, publishable_form(title="x"), now=NOW)

    assert before is None
    assert db.scalar(select(Job.id).where(Job.company_id == team.company.id)) is None


def test_a_draft_needs_no_pay_but_a_title(db: Session, team: Team) -> None:
    job = draft(db, team, salary_min="", salary_max="", salary_period="")

    assert job.salary_min is None
    with pytest.raises(PostingInvalid) as refused:
        postings.create_draft(db, team.recruiter, team.company.id, {F.TITLE: " "}, now=NOW)
    assert set(refused.value.errors) == {F.TITLE}


# edits


def test_an_edit_replaces_the_fields_and_emits_job_updated(db: Session, team: Team) -> None:
    job = draft(db, team)

    postings.update_posting(
        db, team.admin, job.id, publishable_form(title="Staff Backend Engineer", location="Paris"), now=NOW
    )

    assert job.title == "Staff Backend Engineer"
    assert job.location == "Paris"
    assert job.latitude == pytest.approx(48.85, abs=0.1)
    assert job.slug.startswith("staff-backend-engineer-")
    assert job.employer_id == team.recruiter.user_id
    assert _event_types(db, job) == [JOB_CREATED, JOB_UPDATED]


def test_a_published_job_keeps_its_slug_and_its_pay(db: Session, team: Team) -> None:
    job = posting(db, team, JobStatus.PUBLISHED)
    slug = job.slug

    postings.update_posting(db, team.recruiter, job.id, publishable_form(title="Principal Engineer"), now=NOW)
    assert job.slug == slug

    with pytest.raises(PostingInvalid) as refused:
        postings.update_posting(db, team.recruiter, job.id, publishable_form(salary_max=""), now=NOW)
    assert "pay transparency" in refused.value.errors[F.SALARY_MAX]
    assert job.salary_max == 105_000


def test_saving_the_shown_expiry_day_keeps_the_exact_expiry(db: Session, team: Team) -> None:
    job = posting(db, team, JobStatus.PUBLISHED)
    expires_at = job.expires_at
    assert expires_at is not None

    postings.update_posting(
        db, team.recruiter, job.id, publishable_form(expires_on=expires_at.date().isoformat()), now=NOW
    )

    assert job.expires_at == expires_at


def test_extending_the_expiry_allows_a_new_warning(db: Session, team: Team) -> None:
    job = posting(db, team, JobStatus.PUBLISHED, expiry_warned_at=NOW)
    later = (NOW + timedelta(days=60)).date()

    postings.update_posting(
        db, team.recruiter, job.id, publishable_form(expires_on=later.isoformat()), now=NOW
    )

    assert job.expires_at == day_end(later)
    assert job.expiry_warned_at is None


@pytest.mark.parametrize(
    "expires_on",
    [(NOW - timedelta(days=1)).date(), (NOW + timedelta(days=91)).date()],
    ids=["in-the-past", "beyond-90-days"],
)
def test_an_expiry_outside_the_window_is_refused(db: Session, team: Team, expires_on: object) -> None:
    job = posting(db, team, JobStatus.PUBLISHED)

    with pytest.raises(PostingInvalid) as refused:
        postings.update_posting(
            db, team.recruiter, job.id, publishable_form(expires_on=str(expires_on)), now=NOW
        )

    assert F.EXPIRES_ON in refused.value.errors


def test_a_removed_job_cannot_be_edited(db: Session, team: Team) -> None:
    job = posting(db, team, JobStatus.REMOVED)

    with pytest.raises(Conflict):
        postings.update_posting(db, team.recruiter, job.id, publishable_form(), now=NOW)


# copies and deletes


def test_a_copy_is_a_new_draft_with_the_same_content(db: Session, team: Team) -> None:
    source = posting(db, team, JobStatus.PUBLISHED, view_count=40, application_count=3)

    view = postings.copy_posting(db, team.owner, source.id, now=NOW)
    copy = db.get(Job, uuid.UUID(view.id))

    assert copy is not None and copy.id != source.id
    assert copy.title == f"Copy of {source.title}"
    assert (copy.status, copy.published_at, copy.expires_at) == ("draft", None, None)
    assert (copy.view_count, copy.application_count) == (0, 0)
    assert (copy.description, copy.salary_min, copy.company_id) == (
        source.description,
        source.salary_min,
        source.company_id,
    )
    assert copy.employer_id == team.owner.user_id
    assert copy.slug != source.slug


def test_deleting_a_draft_hides_it_and_emits_job_deleted(db: Session, team: Team) -> None:
    job = draft(db, team)

    postings.delete_draft(db, team.recruiter, job.id, now=NOW)

    assert job.deleted_at == NOW
    assert _event_types(db, job)[-1] == JOB_DELETED


@pytest.mark.parametrize("status", [s for s in JobStatus if s != JobStatus.DRAFT])
def test_only_drafts_can_be_deleted(db: Session, team: Team, status: JobStatus) -> None:
    job = posting(db, team, status)

    with pytest.raises(Conflict):
        postings.delete_draft(db, team.recruiter, job.id, now=NOW)
    assert job.deleted_at is None


# search sees every change at once


def test_a_published_job_is_found_at_once_and_leaves_search_when_paused_or_closed(
    db: Session, team: Team
) -> None:
    job = draft(db, team, title="Quantum Gardener")
    assert str(job.id) not in _found(db, "quantum gardener")

    lifecycle.publish(db, team.recruiter, job.id, now=NOW)
    assert str(job.id) in _found(db, "quantum gardener")

    lifecycle.pause(db, team.recruiter, job.id, now=NOW)
    assert str(job.id) not in _found(db, "quantum gardener")

    lifecycle.publish(db, team.recruiter, job.id, now=NOW)
    assert str(job.id) in _found(db, "quantum gardener")

    postings.update_posting(db, team.recruiter, job.id, publishable_form(title="Orbital Gardener"), now=NOW)
    assert str(job.id) in _found(db, "orbital gardener")
    assert str(job.id) not in _found(db, "quantum")

    lifecycle.close(db, team.recruiter, job.id, now=NOW)
    assert str(job.id) not in _found(db, "orbital gardener")

    lifecycle.reopen(db, team.recruiter, job.id, now=NOW)
    assert str(job.id) in _found(db, "orbital gardener")


def test_a_deleted_draft_and_a_copy_are_never_in_search(db: Session, team: Team) -> None:
    job = draft(db, team, title="Lighthouse Keeper")
    postings.delete_draft(db, team.recruiter, job.id, now=NOW)
    published = posting(db, team, JobStatus.PUBLISHED, title="Lighthouse Keeper")
    copy = postings.copy_posting(db, team.recruiter, published.id, now=NOW)

    assert _found(db, "lighthouse keeper") == {str(published.id)}
    assert copy.id not in _found(db, "lighthouse keeper")
