"""Demo data for `seed_demo`, one module per app, apart from the domain code."""
