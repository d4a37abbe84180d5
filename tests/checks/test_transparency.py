"""TRN: properties over generated policies, and the transparency findings on the bundled Smet-Jet policy."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from privlint.config import Config
from privlint.engine import lint

from support import POLICY, lint_text, where

BASES = ("consent", "contract", "legal_obligation", "vital_interest", "public_task", "legitimate_interest")
RIGHTS = (
    "access",
    "rectification",
    "erasure",
    "restriction",
    "portability",
    "objection",
    "no_automated_decision",
    "withdraw_consent",
    "lodge_complaint",
)
ALWAYS = ("access", "rectification", "erasure", "restriction", "objection")
WORDING = {
    "access": "the right of access (GDPR 15)",
    "rectification": "the right to rectification (GDPR 16)",
    "erasure": "the right to erasure (GDPR 17)",
    "restriction": "the right to restriction of processing (GDPR 18)",
    "objection": "the right to object (GDPR 21)",
    "portability": "the right to data portability (GDPR 20)",
}
ADDRESS = {"street": "Nijverheidsstraat 3", "postcode": '"2260"', "city": "Westerlo", "country": "BE"}


def rights_policy(bases: list[str], rights: list[str]) -> str:
    lines = ["processing_activities:"]
    for number, basis in enumerate(bases):
        lines += [f"  - id: activity_{number}", f"    legal_basis: {basis}"]
    lines.append("rights:" if rights else "rights: []")
    lines += [f"  - right: {right}" for right in rights]
    return "\n".join(lines) + "\n"


@given(st.lists(st.sampled_from(BASES), min_size=1, max_size=4), st.lists(st.sampled_from(RIGHTS), unique=True))
def test_each_missing_right_is_reported_once_at_the_rights_list(bases: list[str], rights: list[str]) -> None:
    required = [*ALWAYS, *(["portability"] if {"consent", "contract"} & set(bases) else [])]
    missing = [right for right in required if right not in rights]
    at = (3 + 2 * len(bases), 3) if rights else (2 + 2 * len(bases), 9)  # the first item, or the `[]`
    findings = lint_text(rights_policy(bases, rights), select=["TRN003"])
    assert where(findings) == [("TRN003", *at)] * len(missing)
    assert sorted(finding.message.split(" is not")[0] for finding in findings) == sorted(
        WORDING[right] for right in missing
    )
    repaired = rights + [right for right in required if right not in rights]
    assert lint_text(rights_policy(bases, repaired), select=["TRN003"]) == []


@given(st.booleans(), st.sets(st.sampled_from(tuple(ADDRESS))))
def test_controller_identity_lists_exactly_what_is_missing(named: bool, parts: set[str]) -> None:
    lines = ["controller:", "  legal_form: NV"] + (["  name: Smet-Jet NV"] if named else [])
    if parts:
        lines += ["  address:"] + [f"    {part}: {ADDRESS[part]}" for part in ADDRESS if part in parts]
    findings = lint_text("\n".join(lines) + "\n", select=["TRN001"])
    missing = ([] if named else ["name"]) + (
        [f"address {part}" for part in ADDRESS if part not in parts] if parts else ["postal address"]
    )
    if len(missing) == 0:
        assert findings == []
    else:
        assert where(findings) == [("TRN001", 2, 3)]
        assert findings[0].message.endswith(f"missing {', '.join(missing)}")


def test_a_complete_controller_silences_the_family() -> None:
    policy = """\
        notice: {version: "3", date: "2025-01-31"}
        controller:
          name: Smet-Jet NV
          address: {street: Nijverheidsstraat 3, postcode: "2260", city: Westerlo, country: BE}
          privacy_contact: {name: Cartiche Tournier, email: cto@smetjet.be}
          dpo: {designated: false}
        rights:
          - right: access
          - right: rectification
          - right: erasure
          - right: restriction
          - right: objection
          - right: lodge_complaint
        automated_decision_making: {used: false}
        supervisory_authority: {name: Gegevensbeschermingsautoriteit}
    """
    assert lint_text(policy, select=["TRN"]) == []


def test_bundled_policy_transparency_findings() -> None:
    findings = lint([POLICY], Config().with_options(select=("TRN",))).findings
    codes = sorted(finding.code for finding in findings)
    # TRN008: each of the eight processing activities states no GDPR 13(2)(e) requirement;
    # TRN009: company_website and insurance use 'Naam van de betrokken partij' without a source;
    # TRN010: section 1 asks the reader to re-read the notice regularly.
    assert codes == ["TRN005", "TRN006", "TRN007", *["TRN008"] * 8, "TRN009", "TRN009", "TRN010"]
    assert {f.file.rsplit("/", 1)[-1] for f in findings if f.code == "TRN008"} == {"processing.yaml"}
    assert [(f.line, f.column) for f in findings if f.code == "TRN010"] == [(49, 13)]  # the text of who_we_are
    located = {f.code: (f.file.rsplit("/", 1)[-1], f.line, f.column) for f in findings if f.code <= "TRN007"}
    assert located["TRN005"][0] == "rights.yaml"  # at the no_automated_decision right
    assert located["TRN006"][0] == "notice.yaml"  # at the controller
    assert located["TRN007"][0] == "notice.yaml"  # at the notice
