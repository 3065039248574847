"""Mail: templates filled safely, and delivery to a real SMTP server, to files and to the log."""

from __future__ import annotations

import logging
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from sqlmodel import Session

from jobhub.platform import mail
from jobhub.platform.mail import MailError, Message, fill, fill_html, from_template, parse_smtp_url
from jobhub.settings import reset_settings
from tests.factories import add, make_template
from tests.smtp import SmtpSink, free_port, smtp_auth_server, smtp_mail, smtp_server  # noqa: F401

VERIFY_URL = "http://localhost:3000/verify-email?token=abc"
# The test server takes AUTH without TLS; aiosmtpd warns about that, rightly, for real servers.
PLAIN_AUTH = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")


@pytest.fixture
def no_smtp(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JOBHUB_SMTP_URL", raising=False)
    monkeypatch.delenv("JOBHUB_MAIL_FILE_DIR", raising=False)
    reset_settings()


def test_fill_replaces_plain_names_and_keeps_unknown_ones() -> None:
    assert fill("Hi {first_name}, {missing}", {"first_name": "Ada"}) == "Hi Ada, {missing}"


def test_fill_refuses_attribute_and_index_lookups() -> None:
    text = fill("{first_name.__class__} {first_name[0]}", {"first_name": "Ada"})
    assert text == "{first_name.__class__} {first_name[0]}"


def test_fill_keeps_malformed_braces_as_text() -> None:
    assert fill("Hi {first_name", {"first_name": "Ada"}) == "Hi {first_name"


def test_fill_html_escapes_values_and_template() -> None:
    body = fill_html("<b>{first_name}</b>", {"first_name": "<script>alert(1)</script>"})
    assert "<script>" not in body and "<b>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_fill_html_links_http_urls_only() -> None:
    body = fill_html(
        "{verify_url} {other_url}", {"verify_url": VERIFY_URL, "other_url": "javascript:alert(1)"}
    )
    assert f'<a href="{VERIFY_URL}">' in body
    assert 'href="javascript' not in body


def test_from_template_uses_the_seeded_email_template(db: Session) -> None:
    message = from_template(
        db,
        "verify_email",
        "ada@example.test",
        {"first_name": "Ada", "verify_url": VERIFY_URL, "expires_in_hours": 24},
        fallback_subject="unused",
        fallback_text="unused",
    )
    assert message.subject == "Confirm your e-mail address"
    assert "Hi Ada," in message.text and VERIFY_URL in message.text and "24 hours" in message.text
    assert message.html is not None and f'href="{VERIFY_URL}"' in message.html


def test_from_template_falls_back_when_the_template_is_inactive(db: Session) -> None:
    add(db, make_template(name="gone.email", type="email", is_active=False, body_template="old"))
    message = from_template(
        db,
        "gone",
        "ada@example.test",
        {"first_name": "Ada"},
        fallback_subject="S {first_name}",
        fallback_text="T",
    )
    assert (message.subject, message.text) == ("S Ada", "T")


def test_parse_smtp_url_decodes_credentials_and_picks_tls() -> None:
    target = parse_smtp_url("smtps://user%40x:p%3Ass@mail.example.test")
    assert (target.host, target.port, target.implicit_tls) == ("mail.example.test", 465, True)
    assert (target.username, target.password) == ("user@x", "p:ss")
    assert "p:ss" not in repr(target)
    plain = parse_smtp_url("smtp://mail.example.test?starttls=required")
    assert (plain.port, plain.implicit_tls, plain.starttls_required) == (587, False, True)


def test_parse_smtp_url_refuses_other_schemes() -> None:
    with pytest.raises(ValueError):
        parse_smtp_url("http://mail.example.test")


def test_send_delivers_multipart_mail_to_the_smtp_server(smtp_mail: SmtpSink) -> None:  # noqa: F811
    mail.send(Message("ada@example.test", "Hello", f"Open {VERIFY_URL}", "<p>Open</p>"))
    (received,) = smtp_mail.wait_for("ada@example.test")
    assert received.subject == "Hello"
    assert received.message.get_content_type() == "multipart/alternative"
    assert received.links() == [VERIFY_URL]
    assert received.html.strip() == "<p>Open</p>"
    assert "no-reply@jobhub.local" in received.mail_from


def test_send_mail_without_html_is_plain_text(smtp_mail: SmtpSink) -> None:  # noqa: F811
    mail.send_mail("bob@example.test", "Plain", "Just text")
    (received,) = smtp_mail.wait_for("bob@example.test")
    assert received.message.get_content_type() == "text/plain"


def test_required_starttls_refuses_a_server_without_it(
    smtp_server: SmtpSink,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("JOBHUB_SMTP_URL", f"{smtp_server.url}?starttls=required")
    reset_settings()
    with pytest.raises(MailError, match="STARTTLS"):
        mail.send_mail("ada@example.test", "Hello", "text")
    assert smtp_server.received == []


@PLAIN_AUTH
def test_credentials_from_the_url_log_in(
    smtp_auth_server: SmtpSink,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("JOBHUB_SMTP_URL", f"smtp://jobhub:s3cr%3At@127.0.0.1:{smtp_auth_server.port}")
    reset_settings()
    mail.send_mail("ada@example.test", "Hello", "text")
    assert smtp_auth_server.wait_for("ada@example.test") and smtp_auth_server.logins == ["jobhub"]


@PLAIN_AUTH
def test_wrong_credentials_raise_mail_error(
    smtp_auth_server: SmtpSink,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("JOBHUB_SMTP_URL", f"smtp://jobhub:wrong@127.0.0.1:{smtp_auth_server.port}")
    reset_settings()
    with pytest.raises(MailError):
        mail.send_mail("ada@example.test", "Hello", "text")
    assert smtp_auth_server.received == []


def test_unreachable_smtp_server_raises_mail_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JOBHUB_SMTP_URL", f"smtp://127.0.0.1:{free_port()}")
    reset_settings()
    with pytest.raises(MailError):
        mail.send_mail("ada@example.test", "Hello", "text")


def test_without_smtp_the_mail_is_logged(no_smtp: None, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="jobhub.platform.mail"):
        mail.send_mail("ada@example.test", "Hello", f"Open {VERIFY_URL}")
    assert VERIFY_URL in caplog.text


def test_file_dir_gets_an_eml_per_mail(
    no_smtp: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JOBHUB_MAIL_FILE_DIR", str(tmp_path / "mail"))
    reset_settings()
    mail.send_mail("ada@example.test", "Hello", "one")
    mail.send_mail("ada@example.test", "Hello", "two")
    files = sorted((tmp_path / "mail").glob("*.eml"))
    assert len(files) == 2
    parsed = message_from_bytes(files[0].read_bytes(), policy=policy.default)
    assert parsed["To"] == "ada@example.test"
