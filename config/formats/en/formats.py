"""The Section's English formats (en-gb style): `1 Dec 2026, 20:53`, day before month,
24-hour clock. Dates typed into forms read day/month/year; ISO dates are accepted too,
so scripts and the browser's own date pickers keep working."""

DATE_FORMAT = "j M Y"  # 1 Dec 2026
TIME_FORMAT = "H:i"  # 20:53
DATETIME_FORMAT = "j M Y, H:i"  # 1 Dec 2026, 20:53
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
FIRST_DAY_OF_WEEK = 1  # Monday

# The first is how a date input shows its value.
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%d %b %Y", "%d %B %Y", "%d/%m/%y"]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M:%S.%f",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",
]
TIME_INPUT_FORMATS = ["%H:%M", "%H:%M:%S"]
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
