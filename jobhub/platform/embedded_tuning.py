"""Memory settings for the embedded PostgreSQL server, sized to the machine it runs on.

PostgreSQL's stock ``shared_buffers`` is 128 MB, sized for a shared host decades ago. At a
million jobs the search reads about 3 GB (the search rows, their vectors and the GIN index),
so with the stock size every search goes through the kernel's page cache, and on a machine
whose page cache is reclaimed by its host (this one: 13 GB cached after a load, 2.3 GB
minutes later) the same search took 40 ms or 1.2 s (measured, ``python -m jobhub bench
search``). A quarter of the memory in shared buffers is the usual advice and keeps the hot
pages in the server's own memory, which Linux only pages in as it is used.

The settings are written to ``jobhub.conf`` in the data directory on every start, and
``postgresql.conf`` includes it, so a changed machine or a changed rule applies at the next
server start; a server that is already running keeps its settings until then.
"""

from __future__ import annotations

import os
import shutil
from functools import cache
from pathlib import Path

MIB = 1024 * 1024
SHARED_BUFFERS_SHARE = 0.25
SHARED_BUFFERS_MAX_MIB = 8 * 1024
SHARED_BUFFERS_MIN_MIB = 128
CACHE_SHARE = 0.5
SETTINGS_FILE = "jobhub.conf"
INCLUDE_LINE = f"include_if_exists = '{SETTINGS_FILE}'"
CGROUP_LIMITS = (Path("/sys/fs/cgroup/memory.max"), Path("/sys/fs/cgroup/memory/memory.limit_in_bytes"))


def machine_memory_bytes() -> int:
    """Physical memory, or the container's limit when it sets a lower one."""
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    for limit_file in CGROUP_LIMITS:
        try:
            limit = limit_file.read_text().strip()
        except OSError:
            continue
        if limit.isdigit():
            memory = min(memory, int(limit))
    return memory


def memory_settings(memory_bytes: int) -> dict[str, str]:
    """``shared_buffers`` a quarter of ``memory_bytes`` (128 MB to 8 GB), and the planner told
    that half of it caches data."""
    memory_mib = memory_bytes // MIB
    shared = int(min(SHARED_BUFFERS_MAX_MIB, max(SHARED_BUFFERS_MIN_MIB, memory_mib * SHARED_BUFFERS_SHARE)))
    cached = max(shared, int(memory_mib * CACHE_SHARE))
    return {"shared_buffers": f"{shared}MB", "effective_cache_size": f"{cached}MB"}


def write_settings(pgdata: Path, settings: dict[str, str]) -> None:
    """Write ``settings`` to the data directory's ``jobhub.conf`` and include it once."""
    lines = [f"{name} = '{value}'" for name, value in settings.items()]
    (pgdata / SETTINGS_FILE).write_text("# written by jobhub at each start\n" + "\n".join(lines) + "\n")
    conf = pgdata / "postgresql.conf"
    text = conf.read_text()
    if INCLUDE_LINE not in text:
        conf.write_text(f"{text.rstrip()}\n{INCLUDE_LINE}\n")


@cache
def tuned_server_class() -> type:
    """pgserver's server class, writing the settings between ``initdb`` and the start (built on
    first use: pgserver is imported only when the embedded server is)."""
    from pgserver.postgres_server import PostgresServer

    class TunedPostgresServer(PostgresServer):
        def ensure_pgdata_inited(self) -> None:
            super().ensure_pgdata_inited()
            write_settings(self.pgdata, memory_settings(machine_memory_bytes()))
            if self.system_user is not None:
                shutil.chown(self.pgdata / SETTINGS_FILE, user=self.system_user)

    return TunedPostgresServer
