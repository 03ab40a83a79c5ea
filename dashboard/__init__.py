"""Data layer and shared presentation helpers for the policing accountability dashboard."""
