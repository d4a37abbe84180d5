"""Read a notice written in the template into located parts: what it says, and on which line.

The notice is plain text: a title, a table of contents, numbered sections. Inside a section
the reader recognises the template's structures (the data-item list, processing and sharing
entries with their ``Label: value`` lines, the rights list, the controller, contact and
supervisory-authority sentences) and keeps every other paragraph as prose. Every line ends
up in exactly one place; lines that look structured but cannot be understood are listed in
``ParsedNotice.unplaced``. Values are kept as written (``At``): turning a label into an enum
(``legal_basis_of``, ``retention_of``, ``locations_of``, ``right_of``) is a separate step that
the importer and the drift check share.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from privlint.model import Kind
from privlint.notice.statements import TITLES
from privlint.notice.template import LazyPattern, fold, fold_words, has_word_prefix, spaces, template

# "- item", "* item", "• item", an en dash, and numbered bullets "1. item", "1) item", "a) item".
_BULLET = LazyPattern(r"^(?:[-*\u2022\u2013\u25cf\u25aa\u00b7]|\d{1,2}[.)]|[a-z]\))\s+(?P<text>\S.*)$")
# "1. WIE WE ZIJN", "1) ...", "1 - ...", "IV. ...", "Artikel 1 - ...", "Artikel 1: ...", "Artikel 1 ...".
_HEADING = LazyPattern(
    r"^(?P<word>(?i:artikel|article|hoofdstuk|chapitre|chapter)\s+)?(?P<number>\d{1,2}|[IVX]{1,6})"
    r"(?(word)\s*[.):\-\u2013\u2014]?|(?:\.|\)|\s+[-\u2013\u2014]))\s+(?P<text>\S.*)$"
)
_ROMAN = {"I": 1, "V": 5, "X": 10}
_MARKUP = LazyPattern(r"^(?:#{1,4}\s+)?(?:\*\*|__)?(?P<text>.*?)(?:\*\*|__)?$")
_LABEL = LazyPattern(r"^(?P<label>[^:]{1,40}?)\s*:\s*(?P<value>\S.*)$")
_UNKNOWN_LABEL = LazyPattern(r"^[A-Z][^:.]{0,39}:\s+\S")
EMAIL = r"[^\s@<>(),;:]+@[^\s@<>(),;:]+\.[A-Za-z]{2,}"
_EMAIL_LINE = LazyPattern(rf"^(?:e-?mail\s*:\s*)?(?P<email>{EMAIL})$", re.IGNORECASE)
_URL_LINE = LazyPattern(
    r"^(?:(?:website|site web|site internet|site|web|url|internet|webadres)\s*:\s*)?<?(?P<url>(?:https?://|www\.)[^\s<>]+)>?$",
    re.IGNORECASE,
)
_SENTENCE_END = LazyPattern(r"(?<=[.!?])\s+")
_MAX_HEADING = 100
_MAX_SENTENCE = 500  # the template's one-line sentences (controller, address) are shorter


@dataclass(frozen=True, slots=True)
class At:
    """Text as written in the notice, with the 1-based line and column where it starts."""

    text: str
    line: int
    column: int

    def part(self, start: int, end: int | None = None) -> At:
        """The slice ``text[start:end]``, located (the text is on one line)."""
        piece = self.text[start:end]
        stripped = piece.lstrip()
        return At(stripped.rstrip(), self.line, self.column + start + len(piece) - len(stripped))


Paragraph = tuple[At, ...]


@dataclass(slots=True)
class Entry:
    """A processing or sharing entry: a bullet with its name, then ``Label: value`` lines."""

    name: At
    bold: bool
    kind: Kind
    section: str | None
    description: At | None = None
    purposes: list[At] = field(default_factory=list)
    legal_basis: At | None = None
    retention: At | None = None
    data_items: At | None = None
    source: At | None = None
    requirement: At | None = None
    locations: list[At] = field(default_factory=list)
    recipients: list[At] = field(default_factory=list)
    other: list[At] = field(default_factory=list)  # lines with a label the template does not know


@dataclass(frozen=True, slots=True)
class RightMention:
    right: str | None  # None: a bullet of the rights list that names no right the template knows
    text: At


@dataclass(frozen=True, slots=True)
class Address:
    street: str
    postcode: str
    city: str
    country: str | None  # ISO code


@dataclass(frozen=True, slots=True)
class ControllerMention:
    at: At
    name: At
    address: Address | None
    enterprise_number: At | None
    register_number: At | None = None  # a number in a register the model has no field for (a Dutch KvK number)


@dataclass(frozen=True, slots=True)
class ContactMention:
    at: At
    name: str | None  # None: the sentence names the role only ("onze privacy-coördinator via ...")
    role: str
    email: str


@dataclass(slots=True)
class AuthorityMention:
    name: At | None = None
    address_line: At | None = None
    address: Address | None = None
    url: At | None = None
    email: At | None = None
    phone: At | None = None


class VersionMention(NamedTuple):
    at: At
    version: str | None
    date: str | None  # ISO 8601


@dataclass(slots=True)
class Section:
    id: str | None  # the template's id when the heading is one of the template's
    number: At | None
    heading: At | None
    prose: list[Paragraph] = field(default_factory=list)


@dataclass(slots=True)
class ParsedNotice:
    title: At | None = None
    sections: list[Section] = field(default_factory=list)
    data_list_intro: At | None = None
    data_list: list[At] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    rights_intro: At | None = None
    rights: list[RightMention] = field(default_factory=list)
    complaint: At | None = None
    controller: ControllerMention | None = None
    contacts: list[ContactMention] = field(default_factory=list)
    authority: AuthorityMention | None = None
    unplaced: list[At] = field(default_factory=list)
    lines: list[At] = field(default_factory=list)
    toc_label: At | None = None
    toc: list[At] = field(default_factory=list)
    version: VersionMention | None = None
    cookies: list[At] = field(default_factory=list)  # the bullets of a cookie list (website section)
    placed: dict[int, str] = field(default_factory=dict)  # line -> where it went
    reasons: dict[int, str] = field(default_factory=dict)  # unplaced line -> why

    def unplace(self, at: At, reason: str) -> None:
        """Record ``at`` as a line the reader could not place, and why."""
        self.unplaced.append(at)
        self.reasons.setdefault(at.line, reason)

    def place(self, lines: Iterable[At], where: str) -> None:
        for line in lines:
            self.placed.setdefault(line.line, where)

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)


# --- reading the document ---------------------------------------------------------------------

_LINE_BREAK = LazyPattern(r"\r\n|\r|\n")


def editor_lines(text: str) -> list[str]:
    """The lines of ``text`` as an editor numbers them: broken at LF, CRLF and lone CR only.

    ``str.splitlines`` also breaks at form feeds, NEL, U+2028 and other separators, which
    would shift the line numbers of every finding after one of them.
    """
    lines = _LINE_BREAK.split(text)
    return lines[:-1] if lines[-1] == "" else lines


def parse(text: str) -> ParsedNotice:
    """The located parts of a notice ``text`` written in the template."""
    lines = [_line(raw, number) for number, raw in enumerate(editor_lines(text.removeprefix("\ufeff")), 1)]
    notice = ParsedNotice(lines=lines)
    toc_at, toc = _table_of_contents(lines)
    notice.toc_label = lines[toc_at] if toc_at >= 0 else None
    notice.toc = list(toc)
    after_toc = toc[-1].line if toc else toc_at + 1
    headings = _headings(lines, toc, start=after_toc)
    body_start = headings[0][0] if headings else _preamble_end(lines, toc_at, after_toc)
    _preamble(notice, lines[:body_start], toc_at, toc)
    if not headings:
        notice.sections.append(Section(None, None, None))
        _read_section(notice, notice.sections[0], lines[body_start:], first=True)
        return notice
    for index, (start, number, title) in enumerate(headings):
        end = headings[index + 1][0] if index + 1 < len(headings) else len(lines)
        found = template().section_for_heading(title.text)
        section = Section(found.id if found else None, number, title)
        notice.sections.append(section)
        notice.placed[lines[start].line] = f"the heading of section {section.id or title.text}"
        _read_section(notice, section, lines[start + 1 : end], first=index == 0)
    return notice


def _line(raw: str, number: int) -> At:
    stripped = raw.strip()
    return At(stripped, number, len(raw) - len(raw.lstrip()) + 1 if stripped else 1)


def _unmarked(at: At) -> At:
    """``at`` without Markdown heading or bold markers ("## 1. WIE WE ZIJN", "**Doel**")."""
    match = _MARKUP.match(at.text)
    if match is None or not match["text"]:
        return at
    return at.part(match.start("text"), match.end("text"))


def _table_of_contents(lines: Sequence[At]) -> tuple[int, list[At]]:
    labels = {fold(label) for label in template().variants("toc")}
    at = next((i for i, line in enumerate(lines) if line.text and fold(line.text) in labels), -1)
    if at < 0:
        return -1, []
    entries: list[At] = []
    for line in lines[at + 1 :]:
        if not line.text:
            if entries:
                break
            continue
        bare = _unmarked(line).text
        bare = _BULLET.sub(r"\g<text>", bare) if not _HEADING.match(bare) else bare
        # Numbered entries, the template's headings, or (unnumbered) short lines with no final stop.
        if len(bare) > _MAX_HEADING or bare.endswith((".", ":", ";", ",")):
            break
        entries.append(line)
    return at, entries


def _toc_title(entry: At) -> str:
    bare = _unmarked(entry).text
    match = _HEADING.match(bare)
    return fold(match["text"] if match else _BULLET.sub(r"\g<text>", bare))


def _headings(lines: Sequence[At], toc: Sequence[At], start: int) -> list[tuple[int, At | None, At]]:
    """The section headings: (index of the line, its number or ``None``, its title).

    A heading is a numbered line ("1. WIE WE ZIJN", "1) ...", "1 - ...", "IV. ...", "Artikel 1 -
    ...") whose numbers increase, gaps allowed (an author deleted a section and did not
    renumber), all numbered alike; a heading of the template or of the table of contents may
    also come out of order (an author moved a section). Or an unnumbered line that is one of the
    template's headings (in any of its languages) or a title of the table of contents; in any
    case and with or without Markdown markers ("## ", "**").
    """
    toc_titles = {_toc_title(entry) for entry in toc}
    found: list[tuple[int, At | None, At]] = []
    numbering = _Numbering()
    # In a notice with numbered headings an unnumbered line is a heading only when written as one.
    any_numbered = any(
        (m := _HEADING.match(_unmarked(line).text)) and _looks_like_heading(m["text"], toc_titles)
        for line in lines[max(start, 0) :]
    )
    for index in range(max(start, 0), len(lines)):
        line = _unmarked(lines[index])
        if not line.text or len(line.text) > _MAX_HEADING + 6:
            continue
        match = _HEADING.match(line.text)
        if match and numbering.accepts(lines, index, match, toc_titles):
            title = _unmarked(line.part(match.start("text")))
            found.append((index, line.part(match.start("number"), match.end("number")), title))
            continue
        titles = set() if any_numbered else toc_titles
        if match is None and _BULLET.match(line.text) is None and _is_unnumbered_heading(lines[index], titles):
            found.append((index, None, line))
    return found


@dataclass(slots=True)
class _Numbering:
    """The numbers of the headings found so far, and how they are written."""

    last: int = 0
    used: set[int] = field(default_factory=set)
    style: tuple[bool, str] | None = None  # (Roman numerals, the word before the number)
    headings: set[int] = field(default_factory=set)  # indexes of the numbered headings

    def accepts(self, lines: Sequence[At], index: int, match: re.Match[str], toc_titles: set[str]) -> bool:
        """Whether the numbered line ``lines[index]`` is the next heading; if so, record it."""
        number, style = _numeral(match["number"]), _style(match)
        if number is None or (self.style is not None and style != self.style):
            return False
        if not _looks_like_heading(match["text"], toc_titles):
            return False
        known = fold(match["text"]) in toc_titles or template().section_for_heading(match["text"]) is not None
        if not known and self._continues_list(lines, index, number, style):
            return False  # "3. BTW" after "2. Naam": the third item of a numbered list
        if not (number > self.last or (known and number not in self.used)):
            return False
        if not known and not self.used and number != 1:
            return False  # a notice's own headings start at 1; a later one is first only when it is a known one
        self.last, self.style = max(self.last, number), style
        self.used.add(number)
        self.headings.add(index)
        return True

    def _continues_list(self, lines: Sequence[At], index: int, number: int, style: tuple[bool, str]) -> bool:
        """Whether the line before (blank lines skipped) is a numbered line with a lower number that is no heading."""
        before = next((i for i in range(index - 1, -1, -1) if lines[i].text), None)
        if before is None or before in self.headings:
            return False
        match = _HEADING.match(_unmarked(lines[before]).text)
        if match is None or _style(match) != style:
            return False
        previous = _numeral(match["number"])
        return previous is not None and previous < number


def _style(match: re.Match[str]) -> tuple[bool, str]:
    return not match["number"].isdigit(), fold(match["word"] or "")


def _numeral(text: str) -> int | None:
    """The value of a heading number: "4" -> 4, "IX" -> 9; ``None`` for a malformed Roman numeral ("IIII")."""
    if text.isdigit():
        return int(text)
    values = [_ROMAN[c] for c in text]
    number = sum(-v if i + 1 < len(values) and values[i + 1] > v else v for i, v in enumerate(values))
    return number if _roman(number) == text else None


def _roman(number: int) -> str:
    tens, ones = divmod(number, 10)
    digits = ("", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX")
    return "X" * tens + digits[ones]


def _is_unnumbered_heading(line: At, toc_titles: set[str]) -> bool:
    """An unnumbered line that the contents list, or a template heading written as a heading.

    "Gegevensbeschermingsautoriteit" or "Autorité de protection des données" in running text
    is the authority's name; as a heading it is written in capitals or marked ("## ", "**").
    """
    text = _unmarked(line).text
    if text.endswith((".", ":", ";", ",")):
        return False
    if fold(text) in toc_titles:
        return True
    if template().section_for_heading(text) is None:
        return False
    letters = [c for c in text if c.isalpha()]
    marked = text != line.text
    return marked or (bool(letters) and sum(c.isupper() for c in letters) * 2 >= len(letters))


def _looks_like_heading(text: str, toc_titles: set[str]) -> bool:
    text = _MARKUP.sub(r"\g<text>", text)
    if len(text) > _MAX_HEADING or text.endswith((".", ":", ";", ",")):
        return False
    if fold(text) in toc_titles or template().section_for_heading(text) is not None:
        return True
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) * 2 >= len(letters)


def _preamble_end(lines: Sequence[At], toc_at: int, after_toc: int) -> int:
    """Where the body starts in a notice without numbered sections: after title, contents, subtitle."""
    index = after_toc
    if toc_at < 0:
        first = next((i for i, line in enumerate(lines) if line.text), None)
        if first is not None and _is_title(lines[first], lines, toc_at):
            index = first + 1
    subtitles = {fold(s) for s in template().variants("subtitle")}
    following = next((i for i in range(index, len(lines)) if lines[i].text), None)
    if following is not None and fold(lines[following].text) in subtitles:
        return following + 1
    return index


def _preamble(notice: ParsedNotice, lines: Sequence[At], toc_at: int, toc: Sequence[At]) -> None:
    subtitles = {fold(s) for s in template().variants("subtitle")}
    skip = {toc_at, *(line.line - 1 for line in toc)}
    if toc_at >= 0:
        notice.place([lines[toc_at], *toc], "notice.table_of_contents")
    filled = [line for index, line in enumerate(lines) if line.text and index not in skip]
    if filled and _is_title(filled[0], lines, toc_at):
        notice.title = filled.pop(0)
        notice.place([notice.title], "notice.title")
    for line in filled:
        if fold(line.text) in subtitles:
            notice.place([line], "the template's subtitle (not part of the model)")
        elif notice.version is None and (version := version_of(line)) is not None:
            notice.version = version
            notice.place([line], "notice.version and notice.date")
        else:
            notice.unplace(line, "text before the first section that is not the title, contents or subtitle")


def _is_title(line: At, lines: Sequence[At], toc_at: int) -> bool:
    if _BULLET.match(line.text) or _field(line) is not None or len(line.text) > _MAX_HEADING:
        return False
    if line.text.endswith((".", ":", ";", ",")):
        return False
    if line == next((other for other in lines if other.text), None) and _TITLE_WORD.search(fold(line.text)):
        return True  # "Privacyverklaring Fietsen Maes BV" as the first line
    following = next((other for other in lines[line.line :] if other.text), None)
    if toc_at >= 0 and following is not None and following.line == toc_at + 1:
        return True
    letters = [c for c in line.text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) * 2 >= len(letters)


def _paragraphs(lines: Sequence[At]) -> list[Paragraph]:
    paragraphs: list[Paragraph] = []
    current: list[At] = []
    for line in lines:
        if line.text:
            current.append(line)
        elif current:
            paragraphs.append(tuple(current))
            current = []
    if current:
        paragraphs.append(tuple(current))
    return paragraphs


# --- reading one section ----------------------------------------------------------------------


def _split_at_bullets(paragraphs: Sequence[Paragraph]) -> list[Paragraph]:
    """Paragraphs cut before a bullet that follows a line that is no bullet of the same run.

    Real notices leave out blank lines: "Doel: ...\n- Volgende verwerking" or an introduction
    followed directly by its list. A bullet after a wrapped bullet line stays in its run.
    """
    result: list[Paragraph] = []
    for paragraph in paragraphs:
        current: list[At] = []
        in_list = False
        for number, line in enumerate(paragraph):
            bullet = _BULLET.match(line.text) is not None
            named = not bullet and _entry_head(line) is not None and number + 1 < len(paragraph)
            if named and _field(paragraph[number + 1]) is not None and current:
                result.append(tuple(current))  # "**Volgende verwerking**" right after the last field line
                current = []
            if bullet and current and not in_list:
                result.append(tuple(current))
                current = []
            if bullet:
                in_list = True
            elif _field(line) is not None:
                in_list = False
            current.append(line)
        if current:
            result.append(tuple(current))
    return result


def _read_section(notice: ParsedNotice, section: Section, lines: Sequence[At], *, first: bool) -> None:
    paragraphs = _split_at_bullets(_paragraphs(lines))
    where = f"notice.sections[{section.id or (section.heading.text if section.heading else 'text')}].text"
    intro: str | None = None
    entry_kind: Kind | None = _section_kind(section)
    index = 0
    while index < len(paragraphs):
        paragraph = paragraphs[index]
        # After an entry or its introduction, a lone bullet is an entry even without fields.
        lone = intro in {"processing_activities", "sharing"} and len(paragraph) == 1 and _is_bullets(paragraph)
        if lone or _starts_entry(paragraphs, index):
            index = _read_entry(notice, section, paragraphs, index, entry_kind)
            intro = "processing_activities" if entry_kind == "processing_activity" else "sharing"
            continue
        if intro is None and section.id == "exercising_your_rights" and _is_bullets(paragraph):
            intro = "rights" if _is_rights_list(paragraph) else None
        if intro in {"data_items", "rights", "cookies"} and _is_bullets(paragraph):
            index = _read_list(notice, intro, paragraphs, index)
            intro = None
            continue
        opening = index == 0 and (first or section.id == "who_we_are")
        if _read_structured(notice, section, paragraph, first=opening):
            intro = None
            index += 1
            continue
        if _read_version(notice, paragraph):
            index += 1
            continue
        block, default = _intro(paragraph)
        _read_prose(notice, section, paragraph, where, default=default)
        intro = block
        if block == "data_items" and notice.data_list_intro is None:
            notice.data_list_intro = paragraph[0]
        if block == "rights":
            notice.rights_intro = paragraph[0]
        if block in {"processing_activities", "sharing"}:
            entry_kind = "processing_activity" if block == "processing_activities" else "sharing"
        index += 1


def _read_version(notice: ParsedNotice, paragraph: Paragraph) -> bool:
    """A paragraph that is the version line ("Versie 2 — 15 maart 2026")."""
    version = version_of(paragraph[0]) if len(paragraph) == 1 and notice.version is None else None
    if version is None:
        return False
    notice.version = version
    notice.place(paragraph, "notice.version and notice.date")
    return True


def _read_prose(notice: ParsedNotice, section: Section, paragraph: Paragraph, where: str, *, default: bool) -> None:
    if default:
        notice.place(paragraph, "the template's introduction of a list (not part of the model)")
        return
    section.prose.append(paragraph)
    notice.place(paragraph, where)
    notice.contacts.extend(_contact_mentions(paragraph))


def _section_kind(section: Section) -> Kind | None:
    hosts = template().section(section.id) if section.id else None
    if hosts is None:
        return None
    if "processing_activities" in hosts.holds:
        return "processing_activity"
    return "sharing" if "sharing" in hosts.holds else None


def _text(paragraph: Paragraph) -> str:
    return "\n".join(line.text for line in paragraph)


def _is_bullets(paragraph: Paragraph) -> bool:
    return bool(_BULLET.match(paragraph[0].text))


def _intro(paragraph: Paragraph) -> tuple[str | None, bool]:
    """Which block the paragraph introduces, and whether it is the template's default intro."""
    text = spaces(_text(paragraph))
    for block in template().blocks:
        if any(text == spaces(intro) for intro in block.default_intro.by_language.values()):
            return block.key, True
    if not text.endswith(":"):
        return None, False
    folded = f" {fold(text)} "
    for block in template().blocks:
        if any(f" {fold(pattern)} " in folded for pattern in block.patterns):
            return block.key, False
    if _DATA_INTRO.search(folded):
        return "data_items", False
    return None, False


# "de volgende categorieën persoonsgegevens :", "onderstaande gegevens :", "les données personnelles
# suivantes :", "the following categories of personal data:" (over folded text).
_DATA_INTRO = LazyPattern(
    r" (?:volgende|onderstaande|hierna vermelde|following)(?: \w+){0,3} (?:persoons)?(?:gegevens|data|dataelementen)"
    r"(?: (?:elementen|items))? $|"
    r" (?:donnees|donnees personnelles|donnees a caractere personnel|categories de donnees)(?: \w+){0,2}"
    r" (?:suivantes|ci dessous) $"
)


def _is_rights_list(paragraph: Paragraph) -> bool:
    """A bullet list most of whose bullets each name a right (a rights list without the template's intro)."""
    bullets = [line for line in paragraph if _BULLET.match(line.text)]
    named = [line for line in bullets if right_of(_BULLET.sub(r"\g<text>", line.text)) is not None]
    return len(bullets) >= 2 and len(named) * 2 > len(bullets)


def _read_list(notice: ParsedNotice, block: str, paragraphs: Sequence[Paragraph], index: int) -> int:
    items: list[At] = []
    start = index
    while index < len(paragraphs) and _is_bullets(paragraphs[index]) and not _starts_entry(paragraphs, index):
        for line in paragraphs[index]:
            match = _BULLET.match(line.text)
            if match:
                items.append(line.part(match.start("text")))
            elif items:  # a wrapped bullet
                last = items[-1]
                items[-1] = At(f"{last.text} {line.text}", last.line, last.column)
        index += 1
    if block == "data_items":
        notice.data_list.extend(items)
        notice.place(_lines_of(paragraphs, start, index), "data_items (the data-item list)")
        return index
    if block == "cookies":
        notice.cookies.extend(items)
        notice.place(_lines_of(paragraphs, start, index), "website.cookies.cookie_list")
        return index
    for item in items:
        right = right_of(item.text)
        notice.rights.append(RightMention(right, item))
        if right is None:
            notice.unplace(item, "a bullet of the rights list that names no right the template knows")
        else:
            notice.place([item], f"rights ({right})")
    notice.place(_lines_of(paragraphs, start, index), "rights (continued bullet)")
    return index


def _lines_of(paragraphs: Sequence[Paragraph], start: int, end: int) -> list[At]:
    return [line for paragraph in paragraphs[start:end] for line in paragraph]


# --- entries ----------------------------------------------------------------------------------


_BOLD_LINE = LazyPattern(r"^(?:\*\*|__)(?P<text>[^*_].*?[^:*_])(?:\*\*|__)$")
_MARKDOWN_HEADING = LazyPattern(r"^#{2,4}\s+(?P<text>\S.*)$")


def _entry_head(line: At) -> tuple[At, bool] | None:
    """The name of the entry ``line`` starts, and whether it is bold: a bullet, a bold line, a Markdown heading."""
    bullet = _BULLET.match(line.text)
    if bullet:
        name = line.part(bullet.start("text"))
        bold = name.text.startswith(("**", "__")) and name.text.endswith(("**", "__")) and len(name.text) > 4
        return (name.part(2, -2), True) if bold else (name, False)
    bold_line = _BOLD_LINE.match(line.text)
    if bold_line:
        return line.part(bold_line.start("text"), bold_line.end("text")), True
    heading = _MARKDOWN_HEADING.match(line.text)
    if heading:
        return _unmarked(line.part(heading.start("text"))), False
    return None


def _starts_entry(paragraphs: Sequence[Paragraph], index: int) -> bool:
    paragraph = paragraphs[index]
    if _entry_head(paragraph[0]) is None:
        return False
    if len(paragraph) > 1:
        return _field(paragraph[1]) is not None
    return index + 1 < len(paragraphs) and _field(paragraphs[index + 1][0]) is not None


def _read_entry(
    notice: ParsedNotice, section: Section, paragraphs: Sequence[Paragraph], index: int, kind: Kind | None
) -> int:
    head = paragraphs[index][0]
    found = _entry_head(head)
    assert found is not None  # noqa: S101 - _read_section checked it
    name, bold = found
    entry = Entry(name, bold, kind or "processing_activity", section.id)
    notice.place([head], f"the name of the entry {name.text!r}")
    last = _read_entry_lines(notice, entry, paragraphs[index][1:], None)
    index += 1
    while index < len(paragraphs):
        paragraph = paragraphs[index]
        if _field(paragraph[0]) is not None:
            last = _read_entry_lines(notice, entry, paragraph, last)
        elif _is_sandwiched_label(paragraphs, index):
            entry.other.extend(paragraph)
            for line in paragraph:
                notice.unplace(line, f"in the entry {name.text!r}, a label the template does not know")
        else:
            break
        index += 1
    if kind is None and entry.recipients:
        entry.kind = "sharing"
    notice.entries.append(entry)
    return index


def _is_sandwiched_label(paragraphs: Sequence[Paragraph], index: int) -> bool:
    """A ``Label: value`` paragraph the template does not know, with entry lines after it."""
    return (
        bool(_UNKNOWN_LABEL.match(paragraphs[index][0].text))
        and index + 1 < len(paragraphs)
        and _field(paragraphs[index + 1][0]) is not None
    )


def _read_entry_lines(notice: ParsedNotice, entry: Entry, lines: Iterable[At], last: str | None) -> str | None:
    for line in lines:
        found = _field(line)
        if found is None:
            if last is None or not _continue_field(entry, last, line):
                entry.other.append(line)
                label = _UNKNOWN_LABEL.match(line.text)
                reason = "a label the template does not know" if label else "not a 'Label: value' line"
                notice.unplace(line, f"in the entry {entry.name.text!r}, {reason}")
            else:
                notice.place([line], f"{entry.name.text!r}: {last} (continued)")
            continue
        key, value = found
        if not _set_field(entry, key, value):
            entry.other.append(line)
            notice.unplace(line, f"in the entry {entry.name.text!r}, a second {key} line (the model holds one)")
        else:
            notice.place([line], f"{entry.name.text!r}: {key}")
        last = key
    return last


def _set_field(entry: Entry, key: str, value: At) -> bool:
    """Record a field line; ``False`` when the entry already has that single-valued field."""
    if key in {"purpose", "location", "recipient"}:
        {"purpose": entry.purposes, "location": entry.locations, "recipient": entry.recipients}[key].append(value)
        return True
    if getattr(entry, key) is not None:
        return False
    setattr(entry, key, value)
    return True


def _continue_field(entry: Entry, key: str, line: At) -> bool:
    """Append a wrapped line to the field it continues."""
    if key in {"location", "recipient", "source", "requirement"}:
        return False
    if key == "purpose":
        last = entry.purposes[-1]
        entry.purposes[-1] = At(f"{last.text} {line.text}", last.line, last.column)
        return True
    value = getattr(entry, key)
    setattr(entry, key, At(f"{value.text} {line.text}", value.line, value.column))
    return True


def _field(line: At) -> tuple[str, At] | None:
    """The entry field on ``line``: its key and its value, located."""
    labelled = _LABEL.match(line.text)
    if labelled:
        key = _field_labels().get(fold(labelled["label"]))
        if key is not None:
            value = line.part(labelled.start("value"))
            markers = len(value.text) - len(value.text.lstrip("*_"))  # "**Doel:** ..."
            return key, value.part(markers) if markers else value
    for key, patterns in (("location", _processed()), ("recipient", _receives())):
        for pattern in patterns:
            match = pattern.match(line.text)
            if match:
                return key, line.part(match.start("value"), match.end("value"))
    return None


@functools.cache
def _field_labels() -> dict[str, str]:
    labels: dict[str, str] = {}
    for entry_field in template().fields:
        for label in (*entry_field.label.by_language.values(), *entry_field.also):
            labels.setdefault(fold(label), entry_field.key)
    return labels


def _sentence_pattern(sentence: str, **groups: str) -> str:
    """A regular expression for a template sentence; ``{name}`` placeholders become ``groups``."""
    parts = re.split(r"(\{[a-z_]+\})", sentence)
    pattern = ""
    for part in parts:
        if part.startswith("{") and part.endswith("}"):
            pattern += f"(?P<{part[1:-1]}>{groups[part[1:-1]]})"
        else:
            pattern += r"\s+".join(re.escape(word) for word in part.split(" "))
    return pattern


@functools.cache
def _processed() -> tuple[re.Pattern[str], ...]:
    return tuple(
        re.compile(
            "^" + _sentence_pattern(words.replace("{location}", "{value}"), value=r".+?") + r"\s*\.?$", re.IGNORECASE
        )
        for words in template().variants("processed")
    )


@functools.cache
def _receives() -> tuple[re.Pattern[str], ...]:
    return tuple(
        re.compile(
            "^" + _sentence_pattern(words.replace("{recipient}", "{value}"), value=r".+?") + r"\s*\.?$", re.IGNORECASE
        )
        for words in template().variants("receives")
    )


# --- controller, contact, supervisory authority -----------------------------------------------


def _read_structured(notice: ParsedNotice, section: Section, paragraph: Paragraph, *, first: bool) -> bool:
    """Read a paragraph that is one of the template's sentences; ``True`` when it was."""
    text = spaces(" ".join(line.text for line in paragraph))
    at = At(text, paragraph[0].line, paragraph[0].column)
    if first and notice.controller is None and section.id in {"who_we_are", None}:
        controller = _controller(at)
        if controller is not None:
            notice.controller = controller
            notice.place(paragraph, "controller (name, address, enterprise number)")
            if controller.register_number is not None:
                notice.unplace(controller.register_number, _REGISTER_NOT_IN_MODEL)
            return True
    contact = next((m for pattern in _default_contacts() if (m := pattern.fullmatch(text))), None)
    if contact is not None:
        notice.contacts.append(_contact(at, contact))
        notice.place(paragraph, "controller.privacy_contact")
        return True
    if section.id == "data_protection_authority":
        if len(paragraph) > 1 and _authority_block(notice, paragraph):
            return True
        if _read_authority(notice, at, single_line=len(paragraph) == 1):
            where = "supervisory_authority" if notice.complaint is not at else "rights (lodge_complaint)"
            notice.place(paragraph, where)
            return True
    return False


def _authority_block(notice: ParsedNotice, paragraph: Paragraph) -> bool:
    """An authority block written without blank lines: name, address, phone, e-mail, site."""
    before = notice.authority
    trial = (
        AuthorityMention() if before is None else AuthorityMention(**{k: getattr(before, k) for k in before.__slots__})
    )
    for line in paragraph:
        if not _read_authority_line(trial, line, single_line=True):
            return False
    notice.authority = trial
    notice.place(paragraph, "supervisory_authority")
    return True


def _controller(at: At) -> ControllerMention | None:
    if len(at.text) > _MAX_SENTENCE or not at.text.endswith("."):
        return None  # the template's sentence is short; long text is prose (and is not backtracked over)
    for pattern in _controller_patterns():
        match = pattern.fullmatch(at.text)
        if match is None:
            continue
        address = None
        if match["address"] is not None:
            address = parse_address(match["address"])
            if address is None:
                continue
        number = at.part(match.start("number"), match.end("number")) if match["number"] else None
        register = at.part(match.start("register"), match.end("register")) if match["register"] else None
        return ControllerMention(at, at.part(match.start("name"), match.end("name")), address, number, register)
    return None


# "BE0414.321.345", "BE 0712.345.630", "0712 345 630": a number may be written with spaces.
_ENTERPRISE_NUMBER = r"(?:[A-Z]{2}\s?)?\d[\d.\s]*?\d|\S+?"
# The Dutch trade register ("KvK-nummer 81234567"): the model keeps a Belgian enterprise number only.
_OTHER_REGISTER = r"(?:KvK|K\.v\.K\.|Kamer van Koophandel)(?:[-\s]?nummer|[-\s]?nr\.?)?:?\s*\d{8}"
_REGISTER_NOT_IN_MODEL = (
    "a KvK number (the Dutch trade register): the model has no field for it "
    "(controller.enterprise_number holds a Belgian enterprise number only)"
)


@functools.cache
def _controller_patterns() -> tuple[re.Pattern[str], ...]:
    tmpl = template()
    words = tmpl.wording

    def prefixes(key: str, placeholder: str, language: str) -> str:
        # Every wording ends with its placeholder ("met adres {address}"): the words before it.
        wordings = dict.fromkeys([words[key][language], *tmpl.wording_also.get(key, ())])
        heads = [w.removesuffix(placeholder).strip().lstrip(",").strip() for w in wordings]
        return "|".join(_sentence_pattern(h) for h in sorted(heads, key=len, reverse=True) if h)

    patterns = []
    for language in tmpl.languages:
        name = _sentence_pattern(words["we_are"][language], name=r".+?")
        address = rf"(?:,\s*|\s+)(?:{prefixes('with_address', '{address}', language)})\s+(?P<address>.+?)"
        both = _sentence_pattern(words["address_and_number"][language].lstrip())
        number = rf"(?:,\s*|\s+)(?:{prefixes('with_number', '{number}', language)})\s+(?P<number>{_ENTERPRISE_NUMBER})"
        register = rf"(?:,\s*|\s+)(?:met\s+)?(?P<register>{_OTHER_REGISTER})"
        patterns.append(re.compile(rf"{name}(?:{address})?(?:\s+{both})?(?:{number}|{register})?\.", re.IGNORECASE))
    return tuple(patterns)


def parse_address(text: str) -> Address | None:
    """``street postcode city [country]`` as the controller sentence writes it."""
    match = _address_pattern().fullmatch(spaces(text))
    if match is None:
        return None
    country = country_of(match["country"]) if match["country"] else None
    return Address(match["street"].rstrip(","), match["postcode"], match["city"].rstrip(","), country)


_POSTCODE = r"(?:[A-Z]{1,2}-)?\d{4,5}(?:\s?[A-Z]{2}(?=\s))?"  # 2260, B-2260, L-1234, 2509 LV (NL)
# The city holds no digit, so the postcode is the last number before it: a house number of
# four digits ("Kortrijksesteenweg 1200 9051 Sint-Denijs-Westrem") stays in the street.


@functools.cache
def _address_pattern() -> re.Pattern[str]:
    return re.compile(
        rf"(?P<street>.+?),?\s+(?P<postcode>{_POSTCODE})\s+(?P<city>\D+?)(?:,?\s+(?P<country>{_country_names()}))?",
        re.IGNORECASE,
    )


@functools.cache
def _authority_address() -> re.Pattern[str]:
    return re.compile(
        rf"(?P<street>.+?),?\s+(?P<postcode>{_POSTCODE})\s+(?P<city>[^,<\d]+?)"
        rf"(?:,?\s*(?P<country>{_country_names()}))?(?:\s*<(?P<url>[^<>\s]+)>)?",
        re.IGNORECASE,
    )


@functools.cache
def _country_names() -> str:
    names = {name for country in template().countries for name in country.all_names()}
    return "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))


@functools.cache
def _country_codes() -> dict[str, str]:
    return {fold(name): country.code for country in reversed(template().countries) for name in country.all_names()}


def country_of(name: str) -> str | None:
    """The ISO code of a country named in the notice (Dutch, French, English or a listed alias)."""
    return _country_codes().get(fold(name))


def _read_authority(notice: ParsedNotice, at: At, *, single_line: bool) -> bool:
    if notice.complaint is None and right_of(at.text) == "lodge_complaint":
        notice.complaint = at
        _authority_in_complaint(notice, at)
        return True
    authority = notice.authority or AuthorityMention()
    if _read_authority_line(authority, at, single_line=single_line):
        notice.authority = authority
        return True
    return False


_TITLE_WORD = LazyPattern(r"\b(?:privacy\w*|confidentialite|vie privee|donnees personnelles|personal data)\b")
_COMPLAINT_AUTHORITY = LazyPattern(
    r"\b(?:bij|aan|aupres de|a|with|to)\s+(?:de |het |l'|l\u2019|la |le |the )?"
    r"(?P<rest>[A-Z][^,]+,[^<]+?\d{4,5}[^.<]*)\.?\s*(?:<[^<>]+>)?\.?$"
)


# A contact written after the authority's address in the complaint sentence: ", contact@apd-gba.be",
# " (www.gegevensbeschermingsautoriteit.be)", ", tel. +32 2 274 48 00"; read from the end.
_COMPLAINT_CONTACT = LazyPattern(
    r"(?:,\s*|\s+\(|\s+(?:-|\u2013)\s+)(?:(?:e-?mail|tel\.?|telefoon|t[ée]l[ée]phone|phone|website|site)\s*:?\s*)?"
    rf"(?:(?P<email>{EMAIL})|(?P<url>(?:https?://|www\.)[^\s<>()]+?)|(?P<phone>\+?[\d(][\d ()./-]{{6,}}\d))"
    r"\)?\.?$",
    re.IGNORECASE,
)


def _authority_in_complaint(notice: ParsedNotice, at: At) -> None:
    """ "Je kan een klacht indienen bij de Gegevensbeschermingsautoriteit, Drukpersstraat 35, 1000 Brussel."."""
    plain = _plain(at.text)
    if notice.authority is not None or len(plain) != len(at.text) or len(plain) > _MAX_SENTENCE:
        return  # the template's sentence is short; long text is prose (and is not backtracked over)
    authority = AuthorityMention()
    end = _contacts_at_the_end(authority, at, plain)
    match = _COMPLAINT_AUTHORITY.search(plain[:end])
    if match is None:
        return
    read = _read_authority_line(authority, at.part(match.start("rest"), match.end("rest")), single_line=True)
    if read and authority.name is not None and authority.address is not None:
        notice.authority = authority


def _contacts_at_the_end(authority: AuthorityMention, at: At, plain: str) -> int:
    """Read the e-mail, site and phone that end the sentence into ``authority``; where the rest ends."""
    end = len(plain)
    for _ in range(3):
        contact = _COMPLAINT_CONTACT.search(plain[:end])
        if contact is None:
            break
        kind = str(contact.lastgroup)
        if getattr(authority, kind) is not None:
            break  # two e-mail addresses (or sites): not the template's sentence
        setattr(authority, kind, at.part(contact.start(kind), contact.end(kind)))
        end = contact.start()
    return end


@functools.cache
def _phone_line() -> re.Pattern[str]:
    labels = "|".join(re.escape(label) for label in template().statements["phone"])
    return re.compile(rf"^(?:(?:{labels})\.?\s*:?\s*)?(?P<phone>\+?[\d(][\d ()./-]{{6,}}\d)$", re.IGNORECASE)


def _read_authority_line(authority: AuthorityMention, at: At, *, single_line: bool) -> bool:
    address = _authority_address().fullmatch(at.text) if len(at.text) <= _MAX_SENTENCE else None
    if address is not None and authority.address is None and _looks_like_a_street(address["street"]):
        country = country_of(address["country"]) if address["country"] else None
        street = address["street"]
        name, _, rest = street.partition(", ")
        if rest and authority.name is None and not any(c.isdigit() for c in name) and any(c.isdigit() for c in rest):
            # "Gegevensbeschermingsautoriteit, Drukpersstraat 35, 1000 Brussel": name, street, city
            authority.name = at.part(0, len(name))
            street = rest
        authority.address_line = at
        authority.address = Address(street, address["postcode"], address["city"], country)
        if address["url"]:
            authority.url = at.part(address.start("url"), address.end("url"))
        return True
    url, email = _URL_LINE.fullmatch(at.text), _EMAIL_LINE.fullmatch(at.text)
    phone = _phone_line().fullmatch(at.text)
    if url is not None and authority.url is None:
        authority.url = at.part(url.start("url"), url.end("url"))
        return True
    if email is not None and authority.email is None:
        authority.email = at.part(email.start("email"), email.end("email"))
        return True
    if phone is not None and authority.phone is None:
        authority.phone = at.part(phone.start("phone"), phone.end("phone"))
        return True
    if authority.name is None and single_line and _looks_like_a_name(at.text):
        authority.name = at
        return True
    return False


def _looks_like_a_street(street: str) -> bool:
    return not street.lstrip().startswith("+") and any(c.isalpha() for c in street)


def _looks_like_a_name(text: str) -> bool:
    return not (any(c.isdigit() for c in text) or "@" in text or "<" in text or text.endswith((".", ":")))


@functools.cache
def _role_names() -> str:
    names = {name for role in template().contact_roles for name in (*role.wording.by_language.values(), *role.also)}
    return "|".join(_sentence_pattern(name) for name in sorted(names, key=len, reverse=True))


def role_of(label: str) -> str | None:
    wanted = fold(label)
    for role in template().contact_roles:
        if wanted in {fold(n) for n in (*role.wording.by_language.values(), *role.also)}:
            return role.value
    return None


@functools.cache
def _mention_patterns() -> tuple[re.Pattern[str], ...]:
    groups = {"name": _PERSON, "role": _role_names(), "email": EMAIL}
    return tuple(_mention_pattern(words, groups) for words in template().contact_mentions)


def _mention_pattern(words: str, groups: dict[str, str]) -> re.Pattern[str]:
    """A contact sentence found anywhere in a paragraph; one that starts with the name starts a sentence."""
    if words.startswith("{name}"):
        return re.compile("(?:^|(?<=[.!?:] ))" + _sentence_pattern(words, **groups))
    first, rest = words[0], words[1:]  # "onze ..." also as the sentence's first word: "Onze ..."
    return re.compile(f"[{first}{first.upper()}]" + _sentence_pattern(rest, **groups))


@functools.cache
def _default_contacts() -> tuple[re.Pattern[str], ...]:
    groups = {"name": _PERSON, "role": _role_names(), "email": EMAIL}
    return tuple(re.compile(_sentence_pattern(words, **groups)) for words in template().variants("contact"))


# A person's name in a contact sentence, after a title with its full stop ("Mevr. Lotte Peeters").
_PERSON = rf"(?:(?i:{'|'.join(TITLES)})\.\s+)?[^.!?:;\n]+?"


def _contact(at: At, match: re.Match[str]) -> ContactMention:
    role = role_of(match["role"])
    assert role is not None  # noqa: S101 - the pattern only accepts known roles
    name = match.groupdict().get("name")
    return ContactMention(at.part(match.start(), match.end()), spaces(name) if name else None, role, match["email"])


def _contact_mentions(paragraph: Paragraph) -> list[ContactMention]:
    found: list[ContactMention] = []
    for line in paragraph:
        for pattern in _mention_patterns():
            found.extend(_contact(line, match) for match in pattern.finditer(line.text))
    return sorted(found, key=lambda mention: (mention.at.line, mention.at.column))


def contact_mentions_in(text: str) -> list[tuple[str | None, str, str]]:
    """The contacts (name, role, email) that ``text`` names in one of the template's sentences."""
    paragraph = tuple(At(line.strip(), number, 1) for number, line in enumerate(editor_lines(text), 1))
    return [(m.name, m.role, m.email) for m in _contact_mentions(paragraph)]


# --- values -----------------------------------------------------------------------------------


def legal_basis_of(label: str) -> str | None:
    """The legal basis a ``Rechtsgrond`` label names (case and accents ignored), or ``None``."""
    return _basis_labels().get(fold(label))


@functools.cache
def _basis_labels() -> dict[str, str]:
    return {fold(name): basis.value for basis in template().legal_bases for name in basis.labels}


_QUALIFIER = LazyPattern(
    r"^(?P<head>[^(:;,\u2013\u2014]+?)\s*(?:\((?P<paren>[^()]+)\))?\s*(?:(?:[:;,\u2013\u2014]| - )\s*(?P<rest>.+))?$"
)


class BasisFacts(NamedTuple):
    basis: str | None
    qualifier: str | None  # what the line says after the label: a law, an interest, a 9(2) condition


# Words that name one legal basis in a longer label ("Uitvoering van de overeenkomst met de klant",
# "Toestemming van de betrokkene"), over folded text. A label with words of two bases names none.
_BASIS_WORDS = (
    ("consent", LazyPattern(r"\b(?:toestemming|consent|consentement)\b")),
    ("contract", LazyPattern(r"\b(?:overeenkomst|contract|contrat|contractuele)\b")),
    (
        "legal_obligation",
        LazyPattern(r"\b(?:wettelijke verplichting(?:en)?|obligations? legales?|legal obligations?)\b"),
    ),
    ("vital_interest", LazyPattern(r"\b(?:vita(?:al|le) belang(?:en)?|interets? vita(?:l|ux)|vital interests?)\b")),
    ("public_task", LazyPattern(r"\b(?:algemeen belang|openbaar gezag|interet public|public (?:interest|task))\b")),
    (
        "legitimate_interest",
        LazyPattern(r"\b(?:gerechtvaardigde? belang(?:en)?|interets? legitimes?|legitimate interests?)\b"),
    ),
)


def bases_named_in(text: str) -> list[str]:
    """The legal bases whose words ``text`` uses (for a label the template does not list as such)."""
    folded = fold(text)
    return [value for value, pattern in _BASIS_WORDS if pattern.search(folded)]


def legal_basis_parts(text: str) -> BasisFacts:
    """The legal basis of a ``Rechtsgrond`` line and what it adds after the label.

    "Wettelijke verplichting (art. 60 WBTW)", "Gerechtvaardigd belang: beveiliging van het
    gebouw", "Contract - art. 9.2.h AVG": the label must be one of the template's, exactly;
    two labels ("Contract en toestemming") name no single basis.
    """
    basis = legal_basis_of(text)
    if basis is not None:
        return BasisFacts(basis, None)
    match = _QUALIFIER.match(spaces(text))
    if match is None:
        return BasisFacts(None, None)
    qualifier = match["paren"] or match["rest"]
    return BasisFacts(legal_basis_of(match["head"]), qualifier.strip() if qualifier else None)


_ARTICLE = r"(?:art(?:ikel|icle)?\.?|§)\s*\d[\w.,§() /-]*?"


@functools.cache
def _law_patterns() -> tuple[re.Pattern[str], ...]:
    return (
        # "art. 60 WBTW", "artikel 60, § 4 van het BTW-Wetboek", "article 315 du Code des impôts"
        re.compile(
            rf"^(?P<provision>{_ARTICLE})\s*(?:,\s*)?(?:van (?:het |de )?|du |de la |des |de l'|of (?:the )?)?"
            rf"(?P<law>[A-Z][^()]*?)$",
        ),
        # "BTW-Wetboek, art. 60", "Boekhoudwet art. 12"
        re.compile(rf"^(?P<law>[A-Z][^()]*?),?\s+(?P<provision>{_ARTICLE})$"),
    )


def legal_reference_of(text: str) -> tuple[str, str | None] | None:
    """(law, provision) a qualifier names: "art. 60 WBTW" -> ("WBTW", "art. 60"); a bare law name too."""
    text = spaces(text).rstrip(".")
    for pattern in _law_patterns():
        match = pattern.match(text)
        if match and match["law"].strip():
            return match["law"].strip(), match["provision"].strip().rstrip(",")
    words = text.split()
    # A bare law: a capitalised name of at most six words that is no sentence ("Boekhoudwet", "Code civil").
    if 0 < len(words) <= 6 and text[:1].isupper() and _looks_like_a_law(text):
        return text, None
    # A law's full title, however long, starts with the kind of act it is ("Wet betreffende de
    # verplichte verzekering ..., gecoördineerd op 14 juli 1994").
    if 0 < len(words) <= _MAX_TITLE_WORDS and text[:1].isupper() and fold(words[0]) in _KINDS_OF_ACT:
        return text, None
    # Written in running text, a law's title often starts in small letters; its date still says
    # it is one ("wet van 18 september 2017 tot voorkoming van het witwassen ...").
    if 0 < len(words) <= _MAX_TITLE_WORDS and _dated_act().match(fold(text)):
        return text, None
    return None


@functools.cache
def _dated_act() -> re.Pattern[str]:
    """A kind of act and its date, folded: "wet van 18 september 2017", "loi du 1er juillet 2016"."""
    months = "|".join(map(re.escape, template().months))
    return re.compile(
        r"(?:koninklijk |ministerieel )?"
        r"(?:wet|wetboek|programmawet|decreet|ordonnantie|besluit|loi|decret|ordonnance|arrete)"
        rf" (?:van|du) (?:\d{{1,2}}|1er) (?:{months}) \d{{4}}\b"
    )


_MAX_TITLE_WORDS = 40
_KINDS_OF_ACT = frozenset(
    {
        "wet",
        "wetboek",
        "programmawet",
        "decreet",
        "ordonnantie",
        "besluit",
        "koninklijk",  # Koninklijk Besluit
        "ministerieel",  # Ministerieel Besluit
        "verordening",
        "richtlijn",
        "loi",
        "code",
        "decret",
        "ordonnance",
        "arrete",
        "reglement",
        "regulation",
        "directive",
    }
)


def _looks_like_a_law(text: str) -> bool:
    folded = fold(text)
    stems = (
        "wet",
        "wetboek",
        "decreet",
        "besluit",
        "code",
        "loi",
        "decret",
        "arrete",
        "act",
        "regulation",
        "verordening",
        "avg",
        "gdpr",
        "rgpd",
        "wbtw",
        "kb",
        "ar",
    )
    return any(word.startswith(stems) or word.endswith(("wet", "wetboek", "decreet")) for word in folded.split())


_NINE_TWO = LazyPattern(
    r"\bart(?:ikel|icle)?\.?\s*9\s*(?:\.|\(|,|\s)\s*(?:lid\s*)?2\s*\)?\s*(?:\.|\(|,|\s)?\s*(?:onder\s*|point\s*|sub\s*)?(?P<letter>[a-j])\b\s*\)?",
    re.IGNORECASE,
)
_NINE_TWO_CONDITIONS = {
    "a": "explicit_consent",
    "b": "employment_social_security",
    "c": "vital_interests",
    "d": "not_for_profit_body",
    "e": "made_public_by_subject",
    "f": "legal_claims",
    "g": "substantial_public_interest",
    "h": "health_or_social_care",
    "i": "public_health",
    "j": "archiving_research_statistics",
}


def special_category_conditions_in(text: str) -> list[str]:
    """The GDPR 9(2) conditions ``text`` names by article ("art. 9.2.h AVG", "article 9(2)(a) GDPR")."""
    found = [_NINE_TWO_CONDITIONS[m["letter"].lower()] for m in _NINE_TWO.finditer(text)]
    return list(dict.fromkeys(found))


def right_of(text: str) -> str | None:
    """The right a bullet of the rights list states: the one whose keyword comes first."""
    found: list[tuple[int, str]] = []
    for folded in dict.fromkeys((fold(text), fold_words(text))):
        for right in template().rights:
            positions = [p for p in (has_word_prefix(folded, k) for k in right.keywords) if p is not None]
            if positions:
                found.append((min(positions), right.value))
        if found:
            break
    return min(found)[1] if found else None


@dataclass(frozen=True, slots=True)
class RetentionFacts:
    duration: str | None
    trigger: str | None
    extension: str | None


def retention_of(text: str) -> RetentionFacts:
    """The structured facts a ``Bewaringstermijn`` text states unambiguously.

    "tot je je afmeldt, en uiterlijk 3 jaar na je laatste bestelling": the period that can be
    checked is the one after "uiterlijk" (at the latest); the earlier end stays in the text.
    """
    folded = fold_words(text)
    latest = re.search(
        r"\b(?:uiterlijk|ten laatste|maximaal|au plus tard|at the latest|no later than)\b (?P<rest>.*)$", folded
    )
    if latest and re.match(r"^(?:tot|totdat|jusqu|until|till)\b", folded):
        folded = latest["rest"]
    return RetentionFacts(_duration(folded), _event(folded, since=True), _event(folded, since=False))


@functools.cache
def _duration_patterns() -> tuple[dict[str, str], re.Pattern[str], re.Pattern[str]]:
    tmpl = template()
    words = {fold_words(word): unit.designator for unit in tmpl.units for word in unit.words()}
    units = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    numbers = "|".join(re.escape(w) for w in sorted(tmpl.numbers, key=len, reverse=True))
    joiners = "|".join(re.escape(fold(j)) for j in tmpl.wording["duration_joiner"].by_language.values())
    one = rf"(\d+|{numbers})(?: (?:{numbers}))? ({units})\b"
    return words, re.compile(one), re.compile(rf"\b{one}(?: (?:{joiners}) {one})*")


def _duration(folded: str) -> str | None:
    words, one, run = _duration_patterns()
    runs = list(run.finditer(folded))
    if len(runs) != 1:
        return None
    parts: dict[str, str] = {}
    for number, word in one.findall(runs[0].group()):
        designator = words[word]
        if designator in parts:
            return None
        parts[designator] = _digits(number) if number.isdigit() else str(template().numbers[number])
    return "P" + "".join(f"{parts[d]}{d}" for d in "YMWD" if d in parts)


def _digits(number: str) -> str:
    """A number as written, in ASCII digits and without leading zeros ("0004" -> "4"), however long.

    Never through ``int``, which refuses more than 4,300 digits: a number no retention can
    have is kept as the notice writes it, for ``privlint check`` to report.
    """
    return "".join(str(unicodedata.decimal(digit)) for digit in number).lstrip("0") or "0"


@functools.cache
def _event_patterns(since: bool) -> tuple[tuple[str, re.Pattern[str]], ...]:
    patterns: list[tuple[str, re.Pattern[str]]] = []
    for event in template().events:
        wording = event.since if since else event.until
        phrases = [re.compile(rf"(?:^| ){re.escape(fold_words(p))}(?= |$)") for p in wording.by_language.values()]
        also = event.since_also if since else event.until_also
        patterns.extend((event.value, pattern) for pattern in (*phrases, *also))
    return tuple(patterns)


def _event(folded: str, *, since: bool) -> str | None:
    """The one event ``folded`` names as start (``since``) or end; a phrase inside a longer one does not count."""
    found = [(m.start(), m.end(), value) for value, pattern in _event_patterns(since) for m in pattern.finditer(folded)]
    kept = {
        value
        for start, end, value in found
        if not any(s <= start and end <= e and (e - s) > (end - start) and v != value for s, e, v in found)
    }
    return kept.pop() if len(kept) == 1 else None


def locations_of(text: str) -> list[str]:
    """The locations a ``Data wordt verwerkt ...`` sentence names, in the order it names them."""
    folded = fold_words(text)
    padded = f" {folded} "
    found: list[tuple[int, str]] = []
    alone: list[tuple[int, str]] = []
    for area in template().areas:
        for pattern in area.patterns:
            match = pattern.search(folded) or pattern.search(fold(text))
            if match:
                (alone if area.alone else found).append((match.start(), area.value))
                break
    for country in template().countries:
        for name in country.all_names():
            position = padded.find(f" {fold_words(name)} ")
            if position >= 0:
                found.append((position, country.code))
                break
    ordered: list[str] = []
    for _, code in sorted(found or alone):
        if code not in ordered:
            ordered.append(code)
    return ordered


_IN_PARENTHESES = LazyPattern(r"^(?P<name>.+?)\s*\((?P<country>[^()]+)\)\s*$")
_AFTER_COMMA = LazyPattern(
    r"^(?P<name>.+?)\s*(?:,|\s[-\u2013\u2014])\s*"
    r"(?:gevestigd in |gevestigd te |located in |based in |établie? en |établie? aux |basée? en |basée? aux |in |en )?"
    r"(?P<country>[^,]+?)\s*$"
)


def country_in_name(name: str) -> tuple[str, str] | None:
    """The country a recipient's name states, and the name without it.

    "Acme Mail Ltd. (Verenigd Koninkrijk)" -> ("GB", "Acme Mail Ltd."); "Acme Inc., Verenigde
    Staten" -> ("US", "Acme Inc."); a remark in parentheses that is no country stays part of
    the name. "Meta Platforms Ireland Limited" names a company, not a location: not read.
    """
    text = spaces(name)
    match = _IN_PARENTHESES.match(text) or _AFTER_COMMA.match(text)
    if match is None:
        return None
    # "(The Rocket Science Group LLC, VS)": the country is the last part of the remark.
    inner = re.sub(
        r"^(?:gevestigd in|located in|based in|établie? en|basée? en|in|en|aux|au)\s+",
        "",
        match["country"].split(",")[-1].strip(),
        flags=re.IGNORECASE,
    )
    code = country_of(inner) or country_of(re.sub(r"^(?:de|het|the|la|le|les|l')\s*", "", inner, flags=re.IGNORECASE))
    return (code, match["name"].strip()) if code else None


_DATE_NUMERIC = LazyPattern(r"\b(?P<d>\d{1,2})[./-](?P<m>\d{1,2})[./-](?P<y>\d{4})\b")
_DATE_ISO = LazyPattern(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")


@functools.cache
def _month_dates() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """ "15 maart 2026", "1er février 2026" and "March 15, 2026", over folded text."""
    months = "|".join(re.escape(m) for m in sorted(template().months, key=len, reverse=True))
    return (
        re.compile(rf"\b(\d{{1,2}})(?:er|e|st|nd|rd|th)? ({months}) (\d{{4}})\b"),
        re.compile(rf"\b({months}) (\d{{1,2}})(?:st|nd|rd|th)? (\d{{4}})\b"),
    )


def date_of(text: str) -> str | None:
    """An ISO date from "15 maart 2026", "1er février 2026", "March 15, 2026", "15/03/2026", "2026-03-15"."""
    folded = fold_words(text)
    months = template().months
    day_first, month_first = _month_dates()
    found = [(int(m[3]), months[m[2]], int(m[1])) for m in day_first.finditer(folded)]
    found += [(int(m[3]), months[m[1]], int(m[2])) for m in month_first.finditer(folded)]
    found += [
        (int(m["y"]), int(m["m"]), int(m["d"]))
        for pattern in (_DATE_ISO, _DATE_NUMERIC)
        for m in pattern.finditer(text)
    ]
    dates = {f"{y:04d}-{m:02d}-{d:02d}" for y, m, d in found if 1 <= m <= 12 and 1 <= d <= 31}
    return dates.pop() if len(dates) == 1 else None


@functools.cache
def _version_pattern() -> re.Pattern[str]:
    words = template().statements
    version = "|".join(re.escape(w) for w in words["version"])
    updated = "|".join(re.escape(w) for w in sorted(words["updated"], key=len, reverse=True))
    return re.compile(
        rf"^(?:(?:{version})\.?\s*:?\s*(?P<version>\d+(?:[.]\d+)*[a-z]?)\b|(?:{updated})\b)(?P<rest>.*)$",
        re.IGNORECASE,
    )


def _plain(text: str) -> str:
    """``text`` without accents (same length in most cases; only used to match labels)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_VERSION_IN_TEXT = LazyPattern(r"\b(?:versie|version)\s+(?P<version>\d+(?:\.\d+)*)\b", re.IGNORECASE)
_UPDATED_IN_TEXT = LazyPattern(
    r"\b(?:bijgewerkt|gewijzigd|aangepast|herzien|mise? a jour|modifiee?|revisee?|updated|revised|amended)\b",
    re.IGNORECASE,
)


def version_in(sentence: str) -> tuple[str | None, str] | None:
    """(version, date) a prose sentence states: "Deze verklaring werd laatst bijgewerkt op 15 maart 2026."."""
    plain = _plain(sentence)
    version = _VERSION_IN_TEXT.search(plain)
    date = date_of(sentence) if (version or _UPDATED_IN_TEXT.search(plain)) else None
    if date is None:
        return None
    return (version["version"] if version else None), date


def version_of(line: At) -> VersionMention | None:
    """A line that gives the notice's version and/or date: "Versie 2 — 15 maart 2026", "Last updated: 3 May 2026"."""
    text = _plain(_unmarked(line).text)
    if len(text) > _MAX_HEADING:
        return None
    match = _version_pattern().match(text)
    if match is None:
        return None
    rest = match["rest"].strip(" \t:,-\u2013\u2014()")
    rest = re.sub(r"^(?:van|du|of|dd|op|le|on|vom|d\.d\.|datum|date)\b\.?\s*:?\s*", "", rest, flags=re.IGNORECASE)
    date = date_of(rest) if rest else None
    if rest and date is None:
        return None  # "Versie 2 van de tekst die ..." is prose, not a version line
    if match["version"] is None and date is None:
        return None
    return VersionMention(line, match["version"], date)


def split_items(value: At, known: Iterable[str]) -> list[At]:
    """The items of a ``Data items`` line: known names first, longest first, else up to a comma.

    A known name may contain a comma ("Betalingsoverzicht, klantenrekening"); trying the
    longest known names first keeps it one item.
    """
    names = sorted({spaces(name) for name in known if name.strip()}, key=len, reverse=True)
    text, items, index = value.text, [], 0
    separators = ", " if "," in text or ";" not in text else "; "  # "Naam; adres; telefoon"
    while index < len(text):
        while index < len(text) and text[index] in separators:
            index += 1
        if index >= len(text):
            break
        end = next((index + len(n) for n in names if _item_at(text, index, n, separators)), -1)
        if end < 0:
            found = [at for at in (text.find(s, index) for s in separators.strip()) if at >= 0]
            end = min(found) if found else len(text)
        items.append(value.part(index, end))
        index = end
    return [item for item in items if item.text]


def _item_at(text: str, index: int, name: str, separators: str) -> bool:
    end = index + len(name)
    return text.startswith(name, index) and (end == len(text) or text[end:].lstrip()[:1] in separators.strip())


def sentences(text: str) -> list[str]:
    """``text`` cut after every full stop, question or exclamation mark, and at line ends."""
    return [spaces(part) for line in editor_lines(text) for part in _SENTENCE_END.split(line) if part.strip()]
