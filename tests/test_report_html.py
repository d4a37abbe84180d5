"""The legal report: self-contained, escaped, in Dutch and English, with checklist and data map."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import re
import tomllib
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from privlint import catalogue as rule_catalogue
from privlint.config import Config
from privlint.engine import lint
from privlint.findings import Severity
from privlint.report import checklist, render_report, texts, view

from support import REPO, run

I18N = Path(texts.__file__).with_name("i18n")
TODAY = dt.date(2025, 3, 14)

POLICY = """\
controller:
  name: Smet-Jet NV
  address: {street: Nijverheidsstraat 3, postcode: "2260", city: Westerlo, country: BE}
  privacy_contact: {name: Cartiche Tournier, email: cto@smetjet.be}
data_items:
  - id: customer_name
    name: {nl: Naam klant, en: Customer name}
  - id: sick_leave_days
    name: {nl: Dagen ziekteverzuim}
    special_category: health
  - id: fax_number
    name: {nl: Faxnummer}
processing_activities:
  - id: cctv
    name: {nl: Veiligheidscamera}
    purposes: [{nl: Beveiliging}]
    legal_basis: legitimate_interest
    data_items: [customer_name, camera_footage]
    retention: {duration: P4W, trigger: recording}
    locations: [EU]
  - id: payroll
    name: {nl: Loonadministratie}
    purposes: [{nl: Verloning}]
    legal_basis: legal_obligation
    special_category_condition: employment_social_security
    data_items: [sick_leave_days]
    retention: {text: {nl: Zolang de wet het vereist}}
    recipients: [sd_worx]
    locations: [EU]
recipients:
  - {id: sd_worx, name: SD Worx, role: processor, country: BE}
rights:
  - right: access
  - right: rectification
  - right: lodge_complaint
"""


def write(folder: Path, policy: str = POLICY, waivers: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "policy.yaml").write_text(policy, encoding="utf-8")
    if waivers is not None:
        (folder / "waivers.yaml").write_text(waivers, encoding="utf-8")
    return folder


def report_of(folder: Path, lang: str = "nl", **options: Any) -> str:
    return render_report(lint([folder], Config(**options), today=TODAY), lang=lang, today=TODAY)


class Page(HTMLParser):
    """The parts of a page a test looks at: elements with attributes, text, inline code."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.styles: list[str] = []
        self.scripts: list[str] = []
        self._open: str | None = None
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        self._open = tag if tag in ("style", "script") else None

    def handle_data(self, data: str) -> None:
        if self._open == "style":
            self.styles.append(data)
        elif self._open == "script":
            self.scripts.append(data)
        else:
            self.text.append(data)

    def handle_endtag(self, tag: str) -> None:
        del tag
        self._open = None


# --- texts -------------------------------------------------------------------------------


def keys(table: dict[str, Any], prefix: str = "") -> set[str]:
    found: set[str] = set()
    for key, value in table.items():
        if isinstance(value, dict):
            found |= keys(value, f"{prefix}{key}.")
        else:
            found.add(f"{prefix}{key}")
    return found


def catalogue(language: str) -> dict[str, Any]:
    return tomllib.loads((I18N / f"{language}.toml").read_text(encoding="utf-8"))


def test_every_registered_rule_has_a_dutch_title_summary_and_action():
    dutch = catalogue("nl")["rules"]
    for code, rule in rule_catalogue.registry().items():
        assert code in dutch, f"{code} has no Dutch texts in privlint/report/i18n/nl.toml"
        assert set(dutch[code]) == {"title", "summary", "action"}, code
        assert all(text.strip() for text in dutch[code].values()), code
        assert dutch[code]["summary"] != rule.summary, f"{code}: the Dutch summary is a copy of the English one"
    assert set(dutch) <= set(rule_catalogue.registry()), "Dutch texts for codes that do not exist"


def test_dutch_and_english_have_the_same_texts():
    dutch = catalogue("nl")
    del dutch["rules"]
    assert keys(dutch) == keys(catalogue("en"))


def test_gdpr_articles_are_written_the_way_each_language_cites_them():
    assert texts.article("GDPR 13(1)(e)") == {"nl": "art. 13.1.e AVG", "en": "Art. 13(1)(e) GDPR"}
    assert texts.article("GDPR 5(2)") == {"nl": "art. 5.2 AVG", "en": "Art. 5(2) GDPR"}
    assert texts.article("GDPR 44-49") == {"nl": "art. 44 AVG-49", "en": "Art. 44 GDPR-49"}
    assert texts.article("Belgian camera law art. 6") == texts.same("Belgian camera law art. 6")


def test_retention_periods_are_written_out():
    assert texts.duration("P4W") == {"nl": "4 weken", "en": "4 weeks"}
    assert texts.duration("P1Y6M") == {"nl": "1 jaar 6 maanden", "en": "1 year 6 months"}
    assert texts.duration("P10Y") == {"nl": "10 jaar", "en": "10 years"}
    assert texts.duration("P1D") == {"nl": "1 dag", "en": "1 day"}
    assert texts.duration("PT12H") == texts.same("PT12H")


# --- the page ----------------------------------------------------------------------------


def test_the_page_is_self_contained_and_its_csp_allows_only_its_own_style_and_script(tmp_path: Path):
    html = report_of(write(tmp_path / "policy"))
    page = Page(html)
    assert len(page.styles) == 1
    assert len(page.scripts) == 1
    for tag, attrs in page.elements:
        assert not (tag == "script" and "src" in attrs)
        assert not (tag == "link" and attrs.get("rel") != "icon")
        for name in ("src", "href", "action", "data"):
            value = attrs.get(name) or ""
            assert not re.match(r"^(https?:)?//", value), (tag, name, value)
    (csp,) = [
        a["content"] for t, a in page.elements if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"
    ]

    def digest(text: str) -> str:
        return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")

    assert csp == (
        f"default-src 'none'; style-src '{digest(page.styles[0])}'; script-src '{digest(page.scripts[0])}'; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    assert "@media print" in page.styles[0]


def test_the_page_carries_both_languages_and_opens_in_the_chosen_one(tmp_path: Path):
    folder = write(tmp_path / "policy")
    dutch, english = report_of(folder, "nl"), report_of(folder, "en")
    assert '<html lang="nl" data-lang="nl">' in dutch
    assert '<html lang="en" data-lang="en">' in english
    for html in (dutch, english):
        assert '<span data-l="nl" lang="nl">Privacyverklaring: controlerapport</span>' in html
        assert '<span data-l="en" lang="en">Privacy notice: compliance report</span>' in html
    assert dutch.replace('lang="nl" data-lang="nl"', "") == english.replace('lang="en" data-lang="en"', "").replace(
        'data-set-lang="nl" lang="nl" aria-pressed="false"', 'data-set-lang="nl" lang="nl" aria-pressed="true"'
    ).replace('data-set-lang="en" lang="en" aria-pressed="true"', 'data-set-lang="en" lang="en" aria-pressed="false"')


XSS = """\
controller:
  name: "<script>window.__pwned = 1</script>"
data_items:
  - id: customer_name
    name: {nl: "<img src=x onerror=\\"window.__pwned = 2\\">", en: "\\"><svg onload=window.__pwned=3>"}
processing_activities:
  - id: invoicing
    name: {nl: "</td></tr></table><script>window.__pwned = 4</script>"}
    purposes: [{nl: "x"}]
    legal_basis: contract
    data_items: [customer_name]
    retention: {text: {nl: "<iframe src=javascript:window.__pwned=5>"}}
    recipients: [evil]
    locations: [EU]
recipients:
  - {id: evil, name: "' onmouseover='window.__pwned=6", role: processor, country: BE}
"""


def test_policy_text_is_escaped_everywhere(tmp_path: Path):
    html = report_of(write(tmp_path / "policy", XSS))
    for payload in ("<script>window", "<img src=x", "<svg onload", "<iframe", "</td></tr></table><script>"):
        assert payload not in html
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in html  # subtitle and the TRN006 message
    assert "&lt;img src=x onerror=&#34;window.__pwned = 2&#34;&gt;" in html
    assert "&lt;iframe src=javascript:window.__pwned=5&gt;" in html
    assert "&#39; onmouseover=&#39;window.__pwned=6 (BE)" in html
    page = Page(html)
    assert len(page.scripts) == 1
    assert not any(name.startswith("on") for _, attrs in page.elements for name in attrs)


def test_the_verdict_and_the_findings_grouped_per_processing(tmp_path: Path):
    html = report_of(write(tmp_path / "policy"), select=("LB", "REF", "SPC"))
    page = Page(html)
    text = " ".join(" ".join(page.text).split())
    assert "Niet in orde: 5 nieuwe bevindingen doen de controle falen." in text
    assert "Not in order: 5 new findings fail the check." in text
    groups = [a["data-group"] for t, a in page.elements if t == "details" and "data-group" in a]
    assert groups == ["/processing_activities/0", "/processing_activities/1", "data_items"]  # policy order
    codes = [a["data-code"] for t, a in page.elements if t == "article" and "data-code" in a]
    assert codes == ["LB002", "LB004", "REF001", "LB005", "REF002"]  # per group: errors first, then by code
    assert "Verwerking: Veiligheidscamera" in text
    assert "Gerechtvaardigd belang niet omschreven" in text
    assert "Omschrijf concreet welk belang de onderneming nastreeft" in text
    assert "art. 6.1.f AVG; art. 13.1.d AVG" in text
    assert "Art. 6(1)(f) GDPR; Art. 13(1)(d) GDPR" in text
    camera = html[html.index('data-code="REF001"') :]
    camera = camera[: camera.index("</article>")]
    # The undeclared item is named, and placed; never shown by its id alone
    assert '<li><span class="label">camera footage</span> <span class="where">' in camera


def test_one_card_per_root_cause_lists_every_place(tmp_path: Path):
    policy = POLICY.replace(
        "    data_items: [sick_leave_days]\n",
        "    data_items: [sick_leave_days, bank_account, home_address]\n"
        "    data_item_names: {bank_account: {nl: Bankrekening}, home_address: {nl: Thuisadres}}\n",
    )
    html = report_of(write(tmp_path / "policy", policy), select=("REF001",))
    cards = html.split('<article class="finding')[1:]
    payroll = [c for c in cards if "Thuisadres" in c]
    assert len(payroll) == 1  # two undeclared items, one card
    labels = re.findall(r'<span class="label">([^<]*)</span> <span class="where">([^<]*)</span>', payroll[0])
    assert [label for label, _ in labels] == ["Bankrekening", "Thuisadres"]
    assert all(re.fullmatch(r".+policy\.yaml:\d+:\d+", where) for _, where in labels)


@pytest.mark.parametrize(
    ("options", "state", "words"),
    [
        ({"select": ("LB",)}, "new", "Niet in orde: 3 nieuwe bevindingen doen de controle falen."),
        ({"select": ("RCP",)}, "clean", "In orde: er staan geen bevindingen open."),
        (
            {"select": ("TRN007",), "fail_on": Severity.ERROR},
            "known",
            "Nog niet in orde: de controle faalt niet, maar 1 ",
        ),
    ],
)
def test_the_three_verdict_states(tmp_path: Path, options: dict[str, Any], state: str, words: str):
    html = report_of(write(tmp_path / "policy"), **options)
    assert f'data-state="{state}"' in html
    assert words in " ".join(" ".join(Page(html).text).split())
    assert "In orde" not in html or state == "clean"


def test_the_checklist_is_what_the_rules_found(tmp_path: Path):
    result = lint([write(tmp_path / "policy")], Config())
    items = checklist.checklist(result.findings, result.rules_applied)
    statuses = {item.key: (item.status, item.related) for item in items}
    assert statuses == {
        "controller_identity": ("partly", ["BE001"]),  # no enterprise number
        "contact": ("present", []),
        "dpo": ("missing", ["TRN006"]),  # the notice does not say whether there is one
        "purposes_basis": ("partly", ["LB005", "REF002"]),
        "legitimate_interests": ("partly", ["LB002"]),
        "recipients": ("present", []),
        "transfers": ("present", []),
        "retention": ("partly", ["RET002", "RET005"]),  # payroll gives only a text; a legal minimum applies
        "rights": ("partly", ["TRN003", "LB004"]),  # 2 of 6, and no objection with Art. 6(1)(f)
        "withdraw_consent": ("present", []),  # no rule fired: nothing relies on consent
        "complaint": ("partly", ["TRN004"]),  # the right, but no authority
        "requirement": ("missing", ["TRN008"]),  # no activity says whether the data must be provided
        "automated": ("missing", ["TRN005"]),
        "categories": ("partly", ["REF001"]),  # camera_footage is used but not declared
        "source": ("present", []),  # TRN009 did not fire: no data of others without a source
    }
    notes = {item.key: item.note for item in items}
    behind = sum(1 for f in result.findings if f.code in {"TRN003", "LB004"})
    assert behind >= 2
    assert notes["rights"] == {
        "nl": f"{behind} bevinding(en) van de regels hiernaast.",
        "en": f"{behind} finding(s) of the rules beside it.",
    }
    assert notes["contact"] is None


def test_the_checklist_agrees_with_a_silent_rule(tmp_path: Path):
    """Issue 11: legitimate interest only and no portability right: TRN003 is silent, so rights are present."""
    policy = POLICY.replace("  - right: access\n", "".join(
        f"  - right: {right}\n" for right in ("access", "erasure", "restriction", "objection")
    ))  # fmt: skip
    policy = policy.replace("legal_basis: legal_obligation", "legal_basis: legitimate_interest")
    result = lint([write(tmp_path / "policy", policy)], Config())
    assert "TRN003" not in {f.code for f in result.findings}
    statuses = {i.key: i.status for i in checklist.checklist(result.findings, result.rules_applied)}
    assert statuses["rights"] == "present"


def test_the_checklist_is_not_assessed_when_the_rules_did_not_run(tmp_path: Path):
    result = lint(
        [
            write(
                tmp_path / "policy",
                POLICY.replace("legal_basis: legitimate_interest", "legal_basis: legitimate_intrest"),
            )
        ]
    )
    assert result.checks_skipped is not None
    assert {i.status for i in checklist.checklist(result.findings, result.rules_applied)} == {"not_assessed"}


def test_the_data_map_lists_items_with_their_processing(tmp_path: Path):
    result = lint([write(tmp_path / "policy")], Config())
    rows = {row.id: row for row in view.data_map(result.policy)}
    assert list(rows) == ["customer_name", "sick_leave_days", "fax_number", "camera_footage"]
    (cctv,) = rows["customer_name"].uses
    assert (cctv.name, cctv.basis, cctv.retention, cctv.recipients, cctv.locations) == (
        texts.same("Veiligheidscamera"),
        {"nl": "gerechtvaardigd belang", "en": "legitimate interests"},
        {"nl": "4 weken vanaf de opname", "en": "4 weeks from recording"},
        texts.same("—"),
        "EU",
    )
    (payroll,) = rows["sick_leave_days"].uses
    assert payroll.retention == texts.same("Zolang de wet het vereist")
    assert payroll.recipients == texts.same("SD Worx (BE)")
    assert rows["sick_leave_days"].notes == [{"nl": "bijzonder gegeven: gezondheid", "en": "special category: health"}]
    assert rows["fax_number"].uses == []
    assert rows["camera_footage"].declared is False
    assert rows["customer_name"].name == {"nl": "Naam klant", "en": "Customer name"}


def test_waived_and_known_findings_have_their_own_sections(tmp_path: Path):
    folder = write(
        tmp_path / "policy",
        waivers="waivers:\n  - {code: REF002, id: fax_number, reason: needed for one customer, owner: Legal, "
        "expires: 2025-12-31}\n",
    )
    known = tmp_path / "known.json"
    assert run("check", str(folder), "--select", "LB,REF", "--write-baseline", str(known)).returncode == 0
    html = report_of(folder, select=("LB", "REF"), baseline=str(known))
    page = Page(html)
    text = " ".join(" ".join(page.text).split())
    assert "Nog niet in orde: de controle faalt niet, maar 4 bevindingen staan nog open." in text
    assert 'data-state="known"' in html
    waived = html[html.index('<section id="waived">') : html.index('<section id="known">')]
    assert 'data-code="REF002"' in waived
    assert "needed for one customer" in waived
    assert "2025-12-31" in waived
    known_section = html[html.index('<section id="known">') :]
    assert known_section.count('<span class="label">') == 4  # four places, on fewer cards
    assert "known.json" in known_section


def test_the_report_command_writes_the_file_and_check_can_emit_html(tmp_path: Path):
    folder = write(tmp_path / "policy")
    result = run("report", str(folder), "-o", str(tmp_path / "report.html"), "--lang", "en")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="en" data-lang="en">' in html
    checked = run("check", str(folder), "--format", "html")
    assert checked.returncode == 1
    assert '<html lang="nl" data-lang="nl">' in checked.stdout


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_policy_that_cannot_be_read_still_gives_a_report(tmp_path: Path, lang: str):
    page = Page(report_of(write(tmp_path / "policy", "controller: [unclosed\n"), lang))
    text = " ".join(" ".join(page.text).split())
    assert "De juridische controles zijn niet uitgevoerd: een beleidsbestand kon niet worden gelezen." in text
    assert "The legal checks were not run: a policy file could not be read." in text


def _generator() -> Any:
    import importlib.util  # noqa: PLC0415

    spec = importlib.util.spec_from_file_location("benchmark_generate", REPO / "benchmarks" / "generate.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_large_policy_gives_a_compact_page_with_collapsed_sections(tmp_path: Path):
    """Above 500 rows, per-row labels are in one language, tables start collapsed, rules are explained once."""
    (tmp_path / "policy.yaml").write_text(_generator().policy(600), encoding="utf-8")
    html = report_of(tmp_path)
    overview = html[html.index('<section id="overview">') : html.index('<section id="dpia">')]
    assert '<details class="table">' in overview  # not open
    assert overview.count("<tr>") == 600 + 600 // 5 + 1  # activities, sharing (one per five), the heading row
    assert '<span data-l="en" lang="en">' not in overview[overview.index("<tbody>") :]
    assert "Groot beleid: deze tabel staat alleen in het Nederlands." in overview
    findings = html[html.index('<section id="findings">') : html.index('<section id="overview">')]
    explained = findings.count("Waarom dit telt</span>")
    codes = set(re.findall(r'<article class="finding [a-z]+" data-code="([A-Z]+[0-9]+)"', findings))
    assert explained == len(codes)  # each rule explained on its first card only
    assert len(html) < 600 * 1_200  # no per-row repetition: about half a kilobyte per row


def test_the_report_shows_what_changed(tmp_path: Path):
    from test_changes import copy_policy, three_changes  # noqa: PLC0415

    new = copy_policy(tmp_path / "new", three_changes)
    target = tmp_path / "report.html"
    done = run("report", str(new), "--old", "policy", "-o", str(target), "--no-baseline")
    assert done.returncode == 0, done.stderr
    html = target.read_text(encoding="utf-8")
    section = html[html.index('<section id="changes">') : html.index('<section id="findings">')]
    assert section.count('data-material="true"') == 2
    assert section.count('data-material="false"') == 1
    text = " ".join(" ".join(Page(section).text).split())
    assert "Nieuwe doorgifte naar een derde land bij IT support: Helpdesk Inc. (US)" in text
    assert "New transfer to a third country for IT support: Helpdesk Inc. (US)" in text
    assert "Wezenlijk Material (2)" in text  # both languages, then the count
    assert "Redactioneel Editorial (1)" in text
