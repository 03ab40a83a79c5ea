"""About the data and the accessibility statement (model, blocks)."""
