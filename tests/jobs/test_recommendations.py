"""Recommendations: ranking on a fixed corpus, the reasons shown, honesty about hidden pay, who gets them.

Each test makes its own skills (names with a unique suffix), so only its own jobs can share a
skill with its seeker, whatever else the database holds.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlmodel import Session

from jobhub.auth.models import User
from jobhub.auth.principal import Principal
from jobhub.demo import DemoSize, load_demo_into
from jobhub.demo.people import SEEKER_EMAIL
from jobhub.jobs.models import Job, JobStatus
from jobhub.jobs.recommendations import (
    ADD_SKILLS,
    NO_MATCHES,
    Recommendation,
    candidate_query,
    recommend_jobs,
    recommended_jobs,
)
from jobhub.jobs.salary import to_yearly
from jobhub.profiles.models import Skill
from tests.factories import (
    add,
    make_application,
    make_experience,
    make_job,
    make_profile,
    make_saved_job,
    make_skill,
    make_user,
    make_user_skill,
    tag,
)

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
BERLIN = (52.52437, 13.41053)
POTSDAM = (52.39886, 13.06566)
MUNICH = (48.13743, 11.57549)


@pytest.fixture
def skills(db: Session) -> dict[str, Skill]:
    suffix = tag()[:4]
    made = {name: make_skill(name=f"{name} {suffix}") for name in ("Python", "SQL", "Docker", "Go", "Rust")}
    add(db, *made.values())
    return made


def _seeker(
    db: Session,
    held: Sequence[tuple[Skill, str]],
    *,
    remote: str | None = "remote_only",
    salary: str | None = "90k-120k USD",
    title: str = "Backend Engineer",
    city: str | None = "Berlin",
) -> Principal:
    user = make_user(location=city)
    add(db, user)
    add(db, make_profile(user_id=user.id, remote_preference=remote, desired_salary_range=salary))
    add(db, make_experience(user_id=user.id, job_title=title, is_current=True, location="Hamburg"))
    add(
        db,
        *(make_user_skill(skill, user_id=user.id, proficiency_level=level) for skill, level in held),
    )
    return Principal(user_id=user.id, user_type="job_seeker")


def _job(
    db: Session,
    title: str,
    required: Sequence[Skill],
    preferred: Sequence[Skill] = (),
    *,
    pay: tuple[int, int] | None = None,
    days_old: float = 1,
    **overrides: object,
) -> Job:
    values: dict[str, object] = {
        "title": title,
        "status": JobStatus.PUBLISHED,
        "published_at": NOW - timedelta(days=days_old),
        "expires_at": NOW + timedelta(days=30),
        "required_skills": [s.id for s in required],
        "preferred_skills": [s.id for s in preferred],
        "remote_policy": "remote_only",
        "is_remote": True,
    }
    if pay:
        values |= {
            "salary_min": pay[0],
            "salary_max": pay[1],
            "salary_period": "yearly",
            "salary_min_yearly": to_yearly(pay[0], "yearly"),
            "salary_max_yearly": to_yearly(pay[1], "yearly"),
        }
    job = make_job(**(values | overrides))
    add(db, job)
    return job


def _titles(found: list[Recommendation]) -> list[str]:
    return [r.title for r in found]


def _by_title(found: list[Recommendation]) -> dict[str, Recommendation]:
    return {r.title: r for r in found}


def test_jobs_rank_by_skills_then_remote_pay_and_role(db: Session, skills: dict[str, Skill]) -> None:
    py, sql, go, rust = skills["Python"], skills["SQL"], skills["Go"], skills["Rust"]
    seeker = _seeker(db, [(py, "expert"), (sql, "advanced")])
    _job(db, "Preferred only", [go], [py, sql], remote_policy="onsite", is_remote=False, location="Munich")
    _job(db, "One of three required", [py, go, rust])
    _job(db, "Data Engineer, low pay", [py, sql], pay=(50_000, 60_000))
    _job(db, "Senior Backend Engineer", [py, sql], pay=(100_000, 130_000))
    _job(db, "No shared skill", [go, rust], pay=(200_000, 250_000))

    found = recommend_jobs(db, seeker, now=NOW)

    assert _titles(found) == [
        "Senior Backend Engineer",
        "Data Engineer, low pay",
        "One of three required",
        "Preferred only",
    ]
    assert [r.score for r in found] == sorted((r.score for r in found), reverse=True)


def test_a_required_skill_outweighs_two_preferred_ones(db: Session, skills: dict[str, Skill]) -> None:
    py, sql, docker, go = skills["Python"], skills["SQL"], skills["Docker"], skills["Go"]
    seeker = _seeker(
        db, [(py, "advanced"), (sql, "advanced"), (docker, "advanced")], remote=None, salary=None
    )
    _job(db, "Two preferred", [go], [sql, docker], days_old=0)
    _job(db, "One required", [py, go], days_old=3)

    assert _titles(recommend_jobs(db, seeker, now=NOW)) == ["One required", "Two preferred"]


def test_a_beginner_skill_counts_less_than_an_expert_one(db: Session, skills: dict[str, Skill]) -> None:
    py, go = skills["Python"], skills["Go"]
    seeker = _seeker(db, [(py, "beginner"), (go, "expert")], remote=None, salary=None)
    _job(db, "Needs Python", [py], days_old=0)
    _job(db, "Needs Go", [go], days_old=2)

    assert _titles(recommend_jobs(db, seeker, now=NOW)) == ["Needs Go", "Needs Python"]


def test_the_reason_names_the_skills_then_the_two_weightiest_wishes_met(
    db: Session, skills: dict[str, Skill]
) -> None:
    py, sql = skills["Python"], skills["SQL"]
    seeker = _seeker(db, [(py, "expert"), (sql, "advanced")])
    _job(db, "Senior Backend Engineer", [py, sql], pay=(100_000, 130_000))

    (found,) = recommend_jobs(db, seeker, now=NOW)

    assert found.reason == (
        f"Matches 2 of your skills: {py.name}, {sql.name} · Remote, as you prefer · "
        "Pays at least your desired $90,000 a year"
    )
    assert found.salary == "$100,000 \u2013 $130,000 a year"
    assert found.skills == [py.name, sql.name]


def test_a_title_with_the_seekers_current_role_says_so(db: Session, skills: dict[str, Skill]) -> None:
    py = skills["Python"]
    seeker = _seeker(db, [(py, "advanced")], remote=None, salary=None)
    _job(db, "Senior Backend Engineer", [py])

    (found,) = recommend_jobs(db, seeker, now=NOW)

    assert found.reason == f"Matches your skill {py.name} · Fits your current role, Backend Engineer"


def test_a_long_skill_list_is_shortened_and_one_skill_reads_singular(
    db: Session, skills: dict[str, Skill]
) -> None:
    py, sql, docker, go, rust = skills.values()
    seeker = _seeker(db, [(skill, "advanced") for skill in skills.values()], remote=None, salary=None)
    _job(db, "Everything", [py, sql, docker], [go, rust])
    _job(db, "Just Rust", [rust], days_old=5)

    found = _by_title(recommend_jobs(db, seeker, now=NOW))

    assert (
        found["Everything"].reason
        == f"Matches 5 of your skills: {py.name}, {sql.name}, {docker.name} and 2 more"
    )
    assert found["Just Rust"].reason == f"Matches your skill {rust.name}"


def test_a_range_that_only_reaches_the_desired_pay_says_so(db: Session, skills: dict[str, Skill]) -> None:
    seeker = _seeker(db, [(skills["Python"], "advanced")], remote=None)
    _job(db, "Reaches", [skills["Python"]], pay=(80_000, 95_000))

    (found,) = recommend_jobs(db, seeker, now=NOW)

    assert "Pay range reaches your desired $90,000 a year" in found.reason


def test_hidden_pay_is_never_claimed_to_meet_the_desired_salary(
    db: Session, skills: dict[str, Skill]
) -> None:
    py = skills["Python"]
    seeker = _seeker(db, [(py, "advanced")])
    _job(db, "Hidden generous pay", [py], pay=(300_000, 400_000), show_salary=False)
    _job(db, "No pay stated", [py])
    _job(db, "Pays in euros", [py], pay=(300_000, 400_000), salary_currency="EUR")

    found = _by_title(recommend_jobs(db, seeker, now=NOW))

    assert all("desired" not in r.reason for r in found.values())
    assert found["Hidden generous pay"].salary == ""
    assert found["Hidden generous pay"].score == found["No pay stated"].score == found["Pays in euros"].score


def test_an_office_near_the_seekers_city_counts_and_says_how_far(
    db: Session, skills: dict[str, Skill]
) -> None:
    py = skills["Python"]
    seeker = _seeker(db, [(py, "advanced")], remote="hybrid", salary=None)
    office = {"remote_policy": "onsite", "is_remote": False}
    _job(db, "Potsdam office", [py], location="Potsdam", latitude=POTSDAM[0], longitude=POTSDAM[1], **office)
    _job(db, "Munich office", [py], location="Munich", latitude=MUNICH[0], longitude=MUNICH[1], **office)
    _job(db, "Berlin, no coordinates", [py], location="Berlin, Germany", days_old=2, **office)

    found = recommend_jobs(db, seeker, now=NOW)

    assert _titles(found)[-1] == "Munich office"
    reasons = {r.title: r.reason for r in found}
    assert reasons["Potsdam office"].endswith("Near you: 27 km from Berlin")
    assert reasons["Berlin, no coordinates"].endswith("In Berlin, where you are")
    assert "Berlin" not in reasons["Munich office"]


def test_without_an_account_location_the_current_positions_city_is_used(
    db: Session, skills: dict[str, Skill]
) -> None:
    py = skills["Python"]
    seeker = _seeker(db, [(py, "advanced")], remote=None, salary=None, city=None)
    _job(db, "Hamburg office", [py], location="Hamburg", remote_policy="onsite", is_remote=False)

    (found,) = recommend_jobs(db, seeker, now=NOW)

    assert found.reason.endswith("In Hamburg, where you are")


def test_only_open_jobs_are_recommended(db: Session, skills: dict[str, Skill]) -> None:
    py = skills["Python"]
    seeker = _seeker(db, [(py, "advanced")])
    _job(db, "Open", [py])
    _job(db, "Closed", [py], status=JobStatus.CLOSED)
    _job(db, "Draft", [py], status=JobStatus.DRAFT, published_at=None)
    _job(db, "Paused", [py], status=JobStatus.PAUSED)
    _job(db, "Expired", [py], expires_at=NOW - timedelta(minutes=1))
    _job(db, "Deleted", [py], deleted_at=NOW - timedelta(hours=1))

    assert _titles(recommend_jobs(db, seeker, now=NOW)) == ["Open"]


def test_applied_jobs_are_left_out_and_saved_ones_kept_and_marked(
    db: Session, skills: dict[str, Skill]
) -> None:
    py = skills["Python"]
    seeker = _seeker(db, [(py, "advanced")])
    applied = _job(db, "Applied", [py])
    saved = _job(db, "Saved", [py])
    _job(db, "Neither", [py])
    add(db, make_application(applied, applicant_id=seeker.user_id))
    add(db, make_application(saved, applicant_id=uuid.uuid4()))
    add(db, make_saved_job(saved, user_id=seeker.user_id))

    found = _by_title(recommend_jobs(db, seeker, now=NOW))

    assert set(found) == {"Saved", "Neither"}
    assert found["Saved"].saved is True
    assert found["Neither"].saved is False


def test_the_limit_keeps_the_best(db: Session, skills: dict[str, Skill]) -> None:
    py = skills["Python"]
    seeker = _seeker(db, [(py, "advanced")])
    for days in range(5):
        _job(db, f"Posted {days} days ago", [py], days_old=days)

    assert _titles(recommend_jobs(db, seeker, limit=2, now=NOW)) == ["Posted 0 days ago", "Posted 1 days ago"]


@pytest.mark.parametrize("user_type", ["employer", "admin"])
def test_anyone_but_a_seeker_gets_nothing(db: Session, skills: dict[str, Skill], user_type: str) -> None:
    user = make_user(user_type=user_type)
    add(db, user, make_user_skill(skills["Python"], user_id=user.id))
    _job(db, "Open", [skills["Python"]])

    found = recommended_jobs(db, Principal(user_id=user.id, user_type=user_type), now=NOW)

    assert found.jobs == []
    assert found.hint == ""


def test_an_anonymous_visitor_gets_nothing(db: Session) -> None:
    assert recommend_jobs(db, None, now=NOW) == []


def test_a_seeker_without_skills_gets_nothing_and_is_told_to_add_some(
    db: Session, skills: dict[str, Skill]
) -> None:
    seeker = _seeker(db, [])
    _job(db, "Open", [skills["Python"]])

    found = recommended_jobs(db, seeker, now=NOW)

    assert found.jobs == []
    assert found.hint == ADD_SKILLS


def test_a_seeker_whose_skills_no_job_asks_for_is_told_so(db: Session, skills: dict[str, Skill]) -> None:
    seeker = _seeker(db, [(skills["Rust"], "expert")])
    _job(db, "Python only", [skills["Python"]])

    found = recommended_jobs(db, seeker, now=NOW)

    assert found.jobs == []
    assert found.hint == NO_MATCHES


def test_the_demo_seeker_is_recommended_jobs_with_reasons(db: Session) -> None:
    load_demo_into(db, DemoSize())
    seeker = db.execute(select(User).where(User.email == SEEKER_EMAIL)).scalar_one()

    found = recommend_jobs(db, Principal(user_id=seeker.id, user_type=seeker.user_type))

    assert found
    assert all(r.reason.startswith("Matches ") for r in found)


def test_candidates_come_from_the_skills_index(db: Session, skills: dict[str, Skill]) -> None:
    """With thousands of open jobs and only bitmap scans allowed, the GIN index on JOB_SKILLS serves it.

    On a near-empty table any index would do, so other jobs (with another skill) make the
    planner choose; the index is only usable when the query spells the expression as it does.
    """
    connection = db.connection()
    connection.exec_driver_sql(
        "INSERT INTO jobs.jobs (employer_id, title, slug, description, employment_type, status, "
        "published_at, required_skills) SELECT gen_random_uuid(), 'Filler', 'filler-' || g || %(tag)s, "
        "'A role.', 'full_time', 'published', %(now)s, ARRAY[%(other)s::uuid] "
        "FROM generate_series(1, 5000) g",
        {"tag": tag(), "now": NOW, "other": skills["Go"].id},
    )
    connection.exec_driver_sql("ANALYZE jobs.jobs")
    query = candidate_query(uuid.uuid4(), [skills["Python"].id], NOW)
    compiled = query.compile(dialect=db.get_bind().dialect)
    connection.exec_driver_sql("SET LOCAL enable_seqscan = off")
    connection.exec_driver_sql("SET LOCAL enable_indexscan = off")

    plan = "\n".join(row[0] for row in connection.exec_driver_sql(f"EXPLAIN {compiled}", compiled.params))

    assert "Bitmap Index Scan on idx_jobs_skills_any" in plan
