"""A retention number of any length in the notice: imported as written, never a crash.

"Maximaal 999…9 weken" with more than 4,300 digits crashed ``privlint import`` and ``privlint
diff`` (``int`` refuses to read so many digits). The number is now kept as the notice writes
it; ``privlint check`` then reports a duration no retention can have at its place (SCH001).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from privlint import cli
from privlint.engine import lint
from privlint.notice.importer import import_notice
from privlint.notice.parser import retention_of

from notice_support import changed_seed
from support import POLICY

CAMERA_LINE = 93  # "Bewaringstermijn: Maximaal 4 weken, tenzij ..." (the camera images)
IMPORTED_LINE = 47  # where the import writes the camera images' duration in processing.yaml
HUGE = "9" * 5000


@pytest.mark.parametrize(
    ("text", "duration"),
    [
        (f"Maximaal {HUGE} weken", f"P{HUGE}W"),
        (f"Maximaal 0{HUGE} dagen", f"P{HUGE}D"),
        ("Maximaal 0004 weken", "P4W"),
        ("Maximaal 9999999999 dagen", "P9999999999D"),
        (f"{HUGE} jaar en 6 maanden", f"P{HUGE}Y6M"),
    ],
    ids=lambda value: value[:24],
)
def test_a_retention_number_is_read_as_written_however_long(text: str, duration: str) -> None:
    assert retention_of(text).duration == duration


@pytest.mark.parametrize(
    ("number", "unit", "designator", "place"),
    [
        (HUGE, "weken", "W", (IMPORTED_LINE + 1, 9)),  # longer than the writer's line: on the next line
        ("9999999999", "dagen", "D", (IMPORTED_LINE, 17)),
    ],
    ids=lambda value: str(value)[:12],
)
def test_an_imported_duration_too_long_for_a_retention_is_reported_by_check_at_its_place(
    tmp_path: Path, number: str, unit: str, designator: str, place: tuple[int, int]
) -> None:
    notice = tmp_path / "notice.txt"
    notice.write_text(changed_seed(CAMERA_LINE, "Maximaal 4 weken", f"Maximaal {number} {unit}"), encoding="utf-8")
    report = import_notice(notice, tmp_path / "policy", overwrite=False)
    assert report.unplaced == []
    result = lint([tmp_path / "policy"])
    assert result.source is not None
    camera = result.source.data["processing_activities"][1]
    assert camera["retention"]["duration"] == f"P{number}{designator}"
    findings = [f for f in result.findings if f.code == "SCH001"]
    assert [(Path(f.file).name, f.code, f.line, f.column) for f in findings] == [("processing.yaml", "SCH001", *place)]
    assert "processing_activities[1].retention.duration" in findings[0].message


@pytest.mark.parametrize("number", [HUGE, "9999999999"])
def test_import_and_diff_survive_a_retention_number_of_any_length(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], number: str
) -> None:
    notice = tmp_path / "notice.txt"
    notice.write_text(changed_seed(CAMERA_LINE, "Maximaal 4 weken", f"Maximaal {number} weken"), encoding="utf-8")
    for argv in (
        ["import", "-o", str(tmp_path / "policy"), str(notice)],
        ["check", str(tmp_path / "policy")],
        ["diff", str(POLICY), str(notice)],
        ["diff", str(tmp_path / "policy"), str(notice)],
    ):
        code = cli.main(argv)
        captured = capsys.readouterr()
        assert code in (0, 1), (argv[0], code, captured.err[-300:])
        assert "internal error" not in captured.out + captured.err, (argv[0], captured.err[-300:])


def test_diff_reports_the_notice_retention_that_differs_from_the_model_at_the_notice_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notice = tmp_path / "notice.txt"
    notice.write_text(changed_seed(CAMERA_LINE, "Maximaal 4 weken", f"Maximaal {HUGE} weken"), encoding="utf-8")
    assert cli.main(["diff", "--no-baseline", "--no-waivers", str(POLICY), str(notice)]) == 1
    shown = capsys.readouterr().out
    assert f"notice.txt:{CAMERA_LINE}:" in shown
    assert f"duration: the notice says P{HUGE}W, the model P4W" in shown
