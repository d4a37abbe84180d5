"""The notice template's fixed wording, read from ``templates/notice_template.toml``.

The importer, the renderer and the drift check share one vocabulary: headings, field
labels, legal-basis labels, rights, retention and location phrases, country names. It is
data (with its sources) rather than code, and it is read once, on first use.

Text is compared through :func:`fold` (case, accents and punctuation ignored) wherever the
template says "compared without case or accents"; :func:`spaces` only collapses white space
and is used where the exact wording matters (prose, names, retention texts).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import tomli

from privlint.knowledge import normalise

TEMPLATE_FILE = "notice_template.toml"


@dataclass(frozen=True, slots=True)
class Wording:
    """Template text by language; a language without its own text falls back to the template's."""

    by_language: Mapping[str, str]
    original: str

    def __getitem__(self, language: str) -> str:
        return self.by_language.get(language) or self.by_language[self.original]

    def has(self, language: str) -> bool:
        return language in self.by_language


@dataclass(frozen=True, slots=True)
class Field:
    key: str
    label: Wording
    also: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SectionTemplate:
    id: str
    heading: Wording
    holds: tuple[str, ...]
    also: tuple[str, ...] = ()  # other headings a writer gives the section

    def headings(self) -> tuple[str, ...]:
        return (*self.heading.by_language.values(), *self.also)


@dataclass(frozen=True, slots=True)
class Block:
    """A list or a run of entries that follows an introductory paragraph ending with ":"."""

    key: str
    host: str
    patterns: tuple[str, ...]
    default_intro: Wording


@dataclass(frozen=True, slots=True)
class LegalBasis:
    value: str
    article: str
    labels: tuple[str, ...]
    wording: Wording


@dataclass(frozen=True, slots=True)
class RightTemplate:
    value: str
    article: str
    keywords: tuple[str, ...]
    text: Wording


@dataclass(frozen=True, slots=True)
class ContactRole:
    value: str
    wording: Wording
    also: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Audience:
    subject: str
    keywords: tuple[str, ...]
    name: Wording


@dataclass(frozen=True, slots=True)
class Unit:
    designator: str
    forms: Mapping[str, tuple[str, str]]  # language -> (singular, plural)
    also: tuple[str, ...]

    def words(self) -> tuple[str, ...]:
        return (*{word for pair in self.forms.values() for word in pair}, *self.also)


@dataclass(frozen=True, slots=True)
class Event:
    value: str
    since: Wording
    until: Wording
    since_also: tuple[re.Pattern[str], ...]
    until_also: tuple[re.Pattern[str], ...]


@dataclass(frozen=True, slots=True)
class Area:
    value: str
    wording: Wording
    patterns: tuple[re.Pattern[str], ...]
    alone: bool = False  # read only when the sentence names no other area or country


@dataclass(frozen=True, slots=True)
class Country:
    code: str
    names: Mapping[str, str]
    articles: Mapping[str, str]
    also: tuple[str, ...]

    def all_names(self) -> tuple[str, ...]:
        return (*self.names.values(), *self.also)

    def in_text(self, language: str) -> str:
        """The name as it follows a preposition ("de Verenigde Staten")."""
        name = self.names.get(language) or self.names["en"]
        article = self.articles.get(language)
        return f"{article} {name}" if article else name


@dataclass(frozen=True, slots=True)
class Template:
    language: str
    wording: Mapping[str, Wording]
    contact_mentions: tuple[str, ...]
    fields: tuple[Field, ...]
    sections: tuple[SectionTemplate, ...]
    blocks: tuple[Block, ...]
    legal_bases: tuple[LegalBasis, ...]
    rights: tuple[RightTemplate, ...]
    contact_roles: tuple[ContactRole, ...]
    legal_forms: tuple[str, ...]
    audiences: tuple[Audience, ...]
    units: tuple[Unit, ...]
    events: tuple[Event, ...]
    areas: tuple[Area, ...]
    countries: tuple[Country, ...]
    languages: tuple[str, ...] = ("nl", "fr", "en")
    wording_also: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    numbers: Mapping[str, int] = field(default_factory=dict)  # folded word -> value, every language
    months: Mapping[str, int] = field(default_factory=dict)  # folded month name -> 1..12
    language_words: Mapping[str, frozenset[str]] = field(default_factory=dict)
    statements: Mapping[str, Any] = field(default_factory=dict)

    def variants(self, key: str) -> tuple[str, ...]:
        """Every wording of the sentence ``key``: each language's, then the listed alternatives."""
        found = [*self.wording[key].by_language.values(), *self.wording_also.get(key, ())]
        return tuple(dict.fromkeys(found))

    def say(self, key: str, language: str, **values: str) -> str:
        """The template sentence ``key`` in ``language`` with ``values`` filled in."""
        return self.wording[key][language].format(**values)

    def section(self, section_id: str) -> SectionTemplate | None:
        return next((s for s in self.sections if s.id == section_id), None)

    def section_for_heading(self, heading: str) -> SectionTemplate | None:
        wanted = fold(heading)
        return next((s for s in self.sections if wanted in {fold(h) for h in s.headings()}), None)

    def host_of(self, key: str) -> SectionTemplate | None:
        """The template section that holds the model's top-level ``key``."""
        return next((s for s in self.sections if key in s.holds), None)

    def block(self, key: str) -> Block:
        return next(b for b in self.blocks if b.key == key)

    def field(self, key: str) -> Field:
        return next(f for f in self.fields if f.key == key)

    def legal_basis(self, value: str) -> LegalBasis | None:
        return next((b for b in self.legal_bases if b.value == value), None)

    def right(self, value: str) -> RightTemplate | None:
        return next((r for r in self.rights if r.value == value), None)

    def contact_role(self, value: str) -> ContactRole | None:
        return next((r for r in self.contact_roles if r.value == value), None)

    def country(self, code: str) -> Country | None:
        return next((c for c in self.countries if c.code == code), None)

    def area(self, value: str) -> Area | None:
        return next((a for a in self.areas if a.value == value), None)

    def event(self, value: str) -> Event | None:
        return next((e for e in self.events if e.value == value), None)

    def unit(self, designator: str) -> Unit:
        return next(u for u in self.units if u.designator == designator)


class LazyPattern:
    """A regular expression compiled on first use, so that importing a module stays cheap."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags

    @functools.cached_property
    def compiled(self) -> re.Pattern[str]:
        return re.compile(self.pattern, self.flags)

    def match(self, text: str) -> re.Match[str] | None:
        return self.compiled.match(text)

    def fullmatch(self, text: str) -> re.Match[str] | None:
        return self.compiled.fullmatch(text)

    def search(self, text: str) -> re.Match[str] | None:
        return self.compiled.search(text)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.compiled.finditer(text)

    def findall(self, text: str) -> list[Any]:
        return self.compiled.findall(text)

    def split(self, text: str) -> list[str]:
        return self.compiled.split(text)

    def sub(self, replacement: str, text: str) -> str:
        return self.compiled.sub(replacement, text)


def fold(text: str) -> str:
    """``text`` as the legal knowledge reads names (:func:`privlint.knowledge.normalise`: no case,
    accents or punctuation), with apostrophes dropped inside words ("foto's" -> "fotos")."""
    return normalise(text.replace("'", "").replace("\u2019", ""))


def spaces(text: str) -> str:
    """``text`` with every run of white space one space, and none at the ends."""
    return " ".join(text.split())


def fold_words(text: str) -> str:
    """:func:`fold`, with apostrophes read as word breaks ("l'accès" -> "l acces", French elision)."""
    return normalise(text)


def has_word_prefix(folded_text: str, keyword: str) -> int | None:
    """Where ``keyword`` starts a word of ``folded_text`` (both folded), or ``None``."""
    match = re.search(r"(?:^|\s)" + re.escape(fold(keyword)), folded_text)
    if match is None:
        return None
    return match.start() + (1 if match.group().startswith(" ") else 0)


@functools.cache
def template() -> Template:
    """The template, read once from the package data."""
    raw = tomli.loads(resources.files("privlint.notice").joinpath("templates", TEMPLATE_FILE).read_text("utf-8"))
    language: str = raw["language"]
    wording = {key: _wording(value, language) for key, value in raw["wording"].items() if not isinstance(value, list)}
    also = {key.removesuffix("_also"): tuple(value) for key, value in raw["wording"].items() if key.endswith("_also")}
    return Template(
        language=language,
        wording=wording,
        contact_mentions=tuple(raw["wording"]["contact_mentions"]),
        fields=tuple(Field(f["key"], _wording(f["label"], language), tuple(f["also"])) for f in raw["field"]),
        sections=tuple(
            SectionTemplate(
                s["id"], _wording(s["heading"], language), tuple(s["holds"]), tuple(s.get("heading_also", ()))
            )
            for s in raw["section"]
        ),
        blocks=tuple(
            Block(b["key"], b["host"], tuple(b["patterns"]), _wording(b["default_intro"], language))
            for b in raw["block"]
        ),
        legal_bases=tuple(
            LegalBasis(b["value"], b["article"], tuple(b["labels"]), _wording(b["wording"], language))
            for b in raw["legal_basis"]
        ),
        rights=tuple(
            RightTemplate(r["value"], r["article"], tuple(r["keywords"]), _wording(r["text"], language))
            for r in raw["right"]
        ),
        contact_roles=tuple(
            ContactRole(r["value"], _wording(r["wording"], language), tuple(r["also"])) for r in raw["contact_role"]
        ),
        legal_forms=tuple(raw["controller"]["legal_forms"]),
        audiences=tuple(
            Audience(a["subject"], tuple(a["keywords"]), _wording(a["name"], language)) for a in raw["audience"]
        ),
        units=tuple(_unit(u) for u in raw["retention_unit"]),
        events=tuple(_event(e, language) for e in raw["retention_event"]),
        areas=tuple(
            Area(
                a["value"],
                _wording(a["wording"], language),
                tuple(re.compile(p) for p in a["patterns"]),
                bool(a.get("alone", False)),
            )
            for a in raw["location_area"]
        ),
        countries=tuple(
            Country(
                c["code"],
                {lang: c[lang] for lang in ("nl", "fr", "en") if lang in c},
                dict(c.get("article", {})),
                tuple(c.get("also", ())),
            )
            for c in raw["country"]
        ),
        wording_also=also,
        numbers={fold(word): int(value) for table in raw["numbers"].values() for word, value in table.items()},
        months={fold(name): number for names in raw["months"].values() for number, name in enumerate(names, 1)},
        language_words={lang: frozenset(words) for lang, words in raw["language_words"].items()},
        statements=raw["statements"],
    )


def _wording(value: Any, language: str) -> Wording:
    if isinstance(value, str):
        return Wording({language: value}, language)
    texts = {str(k): str(v) for k, v in value.items()}
    return Wording(texts, language if language in texts else next(iter(texts)))


def _unit(raw: Mapping[str, Any]) -> Unit:
    forms = {lang: (raw[lang]["one"], raw[lang]["other"]) for lang in ("nl", "fr", "en") if lang in raw}
    return Unit(raw["designator"], forms, tuple(raw["also"]))


def _event(raw: Mapping[str, Any], language: str) -> Event:
    return Event(
        raw["value"],
        _wording(raw["since"], language),
        _wording(raw["until"], language),
        tuple(re.compile(p) for p in raw["since_also"]),
        tuple(re.compile(p) for p in raw["until_also"]),
    )
