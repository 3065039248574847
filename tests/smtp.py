"""A real SMTP server for tests: aiosmtpd on 127.0.0.1 at a free port, keeping what it receives.

Import the fixture into a test module (``from tests.smtp import smtp_server``) and request
``smtp_server`` for the sink alone, or ``smtp_mail`` to also point the app's settings at it
(``JOBHUB_SMTP_URL``) for the test. The sink parses every mail, so tests read subjects, parts
and links as a mail client would.
"""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session

from jobhub.settings import reset_settings

HOST = "127.0.0.1"
WAIT_SECONDS = 15.0
LINK = re.compile(r"https?://[^\s<>\"']+")


@dataclass
class Received:
    """One delivered mail: the SMTP envelope and the parsed message."""

    mail_from: str
    recipients: list[str]
    message: EmailMessage

    @property
    def subject(self) -> str:
        return str(self.message["Subject"])

    def part(self, subtype: str) -> str:
        body = self.message.get_body(preferencelist=(subtype,))
        return "" if body is None else str(body.get_content())

    @property
    def text(self) -> str:
        return self.part("plain")

    @property
    def html(self) -> str:
        return self.part("html")

    def links(self) -> list[str]:
        return LINK.findall(self.text)


@dataclass
class SmtpSink:
    """What the server received, in order; ``wait_for`` blocks until a mail for ``to`` arrives."""

    port: int
    received: list[Received] = field(default_factory=list)
    logins: list[str] = field(default_factory=list)
    _arrived: threading.Condition = field(default_factory=threading.Condition)

    @property
    def url(self) -> str:
        return f"smtp://{HOST}:{self.port}"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        raw = envelope.content if isinstance(envelope.content, bytes) else str(envelope.content).encode()
        parsed = message_from_bytes(raw, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        with self._arrived:
            self.received.append(Received(str(envelope.mail_from), list(envelope.rcpt_tos), parsed))
            self._arrived.notify_all()
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[Received]:
        return [mail for mail in self.received if address in mail.recipients]

    def wait_for(self, address: str, count: int = 1, timeout: float = WAIT_SECONDS) -> list[Received]:
        deadline = time.monotonic() + timeout
        with self._arrived:
            while len(self.to(address)) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"no mail for {address} within {timeout} s: got {self.received}")
                self._arrived.wait(left)
            return self.to(address)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def _serving(sink: SmtpSink, **options: Any) -> Iterator[SmtpSink]:
    """``sink`` listening on its port for as long as the fixture that yields from this lasts."""
    controller: Any = Controller(sink, hostname=HOST, port=sink.port, **options)
    controller.start()
    try:
        yield sink
    finally:
        controller.stop()


@pytest.fixture
def smtp_server() -> Iterator[SmtpSink]:
    yield from _serving(SmtpSink(port=free_port()))


@pytest.fixture
def smtp_auth_server() -> Iterator[SmtpSink]:
    """A sink requiring AUTH (allowed without TLS here) that accepts only ``jobhub``/``s3cr:t``."""
    sink = SmtpSink(port=free_port())

    def authenticate(
        server: SMTP, session: Session, envelope: Envelope, mechanism: str, data: Any
    ) -> AuthResult:
        ok = isinstance(data, LoginPassword) and (data.login, data.password) == (b"jobhub", b"s3cr:t")
        if ok:
            sink.logins.append(data.login.decode())
        return AuthResult(success=ok)

    yield from _serving(sink, authenticator=authenticate, auth_required=True, auth_require_tls=False)


@pytest.fixture
def smtp_mail(smtp_server: SmtpSink, monkeypatch: pytest.MonkeyPatch) -> Iterator[SmtpSink]:
    """The sink, with the app's settings sending to it for this test."""
    monkeypatch.setenv("JOBHUB_SMTP_URL", smtp_server.url)
    reset_settings()
    yield smtp_server
    monkeypatch.delenv("JOBHUB_SMTP_URL")
    reset_settings()
