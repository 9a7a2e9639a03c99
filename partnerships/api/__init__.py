"""The partnerships app's REST API; config/api.py routes it."""
