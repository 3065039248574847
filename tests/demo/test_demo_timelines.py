"""The demo's applications have timelines, offers and interviews, so the tracker shows something."""

from __future__ import annotations

import uuid

from sqlalchemy import func, select
from sqlmodel import Session

from jobhub.auth.models import User
from jobhub.demo import DemoSize, load_demo_into
from jobhub.demo.people import SEEKER_EMAIL
from jobhub.jobs.application_models import ApplicationEvent, ApplicationInterview
from jobhub.jobs.application_tracker import application_detail, list_applications
from jobhub.jobs.models import ApplicationStatus, JobApplication, OfferStatus
from tests.factories import make_principal

SMALL = DemoSize(companies=6, jobs=30, seekers=12)


def test_every_demo_application_starts_with_applied_and_offers_can_be_answered(db: Session) -> None:
    load_demo_into(db, SMALL)

    applications = db.scalar(select(func.count()).select_from(JobApplication))
    applied_steps = db.scalar(select(func.count()).where(ApplicationEvent.kind == "applied"))
    assert applications and applied_steps == applications
    offered = db.scalars(
        select(JobApplication).where(JobApplication.status == ApplicationStatus.OFFERED)
    ).all()
    assert offered and all(a.offer_status == OfferStatus.PENDING for a in offered)
    assert db.scalar(select(func.count()).select_from(ApplicationInterview))
    answered = db.scalars(
        select(JobApplication).where(JobApplication.status != ApplicationStatus.APPLIED)
    ).all()
    assert all(a.first_response_at or a.status == ApplicationStatus.WITHDRAWN for a in answered)


def test_the_demo_seeker_sees_their_applications_and_each_timeline(db: Session) -> None:
    load_demo_into(db, SMALL)
    seeker = db.scalars(select(User).where(User.email == SEEKER_EMAIL)).one()
    who = make_principal(user_id=seeker.id)

    page = list_applications(db, who)

    assert page.total > 0
    for row in page.items:
        detail = application_detail(db, who, uuid.UUID(row.id))
        assert detail.timeline[0].title == "You applied"
