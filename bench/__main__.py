"""`make bench`: the benchmarks under bench/ (not timed tests: they print figures)."""

import sys

from bench import mailing

if __name__ == "__main__":
    sys.exit(mailing.main())
