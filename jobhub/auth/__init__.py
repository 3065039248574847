"""The `auth` context (PostgreSQL schema `auth`)."""
