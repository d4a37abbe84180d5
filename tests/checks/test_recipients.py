"""RCP: properties over generated policies (breaking the model fires the rule at the place; repairing silences it)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from support import lint_text, where

ROLES = ("processor", "joint_controller", "controller", "public_authority")


@given(st.lists(st.booleans(), min_size=1, max_size=6))
def test_every_sharing_without_recipient_is_reported_at_its_entry(named: list[bool]) -> None:
    lines = ["sharing:"]
    expected = []
    messages = []
    for number, has_recipient in enumerate(named):
        lines.append(f"  - id: sharing_{number}")
        if has_recipient:
            lines.append("    recipients: [partner]")
        else:
            expected.append(("RCP001", len(lines), 5))
            messages.append(f"sharing 'sharing_{number}' names no recipient")
    findings = lint_text("\n".join(lines) + "\n", select=["RCP001"])
    assert where(findings) == expected
    assert all(message in f.message for f, message in zip(findings, messages, strict=True))


@given(st.lists(st.sampled_from((None, *ROLES)), min_size=1, max_size=6))
def test_recipients_without_role_are_reported(roles: list[str | None]) -> None:
    lines = ["recipients:"]
    expected = []
    for number, role in enumerate(roles):
        lines.append(f"  - id: partner_{number}")
        if role is None:
            expected.append(("RCP002", len(lines), 5))
        else:
            lines.append(f"    role: {role}")
    assert where(lint_text("\n".join(lines) + "\n", select=["RCP002"])) == expected


@given(st.lists(st.sampled_from(("unused", "processing", "sharing", "social_media")), min_size=1, max_size=6))
def test_unused_recipients_are_reported_and_any_reference_uses_them(uses: list[str]) -> None:
    lines = ["recipients:"]
    expected = []
    referenced: dict[str, list[str]] = {"processing": [], "sharing": [], "social_media": []}
    for number, use in enumerate(uses):
        lines += [f"  - id: partner_{number}", "    role: processor"]
        if use == "unused":
            expected.append(("RCP003", len(lines) - 1, 5))
        else:
            referenced[use].append(f"partner_{number}")
    lines += [
        "processing_activities:",
        f"  - {{id: invoicing, recipients: [{', '.join(referenced['processing'])}]}}",
        "sharing:",
        f"  - {{id: payroll, recipients: [{', '.join(referenced['sharing'])}]}}",
        "social_media:",
        f"  joint_controllers: [{', '.join(referenced['social_media'])}]",
    ]
    findings = lint_text("\n".join(lines) + "\n", select=["RCP003"])
    assert where(findings) == expected
    unused = [f"recipient 'partner_{number}'" for number, use in enumerate(uses) if use == "unused"]
    assert all(name in f.message for f, name in zip(findings, unused, strict=True))


@given(st.sampled_from(ROLES), st.booleans())
def test_only_joint_controllers_need_an_arrangement(role: str, arranged: bool) -> None:
    lines = ["recipients:", "  - id: platform", f"    role: {role}"]
    if arranged:
        lines += ["    joint_arrangement:", "      en: Who answers which requests."]
    findings = lint_text("\n".join(lines) + "\n", select=["RCP004"])
    assert where(findings) == ([("RCP004", 3, 11)] if role == "joint_controller" and not arranged else [])
