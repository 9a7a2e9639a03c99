"""Every write of the evaluation app, one place each (STYLE.md)."""
