"""`python manage.py advise_event FILE.json`: the event advisor's answer as JSON on stdout."""

import json
import sys

from django.core.management.base import BaseCommand

from risk.advisor import InvalidEvent, advise_json

INVALID_INPUT = 2


class Command(BaseCommand):
    help = "Advise on a planned event described in a JSON file ('-' reads standard input)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="The event as JSON (see risk/advisor.py).")

    def handle(self, *args, file: str, **options) -> None:
        try:
            data = json.load(sys.stdin) if file == "-" else self._read(file)
            advice = advise_json(data)
        except (OSError, ValueError) as error:  # InvalidEvent and JSONDecodeError are ValueErrors
            message = str(error) if isinstance(error, InvalidEvent) else f"{file}: {error}"
            self.stderr.write(message)
            sys.exit(INVALID_INPUT)
        self.stdout.write(json.dumps(advice, indent=2, ensure_ascii=False))

    @staticmethod
    def _read(path: str):
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
