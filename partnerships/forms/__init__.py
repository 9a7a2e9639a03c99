"""Forms validate input only; the rules live in partnerships.services."""
