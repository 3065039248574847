"""Tables of the `profiles` schema."""

from jobhub.platform.event_tables import event_tables

SCHEMA = "profiles"

DomainEvent, OutboxEvent = event_tables(SCHEMA)
