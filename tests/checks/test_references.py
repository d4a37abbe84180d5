"""REF003-REF005: properties over generated policies, and the bundled Smet-Jet policy."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from privlint.config import Config
from privlint.engine import lint

from support import POLICY, lint_text, where

IDS = ("sd_worx", "dhondt_insurance", "meta_platforms_ireland", "linkedin_ireland")


@given(st.lists(st.sampled_from(IDS), min_size=1, max_size=8))
def test_every_later_duplicate_id_is_reported_at_its_id(ids: list[str]) -> None:
    policy = "recipients:\n" + "".join(f"  - id: {ident}\n" for ident in ids)
    seen: set[str] = set()
    expected = []
    for line, ident in enumerate(ids, start=2):
        if ident in seen:
            expected.append(("REF004", line, 9))
        seen.add(ident)
    assert where(lint_text(policy, select=["REF004"])) == expected
    unique = "recipients:\n" + "".join(f"  - id: {ident}\n" for ident in dict.fromkeys(ids))
    assert lint_text(unique, select=["REF004"]) == []


@given(st.sets(st.sampled_from(IDS)), st.lists(st.sampled_from(IDS), min_size=1, max_size=6))
def test_references_to_undeclared_recipients_are_reported(declared: set[str], named: list[str]) -> None:
    head = "recipients:\n" + "".join(f"  - id: {ident}\n" for ident in sorted(declared))
    body = "sharing:\n  - id: partner\n    recipients:\n" + "".join(f"      - {ident}\n" for ident in named)
    first = head.count("\n") + 4 if declared else 4
    policy = (head if declared else "") + body
    expected = [("REF003", first + n, 9) for n, ident in enumerate(named) if ident not in declared]
    assert where(lint_text(policy, select=["REF003"])) == expected
    repaired = "recipients:\n" + "".join(f"  - id: {ident}\n" for ident in IDS) + body
    assert lint_text(repaired, select=["REF003"]) == []


def test_the_bundled_policy() -> None:
    findings = [f for f in lint([POLICY], Config()).findings if f.code.startswith("REF")]
    codes = [f.code for f in findings]
    assert "REF003" not in codes
    assert "REF004" not in codes
    ref005 = {(f.message.split("'")[3], f.message.split("'")[1]) for f in findings if f.code == "REF005"}
    payroll = {"bank_account", "employee_name", "attendance", "home_address", "start_date", "marital_status"}
    payroll |= {"sick_leave_days", "salary_data", "birth_date_or_age", "leave_days"}
    assert ref005 == {
        *(("payroll", item) for item in payroll),
        ("insurance", "employee_name"),
        ("insurance", "claim_circumstances"),
        ("social_media_meta", "electronic_location_data"),
        ("social_media_linkedin", "employee_name"),
        ("social_media_linkedin", "electronic_location_data"),
    }


def test_did_you_mean_still_works_in_a_register_of_thousands_of_items() -> None:
    # Above 2,000 names only forms sharing rare trigrams are compared (linear time).
    items = "".join(f"  - {{id: stock_item_{n:04d}, name: {{nl: Voorraadartikel {n:04d}}}}}\n" for n in range(2100))
    text = (
        "data_items:\n  - {id: customer_name, name: {nl: Naam van de klant}}\n"
        + items
        + "processing_activities:\n  - {id: invoicing, data_items: [custmer_name]}\n"
    )
    (finding,) = lint_text(text, select=["REF001"])
    assert finding.message.endswith("did you mean 'customer_name' (Naam van de klant)?")


def test_did_you_mean_for_several_references_of_two_kinds_in_a_large_register() -> None:
    # Beyond 2,000 names the forms are indexed under the trigrams of the undeclared
    # references only: each reference must still get its own closest id, of its own kind.
    recipients = "".join(f"  - {{id: supplier_{n:04d}, role: processor}}\n" for n in range(2100))
    text = (
        "data_subjects:\n  - {id: customers}\n  - {id: suppliers}\n"
        "recipients:\n  - {id: sd_worx, role: processor}\n  - {id: it_partner, role: processor}\n"
        + recipients
        + "processing_activities:\n"
        "  - {id: payroll, recipients: [sd_worxx], data_subjects: [custommers]}\n"
        "  - {id: helpdesk, recipients: [it_partnr, supplier_0042x]}\n"
    )
    messages = [f.message for f in lint_text(text, select=["REF003"])]
    assert [m.rsplit("; ", 1)[-1] for m in messages] == [
        "did you mean 'sd_worx'?",
        "did you mean 'customers'?",
        "did you mean 'it_partner'?",
        "did you mean 'supplier_0042'?",
    ]
