"""What the About pages say: sources, caveats, loads, and the accessibility statement's known issues."""
