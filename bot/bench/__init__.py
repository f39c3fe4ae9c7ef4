"""Benchmarks that print figures (`waypoint bench ...`); not timed tests."""
