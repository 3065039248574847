"""Believable words for demo data: roles by field, company lines, Markdown job descriptions.

Faker gives names and places; job boards need more than lorem ipsum to look real, so the
role families below carry titles, skills and pay bands that belong together.
"""

from __future__ import annotations

from dataclasses import dataclass

from faker import Faker


@dataclass(frozen=True)
class RoleFamily:
    category_slug: str
    titles: tuple[str, ...]
    skills: tuple[str, ...]
    yearly_pay: tuple[int, int]


ROLE_FAMILIES: tuple[RoleFamily, ...] = (
    RoleFamily(
        "backend-development",
        ("Backend Engineer", "Python Developer", "Go Engineer", "Java Developer", "API Engineer"),
        ("Python", "Go", "Java", "PostgreSQL", "Docker", "Kubernetes", "Redis", "Amazon Web Services"),
        (85_000, 185_000),
    ),
    RoleFamily(
        "frontend-development",
        ("Frontend Engineer", "React Developer", "UI Engineer", "Web Developer"),
        ("JavaScript", "TypeScript", "React", "CSS", "HTML", "Next.js", "Vue.js", "Accessibility (WCAG)"),
        (75_000, 170_000),
    ),
    RoleFamily(
        "devops-and-site-reliability",
        ("Site Reliability Engineer", "DevOps Engineer", "Platform Engineer", "Cloud Engineer"),
        (
            "Kubernetes",
            "Terraform",
            "Amazon Web Services",
            "Linux",
            "Prometheus",
            "Docker",
            "Google Cloud Platform",
        ),
        (95_000, 190_000),
    ),
    RoleFamily(
        "data-science",
        ("Data Scientist", "Machine Learning Engineer", "Data Analyst", "Analytics Engineer"),
        ("Python", "SQL", "Machine Learning", "pandas", "Statistics", "Tableau", "dbt"),
        (80_000, 180_000),
    ),
    RoleFamily(
        "product-management",
        ("Product Manager", "Senior Product Manager", "Technical Product Manager"),
        (
            "Product Strategy",
            "Product Roadmapping",
            "User Research",
            "Agile",
            "SQL",
            "Stakeholder Management",
        ),
        (95_000, 175_000),
    ),
    RoleFamily(
        "ux-design",
        ("Product Designer", "UX Designer", "UX Researcher", "Visual Designer"),
        ("Figma", "User Research", "Prototyping", "Design Systems", "Accessibility (WCAG)", "Wireframing"),
        (70_000, 150_000),
    ),
    RoleFamily(
        "digital-marketing",
        ("Marketing Manager", "Growth Marketer", "Content Strategist", "SEO Specialist"),
        (
            "Search Engine Optimization",
            "Content Strategy",
            "Google Analytics",
            "Copywriting",
            "Email Marketing",
        ),
        (55_000, 130_000),
    ),
    RoleFamily(
        "account-executive",
        ("Account Executive", "Sales Development Representative", "Account Manager"),
        ("Salesforce", "Negotiation", "Lead Generation", "CRM Management", "Cold Calling", "Communication"),
        (50_000, 140_000),
    ),
    RoleFamily(
        "customer-success",
        ("Customer Success Manager", "Support Specialist", "Technical Support Engineer"),
        ("Customer Service", "Zendesk", "Communication", "Technical Support", "SQL"),
        (42_000, 95_000),
    ),
    RoleFamily(
        "accounting",
        ("Accountant", "Financial Analyst", "Controller", "Payroll Specialist"),
        ("Microsoft Excel", "Financial Modeling", "GAAP", "QuickBooks", "Budgeting", "Forecasting"),
        (55_000, 140_000),
    ),
    RoleFamily(
        "recruiting-and-talent-acquisition",
        ("Technical Recruiter", "HR Business Partner", "People Operations Manager"),
        ("Recruiting", "Interviewing", "Employee Relations", "Workday", "Communication"),
        (50_000, 120_000),
    ),
    RoleFamily(
        "nursing",
        ("Registered Nurse", "Nurse Practitioner", "Clinical Nurse Specialist"),
        ("Patient Care", "Electronic Health Records", "Basic Life Support", "Communication"),
        (60_000, 130_000),
    ),
)

INDUSTRIES: tuple[str, ...] = (
    "Software",
    "Fintech",
    "Healthcare",
    "E-commerce",
    "Education",
    "Logistics",
    "Media",
    "Energy",
    "Cybersecurity",
    "Biotech",
)
COMPANY_SIZES: tuple[str, ...] = ("1-10", "11-50", "51-200", "201-500", "501-1000", "1001-5000", "5001+")
CITIES: tuple[str, ...] = (
    "San Francisco, CA",
    "New York, NY",
    "Austin, TX",
    "Seattle, WA",
    "Boston, MA",
    "Chicago, IL",
    "Denver, CO",
    "Atlanta, GA",
    "London, UK",
    "Berlin, Germany",
    "Toronto, Canada",
    "Amsterdam, Netherlands",
)
BENEFITS: tuple[str, ...] = (
    "Health, dental and vision insurance",
    "401(k) with company match",
    "Four weeks of paid vacation",
    "Parental leave",
    "Learning budget",
    "Remote work stipend",
    "Equity",
    "Wellness allowance",
)


def job_description(fake: Faker, title: str, company: str, skills: list[str]) -> str:
    """A Markdown description in the shape real postings have: about, the work, the stack."""
    listed = ", ".join(skills[:4])
    return (
        f"## About the role\n\n{company} is hiring a **{title}** to join a team that "
        f"{fake.bs()}. {fake.paragraph(nb_sentences=3)}\n\n"
        f"## What you will do\n\n- {fake.sentence()}\n- {fake.sentence()}\n- {fake.sentence()}\n\n"
        f"## Our stack\n\nYou will work daily with {listed}."
    )


def bullet_list(fake: Faker, count: int) -> str:
    return "\n".join(f"- {fake.sentence()}" for _ in range(count))


def company_description(fake: Faker, name: str, industry: str) -> str:
    return f"{name} builds {industry.lower()} products that {fake.bs()}. {fake.paragraph(nb_sentences=4)}"
