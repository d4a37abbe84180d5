"""Schema errors become SCH001 findings placed on the key or value that is wrong."""

from __future__ import annotations

import re

import pytest

from privlint import schema

from support import lint_text, where


def test_misspelt_legal_basis_is_one_finding_at_the_value_naming_the_allowed_values():
    findings = lint_text(
        """\
        processing_activities:
          - id: invoicing
            legal_basis: contrct
        """
    )
    assert where(findings) == [("SCH001", 3, 18)]
    assert findings[0].message == (
        "processing_activities[0].legal_basis 'contrct' is not one of: consent, contract, legal_obligation, "
        "vital_interest, public_task, legitimate_interest (did you mean 'contract'?)"
    )
    assert findings[0].pointer == "/processing_activities/0/legal_basis"


def test_unknown_key_is_located_at_the_key_with_a_suggestion():
    findings = lint_text(
        """\
        controller:
          name: Smet-Jet NV
          adress: {city: Westerlo}
        """
    )
    assert where(findings) == [("SCH001", 3, 3)]
    assert "unknown key 'adress' in controller" in findings[0].message
    assert "did you mean 'address'?" in findings[0].message


def test_all_schema_errors_are_reported_in_one_run_in_file_order():
    findings = lint_text(
        """\
        data_items:
          - id: Vat-Number
          - name: {nl: Naam}
        processing_activities:
          - id: cctv
            retention: {duration: 4 weeks}
            locations: [eu]
        """
    )
    assert where(findings) == [("SCH001", 2, 9), ("SCH001", 3, 5), ("SCH001", 6, 27), ("SCH001", 7, 17)]
    assert "data_items[1] is missing the required key 'id'" in findings[1].message


def test_wrong_type_says_what_was_found_and_what_is_expected():
    findings = lint_text("controller:\n  name: 42\n")
    assert where(findings) == [("SCH001", 2, 9)]
    assert findings[0].message == "controller.name must be a string, found the number 42"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("audience: {customers: yes}\n", "audience must be a list, found a mapping"),
        ("controller:\n  name: true\n", "controller.name must be a string, found the boolean true"),
        ("controller:\n  name:\n", "controller.name must be a string, found null"),
        ("controller:\n  name: [a]\n", "controller.name must be a string, found a list"),
        ("audience: customers\n", "audience must be a list, found the string 'customers'"),
    ],
)
def test_a_wrong_type_names_the_kind_found_once(text: str, message: str):
    (finding,) = lint_text(text, select=["SCH001"])
    assert finding.message == message


# A value of every JSON type, and how a message names it: the kind once, the value where it helps.
FOUND = {
    "mapping": ({"nl": "x"}, "a mapping"),
    "list": (["x"], "a list"),
    "string": ("x", "the string 'x'"),
    "whole number": (42, "the number 42"),
    "number": (4.5, "the number 4.5"),
    "true": (True, "the boolean true"),
    "false": (False, "the boolean false"),
    "null": (None, "null"),
}
EXPECTED = {
    "object": "a mapping",
    "array": "a list",
    "string": "a string",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "null": "null",
}
# Words that name the same kind: a message that says the kind found twice uses two of a group
# ("found empty null"). Saying twice with the same word ("true or false true") is caught too.
SAME_KIND = [{"mapping", "object", "dictionary"}, {"list", "array", "sequence"}, {"null", "empty", "none", "nothing"}]


def _fits(value: object, expected: str) -> bool:
    kinds = {
        "object": dict,
        "array": list,
        "string": str,
        "boolean": bool,
        "null": type(None),
    }
    if expected in kinds:
        return isinstance(value, kinds[expected])
    numeric = isinstance(value, (int, float)) and not isinstance(value, bool)
    return numeric and (expected == "number" or isinstance(value, int))


def _repeated(words: list[str]) -> list[str]:
    """Words said twice (articles and "or" aside), and kinds named twice."""
    counted = [w for w in words if w not in {"a", "the", "or"}]
    twice = sorted({w for w in counted if counted.count(w) > 1})
    twice += [" and ".join(sorted(group & set(counted))) for group in SAME_KIND if len(group & set(counted)) > 1]
    return twice


# Every pair of an expected type (alone or with null) and a value that is not of that type.
PAIRS = [
    (expected, found)
    for expected in [*([kind] for kind in EXPECTED), ["string", "null"], ["object", "null"]]
    for found in sorted(FOUND)
    if not any(_fits(FOUND[found][0], kind) for kind in expected)
]


@pytest.mark.parametrize(("expected", "found"), PAIRS, ids=[f"{'|'.join(e)}-{f}" for e, f in PAIRS])
def test_every_wrong_type_message_says_each_thing_once(expected: list[str], found: str):
    value, named = FOUND[found]
    wanted = expected
    expected = expected[0] if len(expected) == 1 else expected
    message = schema.type_message("controller.name", expected, value)
    assert message == f"controller.name must be {' or '.join(EXPECTED[k] for k in wanted)}, found {named}"
    found_part = message.split(", found ", 1)[1]
    assert _repeated(re.findall(r"[a-z]+", found_part)) == [], message


def test_checks_do_not_run_on_a_policy_with_schema_errors():
    # The undeclared item would be REF001, but the shape must be fixed first.
    findings = lint_text("processing_activities:\n  - id: x\n    legal_basis: contrct\n    data_items: [nope]\n")
    assert [f.code for f in findings] == ["SCH001"]


def test_the_shipped_schema_has_no_remote_reference():
    schema.refuse_remote_refs(schema.policy_schema())


def test_a_remote_reference_is_refused_without_network():
    remote = {"properties": {"x": {"$ref": "https://example.invalid/evil.json"}}}
    with pytest.raises(schema.SchemaError, match=r"example\.invalid"):
        schema.refuse_remote_refs(remote)
