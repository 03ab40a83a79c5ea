"""Published figures over time and the metric explorer (model, charts, views, blocks)."""
