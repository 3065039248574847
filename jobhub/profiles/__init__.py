"""The `profiles` context (PostgreSQL schema `profiles`)."""
