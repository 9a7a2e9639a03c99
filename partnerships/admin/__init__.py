"""The admin site's pages for the partner registry, one module per area."""

from . import coalitions, organisations, requests, support  # noqa: F401  (registers the ModelAdmins)
