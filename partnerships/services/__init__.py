"""Writes with side effects and the rules of DOMAIN.md, one module per area."""
