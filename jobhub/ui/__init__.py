"""The ui package."""
