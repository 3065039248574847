"""Tables of the `companies` schema."""

from jobhub.platform.event_tables import event_tables

SCHEMA = "companies"

DomainEvent, OutboxEvent = event_tables(SCHEMA)
