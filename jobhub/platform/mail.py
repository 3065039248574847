"""Outgoing mail: one ``Message`` type, bodies from the notification templates, three transports.

- No ``JOBHUB_SMTP_URL`` (the embedded default): the mail is logged, so a developer reads
  the verification link in the console.
- ``JOBHUB_MAIL_FILE_DIR``: every mail is also written there as an ``.eml`` file (the demo
  and the browser tests read links from them).
- ``JOBHUB_SMTP_URL``: ``smtp://user:pass@host:587`` (STARTTLS when the server offers it;
  ``?starttls=required`` refuses a server that does not) or ``smtps://…:465`` (TLS from the
  first byte). User and password are percent-decoded from the URL.

Templates (``notifications.notification_templates``, named ``<event>.email``) hold
``{placeholder}`` fields. They are filled by a formatter that accepts plain names only (no
``{x.attr}`` or ``{x[0]}``); the HTML part escapes the template and every value, and turns
values named ``*_url`` with an http(s) scheme into links. A value that is a ``Rendered``
brings its own text and HTML (a list of links, say); its HTML goes in unescaped, so whoever
builds it escapes what it holds. A missing template falls back to the caller's plain text,
so mail keeps working on a database without reference data.

Send only after the transaction that caused the mail has committed: a mail cannot be
rolled back.
"""

from __future__ import annotations

import html
import logging
import smtplib
import ssl
import string
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from sqlalchemy import select
from sqlmodel import Session

from jobhub.notifications.models import Channel, NotificationTemplate
from jobhub.settings import get_settings

log = logging.getLogger(__name__)

SMTP_TIMEOUT_SECONDS = 10
DEFAULT_PORTS = {"smtp": 587, "smtps": 465}
URL_SUFFIX = "_url"


@dataclass(frozen=True)
class Attachment:
    """A file sent along (an interview's ``.ics``); ``params`` go on its Content-Type (``method``)."""

    filename: str
    content: bytes
    maintype: str
    subtype: str
    params: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Message:
    """One mail to one address; ``html`` is optional (the text part is always sent).

    ``headers`` are extra header fields (``List-Unsubscribe`` and the like).
    """

    to: str
    subject: str
    text: str
    html: str | None = None
    headers: tuple[tuple[str, str], ...] = ()
    attachments: tuple[Attachment, ...] = ()


@dataclass(frozen=True)
class Rendered:
    """A placeholder value with a text form and an HTML form that is inserted as it is."""

    text: str
    html: str


@dataclass(frozen=True)
class SmtpTarget:
    """A parsed ``JOBHUB_SMTP_URL``; the password never appears in ``repr``."""

    host: str
    port: int
    implicit_tls: bool
    starttls_required: bool
    username: str | None
    password: str | None

    def __repr__(self) -> str:
        return f"SmtpTarget({self.host}:{self.port}, tls={self.implicit_tls}, user={self.username!r})"


class MailError(RuntimeError):
    """The mail server refused or could not be reached; the message says which."""


def parse_smtp_url(url: str) -> SmtpTarget:
    parts = urlsplit(url)
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        raise ValueError("JOBHUB_SMTP_URL must look like smtp://user:pass@host:587 or smtps://host:465")
    options = parse_qs(parts.query)
    return SmtpTarget(
        host=parts.hostname,
        port=parts.port or DEFAULT_PORTS[parts.scheme],
        implicit_tls=parts.scheme == "smtps",
        starttls_required=options.get("starttls", [""])[0] == "required",
        username=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password else None,
    )


class _NamesOnly(string.Formatter):
    """``str.format`` that fills ``{name}`` and nothing fancier, leaving unknown names as written."""

    def __init__(self, escape: bool, rendered: frozenset[str] = frozenset()) -> None:
        self.escape = escape
        self.rendered = rendered

    def vformat(self, format_string: str, args: object, kwargs: Mapping[str, str]) -> str:  # type: ignore[override]
        out: list[str] = []
        for literal, field, _spec, _conversion in self.parse(format_string):
            out.append(html.escape(literal) if self.escape else literal)
            if field is None:
                continue
            if field.isidentifier() and field in kwargs:
                out.append(self._value(field, kwargs[field]))
            else:
                raw = "{" + field + "}"
                out.append(html.escape(raw) if self.escape else raw)
        return "".join(out)

    def _value(self, name: str, value: str) -> str:
        if not self.escape or name in self.rendered:
            return value
        escaped = html.escape(value, quote=True)
        if name.endswith(URL_SUFFIX) and urlsplit(value).scheme in ("http", "https"):
            return f'<a href="{escaped}">{escaped}</a>'
        return escaped


def fill(template: str, variables: Mapping[str, object]) -> str:
    """The text part: placeholders replaced, nothing escaped. Malformed braces are kept as text."""
    return _safe_format(template, variables, escape=False)


def fill_html(template: str, variables: Mapping[str, object]) -> str:
    """The HTML part: template and values escaped, paragraphs from blank lines, links for URLs."""
    body = _safe_format(template, variables, escape=True)
    paragraphs = [p.replace("\n", "<br>\n") for p in body.split("\n\n")]
    inner = "\n".join(f"<p>{p}</p>" for p in paragraphs if p.strip())
    return (
        '<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5">'
        f"{inner}</body></html>"
    )


def _plain(value: object, *, escape: bool) -> str:
    if isinstance(value, Rendered):
        return value.html if escape else value.text
    return str(value)


def _safe_format(template: str, variables: Mapping[str, object], *, escape: bool) -> str:
    values = {key: _plain(value, escape=escape) for key, value in variables.items()}
    rendered = frozenset(key for key, value in variables.items() if isinstance(value, Rendered))
    try:
        return _NamesOnly(escape, rendered).vformat(template, (), values)
    except ValueError:
        return html.escape(template) if escape else template


def from_template(
    db: Session,
    name: str,
    to: str,
    variables: Mapping[str, object],
    *,
    fallback_subject: str,
    fallback_text: str,
) -> Message:
    """The mail for template ``<name>.email`` if it exists and is active, else the fallback.

    The fallback texts are templates too (same placeholders), so both paths fill the same values.
    """
    row = db.scalars(
        select(NotificationTemplate).where(
            NotificationTemplate.name == f"{name}.{Channel.EMAIL}",
            NotificationTemplate.type == Channel.EMAIL,
            NotificationTemplate.is_active.is_(True),
        )
    ).one_or_none()
    subject = row.subject_template if row and row.subject_template else fallback_subject
    body = row.body_template if row else fallback_text
    return Message(
        to=to,
        subject=" ".join(fill(subject, variables).split()),
        text=fill(body, variables),
        html=fill_html(body, variables),
    )


def build_email(message: Message, sender: str | None = None) -> EmailMessage:
    """A multipart/alternative mail (text first, so clients that cannot show HTML show it),
    inside a multipart/mixed one when it carries attachments."""
    mail = EmailMessage()
    mail["From"] = sender or get_settings().mail_from
    mail["To"] = message.to
    mail["Subject"] = message.subject
    mail["Date"] = format_datetime(datetime.now(UTC))
    mail["Message-ID"] = make_msgid(domain="jobhub.local")
    for name, value in message.headers:
        mail[name] = value
    mail.set_content(message.text)
    if message.html:
        mail.add_alternative(message.html, subtype="html")
    for item in message.attachments:
        mail.add_attachment(
            item.content, item.maintype, item.subtype, filename=item.filename, params=dict(item.params)
        )
    return mail


def _send_smtp(target: SmtpTarget, mail: EmailMessage) -> None:
    context = ssl.create_default_context()
    try:
        if target.implicit_tls:
            client: smtplib.SMTP = smtplib.SMTP_SSL(
                target.host, target.port, timeout=SMTP_TIMEOUT_SECONDS, context=context
            )
        else:
            client = smtplib.SMTP(target.host, target.port, timeout=SMTP_TIMEOUT_SECONDS)
        with client:
            client.ehlo()
            if not target.implicit_tls:
                if client.has_extn("starttls"):
                    client.starttls(context=context)
                    client.ehlo()
                elif target.starttls_required:
                    raise MailError(f"{target.host}:{target.port} does not offer STARTTLS")
            if target.username:
                client.login(target.username, target.password or "")
            client.send_message(mail)
    except (smtplib.SMTPException, OSError) as exc:
        raise MailError(f"sending mail through {target.host}:{target.port} failed: {exc}") from exc


def _write_file(directory: Path, mail: EmailMessage) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    path = directory / f"{stamp}-{uuid.uuid4().hex[:8]}.eml"
    path.write_bytes(mail.as_bytes())
    return path


def send(message: Message) -> EmailMessage:
    """Deliver ``message`` by every configured transport; raises ``MailError`` if SMTP fails."""
    settings = get_settings()
    mail = build_email(message, settings.mail_from)
    if settings.mail_file_dir is not None:
        _write_file(settings.mail_file_dir.expanduser(), mail)
    if settings.smtp_url:
        _send_smtp(parse_smtp_url(settings.smtp_url), mail)
    else:
        log.info("mail to %s: %s\n%s", message.to, message.subject, message.text)
    return mail


def send_after_commit(message: Message | None) -> None:
    """Send a mail whose cause has committed; a failure is logged, not raised (the bell or the
    page already told the user, and the change must not look failed for a mail server's sake)."""
    if message is None:
        return
    try:
        send(message)
    except (MailError, ValueError):
        log.exception("could not send %r to %s", message.subject, message.to)


def send_mail(to: str, subject: str, text: str, html_body: str | None = None) -> EmailMessage:
    """Shorthand for ``send(Message(...))``."""
    return send(Message(to=to, subject=subject, text=text, html=html_body))
