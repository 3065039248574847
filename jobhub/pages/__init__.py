"""Pages that belong to no single context: landing, placeholders, errors, and the page registry."""
