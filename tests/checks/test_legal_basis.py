"""LB: properties over generated policies, and the legal-basis findings on the bundled Smet-Jet policy."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from privlint.config import Config
from privlint.engine import lint

from support import POLICY, lint_text, where

BASES = ("consent", "contract", "legal_obligation", "vital_interest", "public_task", "legitimate_interest")
RIGHTS = ("access", "objection", "withdraw_consent")
LB = ("LB001", "LB002", "LB003", "LB004", "LB005", "LB006")

entries = st.tuples(st.sampled_from((None, *BASES)), st.booleans())


def expected_findings(activities: list[tuple[str | None, bool]], rights: set[str]) -> list[tuple[str, int, int]]:
    """Where each rule must fire on the policy ``policy_text`` writes (line numbers follow its layout)."""
    found: list[tuple[str, int, int]] = []
    line = 2  # the first entry's "- id:" line
    for basis, detailed in activities:
        basis_at = (line + 1, 18)
        if basis is None:
            found.append(("LB001", line, 5))
        if basis == "legitimate_interest" and not detailed:
            found.append(("LB002", *basis_at))
        if basis == "consent" and "withdraw_consent" not in rights:
            found.append(("LB003", *basis_at))
        if basis in {"public_task", "legitimate_interest"} and "objection" not in rights:
            found.append(("LB004", *basis_at))
        if basis == "legal_obligation" and not detailed:
            found.append(("LB005", *basis_at))
        line += 1 + (basis is not None) + (detailed and basis in {"legitimate_interest", "legal_obligation"})
    uses_consent = any(basis == "consent" for basis, _ in activities)
    if "withdraw_consent" in rights and not uses_consent:
        found.append(("LB006", line + 1 + sorted(rights).index("withdraw_consent"), 5))
    return sorted(found, key=lambda hit: (LB.index(hit[0]), hit[1]))


def policy_text(activities: list[tuple[str | None, bool]], rights: set[str]) -> str:
    lines = ["processing_activities:"]
    for number, (basis, detailed) in enumerate(activities):
        lines.append(f"  - id: activity_{number}")
        if basis is not None:
            lines.append(f"    legal_basis: {basis}")
        if detailed and basis == "legitimate_interest":
            lines.append("    legitimate_interest: {nl: Beveiliging van het terrein}")
        if detailed and basis == "legal_obligation":
            lines.append("    legal_obligation: {law: Wet van 12 april 1965 betreffende de bescherming van het loon}")
    lines.append("rights:" if rights else "rights: []")
    lines += [f"  - right: {right}" for right in sorted(rights)]
    return "\n".join(lines) + "\n"


@given(st.lists(entries, min_size=1, max_size=6), st.sets(st.sampled_from(RIGHTS)))
def test_each_basis_rule_fires_where_its_consequence_is_missing(
    activities: list[tuple[str | None, bool]], rights: set[str]
) -> None:
    findings = lint_text(policy_text(activities, rights), select=LB)
    actual = sorted(where(findings), key=lambda hit: (LB.index(hit[0]), hit[1]))
    assert actual == expected_findings(activities, rights)


@given(st.lists(entries, min_size=1, max_size=6))
def test_repairing_every_entry_silences_the_family(activities: list[tuple[str | None, bool]]) -> None:
    repaired = [(basis or "contract", True) for basis, _ in activities]
    assert lint_text(policy_text(repaired, {"objection", "withdraw_consent"}), select=LB[:5]) == []


def test_bundled_policy_legal_basis_findings() -> None:
    findings = lint([POLICY], Config().with_options(select=LB)).findings
    ids: dict[str, list[str]] = {}
    for finding in findings:
        named = re.search(r"'([a-z0-9_]+)'", finding.message)
        ids.setdefault(finding.code, []).append(named.group(1) if named else "")
    assert "LB001" not in ids, "every processing of the bundled policy states a valid basis"
    assert sorted(ids["LB002"]) == sorted(
        ("cctv", "company_website", "insurance", "social_media_meta", "social_media_linkedin", "it_support")
    )
    assert ids["LB005"] == ["payroll"]
