"""What the logging filter costs per line (decision 0014). Run on demand:

    .venv/bin/python tests/benchmarks/bench_log_filter.py

Prints microseconds per line for plain lines and for lines full of identifiers; the filter runs
on every log line our processes write, so it must cost microseconds (the de-identification
engine, 40–160 µs a line, would not do).
"""

from __future__ import annotations

import os
import sys
import timeit
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "helpdesk.settings")

from helpdesk.logging import mask

LINES = {
    "access line with a token": (
        '127.0.0.1:52344 - "GET /track/HD-2026-7K3QX/?token=Yq3k0x6mJ1c9r2Hn8bVt HTTP/1.1" 302'
    ),
    "plain line": "Not Found: /archive/12345/",
    "identifiers": "Receipt to le.van.hoi@example.com, phone 0912 345 678, CCCD 001203004567",
}


def main() -> None:
    runs = 20000
    for name, line in LINES.items():
        best = min(timeit.repeat(lambda line=line: mask(line), number=runs, repeat=5))
        print(f"{name:28s} {best / runs * 1e6:6.1f} µs per line")


if __name__ == "__main__":
    main()
