"""The job page's view model: who may see which job, and what the page says about it."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlmodel import Session

from jobhub.auth.principal import Principal
from jobhub.jobs.job_detail import PAY_NOT_STATED, job_page
from jobhub.jobs.models import Job, JobStatus
from jobhub.platform.errors import NotFound
from jobhub.profiles.models import Skill
from tests.factories import (
    add,
    make_category,
    make_company,
    make_review,
    make_skill,
    make_user_skill,
)
from tests.jobs.support import published_job

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
SEEKER = Principal(user_id=uuid.uuid4(), user_type="job_seeker")
ADMIN = Principal(user_id=uuid.uuid4(), user_type="admin", roles=frozenset({"admin"}))


def published(db: Session, **values: Any) -> Job:
    return published_job(db, NOW, **({"published_at": NOW - timedelta(days=2)} | values))


def skills(db: Session, *names: str) -> list[Skill]:
    rows = [make_skill(name=f"{name} {uuid.uuid4().hex[:6]}") for name in names]
    add(db, *rows)
    return rows


def test_an_open_job_shows_its_title_company_labels_and_pay(db: Session) -> None:
    company = make_company(name="Acme", industry="Software", company_size="51-200", is_verified=True)
    add(db, company, make_review(company, overall_rating=5, status="approved"))
    add(db, make_review(company, overall_rating=2, status="approved"), make_review(company, overall_rating=1))
    job = published(
        db,
        company_id=company.id,
        location="Berlin, Germany",
        remote_policy="hybrid",
        experience_level="senior",
        salary_min=90_000,
        salary_max=120_000,
        salary_currency="EUR",
        salary_period="yearly",
    )

    page = job_page(db, job.slug, None, NOW)

    assert (page.title, page.location, page.remote, page.employment, page.level) == (
        "Backend Engineer",
        "Berlin, Germany",
        "Hybrid",
        "Full time",
        "Senior",
    )
    assert page.salary == "€90,000 \u2013 €120,000 a year"
    assert (page.salary_yearly, page.salary_yearly_min, page.salary_yearly_max) == ("", 90_000, 120_000)
    assert page.posted == "Posted 2 days ago"
    assert page.company is not None
    assert (page.company.name, page.company.industry, page.company.size, page.company.verified) == (
        "Acme",
        "Software",
        "51-200",
        True,
    )
    assert (page.company.rating, page.company.review_count) == (3.5, 2)
    assert page.notice == ""


def test_hourly_pay_also_shows_its_yearly_figure(db: Session) -> None:
    job = published(db, salary_min=50, salary_max=60, salary_currency="USD", salary_period="hourly")

    page = job_page(db, job.slug, None, NOW)

    assert page.salary == "$50 \u2013 $60 an hour"
    assert page.salary_yearly == "About $104,000 \u2013 $124,800 a year"
    assert (page.salary_yearly_min, page.salary_yearly_max) == (104_000, 124_800)


def test_hidden_pay_says_pay_not_stated_and_gives_no_figure(db: Session) -> None:
    job = published(db, salary_min=50_000, salary_max=60_000, salary_period="yearly", show_salary=False)

    page = job_page(db, job.slug, None, NOW)

    assert (page.salary, page.salary_yearly, page.salary_yearly_min) == (PAY_NOT_STATED, "", None)
    assert "baseSalary" not in json.loads(page.json_ld)


@pytest.mark.parametrize(
    "values",
    [
        {"status": JobStatus.DRAFT, "published_at": None},
        {"status": JobStatus.CLOSED},
        {"status": JobStatus.PAUSED},
        {"status": JobStatus.REMOVED},
        {"status": JobStatus.EXPIRED},
        {"expires_at": NOW - timedelta(minutes=1)},
        {"deleted_at": NOW - timedelta(days=1)},
    ],
    ids=["draft", "closed", "paused", "removed", "expired-status", "past-expiry", "deleted"],
)
def test_a_job_that_is_not_open_is_not_found_except_by_an_admin(db: Session, values: dict[str, Any]) -> None:
    job = published(db, **values)

    for viewer in (None, SEEKER, Principal(user_id=uuid.uuid4(), user_type="admin")):
        with pytest.raises(NotFound, match="no longer open"):
            job_page(db, job.slug, viewer, NOW)
    page = job_page(db, job.slug, ADMIN, NOW)
    assert page.notice.endswith("only administrators can see this page.")


def test_an_unknown_slug_is_not_found(db: Session) -> None:
    with pytest.raises(NotFound):
        job_page(db, "no-such-job", None, NOW)


def test_rich_text_is_rendered_and_sanitized(db: Session) -> None:
    job = published(
        db,
        description="We **ship**.\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1))",
        requirements="- Python\n- SQL",
        benefits=None,
    )

    page = job_page(db, job.slug, None, NOW)

    assert "<strong>ship</strong>" in page.description_html
    assert "&lt;script&gt;" in page.description_html and "<script" not in page.description_html
    assert "href" not in page.description_html
    assert page.requirements_html == "<ul>\n<li>Python</li>\n<li>SQL</li>\n</ul>"
    assert page.benefits_html == ""


def test_a_seeker_sees_how_many_required_skills_they_have_and_which_are_missing(db: Session) -> None:
    python, sql, go, rust = skills(db, "Python", "SQL", "Go", "Rust")
    add(db, make_user_skill(python, user_id=SEEKER.user_id), make_user_skill(rust, user_id=SEEKER.user_id))
    job = published(db, required_skills=[python.id, sql.id, go.id], preferred_skills=[rust.id])

    page = job_page(db, job.slug, SEEKER, NOW)

    assert page.required_skills == (python.name, sql.name, go.name)
    assert page.preferred_skills == (rust.name,)
    assert page.match is not None
    assert page.match.summary == "You have 1 of 3 required skills"
    assert page.match.missing == (sql.name, go.name)


def test_visitors_and_employers_get_no_skill_match(db: Session) -> None:
    (python,) = skills(db, "Python")
    job = published(db, required_skills=[python.id])
    employer = Principal(user_id=uuid.uuid4(), user_type="employer")

    assert job_page(db, job.slug, None, NOW).match is None
    assert job_page(db, job.slug, employer, NOW).match is None


def test_similar_jobs_rank_shared_skills_first_then_freshness_and_skip_closed_ones(db: Session) -> None:
    category = make_category()
    add(db, category)
    a, b, c = skills(db, "A", "B", "C")
    job = published(db, category_id=category.id, required_skills=[a.id, b.id], preferred_skills=[c.id])
    two = published(
        db, title="Two shared", required_skills=[a.id, c.id], published_at=NOW - timedelta(days=9)
    )
    one = published(db, title="One shared", preferred_skills=[b.id], published_at=NOW - timedelta(days=5))
    newest = published(
        db, title="Same category", category_id=category.id, published_at=NOW - timedelta(days=1)
    )
    older = published(
        db, title="Older category", category_id=category.id, published_at=NOW - timedelta(days=3)
    )
    published(db, title="Closed", required_skills=[a.id, b.id, c.id], status=JobStatus.CLOSED)
    published(db, title="Unrelated")

    page = job_page(db, job.slug, None, NOW)

    assert [similar.title for similar in page.similar] == [two.title, one.title, newest.title, older.title]
    assert page.similar[0].salary == PAY_NOT_STATED


def test_similar_jobs_stop_at_five(db: Session) -> None:
    category = make_category()
    add(db, category)
    job = published(db, category_id=category.id)
    for day in range(7):
        published(db, category_id=category.id, published_at=NOW - timedelta(days=day + 1))

    assert len(job_page(db, job.slug, None, NOW).similar) == 5


def test_the_apply_link_is_the_external_url_and_never_a_script(db: Session) -> None:
    external = published(db, external_application_url="https://careers.example.test/apply/1")
    none = published(db)
    script = published(db, external_application_url="javascript:alert(1)")

    assert job_page(db, external.slug, None, NOW).apply_url == "https://careers.example.test/apply/1"
    assert job_page(db, none.slug, None, NOW).apply_url == ""
    assert job_page(db, script.slug, None, NOW).apply_url == ""


def test_seo_text_comes_from_the_posting_or_is_derived(db: Session) -> None:
    company = make_company(name="Acme")
    add(db, company)
    own = published(db, seo_title="Custom title", seo_description="Custom description")
    derived = published(db, company_id=company.id, location="Berlin", description="Long text. " * 40)

    own_page, derived_page = job_page(db, own.slug, None, NOW), job_page(db, derived.slug, None, NOW)

    assert (own_page.seo_title, own_page.seo_description) == ("Custom title", "Custom description")
    assert derived_page.seo_title == "Backend Engineer at Acme"
    assert derived_page.seo_description.startswith("Backend Engineer at Acme in Berlin. Pay not stated. Long")
    assert len(derived_page.seo_description) <= 160
    assert derived_page.share_url.endswith(f"/jobs/{derived.slug}")
