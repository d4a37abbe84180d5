"""The knowledge files in privlint/data: the facts the rules rely on, and the keyword matcher."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum.be import vat

from privlint import knowledge

SCHEMA = json.loads((Path(__file__).parents[1] / "schemas" / "policy.schema.json").read_text(encoding="utf-8"))


def schema_enum(name):
    return SCHEMA["$defs"][name]["enum"]


# --- countries -----------------------------------------------------------------------------------


def test_the_eu_has_27_member_states_and_the_eea_adds_three():
    assert len(knowledge.eu_countries()) == 27
    assert knowledge.eea_countries() - knowledge.eu_countries() == {"IS", "LI", "NO"}


def test_belgium_is_in_the_eu_and_norway_iceland_liechtenstein_only_in_the_eea():
    assert "BE" in knowledge.eu_countries()
    for code in ("NO", "IS", "LI"):
        assert code in knowledge.eea_countries()
        assert code not in knowledge.eu_countries()


def test_left_and_non_members_are_outside_the_eea():
    for code in ("GB", "CH", "US", "FO"):
        assert code not in knowledge.eea_countries()


def test_greece_is_listed_by_its_iso_code_and_el_is_an_alias():
    assert "GR" in knowledge.eu_countries()
    assert "EL" not in knowledge.eu_countries()
    assert knowledge.member_states()["GR"].eu_code == "EL"
    assert knowledge.country_code_aliases()["EL"] == "GR"


def test_country_codes_are_iso_shaped_and_regions_are_not_states():
    codes = set(knowledge.member_states()) | set(knowledge.outermost_regions())
    assert all(len(code) == 2 and code.isascii() and code.isupper() for code in codes)
    assert not set(knowledge.outermost_regions()) & knowledge.eea_countries()
    assert {region.part_of for region in knowledge.outermost_regions().values()} <= knowledge.eu_countries()


# --- adequacy ------------------------------------------------------------------------------------


def test_us_adequacy_covers_only_the_data_privacy_framework():
    decision = knowledge.adequacy_decisions()["US"]
    assert "Data Privacy Framework" in decision.scope
    assert decision.partial
    assert "2023/1795" in decision.reference
    assert decision.adopted == date(2023, 7, 10)


def test_uk_decision_was_renewed_in_december_2025_until_2031():
    decision = knowledge.adequacy_decisions()["GB"]
    assert decision.last_changed == date(2025, 12, 19)
    assert decision.last_changed.year == 2025
    assert any("2025/2574" in act.reference for act in decision.amendments)
    assert decision.expires == date(2031, 12, 27)
    assert decision.in_force_on(date(2026, 11, 25))
    assert not decision.in_force_on(date(2031, 12, 27))
    assert any("2021/1773" in act.reference for act in decision.related)  # the law-enforcement decision


def test_brazil_and_the_european_patent_organisation_are_present():
    brazil = knowledge.adequacy_decisions()["BR"]
    assert "2026/179" in brazil.reference
    assert (brazil.adopted.year, brazil.adopted.month) == (2026, 1)
    epo = knowledge.adequacy_decisions()["EPO"]
    assert epo.kind == "international_organisation"
    assert "2025/1382" in epo.reference


def test_partial_decisions_say_whom_they_cover():
    decisions = knowledge.adequacy_decisions()
    assert "PIPEDA" in decisions["CA"].scope
    assert "APPI" in decisions["JP"].scope
    assert all(decision.scope for decision in decisions.values())


def test_no_eea_state_needs_an_adequacy_decision():
    assert not set(knowledge.adequacy_decisions()) & knowledge.eea_countries()


def test_every_decision_is_in_force_on_its_files_date():
    as_of = knowledge.data_as_of()["adequacy.toml"]
    for decision in knowledge.adequacy_decisions().values():
        assert decision.in_force_on(as_of), decision.id


# --- transfer tools ------------------------------------------------------------------------------


def test_transfer_tool_keys_are_the_schema_enum():
    assert list(knowledge.transfer_tools()) == schema_enum("transfer_mechanism")


def test_standard_contractual_clauses_are_decision_2021_914():
    scc = knowledge.transfer_tools()["standard_contractual_clauses"]
    assert "2021/914" in scc.instrument
    assert scc.instrument_adopted == date(2021, 6, 4)
    assert scc.article == "GDPR 46(2)(c)"


def test_transfer_tool_articles():
    tools = knowledge.transfer_tools()
    assert tools["adequacy_decision"].article == "GDPR 45"
    assert "47" in tools["binding_corporate_rules"].article
    assert tools["code_of_conduct"].article == "GDPR 46(2)(e)"
    assert tools["certification"].article == "GDPR 46(2)(f)"
    assert tools["art49_derogation"].kind == "derogation"


# --- special categories --------------------------------------------------------------------------


def test_special_category_keys_are_the_schema_enum():
    assert list(knowledge.special_categories()) == schema_enum("special_category")


def test_article_9_2_conditions_are_the_schema_enum_with_letters_a_to_j():
    conditions = knowledge.special_category_conditions()
    assert list(conditions) == schema_enum("special_category_condition")
    assert [condition.letter for condition in conditions.values()] == list("abcdefghij")
    assert conditions["legal_claims"].article == "GDPR 9(2)(f)"
    assert all(set(condition.descriptions) == {"nl", "en"} for condition in conditions.values())


def test_every_category_has_labels_in_three_languages_and_keywords():
    for category in knowledge.special_categories().values():
        assert set(category.labels) == {"nl", "en", "fr"}, category.key
        assert {keyword.language for keyword in category.keywords} >= {"nl", "fr", "en"}, category.key


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["Dagen ziekteverzuim"], "health"),
        (["sick_leave_days"], "health"),
        (["Naam van de klant"], None),
        (["Ligging van het onroerend goed"], None),
        (["Vakbondslidmaatschap"], "trade_union_membership"),
        (["Appartenance syndicale"], "trade_union_membership"),
        (["Vingerafdruk"], "biometric"),
        (["Empreintes digitales"], "biometric"),
        (["Allergieën"], "health"),
        (["Données de santé"], "health"),
        (["Religieuze overtuiging"], "religious_or_philosophical_beliefs"),
        (["Seksuele geaardheid"], "sex_life_or_sexual_orientation"),
        (["customer_name", "Zwangerschapsverlof"], "health"),
    ],
)
def test_names_that_look_like_special_categories(names, expected):
    assert knowledge.looks_like_special_category(names) == expected


@pytest.mark.parametrize(
    "name",
    [
        "Privacybeleid",
        "Politique de confidentialité",
        "Account disabled",
        "Invalid login attempts",
        "Content syndication",
        "Empreinte carbone",
        "Geloofwaardigheid",
        "Geslacht",
        "Sexe",
        "Nationaliteit",
        "Veiligheidscamera beelden",
        "Foto's / beelden",
        "BTW nummer",
        "Santens",
    ],
)
def test_ordinary_names_do_not_look_like_special_categories(name):
    assert knowledge.looks_like_special_category([name]) is None


def test_a_match_says_which_keyword_matched_which_name():
    match = knowledge.match_special_category(["Klantnummer", "Dagen ziekteverzuim"])
    assert match is not None
    assert (match.category, match.name) == ("health", "Dagen ziekteverzuim")
    assert match.keyword.found_in("Dagen ziekteverzuim")


def test_a_lone_string_is_one_name_not_a_list_of_letters():
    assert knowledge.looks_like_special_category("Vakbond") == "trade_union_membership"
    assert knowledge.looks_like_special_category("x") is None


def test_prefix_keywords_are_not_short_stems_and_are_normalised():
    keywords = [keyword for category in knowledge.special_categories().values() for keyword in category.keywords]
    keywords += knowledge.criminal_keywords()
    for keyword in keywords:
        assert keyword.normalised == knowledge.normalise(keyword.text)
        assert keyword.whole_word or len(keyword.normalised) >= 4, keyword


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["Uittreksel uit het strafregister"], True),
        (["Casier judiciaire"], True),
        (["Criminal record check"], True),
        (["Veroordelingen"], True),
        (["Convictions religieuses"], False),
        (["Naam van de klant"], False),
    ],
)
def test_names_that_look_like_criminal_data(names, expected):
    assert knowledge.looks_like_criminal_data(names) is expected


def test_normalise_casefolds_strips_accents_and_collapses_separators():
    assert knowledge.normalise("Allergieën / MÉDICAL__data") == "allergieen medical data"
    assert knowledge.normalise("  sick_leave-days ") == "sick leave days"
    assert knowledge.normalise("Straße") == "strasse"
    assert knowledge.normalise("--") == ""


# --- retention -----------------------------------------------------------------------------------


def test_camera_images_are_kept_at_most_one_month_under_the_camera_law():
    camera = knowledge.retention_limits()["be_camera_images"]
    assert (camera.kind, camera.duration) == ("maximum", "P1M")
    assert "21 maart 2007" in camera.source
    assert "bewakingscamera" in camera.source
    assert [limit.id for limit in knowledge.applicable_retention_limits(["Veiligheidscamera beelden"])] == [
        "be_camera_images"
    ]
    exceptions = {exception.id: exception for exception in camera.exceptions}
    assert "evidence" in exceptions
    assert exceptions["designated_high_risk_place"].extends_to == "P3M"


def test_invoices_must_be_kept_at_least_ten_years():
    minimums = [limit for limit in knowledge.applicable_retention_limits(["Factuur"]) if limit.kind == "minimum"]
    assert {limit.duration for limit in minimums} == {"P10Y"}
    vat_records = knowledge.retention_limits()["be_vat_records"]
    assert "art. 60" in vat_records.source
    assert "20 november 2022" in vat_records.source


def test_no_retention_limit_for_unrelated_items():
    assert knowledge.applicable_retention_limits(["Naam van de klant", "Persoonlijk emailadres"]) == ()


# --- supervisory authority and enterprise numbers ------------------------------------------------


def test_the_belgian_authority_is_the_gba_at_drukpersstraat_35():
    gba = knowledge.supervisory_authority("BE")
    assert gba is not None
    assert gba.names["nl"] == "Gegevensbeschermingsautoriteit"
    assert gba.names["fr"] == "Autorité de protection des données"
    assert (gba.street["nl"], gba.postcode, gba.city["nl"]) == ("Drukpersstraat 35", "1000", "Brussel")
    assert gba.street["fr"] == "Rue de la Presse 35"
    assert "https://www.gegevensbeschermingsautoriteit.be" in gba.websites
    assert "3 december 2017" in gba.founding_law
    assert knowledge.supervisory_authority(" be ") is gba


def test_unknown_countries_have_no_authority():
    assert knowledge.supervisory_authority("NL") is None


def test_enterprise_number_facts_agree_with_python_stdnum():
    number_format = knowledge.be_enterprise_number_format()
    gba_number = vat.validate(knowledge.supervisory_authority("BE").enterprise_number)
    assert len(gba_number) == number_format.digits
    assert gba_number[0] in number_format.first_digits
    assert vat.is_valid(number_format.vat_prefix + gba_number)
    assert not vat.is_valid("0694.679.951")  # one digit off: the mod-97 check fails


# --- all files -----------------------------------------------------------------------------------


def test_every_entry_names_its_source():
    records = [
        *knowledge.member_states().values(),
        *knowledge.outermost_regions().values(),
        *knowledge.adequacy_decisions().values(),
        *(act for d in knowledge.adequacy_decisions().values() for act in (*d.amendments, *d.related)),
        *knowledge.transfer_tools().values(),
        *knowledge.special_categories().values(),
        *knowledge.special_category_conditions().values(),
        knowledge.criminal_data(),
        *knowledge.retention_limits().values(),
        *(exception for limit in knowledge.retention_limits().values() for exception in limit.exceptions),
        knowledge.supervisory_authority("BE"),
        knowledge.be_enterprise_number_format(),
        *knowledge.open_list_markers().values(),
        *knowledge.hedges().values(),
        *knowledge.dutch_terms(),
        knowledge.mixed_case_rule(),
    ]
    assert all(record.source.strip() for record in records)


def test_every_file_is_dated():
    as_of = knowledge.data_as_of()
    data = Path(knowledge.__file__).parent / "data"
    assert set(as_of) == {path.name for path in data.glob("*.toml")}
    assert all(isinstance(day, date) for day in as_of.values())


def test_importing_the_module_reads_nothing():
    code = "import sys, privlint.knowledge; print('tomli' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def _normalised_char_by_char(text: str) -> str:
    """The definition of ``knowledge.normalise``, written out one character at a time."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    kept = "".join(char if char.isalnum() else " " for char in decomposed if not unicodedata.combining(char))
    return " ".join(kept.split())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gezondheidsgegevens", "gezondheidsgegevens"),
        ("  Ziekte-verlof_dagen! ", "ziekte verlof dagen"),
        ("Camerabeelden (CCTV)", "camerabeelden cctv"),
        ("Adres\u00e9 \u00c9\u00e9n", "adrese een"),
        ("x\u00b2", "x2"),
    ],
)
def test_normalise_casefolds_strips_accents_and_joins_words_with_one_space(text: str, expected: str) -> None:
    assert knowledge.normalise(text) == expected


@given(st.text())
def test_normalise_agrees_with_its_definition_on_any_text(text: str) -> None:
    assert knowledge.normalise(text) == _normalised_char_by_char(text)


@given(st.text(st.characters(max_codepoint=0x7F)))
def test_normalise_agrees_with_its_definition_on_any_ascii_text(text: str) -> None:
    # ASCII text takes a faster way than the rest (a byte table instead of the expression).
    assert knowledge.normalise(text) == _normalised_char_by_char(text)


@given(st.text())
def test_the_cached_normalised_form_is_the_normalised_text(text: str) -> None:
    # ``normalised`` reads the cache the keyword indexes share (the name padded with spaces).
    assert knowledge.normalised(text) == _normalised_char_by_char(text)


# --- corrections of issue 12 -----------------------------------------------------------------------


def test_the_camera_ceiling_dates_from_2007_and_only_the_three_month_extension_from_2018():
    camera = knowledge.retention_limits()["be_camera_images"]
    assert camera.since == date(2007, 6, 10)
    extension = {exception.id: exception for exception in camera.exceptions}["designated_high_risk_place"]
    assert (extension.extends_to, extension.since) == ("P3M", date(2018, 5, 25))


def test_vat_records_run_from_1_january_after_the_invoice():
    vat = knowledge.retention_limits()["be_vat_records"]
    assert vat.starts.startswith("from 1 January of the year after the date of the invoice")


def test_aland_is_eu_territory_of_finland():
    aland = knowledge.outermost_regions()["AX"]
    assert aland.part_of == "FI"
    assert "355(4)" in aland.source


def test_brazil_is_a_full_adequacy_decision():
    assert knowledge.adequacy_decisions()["BR"].partial is False


# --- recipients, sectors, phrases and keywords (issue 12) -------------------------------------------


def test_every_known_recipient_and_sector_has_a_source_and_a_check_date():
    records = [*knowledge.known_recipients().values(), *knowledge.sector_roles().values()]
    assert len(records) >= 19
    for record in records:
        assert record.source
        assert record.checked == date(2026, 12, 3)
        # What could not be confirmed from a primary source says so.
        if record.verified == "unverified":
            assert "unconfirmed" in record.source or "unconfirmed" in record.role_note, record.id


def test_the_groups_that_process_outside_the_eea_name_the_tools_they_publish():
    recipients = knowledge.known_recipients()
    assert recipients["meta_platforms_ireland"].processes_outside_eea == ("US",)
    assert any("Data Privacy Framework" in tool for tool in recipients["meta_platforms_ireland"].transfer_tools)
    assert recipients["linkedin_ireland"].group.startswith("LinkedIn Corporation")
    assert all(r.transfer_tools for r in recipients.values() if r.processes_outside_eea)
    assert recipients["sd_worx"].processes_outside_eea == ()


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("META PLATFORMS IRELAND LIMITED", "meta_platforms_ireland"),
        ("LinkedIn Ireland Unlimited Company", "linkedin_ireland"),
        ("SD WORX Sociaal Secretariaat", "sd_worx"),
        ("Amazon Web Services EMEA SARL", "aws_emea"),
        ("Intuit Mailchimp", "mailchimp"),
        ("Drukkerij Janssens", None),
        ("Metaalbewerking Peeters", None),  # "meta" only as a whole name
    ],
)
def test_recipients_are_recognised_by_the_names_notices_write(name: str, expected: str | None):
    found = knowledge.recognise_recipient(name)
    assert (found.id if found else None) == expected


@pytest.mark.parametrize(
    ("name", "sector"),
    [
        ("D'hondt Insurance NV", "insurer"),
        ("AG Insurance", "insurer"),
        ("Belfius Bank", "bank"),
        ("Sociaal Secretariaat Voorbeeld", "social_secretariat"),
        ("Advocatenkantoor Peeters", "lawyer"),
        ("FOD Financiën", "public_authority"),
        ("Drukkerij Janssens", None),
        ("Bankette Catering", "bank"),  # "bank" matches at a word start: a known false positive
    ],
)
def test_sectors_are_recognised_by_words_in_the_name(name: str, sector: str | None):
    found = knowledge.sector_of(name)
    assert (found.id if found else None) == sector


def test_every_phrase_and_keyword_list_has_dutch_french_and_english():
    for list_id in ("implied_consent", "read_regularly", "objection_ends_service"):
        phrases = knowledge.phrase_list(list_id)
        assert {language for language, _ in phrases.patterns} == {"nl", "fr", "en"}
        assert phrases.source
    for list_id in ("contact_person_items", "not_necessary_for_contract", "third_party_origin_items", "image_items"):
        keywords = knowledge.keyword_list(list_id)
        assert {keyword.language for keyword in keywords.keywords} == {"nl", "fr", "en"}
    for record in knowledge.indirect_special_categories().values():
        assert {keyword.language for keyword in record.keywords} == {"nl", "fr", "en"}
        assert record.category in knowledge.special_categories()


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Door onze diensten en/of producten aan te schaffen geef je aan ermee akkoord te gaan.", True),
        ("En poursuivant votre navigation, vous acceptez les cookies.", True),
        ("By using our website you agree to this policy.", True),
        ("Ga je akkoord? Door het vakje aan te vinken geef je toestemming voor de nieuwsbrief.", False),
        ("Wij vragen je toestemming apart. Door de site te gebruiken geef je niets op.", False),
    ],
)
def test_implied_consent_phrases_stay_within_a_sentence(text: str, found: bool):
    assert bool(list(knowledge.find_phrase("implied_consent", text))) is found


_PHRASE_LISTS = ("implied_consent", "read_regularly", "objection_ends_service")


def _phrases_found_by_each_pattern(list_id: str, text: str) -> list[tuple[str, str]]:
    """What ``find_phrase`` finds, by trying every pattern's expression on every sentence."""
    found = []
    for sentence in knowledge._sentences(text):  # noqa: SLF001
        padded = f" {knowledge.normalise(sentence)} "
        for (language, pattern), expression in knowledge._compiled_phrases(list_id).each:  # noqa: SLF001
            if re.search(expression, padded):
                found.append((pattern, language))
                break
    return found


def _phrase_words() -> st.SearchStrategy[str]:
    # Words of the patterns (whole, cut short, extended), other words and punctuation.
    words = sorted(
        {
            word
            for list_id in _PHRASE_LISTS
            for _language, pattern in knowledge.phrase_list(list_id).patterns
            for word in pattern.replace("*", " ").split()
        }
    )
    word = st.sampled_from(words)
    return st.one_of(
        word,
        word.map(lambda text: text[: max(1, len(text) - 2)]),
        word.map(lambda text: text + "en"),
        st.sampled_from(["onze", "website", "diensten", "Dé", ",", ".", "?", "\n", "e"]),
    )


@st.composite
def _phrase_texts(draw: st.DrawFn, list_id: str) -> str:
    """A pattern written out (words where its stars are, a part dropped or cut now and then), among other words."""
    _language, pattern = draw(st.sampled_from(knowledge.phrase_list(list_id).patterns))
    written = []
    for part in pattern.split("*"):
        kept = draw(st.sampled_from(["whole", "whole", "cut", "dropped"]))
        written.append(part.strip()[:-1] if kept == "cut" else part.strip() if kept == "whole" else "")
        written.extend(draw(st.lists(_phrase_words(), max_size=2)))
    around = st.lists(_phrase_words(), max_size=4).map(" ".join)
    return " ".join([draw(around), *written, draw(around)])


@given(st.data())
def test_the_one_search_for_any_phrase_never_changes_what_is_found(data: st.DataObject):
    list_id = data.draw(st.sampled_from(_PHRASE_LISTS))
    text = data.draw(_phrase_texts(list_id) | st.lists(_phrase_words(), max_size=14).map(" ".join))
    found = [(match.pattern, match.language) for match in knowledge.find_phrase(list_id, text)]
    assert found == _phrases_found_by_each_pattern(list_id, text)


def test_the_phrase_patterns_are_compiled_on_first_use_only():
    code = (
        "import privlint.knowledge as k, privlint.catalogue as c; c.registry(); "
        "print(k._compiled_phrases.cache_info().currsize, 'tomli' in __import__('sys').modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "0 False"


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Voorbeeld Hosting Inc. (Verenigde Staten)", "US"),
        ("Support SARL (États-Unis)", "US"),
        ("Example Ltd, United Kingdom", "GB"),
        ("Indiase Ontwikkelaars BV", None),  # a word that starts like a country is not the country
        ("Drukkerij Janssens", None),
    ],
)
def test_a_third_country_written_in_a_name_is_recognised(name: str, code: str | None):
    assert knowledge.country_named_in(name) == code
