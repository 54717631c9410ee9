"""Hostile inputs: a generated corpus of malformed files, property tests and safe-write tests."""
