"""A seeker sees jobs needing their skills on the landing page, with the reason; saved ones are marked."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from playwright.sync_api import Page, expect

from jobhub.jobs.models import Job, SavedJob
from jobhub.platform.db import session_scope
from jobhub.profiles.models import Skill, UserProfile, UserSkill
from tests.e2e.journey_data import create_company, create_job, create_user, signed_in


def _skills(*names: str) -> list[Skill]:
    """Skills with a unique suffix: the taxonomy is not emptied between journeys."""
    suffix = uuid.uuid4().hex[:6]
    with session_scope() as db:
        skills = [Skill(name=f"{name} {suffix}") for name in names]
        db.add_all(skills)
        db.flush()
        return skills


def _require(job_id: uuid.UUID, skills: list[Skill]) -> None:
    with session_scope() as db:
        job = db.get(Job, job_id)
        assert job is not None
        job.required_skills = [skill.id for skill in skills]


def _give(user_id: uuid.UUID, skills: list[Skill]) -> None:
    with session_scope() as db:
        db.add(UserProfile(user_id=user_id, remote_preference="flexible"))
        db.add_all(
            UserSkill(user_id=user_id, skill_id=skill.id, proficiency_level="advanced") for skill in skills
        )


def test_a_seeker_sees_why_a_saved_job_is_recommended_and_one_without_skills_is_told_what_to_add(
    open_page: Callable[..., Page],
) -> None:
    employer = create_user("employer", "Erin")
    acme = create_company("Acme Robotics")
    python, sql, welding = _skills("Python", "SQL", "Welding")
    python_job = create_job("Python Developer", acme, employer)
    _require(python_job, [python, sql])
    _require(create_job("Welder", acme, employer), [welding])
    seeker = signed_in("job_seeker", "Sam")
    _give(seeker.user_id, [python, sql])
    with session_scope() as db:
        db.add(SavedJob(user_id=seeker.user_id, job_id=python_job))

    page = open_page("/", token=seeker.token)

    section = page.get_by_role("region", name="Recommended for you")
    recommended = section.get_by_test_id("recommended-job")
    expect(recommended).to_have_count(1)
    expect(recommended.get_by_role("link", name="Python Developer")).to_be_visible()
    expect(recommended.get_by_test_id("recommendation-reason")).to_have_text(
        f"Why: Matches 2 of your skills: {python.name}, {sql.name}"
    )
    expect(recommended.get_by_test_id("skill-match")).to_have_count(2)
    expect(section.get_by_text("Welder")).to_have_count(0)
    expect(recommended.get_by_role("button", name="Save job")).to_have_attribute("aria-pressed", "true")

    newcomer = signed_in("job_seeker", "Nia")
    fresh = open_page("/", token=newcomer.token)

    expect(fresh.get_by_role("heading", name="Add your skills to get recommendations")).to_be_visible()
