"""The engine: computes declared indicators for sets of periods in set-based queries."""
