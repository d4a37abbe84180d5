"""The legal report of a large synthetic policy: its size, and the time Chromium takes to open it.

    python benchmarks/report_page.py            # 10,000 activities (benchmarks/generate.py)
    python benchmarks/report_page.py 1000

Writes the report with the installed ``privlint report``, then opens it three times in
headless Debian Chromium (Playwright) and prints the medians of: the time from navigation to
the load event (parse and first layout, what a reader waits for) and to the first contentful
paint. Not run by CI: shared machines are too noisy for timing.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

import generate

CHROMIUM = "/usr/bin/chromium"
RUNS = 3


def main(argv: list[str]) -> int:
    activities = int(argv[0]) if argv else 10_000
    policy = generate.write(activities)
    report = policy.with_suffix(".report.html")
    privlint = Path(sys.executable).with_name("privlint")
    started = time.perf_counter()
    command = [str(privlint), "report", str(policy), "-o", str(report), "--no-baseline"]
    subprocess.run(command, check=True, cwd=Path(__file__).resolve().parents[1])
    written = time.perf_counter() - started
    loads, paints = [], []
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        for _ in range(RUNS):
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(report.as_uri(), wait_until="load", timeout=300_000)
            loads.append(page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd") / 1000)
            paints.append(page.evaluate("performance.getEntriesByName('first-contentful-paint')[0].startTime") / 1000)
            page.close()
        browser.close()
    size = report.stat().st_size
    print(f"{activities} activities: report {size / 2**20:.1f} MiB, written in {written:.1f} s")
    load, paint = statistics.median(loads), statistics.median(paints)
    print(f"Chromium: load event {load:.2f} s, first contentful paint {paint:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
