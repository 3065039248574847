"""The employer side's working state in the demo: verification, invitations, views, a showcase company.

- Verified companies have the approved request that verified them; a few others wait in the
  admin queue at ``/admin/companies`` (by work email and by document, alternately), and one was
  refused with a reason, so "Recently decided" has both outcomes.
- Company 0 (the README's ``employer@jobhub.example`` is its owner) has jobs in every state
  a posting moves through, and pending invitations beside its members in every role.
- Published jobs have views spread over the last ten days, so "views this week" means something.

Everything is drawn from its own ``random.Random`` so the rows built before stay as they were,
and ids are ``demo_id``s, so a second run adds nothing.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Final

from jobhub.companies.models import TeamRole, VerificationMethod, VerificationStatus
from jobhub.companies.team_roles import role_flags
from jobhub.demo.market import MarketRows
from jobhub.demo.people import TEAM_DOMAIN
from jobhub.demo.rows import demo_id
from jobhub.jobs.models import JobStatus
from jobhub.platform import storage
from jobhub.platform.signed_links import hash_nonce

PENDING_REQUESTS: Final = 4
SHOWCASE: Final = (JobStatus.PUBLISHED, JobStatus.DRAFT, JobStatus.PAUSED, JobStatus.CLOSED)
INVITED: Final = ((0, TeamRole.RECRUITER), (0, TeamRole.HIRING_MANAGER), (1, TeamRole.RECRUITER))
MAX_VIEWS: Final = 12
REFUSAL: Final = (
    "The document is a screenshot of the website; send a register extract that names the company."
)


@dataclass
class EmployerRows:
    verification_requests: list[dict[str, Any]] = field(default_factory=list)
    invitations: list[dict[str, Any]] = field(default_factory=list)
    job_views: list[dict[str, Any]] = field(default_factory=list)
    documents: dict[str, bytes] = field(default_factory=dict)


def demo_pdf(title: str) -> bytes:
    """A one-page PDF saying ``title``: what a demo document request points at."""
    text = title.replace("\\", "").replace("(", "").replace(")", "")
    stream = f"BT /F1 18 Tf 72 720 Td ({text}) Tj ET".encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _request(company: dict[str, Any], requester: uuid.UUID, method: str, **values: Any) -> dict[str, Any]:
    domain = company["website_url"].removeprefix("https://")
    email = method == VerificationMethod.EMAIL_DOMAIN
    row = {
        "id": demo_id("verification", f"{company['id']}:{values.get('status', 'pending')}"),
        "company_id": company["id"],
        "requested_by": requester,
        "method": method,
        "email_domain": domain if email else None,
        "website_domain": domain if email else None,
        "document_key": None,
        "document_name": None,
        "note": None,
        "status": VerificationStatus.PENDING.value,
        "decision_reason": None,
        "reviewed_by": None,
        "reviewed_at": None,
        "created_at": None,
    }
    return row | values


def _document(rows: EmployerRows, company: dict[str, Any]) -> dict[str, str]:
    key = f"{storage.PRIVATE_PREFIX}/verification/{demo_id('verification-document', company['id']).hex}.pdf"
    rows.documents[key] = demo_pdf(f"Certificate of incorporation: {company['name']}")
    return {"document_key": key, "document_name": f"{company['slug']}-incorporation.pdf"}


def verification_rows(
    market: MarketRows, teams: list[list[uuid.UUID]], admin_id: uuid.UUID, now: datetime, rows: EmployerRows
) -> None:
    """Approved requests behind the verified badges; pending ones, then one refusal, for the rest."""
    waiting = 0
    for i, company in enumerate(market.companies):
        owner, admin = teams[i][0], teams[i][1]
        if company["is_verified"]:
            decided = company["verification_date"]
            rows.verification_requests.append(
                _request(
                    company,
                    owner,
                    VerificationMethod.EMAIL_DOMAIN,
                    status=VerificationStatus.APPROVED.value,
                    reviewed_by=admin_id,
                    reviewed_at=decided,
                    created_at=decided - timedelta(days=2),
                )
            )
        elif waiting < PENDING_REQUESTS:
            by_email = waiting % 2 == 0
            rows.verification_requests.append(
                _request(
                    company,
                    owner if by_email else admin,
                    VerificationMethod.EMAIL_DOMAIN if by_email else VerificationMethod.DOCUMENTS,
                    created_at=now - timedelta(days=PENDING_REQUESTS - waiting, hours=3),
                    note=None if by_email else "Our registration certificate, issued last month.",
                    **({} if by_email else _document(rows, company)),
                )
            )
            waiting += 1
        elif waiting == PENDING_REQUESTS:
            rows.verification_requests.append(
                _request(
                    company,
                    admin,
                    VerificationMethod.DOCUMENTS,
                    status=VerificationStatus.REFUSED.value,
                    decision_reason=REFUSAL,
                    reviewed_by=admin_id,
                    reviewed_at=now - timedelta(days=1),
                    created_at=now - timedelta(days=6),
                    **_document(rows, company),
                )
            )
            waiting += 1


def invitation_rows(
    market: MarketRows, teams: list[list[uuid.UUID]], now: datetime, rows: EmployerRows
) -> None:
    """Invitations not yet accepted: company 0 has two, the next company one (where it exists)."""
    for n, (i, role) in enumerate(INVITED):
        if i >= len(market.companies):
            continue
        company = market.companies[i]
        domain = company["website_url"].removeprefix("https://")
        rows.invitations.append(
            {
                "id": demo_id("invitation", n),
                "company_id": company["id"],
                "invitation_email": f"new.{role.value.replace('_', '.')}.{n}@{domain}",
                "team_role": role.value,
                **role_flags(None),
                "employment_status": "pending",
                "invited_by": teams[i][0],
                "invitation_token": hash_nonce(f"demo-invitation:{n}"),
                "invitation_expires_at": now + timedelta(days=7 - n),
            }
        )


def showcase_jobs(market: MarketRows, now: datetime) -> None:
    """Company 0's first jobs take one state each; every closed or expired job gets its closing time."""
    company_zero = market.companies[0]["id"]
    mine = [job for job in market.jobs if job["company_id"] == company_zero]
    for job, status in zip(mine, SHOWCASE, strict=False):
        job["status"] = status.value
        if status == JobStatus.DRAFT:
            job["published_at"] = None
        elif job["published_at"] is None:
            job["published_at"] = now - timedelta(days=12)
    for job in market.jobs:
        ended = job["status"] in (JobStatus.CLOSED.value, JobStatus.EXPIRED.value) and job["published_at"]
        job["closed_at"] = min(now, job["published_at"] + timedelta(days=21)) if ended else None


def view_rows(
    rng: random.Random, market: MarketRows, viewers: list[uuid.UUID], now: datetime, rows: EmployerRows
) -> None:
    """Views of published jobs over the last ten days, one per viewer; ``view_count`` includes them."""
    for job in market.jobs:
        if job["status"] != JobStatus.PUBLISHED.value:
            continue
        chosen = rng.sample(viewers, k=min(len(viewers), rng.randint(0, MAX_VIEWS)))
        for n, viewer in enumerate(chosen):
            rows.job_views.append(
                {
                    "id": demo_id("job-view", f"{job['id']}:{n}"),
                    "job_id": job["id"],
                    "viewer_id": viewer,
                    "viewed_at": now - timedelta(hours=rng.uniform(0, 240)),
                }
            )
        job["view_count"] += len(chosen)


def company_addresses(users: list[dict[str, Any]], teams: list[list[uuid.UUID]], market: MarketRows) -> None:
    """Each team's addresses at its company's own domain, as real teams have them (so the pending
    work-email requests hold); the README's employer keeps theirs."""
    by_id = {user["id"]: user for user in users}
    for team, company in zip(teams, market.companies, strict=False):
        domain = company["website_url"].removeprefix("https://")
        for user_id in team:
            local, _, host = by_id[user_id]["email"].partition("@")
            if host == TEAM_DOMAIN:
                by_id[user_id]["email"] = f"{local}@{domain}"


def employer_rows(
    seed: int, market: MarketRows, teams: list[list[uuid.UUID]], admin_id: uuid.UUID, viewers: list[uuid.UUID]
) -> EmployerRows:
    now = datetime.now(UTC)
    rows = EmployerRows()
    verification_rows(market, teams, admin_id, now, rows)
    invitation_rows(market, teams, now, rows)
    view_rows(random.Random(seed + 1), market, viewers, now, rows)
    return rows


def write_documents(documents: dict[str, bytes]) -> None:
    """The demo's private documents, each written once under its fixed key."""
    for key, data in documents.items():
        path = storage.path_of(key)
        if path is None or path.exists():
            continue
        storage.check(data, storage.FileKind.DOCUMENT)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
