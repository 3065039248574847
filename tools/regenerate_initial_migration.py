"""Rewrite ``0001_initial_schema`` from the models (only while nothing has been released).

Autogenerates against a throwaway embedded PostgreSQL, with the later revisions moved aside so
that the empty database counts as up to date.
Run from the project root: ``.venv/bin/python -m tools.regenerate_initial_migration``.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from alembic import command
from alembic.config import Config

from jobhub.platform.db import embedded_database_url, stop_embedded_server

ROOT = Path(__file__).resolve().parent.parent
VERSIONS = ROOT / "alembic" / "versions"


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="jobhub-autogen-"))
    aside = work / "aside"
    aside.mkdir()
    for path in VERSIONS.glob("*.py"):
        if path.name.startswith("0001_"):
            path.unlink()
        else:
            shutil.move(path, aside / path.name)
    try:
        config = Config(str(ROOT / "alembic.ini"))
        config.attributes["url"] = embedded_database_url(work / "data", "autogen")
        command.revision(config, message="initial schema", autogenerate=True, rev_id="0001")
    finally:
        for path in aside.glob("*.py"):
            shutil.move(path, VERSIONS / path.name)
        stop_embedded_server(work / "data")
        shutil.rmtree(work, ignore_errors=True)
    subprocess.run([str(ROOT / ".venv/bin/ruff"), "format", str(VERSIONS)], check=False)
    subprocess.run([str(ROOT / ".venv/bin/ruff"), "check", "--fix", "-q", str(VERSIONS)], check=False)


if __name__ == "__main__":
    main()
