"""Pure helpers every subject shares: wording of numbers, dates and sources, the grade scale, build-once caching."""
