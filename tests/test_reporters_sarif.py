"""SARIF 2.1.0: valid against the OASIS schema, located, fingerprinted without line numbers."""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from privlint import catalogue, ruledocs
from privlint.reporters import sarif

from support import POLICY, REPO, run

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


def sarif_of(*args: str, cwd: Path = REPO) -> dict[str, Any]:
    result = run("check", "--format", "sarif", *args, cwd=cwd)
    assert result.returncode in (0, 1), result.stderr
    document: dict[str, Any] = json.loads(result.stdout)
    return document


@pytest.mark.parametrize("args", [(), ("--no-baseline", "--no-waivers")])
def test_sarif_for_the_bundled_policy_validates_against_the_oasis_schema(args: tuple[str, ...]):
    document = sarif_of(*args)
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in VALIDATOR.iter_errors(document)]
    assert errors == []
    assert document["version"] == "2.1.0"
    assert len(document["runs"]) == 1


def test_every_result_is_located_fingerprinted_and_tied_to_its_rule():
    run_ = sarif_of("--no-baseline", "--no-waivers")["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    results = run_["results"]
    assert results
    # Each result at its finding's own severity (mostly the rule's; BE002 remarks on missing details).
    listed = json.loads(run("check", "--no-baseline", "--no-waivers", "--format", "json").stdout)["findings"]
    severities = {(f["code"], f["message"]): f["severity"] for f in listed}
    assert {level for (code, _), level in severities.items() if code == "BE002"} == {"info"}
    assert {r.severity.label for r in catalogue.registry().values() if r.code == "BE002"} == {"error"}
    for result in results:
        location = result["locations"][0]["physicalLocation"]
        assert location["region"]["startLine"] >= 1
        assert location["region"]["startColumn"] >= 1
        assert location["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        assert re.fullmatch(r"policy/[a-z_]+\.yaml", location["artifactLocation"]["uri"])
        assert re.fullmatch(r"[0-9a-f]{32}:[1-9][0-9]*", result["partialFingerprints"]["privlint/v1"])
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert (
            result["level"]
            == {"error": "error", "warning": "warning", "info": "note"}[
                severities[result["ruleId"], result["message"]["text"].split("\nHint: ")[0]]
            ]
        )
        assert "suppressions" not in result
        assert "baselineState" not in result
    fingerprints = [r["partialFingerprints"]["privlint/v1"] for r in results]
    assert len(set(fingerprints)) == len(fingerprints)
    assert run_["originalUriBaseIds"]["%SRCROOT%"]["uri"] == REPO.resolve().as_uri() + "/"


def test_the_driver_describes_every_registered_rule():
    driver = sarif_of("--no-baseline")["runs"][0]["tool"]["driver"]
    registry = catalogue.registry()
    assert [rule["id"] for rule in driver["rules"]] == list(registry)
    by_id = {rule["id"]: rule for rule in driver["rules"]}
    ref001 = by_id["REF001"]
    rule = registry["REF001"]
    assert ref001["name"] == "data-item-undeclared"
    assert ref001["shortDescription"] == {"text": rule.summary}
    assert ref001["fullDescription"] == {"text": rule.explanation}
    assert ref001["help"]["markdown"] == ruledocs.explain(rule)
    assert ref001["defaultConfiguration"] == {"level": "error"}
    assert ref001["properties"]["tags"] == ["privacy", "gdpr", "GDPR 5(1)(a)", "GDPR 13(1)(c)", "GDPR 30(1)(c)"]
    assert "helpUri" not in ref001  # the package declares no absolute documentation URL
    assert by_id["TRN007"]["defaultConfiguration"] == {"level": "note"}


def test_a_scalar_is_marked_exactly_and_a_whole_entry_where_it_starts():
    results = sarif_of("--no-baseline", "--select", "REF001,LB002")["runs"][0]["results"]
    bank = next(r for r in results if "'bank_account' is used by sharing 'payroll'" in r["message"]["text"])
    assert bank["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 76,
        "startColumn": 9,
        "endLine": 76,
        "endColumn": 21,
    }
    assert bank["locations"][0]["logicalLocations"] == [
        {"fullyQualifiedName": "/sharing/0/data_items/0", "kind": "object"}
    ]
    assert bank["message"]["text"] == (
        "data item 'bank_account' is used by sharing 'payroll' but not declared in data_items\n"
        "Hint: declare the item under data_items (or correct the reference)"
    )


def move_first_activity_to_the_end_and_ten_lines_down(policy: Path) -> None:
    processing = policy / "processing.yaml"
    lines = processing.read_text(encoding="utf-8").splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if line.startswith("  - id: ")]
    first = lines[starts[0] : starts[1]]
    rest = lines[: starts[0]] + lines[starts[1] :]
    padding = ["  # moved\n"] * 10
    processing.write_text("".join(rest + padding + first), encoding="utf-8")
    sharing = policy / "sharing.yaml"
    sharing.write_text("# ten lines\n" * 10 + sharing.read_text(encoding="utf-8"), encoding="utf-8")


def by_message(document: dict[str, Any]) -> Counter[tuple[str, str, str]]:
    return Counter(
        (r["ruleId"], r["message"]["text"], r["partialFingerprints"]["privlint/v1"])
        for r in document["runs"][0]["results"]
    )


def test_moving_yaml_blocks_keeps_every_fingerprint(tmp_path: Path):
    shutil.copytree(POLICY, tmp_path / "policy")
    before = sarif_of("--no-baseline", cwd=tmp_path)
    move_first_activity_to_the_end_and_ten_lines_down(tmp_path / "policy")
    after = sarif_of("--no-baseline", cwd=tmp_path)
    assert by_message(after) == by_message(before)

    def lines(document: dict[str, Any]) -> dict[str, int]:
        return {
            r["partialFingerprints"]["privlint/v1"]: r["locations"][0]["physicalLocation"]["region"]["startLine"]
            for r in document["runs"][0]["results"]
        }

    old, new = lines(before), lines(after)
    bank = next(
        r["partialFingerprints"]["privlint/v1"]
        for r in before["runs"][0]["results"]
        if "'bank_account' is used by sharing 'payroll'" in r["message"]["text"]
    )
    assert (old[bank], new[bank]) == (76, 86)
    assert sum(1 for key in old if old[key] != new[key]) > len(old) // 2


def test_waived_and_baseline_findings_are_external_suppressions(tmp_path: Path):
    folder = tmp_path / "policy"
    folder.mkdir()
    (folder / "policy.yaml").write_text(
        "data_items:\n  - id: customer_name\nprocessing_activities:\n"
        "  - id: invoicing\n    data_items: [customer_name, bank_account, iban, phone]\n",
        encoding="utf-8",
    )
    (folder / "waivers.yaml").write_text(
        "waivers:\n  - code: REF001\n    pointer: /processing_activities/0/data_items/1\n"
        "    reason: declared in the supplier notice\n    owner: legal@smetjet.be\n    expires: 2999-12-31\n",
        encoding="utf-8",
    )
    assert run("check", "--select", "REF001", "--write-baseline", "known.json", cwd=tmp_path).returncode == 0
    (folder / "policy.yaml").write_text(
        (folder / "policy.yaml").read_text(encoding="utf-8").replace("phone]", "phone, fax]"), encoding="utf-8"
    )
    document = sarif_of("--select", "REF001", "--baseline", "known.json", cwd=tmp_path)
    assert VALIDATOR.is_valid(document)
    results = document["runs"][0]["results"]
    assert [(r["message"]["text"].split("'")[1], r.get("baselineState")) for r in results] == [
        ("bank_account", "new"),  # waived, so never recorded in the baseline
        ("iban", "unchanged"),
        ("phone", "unchanged"),
        ("fax", "new"),
    ]
    assert results[0]["suppressions"] == [
        {
            "kind": "external",
            "status": "accepted",
            "justification": "declared in the supplier notice",
            "location": {
                "physicalLocation": {
                    "artifactLocation": {"uri": "policy/waivers.yaml", "uriBaseId": "%SRCROOT%"},
                    "region": {"startLine": 2, "startColumn": 5},
                }
            },
            "properties": {"owner": "legal@smetjet.be", "expires": "2999-12-31"},
        }
    ]
    known = {
        "kind": "external",
        "status": "underReview",
        "justification": "known finding recorded in the baseline known.json; still open",
    }
    assert [r.get("suppressions") for r in results[1:]] == [[known], [known], None]


def test_files_outside_the_working_directory_get_absolute_file_uris(tmp_path: Path):
    assert sarif.artifact(str(tmp_path / "p.yaml")) == {"uri": (tmp_path / "p.yaml").as_uri()}
    assert sarif.artifact("policy/a b.yaml") == {"uri": "policy/a%20b.yaml", "uriBaseId": "%SRCROOT%"}


def test_skipped_checks_are_a_tool_notification(tmp_path: Path):
    (tmp_path / "p.yaml").write_text("processing_activities:\n  - id: x\n    legal_basis: contrct\n", encoding="utf-8")
    document = sarif_of(str(tmp_path / "p.yaml"), cwd=tmp_path)
    assert VALIDATOR.is_valid(document)
    assert document["runs"][0]["invocations"] == [
        {
            "executionSuccessful": True,
            "toolExecutionNotifications": [
                {
                    "level": "warning",
                    "message": {"text": "Compliance checks were not run: fix the schema errors first."},
                }
            ],
        }
    ]
