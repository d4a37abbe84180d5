"""`privlint render` writes the facts the model holds so that `privlint import` reads them back.

GDPR 13(1)(d) (the legitimate interest), 6(3) (the law behind a legal obligation), the cookie
list (ePrivacy 5(3)) and country names in the notice's language.
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import pytest

from privlint import model
from privlint.model import Policy, Processing
from privlint.notice.importer import import_notice, import_text
from privlint.notice.render import render_notice

from notice_support import compare, model_of

LEGAL_FACTS = """\
    notice:
      title: {nl: PRIVACYVERKLARING PATIËNTEN}
    processing_activities:
      - id: cctv
        name: {nl: Camerabewaking}
        legal_basis: legitimate_interest
        legitimate_interest: {nl: "de bescherming van onze goederen en van het personeel"}
      - id: reminders
        name: {nl: Herinneringen}
        legal_basis: legitimate_interest
        legitimate_interest:
          nl: het vermijden van gemiste afspraken (no-shows)
          en: avoiding missed appointments (no-shows)
      - id: invoicing
        name: {nl: Facturatie}
        legal_basis: legal_obligation
        legal_obligation: {law: BTW-Wetboek, provision: "art. 60, § 4"}
      - id: patient_file
        name: {nl: Patiëntendossier}
        legal_basis: legal_obligation
        legal_obligation: {law: Wet patiëntenrechten}
      - id: appointments
        name: {nl: Afspraken}
        legal_basis: contract
    sharing:
      - id: accountant
        name: {nl: Boekhouder}
        legal_basis: legal_obligation
        legal_obligation: {law: Boekhoudwet, provision: art. 12}
      - id: insurer
        name: {nl: Verzekeraar}
        legal_basis: legitimate_interest
        legitimate_interest: {nl: "het verzekeren van onze aansprakelijkheid: beroepsaansprakelijkheid"}
    """

LONG_LAW = (
    "Wet betreffende de verplichte verzekering voor geneeskundige verzorging en uitkeringen, "
    "gecoördineerd op 14 juli 1994"
)

COOKIES = """\
    notice:
      title: {nl: PRIVACYVERKLARING WEBSHOP}
      sections:
        - id: website_and_cookies
          heading: {nl: WEBSITE EN COOKIES}
          text: {nl: "Onze website gebruikt cookies."}
    website:
      cookies:
        consent_requested: true
        cookie_list:
          - {name: PHPSESSID, category: functional, party: first, session: true}
          - name: _ga
            category: analytics
            party: third
            provider: Google Analytics
            duration: P13M
            purpose: {nl: bezoekersstatistieken, en: visitor statistics}
          - {name: _fbp, category: marketing, party: third, duration: P1Y6M}
          - {name: csrftoken, category: essential, duration: P2W}
          - name: cart
            text: {nl: "cart: onthoudt je winkelmandje, 30 dagen", en: "cart: remembers your basket, 30 days"}
    """


def write_policy(tmp_path: Path, policy: str) -> Policy:
    folder = tmp_path / "policy"
    folder.mkdir(exist_ok=True)
    (folder / "policy.yaml").write_text(textwrap.dedent(policy), encoding="utf-8")
    return model_of(folder)[0]


def reimported(text: str, language: str) -> Policy:
    imported = import_text(text, language=language)
    # The note on untranslated texts (English) is the renderer's own, not the template's.
    unplaced = [(at.line, at.text) for at in imported.unplaced if "no English translation" not in at.text]
    assert unplaced == [], text
    return model.build(imported.data())


def legal_facts(processing: Processing, language: str) -> tuple[Any, ...]:
    interest = processing.legitimate_interest
    law = processing.legal_obligation
    return (
        processing.label,
        processing.legal_basis,
        interest.get(language) or interest.any if interest else None,
        (law.law, law.provision) if law else None,
    )


def all_legal_facts(policy: Policy, language: str) -> list[tuple[Any, ...]]:
    """(name, basis, interest in ``language`` or as written, (law, provision)) of every entry."""
    return [legal_facts(p, language) for p in (*policy.processing_activities, *policy.sharing)]


# --- the legitimate interest and the law of a legal obligation ----------------------------------------


def test_the_legitimate_interest_and_the_law_are_written_on_the_legal_basis_line(tmp_path: Path):
    lines = render_notice(write_policy(tmp_path, LEGAL_FACTS), lang="nl", output_format="txt").splitlines()
    assert [line for line in lines if line.startswith("Rechtsgrond: ")] == [
        "Rechtsgrond: Gerechtvaardigd Belang (de bescherming van onze goederen en van het personeel)",
        "Rechtsgrond: Gerechtvaardigd Belang: het vermijden van gemiste afspraken (no-shows)",
        "Rechtsgrond: Wettelijke Verplichting (BTW-Wetboek, art. 60, § 4)",
        "Rechtsgrond: Wettelijke Verplichting (Wet patiëntenrechten)",
        "Rechtsgrond: Contract",
        "Rechtsgrond: Wettelijke Verplichting (Boekhoudwet, art. 12)",
        "Rechtsgrond: Gerechtvaardigd Belang (het verzekeren van onze aansprakelijkheid: beroepsaansprakelijkheid)",
    ]


def test_in_english_the_label_is_english_and_the_legal_text_stays_as_written(tmp_path: Path):
    text = render_notice(write_policy(tmp_path, LEGAL_FACTS), lang="en", output_format="txt")
    lines = text.splitlines()
    assert "Legal basis: Legitimate interest (de bescherming van onze goederen en van het personeel)" in lines
    assert "Legal basis: Legitimate interest: avoiding missed appointments (no-shows)" in lines
    assert "Legal basis: Legal obligation (BTW-Wetboek, art. 60, § 4)" in lines
    assert "- processing activity 'cctv': legitimate interest (/processing_activities/0/legitimate_interest)" in lines


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_interest_and_the_law_import_back(tmp_path: Path, language: str):
    policy = write_policy(tmp_path, LEGAL_FACTS)
    again = reimported(render_notice(policy, lang=language, output_format="txt"), language)
    assert all_legal_facts(again, language) == all_legal_facts(policy, language)


def long_law_policy(tmp_path: Path) -> Policy:
    return write_policy(
        tmp_path,
        f"""\
        processing_activities:
          - id: riziv
            name: {{nl: Aangifte RIZIV}}
            legal_basis: legal_obligation
            legal_obligation: {{law: "{LONG_LAW}"}}
        """,
    )


def test_a_long_law_name_is_written_in_full(tmp_path: Path):
    lines = render_notice(long_law_policy(tmp_path), lang="nl", output_format="txt").splitlines()
    assert f"Rechtsgrond: Wettelijke Verplichting ({LONG_LAW})" in lines


def test_a_long_law_name_imports_back(tmp_path: Path):
    again = reimported(render_notice(long_law_policy(tmp_path), lang="nl", output_format="txt"), "nl")
    assert all_legal_facts(again, "nl") == [("Aangifte RIZIV", "legal_obligation", None, (LONG_LAW, None))]


def test_the_html_notice_shows_the_interest(tmp_path: Path):
    html = render_notice(write_policy(tmp_path, LEGAL_FACTS), lang="nl", output_format="html")
    assert "<dd>Gerechtvaardigd Belang (de bescherming van onze goederen en van het personeel)</dd>" in html


# --- the cookie list ------------------------------------------------------------------------------------


def cookie_facts(policy: Policy) -> list[tuple[Any, ...]]:
    cookies = policy.website.cookie_list if policy.website else ()
    return [(c.name, c.category, c.party, c.duration, c.session) for c in cookies]


def test_the_cookie_list_follows_its_introduction(tmp_path: Path):
    lines = render_notice(write_policy(tmp_path, COOKIES), lang="nl", output_format="txt").splitlines()
    start = lines.index("Onze website gebruikt cookies.")
    assert lines[start : start + 9] == [
        "Onze website gebruikt cookies.",
        "",
        "We gebruiken de volgende cookies:",
        "",
        "- PHPSESSID: functionele cookie, sessie, eerste partij",
        "- _ga (Google Analytics): analytische cookie, 13 maanden, derde partij, bezoekersstatistieken",
        "- _fbp: advertentiecookie, 1 jaar en 6 maanden, derde partij",
        "- csrftoken: essentiële cookie, 2 weken",
        "- cart: onthoudt je winkelmandje, 30 dagen",
    ]


def test_the_cookie_list_in_english(tmp_path: Path):
    lines = render_notice(write_policy(tmp_path, COOKIES), lang="en", output_format="txt").splitlines()
    start = lines.index("We use the following cookies:")
    assert lines[start + 2 : start + 7] == [
        "- PHPSESSID: functional cookie, session, first party",
        "- _ga (Google Analytics): analytics cookie, 13 months, third party, visitor statistics",
        "- _fbp: marketing cookie, 1 year and 6 months, third party",
        "- csrftoken: essential cookie, 2 weeks",
        "- cart: remembers your basket, 30 days",
    ]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_cookies_import_back(tmp_path: Path, language: str):
    policy = write_policy(tmp_path, COOKIES)
    again = reimported(render_notice(policy, lang=language, output_format="txt"), language)
    expected = cookie_facts(policy)
    expected[-1] = ("cart", None, None, "P30D", None)  # the facts of its text
    assert cookie_facts(again) == expected


def test_a_cookie_list_introduced_by_the_section_s_prose_is_written_after_it(tmp_path: Path):
    policy = write_policy(
        tmp_path,
        """\
        notice:
          sections:
            - id: website_and_cookies
              heading: {nl: WEBSITE EN COOKIES}
              text: {nl: "Wanneer je onze website bezoekt, plaatsen we deze cookies:\\n\\nVragen? Mail ons."}
        website:
          cookies:
            cookie_list:
              - name: _ga
                category: analytics
                duration: P2Y
                text: {nl: "_ga (Google Analytics): analytische cookie, 2 jaar, third party"}
        """,
    )
    text = render_notice(policy, lang="nl", output_format="txt")
    assert "Wanneer je onze website bezoekt, plaatsen we deze cookies:\n\n- _ga (Google Analytics): analytische" in text
    assert "volgende cookies" not in text
    assert cookie_facts(reimported(text, "nl")) == [("_ga", "analytics", "third", "P2Y", None)]


def test_the_cookie_list_is_a_list_in_html(tmp_path: Path):
    html = render_notice(write_policy(tmp_path, COOKIES), lang="nl", output_format="html")
    assert "<li>PHPSESSID: functionele cookie, sessie, eerste partij</li>" in html


# --- country names ------------------------------------------------------------------------------------


def controller_policy(country: str) -> str:
    return f"""\
        controller:
          name: Voorbeeld BV
          address: {{street: Kerkstraat 1, postcode: "1000", city: Stad, country: {country}}}
          enterprise_number: "0123.456.749"
        supervisory_authority:
          name: Gegevensbeschermingsautoriteit
          address: {{street: Drukpersstraat 35, postcode: "1000", city: Brussel, country: {country}}}
        """


@pytest.mark.parametrize(
    ("country", "dutch", "english"),
    [
        ("BE", "België", "Belgium"),
        ("NL", "Nederland", "Netherlands"),
        ("DE", "Duitsland", "Germany"),
        ("US", "Verenigde Staten", "United States"),
        ("LU", "Luxemburg", "Luxembourg"),
    ],
)
def test_countries_are_named_in_the_notice_s_language(tmp_path: Path, country: str, dutch: str, english: str):
    policy = write_policy(tmp_path, controller_policy(country))
    for language, name in (("nl", dutch), ("en", english)):
        text = render_notice(policy, lang=language, output_format="txt")
        assert f"Kerkstraat 1 1000 Stad {name} " in text
        assert f"Drukpersstraat 35, 1000 Brussel, {name}" in text
        again = reimported(text, language)
        assert again.controller is not None
        assert again.controller.address is not None
        assert again.controller.address.country == country


# --- headings ------------------------------------------------------------------------------------------

HEADINGS = """\
    notice:
      title: {nl: Privacyverklaring}
      language: nl
      sections:
        - id: who_we_are
          heading: {nl: WIE WE ZIJN}
        - id: data_protection_authority
          heading: {nl: GEGEVENSBESCHERMINGSAUTORITEIT}
        - id: own_section
          heading: {nl: ONZE EIGEN AFSPRAKEN}
    controller: {name: Voorbeeld NV}
"""


def test_a_template_heading_in_another_of_its_spellings_is_translated(tmp_path: Path):
    # The template's Dutch heading is "GEGEVENSBESCHERMINGS AUTORITEIT" (the seed's spelling);
    # the correct spelling is one of its variants and must be translated as well.
    policy = write_policy(tmp_path, HEADINGS)
    english = render_notice(policy, lang="en", output_format="txt").splitlines()
    assert "2. DATA PROTECTION AUTHORITY" in english
    assert not any("GEGEVENSBESCHERMINGSAUTORITEIT" in line for line in english)
    assert "3. ONZE EIGEN AFSPRAKEN" in english  # a heading of its own stays as written
    dutch = render_notice(policy, lang="nl", output_format="txt").splitlines()
    assert "2. GEGEVENSBESCHERMINGSAUTORITEIT" in dutch  # the Dutch notice keeps its own spelling


@pytest.mark.parametrize(
    "ending",
    [".", ", contact@apd-gba.be.", " (https://www.gegevensbeschermingsautoriteit.be)."],
)
def test_a_complaint_sentence_that_gives_the_authority_address_is_not_followed_by_it_again(tmp_path: Path, ending: str):
    sentence = (
        f"Elke klacht kan je richten aan de Gegevensbeschermingsautoriteit, Drukpersstraat 35, 1000 Brussel{ending}"
    )
    notice = tmp_path / "notice.txt"
    notice.write_text(f"1. GEGEVENSBESCHERMINGSAUTORITEIT\n\n{sentence}\n", encoding="utf-8")
    import_notice(notice, tmp_path / "policy", overwrite=False)
    policy, _source = model_of(tmp_path / "policy")
    rendered = render_notice(policy, lang="nl", output_format="txt")
    lines = rendered.splitlines()
    start = len(lines) - 1 - lines[::-1].index("1. GEGEVENSBESCHERMINGSAUTORITEIT")  # the section, not the contents
    assert [line for line in lines[start + 1 :] if line] == [sentence]
    (tmp_path / "rendered.txt").write_text(rendered, encoding="utf-8")
    assert [(f.code, f.message) for f in compare(tmp_path / "policy", tmp_path / "rendered.txt")] == []


def test_a_complaint_sentence_without_the_address_is_followed_by_the_authority_block(tmp_path: Path):
    policy = write_policy(
        tmp_path,
        """
        rights:
          - right: lodge_complaint
            text: {nl: "Elke klacht kan je richten aan de gegevensbeschermingsautoriteit op het volgende adres :"}
        supervisory_authority:
          name: Gegevensbeschermingsautoriteit
          address: {street: Drukpersstraat 35, postcode: "1000", city: Brussel}
          email: contact@apd-gba.be
        """,
    )
    lines = [line for line in render_notice(policy, lang="nl", output_format="txt").splitlines() if line]
    start = lines.index("Elke klacht kan je richten aan de gegevensbeschermingsautoriteit op het volgende adres :")
    assert lines[start + 1 : start + 4] == [
        "Gegevensbeschermingsautoriteit",
        "Drukpersstraat 35, 1000 Brussel",
        "contact@apd-gba.be",
    ]


@pytest.mark.parametrize(
    ("facts", "lang", "line"),
    [
        ('version: "2.1"\n  date: "2026-03-15"', "nl", "Versie 2.1 \u2013 15 maart 2026"),
        ('version: "2.1"\n  date: "2026-03-15"', "en", "Version 2.1, 15 March 2026"),
        ('version: "3"', "nl", "Versie 3"),
        ('date: "2026-12-01"', "nl", "Laatst bijgewerkt op 1 december 2026"),
        ('date: "2026-12-01"', "en", "Last updated 1 December 2026"),
    ],
)
def test_the_version_and_date_are_rendered_under_the_title_and_read_back(
    tmp_path: Path, facts: str, lang: str, line: str
):
    policy = write_policy(tmp_path, f"notice:\n  language: nl\n  title: {{nl: PRIVACYVERKLARING}}\n  {facts}\n")
    text = render_notice(policy, lang=lang, output_format="txt")
    assert text.splitlines()[:3] == ["PRIVACYVERKLARING", "", line]
    markdown = render_notice(policy, lang=lang, output_format="md")
    assert markdown.splitlines()[2] == line
    assert f'<p class="version">{line}</p>' in render_notice(policy, lang=lang, output_format="html")
    back = import_text(text, language=lang).data()["notice"]
    assert (back.get("version"), back.get("date")) == (policy.notice.version, policy.notice.date)


def test_a_notice_without_version_or_date_has_no_version_line(tmp_path: Path):
    policy = write_policy(tmp_path, "notice:\n  language: nl\n  title: {nl: PRIVACYVERKLARING}\n")
    assert render_notice(policy, lang="nl", output_format="txt").splitlines()[:3] == [
        "PRIVACYVERKLARING",
        "",
        "PRIVACYVERKLARING",
    ]
