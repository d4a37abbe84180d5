"""Schema agreement: privlint accepts exactly what the JSON Schema accepts, reading YAML as YAML 1.2.

On generated valid policies and on policies with one constraint broken (a wrong type, an
unknown key, a missing required key, a value outside an enum or a pattern, an empty text),
privlint reports SCH001 if and only if ``jsonschema.Draft202012Validator`` rejects the data,
only on the path of the broken node, and reads the data exactly as it was written. Plain
(unquoted) scalars mean what the YAML 1.2 core schema says.
"""

from __future__ import annotations

import copy
import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from privlint import pointers, schema, yaml_reader
from privlint.schema import policy_schema

from property_support import examples, lint_written
from strategies import choice, policies, write, written

VALIDATOR = Draft202012Validator(policy_schema())


def nodes(value: Any, pointer: str = "") -> list[tuple[str, Any]]:
    """Every node of ``value`` with its pointer, the root first."""
    found = [(pointer, value)]
    if isinstance(value, dict):
        for key, member in value.items():
            found += nodes(member, pointers.child(pointer, key))
    elif isinstance(value, list):
        for index, member in enumerate(value):
            found += nodes(member, pointers.child(pointer, index))
    return found


def replace_at(data: dict[str, Any], pointer: str, value: Any) -> None:
    *path, last = pointers.tokens(pointer)
    parent: Any = data
    for token in path:
        parent = parent[int(token)] if isinstance(parent, list) else parent[token]
    parent[int(last) if isinstance(parent, list) else last] = value


def parent_of(data: dict[str, Any], pointer: str) -> Any:
    parent: Any = data
    for token in pointers.tokens(pointer)[:-1]:
        parent = parent[int(token)] if isinstance(parent, list) else parent[token]
    return parent


WRONG_VALUES = st.sampled_from(
    (
        None,
        True,
        False,
        0,
        7,
        -1,
        1.5,
        "",
        "x",
        "Not An Id",
        "NOT_A_VALUE",
        "be",
        "EUR",
        "P",
        "P1H",
        "2024-1-1",
        "mail@",
        "@x.be",
        "nl",
        [],
        ["x"],
        {},
        {"nl": "x"},
        {"NL": "x"},
        {"nld": "x"},
        {"nl": ""},
        {"id": "x"},
    )
)


@st.composite
def mutations(draw: st.DrawFn, policy: dict[str, Any]) -> tuple[dict[str, Any], str]:
    """``policy`` with one node changed, and the pointer of the change."""
    mutated = copy.deepcopy(policy)
    places = nodes(mutated)
    kind = draw(choice(("replace", "unknown key", "drop key", "language key")))
    mappings = [(p, v) for p, v in places if isinstance(v, dict)]
    if kind == "replace" and len(places) > 1:
        pointer, _ = draw(st.sampled_from(places[1:]))
        replace_at(mutated, pointer, copy.deepcopy(draw(WRONG_VALUES)))
        return mutated, pointer
    if kind == "drop key" and any(v for _, v in mappings):
        pointer, mapping = draw(st.sampled_from([(p, v) for p, v in mappings if v]))
        key = draw(st.sampled_from(sorted(mapping)))
        del mapping[key]
        return mutated, pointers.child(pointer, key)
    pointer, mapping = draw(st.sampled_from(mappings))
    key = "zz_unknown" if kind == "unknown key" else draw(choice(("NL", "nld", "n1", "x")))
    mapping[key] = copy.deepcopy(draw(st.one_of(choice(("x", "nl")), WRONG_VALUES)))
    return mutated, pointers.child(pointer, key)


def on_path(pointer: str, other: str) -> bool:
    def within(inner: str, outer: str) -> bool:
        return outer in ("", inner) or inner.startswith(outer + "/")

    return within(pointer, other) or within(other, pointer)


@settings(max_examples=examples(0.5))
@given(policies())
def test_generated_policies_are_valid_for_both(policy):
    assert VALIDATOR.is_valid(policy)
    assert [f for f in lint_written(write(policy)).findings if f.code == "SCH001"] == []


@settings(max_examples=examples(1))
@given(data=st.data())
def test_one_broken_constraint_is_reported_exactly_when_the_schema_rejects_it(data):
    policy = data.draw(policies(), label="policy")
    mutated, changed = data.draw(mutations(policy), label="mutation")
    result = lint_written(data.draw(written(mutated), label="written"))
    assert result.source is not None
    assert result.source.data == mutated  # the loader reads what was written, type for type
    assert {p: type(v) for p, v in nodes(result.source.data)} == {p: type(v) for p, v in nodes(mutated)}
    reported = [f for f in result.findings if f.code == "SCH001"]
    assert bool(reported) == (not VALIDATOR.is_valid(mutated))
    for finding in reported:
        assert on_path(finding.pointer, changed), (finding.pointer, changed, finding.message)


# --- plain scalars: the YAML 1.2 core schema (yaml.org/spec/1.2.2, 10.3.2) ---------------------------

CORE_SCHEMA = {
    "null": None,
    "Null": None,
    "NULL": None,
    "~": None,
    "": None,
    "true": True,
    "True": True,
    "TRUE": True,
    "false": False,
    "False": False,
    "FALSE": False,
    "0": 0,
    "-19": -19,
    "+12": 12,
    "012": 12,
    "0o14": 12,
    "0x1F": 31,
    "0xC": 12,
    "1.5": 1.5,
    "-1.": -1.0,
    ".5": 0.5,
    "+12e03": 12000.0,
    "1e3": 1000.0,
    "2E-3": 0.002,
    ".inf": math.inf,
    "-.Inf": -math.inf,
    "+.INF": math.inf,
    # strings in YAML 1.2 (many are something else in YAML 1.1)
    "NO": "NO",
    "yes": "yes",
    "Off": "Off",
    "y": "y",
    "1_000": "1_000",
    "0b101": "0b101",
    "012e": "012e",
    "2024-01-01": "2024-01-01",
    "1:20": "1:20",
    "0o8": "0o8",
    "0x": "0x",
    "nul": "nul",
    ".NaN.": ".NaN.",
    "TrUe": "TrUe",
    "1e": "1e",
    "+": "+",
    ".": ".",
    "0X1F": "0X1F",
    "P4W": "P4W",
    "EU": "EU",
}


@pytest.mark.parametrize(("plain", "meaning"), CORE_SCHEMA.items(), ids=[repr(k) for k in CORE_SCHEMA])
def test_a_plain_scalar_means_what_yaml_12_says(plain, meaning):
    data = yaml_reader.read(f"value: {plain}\n").data
    assert data == {"value": meaning}
    assert type(data["value"]) is type(meaning)


def test_nan_is_a_float_that_is_not_a_number():
    for plain in (".nan", ".NaN", ".NAN"):
        assert math.isnan(yaml_reader.read(f"value: {plain}\n").data["value"])


@given(st.integers(-(10**30), 10**30))
def test_any_plain_integer_is_read_as_that_integer(number):
    assert yaml_reader.read(f"value: {number}\n").data == {"value": number}


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_any_plain_float_is_read_as_that_float(number):
    assert yaml_reader.read(f"value: {number!r}\n").data == {"value": number}


# --- the two validators: jsonschema-rs (fast path) and jsonschema (reference) -------------------


def reference_violations(data: Any) -> list[schema.Violation]:
    """What ``schema.validate`` says when only the reference validator runs."""
    original = schema._fast_errors  # noqa: SLF001 - the switch between the two validators
    schema._fast_errors = lambda _data: None  # noqa: SLF001
    try:
        return schema.validate(data)
    finally:
        schema._fast_errors = original  # noqa: SLF001


def test_the_fast_validator_is_the_one_that_runs():
    assert schema._fast_errors({"controller": {"naam": "x"}}) is not None  # noqa: SLF001


@settings(max_examples=examples(1))
@given(data=st.data())
def test_both_validators_give_the_same_violations(data):
    policy = data.draw(policies(), label="policy")
    mutated, _ = data.draw(mutations(policy), label="mutation")
    assert schema.validate(mutated) == reference_violations(mutated)
