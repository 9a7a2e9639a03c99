"""What every app's API module shares: authentication, role permissions, pagination,
errors and the schema's defaults. The routes are in config/api.py."""
