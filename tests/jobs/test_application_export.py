"""The seeker's export holds their applications and the timeline they see, never the team's notes."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from sqlmodel import Session

from jobhub.auth.principal import Principal
from jobhub.jobs.application_models import ActorKind, ApplicationEventKind, ApplicationNote, ApplicationRating
from jobhub.jobs.application_steps import record_step
from jobhub.jobs.export import export_user_data
from jobhub.jobs.models import ApplicationStatus
from tests.factories import Team, add
from tests.jobs.application_support import apply_to, team_move, team_posting

NOW = datetime(2026, 11, 3, 10, 0, tzinfo=UTC)


def test_the_export_has_the_visible_timeline_and_no_note_rating_or_team_member(
    db: Session, team: Team, seeker: Principal, other_seeker: Principal
) -> None:
    application = apply_to(db, seeker, team_posting(db, team, NOW), NOW)
    team_move(db, application, team, ApplicationStatus.SCREENING, NOW + timedelta(hours=1))
    record_step(
        db,
        application,
        ApplicationEventKind.VIEWED,
        team.recruiter,
        ActorKind.EMPLOYER,
        visible_to_seeker=False,
        details={"internal": "shortlist B"},
        now=NOW + timedelta(hours=2),
    )
    add(
        db,
        ApplicationNote(application_id=application.id, author_id=team.recruiter.user_id, body="Weak on SQL"),
        ApplicationRating(application_id=application.id, rater_id=team.recruiter.user_id, rating=2),
    )
    apply_to(db, other_seeker, team_posting(db, team, NOW), NOW)

    part = export_user_data(db, seeker.user_id)

    assert [row["id"] for row in part["applications"]] == [str(application.id)]
    assert [row["kind"] for row in part["application_timeline"]] == ["applied", "moved"]
    text = json.dumps(part, default=str)
    for private in ("Weak on SQL", "shortlist B", str(team.recruiter.user_id), str(other_seeker.user_id)):
        assert private not in text
