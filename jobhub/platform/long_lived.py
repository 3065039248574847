"""Objects a process keeps for its whole life, moved out of the garbage collector's way.

The city gazetteer and the search vocabulary are millions of small objects that live as long
as the process. Each full collection of CPython's cyclic collector walks every one of them:
at a million jobs that was a pause of 190-260 ms, several times a minute, landing on whichever
search was running (measured with ``gc.callbacks`` around the search benchmark's mix).
``gc.freeze()`` moves everything alive now to a permanent generation the collector skips;
reference counting still frees what is dropped later (a replaced vocabulary).
"""

from __future__ import annotations

import gc


def freeze_long_lived() -> None:
    """Collect what is garbage now, then freeze the rest: call once the long-lived caches are read."""
    gc.collect()
    gc.freeze()
