"""`make bench`: benchmarks arrive with the benchmark issue; this lists what exists."""

import sys

if __name__ == "__main__":
    print("No benchmarks yet: they arrive with the mailing and scale issues.")
    sys.exit(0)
