"""The data layer: where files live, the schema and its validation, the build, releases and importers, read-only access.

Nothing here imports Streamlit or Plotly (checked by import-linter in `make test`).
"""
