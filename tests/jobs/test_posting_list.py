"""The employer's list of postings, and what the editor reads: choices, pay line and live preview."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlmodel import Session

from jobhub.jobs import posting_editor
from jobhub.jobs.models import JobStatus
from jobhub.jobs.posting_form import F
from jobhub.jobs.posting_list import PostingFilters, PostingPage, days_open, list_company_postings
from jobhub.profiles import service as profiles
from tests.factories import Team, add, make_category, make_skill
from tests.jobs.posting_support import NOW, draft, posting, publishable_form


def _page(db: Session, team: Team, **filters: Any) -> PostingPage:
    return list_company_postings(db, team.owner, team.company.id, PostingFilters(**filters), now=NOW)


def test_each_row_says_status_views_applicants_and_days_open(db: Session, team: Team) -> None:
    job = posting(db, team, JobStatus.PUBLISHED, view_count=120, application_count=7)

    (row,) = _page(db, team).rows

    assert (row.id, row.status, row.status_label) == (str(job.id), "published", "Published")
    assert (row.views, row.applicants, row.days_open, row.days_open_label) == (120, 7, 5, "5 days open")
    assert row.public_path == f"/jobs/{job.slug}" and row.can_close


def test_days_open_end_when_a_job_closes_and_a_draft_has_none(db: Session, team: Team) -> None:
    closed = posting(
        db, team, JobStatus.CLOSED, published_at=NOW - timedelta(days=10), closed_at=NOW - timedelta(days=4)
    )
    never = posting(db, team, JobStatus.DRAFT)

    assert days_open(closed, closed.status, NOW) == 6
    assert days_open(never, never.status, NOW) is None


def test_a_published_job_past_its_expiry_already_shows_as_expired(db: Session, team: Team) -> None:
    posting(db, team, JobStatus.PUBLISHED, expires_at=NOW - timedelta(hours=1))

    page = _page(db, team, status="expired")

    assert [row.status for row in page.rows] == ["expired"]
    assert page.status_counts["expired"] == 1 and page.status_counts["published"] == 0


def test_filters_by_status_and_text_and_counts_each_status(db: Session, team: Team) -> None:
    posting(db, team, JobStatus.PUBLISHED, title="Data Engineer")
    posting(db, team, JobStatus.PUBLISHED, title="Nurse", location="Lyon")
    posting(db, team, JobStatus.DRAFT, title="Data Analyst")
    posting(db, team, JobStatus.DRAFT, title="Deleted", deleted_at=NOW)

    assert {row.title for row in _page(db, team, status="published").rows} == {"Data Engineer", "Nurse"}
    assert {row.title for row in _page(db, team, text="data").rows} == {"Data Engineer", "Data Analyst"}
    assert [row.title for row in _page(db, team, text="lyon").rows] == ["Nurse"]
    assert _page(db, team, text="100%").rows == []
    counts = _page(db, team).status_counts
    assert (counts["all"], counts["published"], counts["draft"], counts["closed"]) == (3, 2, 1, 0)


def test_sorting_and_paging(db: Session, team: Team) -> None:
    for n in range(5):
        posting(db, team, JobStatus.PUBLISHED, title=f"Job {n}", application_count=n)

    first = _page(db, team, sort="applicants", page_size=2)
    last = _page(db, team, sort="applicants", page_size=2, page=9)

    assert [row.applicants for row in first.rows] == [4, 3]
    assert (first.total, first.pages, last.page, [row.applicants for row in last.rows]) == (5, 3, 3, [0])
    assert _page(db, team, sort="title").rows[0].title == "Job 0"
    assert _page(db, team, sort="nonsense", status="nonsense").total == 5


# the editor's reads


def test_the_editor_opens_a_posting_with_its_form_and_skill_names(db: Session, team: Team) -> None:
    skill = make_skill()
    add(db, skill)
    job = draft(db, team, required_skills=[str(skill.id)])

    editor = posting_editor.posting_for_edit(db, team.recruiter, job.id, now=NOW)

    assert editor.form[F.TITLE] == "Senior Backend Engineer"
    assert [chip.name for chip in editor.required_skills] == [skill.name]
    assert editor.posting.actions == ("publish",)


def test_categories_are_offered_under_their_parent(db: Session) -> None:
    parent = make_category(name="Zeta Parent")
    add(db, parent)
    add(db, make_category(name="Zeta Child", parent_id=parent.id))

    labels = [choice.label for choice in posting_editor.category_choices(db)]

    assert "Zeta Parent \u203a Zeta Child" in labels and "Zeta Parent" in labels


def test_the_skill_picker_offers_names_that_start_with_the_text_first(db: Session, team: Team) -> None:
    add(db, make_skill(name="Zorblang"), make_skill(name="Old Zorblang"), make_skill(name="Zorblang Pro"))

    names = [chip.name for chip in posting_editor.skill_choices(db, team.recruiter, "zorbl")]

    assert names == ["Zorblang", "Zorblang Pro", "Old Zorblang"]
    assert profiles.search_skills(db, "   ") == []
    assert posting_editor.skill_choices(db, team.recruiter, "%") == []


@pytest.mark.parametrize(
    ("form", "stated", "yearly"),
    [
        (
            {F.SALARY_MIN: "50", F.SALARY_MAX: "60", F.PERIOD: "hourly"},
            "$50 \u2013 $60 an hour",
            "About $104,000 \u2013 $124,800 a year",
        ),
        (
            {F.SALARY_MIN: "90000", F.SALARY_MAX: "", F.PERIOD: "yearly", F.CURRENCY: "EUR"},
            "From \u20ac90,000 a year",
            "",
        ),
        ({F.SALARY_MIN: "x"}, "", ""),
    ],
    ids=["hourly", "yearly", "unreadable"],
)
def test_the_pay_line_shows_the_yearly_figure_live(form: dict[str, str], stated: str, yearly: str) -> None:
    preview = posting_editor.pay_preview(form)

    assert (preview.stated, preview.yearly) == (stated, yearly)


def test_the_preview_is_the_job_page_of_what_is_typed_and_stores_nothing(db: Session, team: Team) -> None:
    skill = make_skill()
    add(db, skill)
    form = publishable_form(benefits="**Four-day week** <script>x</script>", required_skills=[str(skill.id)])

    page = posting_editor.preview_posting(db, team.recruiter, team.company.id, form, now=NOW)

    assert page.title == "Senior Backend Engineer"
    assert page.company is not None and page.company.name == team.company.name
    assert page.salary == "\u20ac85,000 \u2013 \u20ac105,000 a year"
    assert "<strong>Four-day week</strong>" in page.benefits_html and "<script>" not in page.benefits_html
    assert page.required_skills == (skill.name,)
    assert (page.posted, page.notice, page.similar) == ("Posted today", "", ())
    assert _page(db, team).total == 0


def test_the_preview_of_a_stored_job_uses_its_company_whatever_the_browser_says(
    db: Session, team: Team, other_team: Team
) -> None:
    job = draft(db, team)

    page = posting_editor.preview_posting(
        db, team.recruiter, other_team.company.id, publishable_form(), job.id
    )

    assert page.company is not None and page.company.name == team.company.name
