"""The admin site's pages for the partner registry, one module per area."""

from . import requests  # noqa: F401  (registers its ModelAdmins)
