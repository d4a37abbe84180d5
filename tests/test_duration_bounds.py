"""Retention durations of any length: a finding at the duration, never an internal error.

A schema-valid duration once crashed every command that runs the checks (``P3000000D``: "date
value out of range"; ``P1000000000D``: timedelta's limit; ``P99999999999W``: "Python int too
large to convert to C int"). The schema now bounds each part of a duration to what a retention
can be, and the comparison of periods counts days as integers, so no length overflows it.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import isodate
import pytest

from privlint import cli
from privlint.checks.retention import _end as end_of_period
from privlint.checks.retention import ends_later

from support import POLICY, lint_text, where

CAMERA = """\
processing_activities:
  - id: cctv
    name: {{nl: Veiligheidscamera}}
    retention:
      duration: {duration}
      trigger: recording
"""

TOO_LONG = [
    "P3000000D",
    "P3000000W",
    "P1000000000D",
    "P99999999999W",
    "P7976Y",
    "P1000Y",
    "P100000M",
    "P100000D",
    "P99999999999999999999Y",
    "P" + "9" * 5000 + "W",
]
LONGEST = "P999Y9999M9999W99999D"  # every part at its bound: still a date before 9999
CAMERA_LINE = 64  # policy/processing.yaml: "      duration: P4W" (the camera images)


def _retention_findings(duration: str) -> list[tuple[str, int, int]]:
    findings = lint_text(CAMERA.format(duration=duration), select=["RET", "SCH"])
    return where(findings)


@pytest.mark.parametrize("duration", TOO_LONG, ids=lambda d: d[:24])
def test_a_duration_longer_than_any_retention_is_a_schema_finding_at_the_duration(duration: str) -> None:
    findings = lint_text(CAMERA.format(duration=duration), select=["RET", "SCH"])
    assert where(findings) == [("SCH001", 5, 17)]
    assert "processing_activities[0].retention.duration" in findings[0].message
    assert "at most 999 years" in findings[0].hint


def test_the_longest_duration_the_schema_allows_is_compared_with_the_statutory_maximum() -> None:
    findings = lint_text(CAMERA.format(duration=LONGEST), select=["RET", "SCH"])
    assert where(findings) == [("RET003", 5, 17)]
    assert f"keeps data for {LONGEST}, longer than the statutory maximum of P1M" in findings[0].message


@pytest.mark.parametrize(
    ("period", "other", "expected"),
    [
        ("P3000000D", "P1M", True),
        ("P1M", "P3000000D", False),
        ("P1000000000D", "P10Y", True),
        ("P99999999999W", "P1M", True),
        ("P7976Y", "P10Y", True),
        ("P10Y", "P99999999999999999999Y", False),
        ("P99999999999999999999Y", "P10Y", True),
        ("P100000M", "P3000000D", True),  # 100,000 months hold about 3,043,687 days
        ("P3000000D", "P100000M", False),
        ("P4800M", "P146097D", False),  # 400 calendar years are exactly 146,097 days
        ("P146097D", "P4800M", False),
        ("P4800M1D", "P146097D", True),
        (LONGEST, "P1M", True),
        ("P" + "9" * 5000 + "D", "P1M", True),
        ("P1M", "P" + "9" * 5000 + "D", False),
    ],
    ids=lambda value: str(value)[:24],
)
def test_periods_of_any_length_compare_without_overflow(period: str, other: str, *, expected: bool) -> None:
    assert ends_later(period, other) is expected


@pytest.mark.parametrize(
    ("start", "months", "days"),
    [(date(2024, 1, 31), 1, 0), (date(2024, 2, 29), 4800 * 3 + 12, 0), (date(2027, 12, 31), 9999, 99999)],
)
def test_a_long_period_ends_where_isodate_says(start: date, months: int, days: int) -> None:
    assert end_of_period(start, months, days) == start + isodate.Duration(months=months, days=days)


def _policy_with(tmp_path: Path, duration: str) -> Path:
    folder = tmp_path / "policy"
    shutil.copytree(POLICY, folder)
    processing = folder / "processing.yaml"
    lines = processing.read_text(encoding="utf-8").split("\n")
    assert lines[CAMERA_LINE - 1].startswith("      duration: P4W"), lines[CAMERA_LINE - 1]
    lines[CAMERA_LINE - 1] = lines[CAMERA_LINE - 1].replace("P4W", duration, 1)
    processing.write_text("\n".join(lines), encoding="utf-8")
    return folder


def _commands(policy: Path, out: Path, *, valid: bool) -> list[list[str]]:
    notice = POLICY.parent / "notice" / "klanten-privacyverklaring.txt"
    # The report compares only readable policies: with a schema error, --old is a usage error (exit 2).
    compared = [["report", "--old", str(POLICY), "-o", str(out / "changes.html"), str(policy)]] if valid else []
    return [
        *(["check", "--format", fmt, str(policy)] for fmt in ("text", "json", "sarif", "junit", "github", "markdown")),
        ["check", "--format", "html", "-o", str(out / "check.html"), str(policy)],
        ["report", "-o", str(out / "report.html"), str(policy)],
        *compared,
        ["render", str(policy)],
        ["render", "--format", "html", str(policy)],
        *(["register", "--format", fmt, "-o", str(out / f"register.{fmt}"), str(policy)] for fmt in ("xlsx", "csv")),
        ["register", "--format", "json", "-o", str(out / "register.json"), str(policy)],
        ["dpia", str(policy)],
        ["dpia", "--format", "json", str(policy)],
        ["changes", "--old", str(POLICY), str(policy)],
        ["changes", "--old", str(policy), str(POLICY)],
        ["diff", str(policy), str(notice)],
    ]


@pytest.mark.parametrize("duration", ["P3000000D", "P99999999999999999999Y", "P" + "9" * 5000 + "D", LONGEST])
def test_every_command_survives_a_long_duration(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], duration: str
) -> None:
    policy = _policy_with(tmp_path, duration)
    for argv in _commands(policy, tmp_path, valid=duration == LONGEST):
        code = cli.main(argv)
        captured = capsys.readouterr()
        assert code in (0, 1), (argv[0], code, captured.err[-300:])
        assert "internal error" not in captured.out + captured.err, (argv[0], captured.err[-300:])


@pytest.mark.parametrize(
    ("duration", "code"), [("P3000000D", "SCH001"), ("P1000000000D", "SCH001"), (LONGEST, "RET003")]
)
def test_check_reports_a_long_duration_at_its_place_in_the_policy(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], duration: str, code: str
) -> None:
    policy = _policy_with(tmp_path, duration)
    assert cli.main(["check", str(policy)]) == 1
    shown = capsys.readouterr().out
    assert f"processing.yaml:{CAMERA_LINE}:17: {code}" in shown


COOKIE = """\
website:
  cookies:
    consent_requested: true
    cookie_list:
      - {{name: _ga, category: analytics, party: third, duration: {duration}}}
"""


@pytest.mark.parametrize("duration", ["P" + "9" * 5000 + "D", "PT" + "9" * 5000 + "S", "P1000Y", "PT99999999999S"])
def test_a_cookie_duration_longer_than_any_lifetime_is_a_schema_finding_at_the_duration(duration: str) -> None:
    findings = lint_text(COOKIE.format(duration=duration), select=["SCH"])
    assert where(findings) == [("SCH001", 5, 66)]
    assert "website.cookies.cookie_list[0].duration" in findings[0].message


@pytest.mark.parametrize("duration", ["P999Y9999M9999W99999D", "PT999999H99999999M9999999999S", "PT31536000S"])
def test_the_longest_cookie_durations_the_schema_allows_pass_it(duration: str) -> None:
    assert where(lint_text(COOKIE.format(duration=duration), select=["SCH"])) == []


def test_the_report_writes_a_period_of_any_length_in_words() -> None:
    from privlint.report.texts import duration  # noqa: PLC0415 - the report's own module, not the CLI path

    assert duration("P0004W") == {"nl": "4 weken", "en": "4 weeks"}
    assert duration("P01D") == {"nl": "1 dag", "en": "1 day"}
    assert duration("P" + "9" * 5000 + "D")["en"] == "9" * 5000 + " days"
