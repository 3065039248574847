"""Tables of the `jobs` schema."""

from jobhub.platform.event_tables import event_tables

SCHEMA = "jobs"

DomainEvent, OutboxEvent = event_tables(SCHEMA)
