"""Forms of the partnerships app, one module per topic: they validate input only."""
