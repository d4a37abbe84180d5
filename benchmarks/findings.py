"""Output formats at many findings, measured in one process (``python benchmarks/run.py --findings``).

For N = 80,000 and 400,000 unused data items (N REF002 findings): the check itself
(``privlint.engine.lint``), then each output format rendered from its result, and whether
rendering grows linearly. Then the HTML report of 10,000 activities against the check of
the same policy. Everything is compared with the check in the same run, never with a fixed
number of seconds. The cyclic garbage collector is paused as the command line pauses it.
"""

from __future__ import annotations

import gc
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import generate
import run

from privlint.config import Config
from privlint.engine import lint
from privlint.loading import collector_paused
from privlint.report import render_report
from privlint.reporters import REPORTERS, reporter
from privlint.result import Result

CONFIG = Config(use_baseline=False, use_waivers=False)
T = TypeVar("T")


def timed(work: Callable[[], T]) -> tuple[float, T]:
    start = time.perf_counter()
    value = work()
    return time.perf_counter() - start, value


def check(path: Path) -> tuple[float, Result]:
    return timed(lambda: lint([path], CONFIG))


def rendered(name: str, result: Result) -> tuple[float, int]:
    """Seconds to render ``result`` as ``name``, and the length of the text.

    The text is dropped and the garbage collected before the next format is timed, so that
    no format renders beside the previous one's hundreds of megabytes.
    """
    render = reporter(name)
    with collector_paused():
        seconds, text = timed(lambda: render(result))
    size = len(text)
    del text
    gc.collect()
    return seconds, size


def formats_at(count: int) -> tuple[float, dict[str, float]]:
    """The check's seconds and each format's rendering seconds at ``count`` findings."""
    path = generate.write_unused_items(count)
    seconds, result = check(path)
    print(f"{count:,} findings: check {seconds:.2f} s ({path.stat().st_size / 2**20:.1f} MiB)", flush=True)
    rendering: dict[str, float] = {}
    for name in REPORTERS:
        rendering[name], size = rendered(name, result)
        print(f"  {name:<9} {rendering[name]:7.2f} s  ({size / 2**20:.1f} MiB)", flush=True)
    return seconds, rendering


def main() -> int:
    print(run.environment(run.tool("privlint"), None), flush=True)
    results = {count: formats_at(count) for count in run.FINDINGS}
    checks: list[tuple[str, float, float]] = []
    small, large = run.FINDINGS
    for count, (seconds, rendering) in results.items():
        checks.extend(
            (f"{count:,} findings: {name} / check", value / seconds, run.MAX_FORMAT_VS_CHECK)
            for name, value in rendering.items()
        )
    for name in REPORTERS:
        growth = results[large][1][name] / max(results[small][1][name], 1e-6)
        checks.append((f"{name}: time x for {large // small}x the findings", growth, run.MAX_FINDINGS_GROWTH))
    path = generate.write(10_000)
    seconds, result = check(path)
    with collector_paused():
        report_seconds, page = timed(lambda: render_report(result))
    print(f"10,000 activities: check {seconds:.2f} s, HTML report {report_seconds:.2f} s ({len(page) / 2**20:.1f} MiB)")
    checks.append(("10000 activities: HTML report / check", report_seconds / seconds, run.MAX_REPORT_VS_CHECK))
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    print(f"load average at the end: {load:.2f}")
    missed = 0
    for what, measured, limit in checks:
        met = measured <= limit
        missed += not met
        print(f"{'ok    ' if met else 'MISSED'} {what}: {measured:.3f} (target <= {limit:g})")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
