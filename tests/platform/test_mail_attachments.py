"""A mail with an attachment stays readable as text and HTML, and carries the file as sent."""

from __future__ import annotations

from jobhub.platform.mail import Attachment, Message, build_email


def test_an_attachment_travels_with_its_type_parameters_and_bytes() -> None:
    ics = b"BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n"
    message = Message(
        "ada@example.test",
        "Interview",
        "See you then.",
        "<p>See you then.</p>",
        attachments=(Attachment("invite.ics", ics, "text", "calendar", (("method", "REQUEST"),)),),
    )

    mail = build_email(message, "JobHub <no-reply@jobhub.local>")

    assert mail.get_content_type() == "multipart/mixed"
    body = mail.get_body(preferencelist=("plain",))
    assert body is not None and body.get_content().strip() == "See you then."
    [part] = list(mail.iter_attachments())
    assert part.get_filename() == "invite.ics"
    assert part.get_content_type() == "text/calendar" and part.get_param("method") == "REQUEST"
    assert part.get_payload(decode=True) == ics


def test_a_mail_without_attachments_is_unchanged() -> None:
    mail = build_email(Message("ada@example.test", "Hi", "Hello"), "x@example.test")
    assert mail.get_content_type() == "text/plain" and list(mail.iter_attachments()) == []
