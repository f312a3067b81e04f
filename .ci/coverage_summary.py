"""Print the coverage of each app and the total from coverage.py's JSON report.

Usage: coverage_summary.py coverage.json. Statements are summed per top-level package, so an
app's figure weighs its big modules more, as the total does.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict


def main(path: str) -> None:
    with open(path, encoding="utf-8") as file:
        report = json.load(file)
    apps: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for name, data in report["files"].items():
        app = name.replace("\\", "/").split("/", 1)[0]
        summary = data["summary"]
        apps[app][0] += summary["covered_lines"]
        apps[app][1] += summary["num_statements"]
    print(f"{'app':<12}{'statements':>12}{'missed':>10}{'covered':>10}")
    for app, (covered, statements) in sorted(apps.items()):
        share = 100 * covered / statements if statements else 100.0
        print(f"{app:<12}{statements:>12}{statements - covered:>10}{share:>9.1f}%")
    totals = report["totals"]
    print(
        f"{'total':<12}{totals['num_statements']:>12}{totals['missing_lines']:>10}"
        f"{totals['percent_covered']:>9.1f}%"
    )


if __name__ == "__main__":
    main(sys.argv[1])
