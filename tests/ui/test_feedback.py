"""Exceptions become words a person may read; internals never reach the browser."""

from __future__ import annotations

from jobhub.platform.errors import Forbidden, Invalid, StoreUnavailable
from jobhub.ui.feedback import GENERIC_ERROR, UNAVAILABLE_ERROR, toast_for_error, user_message


def test_domain_errors_show_their_own_message() -> None:
    assert user_message(Forbidden("Only the company's admins can do that.")) == (
        "Only the company's admins can do that."
    )
    assert user_message(Invalid("title", "A title is required.")) == "A title is required."


def test_an_unavailable_store_is_explained_without_its_address() -> None:
    message = user_message(StoreUnavailable("PostgreSQL at postgresql://db.internal:5432 is unreachable"))

    assert message == UNAVAILABLE_ERROR
    assert "db.internal" not in message


def test_any_other_error_becomes_the_generic_sentence() -> None:
    assert user_message(KeyError("users.password_hash")) == GENERIC_ERROR


def test_the_backend_exception_handler_toasts_without_the_traceback() -> None:
    spec = toast_for_error(ValueError("SELECT secret FROM internals"))

    rendered = str(spec)
    assert "secret" not in rendered
    assert "Something went wrong" in rendered
