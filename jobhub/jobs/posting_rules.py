"""The rules of a posting's life: which status may follow which, and what publishing needs.

The lifecycle is one table, :data:`TRANSITIONS`: (status, action) -> next status. Anything
not in it is refused with a ``Conflict`` that says why, so the UI can show it as it is.
``removed`` (moderators took the job down) has no way out here, and ``expire`` is the
expiry worker's action, never a person's.

To be published (and while it stays published or paused) a posting states its pay: a salary
range with both ends and a period. Pay-transparency laws ask for it in more and more places
and it is what seekers ask job boards for first. Dates are checked when they are set or
when the job is published: the expiry defaults to 30 days after publishing, is at most 90,
and never comes before the application deadline.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from typing import Final, Protocol

from jobhub.jobs.models import JobStatus, RemotePolicy
from jobhub.jobs.posting_form import F
from jobhub.platform import event_types as et
from jobhub.platform.errors import Conflict


class PostingAction(StrEnum):
    PUBLISH = "publish"
    PAUSE = "pause"
    CLOSE = "close"
    REOPEN = "reopen"
    EXPIRE = "expire"


TRANSITIONS: Final[dict[tuple[JobStatus, PostingAction], JobStatus]] = {
    (JobStatus.DRAFT, PostingAction.PUBLISH): JobStatus.PUBLISHED,
    (JobStatus.PUBLISHED, PostingAction.PAUSE): JobStatus.PAUSED,
    (JobStatus.PUBLISHED, PostingAction.CLOSE): JobStatus.CLOSED,
    (JobStatus.PAUSED, PostingAction.PUBLISH): JobStatus.PUBLISHED,
    (JobStatus.PAUSED, PostingAction.CLOSE): JobStatus.CLOSED,
    (JobStatus.CLOSED, PostingAction.REOPEN): JobStatus.PUBLISHED,
    (JobStatus.EXPIRED, PostingAction.REOPEN): JobStatus.PUBLISHED,
    (JobStatus.PUBLISHED, PostingAction.EXPIRE): JobStatus.EXPIRED,
}
USER_ACTIONS: Final = (PostingAction.PUBLISH, PostingAction.PAUSE, PostingAction.CLOSE, PostingAction.REOPEN)
EVENTS: Final[dict[PostingAction, str]] = {
    PostingAction.PUBLISH: et.JOB_PUBLISHED,
    PostingAction.PAUSE: et.JOB_PAUSED,
    PostingAction.CLOSE: et.JOB_CLOSED,
    PostingAction.REOPEN: et.JOB_REOPENED,
    PostingAction.EXPIRE: et.JOB_EXPIRED,
}
STATUS_LABELS: Final[dict[str, str]] = {
    JobStatus.DRAFT: "Draft",
    JobStatus.PUBLISHED: "Published",
    JobStatus.PAUSED: "Paused",
    JobStatus.CLOSED: "Closed",
    JobStatus.EXPIRED: "Expired",
    JobStatus.REMOVED: "Removed",
}
_DONE: Final[dict[PostingAction, str]] = {
    PostingAction.PUBLISH: "published",
    PostingAction.PAUSE: "paused",
    PostingAction.CLOSE: "closed",
    PostingAction.REOPEN: "reopened",
    PostingAction.EXPIRE: "expired",
}
_HINTS: Final[dict[str, str]] = {
    JobStatus.DRAFT: " Publish it first.",
    JobStatus.PUBLISHED: " It is open already.",
    JobStatus.CLOSED: " Reopen it first.",
    JobStatus.EXPIRED: " Reopen it with a new expiry date first.",
    JobStatus.PAUSED: " Resume it with Publish, or close it.",
    JobStatus.REMOVED: " Moderators removed it; contact support if that is a mistake.",
}

DEFAULT_LIFETIME: Final = timedelta(days=30)
MAX_LIFETIME_DAYS: Final = 90
DESCRIPTION_MIN: Final = 50
PAY_TRANSPARENCY: Final = "a salary range is required to publish (pay transparency)"
PAY_NEEDED: Final = (
    "A salary range is required to publish: pay-transparency laws in more and more places ask "
    "for it, and seekers skip postings without pay. Add the lowest and highest pay and the period."
)


def allowed_actions(status: str) -> tuple[PostingAction, ...]:
    """What a person may do to a posting in ``status``, in the table's order."""
    return tuple(action for action in USER_ACTIONS if (JobStatus(status), action) in TRANSITIONS)


def next_status(status: str, action: PostingAction) -> JobStatus:
    """The status ``action`` leads to; ``Conflict`` naming the reason when the table has no such step."""
    current = JobStatus(status)
    target = TRANSITIONS.get((current, action))
    if target is not None:
        return target
    label = STATUS_LABELS[current].lower()
    if _DONE[action] == current.value:
        raise Conflict(f"This job is {label} already.")
    article = "An" if label[0] in "aeiou" else "A"
    raise Conflict(f"{article} {label} job cannot be {_DONE[action]}.{_HINTS.get(current, '')}")


class Listing(Protocol):
    """What the publishing rules read: a stored ``Job`` and a checked ``PostingInput`` alike."""

    @property
    def description(self) -> str: ...
    @property
    def location(self) -> str | None: ...
    @property
    def remote_policy(self) -> str | None: ...
    @property
    def salary_min(self) -> int | None: ...
    @property
    def salary_max(self) -> int | None: ...
    @property
    def salary_period(self) -> str | None: ...


def pay_problems(listing: Listing) -> dict[str, str]:
    """Each missing piece of the salary range, by field: the pay-transparency rule."""
    problems: dict[str, str] = {}
    if listing.salary_min is None:
        problems[F.SALARY_MIN] = f"Add the lowest pay: {PAY_TRANSPARENCY}."
    if listing.salary_max is None:
        problems[F.SALARY_MAX] = f"Add the highest pay: {PAY_TRANSPARENCY}."
    elif listing.salary_min is not None and listing.salary_max < listing.salary_min:
        problems[F.SALARY_MAX] = "The highest pay cannot be below the lowest."
    if listing.salary_period is None:
        problems[F.PERIOD] = f"Say whether the pay is hourly, monthly, yearly…: {PAY_TRANSPARENCY}."
    return problems


def listing_problems(listing: Listing) -> dict[str, str]:
    """What a published posting must say: its pay first, then a real description and a place."""
    problems = pay_problems(listing)
    if len(listing.description.strip()) < DESCRIPTION_MIN:
        problems[F.DESCRIPTION] = (
            f"Describe the job in at least {DESCRIPTION_MIN} characters before publishing."
        )
    if not listing.location and listing.remote_policy != RemotePolicy.REMOTE_ONLY:
        problems[F.LOCATION] = "Say where the job is, or set remote work to Remote."
    return problems


def day_end(day: date) -> datetime:
    """The first moment after ``day`` (UTC): a posting that expires "on" a day is up all that day."""
    return datetime.combine(day + timedelta(days=1), time(0), UTC)


def expiry_day(expires_at: datetime) -> date:
    """The last day a posting is up: the inverse of :func:`day_end`."""
    return (expires_at.astimezone(UTC) - timedelta(microseconds=1)).date()


def latest_expiry_day(now: datetime) -> date:
    return (now + timedelta(days=MAX_LIFETIME_DAYS)).date()


@dataclass(frozen=True)
class Dates:
    """The dates a posting carries: what :func:`date_problems` and :func:`expiry_on_publish` read."""

    application_deadline: date | None
    expires_at: datetime | None


def date_problems(dates: Dates, now: datetime, *, check_deadline: bool, check_expiry: bool) -> dict[str, str]:
    """The deadline and expiry of a posting about to be (or staying) public, checked against ``now``."""
    problems: dict[str, str] = {}
    latest = latest_expiry_day(now)
    deadline = dates.application_deadline
    if check_deadline and deadline is not None:
        if deadline < now.date():
            problems[F.DEADLINE] = "The application deadline has passed: pick today or a later day."
        elif deadline > latest:
            problems[F.DEADLINE] = f"The application deadline can be at most {MAX_LIFETIME_DAYS} days away."
    if check_expiry and dates.expires_at is not None:
        if dates.expires_at <= now:
            problems[F.EXPIRES_ON] = "The expiry date has passed: pick today or a later day."
        elif expiry_day(dates.expires_at) > latest:
            problems[F.EXPIRES_ON] = (
                f"A posting can stay up at most {MAX_LIFETIME_DAYS} days: pick an earlier day."
            )
        elif deadline is not None and dates.expires_at < day_end(deadline):
            problems[F.EXPIRES_ON] = "The posting must stay up until the application deadline."
    return problems


def expiry_on_publish(dates: Dates, now: datetime) -> datetime:
    """The expiry a posting gets when it goes public: its chosen future day, else 30 days (or
    the end of the deadline day, when that is later). Call after :func:`date_problems`."""
    if dates.expires_at is not None and dates.expires_at > now:
        return dates.expires_at
    default = now + DEFAULT_LIFETIME
    if dates.application_deadline is not None:
        return max(default, day_end(dates.application_deadline))
    return default
