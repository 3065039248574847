"""What the account page's state may hold and say: no secret, and only our own sentences."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from jobhub.auth import account
from jobhub.auth.account_state import AccountState, EmailConfirmState

SECRET_WORDS = ("password_hash", "hash", "secret", "token", "backup")


def test_no_state_var_is_named_for_a_secret() -> None:
    for state in (AccountState, EmailConfirmState):
        names = [name for name in state.base_vars if not name.startswith("_")]
        assert names
        assert not [name for name in names if any(word in name for word in SECRET_WORDS)]


def test_every_refusal_code_has_a_sentence() -> None:
    codes = [value for name, value in vars(account.RefusalCode).items() if name.isupper()]
    assert codes and all(account.message_for(code) for code in codes)


@given(st.text(max_size=200))
def test_a_code_from_the_url_picks_one_of_our_sentences_or_nothing(code: str) -> None:
    assert account.message_for(code) in {"", *account.MESSAGES.values()}
