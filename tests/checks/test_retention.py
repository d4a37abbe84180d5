"""RET: how periods compare, properties over generated policies, and the bundled Smet-Jet policy."""

from __future__ import annotations

from datetime import date, timedelta

import isodate
import pytest
from hypothesis import given
from hypothesis import strategies as st

from privlint.checks.retention import _end as end_of_period
from privlint.checks.retention import ends_later
from privlint.config import Config
from privlint.engine import lint

from support import POLICY, lint_text, where


@pytest.mark.parametrize(
    ("period", "other", "expected"),
    [
        ("P4W", "P1M", False),  # the shortest month has 28 days
        ("P28D", "P1M", False),
        ("P29D", "P1M", True),  # recorded 1 February 2025: kept until 2 March, a month ends 1 March
        ("P1M", "P29D", True),  # and a month from 1 January is 31 days
        ("P5W", "P1M", True),
        ("P1M", "P1M", False),
        ("P1Y", "P12M", False),
        ("P12M", "P1Y", False),
        ("P1M2D", "P1M1D", True),
        ("P1M1D", "P1M2D", False),
        ("P10Y", "P3652D", True),  # ten years hold two or three leap days
        ("P3653D", "P10Y", True),
        ("P3654D", "P10Y", True),
        ("P10Y", "P3653D", False),
        ("P0D", "P1D", False),
        ("PT1H", "P1D", False),  # not a whole-day period: never compared
    ],
)
def test_periods_compare_by_calendar_for_every_start_day(period: str, other: str, expected: bool) -> None:
    assert ends_later(period, other) is expected


@given(st.dates(date(1900, 1, 1), date(2200, 12, 31)), st.integers(0, 1200), st.integers(0, 4000))
def test_a_period_ends_where_isodate_says(start: date, months: int, days: int) -> None:
    assert end_of_period(start, months, days) == start + isodate.Duration(months=months, days=days)


@given(st.integers(0, 40), st.integers(0, 400), st.integers(0, 40), st.integers(0, 400))
def test_periods_compare_as_isodate_adds_them_on_every_start_day(
    months: int, days: int, other_months: int, other_days: int
) -> None:
    span, other = isodate.Duration(months=months, days=days), isodate.Duration(months=other_months, days=other_days)
    starts = [date(2024, 1, 1) + timedelta(days=offset) for offset in range(4 * 365 + 1)]
    expected = any(start + span > start + other for start in starts)
    assert ends_later(f"P{months}M{days}D", f"P{other_months}M{other_days}D") is expected


@given(st.integers(0, 5000), st.integers(0, 5000))
def test_day_periods_compare_by_days(days: int, other: int) -> None:
    assert ends_later(f"P{days}D", f"P{other}D") is (days > other)


@given(st.integers(0, 40), st.integers(0, 11), st.integers(0, 40), st.integers(0, 11))
def test_month_periods_compare_by_months(years: int, months: int, other_years: int, other_months: int) -> None:
    total, other_total = years * 12 + months, other_years * 12 + other_months
    assert ends_later(f"P{years}Y{months}M", f"P{other_years}Y{other_months}M") is (total > other_total)


@given(st.integers(1, 70))
def test_camera_images_above_one_month_are_reported_at_the_duration(days: int) -> None:
    policy = (
        "processing_activities:\n"
        "  - id: cctv\n"
        "    retention:\n"
        f"      duration: P{days}D\n"
        "      trigger: recording\n"
        "      extension: incident_closed\n"
    )
    # A month is 28 to 31 days: more than 28 days outlasts a month begun on 1 February.
    expected = [("RET003", 4, 17)] if days > 28 else []
    assert where(lint_text(policy, select=["RET003"])) == expected
    assert lint_text(policy.replace(f"P{days}D", "P4W"), select=["RET003"]) == []


@given(st.integers(1, 15))
def test_invoices_kept_less_than_ten_years_are_reported_at_the_duration(years: int) -> None:
    policy = (
        "processing_activities:\n"
        "  - id: invoicing\n"
        "    name: {nl: Klanten facturatie}\n"
        f"    retention: {{duration: P{years}Y, trigger: invoice_date}}\n"
    )
    expected = [("RET005", 4, 27)] if years < 10 else []
    assert where(lint_text(policy, select=["RET005"])) == expected
    assert lint_text(policy.replace(f"P{years}Y", "P10Y"), select=["RET005"]) == []


@given(st.sampled_from(("consent", "legitimate_interest", "legal_obligation", "public_task", "vital_interest")))
def test_a_contract_end_trigger_needs_a_contract_basis(basis: str) -> None:
    policy = f"sharing:\n  - id: partner\n    legal_basis: {basis}\n    retention:\n      trigger: contract_end\n"
    assert where(lint_text(policy, select=["RET004"])) == [("RET004", 5, 16)]
    assert lint_text(policy.replace(basis, "contract"), select=["RET004"]) == []


def test_the_bundled_policy() -> None:
    findings = [f for f in lint([POLICY], Config()).findings if f.code.startswith("RET")]
    ret001 = [f for f in findings if f.code == "RET001"]
    assert [(f.file.rsplit("/", 1)[-1], f.line, f.column) for f in ret001] == [
        ("sharing.yaml", 65, 5),
        ("sharing.yaml", 103, 5),
        ("sharing.yaml", 123, 5),
        ("sharing.yaml", 144, 5),
        ("sharing.yaml", 167, 5),
    ]
    expected = (
        "the retention of processing activity 'company_website' runs from the end of a contract, "
        "but its legal basis is legitimate_interest, not contract"
    )
    assert [f.message for f in findings if f.code == "RET004"] == [expected]
    # cctv keeps images P4W with the evidence exception as an extension: within one month.
    assert "RET003" not in {f.code for f in findings}
    # invoicing keeps VAT and accounting records but states no duration: RET005 says it cannot be
    # shown to meet the ten years (at its retention, processing.yaml line 149).
    ret005 = [(f.file.rsplit("/", 1)[-1], f.line, f.column) for f in findings if f.code == "RET005"]
    assert ret005 == [("processing.yaml", 149, 7)]
    # cctv: P4W within the camera law's month needs no trigger (B.12 of the audit).
    assert [f for f in findings if f.code == "RET002" and "'cctv'" in f.message] == []


NEWSLETTER = """\
processing_activities:
  - id: newsletter
    legal_basis: consent
    retention:
      {retention}
"""


@pytest.mark.parametrize(
    ("retention", "expected"),
    [
        ("extension: consent_withdrawal", []),  # kept until consent is withdrawn: a criterion (13(2)(a))
        ("text: {nl: Zolang als nodig}", [("RET002", 5, 7)]),
        ("duration: P2Y", [("RET002", 5, 7)]),  # how long, but from when?
    ],
)
def test_keeping_until_a_stated_event_is_a_verifiable_retention(retention: str, expected: list[tuple[str, int, int]]):
    findings = lint_text(NEWSLETTER.format(retention=retention), select=["RET002"])
    assert where(findings) == expected
