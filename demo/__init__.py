"""Demo data for `seed_demo`, apart from the domain code."""
