"""The baseline: keys without line numbers, the file, and matching known findings."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from privlint import baseline
from privlint.config import Config, ConfigError
from privlint.engine import lint, write_baseline
from privlint.findings import Finding, Severity, Span

POLICY = """\
data_items:
  - id: customer_name
processing_activities:
  - id: invoicing
    data_items: [customer_name, bank_account]
  - id: marketing
    data_items: [customer_name, phone]
"""
MOVED = """\
# the two activities swapped, and further down

data_items:
  - id: customer_name




processing_activities:
  - id: marketing
    data_items: [customer_name, phone]
  - id: invoicing
    data_items: [customer_name, bank_account]
"""


def finding(code: str, pointer: str, message: str = "m", file: str = "policy/p.yaml") -> Finding:
    return Finding(code, "name", Severity.ERROR, message, file, Span(3, 4), pointer, (), "")


DATA = {"sharing": [{"id": "payroll", "data_items": ["bank_account", "iban"], "purposes": [{"nl": "loon"}]}]}


def test_location_replaces_list_positions_by_ids_and_string_entries():
    assert baseline.location("/sharing/0/data_items/1", DATA) == ("/sharing/[payroll]/data_items/[iban]", "iban")
    assert baseline.location("/sharing/0/purposes/0/nl", DATA) == ("/sharing/[payroll]/purposes/0/nl", "loon")
    assert baseline.location("/sharing/0", DATA) == ("/sharing/[payroll]", DATA["sharing"][0])
    assert baseline.location("/sharing/0/retention", DATA) == ("/sharing/[payroll]/retention", None)
    assert baseline.location("/sharing/7", DATA) == ("/sharing/7", None)
    assert baseline.location("", DATA) == ("", DATA)


def test_keys_hash_scalar_values_and_the_message_of_whole_entries():
    scalar = baseline.key(finding("REF001", "/sharing/0/data_items/1"), DATA)
    assert (scalar.code, scalar.location, scalar.message, scalar.file) == (
        "REF001",
        "/sharing/[payroll]/data_items/[iban]",
        None,
        None,
    )
    assert scalar.value == baseline.short_hash('"iban"')
    entry = baseline.key(finding("RET001", "/sharing/0", "sharing 'payroll' states no retention period"), DATA)
    assert (entry.location, entry.value) == ("/sharing/[payroll]", None)
    assert entry.message == baseline.short_hash("sharing 'payroll' states no retention period")


def test_line_and_column_numbers_in_messages_do_not_reach_the_key():
    first = finding("YML002", "", "duplicate key 'name' (first defined at line 3, column 5)")
    moved = finding("YML002", "", "duplicate key 'name' (first defined at line 13, column 5)")
    assert baseline.key(first, DATA) == baseline.key(moved, DATA)
    assert baseline.key(first, DATA).file == "p.yaml"  # about the file as a whole


def test_fingerprints_count_equal_keys_in_order():
    same = [finding("TRN003", "/rights", "right missing")] * 2
    prints = baseline.fingerprints([*same, finding("TRN003", "/rights", "other right missing")], lambda _: DATA)
    digest = baseline.key(same[0], DATA).digest()
    assert prints[:2] == [f"{digest}:1", f"{digest}:2"]
    assert prints[2].endswith(":1")
    assert prints[2] != prints[0]


def test_the_file_is_sorted_json_without_line_numbers(tmp_path: Path):
    keys = [
        baseline.Key("REF001", "/b", value="2"),
        baseline.Key("LB001", "/a", message="1"),
        baseline.Key("REF001", "/a", value="9"),
        baseline.Key("YML001", "", message="3", file="p.yaml"),
    ]
    path = tmp_path / "baseline.json"
    baseline.write(path, keys)
    assert json.loads(path.read_text(encoding="utf-8")) == {
        "privlint_baseline": 1,
        "findings": [
            {"code": "LB001", "location": "/a", "message": "1"},
            {"code": "REF001", "location": "/a", "value": "9"},
            {"code": "REF001", "location": "/b", "value": "2"},
            {"code": "YML001", "location": "", "message": "3", "file": "p.yaml"},
        ],
    }
    assert baseline.read(path) == Counter(keys)


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("{", "cannot read the baseline"),
        ('{"findings": []}', "not a privlint baseline"),
        ('{"privlint_baseline": 1, "findings": {}}', "'findings' must be a list"),
        ('{"privlint_baseline": 1, "findings": [{"code": "REF001"}]}', "malformed entry"),
        ('{"privlint_baseline": 1, "findings": [{"code": "X", "location": "", "line": 3}]}', "malformed entry"),
    ],
)
def test_a_bad_baseline_file_is_refused_with_its_name(tmp_path: Path, text: str, error: str):
    path = tmp_path / "b.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(baseline.BaselineError, match=error):
        baseline.read(path)


def test_a_missing_baseline_says_how_to_write_one(tmp_path: Path):
    (tmp_path / "p.yaml").write_text(POLICY, encoding="utf-8")
    with pytest.raises(ConfigError, match=r"baseline file not found; write it with --write-baseline .*none\.json"):
        lint([tmp_path], Config(baseline=str(tmp_path / "none.json")))


def write_and_check(tmp_path: Path, before: str, after: str, *, select: tuple[str, ...] = ("REF",)):
    folder = tmp_path / "policy"
    folder.mkdir(exist_ok=True)
    (folder / "p.yaml").write_text(before, encoding="utf-8")
    known = tmp_path / "baseline.json"
    assert write_baseline(lint([folder], Config(select=select)), known)[0] > 0
    (folder / "p.yaml").write_text(after, encoding="utf-8")
    return lint([folder], Config(select=select, baseline=str(known)))


def test_moving_and_reordering_entries_keeps_every_finding_known(tmp_path: Path):
    result = write_and_check(tmp_path, POLICY, MOVED)
    assert [(f.code, f.line, f.column, f.baseline) for f in result.findings] == [
        ("REF001", 11, 33, True),
        ("REF001", 13, 33, True),
    ]
    assert result.baseline_stale == 0
    assert not result.fails(Severity.INFO)


def test_a_new_defect_is_the_only_blocking_finding(tmp_path: Path):
    result = write_and_check(tmp_path, POLICY, POLICY.replace("bank_account]", "bank_account, iban]"))
    assert [(f.code, f.line, f.column, f.baseline) for f in result.findings] == [
        ("REF001", 5, 33, True),
        ("REF001", 5, 47, False),
        ("REF001", 7, 33, True),
    ]
    assert "'iban'" in result.blocking[0].message


def test_a_changed_value_is_a_new_finding_and_the_old_entry_is_stale(tmp_path: Path):
    result = write_and_check(tmp_path, POLICY, POLICY.replace("phone]", "fax]"))
    assert [(f.line, f.column, f.baseline) for f in result.findings] == [(5, 33, True), (7, 33, False)]
    assert result.baseline_stale == 1


def test_each_entry_covers_one_finding(tmp_path: Path):
    twice = POLICY.replace("[customer_name, phone]", "[customer_name, phone, phone]")
    result = write_and_check(tmp_path, twice, twice.replace("phone, phone]", "phone, phone, phone]"))
    assert [f.baseline for f in result.findings] == [True, True, True, False]


def test_waived_findings_are_not_recorded(tmp_path: Path):
    folder = tmp_path / "policy"
    folder.mkdir()
    (folder / "p.yaml").write_text(POLICY, encoding="utf-8")
    waived = "waivers:\n  - {code: REF001, id: marketing, reason: covered by the marketing notice}\n"
    (folder / "waivers.yaml").write_text(waived, encoding="utf-8")
    result = lint([folder], Config(select=("REF", "WVR")))
    assert [f.waived for f in result.findings] == [False, True]
    known = tmp_path / "baseline.json"
    assert write_baseline(result, known) == (1, 0)
    entries = json.loads(known.read_text(encoding="utf-8"))["findings"]
    assert [entry["location"] for entry in entries] == ["/processing_activities/[invoicing]/data_items/[bank_account]"]


def test_an_entry_of_a_removed_activity_goes_stale_and_never_covers_its_neighbour(tmp_path: Path):
    # invoicing's finding is recorded; invoicing is removed and marketing takes its list
    # position with a finding of the same rule: the entry is bound to invoicing's id.
    only_invoicing = POLICY.replace("phone]", "customer_name]")
    moved_up = POLICY.replace("  - id: invoicing\n    data_items: [customer_name, bank_account]\n", "")
    result = write_and_check(tmp_path, only_invoicing, moved_up)
    assert [(f.code, f.pointer, f.baseline) for f in result.findings] == [
        ("REF001", "/processing_activities/0/data_items/1", False)
    ]
    assert result.baseline_stale == 1
