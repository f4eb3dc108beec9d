"""Public price datasets read into tokencost's schema (importers) and compared with it (cross-check)."""

__all__: list[str] = []
