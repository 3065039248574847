"""``python -m jobhub``: the management commands."""

from jobhub.cli import main

raise SystemExit(main())
