"""The store: canonical tables in an embedded DuckDB file (or a server database)."""
