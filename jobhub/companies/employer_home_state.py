"""State of the employer home ``/employer``: one composed read of the company the frame chose.

A child of the verification card's state (itself an ``EmployerState``), so the card on this page
shows the status this load composed instead of asking again. Everything here is what any
member of the team may see about their own company.
"""

from __future__ import annotations

from typing import Any

import reflex as rx
from reflex.event import EventSpec

from jobhub.companies.employer_home import EmployerHome, employer_home
from jobhub.companies.verification_state import VerificationCardState
from jobhub.jobs.employer_stats import OpenJobFigures
from jobhub.jobs.models import JobStatus
from jobhub.platform.db import session_scope
from jobhub.platform.errors import DomainError
from jobhub.ui import navigation as nav

STATUS_WORDS = {
    JobStatus.DRAFT: ("draft", "drafts"),
    JobStatus.PAUSED: ("paused", "paused"),
    JobStatus.CLOSED: ("closed", "closed"),
    JobStatus.EXPIRED: ("expired", "expired"),
}
"""The other statuses the home counts under the list of open jobs (singular, plural)."""


def edit_url(job_id: str) -> str:
    return nav.EMPLOYER_JOB_EDIT.replace("[id]", job_id)


def job_row(job: OpenJobFigures) -> dict[str, str]:
    return {
        "id": job.id,
        "title": job.title,
        "edit_url": edit_url(job.id),
        "views": f"{job.views:,}",
        "views_week": f"{job.views_this_week:,}",
        "applicants": f"{job.applicants:,}",
        "new_applicants": f"{job.new_applicants:,}",
        "days_open": f"{job.days_open:,}",
    }


def other_statuses(counts: dict[str, int]) -> str:
    """Like "2 drafts · 1 paused"; empty when every job is open."""
    parts = [
        f"{counts[status]} {words[0] if counts[status] == 1 else words[1]}"
        for status, words in STATUS_WORDS.items()
        if counts.get(status)
    ]
    return " \u00b7 ".join(parts)


class EmployerHomeState(VerificationCardState):
    home_loading: bool = True
    open_jobs: list[dict[str, str]] = []
    open_count: int = 0
    views_this_week: int = 0
    new_applicants_this_week: int = 0
    other_jobs: str = ""
    checklist: list[dict[str, Any]] = []
    steps_done: int = 0
    steps_total: int = 0
    show_checklist: bool = False

    def _show_home(self, home: EmployerHome) -> None:
        jobs = home.jobs
        self.open_jobs = [job_row(job) for job in jobs.open_jobs]
        self.open_count, self.views_this_week = jobs.open_count, jobs.views_this_week
        self.new_applicants_this_week = jobs.new_applicants_this_week
        self.other_jobs = other_statuses(jobs.status_counts)
        self.checklist = [
            {
                "key": s.key,
                "label": s.label,
                "hint": s.hint,
                "done": s.done,
                "href": s.href,
                "action": s.action,
            }
            for s in home.checklist
        ]
        self.steps_done, self.steps_total = home.steps_done, len(home.checklist)
        self.show_checklist = home.show_checklist
        self._show_verification(home.verification)

    @rx.event
    def load(self) -> EventSpec | None:
        self.home_loading = True
        try:
            with session_scope() as db:
                who = self.current_principal(db)
                member = self._load_employer(db, who)
                if member is None:
                    return None
                self._show_home(employer_home(db, who, member.company_id))
        except DomainError as exc:
            return self._refused(exc)
        finally:
            self.home_loading = False
        return None
