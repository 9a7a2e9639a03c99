from . import coalitions, organisations, support  # noqa: F401  (registers the ModelAdmins)
