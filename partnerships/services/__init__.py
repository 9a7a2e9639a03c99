"""Writes and business rules of the partnerships app, one module per topic."""
