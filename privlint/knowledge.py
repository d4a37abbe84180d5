"""The legal knowledge privlint's rules need, read from the dated TOML files in ``privlint/data``.

The facts (EEA members, adequacy decisions, GDPR art. 9 keywords, Belgian retention limits, the
Belgian supervisory authority) live in data files with their sources and an ``as_of`` date, never
in code. This module only reads them into typed, frozen records. Nothing is read at import time:
every accessor loads its file on first use and caches the result (``functools.cache``), and only
the standard library is imported.

A data file that is missing a key, has a value of the wrong type, or has a key this module does not
know raises :class:`KnowledgeDataError` naming the file and the place, so a typo in the data cannot
silently switch a rule off.

Keyword matching (``match_special_category``, ``looks_like_criminal_data``,
``applicable_retention_limits``): item names and ids go through :func:`normalise` (casefold, accents
stripped, every run of other characters one space), so ``"Dagen ziekteverzuim"`` and
``"sick_leave_days"`` become ``"dagen ziekteverzuim"`` and ``"sick leave days"``. A keyword then
matches at the start of a word (word-prefix match) -- ``ziekte`` finds ``ziekteverzuim`` and
``vakbond`` finds ``vakbondslidmaatschap``, which Dutch and French compounds need -- unless the data
file lists it under ``whole_words``, in which case it must be a complete word (``dna``, ``btw``).
Prefix rather than substring matching is what keeps short stems from firing inside unrelated
words; whole-word matching alone would miss the compounds. Compounds whose sensitive part comes
last (``beroepsziekte``) must be listed explicitly.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Final, Literal, NamedTuple, TypeVar

__all__ = [
    "AdequacyDecision",
    "CriminalData",
    "DutchTerm",
    "EnterpriseNumberFormat",
    "IndirectCategory",
    "Keyword",
    "KeywordList",
    "KeywordMatch",
    "KnowledgeDataError",
    "KnownRecipient",
    "LegalAct",
    "MemberState",
    "MixedCaseRule",
    "OutermostRegion",
    "PhraseList",
    "PhraseMatch",
    "RetentionException",
    "RetentionLimit",
    "SectorRole",
    "SpecialCategory",
    "SpecialCategoryCondition",
    "SupervisoryAuthority",
    "TransferTool",
    "WordList",
    "adequacy_decisions",
    "applicable_retention_limits",
    "be_enterprise_number_format",
    "country_code_aliases",
    "country_named_in",
    "criminal_data",
    "criminal_keywords",
    "data_as_of",
    "dutch_term_guards",
    "dutch_terms",
    "eea_countries",
    "eu_countries",
    "find_phrase",
    "hedges",
    "indirect_special_categories",
    "keyword_list",
    "known_recipients",
    "looks_like_criminal_data",
    "looks_like_special_category",
    "match_criminal_data",
    "match_indirect_special_category",
    "match_keywords",
    "match_special_category",
    "member_states",
    "mixed_case_rule",
    "normalise",
    "open_list_markers",
    "outermost_regions",
    "phrase_list",
    "recognise_recipient",
    "retention_limits",
    "sector_of",
    "sector_roles",
    "special_categories",
    "special_category_conditions",
    "supervisory_authority",
    "transfer_tools",
]

_PACKAGE: Final = "privlint"
_LANGUAGES: Final = frozenset({"nl", "fr", "en", "de"})

Verified = Literal["official_text", "secondary", "unverified"]
DecisionKind = Literal["third_country", "territory", "international_organisation"]
ToolKind = Literal["adequacy", "appropriate_safeguard", "derogation"]
LimitKind = Literal["maximum", "minimum"]

_VERIFIED: Final[tuple[Verified, ...]] = ("official_text", "secondary", "unverified")
_DECISION_KINDS: Final[tuple[DecisionKind, ...]] = ("third_country", "territory", "international_organisation")
_TOOL_KINDS: Final[tuple[ToolKind, ...]] = ("adequacy", "appropriate_safeguard", "derogation")
_LIMIT_KINDS: Final[tuple[LimitKind, ...]] = ("maximum", "minimum")
_ARTICLE_9_2_LETTERS: Final = tuple("abcdefghij")

# The top-level keys each knowledge file may have; anything else is a typo and an error.
_FILE_KEYS: Final[Mapping[str, frozenset[str]]] = MappingProxyType(
    {
        "adequacy.toml": frozenset({"as_of", "decision"}),
        "countries.toml": frozenset(
            {"as_of", "eu_member", "eea_member", "outermost_region", "eu_territory", "code_aliases"}
        ),
        "dpia_triggers.toml": frozenset({"as_of", "facts", "keywords", "required", "criteria"}),  # privlint.dpia
        "dutch_terms.toml": frozenset({"as_of", "guards", "term", "mixed_case"}),
        "prose.toml": frozenset({"as_of", "open_list", "hedges"}),
        "retention_limits.toml": frozenset({"as_of", "limit"}),
        "special_categories.toml": frozenset({"as_of", "category", "condition", "criminal"}),
        "supervisory_authorities.toml": frozenset({"as_of", "authority", "be_enterprise_number"}),
        "transfer_tools.toml": frozenset({"as_of", "tool"}),
        "phrases.toml": frozenset({"as_of", "phrases", "keywords", "indirect"}),
        "recipients.toml": frozenset({"as_of", "recipient", "sector", "country_names"}),
    }
)

_T = TypeVar("_T")
_S = TypeVar("_S", bound=str)
_NOT_ALPHANUMERIC = re.compile(r"[\W_]+")
# Every ASCII character that is not a letter or a digit, as a space (for ``bytes.translate``).
_ASCII_SEPARATORS = bytes(code if chr(code).isalnum() else 0x20 for code in range(128)) + bytes(range(128, 256))


class KnowledgeDataError(ValueError):
    """A file in ``privlint/data`` does not have the shape this module expects."""


# --- records -------------------------------------------------------------------------------------


class MemberState(NamedTuple):
    """An EU member state, or one of the three other EEA states (``eu`` is then false)."""

    code: str
    names: Mapping[str, str]
    member_since: date
    eu: bool
    eu_code: str
    source: str
    note: str


class OutermostRegion(NamedTuple):
    """EU territory with an ISO 3166-1 code of its own: an outermost region (TFEU art. 349,
    355(1)) or another part of a member state to which the Treaties apply (Åland, TFEU 355(4))."""

    code: str
    part_of: str
    names: Mapping[str, str]
    source: str


class LegalAct(NamedTuple):
    """An act that amends, extends or accompanies an adequacy decision."""

    reference: str
    adopted: date
    summary: str
    verified: Verified
    source: str
    official_journal: str
    note: str


class AdequacyDecision(NamedTuple):
    """A Commission adequacy decision (GDPR art. 45) and what it covers."""

    id: str
    kind: DecisionKind
    name: str
    reference: str
    adopted: date
    legal_basis: str
    scope: str
    partial: bool
    expires: date | None
    verified: Verified
    source: str
    official_journal: str
    note: str
    amendments: tuple[LegalAct, ...]
    related: tuple[LegalAct, ...]

    @property
    def last_changed(self) -> date:
        """The date of the latest act that adopted, renewed or amended this decision."""
        return max((self.adopted, *(act.adopted for act in self.amendments)))

    def in_force_on(self, day: date) -> bool:
        """Whether the decision applies on ``day``; it ceases to apply on its ``expires`` date."""
        return self.adopted <= day and (self.expires is None or day < self.expires)


class TransferTool(NamedTuple):
    """A GDPR chapter V transfer tool, keyed like ``$defs.transfer_mechanism`` in the schema."""

    key: str
    article: str
    names: Mapping[str, str]
    kind: ToolKind
    requires_authorisation: bool
    instrument: str
    instrument_adopted: date | None
    source: str
    note: str


class Keyword(NamedTuple):
    """A word (or words) whose presence makes a data item look like a given kind of data."""

    text: str
    language: str
    whole_word: bool
    normalised: str

    def found_in(self, name: str) -> bool:
        """Whether this keyword matches ``name`` (normalised first); see the module docstring."""
        return _keyword_in(self, _padded(name))


class KeywordMatch(NamedTuple):
    """Which keyword of which category matched which name: material for a finding's message."""

    category: str
    keyword: Keyword
    name: str


class SpecialCategory(NamedTuple):
    """A GDPR art. 9(1) category, keyed like ``$defs.special_category`` in the schema."""

    key: str
    article: str
    labels: Mapping[str, str]
    keywords: tuple[Keyword, ...]
    source: str


class SpecialCategoryCondition(NamedTuple):
    """A GDPR art. 9(2) condition, keyed like ``$defs.special_category_condition``."""

    key: str
    letter: str
    descriptions: Mapping[str, str]
    source: str

    @property
    def article(self) -> str:
        return f"GDPR 9(2)({self.letter})"


class CriminalData(NamedTuple):
    """GDPR art. 10: personal data relating to criminal convictions and offences."""

    article: str
    labels: Mapping[str, str]
    keywords: tuple[Keyword, ...]
    source: str


class RetentionException(NamedTuple):
    """A case in which a statutory maximum may be exceeded, up to ``extends_to`` if one is set."""

    id: str
    description: str
    extends_to: str | None
    since: date | None
    source: str


class RetentionLimit(NamedTuple):
    """A statutory maximum or minimum retention period (``duration`` is ISO 8601, e.g. ``P1M``)."""

    id: str
    jurisdiction: str
    kind: LimitKind
    duration: str
    starts: str
    applies_to: str
    since: date | None
    verified: Verified
    source: str
    note: str
    keywords: tuple[Keyword, ...]
    exceptions: tuple[RetentionException, ...]


class PhraseList(NamedTuple):
    """Sentence patterns a prose rule looks for (``privlint/data/phrases.toml``)."""

    id: str
    rules: tuple[str, ...]
    patterns: tuple[tuple[str, str], ...]  # (language, pattern as written)
    source: str
    checked: date
    note: str


class PhraseMatch(NamedTuple):
    """Which pattern matched which sentence of a text."""

    pattern: str
    language: str
    sentence: str


class KeywordList(NamedTuple):
    """Words that make a name look like a kind a rule is about (``privlint/data/phrases.toml``)."""

    id: str
    rules: tuple[str, ...]
    keywords: tuple[Keyword, ...]
    source: str
    checked: date
    note: str


class IndirectCategory(NamedTuple):
    """Data that can reveal a special category indirectly (CJEU C-184/20)."""

    id: str
    category: str
    reason: str
    keywords: tuple[Keyword, ...]
    source: str
    checked: date


class KnownRecipient(NamedTuple):
    """An organisation notices name, its group's processing outside the EEA and its usual roles."""

    id: str
    names: tuple[str, ...]
    legal_entity: str
    group: str
    established: str
    processes_outside_eea: tuple[str, ...]
    transfer_tools: tuple[str, ...]
    roles: tuple[str, ...]
    role_note: str
    verified: Verified
    checked: date
    source: str
    note: str


class SectorRole(NamedTuple):
    """A kind of recipient, recognised by words in its name, and the roles it normally has."""

    id: str
    label: str
    roles: tuple[str, ...]
    role_note: str
    keywords: tuple[Keyword, ...]
    verified: Verified
    checked: date
    source: str


class SupervisoryAuthority(NamedTuple):
    """A national data protection supervisory authority (GDPR art. 51, 77)."""

    country: str
    names: Mapping[str, str]
    abbreviations: Mapping[str, str]
    street: Mapping[str, str]
    postcode: str
    city: Mapping[str, str]
    phone: str
    phone_source: str
    email: str
    email_source: str
    websites: tuple[str, ...]
    domains: tuple[str, ...]
    enterprise_number: str
    founding_law: str
    in_force_since: date
    predecessor: str
    verified: Verified
    source: str
    note: str


class WordList(NamedTuple):
    """Phrases of one language (``any``: every language) and guards: wording that contains one but is not one."""

    language: str
    phrases: tuple[str, ...]  # literal text
    guards: tuple[str, ...]  # Python regular expressions
    source: str


class DutchTerm(NamedTuple):
    """A written form that is not right in legal Dutch (rule LANG001), with the right one and its source."""

    wrong: str  # literal text, or a regular expression when ``pattern``
    right: str
    pattern: bool
    anchor: str | None  # for a pattern: a word every match contains (a quick pre-check)
    case_sensitive: bool
    source: str
    verified: Verified


class MixedCaseRule(NamedTuple):
    """Where the rule "a word is written in one case" comes from (rule LANG001)."""

    source: str
    verified: Verified


class EnterpriseNumberFormat(NamedTuple):
    """The shape of a Belgian enterprise number (rule BE001); the check is python-stdnum's."""

    digits: int
    first_digits: tuple[str, ...]
    display_format: str
    vat_prefix: str
    checksum: str
    verified: Verified
    source: str
    note: str


# --- public accessors ----------------------------------------------------------------------------


@functools.lru_cache(maxsize=1 << 16)
def normalise(text: str) -> str:
    """Casefold, strip accents (NFKD) and turn every run of non-alphanumerics into one space.

    Not cached: ``normalised`` gives the same from the cache the keyword indexes share.
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    if not decomposed.isascii():
        decomposed = "".join(char for char in decomposed if not unicodedata.combining(char))
    if decomposed.isascii():  # most names: a byte table does it in a third of the expression's time
        return " ".join(decomposed.encode("ascii").translate(_ASCII_SEPARATORS).decode("ascii").split())
    # ``[^\W_]`` is exactly ``str.isalnum``: letters and numbers of every script.
    return _NOT_ALPHANUMERIC.sub(" ", decomposed).strip(" ")


@functools.cache
def member_states() -> Mapping[str, MemberState]:
    """The 27 EU member states and the 3 other EEA states, by ISO 3166-1 alpha-2 code."""
    root = _root("countries.toml")
    states = [_member_state(table, eu=True) for table in root.tables("eu_member")]
    states += [_member_state(table, eu=False) for table in root.tables("eea_member")]
    return _index(states, root.where, key=lambda state: state.code)


@functools.cache
def eu_countries() -> frozenset[str]:
    """ISO codes of the EU member states."""
    return frozenset(code for code, state in member_states().items() if state.eu)


@functools.cache
def eea_countries() -> frozenset[str]:
    """ISO codes of the EEA states: the EU member states plus Iceland, Liechtenstein and Norway."""
    return frozenset(member_states())


@functools.cache
def outermost_regions() -> Mapping[str, OutermostRegion]:
    """EU territory with an ISO code of its own: inside the EU, though not member states.

    The outermost regions (TFEU art. 349) and the other territories listed under
    ``[[eu_territory]]`` (Åland).
    """
    root = _root("countries.toml")
    regions = [_outermost_region(table) for table in root.tables("outermost_region")]
    regions += [_outermost_region(table) for table in root.tables("eu_territory", required=False)]
    return _index(regions, root.where, key=lambda region: region.code)


@functools.cache
def country_code_aliases() -> Mapping[str, str]:
    """Codes people write instead of the ISO code, mapped to it (``EL`` -> ``GR``, ``UK`` -> ``GB``)."""
    return _root("countries.toml").table("code_aliases").str_map()


@functools.cache
def adequacy_decisions() -> Mapping[str, AdequacyDecision]:
    """Adequacy decisions in force, by ISO country/territory code or organisation id (``EPO``)."""
    root = _root("adequacy.toml")
    decisions = [_adequacy_decision(table) for table in root.tables("decision")]
    return _index(decisions, root.where, key=lambda decision: decision.id)


@functools.cache
def transfer_tools() -> Mapping[str, TransferTool]:
    """GDPR chapter V transfer tools, keyed like ``$defs.transfer_mechanism``."""
    root = _root("transfer_tools.toml")
    tools = [_transfer_tool(table) for table in root.tables("tool")]
    return _index(tools, root.where, key=lambda tool: tool.key)


@functools.cache
def special_categories() -> Mapping[str, SpecialCategory]:
    """GDPR art. 9(1) categories in the order of the article, keyed like ``$defs.special_category``."""
    root = _root("special_categories.toml")
    categories = [_special_category(table) for table in root.tables("category")]
    return _index(categories, root.where, key=lambda category: category.key)


@functools.cache
def special_category_conditions() -> Mapping[str, SpecialCategoryCondition]:
    """GDPR art. 9(2)(a)-(j), keyed like ``$defs.special_category_condition``."""
    root = _root("special_categories.toml")
    conditions = [_condition(table) for table in root.tables("condition")]
    return _index(conditions, root.where, key=lambda condition: condition.key)


@functools.cache
def criminal_data() -> CriminalData:
    """GDPR art. 10 criminal data: labels, source and the keywords that recognise it."""
    table = _root("special_categories.toml").table("criminal")
    record = CriminalData(
        article=table.text("article"),
        labels=table.table("labels").str_map(),
        keywords=_keywords(table),
        source=table.text("source"),
    )
    table.close()
    return record


def criminal_keywords() -> tuple[Keyword, ...]:
    """The keywords that make a data item look like GDPR art. 10 criminal data."""
    return criminal_data().keywords


def match_special_category(names: Iterable[str]) -> KeywordMatch | None:
    """The first art. 9 keyword match in ``names`` (a data item's names and id), or None.

    Names are tried in the given order and, for each name, the categories in the order of
    art. 9(1); a lone string counts as one name.
    """
    return _special_category_index().first(names)


def looks_like_special_category(names: Iterable[str]) -> str | None:
    """The key of the art. 9 category ``names`` look like (``"health"`` for sick leave), or None."""
    match = match_special_category(names)
    return None if match is None else match.category


def match_criminal_data(names: Iterable[str]) -> KeywordMatch | None:
    """The first art. 10 keyword match in ``names`` (category ``"criminal"``), or None."""
    return _criminal_index().first(names)


def looks_like_criminal_data(names: Iterable[str]) -> bool:
    """Whether ``names`` look like GDPR art. 10 data (a criminal record, a conviction)."""
    return match_criminal_data(names) is not None


@functools.cache
def retention_limits() -> Mapping[str, RetentionLimit]:
    """Statutory retention maximums and minimums, by id (``be_camera_images``, ``be_vat_records``...)."""
    root = _root("retention_limits.toml")
    limits = [_retention_limit(table) for table in root.tables("limit")]
    return _index(limits, root.where, key=lambda limit: limit.id)


def applicable_retention_limits(names: Iterable[str]) -> tuple[RetentionLimit, ...]:
    """The retention limits whose keywords match any of ``names``, in data-file order."""
    index = _retention_limit_index()
    found = {limit_id for name in _as_names(names) for limit_id, _keyword in index.found(name)}
    return tuple(limit for limit_id, limit in retention_limits().items() if limit_id in found)


def supervisory_authority(country: str) -> SupervisoryAuthority | None:
    """The supervisory authority of ``country`` (ISO code or alias, any case), if privlint knows it."""
    code = country.strip().upper()
    return _supervisory_authorities().get(country_code_aliases().get(code, code))


@functools.cache
def be_enterprise_number_format() -> EnterpriseNumberFormat:
    """The format of a Belgian enterprise number; validate numbers with ``stdnum.be.vat``."""
    table = _root("supervisory_authorities.toml").table("be_enterprise_number")
    record = EnterpriseNumberFormat(
        digits=table.integer("digits"),
        first_digits=table.strings("first_digits"),
        display_format=table.text("display_format"),
        vat_prefix=table.text("vat_prefix"),
        checksum=table.text("checksum"),
        verified=table.choice("verified", _VERIFIED),
        source=table.text("source"),
        note=table.text("note", ""),
    )
    table.close()
    return record


@functools.cache
def open_list_markers() -> Mapping[str, WordList]:
    """Markers that leave a list of purposes open ("...", "enz.", "etc."), by language (``any``: all)."""
    return _word_lists("open_list")


@functools.cache
def hedges() -> Mapping[str, WordList]:
    """Hedged qualifiers ("mogelijk", "sommige", "we may"), by language."""
    return _word_lists("hedges")


@functools.cache
def dutch_terms() -> tuple[DutchTerm, ...]:
    """Misspelt or non-canonical Dutch forms with the right form and its source, in data-file order."""
    return tuple(_dutch_term(table) for table in _root("dutch_terms.toml").tables("term"))


@functools.cache
def dutch_term_guards() -> tuple[str, ...]:
    """Regular expressions for right wording that contains a wrong form ("Google Belgium NV")."""
    return _root("dutch_terms.toml").strings("guards")


@functools.cache
def mixed_case_rule() -> MixedCaseRule:
    table = _root("dutch_terms.toml").table("mixed_case")
    record = MixedCaseRule(source=table.text("source"), verified=table.choice("verified", _VERIFIED))
    table.close()
    return record


@functools.cache
def data_as_of() -> Mapping[str, date]:
    """The ``as_of`` date of every knowledge file, by file name: how fresh the knowledge is."""
    return MappingProxyType({name: _root(name).day("as_of") for name in sorted(_FILE_KEYS)})


# --- record builders -----------------------------------------------------------------------------


def _member_state(table: _Table, *, eu: bool) -> MemberState:
    code = table.text("code")
    record = MemberState(
        code=code,
        names=table.table("name").str_map(),
        member_since=table.day("member_since"),
        eu=eu,
        eu_code=table.text("eu_code", code),
        source=table.text("source"),
        note=table.text("note", ""),
    )
    table.close()
    return record


def _outermost_region(table: _Table) -> OutermostRegion:
    record = OutermostRegion(
        code=table.text("code"),
        part_of=table.text("part_of"),
        names=table.table("name").str_map(),
        source=table.text("source"),
    )
    table.close()
    return record


def _legal_act(table: _Table) -> LegalAct:
    record = LegalAct(
        reference=table.text("reference"),
        adopted=table.day("adopted"),
        summary=table.text("summary"),
        verified=table.choice("verified", _VERIFIED),
        source=table.text("source"),
        official_journal=table.text("official_journal", ""),
        note=table.text("note", ""),
    )
    table.close()
    return record


def _adequacy_decision(table: _Table) -> AdequacyDecision:
    record = AdequacyDecision(
        id=table.text("id"),
        kind=table.choice("kind", _DECISION_KINDS),
        name=table.text("name"),
        reference=table.text("reference"),
        adopted=table.day("adopted"),
        legal_basis=table.text("legal_basis"),
        scope=table.text("scope"),
        partial=table.flag("partial"),
        expires=table.optional_day("expires"),
        verified=table.choice("verified", _VERIFIED),
        source=table.text("source"),
        official_journal=table.text("official_journal", ""),
        note=table.text("note", ""),
        amendments=tuple(_legal_act(act) for act in table.tables("amendment", required=False)),
        related=tuple(_legal_act(act) for act in table.tables("related", required=False)),
    )
    table.close()
    return record


def _transfer_tool(table: _Table) -> TransferTool:
    record = TransferTool(
        key=table.text("key"),
        article=table.text("article"),
        names=table.table("name").str_map(),
        kind=table.choice("kind", _TOOL_KINDS),
        requires_authorisation=table.flag("requires_authorisation"),
        instrument=table.text("instrument", ""),
        instrument_adopted=table.optional_day("instrument_adopted"),
        source=table.text("source"),
        note=table.text("note", ""),
    )
    table.close()
    return record


def _special_category(table: _Table) -> SpecialCategory:
    record = SpecialCategory(
        key=table.text("key"),
        article=table.text("article"),
        labels=table.table("labels").str_map(),
        keywords=_keywords(table),
        source=table.text("source"),
    )
    table.close()
    return record


def _condition(table: _Table) -> SpecialCategoryCondition:
    record = SpecialCategoryCondition(
        key=table.text("key"),
        letter=table.choice("letter", _ARTICLE_9_2_LETTERS),
        descriptions=table.table("description").str_map(),
        source=table.text("source"),
    )
    table.close()
    return record


def _retention_limit(table: _Table) -> RetentionLimit:
    record = RetentionLimit(
        id=table.text("id"),
        jurisdiction=table.text("jurisdiction"),
        kind=table.choice("kind", _LIMIT_KINDS),
        duration=_duration(table, "duration"),
        starts=table.text("starts"),
        applies_to=table.text("applies_to"),
        since=table.optional_day("since"),
        verified=table.choice("verified", _VERIFIED),
        source=table.text("source"),
        note=table.text("note", ""),
        keywords=_keywords(table),
        exceptions=tuple(_retention_exception(item) for item in table.tables("exception", required=False)),
    )
    table.close()
    return record


def _retention_exception(table: _Table) -> RetentionException:
    record = RetentionException(
        id=table.text("id"),
        description=table.text("description"),
        extends_to=_duration(table, "extends_to") if table.has("extends_to") else None,
        since=table.optional_day("since"),
        source=table.text("source"),
    )
    table.close()
    return record


@functools.cache
def _supervisory_authorities() -> Mapping[str, SupervisoryAuthority]:
    root = _root("supervisory_authorities.toml")
    authorities = [_authority(table) for table in root.tables("authority")]
    return _index(authorities, root.where, key=lambda authority: authority.country)


def _authority(table: _Table) -> SupervisoryAuthority:
    record = SupervisoryAuthority(
        country=table.text("country"),
        names=table.table("names").str_map(),
        abbreviations=table.table("abbreviations").str_map(),
        street=table.table("street").str_map(),
        postcode=table.text("postcode"),
        city=table.table("city").str_map(),
        phone=table.text("phone"),
        phone_source=table.text("phone_source"),
        email=table.text("email"),
        email_source=table.text("email_source"),
        websites=table.strings("websites"),
        domains=table.strings("domains"),
        enterprise_number=table.text("enterprise_number"),
        founding_law=table.text("founding_law"),
        in_force_since=table.day("in_force_since"),
        predecessor=table.text("predecessor", ""),
        verified=table.choice("verified", _VERIFIED),
        source=table.text("source"),
        note=table.text("note", ""),
    )
    table.close()
    return record


def _word_lists(key: str) -> Mapping[str, WordList]:
    table = _root("prose.toml").table(key)
    source = table.text("source")
    lists = {}
    for language in table.key_names():
        if language == "source":
            continue
        if language not in {*_LANGUAGES, "any"}:
            raise KnowledgeDataError(f"{table.where}: unknown language {language!r}")
        group = table.table(language)
        lists[language] = WordList(
            language=language,
            phrases=tuple(unicodedata.normalize("NFC", phrase) for phrase in group.strings("phrases")),
            guards=group.strings("guards") if group.has("guards") else (),
            source=source,
        )
        group.close()
    return MappingProxyType(lists)


def _dutch_term(table: _Table) -> DutchTerm:
    pattern = table.flag("pattern") if table.has("pattern") else False
    wrong = table.text("wrong")
    record = DutchTerm(
        wrong=wrong if pattern else unicodedata.normalize("NFC", wrong),
        right=table.text("right"),
        pattern=pattern,
        anchor=table.text("anchor") if pattern else None,
        case_sensitive=table.flag("case_sensitive") if table.has("case_sensitive") else False,
        source=table.text("source"),
        verified=table.choice("verified", _VERIFIED),
    )
    table.close()
    return record


def _keywords(table: _Table) -> tuple[Keyword, ...]:
    """``[x.keywords]`` (word-prefix) and ``[x.whole_words]`` of a table; the first occurrence wins."""
    groups = [(table.table("keywords"), False)]
    whole_words = table.optional_table("whole_words")
    if whole_words is not None:
        groups.append((whole_words, True))
    found: dict[tuple[str, bool], Keyword] = {}
    for group, whole_word in groups:
        for language in group.key_names():
            if language not in _LANGUAGES:
                raise KnowledgeDataError(f"{group.where}: unknown language {language!r}")
            for text in group.strings(language):
                normalised = normalise(text)
                if not normalised:
                    raise KnowledgeDataError(f"{group.where}.{language}: keyword {text!r} is empty once normalised")
                found.setdefault((normalised, whole_word), Keyword(text, language, whole_word, normalised))
        group.close()
    return tuple(found.values())


def _duration(table: _Table, key: str) -> str:
    """An ISO 8601 date duration such as ``P1M``, ``P10Y`` or ``P4W`` (no time part)."""
    import re  # noqa: PLC0415 - only the retention file needs it; keep imports off the start-up path

    text = table.text(key)
    if not re.fullmatch(r"P(?=\d)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?", text):
        raise KnowledgeDataError(f"{table.where}.{key}: {text!r} is not an ISO 8601 duration like P1M or P10Y")
    return text


# --- matching ------------------------------------------------------------------------------------
# A keyword index instead of a regular expression per category (issue 16): nothing to compile at
# start-up, and most names are rejected at once. A policy with thousands of data items asks
# for every item's names in rule after rule, index after index: each name's normalised form and
# the keys its words are filed under in any index are cached (``_words``, large enough for the
# names of 10,000 activities), the answers are not (at 10,000 activities that would hold 23 MB
# more for 0.3 s less, measured 2026-12-04).


_KEY = 3  # the letters a keyword is filed under: most words start like no keyword's first three


class _KeywordIndex:
    """The keywords of ordered categories, found in a padded, normalised name without regular expressions.

    A keyword matches at the start of a word of the name (``" " + keyword`` occurs in the
    padded name); a whole-word keyword must also end a word. Per category the match is the
    leftmost one and, at one position, the longest word-prefix keyword, else the longest
    whole-word keyword (equal lengths: data-file order): what a search for ``" (?:(prefixes)|
    (whole words) )"`` with the alternatives in that order reports (``tests/test_knowledge_index.py``
    checks the index against that expression on arbitrary names).
    """

    __slots__ = ("_by_start", "_categories", "_in_data", "_starts")

    def __init__(self, categories: Iterable[tuple[str, tuple[Keyword, ...]]]) -> None:
        # Keywords by their first three characters (all of a shorter keyword), each with its
        # category's position and its rank within the category (prefix keywords before whole
        # words, longest first): the candidates at a word start are found by one lookup.
        self._categories: tuple[str, ...] = ()
        self._by_start: dict[str, list[tuple[int, int, str, Keyword]]] = {}
        for position, (category, keywords) in enumerate(categories):
            self._categories += (category,)
            prefix = sorted((k for k in keywords if not k.whole_word), key=lambda k: len(k.normalised), reverse=True)
            whole = sorted((k for k in keywords if k.whole_word), key=lambda k: len(k.normalised), reverse=True)
            for rank, keyword in enumerate([*prefix, *whole]):
                needle = keyword.normalised + (" " if keyword.whole_word else "")
                self._by_start.setdefault(_key_of(keyword), []).append((position, rank, needle, keyword))
        for candidates in self._by_start.values():
            candidates.sort(key=lambda candidate: candidate[:2])
        self._starts = frozenset(self._by_start)
        # An index of the data files' keywords finds a name's keys in the cache of ``_words``;
        # one of other keywords (the tests make such) looks for its own keys in each name.
        self._in_data = self._starts <= _keys_in_data()

    def found(self, name: str) -> tuple[tuple[str, Keyword], ...]:
        """(category, keyword) of every category whose keywords match ``name``, in category order."""
        padded, keys = _words(name)
        if not self._in_data:
            keys = _keys_of_words(padded, self._starts)
        if not keys:  # most names: no word starts like a keyword
            return ()
        common = self._starts.intersection(keys)
        return self._search(padded, common) if common else ()

    def _search(self, padded: str, keys: Iterable[str]) -> tuple[tuple[str, Keyword], ...]:
        # Every keyword at every word start of the keys the name holds: (where, rank, category).
        matches: list[tuple[int, int, int, Keyword]] = []
        for key in keys:
            at = padded.find(" " + key)
            while at >= 0:
                matches.extend(
                    (at, rank, position, keyword)
                    for position, rank, needle, keyword in self._by_start[key]
                    if padded.startswith(needle, at + 1)
                )
                at = padded.find(" " + key, at + 1)
        best: dict[int, Keyword] = {}  # per category: the leftmost match, of the best rank there
        for _at, _rank, position, keyword in sorted(matches, key=lambda match: match[:3]):
            best.setdefault(position, keyword)
        return tuple((self._categories[position], best[position]) for position in sorted(best))

    def first(self, names: Iterable[str]) -> KeywordMatch | None:
        """The first of ``names`` that a keyword matches, with the first category that matches it."""
        for name in _as_names(names):
            found = self.found(name)
            if found:
                category, keyword = found[0]
                return KeywordMatch(category, keyword, name)
        return None


@functools.cache
def _special_category_index() -> _KeywordIndex:
    return _KeywordIndex((key, category.keywords) for key, category in special_categories().items())


@functools.cache
def _criminal_index() -> _KeywordIndex:
    return _KeywordIndex([("criminal", criminal_keywords())])


@functools.cache
def _retention_limit_index() -> _KeywordIndex:
    return _KeywordIndex((limit_id, limit.keywords) for limit_id, limit in retention_limits().items())


def _as_names(names: Iterable[str]) -> tuple[str, ...]:
    # A lone string is one name, not an iterable of one-letter names.
    return (names,) if isinstance(names, str) else tuple(names)


def _key_of(keyword: Keyword) -> str:
    """The key a keyword is filed under: the first three letters of its first word ("de facto": "de")."""
    return keyword.normalised.split(" ", 1)[0][:_KEY]


@functools.cache
def _keys_in_data() -> frozenset[str]:
    """The key of every keyword of the data files, whichever index files it."""
    groups = [
        *(category.keywords for category in special_categories().values()),
        criminal_keywords(),
        *(limit.keywords for limit in retention_limits().values()),
        *(keywords.keywords for keywords in _keyword_lists().values()),
        *(indirect.keywords for indirect in indirect_special_categories().values()),
        *(sector.keywords for sector in sector_roles().values()),
    ]
    return frozenset(_key_of(keyword) for group in groups for keyword in group)


def _padded(name: str) -> str:
    return _words(name)[0]


def normalised(name: str) -> str:
    """``normalise(name)``, from the cache of names the keyword indexes share (for names rules match)."""
    return _words(name)[0][1:-1]


@functools.lru_cache(maxsize=1 << 18)
def _words(name: str) -> tuple[str, tuple[str, ...]]:
    """The padded, normalised ``name`` and the keys of the data files' keywords its words start with.

    Computed once per name for every index (rule after rule asks index after index about the
    same names); most names hold no word that starts like a keyword and have no keys.
    """
    padded = f" {normalise(name)} "
    return padded, _keys_of_words(padded, _keys_in_data())


def _keys_of_words(padded: str, keys: frozenset[str]) -> tuple[str, ...]:
    """The ``keys`` that a word of ``padded`` starts with (a key is a word's first one, two or three letters)."""
    return tuple({start for word in padded.split() for start in (word[:1], word[:2], word[:_KEY]) if start in keys})


def _keyword_in(keyword: Keyword, padded: str) -> bool:
    needle = f" {keyword.normalised} " if keyword.whole_word else f" {keyword.normalised}"
    return needle in padded


# --- prose, vocabulary and recipients (issue 12) ---------------------------------------------------


@functools.cache
def phrase_list(list_id: str) -> PhraseList:
    """The phrase list ``list_id`` of ``phrases.toml`` (KeyError if there is none)."""
    return _phrase_lists()[list_id]


@functools.cache
def _phrase_lists() -> Mapping[str, PhraseList]:
    root = _root("phrases.toml")
    return _index((_phrase_list(table) for table in root.tables("phrases")), root.where, key=lambda record: record.id)


def _phrase_list(table: _Table) -> PhraseList:
    patterns = table.table("patterns")
    found: list[tuple[str, str]] = []
    for language in patterns.key_names():
        if language not in _LANGUAGES:
            raise KnowledgeDataError(f"{patterns.where}: unknown language {language!r}")
        for pattern in patterns.strings(language):
            if not all(normalise(part) for part in pattern.split("*")):
                raise KnowledgeDataError(f"{patterns.where}.{language}: pattern {pattern!r} has an empty part")
            found.append((language, pattern))
    patterns.close()
    record = PhraseList(
        id=table.text("id"),
        rules=table.strings("rules"),
        patterns=tuple(found),
        source=table.text("source"),
        checked=table.day("checked"),
        note=table.text("note", ""),
    )
    table.close()
    return record


def find_phrase(list_id: str, text: str) -> Iterator[PhraseMatch]:
    """Every sentence of ``text`` that matches a pattern of phrase list ``list_id`` (first pattern wins)."""
    patterns = _compiled_phrases(list_id)
    for sentence in _sentences(text):
        padded = _padded(sentence)
        if patterns.any.search(padded) is None:  # most sentences
            continue
        for (language, pattern), expression in patterns.each:
            if re.search(expression, padded):  # compiled on the first sentence that holds a phrase
                yield PhraseMatch(pattern, language, sentence)
                break


class _PhrasePatterns(NamedTuple):
    each: tuple[tuple[tuple[str, str], str], ...]  # (language, pattern) and its regular expression
    any: re.Pattern[str]  # one of them: a single search, four times faster than trying each (issue 16)


@functools.cache
def _compiled_phrases(list_id: str) -> _PhrasePatterns:
    # Compiled on first use, never at import: start-up time matters for pre-commit. The
    # patterns one by one only when a sentence holds one of them (``re`` caches them then).
    each = []
    for language, pattern in phrase_list(list_id).patterns:
        parts = [re.escape(normalise(part)) + r"\S*" for part in pattern.split("*")]
        each.append(((language, pattern), " " + r"(?: \S+)*? ".join(parts) + " "))
    return _PhrasePatterns(tuple(each), re.compile("|".join(f"(?:{expression})" for _, expression in each)))


@functools.cache
def _sentence_end() -> re.Pattern[str]:
    return re.compile(r"(?<=[.!?;])\s+|\n+")


def _sentences(text: str) -> list[str]:
    return [sentence.strip() for sentence in _sentence_end().split(text) if sentence.strip()]


@functools.cache
def keyword_list(list_id: str) -> KeywordList:
    """The keyword list ``list_id`` of ``phrases.toml`` (KeyError if there is none)."""
    return _keyword_lists()[list_id]


@functools.cache
def _keyword_lists() -> Mapping[str, KeywordList]:
    root = _root("phrases.toml")
    return _index((_keyword_list(table) for table in root.tables("keywords")), root.where, key=lambda record: record.id)


def _keyword_list(table: _Table) -> KeywordList:
    record = KeywordList(
        id=table.text("id"),
        rules=table.strings("rules"),
        keywords=_keywords(table),
        source=table.text("source"),
        checked=table.day("checked"),
        note=table.text("note", ""),
    )
    table.close()
    return record


def match_keywords(list_id: str, names: Iterable[str]) -> KeywordMatch | None:
    """The first of ``names`` that a keyword of list ``list_id`` matches, with the keyword."""
    return _keyword_index(list_id).first(names)


@functools.cache
def _keyword_index(list_id: str) -> _KeywordIndex:
    return _KeywordIndex([(list_id, keyword_list(list_id).keywords)])


@functools.cache
def indirect_special_categories() -> Mapping[str, IndirectCategory]:
    """Kinds of data that can reveal a special category indirectly, by id."""
    root = _root("phrases.toml")
    records = (_indirect(table) for table in root.tables("indirect"))
    return _index(records, root.where, key=lambda record: record.id)


def _indirect(table: _Table) -> IndirectCategory:
    category = table.text("category")
    if category not in special_categories():
        raise KnowledgeDataError(f"{table.where}.category: {category!r} is not an art. 9(1) category")
    record = IndirectCategory(
        id=table.text("id"),
        category=category,
        reason=table.text("reason"),
        keywords=_keywords(table),
        source=table.text("source"),
        checked=table.day("checked"),
    )
    table.close()
    return record


def match_indirect_special_category(names: Iterable[str]) -> KeywordMatch | None:
    """The first of ``names`` that can reveal a special category indirectly (``category`` is the indirect id)."""
    return _indirect_index().first(names)


@functools.cache
def _indirect_index() -> _KeywordIndex:
    return _KeywordIndex((key, record.keywords) for key, record in indirect_special_categories().items())


_ROLES: Final = ("processor", "controller", "joint_controller", "public_authority")


@functools.cache
def known_recipients() -> Mapping[str, KnownRecipient]:
    """The organisations of ``recipients.toml``, by id."""
    root = _root("recipients.toml")
    records = (_known_recipient(table) for table in root.tables("recipient"))
    return _index(records, root.where, key=lambda record: record.id)


def _roles(table: _Table) -> tuple[str, ...]:
    roles = table.strings("roles")
    unknown = [role for role in roles if role not in _ROLES]
    if unknown or not roles:
        raise KnowledgeDataError(f"{table.where}.roles: expected some of {', '.join(_ROLES)}, found {list(roles)}")
    return roles


def _known_recipient(table: _Table) -> KnownRecipient:
    names = table.strings("names")
    if not names or not all(normalise(name) for name in names):
        raise KnowledgeDataError(f"{table.where}.names: expected non-empty names")
    record = KnownRecipient(
        id=table.text("id"),
        names=names,
        legal_entity=table.text("legal_entity"),
        group=table.text("group"),
        established=table.text("established"),
        processes_outside_eea=table.strings("processes_outside_eea"),
        transfer_tools=table.strings("transfer_tools"),
        roles=_roles(table),
        role_note=table.text("role_note"),
        verified=table.choice("verified", _VERIFIED),
        checked=table.day("checked"),
        source=table.text("source"),
        note=table.text("note", ""),
    )
    table.close()
    return record


def recognise_recipient(name: str) -> KnownRecipient | None:
    """The known organisation whose name ``name`` contains (longest known name first)."""
    padded = _padded(name)
    for known, record in _recipient_names():
        if f" {known} " in padded:
            return record
    return None


@functools.cache
def _recipient_names() -> tuple[tuple[str, KnownRecipient], ...]:
    pairs = [(normalise(name), record) for record in known_recipients().values() for name in record.names]
    return tuple(sorted(pairs, key=lambda pair: len(pair[0]), reverse=True))


@functools.cache
def _country_names() -> tuple[tuple[str, str], ...]:
    """(normalised name, ISO code) of the third countries a recipient's name may mention, longest first."""
    table = _root("recipients.toml").table("country_names")
    pairs: list[tuple[str, str]] = []
    for code in table.key_names():
        names = table.strings(code)
        if not re.fullmatch(r"[A-Z]{2}", code) or not names:
            raise KnowledgeDataError(f"{table.where}.{code}: expected an ISO code with a list of names")
        pairs.extend((normalise(name), code) for name in names)
    table.close()
    return tuple(sorted(pairs, key=lambda pair: len(pair[0]), reverse=True))


def country_named_in(name: str) -> str | None:
    """The ISO code of a third country whose name ``name`` contains as whole words ("X (Verenigde Staten)")."""
    padded = _padded(name)
    return next((code for known, code in _country_names() if f" {known} " in padded), None)


@functools.cache
def sector_roles() -> Mapping[str, SectorRole]:
    """The sectors of ``recipients.toml``, by id."""
    root = _root("recipients.toml")
    records = (_sector(table) for table in root.tables("sector"))
    return _index(records, root.where, key=lambda record: record.id)


def _sector(table: _Table) -> SectorRole:
    record = SectorRole(
        id=table.text("id"),
        label=table.text("label"),
        roles=_roles(table),
        role_note=table.text("role_note"),
        keywords=_keywords(table),
        verified=table.choice("verified", _VERIFIED),
        checked=table.day("checked"),
        source=table.text("source"),
    )
    table.close()
    return record


def sector_of(name: str) -> SectorRole | None:
    """The sector a recipient's name shows (the first sector of the data file that matches)."""
    found = _sector_index().first((name,))
    return sector_roles()[found.category] if found else None


@functools.cache
def _sector_index() -> _KeywordIndex:
    return _KeywordIndex((key, record.keywords) for key, record in sector_roles().items())


# --- reading the files ---------------------------------------------------------------------------


def _index(records: Iterable[_T], where: str, *, key: Callable[[_T], str]) -> Mapping[str, _T]:
    index: dict[str, _T] = {}
    for record in records:
        name = key(record)
        if name in index:
            raise KnowledgeDataError(f"{where}: duplicate key {name!r}")
        index[name] = record
    return MappingProxyType(index)


def _root(name: str) -> _Table:
    """The top-level table of a knowledge file, after checking it has only the expected keys."""
    root = _Table(_document(name), name)
    unknown = sorted(set(root.key_names()) - _FILE_KEYS[name])
    if unknown:
        raise KnowledgeDataError(f"{name}: unknown top-level keys {unknown}")
    return root


@functools.cache
def _document(name: str) -> Mapping[str, object]:
    import tomli  # noqa: PLC0415 - no work (or imports) until knowledge is first needed

    # Beside this module, read directly: importlib.resources costs milliseconds of imports on
    # every start, and the package is always installed as files.
    resource = Path(__file__).parent / "data" / name
    try:
        return MappingProxyType(tomli.loads(resource.read_text(encoding="utf-8")))
    except (OSError, tomli.TOMLDecodeError) as error:
        raise KnowledgeDataError(f"cannot read {_PACKAGE}/data/{name}: {error}") from error


class _Table:
    """A TOML table being read: typed getters that name the file and key on error, and
    :meth:`close`, which rejects keys nobody read (typos in the data file)."""

    __slots__ = ("_data", "_used", "where")

    def __init__(self, data: Mapping[str, object], where: str) -> None:
        self._data = data
        self._used: set[str] = set()
        self.where = where

    def key_names(self) -> tuple[str, ...]:
        self._used.update(self._data)
        return tuple(self._data)

    def has(self, key: str) -> bool:
        return key in self._data

    def text(self, key: str, default: str | None = None) -> str:
        if default is not None and key not in self._data:
            return default
        return self._typed(key, str, "a string")

    def flag(self, key: str) -> bool:
        return self._typed(key, bool, "true or false")

    def integer(self, key: str) -> int:
        value = self._get(key)
        if type(value) is not int:
            raise self._error(key, "an integer", value)
        return value

    def day(self, key: str) -> date:
        value = self._get(key)
        if type(value) is not date:  # a datetime is a date too, but not what the data means
            raise self._error(key, "a date like 2026-11-25", value)
        return value

    def optional_day(self, key: str) -> date | None:
        return self.day(key) if key in self._data else None

    def choice(self, key: str, allowed: tuple[_S, ...]) -> _S:
        value = self.text(key)
        for option in allowed:
            if value == option:
                return option
        raise self._error(key, f"one of {', '.join(allowed)}", value)

    def strings(self, key: str) -> tuple[str, ...]:
        value = self._get(key)
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise self._error(key, "a list of strings", value)
        return tuple(value)

    def table(self, key: str) -> _Table:
        value = self._get(key)
        if not isinstance(value, dict):
            raise self._error(key, "a table", value)
        return _Table(value, f"{self.where}.{key}")

    def optional_table(self, key: str) -> _Table | None:
        return self.table(key) if key in self._data else None

    def tables(self, key: str, *, required: bool = True) -> tuple[_Table, ...]:
        if not required and key not in self._data:
            return ()
        value = self._get(key)
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            raise self._error(key, f"an array of tables ([[{key}]])", value)
        return tuple(_Table(item, f"{self.where}.{key}[{number}]") for number, item in enumerate(value))

    def str_map(self) -> Mapping[str, str]:
        """The whole table as a read-only mapping of strings to strings."""
        strings = {key: self.text(key) for key in self.key_names()}
        return MappingProxyType(strings)

    def close(self) -> None:
        unknown = sorted(set(self._data) - self._used)
        if unknown:
            raise KnowledgeDataError(f"{self.where}: unknown keys {unknown}")

    def _get(self, key: str) -> object:
        if key not in self._data:
            raise KnowledgeDataError(f"{self.where}: missing key {key!r}")
        self._used.add(key)
        return self._data[key]

    def _typed(self, key: str, kind: type[_T], expected: str) -> _T:
        value = self._get(key)
        if not isinstance(value, kind):
            raise self._error(key, expected, value)
        return value

    def _error(self, key: str, expected: str, value: object) -> KnowledgeDataError:
        return KnowledgeDataError(f"{self.where}.{key}: expected {expected}, found {value!r}")
