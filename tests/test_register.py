"""The Art. 30 register (issue 14): read back with openpyxl, every column of the seed's activities.

`policy/processing.yaml` encodes eight processing activities: the seven listed in section 2
of the notice and the supplier processing described in prose at its end (supplier_relations).
The expectations are the notice's own words, so a re-encoding that keeps the facts passes.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from support import POLICY, run

NOT_STATED = "niet vermeld in het beleid"
SECURITY = "Wij willen jouw persoonsgegevens veilig en vertrouwelijk bewaren"
IN_EEA = "geen: verwerking binnen de EER"
CONTRACT = "overeenkomst (art. 6.1.b AVG)"
INTEREST = "gerechtvaardigd belang (art. 6.1.f AVG)"
HEADINGS = [
    "Referentie",
    "Verwerkingsactiviteit",
    "Beschrijving",
    "Doeleinden van de verwerking *",
    "Rechtsgrond",
    "Categorieën van betrokkenen *",
    "Categorieën van persoonsgegevens *",
    "Categorieën van ontvangers *",
    "Doorgiften naar derde landen en waarborgen *",
    "Bewaartermijn *",
    "Algemene beschrijving van de beveiligingsmaatregelen *",
    "Begindatum",
    "Einddatum",
    "Vervangen door",
]
# id -> name, description, purposes, basis, subjects, some data items, recipients, transfers, retention
EXPECTED: dict[str, tuple[str, str, str, str, str, tuple[str, ...], str, str, str]] = {
    "client_file": (
        "Client dossier opmaak en behandeling",
        "Opmaak van een cliëntendossier en de behandeling ervan.",
        "Leveren van de diensten aan de cliënt",
        CONTRACT,
        NOT_STATED,
        ("Handtekening", "Keuringsattest elektrische installatie", "Contract"),
        NOT_STATED,
        IN_EEA,
        "Vanaf beëindiging van het contract, bewaring gedurende de wettelijke periode",
    ),
    "cctv": (
        "Veiligheidscamera",
        "Maken en/of bewaren van veiligheidsbeelden of video.",
        "Veiligheidsbewaking, fraudepreventie, diefstalpreventie...",
        INTEREST,
        NOT_STATED,
        ("Veiligheidscamera beelden",),
        NOT_STATED,
        IN_EEA,
        "Maximaal 4 weken, tenzij in geval van bewijs van het incident",
    ),
    "customer_appointments": (
        "Klantenafspraken",
        "Registratie van klantenafspraken op papier of op computer",
        "Beheer van de beschikbaarheid / kalender",
        CONTRACT,
        NOT_STATED,
        ("Werk emailadres",),
        NOT_STATED,
        IN_EEA,
        "Vanaf beëindiging contract, bewaring gedurende de verjaringstermijn",
    ),
    "delivery": (
        "Levering van goederen en/of diensten",
        "Verkoop en/of levering van goederen of diensten aan klanten",
        "Zorgen voor correcte levering van goederen een/of diensten, mogelijk maken van track & trace en feedback",
        CONTRACT,
        NOT_STATED,
        ("Bedrijfsadres",),
        NOT_STATED,
        IN_EEA,
        "Vanaf beëindiging van het contract",
    ),
    "customer_communication": (
        "Communicatie met klanten",
        "Communicatie met klanten op papier of in elektronische vorm",
        "Zorgen voor goede dienstverlening aan de klant",
        CONTRACT,
        NOT_STATED,
        ("Werk emailadres", "Bedrijfsadres"),
        NOT_STATED,
        IN_EEA,
        "Vanaf beëindiging contract",
    ),
    "invoicing": (
        "Klanten facturatie en boekhouding",
        "Berekening van het verschuldigde ereloon of vergoeding, verzorgen van facturatie en verkrijgen van betaling",
        "Zorgen voor correcte betaling",
        CONTRACT,
        NOT_STATED,
        ("BTW nummer",),
        NOT_STATED,
        IN_EEA,
        "Vanaf beëindiging contract",
    ),
    "company_website": (
        "Bedrijfswebsite",
        "Bedrijfswebsite die kan bezocht worden door cliënten, prospecten en allerhande derden",
        "Cliënten en prospecten informeren",
        INTEREST,
        "klanten; prospecten; derden",
        ("Essentiele cookies",),  # the activity's own wording of the item
        f"{NOT_STATED}, via IT support",  # IT support shares only data this activity collects
        IN_EEA,
        "Vanaf beëindiging contract",
    ),
    "supplier_relations": (
        NOT_STATED,
        NOT_STATED,
        NOT_STATED,
        CONTRACT,
        "leveranciers",
        ("btw",),
        NOT_STATED,
        NOT_STATED,  # the paragraph says nothing about where (TRF001)
        "Wij bewaren de gegevens gedurende de verjaringstermijn",
    ),
}


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Any:
    path = tmp_path_factory.mktemp("register") / "register.xlsx"
    done = run("register", str(POLICY), "-o", str(path))
    assert done.returncode == 0, done.stderr
    return load_workbook(path)


def rows(sheet: Any) -> list[list[Any]]:
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def text(value: Any) -> str:
    """A cell's text without the codes of its open findings."""
    return str(value).split(" [", 1)[0]


def test_sheets_and_headings(workbook: Any):
    assert workbook.sheetnames == ["Verwerkingsverantwoordelijke", "Register", "Verstrekkingen", "Bevindingen"]
    register = workbook["Register"]
    assert rows(register)[0] == HEADINGS
    assert register.cell(1, 4).font.bold  # mandatory under GDPR 30(1)(b)
    assert not register.cell(1, 2).font.bold


def test_the_controller_is_identified(workbook: Any):
    sheet = rows(workbook["Verwerkingsverantwoordelijke"])
    assert [text(v) for _, v in sheet] == [
        "Smet-Jet NV",
        "BE0414.321.345",
        "Nijverheidsstraat 3, 2260 Westerlo, BE",
        "Cartiche Tournier, cto@smetjet.be",
        NOT_STATED,  # the notice does not say whether a DPO is designated
    ]
    assert sheet[4][1].endswith("[TRN006]")  # and the finding says so


def test_every_column_of_the_eight_activities(workbook: Any):
    table = rows(workbook["Register"])[1:]
    activities = {row[0]: row for row in table if row[0] in EXPECTED}
    assert list(activities) == list(EXPECTED)  # eight activities, in the notice's order
    for ident, row in activities.items():
        name, description, purposes, basis, subjects, items, recipients, transfers, retention = EXPECTED[ident]
        assert [text(v) for v in row[1:6]] == [name, description, purposes, basis, subjects], ident
        assert all(item.lower() in row[6].lower() for item in items), (ident, row[6])
        assert text(row[7]) == recipients, ident
        assert text(row[8]) == transfers, ident
        assert text(row[9]).startswith(retention), ident
        assert text(row[10]).startswith(SECURITY), ident
        assert [text(v) for v in row[11:14]] == [NOT_STATED] * 3, ident  # no status in the notice
        assert all(value for value in row), ident  # no cell silently empty


def test_open_findings_are_linked_from_their_cell(workbook: Any):
    register = workbook["Register"]
    by_id = {register.cell(r, 1).value: r for r in range(2, register.max_row + 1)}
    retention = register.cell(by_id["supplier_relations"], 10)
    assert "RET002" in retention.value  # no duration and no trigger
    assert retention.hyperlink is not None
    assert retention.hyperlink.location.startswith("'Bevindingen'!A")
    row = int(retention.hyperlink.location.rsplit("A", 1)[1])
    assert workbook["Bevindingen"].cell(row, 1).value == retention.value.rsplit("[", 1)[1].split(",")[0].rstrip("]")
    assert "LB002" in register.cell(by_id["cctv"], 5).value  # the interest pursued is not stated
    assert register.cell(by_id["cctv"], 12).font.italic  # not stated: in italics


def test_sharing_entries_are_recipients_with_their_details(workbook: Any):
    sharing = {row[0]: row for row in rows(workbook["Verstrekkingen"])[1:] if row[0]}
    # The notice states no role per recipient, only "doorgaans verwerker" for all of them.
    assert text(sharing["payroll"][7]) == (
        "SD WORX Sociaal Secretariaat (verwerker (doorgaans, vermeld voor alle ontvangers samen), "
        "extern, land niet vermeld)"
    )
    assert "wettelijke verplichting (art. 6.1.c AVG) (wet niet vermeld)" in sharing["payroll"][4]
    assert "Dagen ziekteverzuim" in sharing["payroll"][6]
    assert text(sharing["it_support"][14]) == "company_website"


@pytest.mark.parametrize(
    ("lang", "heading"), [("fr", "Finalités du traitement *"), ("en", "Purposes of the processing *")]
)
def test_headings_in_french_and_english(tmp_path: Path, lang: str, heading: str):
    path = tmp_path / "register.xlsx"
    assert run("register", str(POLICY), "-o", str(path), "--lang", lang).returncode == 0
    assert load_workbook(path)["Register" if lang == "en" else "Registre"].cell(1, 4).value == heading


def test_csv_has_one_row_per_activity_with_the_controller():
    done = run("register", str(POLICY), "--format", "csv")
    assert done.returncode == 0, done.stderr
    table = list(csv.reader(io.StringIO(done.stdout)))
    assert table[0][:2] == ["Naam van de verwerkingsverantwoordelijke *", "Ondernemingsnummer"]
    assert [row[5] for row in table[1:]] == list(EXPECTED)
    assert {row[0] for row in table[1:]} == {"Smet-Jet NV"}


def test_json_is_the_documented_structure():
    done = run("register", str(POLICY), "--format", "json", "--lang", "en")
    data = json.loads(done.stdout)
    assert (data["format"], data["version"], data["lang"]) == ("privlint-register", 1, "en")
    cctv = next(a for a in data["activities"] if a["id"] == "cctv")
    assert cctv["cells"]["legal_basis"]["text"] == "legitimate interest (Art. 6(1)(f) GDPR)"
    # AUD001: the people the camera films are not in the customer notice's audience (audit B10).
    assert cctv["cells"]["data_subjects"] == {
        "text": "not stated in the policy",
        "stated": False,
        "findings": ["AUD001"],
    }
    mandatory = {c["key"]: c["mandatory"] for c in data["columns"]}
    assert mandatory["transfers"] == "GDPR 30(1)(e)"
    assert mandatory["legal_basis"] is None


def test_xlsx_needs_an_output_file():
    done = run("register", str(POLICY))
    assert done.returncode == 2
    assert "give -o FILE.xlsx" in done.stderr


def test_csv_cells_never_start_a_formula(tmp_path: Path):
    (tmp_path / "policy.yaml").write_text(
        'processing_activities: [{id: x, name: {nl: "=HYPERLINK(1)"}}]\n', encoding="utf-8"
    )
    done = run("register", str(tmp_path), "--format", "csv")
    assert done.returncode == 0, done.stderr
    assert list(csv.reader(io.StringIO(done.stdout)))[1][6] == "'=HYPERLINK(1)"


def test_csv_on_a_terminal_escapes_control_characters(tmp_path: Path):
    (tmp_path / "policy.yaml").write_text(
        'processing_activities: [{id: x, name: {nl: "Camera\\e[2J"}}]\n', encoding="utf-8"
    )
    shown = run("register", str(tmp_path), "--format", "csv")
    assert "\x1b" not in shown.stdout
    assert "Camera\\x1b[2J" in shown.stdout
    written = tmp_path / "register.csv"
    assert run("register", str(tmp_path), "--format", "csv", "-o", str(written)).returncode == 0
    assert "Camera\x1b[2J" in written.read_text(encoding="utf-8")  # the file keeps the text as it is


def test_xlsx_cells_are_text_never_a_formula_and_show_control_characters(tmp_path: Path):
    # openpyxl refuses most control characters (Excel cannot store them) and makes a formula
    # of every string that starts with "=": a policy's text must be neither a crash nor a formula.
    (tmp_path / "policy.yaml").write_text(
        "processing_activities:\n"
        '  - {id: formula, name: {nl: "=HYPERLINK(1)"}}\n'
        '  - {id: controls, name: {nl: "Camera\\e[2J\\u202e"}}\n',
        encoding="utf-8",
    )
    path = tmp_path / "register.xlsx"
    done = run("register", str(tmp_path), "-o", str(path))
    assert done.returncode == 0, done.stderr
    book = load_workbook(path)
    sheet = book[book.sheetnames[1]]
    names = [sheet.cell(row, 2) for row in (2, 3)]
    assert [(cell.data_type, text(cell.value)) for cell in names] == [
        ("s", "=HYPERLINK(1)"),
        ("s", "Camera\\x1b[2J\\u202e"),
    ]


@pytest.mark.parametrize(("name", "start"), [("register.csv", b"Naam van de"), ("register.json", b'{"format"')])
def test_the_output_file_s_suffix_chooses_the_format(tmp_path: Path, name: str, start: bytes):
    # `-o register.csv` wrote a workbook under a .csv name.
    path = tmp_path / name
    done = run("register", str(POLICY), "-o", str(path))
    assert done.returncode == 0, done.stderr
    assert path.read_bytes().startswith(start)


def test_a_format_that_contradicts_the_suffix_is_a_usage_error(tmp_path: Path):
    done = run("register", str(POLICY), "--format", "xlsx", "-o", str(tmp_path / "register.csv"))
    assert done.returncode == 2
    assert "--format xlsx does not match the output file" in done.stderr
    assert not (tmp_path / "register.csv").exists()
