"""The outreach app's REST API; config/api.py routes it."""
