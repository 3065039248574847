"""Tables of the `billing` schema."""

from jobhub.platform.event_tables import event_tables

SCHEMA = "billing"

DomainEvent, OutboxEvent = event_tables(SCHEMA)
