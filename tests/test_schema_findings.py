"""Schema errors become SCH001 findings placed on the key or value that is wrong."""

from __future__ import annotations

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
    assert findings[0].message == "controller.name must be a string, found a number 42"


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
