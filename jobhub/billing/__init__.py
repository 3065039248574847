"""The `billing` context (PostgreSQL schema `billing`)."""
