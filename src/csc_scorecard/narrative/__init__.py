"""Drafted analysis: sentences from assessed facts, and the number formats reports share."""
