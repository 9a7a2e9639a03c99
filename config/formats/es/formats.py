"""Spanish formats: the same shapes as French (`1 dic 2026 20:53`, day before month,
24-hour clock); only the thousands separator differs."""

from config.formats.fr.formats import *  # noqa: F403

THOUSAND_SEPARATOR = "."
DATE_FORMAT = "j b Y"  # 1 dic 2026
DATETIME_FORMAT = "j b Y H:i"
