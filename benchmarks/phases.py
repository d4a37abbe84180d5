"""Where one check's time goes, phase by phase, beside the floors the libraries set (issue 16).

    python benchmarks/phases.py                       # 10,000 activities
    python benchmarks/phases.py benchmarks/out/policy-1000.yaml --rules 10

Measured in one process with the garbage collector off, as the console script runs. CPU
seconds (``time.process_time``), the best of ``--repeat`` runs of each phase, so that other
load on the machine counts less. Each phase's input comes from the one before.

The floors: ``libyaml raw`` is libyaml parsing the text with no Python object made
(PyYAML's ``CParser.raw_parse``); ``libyaml events`` is PyYAML's C binding handing every
event to Python and nothing else done with it (``get_event`` in a loop). A reader that
keeps the line and column of every node cannot take less than the second with the
libraries the project uses: everything privlint's reader does is on top of it. ``rules``
is each model rule run on the built model, one after the other; the list shows the most
costly, run once in the check's order and a second time (the caches of names they share
are then full), and what the other rules take together.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import generate

if TYPE_CHECKING:
    from privlint.model import Policy
    from privlint.rules import Rule

OUT = Path(__file__).resolve().parent / "out"


def best(action: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """The least CPU time of ``repeat`` runs of ``action``, and what its last run returned."""
    times, value = [], None
    for _ in range(repeat):
        start = time.process_time()
        value = action()
        times.append(time.process_time() - start)
    return min(times), value


def events(text: str) -> int:
    from yaml import _yaml  # noqa: PLC0415 - libyaml through PyYAML, as the reader uses it

    parser = _yaml.CParser(text)
    count = 0
    while parser.get_event() is not None:
        count += 1
    return count


def raw(text: str) -> int:
    from yaml import _yaml  # noqa: PLC0415

    return int(_yaml.CParser(text).raw_parse())


def run_once(rule: Rule, policy: Policy) -> float:
    """The CPU time of one run of ``rule`` on ``policy``, its hits collected."""
    start = time.process_time()
    list(rule(policy))
    return time.process_time() - start


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("policy", nargs="?", type=Path, help="a policy file (default: 10,000 activities)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each phase; the least time counts")
    parser.add_argument("--rules", type=int, default=15, help="how many of the most costly rules to list")
    options = parser.parse_args(argv)
    path = options.policy or generate.write(10_000)
    gc.disable()

    started = time.process_time()
    from yaml import _yaml  # noqa: F401, PLC0415 - imported by the reader; not counted in the floors

    from privlint import catalogue, loading, model, schema  # noqa: PLC0415
    from privlint.rules import Stage  # noqa: PLC0415

    rules = [rule for rule in catalogue.registry().values() if rule.stage is Stage.MODEL]
    imports = time.process_time() - started
    text = path.read_text(encoding="utf-8")
    repeat = options.repeat
    phases: list[tuple[str, float]] = [("imports (privlint, PyYAML) and the rule registry", imports)]
    phases.append(("  floor: libyaml raw (no Python objects)", best(lambda: raw(text), repeat)[0]))
    seconds, count = best(lambda: events(text), repeat)
    phases.append((f"  floor: libyaml events ({count:,}) handed to Python", seconds))
    seconds, source = best(lambda: loading.load([path], max_bytes=1 << 30), repeat)
    phases.append(("reading (privlint's reader: data and positions)", seconds))
    phases.append(("schema", best(lambda: schema.validate(source.data), repeat)[0]))
    settings = model.Settings(eu_only=True, audience=(), today=dt.date(2026, 12, 4))
    seconds, policy = best(lambda: model.build(source.data, settings), repeat)
    phases.append(("model", seconds))
    # The rules once in the check's order (the caches they share fill as in a check), then again.
    cold = {rule.code: run_once(rule, policy) for rule in rules}
    warm = {rule.code: run_once(rule, policy) for rule in rules}
    phases.append((f"rules ({len(rules)}, one after the other)", sum(cold.values())))
    phases.append(("rules, a second time (their shared caches full)", sum(warm.values())))

    print(f"{path.name}: {path.stat().st_size / 2**20:.1f} MiB; CPU seconds (best of {repeat}; the rules: once)")
    for name, seconds in phases:
        print(f"{name:<56} {seconds:8.3f}")
    ranked = sorted(cold, key=cold.__getitem__, reverse=True)
    print(f"{'    the most costly rules (first run, second run)':<56}")
    for code in ranked[: options.rules]:
        print(f"    {code:<52} {cold[code]:8.3f} {warm[code]:8.3f}")
    rest = ranked[options.rules :]
    if rest:
        most = max(cold[code] for code in rest)
        label = f"{len(rest)} other rules ({most:.3f} s or less each)"
        print(f"    {label:<52} {sum(cold[c] for c in rest):8.3f} {sum(warm[c] for c in rest):8.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
