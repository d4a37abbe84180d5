"""Time whole processes of ``privlint check`` against ``check-jsonschema`` on the same files, in one run.

    python benchmarks/run.py              # seed policy + 7, 100, 1,000, 10,000 and 50,000 activities
    python benchmarks/run.py --quick      # seed policy + 7 and 1,000 activities, fewer repeats
    python benchmarks/run.py --findings   # the output formats at 80,000 and 400,000 findings

Each size is run with warm-up and repeats, the tools alternating so that all see the same
machine load. Two yardsticks run in the same minutes: ``python -c pass`` (a bare interpreter
start) and ``privlint --version``. The script prints medians, the ratio privlint /
check-jsonschema, the peak memory (maximum resident set size) of each process and how time
grows with size, and exits with 1 when a target of issue 16 is missed (2 when a tool fails).
Every target is a ratio against a peer measured in the same run, since absolute times differ
by 2x between machines of one kind. check-jsonschema is not run at 50,000 activities (it
would take about ten minutes); that size is measured for privlint's growth.

``--findings`` measures in one process: the check of a policy with N unused data items (N
REF002 findings), then each output format rendered from its result, and the HTML report of
10,000 activities. It is not part of CI: CI machines are too noisy for timing;
``tests/test_linear.py`` guards complexity by counting.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import generate

REPO = Path(__file__).resolve().parents[1]
SCHEMA = REPO / "schemas" / "policy.schema.json"
SEED = REPO / "policy"
SYNTHETIC_CONFIG = Path(__file__).resolve().parent / "privlint.toml"  # for the synthetic policies
GIB = 1024**3

# Issue 16's targets, each a ratio against a peer measured in the same run.
MAX_SEED_RATIO = 0.20  # privlint / check-jsonschema on the seed policy
MAX_SEED_VS_PYTHON = 5.0  # privlint on the seed / `python -c pass`
MAX_VERSION_VS_PYTHON = 2.0  # `privlint --version` / `python -c pass`
MAX_1000_RATIO = 0.06
MAX_10000_RATIO = 0.05
MAX_10000_MEMORY_RATIO = 0.5  # privlint's peak RSS / check-jsonschema's
MAX_GROWTH = 10.5  # 10x the activities may cost at most 10.5x the time
MAX_FORMAT_VS_CHECK = 1.0  # rendering one format costs at most as much again as the check
MAX_FINDINGS_GROWTH = 5.5  # 5x the findings may cost at most 5.5x the rendering time
MAX_REPORT_VS_CHECK = 2.0  # the HTML report of 10,000 activities / the check of them
FINDINGS = (80_000, 400_000)
YARDSTICKS = ("python -c pass", "privlint --version")


@dataclass
class Timing:
    """Wall and CPU times (seconds) and peak resident memory (bytes) of repeated runs of one command."""

    seconds: list[float] = field(default_factory=list)
    cpu_seconds: list[float] = field(default_factory=list)  # user + system: less sensitive to other load
    peak_bytes: list[int] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu_seconds)

    @property
    def peak(self) -> int:
        return max(self.peak_bytes)


@dataclass
class Row:
    label: str  # "seed" or the activity count
    activities: int
    file_bytes: int
    privlint: Timing
    baseline: Timing | None
    yardsticks: dict[str, Timing] = field(default_factory=dict)  # measured beside the seed

    @property
    def ratio(self) -> float | None:
        return self.privlint.median / self.baseline.median if self.baseline else None


def environment_for_tools() -> dict[str, str]:
    """The environment of the timed processes: with bytecode caching, as an installed tool has.

    ``PYTHONDONTWRITEBYTECODE`` (set in some containers) would make every run compile the
    project from source (~80 ms); the cache goes to ``benchmarks/out/pycache`` instead of the
    source tree, and a priming run fills it before anything is timed.
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(generate.OUT / "pycache")
    return env


ENV = environment_for_tools()


def run_once(command: Sequence[str]) -> tuple[float, float, int, int]:
    """Run ``command``: wall time, CPU time, peak RSS in bytes (the kernel's rusage) and exit code."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=REPO, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.stderr is not None:
        error = process.stderr.read().decode("utf-8", "replace")
        process.stderr.close()
        if process.returncode not in (0, 1) or (error and "Traceback" in error):
            sys.stderr.write(f"{' '.join(command)} failed ({process.returncode}):\n{error}")
    cpu = usage.ru_utime + usage.ru_stime
    return elapsed, cpu, usage.ru_maxrss * 1024, process.returncode  # ru_maxrss is in KiB on Linux


def measure(commands: dict[str, list[str]], warmup: int, runs: dict[str, int]) -> dict[str, Timing]:
    """Time each command ``runs[name]`` times after ``warmup`` runs, alternating between commands."""
    timings = {name: Timing() for name in commands}
    for name, command in commands.items():
        for _ in range(min(warmup, runs[name])):
            _check(name, command, run_once(command)[-1])
    for round_number in range(max(runs.values())):
        for name, command in commands.items():
            if round_number < runs[name]:
                seconds, cpu, peak, code = run_once(command)
                _check(name, command, code)
                timings[name].seconds.append(seconds)
                timings[name].cpu_seconds.append(cpu)
                timings[name].peak_bytes.append(peak)
    return timings


class ToolError(Exception):
    pass


def _check(name: str, command: Sequence[str], code: int) -> None:
    # privlint: 0 clean, 1 findings (the synthetic policies have some on purpose), 2 error.
    # check-jsonschema: 0 valid; the synthetic policies are schema-valid, so anything else is an error.
    if code == 2 or (name == "check-jsonschema" and code != 0):
        raise ToolError(f"{' '.join(command)} exited with {code}")


def tool(name: str) -> str:
    """The tool installed beside this interpreter (a venv's bin/), else the one on PATH."""
    beside = Path(sys.executable).with_name(name)
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        raise ToolError(f"{name} is not installed (pip install -e '.[bench]')")
    return found


def commands_for(label: str, privlint: str, baseline: str | None) -> tuple[dict[str, list[str]], int, int]:
    """The commands for one size (with the yardsticks), the number of activities and the bytes checked."""
    if label == "seed":
        files = sorted(SEED.glob("*.yaml"))
        activities = -1
        target: list[str] = [str(SEED.relative_to(REPO))]
    else:
        activities = int(label)
        path = generate.write(activities)
        files = [path]
        target = [str(path)]
    settings = [] if label == "seed" else ["--config", str(SYNTHETIC_CONFIG.relative_to(REPO))]
    commands = {"privlint": [privlint, "check", *settings, *target]}
    if baseline is not None and activities < 50_000:
        commands["check-jsonschema"] = [baseline, "--schemafile", str(SCHEMA), *map(str, files)]
    if label == "seed":
        commands[YARDSTICKS[0]] = [sys.executable, "-c", "pass"]
        commands[YARDSTICKS[1]] = [privlint, "--version"]
    return commands, activities, sum(f.stat().st_size for f in files)


def runs_for(activities: int, *, quick: bool) -> tuple[int, int, int]:
    """(warm-up runs, privlint runs, check-jsonschema runs) for a size."""
    if activities >= 50_000:
        return (0, 1, 0)
    if activities >= 10_000:
        return (1, 3, 1) if not quick else (0, 1, 1)
    if activities >= 1_000:
        return (1, 7, 3) if not quick else (1, 3, 1)
    return (2, 15, 9) if not quick else (1, 5, 3)


def targets(rows: list[Row]) -> list[tuple[str, float, float, bool]]:
    """Each applicable target: (what, measured, limit, met)."""
    checks: list[tuple[str, float, float, bool]] = []

    def add(what: str, measured: float, limit: float) -> None:
        checks.append((what, measured, limit, measured <= limit))

    by_activities = _synthetic(rows)
    for row in rows:
        if row.label == "seed":
            python = row.yardsticks[YARDSTICKS[0]].median
            add("seed: privlint / python -c pass", row.privlint.median / python, MAX_SEED_VS_PYTHON)
            add(
                "privlint --version / python -c pass",
                row.yardsticks[YARDSTICKS[1]].median / python,
                MAX_VERSION_VS_PYTHON,
            )
            if row.ratio is not None:
                add("seed: privlint / check-jsonschema", row.ratio, MAX_SEED_RATIO)
        if row.activities == 1_000 and row.ratio is not None:
            add("1000: privlint / check-jsonschema", row.ratio, MAX_1000_RATIO)
        if row.activities == 10_000 and row.baseline is not None and row.ratio is not None:
            add("10000: privlint / check-jsonschema", row.ratio, MAX_10000_RATIO)
            add(
                "10000: peak memory privlint / check-jsonschema",
                row.privlint.peak / row.baseline.peak,
                MAX_10000_MEMORY_RATIO,
            )
        smaller = _ten_times_fewer(row, by_activities)
        if smaller is not None:
            add(
                f"growth {smaller.activities} -> {row.activities}: time x",
                row.privlint.median / smaller.privlint.median,
                MAX_GROWTH,
            )
    return checks


def _synthetic(rows: list[Row]) -> dict[int, Row]:
    return {row.activities: row for row in rows if row.label != "seed"}


def _ten_times_fewer(row: Row, by_activities: dict[int, Row]) -> Row | None:
    """The synthetic row with a tenth of ``row``'s activities, for the growth factor."""
    if row.label == "seed" or row.activities % 10:
        return None
    return by_activities.get(row.activities // 10)


def table(rows: list[Row]) -> str:
    head = (
        "| policy | size | privlint median | check-jsonschema median | ratio | privlint CPU median "
        "| privlint peak RSS | check-jsonschema peak RSS | privlint time vs 10x fewer activities |"
    )
    lines = [head, "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    by_activities = _synthetic(rows)
    for row in rows:
        name = "seed (`policy/`, 7 activities)" if row.label == "seed" else f"{row.activities:,} activities"
        smaller = _ten_times_fewer(row, by_activities)
        growth = f"{row.privlint.median / smaller.privlint.median:.1f}x" if smaller else ""
        baseline = row.baseline
        lines.append(
            f"| {name} | {_size(row.file_bytes)} | {row.privlint.median:.3f} s "
            f"| {f'{baseline.median:.2f} s' if baseline else '-'} "
            f"| {f'{row.ratio:.2f}' if row.ratio is not None else '-'} "
            f"| {row.privlint.cpu_median:.3f} s "
            f"| {row.privlint.peak / 2**20:.0f} MiB | {f'{baseline.peak / 2**20:.0f} MiB' if baseline else '-'} "
            f"| {growth} |"
        )
    return "\n".join(lines)


def _size(count: int) -> str:
    if count >= 2**20:
        return f"{count / 2**20:.1f} MiB"
    return f"{count / 1024:.0f} KiB"


def environment(privlint: str, baseline: str | None) -> str:
    version: Callable[[str], str] = lambda exe: subprocess.run(  # noqa: E731
        [exe, "--version"], capture_output=True, text=True, check=False, cwd=REPO, env=ENV
    ).stdout.strip()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    parts = [
        f"Python {platform.python_version()}",
        f"{os.cpu_count()} CPUs",
        f"load {load:.2f}",
        version(privlint),
        installation(privlint),
        version(baseline) if baseline else "check-jsonschema not run",
    ]
    return "; ".join(parts)


def installation(privlint: str) -> str:
    """How privlint is installed beside ``privlint``: an editable install costs every process of that venv.

    Its import hook is loaded at every start (``python -c pass`` included): about 10 ms
    (2026-12-04). The README's main command is a regular install (``pip install .``), so
    the figures of the README are measured in such a venv.
    """
    venv = Path(privlint).resolve().parent.parent
    editable = any(venv.glob("lib/python*/site-packages/__editable__*privlint*"))
    return "editable install (pip install -e)" if editable else "regular install (pip install .)"


def parse(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="seed, 7 and 1,000 activities with fewer repeats")
    parser.add_argument("--sizes", help="comma-separated: seed and/or activity counts (default: all)")
    parser.add_argument("--no-baseline", action="store_true", help="time privlint only (ratios are not checked)")
    parser.add_argument("--findings", action="store_true", help="the output formats at 80,000 and 400,000 findings")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    options = parse(sys.argv[1:] if argv is None else argv)
    if options.findings:
        import findings  # noqa: PLC0415 - only this mode imports privlint into the benchmark process

        return findings.main()
    default = ["seed", "7", "1000"] if options.quick else ["seed", *map(str, generate.SIZES), "50000"]
    labels = options.sizes.split(",") if options.sizes else default
    try:
        privlint = tool("privlint")
        baseline = None if options.no_baseline else tool("check-jsonschema")
        print(environment(privlint, baseline), flush=True)
        prime, _, _ = commands_for("seed", privlint, baseline)
        measure(prime, 0, dict.fromkeys(prime, 1))  # fills the bytecode cache; not reported
        rows = []
        for label in labels:
            commands, activities, size = commands_for(label, privlint, baseline)
            warmup, runs, baseline_runs = runs_for(activities, quick=options.quick)
            print(f"{label}: {size:,} bytes, {runs} runs of privlint, {baseline_runs} of check-jsonschema", flush=True)
            repeats = {"privlint": runs, "check-jsonschema": baseline_runs} | dict.fromkeys(YARDSTICKS, runs)
            timings = measure(commands, warmup, repeats)
            activities = 7 if label == "seed" else activities
            yardsticks = {name: timings[name] for name in YARDSTICKS if name in timings}
            row = Row(label, activities, size, timings["privlint"], timings.get("check-jsonschema"), yardsticks)
            rows.append(row)
    except ToolError as error:
        print(f"benchmark: {error}", file=sys.stderr)
        return 2
    print()
    print(table(rows))
    for row in rows:
        for name, timing in row.yardsticks.items():
            print(f"`{name}`: median {timing.median:.3f} s (in the same run as the seed)")
    print()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    if load > 0.5 * (os.cpu_count() or 1):
        print(f"note: load average {load:.1f} on {os.cpu_count()} CPUs: wall times include waiting for other work")
    missed = 0
    for what, measured, limit, met in targets(rows):
        missed += not met
        print(f"{'ok    ' if met else 'MISSED'} {what}: {measured:.3f} (target <= {limit:g})")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
