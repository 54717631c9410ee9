"""Judging figures: targets, tolerance bands, direction of travel, benchmarks, SPC signals."""
