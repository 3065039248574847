"""Long-lived caches leave the collector's generations, so a full collection does not walk them."""

from __future__ import annotations

import gc

from jobhub.platform.long_lived import freeze_long_lived


def test_frozen_objects_are_left_out_of_every_generation() -> None:
    kept = [[i] for i in range(10_000)]
    freeze_long_lived()
    try:
        assert gc.get_freeze_count() >= len(kept)
        assert not any(o is kept for o in gc.get_objects())
    finally:
        gc.unfreeze()
