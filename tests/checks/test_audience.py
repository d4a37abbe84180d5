"""AUD: a property over generated processings and audiences, and the bundled Smet-Jet policy."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from privlint.config import Config
from privlint.engine import lint

from support import POLICY, lint_text, where

SUBJECTS = ("customers", "prospects", "suppliers", "employees")


def audience_policy(audience: list[str], subjects: list[list[str]]) -> str:
    lines = [f"audience: [{', '.join(audience)}]", "processing_activities:"]
    for number, named in enumerate(subjects):
        lines += [f"  - id: activity_{number}", f"    data_subjects: [{', '.join(named)}]"]
    return "\n".join(lines) + "\n"


def expected_findings(audience: list[str], subjects: list[list[str]]) -> list[tuple[str, int, int]]:
    found: list[tuple[str, int, int]] = []
    for number, named in enumerate(subjects):
        column, seen = 21, set()  # "    data_subjects: [" is 20 characters
        for subject in named:
            if audience and subject not in audience and subject not in seen:
                found.append(("AUD001", 4 + 2 * number, column))
                seen.add(subject)
            column += len(subject) + 2
    return found


@given(
    st.lists(st.sampled_from(SUBJECTS), unique=True, max_size=3),
    st.lists(st.lists(st.sampled_from(SUBJECTS), max_size=5), min_size=1, max_size=4),
)
def test_each_outside_subject_is_reported_once_per_processing(audience: list[str], subjects: list[list[str]]) -> None:
    findings = lint_text(audience_policy(audience, subjects), select=["AUD001"])
    assert where(findings) == expected_findings(audience, subjects)
    everyone = sorted({subject for named in subjects for subject in named} | set(audience))
    assert lint_text(audience_policy(everyone, subjects), select=["AUD001"]) == []


def test_bundled_policy_reports_the_employees_of_the_payroll_sharing() -> None:
    findings = lint([POLICY], Config().with_options(select=("AUD",))).findings
    messages = [finding.message for finding in findings]
    assert any(message.startswith("sharing 'payroll' names 'employees'") for message in messages)
    assert all("'customers' (" not in message.split(" outside")[0] for message in messages)
