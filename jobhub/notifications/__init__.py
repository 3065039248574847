"""The `notifications` context (PostgreSQL schema `notifications`)."""
