"""`privlint diff`: drift between the published notice and the model, located in the notice."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from privlint import catalogue
from privlint.findings import Severity
from privlint.notice.drift import NoticeReadError
from privlint.rules import Rule

from notice_support import SEED, SEED_TEXT, changed_seed, compare, drift, example_notice, where
from support import POLICY, REPO, run

CASES = REPO / "tests" / "checks" / "cases"
DRIFT_RULES = [rule for rule in catalogue.registry().values() if rule.family == "DRF"]


def diff_seed(text: str, tmp_path: Path) -> list[Any]:
    notice = tmp_path / "notice.txt"
    notice.write_text(text, encoding="utf-8")
    return compare(POLICY, notice)


# --- the acceptance criteria --------------------------------------------------------------------------


def test_the_bundled_policy_does_not_drift_from_the_published_notice():
    assert compare(POLICY, SEED) == []


def test_the_command_line_reports_no_drift_and_exits_0():
    result = run("diff", "policy/", "notice/klanten-privacyverklaring.txt")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == "All checks passed (7 files, 12 rules).\n"


def test_a_changed_retention_is_reported_at_its_line(tmp_path: Path):
    findings = diff_seed(changed_seed(93, "Maximaal 4 weken", "Maximaal 6 weken"), tmp_path)
    assert where(findings) == [("DRF006", 93, 19)]
    assert findings[0].message == (
        "the retention of processing activity 'cctv' differs: the notice says 'Maximaal 6 weken, tenzij in geval "
        "van bewijs van het incident: totdat ...', the model 'Maximaal 4 weken, tenzij in geval van bewijs van het "
        "incident: totdat ...'; duration: the notice says P6W, the model P4W"
    )
    assert findings[0].file == (tmp_path / "notice.txt").as_posix()
    assert findings[0].pointer == "/processing_activities/1/retention"
    assert findings[0].articles == ("GDPR 5(1)(e)", "GDPR 13(2)(a)")


def test_separators_that_are_not_line_breaks_do_not_shift_the_lines_after_them(tmp_path: Path):
    # An editor breaks lines at LF, CRLF and CR only; str.splitlines() also at NEL, LS, PS and
    # form feeds, which moved every later finding down a line.
    text = changed_seed(93, "Maximaal 4 weken", "Maximaal 6 weken")
    lines = text.split("\n")
    lines[21] = lines[21].replace("Wij hechten belang", "Wij\u2028hechten\x85belang\x0c", 1)
    findings = diff_seed("\n".join(lines), tmp_path)
    assert where(findings) == [("DRF006", 93, 19)]


def test_a_changed_retention_without_a_period_is_reported_at_its_line(tmp_path: Path):
    findings = diff_seed(changed_seed(107, "verjaringstermijn en", "wettelijke termijn en"), tmp_path)
    assert where(findings) == [("DRF006", 107, 19)]
    assert findings[0].message == (
        "the retention of processing activity 'customer_appointments' differs: the notice says '...waring gedurende "
        "de wettelijke termijn en / of verjaringstermijnen rel...', the model '...waring gedurende de "
        "verjaringstermijn en / of verjaringstermijnen rele...'"
    )


def test_a_changed_data_item_is_reported_at_its_line(tmp_path: Path):
    findings = diff_seed(changed_seed(109, "Naam van de klant", "Naam klant"), tmp_path)
    assert where(findings) == [("DRF002", 109, 13), ("DRF001", 109, 60)]
    assert [f.message for f in findings] == [
        (
            "processing activity 'customer_appointments' uses data item 'customer_name' (Naam van de klant) in the "
            "model, but the notice does not list it"
        ),
        (
            "the notice lists 'Naam klant' for processing activity 'customer_appointments', but the model's "
            "processing activity does not use it; did you mean 'Naam van de klant'?"
        ),
    ]
    assert [f.pointer for f in findings] == [
        "/processing_activities/2/data_items/2",
        "/processing_activities/2/data_items",
    ]


def test_the_command_line_exits_1_on_drift(tmp_path: Path):
    notice = tmp_path / "notice.txt"
    notice.write_text(changed_seed(93, "Maximaal 4 weken", "Maximaal 6 weken"), encoding="utf-8")
    result = run("diff", "policy/", str(notice))
    assert result.returncode == 1
    assert result.stdout.startswith(f"{notice.as_posix()}:93:19: DRF006 [error] the retention of processing ")


def test_a_data_item_dropped_from_the_list_is_reported_at_the_list(tmp_path: Path):
    findings = diff_seed(SEED_TEXT.replace("- Handtekening\n", ""), tmp_path)
    assert where(findings) == [("DRF002", 43, 1)]
    assert findings[0].message == (
        "data item 'signature' (Handtekening) is declared in the model, but the notice's data-item list does not "
        "name it"
    )


def test_a_renamed_activity_is_missing_on_both_sides(tmp_path: Path):
    findings = diff_seed(changed_seed(99, "Klantenafspraken", "Afspraken"), tmp_path)
    assert where(findings) == [("DRF004", 30, 4), ("DRF003", 99, 5)]
    assert findings[0].message == (
        "processing activity 'customer_appointments' (Klantenafspraken) is in the model, but the notice does not "
        "describe it"
    )


def test_other_facts_of_an_entry(tmp_path: Path):
    text = changed_seed(161, "Gerechtvaardigd Belang", "Toestemming")
    text = text.replace("LinkedIn Ireland Unlimited Company ontvangt", "LinkedIn Corporation ontvangt")
    text = text.replace(
        "Data items: Persoonlijk emailadres, Elektronische identificatiegegevens, Naam van de klant\n\n"
        "Data wordt verwerkt binnen de EU",
        "Data items: Persoonlijk emailadres, Elektronische identificatiegegevens, Naam van de klant\n\n"
        "Data wordt verwerkt in de Verenigde Staten",
    )
    findings = diff_seed(text, tmp_path)
    assert where(findings) == [
        ("DRF005", 161, 14),
        ("DRF008", 229, 1),
        ("DRF008", 229, 1),
        ("DRF007", 239, 21),
        ("DRF007", 239, 21),
    ]


def test_a_right_left_out_is_reported_at_the_list(tmp_path: Path):
    findings = diff_seed(
        SEED_TEXT.replace("- Op elk moment je toestemming voor een verwerking in te trekken.\n", ""), tmp_path
    )
    assert where(findings) == [("DRF010", 267, 1)]
    assert findings[0].message == "the model declares the right 'withdraw_consent'; the notice does not state it"


def test_the_controller_and_the_authority_are_compared(tmp_path: Path):
    text = changed_seed(20, "2260 Westerlo", "2200 Herentals")
    text = text.replace("Drukpersstraat 35, 1000 Brussel", "Drukpersstraat 35, 1000 Brussel, Belgium")
    findings = diff_seed(text, tmp_path)
    assert where(findings) == [("DRF011", 20, 1), ("DRF011", 293, 1)]
    assert [f.message for f in findings] == [
        (
            "the controller's address differs: postcode: the notice says 2200, the model 2260; city: the notice "
            "says Herentals, the model Westerlo"
        ),
        "the supervisory authority's address differs: country: the notice says BE, the model nothing",
    ]


def test_changed_prose_is_reported_at_the_sentence(tmp_path: Path):
    findings = diff_seed(changed_seed(251, "te vermijden.", "te vermijden. Wij verkopen geen gegevens."), tmp_path)
    assert where(findings) == [("DRF012", 251, 187)]
    assert findings[0].severity is Severity.WARNING
    assert findings[0].message == "the notice says 'Wij verkopen geen gegevens.', which no text of the model says"


def test_prose_left_out_of_the_notice_is_reported_at_its_section(tmp_path: Path):
    findings = diff_seed(SEED_TEXT.replace(SEED_TEXT.splitlines()[250] + "\n", ""), tmp_path)
    assert where(findings) == [("DRF012", 249, 4)]
    assert findings[0].message == (
        "the model's text 'Wij willen jouw persoonsgegevens veilig en vertrouwelijk bewaren en...' is not in the "
        "notice (and 1 more sentence of it)"
    )
    assert findings[0].pointer == "/security/text/nl"


def test_an_unreadable_notice_is_a_usage_error(tmp_path: Path):
    notice = tmp_path / "notice.txt"
    notice.write_bytes(b"\xff\xfe not utf-8")
    with pytest.raises(NoticeReadError, match=r"cannot read .*notice.txt"):
        compare(POLICY, notice)


def test_a_rendered_and_imported_notice_does_not_drift(tmp_path: Path):
    result = run("import", str(SEED), "-o", str(tmp_path / "policy"))
    assert result.returncode == 0
    assert compare(tmp_path / "policy", SEED) == []
    rendered = tmp_path / "rendered.txt"
    rendered.write_text(run("render", str(tmp_path / "policy")).stdout, encoding="utf-8")
    assert compare(tmp_path / "policy", rendered) == []


# --- the rule family: documentation examples and case files -------------------------------------------


def test_the_family_has_its_rules():
    assert [rule.code for rule in DRIFT_RULES] == [f"DRF{n:03}" for n in range(1, 13)]
    assert all(rule.check is None for rule in DRIFT_RULES)  # applied by `privlint diff`


@pytest.mark.parametrize("rule", DRIFT_RULES, ids=lambda rule: rule.code)
def test_the_failing_example_drifts(rule: Rule):
    assert rule.fails is not None
    findings = drift(rule.fails, example_notice(rule.fails))
    assert rule.code in [f.code for f in findings]


@pytest.mark.parametrize("rule", DRIFT_RULES, ids=lambda rule: rule.code)
def test_the_passing_example_does_not_drift(rule: Rule):
    assert rule.passes is not None
    assert [f"{f.code} {f.message}" for f in drift(rule.passes, example_notice(rule.passes))] == []


def drift_cases() -> list[Any]:
    cases = []
    for path in sorted(CASES.glob("DRF*.yaml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        cases.extend(
            pytest.param(document["rule"], case, id=f"{document['rule']}: {case['name']}") for case in document["cases"]
        )
    return cases


@pytest.mark.parametrize(("code", "case"), drift_cases())
def test_drift_case(code: str, case: dict[str, Any]):
    findings = [f for f in drift(case["policy"], case["notice"]) if f.code == code]
    assert [(f.line, f.column, f.message) for f in findings] == [
        (expected["line"], expected["column"], expected["message"]) for expected in case["expect"]
    ]


def test_a_law_after_the_legal_basis_label_agrees_with_the_basis():
    policy = """\
        processing_activities:
          - id: invoicing
            name: {nl: Facturatie}
            legal_basis: legal_obligation
            legal_obligation: {law: WBTW, provision: art. 60}
            locations: [EU]
        """
    agreeing = (
        "- **Facturatie**\n\nRechtsgrond: Wettelijke verplichting (art. 60 WBTW)\n\nData wordt verwerkt binnen de EU\n"
    )
    assert where(drift(policy, agreeing)) == []
    other = agreeing.replace("Wettelijke verplichting", "Contract")
    assert [(f.code, f.line, f.column) for f in drift(policy, other)] == [("DRF005", 3, 14)]
