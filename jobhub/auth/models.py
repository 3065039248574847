"""Tables of the `auth` schema."""

from jobhub.platform.event_tables import event_tables

SCHEMA = "auth"

DomainEvent, OutboxEvent = event_tables(SCHEMA)
