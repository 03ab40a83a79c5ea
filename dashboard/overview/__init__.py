"""The overview: where the chosen force stands, in one screen (model, views, blocks)."""
