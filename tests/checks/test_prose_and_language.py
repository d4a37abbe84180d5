"""PRO and LANG: silent on correct Dutch notices of other trades, loud on the seed's defects, lazy at start-up."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from privlint import knowledge, model, wording
from privlint.config import Config
from privlint.engine import lint

from support import POLICY, REPO, lint_files, lint_text

CORRECT = REPO / "tests" / "fixtures" / "dutch_prose"
OURS = ("PRO001", "PRO002", "LANG001", "LANG002", "BE002", "BE004")


@pytest.mark.parametrize("name", ["bakkerij.yaml", "fietshersteller.yaml"])
def test_a_correct_dutch_notice_of_another_trade_is_silent(name: str):
    result = lint_files({name: (CORRECT / name).read_text(encoding="utf-8")})
    assert result.checks_skipped is None
    assert [f"{f.line}:{f.column} {f.code} {f.message}" for f in result.findings if f.code in OURS] == []
    assert set(OURS) <= set(result.rules_applied)


# Each correct notice, spoilt in one place, fires the rule there: the silence above is not a rule
# that reads nothing. (file, correct wording, spoilt wording, rule, line of the text)
SPOILT = [
    ("bakkerij.yaml", "je e-mailadres en je", "je emailadres en je", "LANG001", 21),
    ("bakkerij.yaml", "zo weinig mogelijk gegevens", "mogelijk sommige gegevens", "PRO002", 21),
    ("bakkerij.yaml", "uitdrukkelijke toestemming, die", "expliciete toestemming, die", "LANG001", 21),
    ("bakkerij.yaml", "- nl: 3. JE RECHTEN", "- nl: 3. Je rechten", "LANG002", 9),
    ("bakkerij.yaml", "Bestellingen klaarzetten en leveren", "Bestellingen, leveringen, ...", "PRO001", 59),
    ("bakkerij.yaml", 'enterprise_number: "0123.456.749"', 'enterprise_number: "BE0123.456.749"', "BE004", 40),
    ("fietshersteller.yaml", "filmt enkel de werkbanken", "filmt doorgaans de werkbanken", "PRO002", 22),
    (
        "fietshersteller.yaml",
        "Fietsatelier Demer VOF in Hasselt herstelt",
        "Fietsatelier Demer VOF in Belgium herstelt",
        "LANG001",
        13,
    ),
]


@pytest.mark.parametrize(("name", "correct", "spoilt", "code", "line"), SPOILT)
def test_a_spoilt_correct_notice_fires_the_rule_at_the_spoilt_text(name, correct, spoilt, code, line):
    text = (CORRECT / name).read_text(encoding="utf-8")
    assert text.count(correct) == 1
    result = lint_files({name: text.replace(correct, spoilt)})
    assert [(f.code, f.line) for f in result.findings if f.code in OURS] == [(code, line)]


# --- the bundled policy: the audit's findings (legal/gdpr_rules.md, Part B) --------------------------


def bundled(code: str) -> list[tuple[str, int, int]]:
    findings = lint([POLICY], Config().with_options(select=(code,))).findings
    return [(Path(f.file).name, f.line, f.column) for f in findings]


def test_the_camera_purposes_are_an_open_list_b50():
    findings = lint([POLICY], Config().with_options(select=("PRO001",))).findings
    assert [(Path(f.file).name, f.line, f.column) for f in findings] == [("processing.yaml", 57, 13)]
    assert "'...'" in findings[0].message


def test_the_hedges_of_the_audit_are_found_b51():
    findings = {(Path(f.file).name, f.line): f.message for f in lint([POLICY], Config(select=("PRO002",))).findings}
    assert "'Het is mogelijk dat', 'sommige'" in findings["notice.yaml", 69]  # L41, L43
    assert (
        "'Het is mogelijk dat', 'behouden wij ons het recht voor', 'doorgaans', 'vaak', 'kunnen zijn', 'mogelijks'"
        in findings["notice.yaml", 105]  # L181, L241, L247
    )
    assert (
        findings["website.yaml", 65] == "hedged wording (nl): 'mogelijk'"
    )  # L261 "knop die mogelijk op onze website staat"


def test_the_table_of_contents_differs_from_the_ninth_heading_b59():
    assert bundled("LANG002") == [("notice.yaml", 37, 11)]


def test_the_terms_of_the_audit_are_found_b56_to_b67():
    messages = " | ".join(f.message for f in lint([POLICY], Config(select=("LANG001",))).findings)
    for found in (
        "'een/of'",  # B57
        "'kenteknummer'",  # B58
        "'GEGEVENSBESCHERMINGS AUTORITEIT'",  # B59
        "'PERSOONSgegevens'",  # B60
        "'langer worden bijgehouden als nodig'",  # B61
        "'met beste standaarden'",  # B62
        "'privacy coördinator'",  # B63
        "'privacy-coördinator'",
        "'PRIVACY VERKLARING'",  # B64
        "'IT partners'",
        "'verzekerings partners'",
        "'Veiligheidscamera beelden'",
        "'netwerk evenement'",
        "'sociale media functies'",
        "'BTW nummer'",
        "'emailadres'",
        "'gegevensverwerkingsverantwoordelijken'",  # B65
        "'in kader van GDPR'",
        "'expliciete toestemming'",
        "'Client dossier'",  # B66
        "'kan gebruik blijven maken'",  # B67
        "'Belgium'",  # B56
    ):
        assert found in messages, found


# --- how the wording is read ------------------------------------------------------------------------


def test_every_text_of_the_model_is_read_including_contents_and_item_wording():
    policy = model.build(
        {
            "notice": {"table_of_contents": [{"nl": "1. A"}], "sections": [{"id": "s", "heading": {"nl": "B"}}]},
            "processing_activities": [
                {"id": "p", "purposes": [{"nl": "C"}], "data_item_names": {"x": {"nl": "D"}}, "retention": {}}
            ],
            "supervisory_authority": {"text": {"nl": "E"}},
        }
    )
    assert [text.any for text in wording.texts(policy)] == ["1. A", "B", "C", "D", "E"]


def test_the_text_is_read_after_nfc_so_decomposed_accents_match():
    decomposed = "privacy coo\u0308rdinator"  # "ö" as o + combining diaeresis
    result = lint_files({"p.yaml": f"data_items:\n  - {{id: x, name: {{nl: {decomposed}}}}}\n"}, select=["LANG001"])
    assert [f.code for f in result.findings] == ["LANG001"]


def test_the_word_lists_are_dated_and_every_term_names_its_source():
    assert knowledge.data_as_of()["prose.toml"].isoformat() == "2026-12-03"
    assert knowledge.data_as_of()["dutch_terms.toml"].isoformat() == "2026-12-03"
    terms = knowledge.dutch_terms()
    assert all(term.source and term.right for term in terms)
    assert {term.verified for term in terms} <= {"official_text", "secondary", "unverified"}
    assert set(knowledge.hedges()) == {"nl", "fr", "en"}


def test_no_word_list_is_read_or_compiled_at_import_time():
    code = (
        "import sys, checks.prose, checks.language; "
        "print('tomli' in sys.modules, checks.prose._matcher.cache_info().currsize, "
        "checks.language._terms_matcher.cache_info().currsize)"
    )
    completed = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert completed.stdout.split() == ["False", "0", "0"]


QUOTED_CATEGORY = """\
notice:
  sections:
    - id: sharing
      text:
        nl: Wij werken met IT partners. Zij treden doorgaans op als verwerker.
named_recipient_categories:
  - name: {nl: IT partners}
default_recipient_role:
  role: processor
  hedged: true
  text: {nl: Zij treden doorgaans op als verwerker.}
"""


def test_a_quotation_of_the_notice_is_judged_where_the_notice_writes_it():
    findings = lint_text(QUOTED_CATEGORY, select=["LANG001", "PRO002"])
    assert [(f.code, f.line, f.column) for f in findings] == [("LANG001", 5, 13), ("PRO002", 5, 13)]


def test_a_category_the_notice_does_not_write_is_judged_itself():
    text = QUOTED_CATEGORY.replace("Wij werken met IT partners.", "Wij werken met leveranciers.")
    findings = lint_text(text, select=["LANG001"])
    assert [(f.code, f.line, f.column) for f in findings] == [("LANG001", 7, 16)]


@pytest.mark.parametrize(
    ("sentence", "hedged"),
    [
        ("Zonder deze gegevens kunnen we de opdracht niet uitvoeren.", False),
        ("Wij kunnen zonder je adres niet leveren.", False),
        ("Zonder deze gegevens kunnen we geen factuur opmaken.", False),
        ("Wij kunnen je gegevens delen met partners.", True),
        ("Soms kunnen we je gegevens aan partners geven.", True),
    ],
)
def test_what_the_controller_cannot_do_is_no_hedge(sentence: str, hedged: bool):
    policy = f"processing_activities:\n  - id: p\n    description: {{nl: {sentence}}}\n"
    assert [f.code for f in lint_text(policy, select=["PRO002"])] == (["PRO002"] if hedged else [])
