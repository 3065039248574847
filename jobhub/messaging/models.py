"""Tables of the `messaging` schema."""

from jobhub.platform.event_tables import event_tables

SCHEMA = "messaging"

DomainEvent, OutboxEvent = event_tables(SCHEMA)
