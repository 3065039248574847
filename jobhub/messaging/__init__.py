"""The `messaging` context (PostgreSQL schema `messaging`)."""
