"""The Panel's briefing pack: what it holds (content), how it reads (sections), the HTML and PDF (pack), made off
the request path (jobs)."""
