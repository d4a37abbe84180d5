"""SPC: properties over generated policies, and the special-data findings on the bundled Smet-Jet policy."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from privlint.config import Config
from privlint.engine import lint

from support import POLICY, lint_text, where

# (id, name) pairs that look like special-category or criminal data, and ones that do not.
HEALTH = (("sick_leave_days", "Dagen ziekteverzuim"), ("medical_certificate", "Medisch attest"))
CRIMINAL = (("criminal_record", "Uittreksel uit het strafregister"), ("convictions", "Condamnations pénales"))
ORDINARY = (("leave_days", "Verlof / vakantiedagen"), ("marital_status", "Huwelijkse staat"))


@given(st.lists(st.sampled_from(("marked", "unmarked", "undeclared", "ordinary")), min_size=1, max_size=6))
def test_health_data_is_reported_where_it_is_unmarked_or_unjustified(kinds: list[str]) -> None:
    declared = ["data_items:", "  - id: placeholder"]
    references: list[str] = []
    expected_spc002: list[tuple[str, int, int]] = []
    for number, kind in enumerate(kinds):
        item_id, name = (ORDINARY if kind == "ordinary" else HEALTH)[number % 2]
        item_id = f"{item_id}_{number}"
        references.append(item_id)
        if kind == "undeclared":
            continue
        declared += [f"  - id: {item_id}", f"    name: {{nl: {name}}}"]
        if kind == "marked":
            declared.append("    special_category: health")
        elif kind == "unmarked":
            expected_spc002.append(("SPC002", len(declared) - 1, 5))
    head = len(declared)
    text = "\n".join(
        [*declared, "sharing:", "  - id: payroll", "    data_items:", *(f"      - {r}" for r in references)]
    )
    expected_spc001 = [("SPC001", head + 4 + n, 9) for n, kind in enumerate(kinds) if kind == "marked"]
    expected_spc002 += [("SPC002", head + 4 + n, 9) for n, kind in enumerate(kinds) if kind == "undeclared"]
    findings = where(lint_text(text + "\n", select=["SPC001", "SPC002"]))
    assert [f for f in findings if f[0] == "SPC001"] == expected_spc001
    assert [f for f in findings if f[0] == "SPC002"] == expected_spc002
    # Repair: the sharing names its GDPR 9(2) condition.
    repaired = text.replace(
        "  - id: payroll", "  - id: payroll\n    special_category_condition: employment_social_security"
    )
    assert lint_text(repaired + "\n", select=["SPC001"]) == []


@given(st.lists(st.sampled_from(("flagged", "named", "undeclared", "ordinary")), min_size=1, max_size=6), st.booleans())
def test_criminal_data_needs_a_basis(kinds: list[str], authorised: bool) -> None:
    lines = ["data_items:", "  - id: placeholder"]
    references: list[str] = []
    for number, kind in enumerate(kinds):
        # An undeclared item has only its id to go by: use one whose id shows it.
        item_id, name = (ORDINARY if kind == "ordinary" else CRIMINAL)[0 if kind == "undeclared" else number % 2]
        item_id = f"{item_id}_{number}" if kind != "flagged" else f"background_check_{number}"
        references.append(item_id)
        if kind != "undeclared":
            lines.append(f"  - id: {item_id}")
            lines.append("    criminal_offence_data: true" if kind == "flagged" else f"    name: {{nl: {name}}}")
    lines += ["processing_activities:", "  - id: screening"]
    if authorised:
        lines += ["    criminal_data_basis: {law: Wet van 30 juli 2018, provision: artikel 10}"]
    lines.append("    data_items:")
    start = len(lines) + 1
    lines += [f"      - {r}" for r in references]
    expected = [] if authorised else [("SPC003", start + n, 9) for n, kind in enumerate(kinds) if kind != "ordinary"]
    assert where(lint_text("\n".join(lines) + "\n", select=["SPC003"])) == expected


def test_bundled_policy_reports_sick_leave_days_at_its_reference_in_payroll() -> None:
    findings = lint([POLICY], Config().with_options(select=("SPC001", "SPC002", "SPC003"))).findings
    assert [(f.code, f.file.rsplit("/", 1)[-1], f.pointer) for f in findings] == [
        ("SPC002", "sharing.yaml", "/sharing/0/data_items/6")
    ]
    assert "'sick_leave_days'" in findings[0].message
    assert "data concerning health" in findings[0].message
    assert "special_category: health" in findings[0].message
