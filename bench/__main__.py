"""`make bench`: the benchmarks under bench/ (not timed tests: they print figures).

`python -m bench NAME` runs one of them (mailing, relationship_check)."""

import sys

from bench import mailing, relationship_check

BENCHMARKS = {"mailing": mailing.main, "relationship_check": relationship_check.main}

if __name__ == "__main__":
    chosen = sys.argv[1:] or list(BENCHMARKS)
    sys.exit(max(BENCHMARKS[name]() for name in chosen))
