"""`privlint render`: the notice written from the model, in the template's structure and wording."""

from __future__ import annotations

import re
import textwrap
from html.parser import HTMLParser
from pathlib import Path

import pytest

from privlint.model import Policy
from privlint.notice.importer import import_notice
from privlint.notice.render import duration_words, render_notice, retention_phrase

from notice_support import SEED_LINES, SEED_TEXT, model_of
from support import POLICY, lint_files, run

BUNDLED, _ = model_of(POLICY)
RENDERED = render_notice(BUNDLED, lang="nl", output_format="txt").splitlines()


def seed(first: int, last: int) -> list[str]:
    """Lines ``first``..``last`` (1-based, inclusive) of the published notice."""
    return SEED_LINES[first - 1 : last]


def appears_in_order(block: list[str], lines: list[str]) -> bool:
    """Whether ``block`` occurs as consecutive lines of ``lines``."""
    return any(lines[i : i + len(block)] == block for i in range(len(lines) - len(block) + 1))


# --- Dutch: the bundled policy reproduces the published notice's key lines --------------------------


def test_the_title_opens_the_notice_and_the_contents_follow():
    assert RENDERED[:14] == [
        "KLANTEN PRIVACY VERKLARING",
        "",
        "INHOUDSOPGAVE",
        "",
        "1. WIE WE ZIJN",
        "2. HET VERWERKEN VAN JOUW PERSOONSgegevens",
        "3. HET VERWERKEN VAN PERSOONSgegevens IN JOUW OPDRACHT",
        "4. HET DELEN VAN PERSOONSgegevens",
        "5. VEILIGHEID EN VERTROUWELIJKHEID",
        "6. WEBSITE EN COOKIES",
        "7. SOCIALE MEDIA",
        "8. JE RECHTEN UITOEFENEN",
        "9. GEGEVENSbeschermings AUTORITEIT",  # as the notice's contents write it (not its heading)
        "",
    ]
    assert RENDERED[:14] == seed(2, 15)
    assert RENDERED[14:17] == ["PRIVACYVERKLARING", "", "1. WIE WE ZIJN"]


@pytest.mark.parametrize("line", [18, 30, 175, 179, 249, 253, 259, 265])
def test_every_section_heading_is_written_as_published(line: int):
    heading = SEED_LINES[line - 1]
    assert RENDERED.count(heading) == 2, heading  # contents and body


def test_a_heading_the_contents_write_differently_is_written_as_published_in_both_places():
    assert RENDERED.count(SEED_LINES[287 - 1]) == 1  # "9. GEGEVENSBESCHERMINGS AUTORITEIT", the body heading
    assert RENDERED.count(SEED_LINES[14 - 1]) == 1  # "9. GEGEVENSbeschermings AUTORITEIT", the contents


def test_without_a_table_of_contents_the_contents_list_the_headings(tmp_path: Path):
    policy = """\
        notice:
          title: {nl: Privacyverklaring}
          sections:
            - {id: who_we_are, heading: {nl: WIE WE ZIJN}}
            - {id: security_and_confidentiality, heading: {nl: VEILIGHEID}}
        """
    folder = tmp_path / "policy"
    folder.mkdir()
    (folder / "policy.yaml").write_text(textwrap.dedent(policy), encoding="utf-8")
    lines = run("render", str(folder)).stdout.splitlines()
    assert lines[2:7] == ["INHOUDSOPGAVE", "", "1. WIE WE ZIJN", "2. VEILIGHEID", ""]


def test_a_table_of_contents_without_the_language_asked_for_is_listed_from_the_headings():
    english = render_notice(BUNDLED, lang="en", output_format="txt").splitlines()
    contents = english[english.index("TABLE OF CONTENTS") + 2 :][:9]
    assert contents[0] == "1. WHO WE ARE"
    assert contents[8].startswith("9. ")
    assert "GEGEVENSbeschermings" not in contents[8]


# The seed writes the country in English in its Dutch text ("Westerlo Belgium", audit B56);
# the model keeps the code BE, and a Dutch notice names the country in Dutch.
SEED_CONTROLLER = SEED_LINES[19].replace(" Westerlo Belgium ", " Westerlo België ")


def test_the_controller_sentence_is_written_from_the_controller():
    assert SEED_LINES[19] != SEED_CONTROLLER
    assert RENDERED[18] == SEED_CONTROLLER


def test_the_data_item_list_is_written_after_its_introduction():
    assert appears_in_order([*seed(43, 43), "", *seed(45, 65), "", *seed(67, 67)], RENDERED)


PROCESSING_BLOCKS = [(71, 83), (85, 97), (99, 111), (113, 125), (127, 139), (141, 153), (155, 167)]


@pytest.mark.parametrize(("first", "last"), PROCESSING_BLOCKS, ids=str)
def test_each_processing_block_is_written_line_for_line(first: int, last: int):
    assert appears_in_order(seed(first, last), RENDERED), seed(first, first)


def test_the_processing_blocks_follow_their_introduction_in_notice_order():
    start = RENDERED.index(SEED_LINES[68])  # "... Meer in het bijzonder verrichten we de volgende verwerkingen :"
    assert RENDERED[start + 2 : start + 2 + 97] == seed(71, 167)


SHARING_BLOCKS = [(183, 193), (195, 205), (219, 229), (231, 239)]


@pytest.mark.parametrize(("first", "last"), SHARING_BLOCKS, ids=str)
def test_each_sharing_block_is_written_line_for_line(first: int, last: int):
    assert appears_in_order(seed(first, last), RENDERED), seed(first, first)


def test_every_recipient_line_says_who_receives_the_data():
    assert [line for line in RENDERED if line.endswith("ontvangt de data")] == [
        "SD WORX Sociaal Secretariaat ontvangt de data",
        "D'hondt Insurance NV ontvangt de data",
        # "(ex-Facebook)" is the recipient's text, as in the published notice.
        "META PLATFORMS IRELAND LIMITED (ex-Facebook) ontvangt de data",
        "LinkedIn Ireland Unlimited Company ontvangt de data",
    ]
    assert appears_in_order(seed(207, 215), RENDERED)


def test_the_rights_are_listed_after_their_introduction():
    assert appears_in_order([*seed(267, 267), "", *seed(269, 275), *seed(277, 277)], RENDERED)


def test_the_supervisory_authority_closes_the_notice():
    assert RENDERED[-7:] == seed(287, 293)


# --- Dutch: a policy imported from the notice renders as the notice ---------------------------------


def test_rendering_the_imported_notice_gives_the_published_text(tmp_path: Path):
    import_notice(Path(__file__).parents[2] / "notice" / "klanten-privacyverklaring.txt", tmp_path, overwrite=False)
    policy, _ = model_of(tmp_path)
    rendered = render_notice(policy, lang="nl", output_format="txt")
    expected = SEED_LINES[1:]  # the published file starts with an empty line
    # The table of contents is imported and rendered as written ("9. GEGEVENSbeschermings
    # AUTORITEIT", unlike its body heading).
    del expected[274]  # the empty line before the last right
    expected[18] = SEED_CONTROLLER
    assert rendered.splitlines() == expected
    assert SEED_TEXT.endswith("<http://gegevensbeschermingsautoriteit.be>")  # no final newline; render adds one


# --- English ---------------------------------------------------------------------------------------

ENGLISH = render_notice(BUNDLED, lang="en", output_format="txt").splitlines()


def test_english_uses_the_model_s_and_the_template_s_translations():
    assert ENGLISH[0] == "Customer privacy notice"
    assert "1. WHO WE ARE" in ENGLISH
    assert "9. DATA PROTECTION AUTHORITY" in ENGLISH
    assert ENGLISH[ENGLISH.index("1. WHO WE ARE", 10) + 2] == (
        "We are Smet-Jet NV, with address Nijverheidsstraat 3 2260 Westerlo Belgium "
        "and with enterprise number BE0414.321.345."
    )
    assert appears_in_order(["- VAT number", "- Business address", "- Payment overview, customer account"], ENGLISH)
    assert "Legal basis: Legitimate interest" in ENGLISH
    assert "Data is processed within the EU" in ENGLISH
    assert "SD WORX Sociaal Secretariaat receives the data" in ENGLISH
    assert "Data items: Security camera footage, Date & time" in ENGLISH
    assert (
        "- Request access to your personal data (the data subject's right of access). "
        "This lets you receive a copy of the personal data we hold about you."
    ) in ENGLISH


def test_english_says_which_texts_are_untranslated():
    note = ENGLISH[2]
    count = int(note.split()[0])
    assert note == (
        f"{count} texts have no English translation in the policy and are shown in the original language (nl); "
        "they are listed at the end."
    )
    listed = ENGLISH[ENGLISH.index("Untranslated texts") + 2 :]
    assert len(listed) == count
    assert "- section 'who_we_are': text (/notice/sections/0/text)" in listed
    assert "- processing activity 'cctv': purpose (/processing_activities/1/purposes/0)" in listed
    assert "- sharing 'payroll': data item 'bank_account' (/sharing/0/data_item_names/bank_account)" in listed
    assert not any("heading" in entry or "/rights/" in entry for entry in listed)
    # the untranslated text itself is shown in Dutch
    assert "Purpose: Veiligheidsbewaking, fraudepreventie, diefstalpreventie..." in ENGLISH


def test_dutch_has_nothing_untranslated():
    assert "Niet vertaalde teksten" not in RENDERED


# --- Markdown and HTML ----------------------------------------------------------------------------------


def test_markdown_has_headings_for_sections_and_entries():
    markdown = render_notice(BUNDLED, lang="nl", output_format="md").splitlines()
    assert markdown[0] == "# KLANTEN PRIVACY VERKLARING"
    assert "## 1. WIE WE ZIJN" in markdown
    start = markdown.index("### Veiligheidscamera")
    assert markdown[start : start + 9] == [
        "### Veiligheidscamera",
        "",
        "- **Beschrijving:** Maken en/of bewaren van veiligheidsbeelden of video.",
        "- **Doel:** Veiligheidsbewaking, fraudepreventie, diefstalpreventie...",
        "- **Rechtsgrond:** Gerechtvaardigd Belang",
        (
            "- **Bewaringstermijn:** Maximaal 4 weken, tenzij in geval van bewijs van het incident: "
            "totdat het incident is afgehandeld"
        ),
        "- **Data items:** Veiligheidscamera beelden, Datum & tijd",
        "- Data wordt verwerkt binnen de EU",
        "",
    ]
    assert "Drukpersstraat 35, 1000 Brussel <http://gegevensbeschermingsautoriteit.be>" in markdown


def test_markdown_escapes_what_would_change_the_meaning():
    policy = _policy("""\
        notice:
          sections:
            - id: who_we_are
              heading: {nl: WIE WE ZIJN}
              text: {nl: "1. *niet* vet_gedrukt <b>"}
        """)
    markdown = render_notice(policy, lang="nl", output_format="md")
    assert "1\\. \\*niet\\* vet\\_gedrukt \\<b\\>" in markdown.splitlines()


def test_html_is_self_contained_and_structured():
    page = render_notice(BUNDLED, lang="nl", output_format="html")
    assert page.startswith('<!DOCTYPE html>\n<html lang="nl">')
    assert "<title>KLANTEN PRIVACY VERKLARING</title>" in page
    assert '<section id="processing_personal_data">' in page
    assert "<h3>Veiligheidscamera</h3>" in page
    assert "<dt>Rechtsgrond</dt><dd>Gerechtvaardigd Belang</dd>" in page
    assert "<li>Datum &amp; tijd</li>" in page
    assert (
        '<address>Drukpersstraat 35, 1000 Brussel <a href="http://gegevensbeschermingsautoriteit.be">'
        "http://gegevensbeschermingsautoriteit.be</a></address>"
    ) in page
    assert not re.search(r"<script|<link|\bsrc=|@import|url\(", page)
    assert unclosed_tags(page) == []


def unclosed_tags(page: str) -> list[str]:
    """Elements opened and not closed, or closed out of order (void elements aside)."""
    problems: list[str] = []
    stack: list[str] = []

    class Checker(HTMLParser):
        def handle_starttag(self, tag: str, attrs: object) -> None:  # noqa: ARG002 - the API passes them
            if tag not in {"meta", "br"}:
                stack.append(tag)

        def handle_endtag(self, tag: str) -> None:
            if stack and stack[-1] == tag:
                stack.pop()
            else:
                problems.append(f"</{tag}> at {self.getpos()}")

    Checker().feed(page)
    return problems + stack


def test_html_escapes_every_text_and_links_only_to_web_addresses():
    policy = _policy("""\
        notice:
          title: {nl: "<script>alert(1)</script>"}
        data_items:
          - id: evil
            name: {nl: "<img src=x onerror=alert(1)>"}
        supervisory_authority:
          name: Autoriteit
          url: "javascript:alert(1)"
        """)
    page = render_notice(policy, lang="nl", output_format="html")
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>" in page
    assert "<li>&lt;img src=x onerror=alert(1)&gt;</li>" in page
    assert "<address> javascript:alert(1)</address>" in page
    assert "<script" not in page
    assert 'href="javascript' not in page


def test_html_marks_untranslated_texts_with_their_language():
    page = render_notice(BUNDLED, lang="en", output_format="html")
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert unclosed_tags(page) == []
    assert '<dd lang="nl">Veiligheidsbewaking, fraudepreventie, diefstalpreventie...</dd>' in page
    assert "<h2>Untranslated texts</h2>" in page


def test_an_unknown_format_is_refused():
    with pytest.raises(ValueError, match="unknown notice format 'pdf'; expected one of: txt, md, html"):
        render_notice(BUNDLED, lang="nl", output_format="pdf")


# --- structured retention, template sections and the command line -----------------------------------


@pytest.mark.parametrize(
    ("duration", "words"),
    [("P4W", "4 weken"), ("P1W", "1 week"), ("P10Y", "10 jaar"), ("P1Y6M", "1 jaar en 6 maanden"), ("P1D", "1 dag")],
)
def test_durations_in_words(duration: str, words: str):
    assert duration_words(duration, "nl") == words


def test_retention_without_text_is_written_from_its_facts():
    assert retention_phrase("P4W", "recording", "incident_closed", "nl") == (
        "Maximaal 4 weken, vanaf de opname, tenzij langer nodig: totdat het incident is afgehandeld"
    )
    assert retention_phrase(None, "contract_end", None, "nl") == "Vanaf beëindiging van het contract"
    assert retention_phrase("P10Y", None, None, "en") == "For at most 10 years"
    assert retention_phrase(None, None, None, "nl") is None


def test_content_without_its_section_gets_the_template_section():
    policy = _policy("""\
        data_items:
          - {id: customer_name, name: {nl: Naam van de klant}}
        processing_activities:
          - id: invoicing
            name: {nl: Facturatie}
            legal_basis: contract
            data_items: [customer_name]
            retention: {duration: P10Y, trigger: invoice_date}
        rights:
          - right: access
        """)
    assert render_notice(policy, lang="nl", output_format="txt").splitlines() == [
        "PRIVACYVERKLARING",
        "",
        "INHOUDSOPGAVE",
        "",
        "1. HET VERWERKEN VAN JOUW PERSOONSgegevens",
        "2. JE RECHTEN UITOEFENEN",
        "",
        "PRIVACYVERKLARING",
        "",
        "1. HET VERWERKEN VAN JOUW PERSOONSgegevens",
        "",
        "We verzamelen de volgende persoonsgegevens :",
        "",
        "- Naam van de klant",
        "",
        "We verrichten de volgende verwerkingen :",
        "",
        "- **Facturatie**",
        "",
        "Rechtsgrond: Contract",
        "",
        "Bewaringstermijn: Maximaal 10 jaar, vanaf de factuurdatum",
        "",
        "Data items: Naam van de klant",
        "",
        "2. JE RECHTEN UITOEFENEN",
        "",
        "Je hebt het recht om :",
        "",
        "- " + SEED_LINES[268].removeprefix("- "),
    ]


def test_the_command_line_renders_each_format():
    for output_format, start in (("txt", "KLANTEN PRIVACY VERKLARING\n"), ("md", "# KLANTEN"), ("html", "<!DOCTYPE")):
        result = run("render", "policy", "--format", output_format)
        assert (result.returncode, result.stderr) == (0, ""), output_format
        assert result.stdout.startswith(start)
        assert result.stdout == render_notice(BUNDLED, lang="nl", output_format=output_format)


def _policy(text: str) -> Policy:
    result = lint_files({"policy.yaml": text})
    assert result.policy is not None, [f"{f.code} {f.message}" for f in result.findings]
    return result.policy
