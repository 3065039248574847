"""A form field's label, help text and error are tied to its input for screen readers."""

from __future__ import annotations

from jobhub.ui.forms import field_ids, form_field


def test_label_help_and_error_point_at_the_input() -> None:
    rendered = str(form_field("Email", "email", help_text="We never share it", error="Enter an email"))
    input_id, help_id, error_id = field_ids("email")

    assert f'htmlFor:"{input_id}"' in rendered
    assert f'id:"{input_id}"' in rendered
    assert f'"aria-describedby":"{help_id} {error_id}"' in rendered
    assert '"aria-live":"polite"' in rendered


def test_a_field_without_help_text_is_described_by_its_error_only() -> None:
    rendered = str(form_field("Title", "title", error=None))

    assert '"aria-describedby":"field-title-error"' in rendered
    assert "field-title-help" not in rendered
