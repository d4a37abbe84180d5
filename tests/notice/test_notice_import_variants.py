"""`privlint import` of notices whose authors numbered the sections or wrote the controller in their own way."""

from __future__ import annotations

import pytest

from privlint.notice.importer import import_text
from privlint.notice.parser import At, RetentionFacts, legal_reference_of, parse, retention_of

# A small notice in the template; ``{n1}`` .. ``{n4}`` are the section numbers as the author wrote them.
NOTICE = """\
PRIVACYVERKLARING BAKKERIJ JANSSENS

INHOUDSOPGAVE

{n1} WIE WE ZIJN
{n2} HET VERWERKEN VAN JOUW PERSOONSGEGEVENS
{n3} HET DELEN VAN PERSOONSGEGEVENS
{n4} JE RECHTEN UITOEFENEN

{n1} WIE WE ZIJN

Wij zijn Bakkerij Janssens BV met adres Kerkstraat 12 3000 Leuven België en met ondernemingsnummer BE0123.456.749.

{n2} HET VERWERKEN VAN JOUW PERSOONSGEGEVENS

Meer in het bijzonder zullen we sommige of alle van de volgende data-elementen verzamelen :

- Naam van de klant
- Persoonlijk emailadres

Voor een bestelling vragen we, in deze volgorde:

1. Naam
2. Adres
3. BTW
4. IBAN

Meer in het bijzonder verrichten we de volgende verwerkingen :

- **Bestellingen**

Doel: Bestellingen leveren

Rechtsgrond: Contract

Bewaringstermijn: 7 jaar

{n3} HET DELEN VAN PERSOONSGEGEVENS

Meer in het bijzonder behouden wij ons het recht voor om jouw persoonlijke gegevens met deze partners te delen :

- Boekhouding

Doel: De boekhouding voeren

Rechtsgrond: Wettelijke Verplichting

Data wordt verwerkt binnen de EU

Accountantskantoor Peeters ontvangt de data

{n4} JE RECHTEN UITOEFENEN

Conform de Algemene Verordening Gegevensbescherming (AVG) heb je het recht om :

- Toegang te vragen tot jouw persoonsgegevens.
- De wissing van je persoonsgegevens te vragen.
"""
IN_ORDER = ("1.", "2.", "3.", "4.")
SECTION_IDS = ["who_we_are", "processing_personal_data", "sharing_personal_data", "exercising_your_rights"]


def notice_numbered(*numbers: str) -> str:
    return NOTICE.format(**{f"n{index}": number for index, number in enumerate(numbers, 1)})


def without_contents(data: dict[str, object]) -> dict[str, object]:
    """The imported policy without the table of contents (it repeats the numbers as written)."""
    notice = dict(data["notice"])  # type: ignore[call-overload]
    notice.pop("table_of_contents", None)
    return {**data, "notice": notice}


@pytest.mark.parametrize(
    "numbers",
    [
        pytest.param(("1.", "2.", "4.", "6."), id="gaps"),
        pytest.param(("I.", "II.", "III.", "IV."), id="roman"),
        pytest.param(("Artikel 1 -", "Artikel 2 -", "Artikel 3 -", "Artikel 4 -"), id="artikel"),
        pytest.param(("Artikel 1:", "Artikel 3:", "Artikel 4:", "Artikel 7:"), id="artikel-gaps"),
        pytest.param(("2)", "3)", "5)", "8)"), id="parentheses-gaps"),
    ],
)
def test_sections_numbered_with_gaps_roman_numerals_or_articles_import_as_numbered_in_order(numbers: tuple[str, ...]):
    imported = import_text(notice_numbered(*numbers))
    data = imported.data()
    assert [section["id"] for section in data["notice"]["sections"]] == SECTION_IDS
    assert [section["heading"]["nl"] for section in data["notice"]["sections"]] == [
        "WIE WE ZIJN",
        "HET VERWERKEN VAN JOUW PERSOONSGEGEVENS",
        "HET DELEN VAN PERSOONSGEGEVENS",
        "JE RECHTEN UITOEFENEN",
    ]
    assert [entry["id"] for entry in data["processing_activities"]] == ["bestellingen"]
    assert [entry["id"] for entry in data["sharing"]] == ["boekhouding"]
    assert "website" not in data
    assert imported.unplaced == []
    assert without_contents(data) == without_contents(import_text(notice_numbered(*IN_ORDER)).data())


@pytest.mark.parametrize(
    ("numbers", "written"),
    [(("1.", "2.", "4.", "6."), ["1", "2", "4", "6"]), (("I.", "II.", "III.", "IV."), ["I", "II", "III", "IV"])],
)
def test_the_section_number_is_the_number_as_written(numbers: tuple[str, ...], written: list[str]):
    parsed = parse(notice_numbered(*numbers))
    assert [(s.number.text if s.number else None, s.heading.line if s.heading else None) for s in parsed.sections] == [
        (number, line) for number, line in zip(written, [10, 14, 38, 52], strict=True)
    ]


def test_a_numbered_list_inside_a_section_is_no_heading_even_where_the_numbers_have_gaps():
    text = notice_numbered("1.", "3.", "6.", "9.").replace("3. BTW\n4. IBAN", "4. BTW\n\n7. IBAN")
    parsed = parse(text)
    assert [s.id for s in parsed.sections] == SECTION_IDS
    section = parsed.section("processing_personal_data")
    assert section is not None
    assert ("1. Naam", "2. Adres", "4. BTW") in [tuple(line.text for line in p) for p in section.prose]
    assert ("7. IBAN",) in [tuple(line.text for line in p) for p in section.prose]


def test_a_roman_numbered_notice_with_a_numbered_entry_list_keeps_the_entries_in_their_section():
    text = notice_numbered("I.", "II.", "III.", "IV.").replace("- Boekhouding", "1. Boekhouding")
    data = import_text(text).data()
    assert [section["id"] for section in data["notice"]["sections"]] == SECTION_IDS
    assert [entry["id"] for entry in data["sharing"]] == ["boekhouding"]


def test_a_heading_the_author_moved_keeps_its_number_and_its_section():
    # The author moved section IV (rights) in front of III without renumbering.
    text = notice_numbered("I.", "II.", "III.", "IV.")
    sharing_at, rights_at = text.rindex("III. HET DELEN"), text.rindex("IV. JE RECHTEN")
    moved = text[:sharing_at] + text[rights_at:] + "\n" + text[sharing_at:rights_at]
    data = import_text(moved).data()
    assert [section["id"] for section in data["notice"]["sections"]] == [
        "who_we_are",
        "processing_personal_data",
        "exercising_your_rights",
        "sharing_personal_data",
    ]
    assert [entry["id"] for entry in data["sharing"]] == ["boekhouding"]
    assert len(data["rights"]) == 2


@pytest.mark.parametrize(
    ("sentence", "address", "number"),
    [
        (
            (
                "Wij zijn Fit & Fun BV met adres Battelsesteenweg 455, 2800 Mechelen, België en met "
                "ondernemingsnummer BE 0712.345.630."
            ),
            {"street": "Battelsesteenweg 455", "postcode": "2800", "city": "Mechelen", "country": "BE"},
            "BE 0712.345.630",
        ),
        (
            "Wij zijn Fit & Fun BV met adres Grote Markt 1, 9000 Gent, Belgium, met ondernemingsnummer 0712 345 630.",
            {"street": "Grote Markt 1", "postcode": "9000", "city": "Gent", "country": "BE"},
            "0712 345 630",
        ),
        (
            # A house number of four digits is not the postcode: the postcode is the number before the city.
            (
                "Wij zijn Fit & Fun BV met adres Kortrijksesteenweg 1200 9051 Sint-Denijs-Westrem België "
                "en met ondernemingsnummer 0712.345.630."
            ),
            {"street": "Kortrijksesteenweg 1200", "postcode": "9051", "city": "Sint-Denijs-Westrem", "country": "BE"},
            "0712.345.630",
        ),
        (
            (
                "Wij zijn Fit & Fun BV met adres Avenue Louise 1050, 1050 Bruxelles, Belgique, "
                "met ondernemingsnummer 0712.345.630."
            ),
            {"street": "Avenue Louise 1050", "postcode": "1050", "city": "Bruxelles", "country": "BE"},
            "0712.345.630",
        ),
    ],
)
def test_a_country_after_a_comma_and_a_spaced_enterprise_number_are_read(
    sentence: str, address: dict[str, str], number: str
):
    imported = import_text(f"1. WIE WE ZIJN\n\n{sentence}\n")
    controller = imported.data()["controller"]
    assert controller["address"] == address
    assert controller["enterprise_number"] == number
    assert imported.unplaced == []


def test_a_dutch_kvk_number_is_no_enterprise_number_and_is_listed_as_not_placed():
    sentence = (
        "Wij zijn Groenewoud Outdoor B.V. met adres Stratumseind 10, 5611 AB Eindhoven Nederland "
        "en met KvK-nummer 81234567."
    )
    imported = import_text(f"1. WIE WE ZIJN\n\n{sentence}\n")
    controller = imported.data()["controller"]
    assert controller["name"] == "Groenewoud Outdoor B.V."
    assert controller["address"] == {
        "street": "Stratumseind 10",
        "postcode": "5611 AB",
        "city": "Eindhoven",
        "country": "NL",
    }
    assert "enterprise_number" not in controller
    # The number is in no field of the model: the line is listed, with the reason, rather than dropped silently.
    assert [(at.line, at.text) for at in imported.unplaced] == [(3, sentence)]
    assert imported.reasons[3].startswith("a KvK number (the Dutch trade register)")
    notice = parse(f"1. WIE WE ZIJN\n\n{sentence}\n")
    assert notice.controller is not None
    assert notice.controller.enterprise_number is None
    assert notice.controller.register_number == At("KvK-nummer 81234567", 3, 96)


def test_numbered_lines_of_another_style_or_an_unknown_first_number_are_no_headings():
    text = notice_numbered("1.", "2.", "4.", "6.").replace(
        "Meer in het bijzonder verrichten", "V. LET OP\n\nVerder verrichten"
    )
    assert [s.id for s in parse(text).sections] == SECTION_IDS
    parsed = parse("Wij hechten belang aan jouw privacy.\n\n2. BELANGRIJK\n\nWe delen niets.\n")
    assert [(s.id, s.heading) for s in parsed.sections] == [(None, None)]


LONG_LAW = (
    "Wet betreffende de verplichte verzekering voor geneeskundige verzorging en uitkeringen, "
    "gecoördineerd op 14 juli 1994"
)


@pytest.mark.parametrize(
    ("qualifier", "expected"),
    [
        ("art. 60 WBTW", ("WBTW", "art. 60")),
        ("Boekhoudwet", ("Boekhoudwet", None)),
        (LONG_LAW, (LONG_LAW, None)),
        (
            "Koninklijk Besluit van 8 oktober 1976 met betrekking tot de jaarrekening van de ondernemingen",
            ("Koninklijk Besluit van 8 oktober 1976 met betrekking tot de jaarrekening van de ondernemingen", None),
        ),
        ("Wij moeten dit bewaren voor de fiscus en de sociale inspectie van ons land", None),
        ("wet op de boekhouding, zoals gewijzigd in 2020 en later nog eens herzien", None),  # no capital: prose
        # In small letters, a title that gives the act's date is still a law.
        (
            "wet van 18 september 2017 tot voorkoming van het witwassen van geld en de financiering van terrorisme",
            (
                "wet van 18 september 2017 tot voorkoming van het witwassen van geld en de financiering van terrorisme",
                None,
            ),
        ),
        (
            "loi du 1er juillet 2016 portant des dispositions diverses",
            ("loi du 1er juillet 2016 portant des dispositions diverses", None),
        ),
        ("de wet van 2017 vraagt ons dit te bewaren", None),
        ("wet van de sterkste geldt hier niet", None),
    ],
)
def test_a_law_is_read_from_its_title_or_its_article(qualifier: str, expected: tuple[str, str | None] | None):
    assert legal_reference_of(qualifier) == expected


@pytest.mark.parametrize(
    ("text", "duration", "trigger", "extension"),
    [
        ("3 jaar na de laatste bestelling", "P3Y", "last_contact", None),
        ("2 jaar na het einde van het lidmaatschap", "P2Y", "relationship_end", None),
        ("1 jaar na het einde van je abonnement", "P1Y", "relationship_end", None),
        ("10 jaar na het einde van de zakelijke relatie", "P10Y", "relationship_end", None),
        ("5 ans après la fin de la relation d'affaires", "P5Y", "relationship_end", None),
        ("5 ans après la fin du bail", "P5Y", "contract_end", None),
        ("2 jaar na het einde van de huurovereenkomst", "P2Y", "contract_end", None),
        ("Tot intrekking van de toestemming", None, None, "consent_withdrawal"),
        ("Totdat de toestemming ingetrokken is", None, None, "consent_withdrawal"),
        ("Tot je je toestemming intrekt", None, None, "consent_withdrawal"),
        ("Jusqu'au retrait de votre consentement", None, None, "consent_withdrawal"),
        ("Until you withdraw your consent", None, None, "consent_withdrawal"),
    ],
)
def test_common_retention_wordings_are_read(
    text: str, duration: str | None, trigger: str | None, extension: str | None
):
    assert retention_of(text) == RetentionFacts(duration, trigger, extension)


@pytest.mark.parametrize(
    "sentence",
    [
        "Voor vragen over je gegevens kan je terecht bij onze privacy-coördinator via privacy@dewilde.be.",
        "Je kan contact opnemen met onze functionaris voor gegevensbescherming via privacy@dewilde.be.",
        "Pour toute question, vous pouvez contacter notre délégué à la protection des données à privacy@dewilde.be.",
        "Vous pouvez exercer vos droits en contactant notre délégué à la protection des données à privacy@dewilde.be.",
        "For any question, contact our data protection officer at privacy@dewilde.be.",
    ],
)
def test_a_contact_named_by_role_only_is_the_privacy_contact(sentence: str):
    imported = import_text(f"1. WIE WE ZIJN\n\n{sentence}\n")
    controller = imported.data()["controller"]
    contact = controller["privacy_contact"]
    assert "name" not in contact
    assert contact["email"] == "privacy@dewilde.be"
    assert contact["role"] == ("privacy_coordinator" if "coördinator" in sentence else "dpo")
    if contact["role"] == "dpo":
        assert controller["dpo"]["designated"] is True
        assert controller["dpo"]["email"] == "privacy@dewilde.be"
    assert imported.unplaced == []


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        (
            "Onze functionaris voor gegevensbescherming is Mevr. Lotte Peeters, bereikbaar via dpo@x.be.",
            "Mevr. Lotte Peeters",
        ),
        ("Onze functionaris voor gegevensbescherming is Jan Claes, te bereiken via dpo@x.be.", "Jan Claes"),
        ("Notre délégué à la protection des données est M. Pierre Lambert, joignable à dpo@x.be.", "M. Pierre Lambert"),
        (
            "Dr. Ann Wouters is onze functionaris voor gegevensbescherming die je kan bereiken via dpo@x.be.",
            "Dr. Ann Wouters",
        ),
    ],
)
def test_a_dpo_named_after_the_role_or_with_a_title_is_the_contact_and_the_dpo(sentence: str, name: str):
    controller = import_text(f"1. WIE WE ZIJN\n\n{sentence}\n").data()["controller"]
    assert controller["privacy_contact"] == {"name": name, "role": "dpo", "email": "dpo@x.be"}
    assert (controller["dpo"]["designated"], controller["dpo"]["name"]) == (True, name)
