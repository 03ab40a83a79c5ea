"""Inspection grades: the force, similar forces and all of England and Wales (model, charts, views, blocks)."""
