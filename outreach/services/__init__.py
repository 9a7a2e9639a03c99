"""Outreach business rules, one module per subject (contacts, approaches, imports...)."""
