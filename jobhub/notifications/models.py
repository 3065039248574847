"""Tables of the `notifications` schema."""

from jobhub.platform.event_tables import event_tables

SCHEMA = "notifications"

DomainEvent, OutboxEvent = event_tables(SCHEMA)
