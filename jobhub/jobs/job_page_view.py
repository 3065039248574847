"""The posting as the job page draws it: one flat view of ``JobPage`` that two states share.

``/jobs/[slug]`` copies it into its own vars and the employer's editor keeps it as one var
(its live preview), and ``job_posting_parts`` draws either the same way, so the preview is
the job page and not a second drawing of it. No Reflex import: plain values only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from jobhub.jobs.job_detail import JobPage, SimilarJob


@dataclass(frozen=True)
class ShownPosting:
    title: str = ""
    notice: str = ""
    company_name: str = ""
    company_slug: str = ""
    company_logo: str = ""
    company_rating: str = ""
    company_reviews: str = ""
    company_facts: list[str] = field(default_factory=list)
    company_verified: bool = False
    location: str = ""
    facts: list[str] = field(default_factory=list)
    salary: str = ""
    salary_yearly: str = ""
    posted: str = ""
    description_html: str = ""
    requirements_html: str = ""
    responsibilities_html: str = ""
    benefits_html: str = ""
    required_skills: list[str] = field(default_factory=list)
    preferred_skills: list[str] = field(default_factory=list)
    match_summary: str = ""
    missing_skills: list[str] = field(default_factory=list)
    similar: list[SimilarJob] = field(default_factory=list)
    apply_url: str = ""


def shown_posting(page: JobPage) -> ShownPosting:
    """What the page shows of ``page``: the company's rating, review count and facts as words."""
    company = page.company
    reviews, facts = "", []
    if company:
        reviews = f"{company.review_count} review{'s' if company.review_count != 1 else ''}"
        size = f"{company.size} people" if company.size else ""
        facts = [fact for fact in (company.industry, size) if fact]
    return ShownPosting(
        title=page.title,
        notice=page.notice,
        company_name=company.name if company else "",
        company_slug=company.slug if company else "",
        company_logo=company.logo_url if company else "",
        company_rating=f"{company.rating:.1f}" if company and company.rating is not None else "",
        company_reviews=reviews,
        company_facts=facts,
        company_verified=bool(company and company.verified),
        location=page.location,
        facts=[fact for fact in (page.employment, page.remote, page.level) if fact],
        salary=page.salary,
        salary_yearly=page.salary_yearly,
        posted=page.posted,
        description_html=page.description_html,
        requirements_html=page.requirements_html,
        responsibilities_html=page.responsibilities_html,
        benefits_html=page.benefits_html,
        required_skills=list(page.required_skills),
        preferred_skills=list(page.preferred_skills),
        match_summary=page.match.summary if page.match else "",
        missing_skills=list(page.match.missing) if page.match else [],
        similar=list(page.similar),
        apply_url=page.apply_url,
    )
