"""The `jobs` context (PostgreSQL schema `jobs`)."""
