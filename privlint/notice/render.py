"""``privlint render``: the privacy notice written from the policy model.

The notice keeps the template's structure and wording style (``templates/notice_template.toml``):
title, table of contents, numbered sections; the data-item list, processing and sharing entries
(``Doel: ...``, ``Rechtsgrond: ...``, ``X ontvangt de data``), the rights list and the
supervisory authority written where the section's own prose introduces them (a paragraph
ending with ":"), the prose the model keeps in between. ``privlint import`` reads this output
back: for every field the template can express, importing a rendered policy gives the policy.

English uses the model's translations, then the template's own English for wording that is
the template's (headings, labels, the default text of each right); every text that has neither
is shown in the original language and listed at the end.

The document is built once (``build_document``) and formatted as plain text (the original's
layout), Markdown, or self-contained HTML (jinja2, autoescaped).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import ClassVar, Protocol
from urllib.parse import quote

from privlint import printable
from privlint.model import Address, Cookie, DataItem, Policy, Processing, Right, Section, Text
from privlint.notice.parser import contact_mentions_in
from privlint.notice.template import Block as TemplateBlock
from privlint.notice.template import Wording, fold, spaces, template

FORMATS = ("txt", "md", "html")


@dataclass(frozen=True, slots=True)
class Prose:
    """A paragraph (lines starting with "- " are bullets), in the language it is written in."""

    text: str
    language: str
    kind: ClassVar[str] = "prose"


@dataclass(frozen=True, slots=True)
class Bullets:
    items: tuple[Prose, ...]
    kind: ClassVar[str] = "bullets"


@dataclass(frozen=True, slots=True)
class EntryBlock:
    """A processing or sharing entry: its name, its ``Label: value`` fields, its sentences."""

    name: Prose
    bold: bool
    fields: tuple[tuple[str, Prose], ...]
    lines: tuple[Prose, ...]
    kind: ClassVar[str] = "entry"


@dataclass(frozen=True, slots=True)
class AddressBlock:
    text: str
    url: str | None
    kind: ClassVar[str] = "address"

    @property
    def link(self) -> str | None:
        """The URL when it is safe to link to (http or https only: never ``javascript:``)."""
        return self.url if self.url and self.url.lower().startswith(("http://", "https://")) else None


DocumentBlock = Prose | Bullets | EntryBlock | AddressBlock


@dataclass(frozen=True, slots=True)
class RenderedSection:
    id: str
    number: int
    heading: Prose
    blocks: tuple[DocumentBlock, ...]


@dataclass(frozen=True, slots=True)
class Document:
    language: str
    title: Prose
    version: str | None  # under the title: notice.version and notice.date in the template's words
    toc: str
    contents: tuple[Prose, ...]  # the entries of the table of contents, numbered
    subtitle: str
    sections: tuple[RenderedSection, ...]
    note: str | None
    untranslated_heading: str
    untranslated: tuple[str, ...]


def render_notice(policy: Policy, *, lang: str, output_format: str) -> str:
    """The notice for ``policy`` in language ``lang`` as ``txt``, ``md`` or ``html``."""
    formatters: dict[str, Callable[[Document], str]] = {"txt": to_text, "md": to_markdown, "html": to_html}
    if output_format not in formatters:
        raise ValueError(f"unknown notice format {output_format!r}; expected one of: {', '.join(FORMATS)}")
    return formatters[output_format](build_document(policy, language=lang))


def build_document(policy: Policy, *, language: str) -> Document:
    """The notice's structure and wording for ``policy`` in ``language``."""
    return _Builder(policy, language).document()


# --- wording shared with the importer's tests ------------------------------------------------------

_DURATION = re.compile(r"^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$")


def duration_words(duration: str, language: str) -> str | None:
    """An ISO 8601 duration in words ("P1Y6M" -> "1 jaar en 6 maanden"), or ``None``."""
    match = _DURATION.match(duration)
    if match is None or not any(match.groups()):
        return None
    tmpl = template()
    words = []
    for designator, number in zip("YMWD", match.groups(), strict=True):
        if number is not None:
            one, other = tmpl.unit(designator).forms.get(language) or tmpl.unit(designator).forms[tmpl.language]
            words.append(f"{int(number)} {one if int(number) == 1 else other}")
    return tmpl.wording["duration_joiner"][language].join(words)


def retention_phrase(duration: str | None, trigger: str | None, extension: str | None, language: str) -> str | None:
    """The retention sentence the template writes for structured facts, or ``None`` without facts."""
    tmpl = template()
    parts: list[str] = []
    words = duration_words(duration, language) if duration else None
    if words:
        parts.append(tmpl.say("duration", language, duration=words))
    since = tmpl.event(trigger) if trigger else None
    if since is not None:
        parts.append(since.since[language])
    until = tmpl.event(extension) if extension else None
    if until is not None:
        parts.append(tmpl.say("unless", language, until=until.until[language]))
    if not parts:
        return None
    text = ", ".join(parts)
    return text[0].upper() + text[1:]


def address_text(address: Address | None, *, language: str, separator: str = " ") -> str:
    """An address as the template writes it, its country named in ``language`` ("... 2260 Westerlo België")."""
    if address is None:
        return ""
    tmpl = template()
    country = tmpl.country(address.country) if address.country else None
    country_name = (country.names.get(language) or country.names["en"]) if country else address.country
    town = " ".join(part for part in (address.postcode, address.city) if part)
    return separator.join(part for part in (address.street, town, country_name) if part)


class _HasText(Protocol):
    @property
    def text(self) -> Text | None: ...


def _text_of(owner: _HasText | None) -> Text | None:
    """The prose a model object keeps for rendering (``controller.text``, ``security.text``, ...)."""
    return owner.text if owner is not None else None


class _Builder:
    def __init__(self, policy: Policy, language: str) -> None:
        self.policy = policy
        self.language = language
        self.tmpl = template()
        self.untranslated: dict[str, str] = {}  # pointer -> what it is
        self.items = {item.id: item for item in policy.data_items}
        self.recipients = {recipient.id: recipient for recipient in policy.recipients}
        self.hosted: set[str] = set()

    # --- texts and translations ----------------------------------------------------------------

    def text(self, text: Text | None, label: str) -> Prose | None:
        if text is None:
            return None
        value = text.get(self.language)
        if value is not None:
            return Prose(value, self.language)
        language, value = next(iter(text.by_language.items()))
        self.untranslated.setdefault(text.pointer, label)
        return Prose(value, language)

    def wording(self, wording: Wording) -> Prose:
        language = self.language if wording.has(self.language) else wording.original
        return Prose(wording[self.language], language)

    def template_text(self, text: Text | None, wording: Wording, label: str) -> Prose:
        """A text the template also has: the template's translation serves where the text is the template's."""
        if text is None:
            return self.wording(wording)
        if text.get(self.language) is None:
            original = text.get(self.tmpl.language)
            if original is not None and spaces(original) == spaces(wording[self.tmpl.language]):
                return self.wording(wording)
        prose = self.text(text, label)
        assert prose is not None  # noqa: S101 - text is not None
        return prose

    def say(self, key: str, **values: str) -> Prose:
        return Prose(self.tmpl.say(key, self.language, **values), self.language)

    # --- the document ----------------------------------------------------------------------------

    def document(self) -> Document:
        sections = tuple(self._sections())
        notice = self.policy.notice
        title = self.text(notice.title if notice else None, "notice title") or self.wording(
            self.tmpl.wording["default_title"]
        )
        listed = tuple(f"{label} ({pointer})" for pointer, label in self.untranslated.items())
        note = None
        if listed:
            note = self.tmpl.say(
                "untranslated_note", self.language, count=str(len(listed)), original=self.tmpl.language
            )
        return Document(
            language=self.language,
            title=title,
            version=self._version_line(),
            toc=self.tmpl.wording["toc"][self.language],
            contents=self._contents(sections),
            subtitle=self.tmpl.wording["subtitle"][self.language],
            sections=sections,
            note=note,
            untranslated_heading=self.tmpl.wording["untranslated_heading"][self.language],
            untranslated=listed,
        )

    def _version_line(self) -> str | None:
        """The notice's version and date as the template writes them, or ``None`` when it states neither."""
        notice = self.policy.notice
        version, day = (notice.version, notice.date) if notice else (None, None)
        date = _long_date(day, self.language) if day else None
        if version and date:
            return self.tmpl.say("version_and_date", self.language, version=version, date=date)
        if version:
            return self.tmpl.say("version_only", self.language, version=version)
        return self.tmpl.say("date_only", self.language, date=date) if date else None

    def _contents(self, sections: tuple[RenderedSection, ...]) -> tuple[Prose, ...]:
        """The table of contents as the model keeps it, where it has this language; else from the headings."""
        notice = self.policy.notice
        written = notice.table_of_contents if notice else ()
        entries = [entry.get(self.language) for entry in written]
        if written and all(entries):
            return tuple(Prose(entry, self.language) for entry in entries if entry)
        return tuple(Prose(f"{s.number}. {s.heading.text}", s.heading.language) for s in sections)

    def _sections(self) -> list[RenderedSection]:
        notice = self.policy.notice
        parts = [(s.id, self._heading(s.id, s), self._blocks(s.id, s)) for s in (notice.sections if notice else ())]
        for index, hosted in enumerate(self.tmpl.sections):
            if any(section_id == hosted.id for section_id, _, _ in parts):
                continue
            blocks = self._blocks(hosted.id, None)
            if blocks:
                at = self._insertion_point([section_id for section_id, _, _ in parts], index)
                parts.insert(at, (hosted.id, self.wording(hosted.heading), blocks))
        return [
            RenderedSection(section_id, number, heading, tuple(blocks))
            for number, (section_id, heading, blocks) in enumerate(parts, 1)
        ]

    def _insertion_point(self, ids: list[str], template_index: int) -> int:
        positions = [s.id for s in self.tmpl.sections]
        at = 0
        for position, section_id in enumerate(ids):
            if section_id in positions and positions.index(section_id) < template_index:
                at = position + 1
        return at

    def _heading(self, section_id: str, section: Section) -> Prose:
        heading = section.heading
        hosted = self.tmpl.section(section_id)
        if heading is None:
            return self.wording(hosted.heading) if hosted else Prose(section_id, self.language)
        original = heading.get(self.tmpl.language)
        if (
            hosted is not None
            and original is not None
            and fold(original) in {fold(written) for written in hosted.headings()}  # or one of its variants
            and heading.get(self.language) is None
            and hosted.heading.has(self.language)
        ):
            return self.wording(hosted.heading)
        prose = self.text(heading, f"section {section_id!r}: heading")
        assert prose is not None  # noqa: S101 - heading is a Text
        return prose

    def _paragraphs(self, section_id: str, section: Section | None) -> list[Prose]:
        prose = self.text(section.text if section else None, f"section {section_id!r}: text")
        if prose is None:
            return []
        return [Prose(part.strip("\n"), prose.language) for part in re.split(r"\n[ \t]*\n", prose.text) if part.strip()]

    def _blocks(self, section_id: str, section: Section | None) -> list[DocumentBlock]:
        paragraphs = self._paragraphs(section_id, section)
        if section_id in self.hosted:  # a second section with a template id: its prose only
            return list(paragraphs)
        self.hosted.add(section_id)
        lead, pending, trail = self._content(section_id, paragraphs)
        return [*lead, *self._place(paragraphs, pending), *trail]

    def _content(
        self, section_id: str, paragraphs: list[Prose]
    ) -> tuple[list[DocumentBlock], list[tuple[TemplateBlock, list[DocumentBlock]]], list[DocumentBlock]]:
        lead: list[DocumentBlock] = []
        pending: list[tuple[TemplateBlock, list[DocumentBlock]]] = []
        trail: list[DocumentBlock] = []
        block = self.tmpl.block
        policy = self.policy
        if section_id == "who_we_are":
            lead = self._who_we_are()
        elif section_id == "processing_personal_data":
            listed = self._listed_items()
            if listed:
                names = (self.text(i.name, f"data item {i.id!r}: name") or Prose(i.id, self.language) for i in listed)
                pending.append((block("data_items"), [Bullets(tuple(names))]))
            entries, trail = self._entries(policy.processing_activities)
            pending.append((block("processing_activities"), entries))
        elif section_id == "sharing_personal_data":
            entries, trail = self._entries(policy.sharing)
            pending.append((block("sharing"), entries))
            trail = [*self._categories(paragraphs), *trail]
        elif section_id == "exercising_your_rights":
            rights = [self._right(r) for r in policy.rights if r.right != "lodge_complaint"]
            pending.append((block("rights"), [Bullets(tuple(rights))] if rights else []))
        elif section_id == "website_and_cookies":
            pending, trail = self._website(paragraphs)
        elif section_id == "data_protection_authority":
            lead = self._authority()
        trail.extend(self._extra_prose(section_id))
        return lead, [(b, content) for b, content in pending if content], trail

    def _place(
        self, paragraphs: list[Prose], pending: list[tuple[TemplateBlock, list[DocumentBlock]]]
    ) -> list[DocumentBlock]:
        """The section's prose with each block after the paragraph that introduces it."""
        placed: list[DocumentBlock] = []
        for paragraph in paragraphs:
            placed.append(paragraph)
            for index, (block, content) in enumerate(pending):
                if _introduces(paragraph, block):
                    placed.extend(content)
                    del pending[index]
                    break
        for block, content in pending:
            placed.append(self.wording(block.default_intro))
            placed.extend(content)
        return placed

    # --- section content ---------------------------------------------------------------------------

    def _listed_items(self) -> list[DataItem]:
        """The items of the notice's data-item list: those about the notice's audience.

        Items declared for other data subjects (the supplier data a customer notice describes
        in prose) are named where their processing is, not in the audience's list.
        """
        audience = {ref.id for ref in self.policy.audience}
        return [
            item
            for item in self.policy.data_items
            if not (audience and item.subjects) or any(ref.id in audience for ref in item.subjects)
        ]

    def _who_we_are(self) -> list[DocumentBlock]:
        controller = self.policy.controller
        if controller is None:
            return []
        blocks: list[DocumentBlock] = []
        if controller.name:
            sentence = self.tmpl.say("we_are", self.language, name=controller.name)
            address = address_text(controller.address, language=self.language)
            if address:
                sentence += self.tmpl.say("with_address", self.language, address=address)
            if address and controller.enterprise_number:
                sentence += self.tmpl.wording["address_and_number"][self.language]
            if controller.enterprise_number:
                sentence += self.tmpl.say("with_number", self.language, number=controller.enterprise_number)
            blocks.append(Prose(sentence + ".", self.language))
        extra = self.text(_text_of(controller), "controller: text")
        if extra is not None:
            blocks.extend(Prose(p, extra.language) for p in re.split(r"\n[ \t]*\n", extra.text) if p.strip())
        contact = controller.privacy_contact
        if contact is not None and contact.name and contact.email and not self._contact_in_prose():
            role = self.tmpl.contact_role(contact.role or "other") or self.tmpl.contact_roles[-1]
            blocks.append(self.say("contact", name=contact.name, role=role.wording[self.language], email=contact.email))
        return blocks

    def _contact_in_prose(self) -> bool:
        """Whether the model's prose already names the contact in one of the template's sentences."""
        contact = self.policy.controller.privacy_contact if self.policy.controller else None
        if contact is None or self.policy.notice is None:
            return False
        for section in self.policy.notice.sections:
            for text in section.text.by_language.values() if section.text else ():
                if any(name == contact.name and email == contact.email for name, _, email in contact_mentions_in(text)):
                    return True
        return False

    def _entries(self, processings: Iterable[Processing]) -> tuple[list[DocumentBlock], list[DocumentBlock]]:
        """The entries, and the prose of nameless processings (described only in prose)."""
        entries: list[DocumentBlock] = []
        prose: list[DocumentBlock] = []
        for processing in processings:
            kept = _text_of(processing) if processing.name is None else None
            text = self.text(kept, f"{processing.owner}: text")
            if text is not None:
                prose.append(text)
            else:
                entries.append(self._entry(processing))
        return entries, prose

    def _entry(self, processing: Processing) -> EntryBlock:
        what = f"{processing.owner}"
        label = self._label
        fields: list[tuple[str, Prose]] = []
        description = self.text(processing.description, f"{what}: description")
        if description is not None:
            fields.append((label("description"), description))
        purposes = (self.text(purpose, f"{what}: purpose") for purpose in processing.purposes)
        fields.extend((label("purpose"), purpose) for purpose in purposes if purpose is not None)
        if processing.legal_basis is not None:
            fields.append((label("legal_basis"), self._legal_basis(processing, what)))
        retention = self._retention(processing, what)
        if retention is not None:
            fields.append((label("retention"), retention))
        if processing.data_items:
            names = ", ".join(self._item_name(ref.id, processing, what).text for ref in processing.data_items)
            fields.append((label("data_items"), Prose(names, self.language)))
        lines = [self.say("processed", location=self._location(ref.id)) for ref in processing.locations]
        lines += [self.say("receives", recipient=self._recipient(ref.id)) for ref in processing.recipients]
        name = self.text(processing.name, f"{what}: name") or Prose(processing.id, self.language)
        return EntryBlock(name, processing.kind == "processing_activity", tuple(fields), tuple(lines))

    def _legal_basis(self, processing: Processing, what: str) -> Prose:
        """The basis's label, with the interest (GDPR 6(1)(f)) or the law (6(1)(c)) the model names."""
        value = str(processing.legal_basis)
        basis = self.tmpl.legal_basis(value)
        label = self.wording(basis.wording) if basis else Prose(value, self.language)
        qualifier = self._basis_qualifier(processing, what) if basis else None
        if qualifier is None:
            return label
        form = "legal_basis_qualified_plain" if re.search(r"[()]", qualifier.text) else "legal_basis_qualified"
        # Legal text stays in the language it is written in; the label is the template's.
        return Prose(self.tmpl.say(form, self.language, basis=label.text, qualifier=qualifier.text), qualifier.language)

    def _basis_qualifier(self, processing: Processing, what: str) -> Prose | None:
        if processing.legal_basis == "legitimate_interest":
            return self.text(processing.legitimate_interest, f"{what}: legitimate interest")
        reference = processing.legal_obligation if processing.legal_basis == "legal_obligation" else None
        if reference is None:
            return None
        if reference.provision is None:
            return Prose(reference.law, self.language)
        law = self.tmpl.say("legal_reference", self.language, law=reference.law, provision=reference.provision)
        return Prose(law, self.language)

    def _label(self, key: str) -> str:
        return self.tmpl.field(key).label[self.language]

    def _retention(self, processing: Processing, what: str) -> Prose | None:
        retention = processing.retention
        if retention is None:
            return None
        if retention.text is not None:
            return self.text(retention.text, f"{what}: retention")
        phrase = retention_phrase(retention.duration, retention.trigger, retention.extension, self.language)
        return Prose(phrase, self.language) if phrase else None

    def _item_name(self, item_id: str, processing: Processing, what: str) -> Prose:
        item = self.items.get(item_id)
        candidates = [processing.data_item_names.get(item_id), item.name if item else None]
        present = [text for text in candidates if text is not None]
        for text in present:
            if text.get(self.language) is not None:
                return Prose(text.by_language[self.language], self.language)
        if present:
            prose = self.text(present[0], f"{what}: data item {item_id!r}")
            assert prose is not None  # noqa: S101 - present[0] is a Text
            return prose
        return Prose(item_id, self.language)

    def _location(self, code: str) -> str:
        area = self.tmpl.area(code)
        if area is not None:
            return area.wording[self.language]
        country = self.tmpl.country(code)
        return self.tmpl.say("in_country", self.language, country=country.in_text(self.language) if country else code)

    def _recipient(self, recipient_id: str) -> str:
        recipient = self.recipients.get(recipient_id)
        if recipient is None:
            return recipient_id
        name = recipient.name or recipient.id
        remark = self.text(_text_of(recipient), f"recipient {recipient.id!r}: text")
        return f"{name} {remark.text}" if remark else name

    def _right(self, right: Right) -> Prose:
        known = self.tmpl.right(right.right)
        if known is None:
            return self.text(right.text, f"right {right.right!r}") or Prose(right.right, self.language)
        return self.template_text(right.text, known.text, f"right {right.right!r}")

    def _categories(self, paragraphs: list[Prose]) -> list[DocumentBlock]:
        """The recipient categories, unless the section's prose already names them all."""
        said = " ".join(fold(p.text) for p in paragraphs)
        texts = [self.text(c, "recipient category") for c in self.policy.recipient_categories]
        names = [t.text for t in texts if t is not None]
        if not names or all(fold(name) in said for name in names):
            return []
        return [self.say("recipient_categories", categories=", ".join(names))]

    def _authority(self) -> list[DocumentBlock]:
        """The complaint sentence, then the authority's name, address, site and e-mail it does not state itself.

        "Je kan een klacht indienen bij de Gegevensbeschermingsautoriteit, Drukpersstraat 35, 1000
        Brussel." names the authority and its address: they are not repeated under it.
        """
        blocks: list[DocumentBlock] = []
        said = " "
        complaint = next((r for r in self.policy.rights if r.right == "lodge_complaint"), None)
        if complaint is not None:
            sentence = self._right(complaint)
            blocks.append(sentence)
            said = f" {fold(sentence.text)} "
        authority = self.policy.supervisory_authority
        if authority is None:
            return blocks

        def unsaid(text: str | None) -> str | None:
            return text if text and f" {fold(text)} " not in said else None

        # Only a sentence that gives the address names the authority ("... aan de
        # gegevensbeschermingsautoriteit op het volgende adres :" is followed by the block).
        address = unsaid(self._address_text(authority.address)) or ""
        stated = bool(authority.address) and not address
        name = unsaid(authority.name) if stated else authority.name
        url, email = unsaid(authority.url), unsaid(authority.email)
        if name:
            blocks.append(Prose(name, self.language))
        if address or url:
            blocks.append(AddressBlock(address, url))
        if email:
            blocks.append(Prose(email, self.language))
        return blocks

    def _address_text(self, address: Address | None) -> str:
        """The authority's address on one line: street, postcode and town, country."""
        if address is None:
            return ""
        town = " ".join(p for p in (address.postcode, address.city) if p)
        country = address_text(Address(None, None, None, address.country, ""), language=self.language, separator="")
        return ", ".join(p for p in (address.street, town, country) if p)

    def _extra_prose(self, section_id: str) -> list[DocumentBlock]:
        """Prose the model keeps outside the sections (processor role, security, website, ...)."""
        policy = self.policy
        sources: dict[str, list[tuple[Text | None, str]]] = {
            "processing_on_your_behalf": [(_text_of(policy.processor_role), "processor_role: text")],
            "security_and_confidentiality": [(_text_of(policy.security), "security: text")],
            "website_and_cookies": [
                (_text_of(policy.website.external_links if policy.website else None), "website external_links: text"),
            ],
            "social_media": [
                (_text_of(policy.social_media), "social_media: text"),
                (_text_of(policy.social_media.events if policy.social_media else None), "social_media events: text"),
            ],
            "data_protection_authority": [(_text_of(policy.supervisory_authority), "authority: text")],
        }
        blocks: list[DocumentBlock] = []
        for text, label in sources.get(section_id, []):
            prose = self.text(text, label)
            if prose is not None:
                blocks.extend(Prose(p, prose.language) for p in re.split(r"\n[ \t]*\n", prose.text) if p.strip())
        return blocks

    def _website(
        self, paragraphs: list[Prose]
    ) -> tuple[list[tuple[TemplateBlock, list[DocumentBlock]]], list[DocumentBlock]]:
        """The cookie list after the paragraph introducing it, else after the cookie prose with the default intro."""
        prose: list[DocumentBlock] = list(self._cookie_prose())
        cookies = self._cookie_list()
        block = self.tmpl.block("cookies")
        if cookies is None:
            return [], prose
        if any(_introduces(p, block) for p in paragraphs):
            return [(block, [cookies])], prose
        if prose and isinstance(prose[-1], Prose) and _introduces(prose[-1], block):
            return [], [*prose, cookies]
        return [], [*prose, self.wording(block.default_intro), cookies]

    def _cookie_prose(self) -> list[Prose]:
        # The template writes the cookie sentences and the server-log sentence as one paragraph.
        website = self.policy.website
        parts = [
            self.text(_text_of(website.cookies if website else None), "website cookies: text"),
            self.text(_text_of(website.server_logs if website else None), "website server_logs: text"),
        ]
        present = [p for p in parts if p is not None]
        return [Prose(" ".join(p.text for p in present), present[0].language)] if present else []

    def _cookie_list(self) -> Bullets | None:
        cookies = self.policy.website.cookie_list if self.policy.website else ()
        return Bullets(tuple(self._cookie(cookie) for cookie in cookies)) if cookies else None

    def _cookie(self, cookie: Cookie) -> Prose:
        """The cookie's own text in this language; else its facts in the template's words; else its text."""
        what = f"cookie {cookie.name!r}"
        if cookie.text is not None and cookie.text.get(self.language) is not None:
            return Prose(cookie.text.by_language[self.language], self.language)
        facts = self._cookie_facts(cookie, what)
        if not facts and cookie.text is not None:
            prose = self.text(cookie.text, f"{what}: text")
            assert prose is not None  # noqa: S101 - cookie.text is not None
            return prose
        name = cookie.name
        if cookie.provider:
            name = self.tmpl.say("cookie_provider", self.language, name=name, provider=cookie.provider)
        if not facts:
            return Prose(name, self.language)
        language = next((p.language for p in facts if p.language != self.language), self.language)
        text = self.tmpl.say("cookie_bullet", self.language, name=name, facts=", ".join(p.text for p in facts))
        return Prose(text, language)

    def _cookie_facts(self, cookie: Cookie, what: str) -> list[Prose]:
        """Category, lifetime, party and purpose, as far as the model states them."""
        facts = [self.say(f"cookie_{cookie.category}")] if cookie.category else []
        if cookie.session:
            facts.append(self.say("cookie_session"))
        elif cookie.duration:
            # A lifetime in hours, minutes or seconds has no words in the template: the ISO duration.
            facts.append(Prose(duration_words(cookie.duration, self.language) or cookie.duration, self.language))
        if cookie.party:
            facts.append(self.say(f"cookie_{cookie.party}_party"))
        purpose = self.text(cookie.purpose, f"{what}: purpose")
        if purpose is not None:
            facts.append(purpose)
        return facts


def _introduces(paragraph: Prose, block: TemplateBlock) -> bool:
    """Whether ``paragraph`` is the introduction of ``block``: it ends with ":" and uses one of its patterns."""
    if not paragraph.text.rstrip().endswith(":"):
        return False
    folded = f" {fold(paragraph.text)} "
    return any(f" {fold(pattern)} " in folded for pattern in block.patterns)


def _long_date(day: str, language: str) -> str:
    """An ISO date written out in ``language`` ("2026-03-15" -> "15 maart 2026"), from CLDR (babel)."""
    import datetime as dt  # noqa: PLC0415

    from babel.dates import format_date  # noqa: PLC0415 - only a notice with a date needs it

    try:
        return format_date(dt.date.fromisoformat(day), "d MMMM y", locale=language)
    except ValueError:
        return day  # the schema admits only dates; a library caller's other text is shown as given


# --- formats ---------------------------------------------------------------------------------------


def to_text(document: Document) -> str:
    """Plain text in the layout of the published notice."""
    lines = [document.title.text, ""]
    if document.version:
        lines += [document.version, ""]
    if document.note:
        lines += [document.note, ""]
    if document.sections:
        lines += [document.toc, "", *(entry.text for entry in document.contents), ""]
    lines += [document.subtitle, ""]
    for section in document.sections:
        lines += [f"{section.number}. {section.heading.text}", ""]
        for block in section.blocks:
            lines += [*_text_lines(block), ""]
    if document.untranslated:
        lines += [document.untranslated_heading, "", *(f"- {entry}" for entry in document.untranslated), ""]
    return printable.document("\n".join(lines).rstrip("\n") + "\n")


def _text_lines(block: DocumentBlock) -> list[str]:
    if isinstance(block, Prose):
        return block.text.splitlines()
    if isinstance(block, Bullets):
        return [f"- {item.text}" for item in block.items]
    if isinstance(block, AddressBlock):
        return [f"{block.text} <{printable.line(block.url)}>".strip() if block.url else block.text]
    lines = [f"- **{block.name.text}**" if block.bold else f"- {block.name.text}", ""]
    for label, value in block.fields:
        lines += [f"{label}: {value.text}", ""]
    for line in block.lines:
        lines += [line.text, ""]
    return lines[:-1]


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def _md(text: str) -> str:
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return re.sub(r"^(\d+)\.", r"\1\\.", re.sub(r"^([+-])", r"\\\1", escaped))


def _md_numbered(text: str) -> str:
    """An entry "3. HEADING" as a Markdown list item (its number kept), other text escaped."""
    numbered = re.match(r"^(\d+)\.\s+(.*)$", text)
    return f"{numbered[1]}. {_md(numbered[2])}" if numbered else _md(text)


def _md_url(block: AddressBlock) -> str:
    """An autolink for an http(s) URL, percent-encoded so that it cannot end early; else escaped text."""
    link = block.link
    if link is None:
        return _md(printable.line(block.url or ""))
    return f"<{quote(link, safe=_URL_SAFE)}>"


# RFC 3986 reserved and unreserved characters but the brackets (IPv6 hosts only; in Markdown
# they start links), and '%' (an URL may already be encoded); everything else (space, '<',
# '>', quotes, backslash, controls) is percent-encoded.
_URL_SAFE = ":/?#@!$&'()*+,;=%~"


def to_markdown(document: Document) -> str:
    """Markdown: the same structure, headings for sections and entries."""
    lines = [f"# {_md(document.title.text)}", ""]
    if document.version:
        lines += [_md(document.version), ""]
    if document.note:
        lines += [f"> {_md(document.note)}", ""]
    if document.sections:
        lines += [f"## {_md(document.toc)}", ""]
        lines += [_md_numbered(entry.text) for entry in document.contents] + [""]
    lines += [f"**{_md(document.subtitle)}**", ""]
    for section in document.sections:
        lines += [f"## {section.number}. {_md(section.heading.text)}", ""]
        for block in section.blocks:
            lines += [*_markdown_lines(block), ""]
    if document.untranslated:
        lines += [f"## {_md(document.untranslated_heading)}", ""]
        lines += [f"- {_md(entry)}" for entry in document.untranslated] + [""]
    return printable.document("\n".join(lines).rstrip("\n") + "\n")


def _markdown_lines(block: DocumentBlock) -> list[str]:
    if isinstance(block, Prose):
        lines = []
        for kind, parts in prose_parts(block.text):
            if kind == "ul":
                lines += [f"- {_md(part)}" for part in parts]
            else:
                lines.append("\\\n".join(_md(part) for part in parts))
        return lines
    if isinstance(block, Bullets):
        return [f"- {_md(item.text)}" for item in block.items]
    if isinstance(block, AddressBlock):
        return [f"{_md(block.text)} {_md_url(block)}".strip() if block.url else _md(block.text)]
    lines = [f"### {_md(block.name.text)}", ""]
    lines += [f"- **{_md(label)}:** {_md(value.text)}" for label, value in block.fields]
    lines += [f"- {_md(line.text)}" for line in block.lines]
    return lines


def prose_parts(text: str) -> list[tuple[str, list[str]]]:
    """A paragraph as runs of plain lines ("p") and of bullets ("ul", without their "- ")."""
    parts: list[tuple[str, list[str]]] = []
    for line in text.splitlines():
        kind, content = ("ul", line[2:]) if line.startswith("- ") else ("p", line)
        if parts and parts[-1][0] == kind:
            parts[-1][1].append(content)
        else:
            parts.append((kind, [content]))
    return parts


def to_html(document: Document) -> str:
    """A self-contained HTML page (no external resources), every text autoescaped."""
    import jinja2  # noqa: PLC0415 - only this format needs it

    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("privlint.notice", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    page = environment.get_template("notice.html.j2")
    return printable.document(page.render(document=document, prose_parts=prose_parts), colon="&#58;")
