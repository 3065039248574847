"""The `companies` context (PostgreSQL schema `companies`)."""
