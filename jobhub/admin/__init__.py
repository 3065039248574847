"""The admin package."""
