"""The analytics package."""
