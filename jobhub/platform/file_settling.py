"""Stored files that follow their transaction: the one a row stopped naming, or the one just written.

Files are written by ``platform/storage.py`` before the database row points at them, so the
two can only disagree for the length of a transaction. :func:`settle_files` closes that gap
both ways: once the transaction commits, the file the row no longer names is deleted; if it
rolls back, the file just written is, so neither a replaced or deleted file nor a failed upload
lingers. Company logos and seekers' resumes both use it.
"""

from __future__ import annotations

from sqlalchemy import event
from sqlalchemy.orm import SessionTransaction
from sqlmodel import Session

from jobhub.platform import storage


def settle_files(db: Session, *, drop_on_commit: str | None, drop_on_rollback: str | None) -> None:
    """Delete stored file ``drop_on_commit`` after this transaction commits, or ``drop_on_rollback``
    if it rolls back (savepoints inside it do not count). Either is a key, a public URL or ``None``."""
    settled = False

    def finish(key: str | None) -> None:
        nonlocal settled
        if settled:
            return
        settled = True
        storage.delete(storage.key_of_public_url(key) or key)

    def committed(_: Session) -> None:
        finish(drop_on_commit)

    def rolled_back(_: Session, previous: SessionTransaction) -> None:
        if previous.parent is None:
            finish(drop_on_rollback)

    event.listen(db, "after_commit", committed)
    event.listen(db, "after_soft_rollback", rolled_back)
