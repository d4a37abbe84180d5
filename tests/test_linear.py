"""Reading, validating, modelling, checking and locating grow linearly with the policy: counted, not timed.

A register ten times larger may cost at most about eleven times the work (the small policy's
fixed costs make a linear stage come out below ten). Work is the number of Python lines and
calls executed plus the C functions called, counted with ``sys.settrace``/``sys.setprofile``:
it does not depend on the machine or its load, so the test is exact where a timing would be
noisy. A nested scan (a list searched for every reference, a suggestion computed against every
declared id for every unknown reference) shows up as a ratio near 100.

What counting cannot see: work inside one C call (``x in some_list`` is one event whatever the
length of the list). ``benchmarks/run.py`` times whole processes for that.

The policies are the benchmark's synthetic registers (``benchmarks/generate.py``) with a mistake
in every fifth activity, so that the rules have findings to report and suggestions to make.
"""

from __future__ import annotations

import copy
import importlib.util
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import FrameType, ModuleType
from typing import Any

import pytest

from privlint import catalogue, model, schema, yaml_reader
from privlint.config import Config
from privlint.engine import lint
from privlint.loading import Source, load
from privlint.reporters import REPORTERS, reporter

REPO = Path(__file__).resolve().parents[1]
SMALL, LARGE = 20, 200  # activities
MISTAKE_EVERY = 5
MAX_RATIO = 11.0


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("benchmark_generate", REPO / "benchmarks" / "generate.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass
class Sized:
    """One synthetic policy at every stage of the pipeline."""

    text: str
    source: Source
    policy: model.Policy


@pytest.fixture(scope="module")
def sizes(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Sized]:
    generate = _generator()
    folder = tmp_path_factory.mktemp("linear")
    found: dict[int, Sized] = {}
    for activities in (SMALL, LARGE):
        path = folder / f"policy-{activities}.yaml"
        path.write_text(generate.policy(activities, mistake_every=MISTAKE_EVERY), encoding="utf-8")
        source = load([path])
        assert not source.problems
        assert schema.validate(source.data) == []
        found[activities] = Sized(path.read_text(encoding="utf-8"), source, model.build(source.data))
    # Fill the caches that are filled once per process (knowledge files, compiled patterns), but
    # not with these policies: caches keyed by their names would make the small one look free.
    lint([REPO / "policy"], Config())
    return found


def work(action: Callable[[], object]) -> int:
    """How many Python lines, Python calls and C calls ``action`` executes."""
    count = 0

    def trace(_frame: FrameType, _event: str, _arg: Any) -> Callable[..., Any]:
        nonlocal count
        count += 1  # "call" and "line" (and "return"/"exception") events of Python code
        return trace

    def profile(_frame: FrameType, event: str, _arg: Any) -> None:
        nonlocal count
        if event == "c_call":
            count += 1

    previous_trace, previous_profile = sys.gettrace(), sys.getprofile()
    sys.settrace(trace)
    sys.setprofile(profile)
    try:
        action()
    finally:
        sys.settrace(previous_trace)
        sys.setprofile(previous_profile)
    return count


def assert_linear(stage: str, measure: Callable[[Sized], Callable[[], object]], sizes: dict[int, Sized]) -> None:
    # The small policy first: what it leaves in a cache can only make the large one cheaper.
    small = work(measure(sizes[SMALL]))
    large = work(measure(sizes[LARGE]))
    ratio = large / max(small, 1)
    assert ratio <= MAX_RATIO, (
        f"{stage}: {LARGE // SMALL}x the activities cost {ratio:.1f}x the work ({small:,} -> {large:,} events); "
        "look for a scan of a list inside a loop over another"
    )


def test_reading_yaml_is_linear(sizes: dict[int, Sized]) -> None:
    assert_linear("yaml_reader.read", lambda sized: lambda: yaml_reader.read(sized.text), sizes)


def test_schema_validation_is_linear(sizes: dict[int, Sized]) -> None:
    assert_linear("schema.validate", lambda sized: lambda: schema.validate(sized.source.data), sizes)


def test_explaining_schema_errors_is_linear(sizes: dict[int, Sized]) -> None:
    def broken(sized: Sized) -> Callable[[], object]:
        data = copy.deepcopy(sized.source.data)
        for activity in data["processing_activities"][::MISTAKE_EVERY]:
            activity["legal_basis"] = "contrct"  # enum, with a did-you-mean
            activity["retention_period"] = "P1Y"  # unknown key
            del activity["id"]  # required
        return lambda: schema.validate(data)

    assert_linear("schema.validate (invalid)", broken, sizes)


def test_building_the_model_is_linear(sizes: dict[int, Sized]) -> None:
    assert_linear("model.build", lambda sized: lambda: model.build(sized.source.data), sizes)


def test_locating_every_node_is_linear(sizes: dict[int, Sized]) -> None:
    def locate_all(sized: Sized) -> Callable[[], object]:
        pointers = [p for p in sized.source.nodes if p.count("/") <= 3]
        return lambda: [sized.source.locate(pointer, at_key=True) for pointer in pointers]

    assert_linear("Source.locate", locate_all, sizes)


RULES = sorted(code for code, rule in catalogue.registry().items() if rule.check is not None)


@pytest.mark.parametrize("code", RULES)
def test_each_rule_is_linear(code: str, sizes: dict[int, Sized], monkeypatch: pytest.MonkeyPatch) -> None:
    # The did-you-mean of REF001/REF003 compares a reference with every declared name up to a
    # fixed number of names, then with a shortlist drawn from names sharing a rare trigram:
    # constant work per reference, but only beyond those bounds. Scaled down here to the size
    # of these policies.
    from privlint.checks import references  # noqa: PLC0415

    suggestions = references._Suggestions  # noqa: SLF001
    for name, bound in (("FULL_SCAN_LIMIT", 20), ("RARE_TRIGRAM", 10), ("SHORTLIST", 5)):
        monkeypatch.setattr(suggestions, name, bound)
    rule = catalogue.registry()[code]
    assert_linear(code, lambda sized: lambda: list(rule(sized.policy)), sizes)


def test_the_synthetic_policies_give_findings_of_several_rules(sizes: dict[int, Sized]) -> None:
    """The counted runs report findings, not only silence (else a slow reporting path would hide)."""
    fired = {code for code in RULES if list(catalogue.registry()[code](sizes[LARGE].policy))}
    assert {"REF001", "REF003", "REF004", "RET001", "LB002", "TRF002", "RCP002"} <= fired


# --- output formats: rendering grows with the number of findings, not faster -----------------------

FEW, MANY = 100, 1_000  # findings (unused data items, one REF002 each)


@pytest.fixture(scope="module")
def findings_results(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Any]:
    generate = _generator()
    folder = tmp_path_factory.mktemp("findings")
    results = {}
    for count in (FEW, MANY):
        path = folder / f"unused-{count}.yaml"
        path.write_text(generate.unused_items(count), encoding="utf-8")
        result = lint([path], Config(use_baseline=False, use_waivers=False))
        assert sum(f.code == "REF002" for f in result.findings) == count
        results[count] = result
    return results


@pytest.mark.parametrize("name", sorted(REPORTERS))
def test_each_output_format_is_linear_in_the_findings(name: str, findings_results: dict[int, Any]) -> None:
    render = reporter(name)
    render(findings_results[FEW])  # imports and template compilation are paid once per process
    few = work(lambda: render(findings_results[FEW]))
    many = work(lambda: render(findings_results[MANY]))
    ratio = many / max(few, 1)
    assert ratio <= MAX_RATIO, (
        f"--format {name}: {MANY // FEW}x the findings cost {ratio:.1f}x the work ({few:,} -> {many:,} events)"
    )
