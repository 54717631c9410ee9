"""Read council inputs, validate every row against the canonical model, and load the store."""
