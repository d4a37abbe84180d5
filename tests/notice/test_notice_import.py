"""`privlint import`: the published notice becomes a policy that `privlint check` accepts and judges."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from privlint import schema
from privlint.engine import lint
from privlint.notice import importer
from privlint.notice.importer import ImportRefusedError, import_notice, import_text, slug
from privlint.notice.parser import legal_basis_of, locations_of, parse, retention_of, right_of

from notice_support import SEED, SEED_LINES, SEED_TEXT, changed_seed
from support import run

SEED_DATA = import_text(SEED_TEXT).data()


def by_id(entries: list[dict[str, object]], entry_id: str) -> dict[str, object]:
    return next(entry for entry in entries if entry["id"] == entry_id)


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("imported")
    report = import_notice(SEED, folder, overwrite=False)
    assert [p.name for p in report.files] == [
        "notice.yaml",
        "data_items.yaml",
        "processing.yaml",
        "sharing.yaml",
        "website.yaml",
        "rights.yaml",
    ]
    assert report.unplaced == []
    return folder


# --- the acceptance criteria: the seed's defects, found by `privlint check` on the import -------------


def test_the_imported_seed_is_read_without_reading_or_schema_findings(imported: Path):
    findings = lint([imported]).findings
    assert [f for f in findings if f.code.startswith(("YML", "SCH"))] == []
    assert schema.validate(SEED_DATA) == []


def test_the_misspelt_cookie_item_is_reported_with_the_declared_spelling(imported: Path):
    findings = lint([imported]).findings
    cookies = [f for f in findings if f.code == "REF001" and "essentiele_cookies" in f.message]
    assert [(f.file.rsplit("/", 1)[-1], f.line, f.column) for f in cookies] == [("processing.yaml", 149, 9)]
    assert cookies[0].message == (
        "data item 'essentiele_cookies_2' is used by processing activity 'bedrijfswebsite' but not declared "
        "in data_items; did you mean 'essentiele_cookies' (Essentiële cookies)?"
    )


def test_the_payroll_items_are_reported_as_undeclared(imported: Path):
    findings = lint([imported]).findings
    payroll = [
        (f.line, f.column, f.message.split("'")[1])
        for f in findings
        if f.code == "REF001" and "'lonen_en_remuneratie_werknemers'" in f.message
    ]
    assert payroll == [
        (26, 9, "bankrekening"),
        (27, 9, "naam_van_de_werknemer"),
        (28, 9, "aanwezigheid_op_het_werk"),
        (29, 9, "thuisadres"),
        (30, 9, "datum_in_dienst"),
        (31, 9, "huwelijkse_staat"),
        (32, 9, "dagen_ziekteverzuim"),
        (33, 9, "loon_en_remuneratiegegevens"),
        (34, 9, "geboortedatum_leeftijd"),
        (35, 9, "verlof_vakantiedagen"),
    ]


def test_it_support_without_recipient_is_reported(imported: Path):
    findings = [f for f in lint([imported]).findings if f.code == "RCP001"]
    assert [(f.file.rsplit("/", 1)[-1], f.line, f.column) for f in findings] == [("sharing.yaml", 109, 5)]
    assert findings[0].message == "sharing 'it_support' names no recipient of the data"


def test_every_sharing_entry_without_retention_is_reported(imported: Path):
    findings = [f for f in lint([imported]).findings if f.code == "RET001"]
    assert [(f.line, f.column, f.message) for f in findings] == [
        (19, 5, "sharing 'lonen_en_remuneratie_werknemers' states no retention period"),
        (52, 5, "sharing 'verzekeringen' states no retention period"),
        (70, 5, "sharing 'sociale_media_facebook_instagram' states no retention period"),
        (89, 5, "sharing 'sociale_media_linkedin' states no retention period"),
        (109, 5, "sharing 'it_support' states no retention period"),
    ]


def test_an_item_whose_name_has_a_comma_stays_one_item():
    declared = [item["name"]["nl"] for item in SEED_DATA["data_items"]]
    assert "Betalingsoverzicht, klantenrekening" in declared
    assert "Betalingsoverzicht" not in declared
    invoicing = by_id(SEED_DATA["processing_activities"], "klanten_facturatie_en_boekhouding")
    assert invoicing["data_items"] == [
        "naam_van_de_klant",
        "btw_nummer",
        "betalingsoverzicht_klantenrekening",
        "bedrijfsadres",
    ]
    assert "data_item_names" not in invoicing


def test_an_unmatched_name_gets_an_id_of_its_own_and_keeps_its_wording():
    website = by_id(SEED_DATA["processing_activities"], "bedrijfswebsite")
    assert "essentiele_cookies_2" in website["data_items"]
    assert website["data_item_names"] == {"essentiele_cookies_2": {"nl": "Essentiele cookies"}}
    assert by_id(SEED_DATA["data_items"], "essentiele_cookies")["name"] == {"nl": "Essentiële cookies"}


# --- what the importer structures -----------------------------------------------------------------


def test_the_seed_is_structured_as_the_notice_says():
    data = SEED_DATA
    assert data["notice"]["title"] == {"nl": "KLANTEN PRIVACY VERKLARING"}
    assert [s["id"] for s in data["notice"]["sections"]] == [
        "who_we_are",
        "processing_personal_data",
        "processing_on_your_behalf",
        "sharing_personal_data",
        "security_and_confidentiality",
        "website_and_cookies",
        "social_media",
        "exercising_your_rights",
        "data_protection_authority",
    ]
    assert data["controller"] == {
        "name": "Smet-Jet NV",
        "legal_form": "NV",
        "address": {"street": "Nijverheidsstraat 3", "postcode": "2260", "city": "Westerlo", "country": "BE"},
        "enterprise_number": "BE0414.321.345",
        "privacy_contact": {
            "name": "Cartiche Tournier",
            "role": "privacy_coordinator",
            "email": "cto@smetjet.be",
            # Section 8, lines 281-285: "Smet-Jet NV / T.a.v. Cartiche Tournier / Nijverheidsstraat 3 ..."
            "address": {"street": "Nijverheidsstraat 3", "postcode": "2260", "city": "Westerlo", "country": "BE"},
        },
    }
    assert data["audience"] == ["customers"]
    assert len(data["data_items"]) == 21
    assert [p["id"] for p in data["processing_activities"]] == [
        "client_dossier_opmaak_en_behandeling",
        "veiligheidscamera",
        "klantenafspraken",
        "levering_van_goederen_en_of_diensten",
        "communicatie_met_klanten",
        "klanten_facturatie_en_boekhouding",
        "bedrijfswebsite",
    ]
    assert [r["right"] for r in data["rights"]] == [
        "access",
        "rectification",
        "erasure",
        "objection",
        "restriction",
        "withdraw_consent",
        "no_automated_decision",
        "portability",
        "lodge_complaint",
    ]
    assert data["supervisory_authority"] == {
        "name": "Gegevensbeschermingsautoriteit",
        "address": {"street": "Drukpersstraat 35", "postcode": "1000", "city": "Brussel"},
        "url": "http://gegevensbeschermingsautoriteit.be",
    }


def test_a_processing_entry_becomes_a_processing_activity():
    assert by_id(SEED_DATA["processing_activities"], "veiligheidscamera") == {
        "id": "veiligheidscamera",
        "name": {"nl": "Veiligheidscamera"},
        "description": {"nl": "Maken en/of bewaren van veiligheidsbeelden of video."},
        "purposes": [{"nl": "Veiligheidsbewaking, fraudepreventie, diefstalpreventie..."}],
        "legal_basis": "legitimate_interest",
        "data_items": ["veiligheidscamera_beelden", "datum_tijd"],
        "retention": {
            "duration": "P4W",
            "extension": "incident_closed",
            "text": {
                "nl": "Maximaal 4 weken, tenzij in geval van bewijs van het incident: "
                "totdat het incident is afgehandeld"
            },
        },
        "locations": ["EU"],
    }


def test_a_sharing_entry_names_its_recipient_and_states_no_retention():
    payroll = by_id(SEED_DATA["sharing"], "lonen_en_remuneratie_werknemers")
    assert payroll["legal_basis"] == "legal_obligation"
    assert payroll["recipients"] == ["sd_worx_sociaal_secretariaat"]
    assert "retention" not in payroll
    assert "recipients" not in by_id(SEED_DATA["sharing"], "it_support")
    assert SEED_DATA["recipients"] == [
        {"id": "sd_worx_sociaal_secretariaat", "name": "SD WORX Sociaal Secretariaat"},
        {"id": "dhondt_insurance_nv", "name": "D'hondt Insurance NV"},
        {
            "id": "meta_platforms_ireland_limited",
            "name": "META PLATFORMS IRELAND LIMITED (ex-Facebook)",
            "role": "joint_controller",  # section 7
        },
        {
            "id": "linkedin_ireland_unlimited_company",
            "name": "LinkedIn Ireland Unlimited Company",
            "role": "joint_controller",
        },
    ]


@pytest.mark.parametrize(
    ("label", "basis"),
    [
        ("Contract", "contract"),
        ("Overeenkomst", "contract"),
        ("overeenkomst", "contract"),
        ("Toestemming", "consent"),
        ("Wettelijke Verplichting", "legal_obligation"),
        ("wettelijke verplichting", "legal_obligation"),
        ("Gerechtvaardigd Belang", "legitimate_interest"),
        ("GERECHTVAARDIGD BELANG", "legitimate_interest"),
        ("Vitaal Belang", "vital_interest"),
        ("Vitaal belang", "vital_interest"),
        ("Algemeen Belang", "public_task"),
        ("Algemeen Bélang", "public_task"),
    ],
)
def test_legal_basis_labels_are_read_without_case_or_accents(label: str, basis: str):
    assert legal_basis_of(label) == basis


@pytest.mark.parametrize("label", ["Klantbelang", "Contractueel belang", "Wet", ""])
def test_other_legal_basis_labels_are_not_guessed(label: str):
    assert legal_basis_of(label) is None


def test_an_unknown_legal_basis_is_kept_as_text_and_reported():
    imported = import_text(changed_seed(77, "Rechtsgrond: Contract", "Rechtsgrond: Klantrelatie"))
    assert [(at.line, at.text) for at in imported.unplaced] == [(77, "Rechtsgrond: Klantrelatie")]
    activity = by_id(imported.data()["processing_activities"], "client_dossier_opmaak_en_behandeling")
    assert "legal_basis" not in activity
    assert activity["text"] == {"nl": "Rechtsgrond: Klantrelatie"}


@pytest.mark.parametrize(
    ("text", "facts"),
    [
        ("Maximaal 4 weken", ("P4W", None, None)),
        ("10 jaar", ("P10Y", None, None)),
        ("Gedurende 10 jaren", ("P10Y", None, None)),
        ("1 jaar en 6 maanden", ("P1Y6M", None, None)),
        ("Vanaf beëindiging contract, bewaring gedurende de verjaringstermijn", (None, "contract_end", None)),
        ("Vanaf beëindiging van het contract", (None, "contract_end", None)),
        ("10 jaar vanaf de factuurdatum", ("P10Y", "invoice_date", None)),
        (
            "Maximaal 4 weken, tenzij in geval van bewijs van het incident: totdat het incident is afgehandeld",
            ("P4W", None, "incident_closed"),
        ),
        ("4 weken of 2 maanden", (None, None, None)),  # two periods: ambiguous, text only
        ("Zolang als nodig", (None, None, None)),
    ],
)
def test_retention_phrases_become_structured_where_the_text_allows(text: str, facts: tuple[str | None, ...]):
    found = retention_of(text)
    assert (found.duration, found.trigger, found.extension) == facts


def test_the_retention_text_is_always_kept():
    activity = by_id(SEED_DATA["processing_activities"], "klantenafspraken")
    assert activity["retention"] == {
        "trigger": "contract_end",
        "text": {
            "nl": "Vanaf beëindiging contract, bewaring gedurende de verjaringstermijn en / of "
            "verjaringstermijnen relevant voor juridische actie"
        },
    }


@pytest.mark.parametrize(
    ("sentence", "codes"),
    [
        ("binnen de EU", ["EU"]),
        ("binnen de Europese Unie", ["EU"]),
        ("binnen de EER", ["EEA"]),
        ("in België", ["BE"]),
        ("in de Verenigde Staten", ["US"]),
        ("buiten de EU, in Zwitserland", ["CH"]),
        ("binnen de EU en in de VS", ["EU", "US"]),
        ("buiten de EU", ["ZZ"]),
        ("buiten de EER", ["ZZ"]),
        ("au sein de l'UE", ["EU"]),
        ("au sein de l'Espace économique européen", ["EEA"]),
        ("en dehors de l'UE", ["ZZ"]),
        ("aux États-Unis", ["US"]),
        ("au Royaume-Uni", ["GB"]),
        ("within the EEA", ["EEA"]),
        ("outside the EU", ["ZZ"]),
        ("in the United Kingdom", ["GB"]),
        ("op onze eigen servers", []),
    ],
)
def test_location_sentences(sentence: str, codes: list[str]):
    assert locations_of(sentence) == codes


def test_a_location_outside_the_eu_without_a_country_is_an_unnamed_third_country():
    imported = import_text(changed_seed(83, "binnen de EU", "buiten de EU"))
    assert imported.unplaced == []
    activity = by_id(imported.data()["processing_activities"], "client_dossier_opmaak_en_behandeling")
    assert activity["locations"] == ["ZZ"]
    assert "text" not in activity


def test_every_rights_bullet_of_the_seed_is_a_known_right():
    notice = parse(SEED_TEXT)
    assert [(m.text.line, m.right) for m in notice.rights] == [
        (269, "access"),
        (270, "rectification"),
        (271, "erasure"),
        (272, "objection"),
        (273, "restriction"),
        (274, "withdraw_consent"),
        (275, "no_automated_decision"),
        (277, "portability"),
    ]
    assert right_of(SEED_LINES[288]) == "lodge_complaint"


def test_lines_that_cannot_be_placed_are_reported_with_their_line_numbers():
    text = changed_seed(16, "PRIVACYVERKLARING", "PRIVACYVERKLARING\nConcept, niet publiceren")
    text = text.replace(
        "- Op elk moment je toestemming voor een verwerking in te trekken.",
        "- Op elk moment je toestemming voor een verwerking in te trekken.\n- Een kopie op papier te krijgen.",
    )
    text = text.replace(
        "Rechtsgrond: Gerechtvaardigd Belang\n\nBewaringstermijn: Maximaal 4",
        "Rechtsgrond: Gerechtvaardigd Belang\n\nVerantwoordelijke: de zaakvoerder\n\nBewaringstermijn: Maximaal 4",
    )
    imported = import_text(text)
    assert [(at.line, at.text) for at in imported.unplaced] == [
        (17, "Concept, niet publiceren"),
        (94, "Verantwoordelijke: de zaakvoerder"),
        (278, "- Een kopie op papier te krijgen."),
    ]
    rights_text = by_id(imported.data()["notice"]["sections"], "exercising_your_rights")["text"]["nl"]
    assert rights_text.endswith("\n\n- Een kopie op papier te krijgen.")
    cctv = by_id(imported.data()["processing_activities"], "veiligheidscamera")
    assert cctv["text"] == {"nl": "Verantwoordelijke: de zaakvoerder"}
    assert cctv["retention"]["duration"] == "P4W"


def test_a_notice_without_numbered_sections_keeps_its_prose_in_one_section():
    imported = import_text("Wij hechten belang aan jouw privacy.\n\n- **Facturatie**\n\nRechtsgrond: Contract\n")
    data = imported.data()
    assert data["notice"]["sections"] == [{"id": "text", "text": {"nl": "Wij hechten belang aan jouw privacy."}}]
    assert data["processing_activities"] == [
        {"id": "facturatie", "name": {"nl": "Facturatie"}, "legal_basis": "contract"}
    ]
    assert imported.unplaced == []


def test_an_empty_notice_gives_an_empty_policy():
    assert import_text("").data() == {"notice": {"language": "nl"}}


# --- the written files --------------------------------------------------------------------------


def test_ids_are_derived_from_the_dutch_names():
    assert slug("Foto's / beelden", "item") == "fotos_beelden"
    assert slug("Datum & tijd", "item") == "datum_tijd"
    assert slug("Essentiële cookies", "item") == "essentiele_cookies"
    assert slug("2de adres", "item") == "item_2de_adres"
    assert slug("Nee", "item") == "nee"
    assert slug("No", "item") == "item_no"


def test_the_yaml_names_the_notice_section_and_line(imported: Path):
    processing = (imported / "processing.yaml").read_text(encoding="utf-8").splitlines()
    assert processing[6] == (
        '  # section 2. HET VERWERKEN VAN JOUW PERSOONSgegevens, line 71: "**Client dossier opmaak en behandeling**"'
    )
    assert processing[7] == "  - id: client_dossier_opmaak_en_behandeling"
    sharing = (imported / "sharing.yaml").read_text(encoding="utf-8").splitlines()
    assert sharing[25] == (
        '      - bankrekening                 # "Bankrekening" — not in the notice\'s data-item list'
    )
    items = (imported / "data_items.yaml").read_text(encoding="utf-8").splitlines()
    assert items[4] == (
        "# The notice's data-item list (section 2. HET VERWERKEN VAN JOUW PERSOONSgegevens, lines 45-65), "
        "in list order."
    )
    assert items[7] == "  - id: btw_nummer  # line 45"


def test_importing_twice_writes_the_same_files(imported: Path, tmp_path: Path):
    import_notice(SEED, tmp_path, overwrite=False)
    for written in sorted(imported.iterdir()):
        assert (tmp_path / written.name).read_bytes() == written.read_bytes(), written.name


def test_existing_policy_files_are_not_overwritten_without_force(imported: Path):
    with pytest.raises(ImportRefusedError, match=r"already holds policy files \(data_items.yaml, .*use --force"):
        import_notice(SEED, imported, overwrite=False)


def test_force_overwrites_but_refuses_to_define_a_section_twice(tmp_path: Path):
    import_notice(SEED, tmp_path, overwrite=False)
    assert import_notice(SEED, tmp_path, overwrite=True).files[0] == tmp_path / "notice.yaml"
    (tmp_path / "extra.yaml").write_text("data_items:\n  - id: fax_number\n", encoding="utf-8")
    with pytest.raises(ImportRefusedError, match=r"define 'data_items' \(.*extra.yaml\); remove them first"):
        import_notice(SEED, tmp_path, overwrite=True)


def test_the_command_line_imports_and_refuses_a_second_time(tmp_path: Path):
    first = run("import", "notice/klanten-privacyverklaring.txt", "-o", str(tmp_path / "policy"))
    assert first.returncode == 0
    # Two recipients have a country in their company name: said, not read as their country.
    assert first.stderr == "".join(
        f"notice/klanten-privacyverklaring.txt: kept as text: line {line}: {name!r} has 'Ireland' in its name; "
        "a company's name is not read as its country\n"
        for line, name in (
            (217, "META PLATFORMS IRELAND LIMITED (ex-Facebook)"),
            (229, "LinkedIn Ireland Unlimited Company"),
        )
    )
    assert first.stdout == f"Wrote 6 policy files to {tmp_path / 'policy'} (language nl; 0 lines not placed).\n"
    second = run("import", "notice/klanten-privacyverklaring.txt", "-o", str(tmp_path / "policy"))
    assert second.returncode == 2
    assert "use --force to overwrite" in second.stderr


def test_the_command_line_lists_the_unplaced_lines_with_the_reason_and_exits_1(tmp_path: Path):
    notice = tmp_path / "notice.txt"
    notice.write_text(changed_seed(77, "Rechtsgrond: Contract", "Rechtsgrond: Goodwill"), encoding="utf-8")
    result = run("import", str(notice), "-o", str(tmp_path / "policy"))
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        f"{notice}:77: not placed in the model (not a legal basis: 'Goodwill'): Rechtsgrond: Goodwill"
    )
    assert [line for line in result.stderr.splitlines() if "not placed" in line] == result.stderr.splitlines()[:1]
    assert result.stdout.endswith("(language nl; 1 lines not placed).\n")
    assert (tmp_path / "policy" / "processing.yaml").is_file()  # what could be read is written


def test_explain_prints_where_every_line_went(tmp_path: Path):
    result = run("import", "notice/klanten-privacyverklaring.txt", "-o", str(tmp_path / "p"), "--explain")
    assert result.returncode == 0
    out = result.stdout.splitlines()
    prefix = "notice/klanten-privacyverklaring.txt"
    assert f"{prefix}:2: -> notice.title" in out
    assert f"{prefix}:18: -> the heading of section who_we_are" in out
    assert f"{prefix}:20: -> controller (name, address, enterprise number)" in out
    assert f"{prefix}:77: -> 'Client dossier opmaak en behandeling': legal_basis" in out
    assert f"{prefix}:83: -> 'Client dossier opmaak en behandeling': location" in out
    assert f"{prefix}:269: -> rights (access)" in out
    explained = {int(line.split(":")[1]) for line in out if line.startswith(prefix)}
    filled = {number for number, line in enumerate(SEED_LINES, 1) if line.strip()}
    assert explained == filled


def test_the_language_can_be_given(tmp_path: Path):
    result = run("import", "notice/klanten-privacyverklaring.txt", "-o", str(tmp_path / "p"), "--lang", "en")
    assert result.returncode == 0
    assert "(language en;" in result.stdout
    assert "language: en" in (tmp_path / "p" / "notice.yaml").read_text(encoding="utf-8")


def test_an_unreadable_notice_is_bad_input(tmp_path: Path):
    notice = tmp_path / "notice.txt"
    notice.write_bytes(b"\xff\xfe\x00broken")
    result = run("import", str(notice), "-o", str(tmp_path / "p"))
    assert result.returncode == 2
    assert "cannot read" in result.stderr
    assert not (tmp_path / "p").exists()


def test_plain_turns_round_trip_values_into_plain_ones():
    data = importer.plain(import_text(SEED_TEXT).documents["notice.yaml"])
    assert type(data["notice"]["sections"]) is list
    assert type(data["controller"]["address"]["postcode"]) is str


def test_yaml11_line_break_characters_in_the_notice_are_written_so_they_read_back_as_written(tmp_path: Path):
    # NEL, LS and PS are text in YAML 1.2; written raw in a block scalar, ruamel.yaml would
    # indent after them as after a line break, and the model would gain spaces.
    original = "Wij hechten belang aan jouw privacy"
    written = "Wij\u2028hechten\x85belang aan jouw privacy"
    assert original in SEED_TEXT
    notice = tmp_path / "notice.txt"
    notice.write_text(SEED_TEXT.replace(original, written, 1), encoding="utf-8")
    import_notice(notice, tmp_path / "policy", overwrite=False)
    result = lint([tmp_path / "policy"])
    assert result.source is not None
    sections = result.source.data["notice"]["sections"]
    texts = [section["text"]["nl"] for section in sections if "text" in section]
    assert any(text.startswith(written) for text in texts), texts


EMPTY_NOTICES = {
    "no bytes": "",
    "blank lines": "\n  \n\n",
    "prose only": "Wij hechten belang aan jouw privacy.\n",
    "headings of another document": "1. Inleiding\n\nDit is een handleiding.\n\n2. Installatie\n\nVolg de stappen.\n",
}


@pytest.mark.parametrize("name", sorted(EMPTY_NOTICES))
def test_a_notice_with_nothing_of_the_template_writes_nothing_and_exits_2(tmp_path: Path, name: str):
    notice = tmp_path / "empty.txt"
    notice.write_text(EMPTY_NOTICES[name], encoding="utf-8")
    result = run("import", str(notice), "-o", str(tmp_path / "out"))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == f"Error: no section of the template was found in {notice}; nothing was written\n"
    assert not (tmp_path / "out").exists()


def test_a_notice_without_headings_but_with_template_entries_is_still_imported(tmp_path: Path):
    notice = tmp_path / "entries.txt"
    notice.write_text(
        "Wij hechten belang aan jouw privacy.\n\n- **Facturatie**\n\nRechtsgrond: Contract\n", encoding="utf-8"
    )
    result = run("import", str(notice), "-o", str(tmp_path / "out"))
    assert (result.returncode, result.stderr) == (0, "")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["notice.yaml", "processing.yaml"]


# --- issue 13, "What we measured": each wording lands in the field it states -----------------------


def _changed(line: int, old: str, new: str) -> dict[str, object]:
    imported = import_text(changed_seed(line, old, new))
    assert imported.unplaced == []
    return imported.data()


def test_a_country_in_parentheses_after_the_recipient_is_its_country():
    data = _changed(193, "SD WORX Sociaal Secretariaat", "Acme Mail Ltd. (Verenigd Koninkrijk)")
    assert by_id(data["recipients"], "acme_mail_ltd") == {
        "id": "acme_mail_ltd",
        "name": "Acme Mail Ltd. (Verenigd Koninkrijk)",
        "country": "GB",
    }


def test_a_remark_in_parentheses_that_is_no_country_is_not_read_as_one():
    recipient = by_id(SEED_DATA["recipients"], "meta_platforms_ireland_limited")
    assert "country" not in recipient  # "(ex-Facebook)"; "Ireland" in a company name is no location


@pytest.mark.parametrize(
    ("text", "facts"),
    [
        ("7 jaar vanaf 1 januari volgend op het boekjaar", ("P7Y", "financial_year_end", None)),
        ("tot je je afmeldt, en uiterlijk 3 jaar na je laatste bestelling", ("P3Y", "last_contact", None)),
        ("tien jaar na het einde van het contract", ("P10Y", "contract_end", None)),
        ("10 (tien) jaar vanaf de factuurdatum", ("P10Y", "invoice_date", None)),
        ("Maximaal 10 jaar, vanaf 1 januari van het jaar na de factuurdatum", ("P10Y", "invoice_year_end", None)),
        ("zes maanden na het laatste contact", ("P6M", "last_contact", None)),
        ("dix ans à compter de la fin du contrat", ("P10Y", "contract_end", None)),
        ("7 ans à compter du 1er janvier qui suit la date de la facture", ("P7Y", "invoice_year_end", None)),
        ("ten years after the end of the contract", ("P10Y", "contract_end", None)),
        ("30 dagen", ("P30D", None, None)),
        ("tot je je afmeldt", (None, None, None)),  # no period that can be checked
    ],
)
def test_retention_formulas(text: str, facts: tuple[str | None, ...]):
    found = retention_of(text)
    assert (found.duration, found.trigger, found.extension) == facts


def test_a_retention_formula_in_the_notice_is_structured():
    data = _changed(93, "Maximaal 4 weken, tenzij", "7 jaar vanaf 1 januari volgend op het boekjaar, tenzij")
    retention = by_id(data["processing_activities"], "veiligheidscamera")["retention"]
    assert (retention["duration"], retention["trigger"], retention["extension"]) == (
        "P7Y",
        "financial_year_end",
        "incident_closed",
    )


def test_a_legitimate_interest_in_the_purpose_line_is_the_interest():
    data = _changed(89, "Veiligheidsbewaking, fraudepreventie", "Ons gerechtvaardigd belang: bewaking, fraudepreventie")
    activity = by_id(data["processing_activities"], "veiligheidscamera")
    assert activity["legitimate_interest"] == {"nl": "bewaking, fraudepreventie, diefstalpreventie..."}


def test_a_legitimate_interest_after_the_basis_is_the_interest():
    data = _changed(91, "Gerechtvaardigd Belang", "Gerechtvaardigd Belang (beveiliging van het magazijn)")
    activity = by_id(data["processing_activities"], "veiligheidscamera")
    assert (activity["legal_basis"], activity["legitimate_interest"]) == (
        "legitimate_interest",
        {"nl": "beveiliging van het magazijn"},
    )


@pytest.mark.parametrize(
    ("basis", "law"),
    [
        ("Wettelijke verplichting (art. 60 WBTW)", {"law": "WBTW", "provision": "art. 60"}),
        (
            "Wettelijke Verplichting (artikel 60, § 4 van het BTW-Wetboek)",
            {"law": "BTW-Wetboek", "provision": "artikel 60, § 4"},
        ),
        ("Wettelijke verplichting: Sociale Documentenwet", {"law": "Sociale Documentenwet"}),
    ],
)
def test_the_law_named_in_the_basis_line_is_the_legal_obligation(basis: str, law: dict[str, str]):
    data = _changed(187, "Wettelijke Verplichting", basis.removeprefix("Rechtsgrond: "))
    sharing = by_id(data["sharing"], "lonen_en_remuneratie_werknemers")
    assert (sharing["legal_basis"], sharing["legal_obligation"]) == ("legal_obligation", law)


def test_a_gdpr_9_2_condition_in_the_basis_line_is_read():
    data = _changed(91, "Gerechtvaardigd Belang", "Gerechtvaardigd Belang, art. 9.2.f AVG")
    activity = by_id(data["processing_activities"], "veiligheidscamera")
    assert (activity["legal_basis"], activity["special_category_condition"]) == ("legitimate_interest", "legal_claims")


@pytest.mark.parametrize(
    ("sentence", "key", "value"),
    [
        ("Er is geen functionaris voor gegevensbescherming aangewezen.", "dpo", False),
        ("Wij hebben geen DPO aangesteld.", "dpo", False),
        ("Onze functionaris voor gegevensbescherming is bereikbaar via dpo@smetjet.be.", "dpo", True),
        ("Er vindt geen geautomatiseerde besluitvorming plaats.", "automated", False),
        ("Wij nemen geen beslissingen op basis van profilering of geautomatiseerde verwerking.", "automated", False),
    ],
)
def test_dpo_and_automated_decision_statements(sentence: str, key: str, value: bool):
    data = _changed(28, "We nodigen je uit", f"{sentence} We nodigen je uit")
    if key == "dpo":
        assert data["controller"]["dpo"]["designated"] is value
        assert data["controller"]["dpo"]["text"] == {"nl": sentence}
    else:
        assert data["automated_decision_making"] == {"used": value, "text": {"nl": sentence}}
    assert "Wij hechten" in by_id(data["notice"]["sections"], "who_we_are")["text"]["nl"]  # the prose stays


def test_the_right_not_to_be_subject_to_automated_decisions_is_no_statement_about_them():
    assert "automated_decision_making" not in SEED_DATA  # the seed lists the right, and says nothing more


@pytest.mark.parametrize(
    ("line", "version", "date"),
    [
        ("Versie 2 — 15 maart 2026", "2", "2026-03-15"),
        ("Versie 1.4 van 3/2/2026", "1.4", "2026-02-03"),
        ("Laatst bijgewerkt op 1 december 2025", None, "2025-12-01"),
        ("Version 3, 2026-01-31", "3", "2026-01-31"),
    ],
)
def test_a_version_line_gives_version_and_date(line: str, version: str | None, date: str | None):
    data = _changed(16, "PRIVACYVERKLARING", f"PRIVACYVERKLARING\n\n{line}")
    notice = data["notice"]
    assert (notice.get("version"), notice.get("date")) == (version, date)


def test_a_basis_line_that_names_no_legal_basis_is_listed_with_the_reason():
    imported = import_text(changed_seed(91, "Gerechtvaardigd Belang", "Klantvriendelijkheid"))
    assert [(at.line, imported.reasons[at.line]) for at in imported.unplaced] == [
        (91, "not a legal basis: 'Klantvriendelijkheid'")
    ]


def test_the_seed_states_one_role_for_all_recipients_and_names_categories():
    assert SEED_DATA["default_recipient_role"] == {
        "role": "processor",
        "hedged": True,
        "text": {"nl": "Deze derde partijen zullen doorgaans optreden als gegevensverwerker."},
    }
    assert SEED_DATA["named_recipient_categories"] == [
        {"name": {"nl": "IT partners"}, "sharing": ["it_support"]},
        {"name": {"nl": "verzekerings partners"}, "sharing": ["verzekeringen"]},
        {"name": {"nl": "accountancy partners"}},
        {"name": {"nl": "juridische adviseurs"}},
        {
            "name": {"nl": "relevante autoriteiten"},
            "text": {
                "nl": "Houd er rekening mee dat we wettelijk verplicht kunnen zijn om bepaalde gegevens te verwerken "
                "en mogelijks door te geven aan de relevante autoriteiten."
            },
        },
    ]


def test_any_supervisory_authority_with_its_phone():
    text = SEED_TEXT.replace(
        "Gegevensbeschermingsautoriteit\n\nDrukpersstraat 35, 1000 Brussel <http://gegevensbeschermingsautoriteit.be>",
        "Commission nationale pour la protection des données\n15, Boulevard du Jazz, L-4370 Belvaux\n"
        "Tél. : +352 26 10 60 1\ninfo@cnpd.lu",
    )
    imported = import_text(text)
    assert imported.unplaced == []
    assert imported.data()["supervisory_authority"] == {
        "name": "Commission nationale pour la protection des données",
        "address": {"street": "15, Boulevard du Jazz", "postcode": "L-4370", "city": "Belvaux"},
        "email": "info@cnpd.lu",
        "phone": "+352 26 10 60 1",
    }


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (SEED_TEXT, "nl"),
        ("Nous sommes la société. Vos données sont traitées pour la finalité et nous les protégeons.", "fr"),
        ("We are the company. Your data is processed for the purpose and we protect it.", "en"),
        ("", "nl"),
    ],
)
def test_the_language_is_told_from_the_text(text: str, language: str):
    assert importer.detect_language(text) == language


def test_a_legitimate_interest_labelled_in_the_purpose_line_is_the_interest():
    data = _changed(89, "Veiligheidsbewaking, fraudepreventie", "Bewaking. Gerechtvaardigd belang: fraudepreventie")
    activity = by_id(data["processing_activities"], "veiligheidscamera")
    assert activity["legitimate_interest"] == {"nl": "fraudepreventie, diefstalpreventie..."}


def test_explicit_consent_in_the_basis_line_is_the_9_2_a_condition():
    data = _changed(91, "Gerechtvaardigd Belang", "Uitdrukkelijke toestemming")
    activity = by_id(data["processing_activities"], "veiligheidscamera")
    assert (activity["legal_basis"], activity["special_category_condition"]) == ("consent", "explicit_consent")


def test_words_after_a_basis_that_name_no_law_stay_text_and_the_summary_says_so():
    imported = import_text(
        changed_seed(77, "Rechtsgrond: Contract", "Rechtsgrond: Contract (uitvoering van de opdracht)")
    )
    activity = by_id(imported.data()["processing_activities"], "client_dossier_opmaak_en_behandeling")
    assert activity["legal_basis"] == "contract"
    assert activity["text"] == {"nl": "Rechtsgrond: Contract (uitvoering van de opdracht)"}
    assert imported.unplaced == []
    assert imported.notes[0] == (
        "line 77: 'uitvoering van de opdracht' after the legal basis is kept as text: it names no law privlint can read"
    )
    assert len(imported.notes) == 3  # and the seed's two company names with 'Ireland


def test_entries_may_start_with_a_bold_line_or_a_markdown_heading_and_list_items_with_semicolons():
    text = (
        "2. HET VERWERKEN VAN JOUW PERSOONSGEGEVENS\n\n"
        "**Facturatie**\nDoel: Facturen\nRechtsgrond: Contract\nData items: Naam; Adres; BTW-nummer\n"
        "Data wordt verwerkt in België en Nederland\n**Levering**\nRechtsgrond: Contract\n\n"
        "### Marketing\nRechtsgrond: Toestemming\n"
    )
    imported = import_text(text)
    assert imported.unplaced == []
    assert [
        (p["id"], p["legal_basis"], p.get("data_items"), p.get("locations"))
        for p in imported.data()["processing_activities"]
    ] == [
        ("facturatie", "contract", ["naam", "adres", "btw_nummer"], ["BE", "NL"]),
        ("levering", "contract", None, None),
        ("marketing", "consent", None, None),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        (
            "Wij zijn Smet-Jet NV, met maatschappelijke zetel te Nijverheidsstraat 3, 2260 Westerlo, België, "
            "met ondernemingsnummer 0414.321.345."
        ),
        (
            "Wij zijn Smet-Jet NV gevestigd te Nijverheidsstraat 3 2260 Westerlo België en met ondernemingsnummer "
            "0414.321.345."
        ),
    ],
)
def test_controller_sentences_in_other_words(sentence: str):
    data = import_text(f"1. WIE WE ZIJN\n\n{sentence}\n").data()
    assert data["controller"] == {
        "name": "Smet-Jet NV",
        "legal_form": "NV",
        "address": {"street": "Nijverheidsstraat 3", "postcode": "2260", "city": "Westerlo", "country": "BE"},
        "enterprise_number": "0414.321.345",
    }


@pytest.mark.parametrize(
    ("sentence", "contact"),
    [
        (
            "Voor vragen kan je contact opnemen met onze privacy coördinator Cartiche Tournier via cto@smetjet.be.",
            ("Cartiche Tournier", "privacy_coordinator", "cto@smetjet.be"),
        ),
        (
            (
                "Pour toute question, veuillez contacter notre délégué à la protection des données, Marie Dubois, "
                "à l'adresse dpo@dubois.be."
            ),
            ("Marie Dubois", "dpo", "dpo@dubois.be"),
        ),
        (
            "Please contact our privacy coordinator Ann Claes at ann@shop.be.",
            ("Ann Claes", "privacy_coordinator", "ann@shop.be"),
        ),
    ],
)
def test_contact_sentences_in_other_words(sentence: str, contact: tuple[str, str, str]):
    data = import_text(f"1. WIE WE ZIJN\n\n{sentence}\n").data()
    found = data["controller"]["privacy_contact"]
    assert (found["name"], found["role"], found["email"]) == contact


def test_the_contact_sentence_of_the_seed_names_no_one_else():
    notice = parse(SEED_TEXT)
    assert [(c.name, c.role, c.email) for c in notice.contacts] == [
        ("Cartiche Tournier", "privacy_coordinator", "cto@smetjet.be"),
        ("Cartiche Tournier", "privacy_coordinator", "cto@smetjet.be"),
    ]


def test_a_date_stated_in_a_prose_sentence_is_the_notice_date():
    data = _changed(
        28, "We nodigen je uit", "Deze verklaring werd laatst bijgewerkt op 15 maart 2026. We nodigen je uit"
    )
    assert (data["notice"].get("version"), data["notice"]["date"]) == (None, "2026-03-15")


def test_contradicting_statements_keep_the_first_and_say_so():
    text = "1. WIE WE ZIJN\n\nEr is geen DPO aangewezen.\n\nOnze DPO is bereikbaar via dpo@x.be.\n"
    imported = import_text(text)
    assert imported.data()["controller"]["dpo"]["designated"] is False
    assert imported.notes == [
        "line 5: this sentence contradicts the notice's earlier statement on the DPO; the first is kept"
    ]


@pytest.mark.parametrize(
    ("label", "basis", "reason"),
    [
        ("Uitvoering van de overeenkomst met de klant", "contract", None),
        ("Toestemming van de betrokkene", "consent", None),
        (
            "Contract en wettelijke verplichting",
            None,
            "names 2 legal bases (contract, legal_obligation); the model holds one per entry",
        ),
        ("Geen toestemming nodig", None, "not a legal basis: 'Geen toestemming nodig'"),
        ("Contractueel belang", None, "not a legal basis: 'Contractueel belang'"),
    ],
)
def test_a_longer_basis_label_is_read_from_its_words_when_they_name_one_basis(
    label: str, basis: str | None, reason: str | None
):
    imported = import_text(changed_seed(77, "Rechtsgrond: Contract", f"Rechtsgrond: {label}"))
    activity = by_id(imported.data()["processing_activities"], "client_dossier_opmaak_en_behandeling")
    assert activity.get("legal_basis") == basis
    assert activity["text"] == {"nl": f"Rechtsgrond: {label}"}  # the label as written stays with the entry
    assert [imported.reasons[at.line] for at in imported.unplaced] == ([reason] if reason else [])
    if basis is not None:
        assert f"line 77: legal basis {basis} read from the words of {label!r}" in imported.notes


def test_a_rights_list_without_the_template_introduction_is_read_as_rights():
    text = "1. JE RECHTEN UITOEFENEN\n\nJe kan:\n\n- Inzage vragen.\n- Verbetering vragen.\n- Bezwaar maken.\n"
    assert [r["right"] for r in import_text(text).data()["rights"]] == ["access", "rectification", "objection"]


@pytest.mark.parametrize(
    "intro",
    [
        "Wij verwerken de volgende categorieën persoonsgegevens:",
        "We gebruiken onderstaande gegevens :",
        "Nous traitons les données personnelles suivantes :",
        "We process the following categories of personal data:",
    ],
)
def test_data_list_introductions_in_other_words(intro: str):
    text = f"2. HET VERWERKEN VAN JOUW PERSOONSGEGEVENS\n\n{intro}\n\n- Naam\n- Adres\n"
    assert [i["id"] for i in import_text(text).data()["data_items"]] == ["naam", "adres"]


def test_the_seed_principles_list_is_no_data_list():
    names = [i["name"]["nl"] for i in SEED_DATA["data_items"]]
    assert (len(names), names[:2]) == (21, ["BTW nummer", "Bedrijfsadres"])  # lines 45-46
    assert not any(name.startswith("Enkel worden verzameld") for name in names)  # line 36, a principle


@pytest.mark.parametrize(
    ("line", "name", "country"),
    [
        (
            "Mailchimp (The Rocket Science Group LLC, VS) ontvangt de data",
            "Mailchimp (The Rocket Science Group LLC, VS)",
            "US",
        ),
        (
            "Acme Mail Ltd., gevestigd in het Verenigd Koninkrijk ontvangt de data",
            "Acme Mail Ltd., gevestigd in het Verenigd Koninkrijk",
            "GB",
        ),
        ("CloudCompta SA (Luxembourg) reçoit les données", "CloudCompta SA (Luxembourg)", "LU"),
        ("Ontvanger: HelpDesk Ltd (UK)", "HelpDesk Ltd (UK)", "GB"),
    ],
)
def test_the_country_a_recipient_line_states(line: str, name: str, country: str):
    data = import_text(f"- Nieuwsbrief\n\nRechtsgrond: Toestemming\n\n{line}\n").data()
    assert [(r["name"], r.get("country")) for r in data["recipients"]] == [(name, country)]


def test_an_authority_on_one_line_with_its_site_and_phone_labelled():
    text = (
        "1. GEGEVENSBESCHERMINGS AUTORITEIT\n\nElke klacht kan je richten aan de gegevensbeschermingsautoriteit.\n\n"
        "Gegevensbeschermingsautoriteit, Drukpersstraat 35, 1000 Brussel\n\n"
        "Website: www.gegevensbeschermingsautoriteit.be\n\nTel.: 02 274 48 00\n"
    )
    imported = import_text(text)
    assert imported.unplaced == []
    assert imported.data()["supervisory_authority"] == {
        "name": "Gegevensbeschermingsautoriteit",
        "address": {"street": "Drukpersstraat 35", "postcode": "1000", "city": "Brussel"},
        "url": "www.gegevensbeschermingsautoriteit.be",
        "phone": "02 274 48 00",
    }


def test_a_cookie_list_names_cookies_and_keeps_the_kinds_it_describes_as_text():
    text = (
        "1. WEBSITE EN COOKIES\n\nWe gebruiken deze cookies :\n\n"
        "- Essentiële cookies: nodig om de site te laten werken\n"
        "- _ga: Google Analytics, analytisch, derde partij, 2 jaar\n"
        "- PHPSESSID: strikt noodzakelijk, sessie\n"
    )
    imported = import_text(text)
    assert imported.unplaced == []
    assert imported.data()["website"] == {
        "cookies": {
            "cookie_list": [
                {
                    "name": "_ga",
                    "category": "analytics",
                    "party": "third",
                    "duration": "P2Y",
                    "text": {"nl": "_ga: Google Analytics, analytisch, derde partij, 2 jaar"},
                },
                {
                    "name": "PHPSESSID",
                    "category": "essential",
                    "session": True,
                    "text": {"nl": "PHPSESSID: strikt noodzakelijk, sessie"},
                },
            ],
            "text": {"nl": "- Essentiële cookies: nodig om de site te laten werken"},
        }
    }
    assert imported.placed[5] == "website.cookies.text (a kind of cookie, not a named one)"


def test_the_seed_states_cookie_consent_a_hedged_plugin_joint_control_and_the_processor_role():
    assert SEED_DATA["processor_role"] == {"applies": "exceptionally"}  # section 3, "In het uitzonderlijke geval"
    assert SEED_DATA["website"]["cookies"] == {"consent_requested": True}  # section 6, "zullen we je vragen ..."
    [plugin] = SEED_DATA["website"]["social_plugins"]
    assert plugin["hedged"] is True  # section 7, "die mogelijk op onze website staat"
    assert plugin["text"]["nl"].startswith('Als je de sociale media functies zoals bijv. "like-"')
    # Section 7 makes the platforms joint controllers; they are the recipients of the social-media sharings.
    assert SEED_DATA["social_media"] == {
        "joint_controllers": ["meta_platforms_ireland_limited", "linkedin_ireland_unlimited_company"]
    }
    roles = {r["id"]: r.get("role") for r in SEED_DATA["recipients"]}
    assert roles == {
        "sd_worx_sociaal_secretariaat": None,
        "dhondt_insurance_nv": None,
        "meta_platforms_ireland_limited": "joint_controller",
        "linkedin_ireland_unlimited_company": "joint_controller",
    }


def test_a_first_line_that_names_the_notice_is_its_title_in_any_case():
    data = import_text("Privacyverklaring Fietsen Maes BV\n\n1. WIE WE ZIJN\n\nTekst.\n").data()
    assert data["notice"]["title"] == {"nl": "Privacyverklaring Fietsen Maes BV"}


@pytest.mark.parametrize(
    ("bullet", "right"),
    [
        ("Je gegevens te laten verbeteren", "rectification"),
        ("Je gegevens te laten wissen", "erasure"),
        ("De verwerking te laten beperken", "restriction"),
        ("Demander la rectification de vos données", "rectification"),
        ("Faire effacer vos données", "erasure"),
        ("Vous opposer au traitement", "objection"),
        ("Retirer votre consentement à tout moment", "withdraw_consent"),
        ("Ask us to delete your data", "erasure"),
        ("Restrict the processing of your data", "restriction"),
        ("Je gegevens over te dragen.", "portability"),
        ("Je gegevens aan een andere dienstverlener te laten overdragen", "portability"),
        ("Bezwaar te maken tegen het overdragen van je gegevens aan derden", "objection"),
        ("Een kopie op papier te krijgen", None),
    ],
)
def test_rights_bullets_in_other_words(bullet: str, right: str | None):
    assert right_of(bullet) == right


@pytest.mark.parametrize(
    ("sentence", "name", "street", "city"),
    [
        (
            "Je kan een klacht indienen bij de Gegevensbeschermingsautoriteit, Drukpersstraat 35, 1000 Brussel.",
            "Gegevensbeschermingsautoriteit",
            "Drukpersstraat 35",
            "Brussel",
        ),
        (
            (
                "Vous pouvez introduire une réclamation auprès de l'Autorité de protection des données, "
                "Rue de la Presse 35, 1000 Bruxelles."
            ),
            "Autorité de protection des données",
            "Rue de la Presse 35",
            "Bruxelles",
        ),
    ],
)
def test_an_authority_named_in_the_complaint_sentence(sentence: str, name: str, street: str, city: str):
    imported = import_text(f"1. GEGEVENSBESCHERMINGS AUTORITEIT\n\n{sentence}\n")
    data = imported.data()
    assert [r["right"] for r in data["rights"]] == ["lodge_complaint"]
    assert data["supervisory_authority"] == {
        "name": name,
        "address": {"street": street, "postcode": "1000", "city": city},
    }


@pytest.mark.parametrize(
    ("ending", "contacts"),
    [
        (", contact@apd-gba.be.", {"email": "contact@apd-gba.be"}),
        (" (www.gegevensbeschermingsautoriteit.be).", {"url": "www.gegevensbeschermingsautoriteit.be"}),
        (", tel. +32 2 274 48 00.", {"phone": "+32 2 274 48 00"}),
        (
            ", e-mail: contact@apd-gba.be, https://www.gegevensbeschermingsautoriteit.be.",
            {"email": "contact@apd-gba.be", "url": "https://www.gegevensbeschermingsautoriteit.be"},
        ),
    ],
)
def test_contacts_after_the_authority_address_in_the_complaint_sentence(ending: str, contacts: dict[str, str]):
    sentence = (
        f"Elke klacht kan je richten aan de Gegevensbeschermingsautoriteit, Drukpersstraat 35, 1000 Brussel{ending}"
    )
    data = import_text(f"1. GEGEVENSBESCHERMINGSAUTORITEIT\n\n{sentence}\n").data()
    assert data["rights"] == [{"right": "lodge_complaint", "text": {"nl": sentence}}]
    assert data["supervisory_authority"] == {
        "name": "Gegevensbeschermingsautoriteit",
        "address": {"street": "Drukpersstraat 35", "postcode": "1000", "city": "Brussel"},
        **contacts,
    }


def test_two_e_mail_addresses_after_the_complaint_address_are_not_read_as_the_authority():
    sentence = (
        "Elke klacht kan je richten aan de Gegevensbeschermingsautoriteit, Drukpersstraat 35, 1000 Brussel, "
        "contact@apd-gba.be, klachten@apd-gba.be."
    )
    data = import_text(f"1. GEGEVENSBESCHERMINGSAUTORITEIT\n\n{sentence}\n").data()
    assert [right["right"] for right in data["rights"]] == ["lodge_complaint"]
    assert "supervisory_authority" not in data


def test_an_authority_address_with_a_house_number_of_four_digits():
    text = "1. GEGEVENSBESCHERMINGSAUTORITEIT\n\nToezichtstraat\n\nLange Laan 1234 2000 Antwerpen\n"
    data = import_text(text).data()
    assert data["supervisory_authority"]["address"] == {
        "street": "Lange Laan 1234",
        "postcode": "2000",
        "city": "Antwerpen",
    }


def test_a_long_complaint_paragraph_is_not_searched_for_the_authority(monkeypatch: pytest.MonkeyPatch):
    # Searched from the end for contacts, 32,000 characters of " - 1" took seconds (each
    # dash a start, each start backtracking to the end); the template's sentence is short.
    from privlint.notice import parser  # noqa: PLC0415

    searched: list[int] = []

    class Counting:
        def __init__(self, pattern: Any) -> None:
            self.pattern = pattern

        def search(self, text: str) -> Any:
            searched.append(len(text))
            return self.pattern.search(text)

    monkeypatch.setattr(parser, "_COMPLAINT_CONTACT", Counting(parser._COMPLAINT_CONTACT))  # noqa: SLF001
    monkeypatch.setattr(parser, "_COMPLAINT_AUTHORITY", Counting(parser._COMPLAINT_AUTHORITY))  # noqa: SLF001
    long = "Elke klacht kan je richten aan de Gegevensbeschermingsautoriteit" + " - 1" * 8000 + "."
    data = import_text(f"1. GEGEVENSBESCHERMINGSAUTORITEIT\n\n{long}\n").data()
    assert [right["right"] for right in data["rights"]] == ["lodge_complaint"]
    assert searched == []
    short = "Elke klacht kan je richten aan de Gegevensbeschermingsautoriteit, Drukpersstraat 35, 1000 Brussel."
    import_text(f"1. GEGEVENSBESCHERMINGSAUTORITEIT\n\n{short}\n")
    assert searched
    assert max(searched) == len(short)
