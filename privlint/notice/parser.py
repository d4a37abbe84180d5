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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from privlint.model import Kind
from privlint.notice.template import fold, has_word_prefix, spaces, template

_BULLET = re.compile(r"^[-*\u2022]\s+(?P<text>\S.*)$")
_HEADING = re.compile(r"^(?P<number>\d{1,2})\.\s+(?P<text>\S.*)$")
_LABEL = re.compile(r"^(?P<label>[^:]{1,40}?)\s*:\s*(?P<value>\S.*)$")
_UNKNOWN_LABEL = re.compile(r"^[A-Z][^:.]{0,39}:\s+\S")
EMAIL = r"[^\s@<>(),;:]+@[^\s@<>(),;:]+\.[A-Za-z]{2,}"
_EMAIL_LINE = re.compile(rf"^(?:e-?mail\s*:\s*)?(?P<email>{EMAIL})$", re.IGNORECASE)
_URL_LINE = re.compile(r"^<?(?P<url>https?://[^\s<>]+)>?$")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
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


@dataclass(frozen=True, slots=True)
class ContactMention:
    at: At
    name: str
    role: str
    email: str


@dataclass(slots=True)
class AuthorityMention:
    name: At | None = None
    address_line: At | None = None
    address: Address | None = None
    url: At | None = None
    email: At | None = None


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

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)


# --- reading the document ---------------------------------------------------------------------

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


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
    after_toc = toc[-1].line if toc else toc_at + 1
    headings = _headings(lines, toc, start=after_toc)
    body_start = headings[0] if headings else _preamble_end(lines, toc_at, after_toc)
    _preamble(notice, lines[:body_start], toc_at, toc)
    if not headings:
        notice.sections.append(Section(None, None, None))
        _read_section(notice, notice.sections[0], lines[body_start:], first=True)
        return notice
    for index, start in enumerate(headings):
        end = headings[index + 1] if index + 1 < len(headings) else len(lines)
        heading = lines[start]
        match = _HEADING.match(heading.text)
        assert match is not None  # noqa: S101 - _headings only returns matching lines
        title = heading.part(match.start("text"))
        found = template().section_for_heading(title.text)
        section = Section(found.id if found else None, heading.part(0, match.end("number")), title)
        notice.sections.append(section)
        _read_section(notice, section, lines[start + 1 : end], first=index == 0)
    return notice


def _line(raw: str, number: int) -> At:
    stripped = raw.strip()
    return At(stripped, number, len(raw) - len(raw.lstrip()) + 1 if stripped else 1)


def _table_of_contents(lines: Sequence[At]) -> tuple[int, list[At]]:
    label = fold(template().wording["toc"][template().language])
    at = next((i for i, line in enumerate(lines) if line.text and fold(line.text) == label), -1)
    if at < 0:
        return -1, []
    entries: list[At] = []
    for line in lines[at + 1 :]:
        if not line.text:
            if entries:
                break
            continue
        if not _HEADING.match(line.text):
            break
        entries.append(line)
    return at, entries


def _headings(lines: Sequence[At], toc: Sequence[At], start: int) -> list[int]:
    toc_titles = {fold(_HEADING.sub(r"\g<text>", entry.text)) for entry in toc}
    found: list[int] = []
    for index in range(start, len(lines)):
        match = _HEADING.match(lines[index].text)
        if match and int(match["number"]) == len(found) + 1 and _looks_like_heading(match["text"], toc_titles):
            found.append(index)
    return found


def _looks_like_heading(text: str, toc_titles: set[str]) -> bool:
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
    subtitle = fold(template().wording["subtitle"][template().language])
    following = next((i for i in range(index, len(lines)) if lines[i].text), None)
    if following is not None and fold(lines[following].text) == subtitle:
        return following + 1
    return index


def _preamble(notice: ParsedNotice, lines: Sequence[At], toc_at: int, toc: Sequence[At]) -> None:
    words = template().wording
    subtitle = fold(words["subtitle"][template().language])
    skip = {toc_at, *(line.line - 1 for line in toc)}
    filled = [line for index, line in enumerate(lines) if line.text and index not in skip]
    if filled and _is_title(filled[0], lines, toc_at):
        notice.title = filled.pop(0)
    for line in filled:
        if fold(line.text) != subtitle:
            notice.unplaced.append(line)


def _is_title(line: At, lines: Sequence[At], toc_at: int) -> bool:
    if _BULLET.match(line.text) or _field(line) is not None or len(line.text) > _MAX_HEADING:
        return False
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


def _read_section(notice: ParsedNotice, section: Section, lines: Sequence[At], *, first: bool) -> None:
    paragraphs = _paragraphs(lines)
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
        if intro in {"data_items", "rights"} and _is_bullets(paragraph):
            index = _read_list(notice, intro, paragraphs, index)
            intro = None
            continue
        opening = index == 0 and (first or section.id == "who_we_are")
        if _read_structured(notice, section, paragraph, first=opening):
            intro = None
            index += 1
            continue
        block, default = _intro(paragraph)
        if not default:
            section.prose.append(paragraph)
            notice.contacts.extend(_contact_mentions(paragraph))
        intro = block
        if block == "data_items" and notice.data_list_intro is None:
            notice.data_list_intro = paragraph[0]
        if block == "rights":
            notice.rights_intro = paragraph[0]
        if block in {"processing_activities", "sharing"}:
            entry_kind = "processing_activity" if block == "processing_activities" else "sharing"
        index += 1


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
        if text == spaces(block.default_intro[template().language]):
            return block.key, True
    if not text.endswith(":"):
        return None, False
    folded = f" {fold(text)} "
    for block in template().blocks:
        if any(f" {fold(pattern)} " in folded for pattern in block.patterns):
            return block.key, False
    return None, False


def _read_list(notice: ParsedNotice, block: str, paragraphs: Sequence[Paragraph], index: int) -> int:
    items: list[At] = []
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
        return index
    for item in items:
        right = right_of(item.text)
        notice.rights.append(RightMention(right, item))
        if right is None:
            notice.unplaced.append(item)
    return index


# --- entries ----------------------------------------------------------------------------------


def _starts_entry(paragraphs: Sequence[Paragraph], index: int) -> bool:
    paragraph = paragraphs[index]
    if not _is_bullets(paragraph):
        return False
    if len(paragraph) > 1:
        return _field(paragraph[1]) is not None
    return index + 1 < len(paragraphs) and _field(paragraphs[index + 1][0]) is not None


def _read_entry(
    notice: ParsedNotice, section: Section, paragraphs: Sequence[Paragraph], index: int, kind: Kind | None
) -> int:
    head = paragraphs[index][0]
    match = _BULLET.match(head.text)
    assert match is not None  # noqa: S101 - _starts_entry checked it
    name = head.part(match.start("text"))
    bold = name.text.startswith("**") and name.text.endswith("**") and len(name.text) > 4
    if bold:
        name = name.part(2, -2)
    entry = Entry(name, bold, kind or "processing_activity", section.id)
    last = _read_entry_lines(notice, entry, paragraphs[index][1:], None)
    index += 1
    while index < len(paragraphs):
        paragraph = paragraphs[index]
        if _field(paragraph[0]) is not None:
            last = _read_entry_lines(notice, entry, paragraph, last)
        elif _is_sandwiched_label(paragraphs, index):
            entry.other.extend(paragraph)
            notice.unplaced.extend(paragraph)
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
                notice.unplaced.append(line)
            continue
        key, value = found
        if not _set_field(entry, key, value):
            entry.other.append(line)
            notice.unplaced.append(line)
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
    if key in {"location", "recipient"}:
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
            return key, line.part(labelled.start("value"))
    for key, pattern in (("location", _processed()), ("recipient", _receives())):
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
def _processed() -> re.Pattern[str]:
    words = template().wording["processed"][template().language].replace("{location}", "{value}")
    return re.compile("^" + _sentence_pattern(words, value=r".+?") + r"\s*\.?$", re.IGNORECASE)


@functools.cache
def _receives() -> re.Pattern[str]:
    words = template().wording["receives"][template().language].replace("{recipient}", "{value}")
    return re.compile("^" + _sentence_pattern(words, value=r".+?") + r"\s*\.?$", re.IGNORECASE)


# --- controller, contact, supervisory authority -----------------------------------------------


def _read_structured(notice: ParsedNotice, section: Section, paragraph: Paragraph, *, first: bool) -> bool:
    """Read a paragraph that is one of the template's sentences; ``True`` when it was."""
    text = spaces(" ".join(line.text for line in paragraph))
    at = At(text, paragraph[0].line, paragraph[0].column)
    if first and notice.controller is None and section.id in {"who_we_are", None}:
        controller = _controller(at)
        if controller is not None:
            notice.controller = controller
            return True
    contact = _default_contact().fullmatch(text)
    if contact is not None:
        notice.contacts.append(_contact(at, contact))
        return True
    if section.id == "data_protection_authority":
        return _read_authority(notice, at, single_line=len(paragraph) == 1)
    return False


def _controller(at: At) -> ControllerMention | None:
    if len(at.text) > _MAX_SENTENCE or not at.text.endswith("."):
        return None  # the template's sentence is short; long text is prose (and is not backtracked over)
    match = _controller_pattern().fullmatch(at.text)
    if match is None:
        return None
    address = None
    if match["address"] is not None:
        address = parse_address(match["address"])
        if address is None:
            return None
    number = at.part(match.start("number"), match.end("number")) if match["number"] else None
    return ControllerMention(at, at.part(match.start("name"), match.end("name")), address, number)


@functools.cache
def _controller_pattern() -> re.Pattern[str]:
    words, language = template().wording, template().language
    name = _sentence_pattern(words["we_are"][language], name=r".+?")
    address = _sentence_pattern(words["with_address"][language].lstrip(), address=r".+?")
    both = _sentence_pattern(words["address_and_number"][language].lstrip())
    number = _sentence_pattern(words["with_number"][language].lstrip(), number=r"\S+?")
    return re.compile(rf"{name}(?:\s+{address})?(?:\s+{both})?(?:\s+{number})?\.")


def parse_address(text: str) -> Address | None:
    """``street postcode city [country]`` as the controller sentence writes it."""
    match = _address_pattern().fullmatch(spaces(text))
    if match is None:
        return None
    country = country_of(match["country"]) if match["country"] else None
    return Address(match["street"], match["postcode"], match["city"], country)


@functools.cache
def _address_pattern() -> re.Pattern[str]:
    return re.compile(
        rf"(?P<street>.+?)\s+(?P<postcode>\d{{4,5}})\s+(?P<city>.+?)(?:\s+(?P<country>{_country_names()}))?",
        re.IGNORECASE,
    )


@functools.cache
def _authority_address() -> re.Pattern[str]:
    return re.compile(
        rf"(?P<street>.+?),\s*(?P<postcode>\d{{4,5}})\s+(?P<city>[^,<]+?)"
        rf"(?:,\s*(?P<country>{_country_names()}))?(?:\s*<(?P<url>[^<>\s]+)>)?",
        re.IGNORECASE,
    )


@functools.cache
def _country_names() -> str:
    names = {name for country in template().countries for name in (*country.names.values(), *country.also)}
    return "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))


def country_of(name: str) -> str | None:
    """The ISO code of a country named in the notice (Dutch, English or a listed alias)."""
    wanted = fold(name)
    for country in template().countries:
        if wanted in {fold(n) for n in (*country.names.values(), *country.also)}:
            return country.code
    return None


def _read_authority(notice: ParsedNotice, at: At, *, single_line: bool) -> bool:
    if notice.complaint is None and right_of(at.text) == "lodge_complaint":
        notice.complaint = at
        return True
    authority = notice.authority or AuthorityMention()
    if _read_authority_line(authority, at, single_line=single_line):
        notice.authority = authority
        return True
    return False


def _read_authority_line(authority: AuthorityMention, at: At, *, single_line: bool) -> bool:
    address = _authority_address().fullmatch(at.text) if len(at.text) <= _MAX_SENTENCE else None
    if address is not None and authority.address is None:
        country = country_of(address["country"]) if address["country"] else None
        authority.address_line = at
        authority.address = Address(address["street"], address["postcode"], address["city"], country)
        if address["url"]:
            authority.url = at.part(address.start("url"), address.end("url"))
        return True
    url, email = _URL_LINE.fullmatch(at.text), _EMAIL_LINE.fullmatch(at.text)
    if url is not None and authority.url is None:
        authority.url = at.part(url.start("url"), url.end("url"))
        return True
    if email is not None and authority.email is None:
        authority.email = at.part(email.start("email"), email.end("email"))
        return True
    if authority.name is None and single_line and _looks_like_a_name(at.text):
        authority.name = at
        return True
    return False


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
    groups = {"name": r"[^.!?:;\n]+?", "role": _role_names(), "email": EMAIL}
    return tuple(
        re.compile(("(?:^|(?<=[.!?:] ))" if words.startswith("{name}") else "") + _sentence_pattern(words, **groups))
        for words in template().contact_mentions
    )


@functools.cache
def _default_contact() -> re.Pattern[str]:
    words = template().wording["contact"][template().language]
    return re.compile(_sentence_pattern(words, name=r"[^.!?:;\n]+?", role=_role_names(), email=EMAIL))


def _contact(at: At, match: re.Match[str]) -> ContactMention:
    role = role_of(match["role"])
    assert role is not None  # noqa: S101 - the pattern only accepts known roles
    return ContactMention(at.part(match.start(), match.end()), spaces(match["name"]), role, match["email"])


def _contact_mentions(paragraph: Paragraph) -> list[ContactMention]:
    found: list[ContactMention] = []
    for line in paragraph:
        for pattern in _mention_patterns():
            found.extend(_contact(line, match) for match in pattern.finditer(line.text))
    return sorted(found, key=lambda mention: (mention.at.line, mention.at.column))


def contact_mentions_in(text: str) -> list[tuple[str, str, str]]:
    """The contacts (name, role, email) that ``text`` names in one of the template's sentences."""
    paragraph = tuple(At(line.strip(), number, 1) for number, line in enumerate(editor_lines(text), 1))
    return [(m.name, m.role, m.email) for m in _contact_mentions(paragraph)]


# --- values -----------------------------------------------------------------------------------


def legal_basis_of(label: str) -> str | None:
    """The legal basis a ``Rechtsgrond`` label names (case and accents ignored), or ``None``."""
    wanted = fold(label)
    for basis in template().legal_bases:
        if wanted in {fold(name) for name in basis.labels}:
            return basis.value
    return None


def right_of(text: str) -> str | None:
    """The right a bullet of the rights list states: the one whose keyword comes first."""
    folded = fold(text)
    found: list[tuple[int, str]] = []
    for right in template().rights:
        positions = [p for p in (has_word_prefix(folded, k) for k in right.keywords) if p is not None]
        if positions:
            found.append((min(positions), right.value))
    return min(found)[1] if found else None


@dataclass(frozen=True, slots=True)
class RetentionFacts:
    duration: str | None
    trigger: str | None
    extension: str | None


def retention_of(text: str) -> RetentionFacts:
    """The structured facts a ``Bewaringstermijn`` text states unambiguously."""
    folded = fold(text)
    return RetentionFacts(_duration(folded), _event(folded, since=True), _event(folded, since=False))


def _duration(folded: str) -> str | None:
    tmpl = template()
    words = {fold(word): unit.designator for unit in tmpl.units for word in unit.words()}
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    joiner = fold(tmpl.wording["duration_joiner"][tmpl.language])
    one = rf"(\d+) ({alternatives})\b"
    runs = list(re.finditer(rf"\b{one}(?: {re.escape(joiner)} {one})*", folded))
    if len(runs) != 1:
        return None
    parts: dict[str, str] = {}
    for number, word in re.findall(one, runs[0].group()):
        designator = words[word]
        if designator in parts:
            return None
        parts[designator] = str(int(number))
    return "P" + "".join(f"{parts[d]}{d}" for d in "YMWD" if d in parts)


def _event(folded: str, *, since: bool) -> str | None:
    padded = f" {folded} "
    found: set[str] = set()
    for event in template().events:
        phrase = fold((event.since if since else event.until)[template().language])
        extra = event.since_also if since else event.until_also
        if f" {phrase} " in padded or any(pattern.search(folded) for pattern in extra):
            found.add(event.value)
    return found.pop() if len(found) == 1 else None


def locations_of(text: str) -> list[str]:
    """The locations a ``Data wordt verwerkt ...`` sentence names, in the order it names them."""
    folded = fold(text)
    padded = f" {folded} "
    found: list[tuple[int, str]] = []
    for area in template().areas:
        for pattern in area.patterns:
            match = pattern.search(folded)
            if match:
                found.append((match.start(), area.value))
                break
    for country in template().countries:
        for name in (*country.names.values(), *country.also):
            position = padded.find(f" {fold(name)} ")
            if position >= 0:
                found.append((position, country.code))
                break
    ordered: list[str] = []
    for _, code in sorted(found):
        if code not in ordered:
            ordered.append(code)
    return ordered


def split_items(value: At, known: Iterable[str]) -> list[At]:
    """The items of a ``Data items`` line: known names first, longest first, else up to a comma.

    A known name may contain a comma ("Betalingsoverzicht, klantenrekening"); trying the
    longest known names first keeps it one item.
    """
    names = sorted({spaces(name) for name in known if name.strip()}, key=len, reverse=True)
    text, items, index = value.text, [], 0
    while index < len(text):
        while index < len(text) and text[index] in ", ":
            index += 1
        if index >= len(text):
            break
        end = next((index + len(n) for n in names if _item_at(text, index, n)), -1)
        if end < 0:
            comma = text.find(",", index)
            end = len(text) if comma < 0 else comma
        items.append(value.part(index, end))
        index = end
    return [item for item in items if item.text]


def _item_at(text: str, index: int, name: str) -> bool:
    end = index + len(name)
    return text.startswith(name, index) and (end == len(text) or text[end:].lstrip().startswith(","))


def sentences(text: str) -> list[str]:
    """``text`` cut after every full stop, question or exclamation mark, and at line ends."""
    return [spaces(part) for line in editor_lines(text) for part in _SENTENCE_END.split(line) if part.strip()]
