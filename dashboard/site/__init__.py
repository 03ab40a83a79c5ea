"""The static edition: the public pages written out as plain HTML, feeds and previews (issue 23)."""
