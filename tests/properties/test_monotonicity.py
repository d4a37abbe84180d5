"""Monotonicity: waivers and thresholds only ever make the gate more lenient, never find more.

Adding waivers (honoured, expired, without reason, matching or not) changes no finding other
than the waivers' own WVR findings: every other finding is still reported, at most marked
waived. ``--fail-on error`` never fails on warnings and infos alone, in the engine
(``Result.fails``) and on the command line (exit code).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from privlint import catalogue, cli
from privlint import waivers as waivers_module
from privlint.config import Config
from privlint.findings import Severity

from property_support import examples, lint_written, triples
from strategies import Written, choice, policies, write, written

TODAY = dt.date(2026, 6, 1)
# Waiver findings cannot be waived, nor can the reading and schema errors that stop the checks
# (a waiver for them is refused as a shape error of the waivers file: tests/test_gate_bypass.py).
WAIVABLE = tuple(
    code for code, rule in catalogue.registry().items() if not code.startswith("WVR") and not rule.always_on
)


@st.composite
def waivers(draw: st.DrawFn, findings: list[tuple[str, str, str]], pointer_pool: list[str]) -> list[dict[str, str]]:
    """Waivers for some of ``findings`` and for made-up places, in every state a waiver can be in."""
    entries = []
    targets = [(code, pointer) for code, pointer, _ in findings if code in WAIVABLE]
    for code, pointer in targets:
        if draw(st.booleans()):
            entries.append({"code": code, "pointer": pointer})
    for _ in range(draw(st.integers(0, 3))):
        pointer = draw(st.one_of(choice(tuple(pointer_pool) or ("",)), st.just("/nowhere/0"), st.just("")))
        entries.append({"code": draw(choice(WAIVABLE)), "pointer": pointer})
    for entry in entries:
        if draw(st.booleans()) and draw(st.booleans()):
            entry["id"] = draw(st.from_regex(r"[a-z][a-z0-9_]{0,6}", fullmatch=True))
        if draw(st.integers(0, 3)):
            entry["reason"] = "accepted by legal"
        entry["owner"] = "legal@example.be"
        if draw(st.booleans()):
            entry["expires"] = (TODAY + dt.timedelta(days=draw(st.integers(-400, 400)))).isoformat()
    return entries


@settings(max_examples=examples(1))
@given(data=st.data())
def test_adding_waivers_adds_no_findings_other_than_wvr(data):
    policy = data.draw(policies(), label="policy")
    files: Written = data.draw(written(policy), label="written")
    before = lint_written(files, today=TODAY)
    assert not before.waived
    entries = data.draw(waivers(triples(before.findings), list(files.nodes)), label="waivers")
    waivers_yaml = write({"waivers": entries}).files["policy.yaml"]
    after = lint_written(files, extra={"waivers.yaml": waivers_yaml}, today=TODAY)
    policy_findings = [f for f in after.findings if not f.code.startswith("WVR")]
    assert sorted(triples(policy_findings)) == sorted(triples(before.findings))
    assert all(f.file == "waivers.yaml" for f in after.findings if f.code.startswith("WVR"))
    blocking_before = sorted(triples(before.blocking))
    for finding in policy_findings:
        assert not finding.blocking or (finding.code, finding.pointer, finding.message) in blocking_before
    for threshold in Severity:
        gate_without_wvr = any(f.blocking and f.severity >= threshold for f in policy_findings)
        assert gate_without_wvr <= before.fails(threshold)


def within(pointer: str, ancestor: str) -> bool:
    return ancestor in ("", pointer) or pointer.startswith(ancestor + "/")


@settings(max_examples=examples(0.5))
@given(data=st.data())
def test_an_honoured_waiver_for_a_finding_waives_exactly_it(data):
    policy = data.draw(policies(), label="policy")
    files = write(policy)
    before = lint_written(files, today=TODAY)
    candidates = [f for f in before.findings if not f.code.startswith(("YML", "SCH", "WVR"))]
    if not candidates:
        return
    target = data.draw(st.sampled_from(candidates), label="target")
    entry = {"code": target.code, "pointer": target.pointer, "reason": "accepted", "owner": "legal@example.be"}
    bound = waivers_module.bound_id(target.pointer, before.source.data)
    if bound is not None:  # written as it should be: bound to its entry by id (else WVR004 says so)
        entry["id"] = bound
    after = lint_written(files, extra={"waivers.yaml": write({"waivers": [entry]}).files["policy.yaml"]}, today=TODAY)
    waived = [(f.code, f.pointer) for f in after.findings if f.waived]
    assert (target.code, target.pointer) in waived
    # A waiver covers its pointer and everything beneath it, for its code only.
    assert all(code == target.code and within(pointer, target.pointer) for code, pointer in waived)
    assert [f for f in after.findings if f.code.startswith("WVR")] == []


@settings(max_examples=examples(1))
@given(policies())
def test_fail_on_error_never_fails_on_warnings_alone(policy):
    result = lint_written(write(policy), Config(fail_on=Severity.ERROR))
    errors = [f for f in result.findings if f.blocking and f.severity == Severity.ERROR]
    assert result.fails(Severity.ERROR) == bool(errors)
    # Every rule whose severity may be changed (a reading or schema error keeps its own).
    rules = catalogue.registry()
    demoted = {code: Severity.WARNING for code, rule in rules.items() if not rule.always_on}
    lenient = lint_written(write(policy), Config(severity=demoted))
    kept = [f for f in lenient.findings if f.blocking and f.severity == Severity.ERROR]
    assert all(rules[f.code].always_on for f in kept)
    assert lenient.fails(Severity.ERROR) == bool(kept)
    assert lenient.fails(Severity.WARNING) == bool(lenient.blocking)
    assert sorted(triples(lenient.findings)) == sorted(triples(result.findings))


@settings(max_examples=examples(0.3))
@given(policies())
def test_the_command_line_exit_code_follows_fail_on(policy):
    with tempfile.TemporaryDirectory() as folder:
        for name, text in write(policy).files.items():
            (Path(folder) / name).write_text(text, encoding="utf-8")
        config = Path(folder) / "privlint.toml"
        config.write_text("", encoding="utf-8")
        result = lint_written(write(policy))
        for threshold in ("error", "warning", "info"):
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                code = cli.main(["check", folder, "--fail-on", threshold, "--config", str(config), "--format", "json"])
            assert code == (1 if result.fails(Severity.parse(threshold)) else 0)
