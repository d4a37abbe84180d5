"""``privlint diff``: where the published notice and the policy model disagree (rules DRF001-DRF012).

The notice is read with the importer's reader (``privlint.notice.parser``), so "what the notice
says" means the same thing for ``import`` and ``diff``. Both directions are checked: what the
notice says that the model does not (located at the notice's line and column), and what the
model says that the notice does not (located where the notice should have said it: the entry,
the list, or the heading of the section that holds it). Prose is compared sentence by sentence
with every text the policy files keep (read from the merged source data, so texts the typed
model does not carry are compared too).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from privlint import pointers
from privlint.loading import display_name
from privlint.model import Address, Policy, Processing, Text
from privlint.notice import parser
from privlint.notice.parser import At, Entry, ParsedNotice
from privlint.notice.template import fold, spaces, template

_ELLIPSIS = 70  # longest quotation in a message
_CONTEXT = 20  # characters quoted before the first difference


class NoticeReadError(click.ClickException):
    """The notice file cannot be read as UTF-8 text."""


@dataclass(frozen=True, slots=True)
class Drift:
    code: str
    at: At
    pointer: str
    message: str


def read_notice(notice: Path) -> ParsedNotice:
    """The published notice at ``notice``, read as ``privlint import`` reads it."""
    try:
        text = notice.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise NoticeReadError(f"cannot read {display_name(notice)}: {error}") from error
    return parser.parse(text)


def differences(policy: Policy, data: Mapping[str, Any], notice: ParsedNotice) -> Iterator[Drift]:
    """Every disagreement between the model (``policy``, its raw ``data``) and the read ``notice``."""
    comparison = _Comparison(policy, data, notice)
    yield from comparison.processings()
    yield from comparison.declared_items()
    yield from comparison.rights()
    yield from comparison.identity()
    yield from comparison.prose()


def _quote(text: str) -> str:
    text = spaces(text)
    return repr(text if len(text) <= _ELLIPSIS else text[: _ELLIPSIS - 3] + "...")


def _contrast(said: str, recorded: str) -> str:
    """Both texts quoted: whole when short, else around the first place they differ."""
    said, recorded = spaces(said), spaces(recorded)
    if max(len(said), len(recorded)) <= _ELLIPSIS:
        return f"the notice says {said!r}, the model {recorded!r}"
    start = next(
        (i for i, (a, b) in enumerate(zip(said, recorded, strict=False)) if a != b), min(len(said), len(recorded))
    )
    start = max(0, start - _CONTEXT)
    return f"the notice says {_excerpt(said, start)}, the model {_excerpt(recorded, start)}"


def _excerpt(text: str, start: int) -> str:
    piece = text[start : start + _ELLIPSIS]
    return repr(("..." if start else "") + piece + ("..." if start + _ELLIPSIS < len(text) else ""))


def _nl(text: Text | None) -> str | None:
    value = text.get(template().language) if text is not None else None
    return spaces(value) if value is not None else None


class _Comparison:
    def __init__(self, policy: Policy, data: Mapping[str, Any], notice: ParsedNotice) -> None:
        self.policy = policy
        self.data = data
        self.notice = notice
        self.start = At("", 1, 1)
        self.items = {item.id: item for item in policy.data_items}
        self.recipients = {recipient.id: recipient for recipient in policy.recipients}
        self.folded_notice = " " + fold(" ".join(line.text for line in notice.lines)) + " "
        self.matched: dict[str, Entry] = {}  # processing pointer -> its entry

    # --- where the notice should have said something ------------------------------------------------

    def heading_of(self, model_key: str) -> At:
        hosted = template().host_of(model_key)
        section = self.notice.section(hosted.id) if hosted else None
        if section is not None and section.heading is not None:
            return section.heading
        return self.start

    def place_of(self, pointer: str) -> At:
        tokens = pointers.tokens(pointer)
        if not tokens:
            return self.start
        if tokens[0] in {"processing_activities", "sharing"} and len(tokens) > 1:
            entry = self.matched.get(pointers.join(*tokens[:2]))
            if entry is not None:
                return entry.name
        if tokens[0] == "notice" and len(tokens) > 2 and tokens[1] == "sections":
            found = self._section_at(int(tokens[2]))
            if found is not None:
                return found
        return self.heading_of(tokens[0])

    def _section_at(self, index: int) -> At | None:
        sections = self.policy.notice.sections if self.policy.notice else ()
        if index >= len(sections):
            return None
        wanted = sections[index]
        heading = _nl(wanted.heading)
        for section in self.notice.sections:
            if section.heading is not None and (section.id == wanted.id or spaces(section.heading.text) == heading):
                return section.heading
        return None

    # --- data items -----------------------------------------------------------------------------------

    def item_name(self, item_id: str, processing: Processing | None = None) -> str:
        """How the notice should word an item: as the processing writes it, else its declared name."""
        if processing is not None:
            wording = _nl(processing.data_item_names.get(item_id))
            if wording:
                return wording
        item = self.items.get(item_id)
        return (_nl(item.name) if item else None) or item_id

    def known_names(self) -> set[str]:
        names = {self.item_name(item.id) for item in self.policy.data_items}
        for processing in self.policy.processings:
            names.update(n for n in (_nl(t) for t in processing.data_item_names.values()) if n)
        return names

    def used_by_entries(self) -> set[str]:
        """Items used by processings that have an entry: their entries' lines report them (DRF002)."""
        matched = [p for p in self.policy.processings if p.pointer in self.matched]
        return {ref.id for processing in matched for ref in processing.data_items}

    def declared_items(self) -> Iterator[Drift]:
        declared = {self.item_name(item.id): item for item in self.policy.data_items}
        listed = {spaces(at.text) for at in self.notice.data_list}
        for at in self.notice.data_list:
            name = spaces(at.text)
            if name not in declared:
                yield Drift(
                    "DRF001",
                    at,
                    "/data_items",
                    f"the notice lists data item {name!r}, which the model does not declare" + _suggest(name, declared),
                )
        where = self.notice.data_list_intro or self.heading_of("data_items")
        audience = {ref.id for ref in self.policy.audience}
        for name, item in declared.items():
            about_audience = not (audience and item.subjects) or any(ref.id in audience for ref in item.subjects)
            if name in listed:
                continue
            if self.notice.data_list and about_audience:
                # The list is the notice's declaration of the audience's data (see render).
                yield Drift(
                    "DRF002",
                    where,
                    item.pointer,
                    f"data item {item.id!r} ({name}) is declared in the model, but the notice's data-item list "
                    "does not name it",
                )
            elif f" {fold(name)} " not in self.folded_notice and item.id not in self.used_by_entries():
                yield Drift(
                    "DRF002",
                    where,
                    item.pointer,
                    f"data item {item.id!r} ({name}) is declared in the model, but the notice names it nowhere",
                )

    # --- processing activities and sharing --------------------------------------------------------------

    def processings(self) -> Iterator[Drift]:
        by_name: dict[str, Processing] = {}
        for processing in self.policy.processings:
            by_name.setdefault(_nl(processing.name) or processing.id, processing)
        for entry in self.notice.entries:
            found = by_name.get(spaces(entry.name.text))
            if found is None or found.pointer in self.matched:
                what = "sharing" if entry.kind == "sharing" else "processing"
                yield Drift(
                    "DRF003",
                    entry.name,
                    "/sharing" if entry.kind == "sharing" else "/processing_activities",
                    f"the notice describes the {what} {entry.name.text!r}, which the model does not have"
                    + _suggest(spaces(entry.name.text), by_name),
                )
                continue
            self.matched[found.pointer] = entry
        for processing in self.policy.processings:
            matched = self.matched.get(processing.pointer)
            if matched is None and processing.name is None and self._raw_text(processing.pointer):
                continue  # described in prose only (no name, no entry): DRF012 compares its text
            if matched is None:
                label = _nl(processing.name) or processing.id
                yield Drift(
                    "DRF004",
                    self.heading_of("sharing" if processing.kind == "sharing" else "processing_activities"),
                    processing.pointer,
                    f"{processing.owner} ({label}) is in the model, but the notice does not describe it",
                )
                continue
            yield from self.entry(matched, processing)

    def entry(self, entry: Entry, processing: Processing) -> Iterator[Drift]:
        yield from self.purposes(entry, processing)
        yield from self.legal_basis(entry, processing)
        yield from self.retention(entry, processing)
        yield from self.entry_items(entry, processing)
        yield from self.locations(entry, processing)
        yield from self.entry_recipients(entry, processing)

    def purposes(self, entry: Entry, processing: Processing) -> Iterator[Drift]:
        label = f"{processing.owner}"
        description = _nl(processing.description)
        said = spaces(entry.description.text) if entry.description else None
        if said != description:
            yield Drift(
                "DRF009",
                entry.description or entry.name,
                pointers.child(processing.pointer, "description"),
                f"the description of {label} differs: "
                + (
                    _contrast(said, description)
                    if said and description
                    else f"the notice says {_quote(said or '')}, the model {_quote(description or '')}"
                ),
            )
        model = [_nl(p) or "" for p in processing.purposes]
        notice = [spaces(at.text) for at in entry.purposes]
        for at in entry.purposes:
            if spaces(at.text) not in model:
                yield Drift(
                    "DRF009",
                    at,
                    pointers.child(processing.pointer, "purposes"),
                    f"the notice gives {label} the purpose {_quote(at.text)}, which the model does not have",
                )
        for purpose, text in zip(processing.purposes, model, strict=True):
            if text not in notice:
                yield Drift(
                    "DRF009",
                    entry.purposes[0] if entry.purposes else entry.name,
                    purpose.pointer,
                    f"the model gives {label} the purpose {_quote(text)}, which the notice does not state",
                )

    def legal_basis(self, entry: Entry, processing: Processing) -> Iterator[Drift]:
        label = f"{processing.owner}"
        pointer = pointers.child(processing.pointer, "legal_basis")
        model = processing.legal_basis
        if entry.legal_basis is None:
            if model is not None:
                yield Drift(
                    "DRF005", entry.name, pointer, f"the notice states no legal basis for {label}; the model: {model}"
                )
            return
        said = parser.legal_basis_parts(entry.legal_basis.text).basis  # "Wettelijke verplichting (art. 60 WBTW)"
        if said is None:
            yield Drift(
                "DRF005",
                entry.legal_basis,
                pointer,
                f"the notice's legal basis {entry.legal_basis.text!r} for {label} is not one privlint knows; "
                f"the model: {model or 'none'}",
            )
        elif said != model:
            yield Drift(
                "DRF005",
                entry.legal_basis,
                pointer,
                f"the notice gives {label} the legal basis {entry.legal_basis.text!r} ({said}); "
                f"the model: {model or 'none'}",
            )

    def retention(self, entry: Entry, processing: Processing) -> Iterator[Drift]:
        label = f"{processing.owner}"
        retention = processing.retention
        pointer = retention.pointer if retention else pointers.child(processing.pointer, "retention")
        said = entry.retention
        if said is None or retention is None:
            if said is not None:
                yield Drift(
                    "DRF006", said, pointer, f"the notice states a retention for {label}; the model states none"
                )
            elif retention is not None:
                yield Drift(
                    "DRF006", entry.name, pointer, f"the model states a retention for {label}; the notice states none"
                )
            return
        problems: list[str] = []
        text = _nl(retention.text)
        if text is not None and text != spaces(said.text):
            problems.append(_contrast(said.text, text))
        facts = parser.retention_of(said.text)
        for name, stated, recorded in (
            ("duration", facts.duration, retention.duration),
            ("trigger", facts.trigger, retention.trigger),
            ("extension", facts.extension, retention.extension),
        ):
            if stated != recorded and ((stated is not None and recorded is not None) or text is None):
                problems.append(f"{name}: the notice says {stated or 'none'}, the model {recorded or 'none'}")
        if problems:
            yield Drift("DRF006", said, pointer, f"the retention of {label} differs: " + "; ".join(problems))

    def entry_items(self, entry: Entry, processing: Processing) -> Iterator[Drift]:
        label = f"{processing.owner}"
        model = [(ref, self.item_name(ref.id, processing)) for ref in processing.data_items]
        said = parser.split_items(entry.data_items, self.known_names()) if entry.data_items else []
        unlisted = [name for _, name in model]
        extra: list[At] = []
        for at in said:
            if spaces(at.text) in unlisted:
                unlisted.remove(spaces(at.text))
            else:
                extra.append(at)
        for at in extra:
            yield Drift(
                "DRF001",
                at,
                pointers.child(processing.pointer, "data_items"),
                f"the notice lists {spaces(at.text)!r} for {label}, "
                f"but the model's {processing.kind_name} does not use it"
                + _suggest(spaces(at.text), dict.fromkeys(unlisted)),
            )
        for ref, name in model:
            if name in unlisted:
                unlisted.remove(name)
                yield Drift(
                    "DRF002",
                    entry.data_items or entry.name,
                    ref.pointer,
                    f"{label} uses data item {ref.id!r} ({name}) in the model, but the notice does not list it",
                )

    def locations(self, entry: Entry, processing: Processing) -> Iterator[Drift]:
        label = f"{processing.owner}"
        model = [ref.id for ref in processing.locations]
        pointer = pointers.child(processing.pointer, "locations")
        said: list[str] = []
        for at in entry.locations:
            found = parser.locations_of(at.text)
            if not found:
                yield Drift(
                    "DRF007",
                    at,
                    pointer,
                    f"the notice says data of {label} is processed {at.text!r}, which names no location "
                    f"privlint can compare; the model: {', '.join(model) or 'none'}",
                )
            for code in found:
                said.append(code)
                if code not in model:
                    yield Drift(
                        "DRF007",
                        at,
                        pointer,
                        f"the notice says data of {label} is processed in {code}; "
                        f"the model: {', '.join(model) or 'none'}",
                    )
        for ref in processing.locations:
            if ref.id not in said:
                yield Drift(
                    "DRF007",
                    entry.locations[0] if entry.locations else entry.name,
                    ref.pointer,
                    f"the model says data of {label} is processed in {ref.id}; the notice does not",
                )

    def recipient_names(self, recipient_id: str) -> set[str]:
        recipient = self.recipients.get(recipient_id)
        if recipient is None:
            return {recipient_id}
        name = recipient.name or recipient.id
        remark = self._raw_text(recipient.pointer)
        return {name, f"{name} {remark}"} if remark else {name}

    def _raw_text(self, pointer: str) -> str | None:
        node = pointers.resolve(self.data, pointer)
        text = node.get("text") if isinstance(node, Mapping) else None
        value = text.get(template().language) if isinstance(text, Mapping) else None
        return spaces(value) if isinstance(value, str) else None

    def entry_recipients(self, entry: Entry, processing: Processing) -> Iterator[Drift]:
        label = f"{processing.owner}"
        pointer = pointers.child(processing.pointer, "recipients")
        model = [(ref, self.recipient_names(ref.id)) for ref in processing.recipients]
        said = [spaces(at.text) for at in entry.recipients]
        for at, name in zip(entry.recipients, said, strict=True):
            if not any(name in names for _, names in model):
                yield Drift(
                    "DRF008", at, pointer, f"the notice says {name} receives the data of {label}; the model does not"
                )
        for ref, names in model:
            if not names & set(said):
                yield Drift(
                    "DRF008",
                    entry.recipients[0] if entry.recipients else entry.name,
                    ref.pointer,
                    f"the model says {min(names, key=len)} ({ref.id!r}) receives the data of {label}; "
                    "the notice does not",
                )

    # --- rights ------------------------------------------------------------------------------------------

    def rights(self) -> Iterator[Drift]:
        model = {right.right: right for right in self.policy.rights}
        mentions = [(m.right, m.text) for m in self.notice.rights]
        if self.notice.complaint is not None:
            mentions.append(("lodge_complaint", self.notice.complaint))
        said: set[str] = set()
        for right, at in mentions:
            if right is None:
                yield Drift(
                    "DRF010", at, "/rights", f"the notice states a right privlint does not recognise: {_quote(at.text)}"
                )
                continue
            said.add(right)
            declared = model.get(right)
            if declared is None:
                yield Drift("DRF010", at, "/rights", f"the notice states the right {right!r}; the model does not")
                continue
            text = _nl(declared.text)
            if text is not None and text != spaces(at.text):
                yield Drift(
                    "DRF010",
                    at,
                    declared.pointer,
                    f"the wording of the right {right!r} differs: {_contrast(at.text, text)}",
                )
        for right, declared in model.items():
            if right not in said:
                where = self.notice.rights_intro or self.heading_of("rights")
                if right == "lodge_complaint":
                    where = self.heading_of("supervisory_authority")
                yield Drift(
                    "DRF010",
                    where,
                    declared.pointer,
                    f"the model declares the right {right!r}; the notice does not state it",
                )

    # --- controller, contact, supervisory authority -------------------------------------------------------

    def identity(self) -> Iterator[Drift]:
        yield from self.controller()
        yield from self.contacts()
        yield from self.authority()

    def controller(self) -> Iterator[Drift]:
        controller = self.policy.controller
        said = self.notice.controller
        if said is None:
            if controller is not None and controller.name:
                yield Drift(
                    "DRF011",
                    self.heading_of("controller"),
                    controller.pointer,
                    f"the notice has no sentence naming the controller ({controller.name})",
                )
            return
        if controller is None:
            yield Drift("DRF011", said.at, "/controller", "the notice names a controller; the model has none")
            return
        pointer = controller.pointer
        if spaces(said.name.text) != (controller.name or ""):
            yield Drift(
                "DRF011",
                said.name,
                pointer,
                f"the notice names the controller {said.name.text!r}, the model {controller.name!r}",
            )
        number = said.enterprise_number.text if said.enterprise_number else None
        if _digits(number) != _digits(controller.enterprise_number):
            yield Drift(
                "DRF011",
                said.enterprise_number or said.at,
                pointers.child(pointer, "enterprise_number"),
                f"the notice gives the enterprise number {number or 'none'}, "
                f"the model {controller.enterprise_number or 'none'}",
            )
        yield from _address_drift(
            said.address, controller.address, said.at, pointers.child(pointer, "address"), "controller"
        )

    def contacts(self) -> Iterator[Drift]:
        controller = self.policy.controller
        contact = controller.privacy_contact if controller else None
        if contact is None:
            for mention in self.notice.contacts:
                yield Drift(
                    "DRF011",
                    mention.at,
                    "/controller",
                    f"the notice names the contact {mention.name}; the model has none",
                )
            return
        if not self.notice.contacts and contact.email:
            yield Drift(
                "DRF011",
                self.heading_of("controller"),
                contact.pointer,
                f"the notice never names the privacy contact ({contact.name or contact.email})",
            )
        for mention in self.notice.contacts:
            said = (mention.name, mention.role, mention.email)
            model = (contact.name, contact.role, contact.email)
            differing = [
                f"{what}: the notice says {n}, the model {m or 'none'}"
                for what, n, m in zip(("name", "role", "email"), said, model, strict=True)
                if n != m
            ]
            if differing:
                yield Drift(
                    "DRF011", mention.at, contact.pointer, "the privacy contact differs: " + "; ".join(differing)
                )

    def authority(self) -> Iterator[Drift]:
        authority = self.policy.supervisory_authority
        said = self.notice.authority
        if said is None:
            if authority is not None:
                yield Drift(
                    "DRF011",
                    self.heading_of("supervisory_authority"),
                    authority.pointer,
                    "the model names a supervisory authority; the notice does not",
                )
            return
        where = said.name or said.address_line or said.url or said.email or self.heading_of("supervisory_authority")
        if authority is None:
            yield Drift(
                "DRF011",
                where,
                "/supervisory_authority",
                "the notice names a supervisory authority; the model has none",
            )
            return
        for what, stated, recorded, at in (
            ("name", said.name, authority.name, said.name),
            ("website", said.url, authority.url, said.url or said.address_line),
            ("email", said.email, authority.email, said.email),
        ):
            text = stated.text if stated else None
            if text != recorded:
                yield Drift(
                    "DRF011",
                    at or where,
                    authority.pointer,
                    f"the supervisory authority's {what} differs: "
                    f"the notice says {text or 'nothing'}, the model {recorded or 'nothing'}",
                )
        yield from _address_drift(
            said.address,
            authority.address,
            said.address_line or where,
            pointers.child(authority.pointer, "address"),
            "supervisory authority",
        )

    # --- prose --------------------------------------------------------------------------------------------

    def prose(self) -> Iterator[Drift]:
        texts = list(_model_texts(self.data))
        blobs = [spaces(text) for _, text in texts]
        yield from self.notice_prose(blobs)
        notice_text = " " + spaces(" ".join(line.text for line in self.notice.lines)) + " "
        for pointer, text in texts:
            missing = [s for s in parser.sentences(text) if s not in notice_text]
            if missing:
                yield Drift(
                    "DRF012",
                    self.place_of(pointer),
                    pointer,
                    f"the model's text {_quote(missing[0])} is not in the notice"
                    + (
                        f" (and {len(missing) - 1} more {_sentences(len(missing) - 1)} of it)"
                        if len(missing) > 1
                        else ""
                    ),
                )
        yield from self.headings()

    def notice_prose(self, blobs: list[str]) -> Iterator[Drift]:
        lines = [line for section in self.notice.sections for paragraph in section.prose for line in paragraph]
        lines += [line for line in self.notice.unplaced if not self._structured(line)]
        for line in sorted(lines, key=lambda at: at.line):
            missing = [s for s in parser.sentences(line.text) if not any(s in blob for blob in blobs)]
            if missing:
                column = line.column + max(line.text.find(missing[0]), 0)
                yield Drift(
                    "DRF012",
                    At(line.text, line.line, column),
                    "",
                    f"the notice says {_quote(missing[0])}, which no text of the model says",
                )

    def _structured(self, line: At) -> bool:
        """Unplaced lines that other rules already report (an entry's lines, a rights bullet)."""
        entry_lines = {at.line for entry in self.notice.entries for at in (*entry.other, *entry.locations)}
        return line.line in entry_lines or line.line in {m.text.line for m in self.notice.rights}

    def headings(self) -> Iterator[Drift]:
        notice = self.policy.notice
        if notice is None:
            return
        title = _nl(notice.title)
        said = spaces(self.notice.title.text) if self.notice.title else None
        if title is not None and said != title:
            yield Drift(
                "DRF012",
                self.notice.title or self.start,
                pointers.child(notice.pointer, "title"),
                f"the notice's title is {said!r}, the model's {title!r}",
            )
        model = {_nl(section.heading): section for section in notice.sections if section.heading is not None}
        if not model:
            return
        written = {spaces(s.heading.text) for s in self.notice.sections if s.heading is not None}
        listed = {section.id for section in notice.sections}
        for written_section in self.notice.sections:
            if written_section.id is not None and written_section.id not in listed:
                continue  # a template section the model does not list, written for the content it holds
            if written_section.heading is not None and spaces(written_section.heading.text) not in model:
                yield Drift(
                    "DRF012",
                    written_section.heading,
                    "/notice/sections",
                    f"the notice has the section {written_section.heading.text!r}; "
                    "the model has no section with that heading",
                )
        for heading, section in model.items():
            if heading not in written:
                yield Drift(
                    "DRF012",
                    self.start,
                    section.pointer,
                    f"the model has the section {heading!r} ({section.id}); the notice does not",
                )


def _suggest(name: str, candidates: Mapping[str, object]) -> str:
    folded = {fold(candidate): candidate for candidate in candidates}
    close = difflib.get_close_matches(fold(name), list(folded), n=1, cutoff=0.7)
    return f"; did you mean {folded[close[0]]!r}?" if close else ""


def _sentences(count: int) -> str:
    return "sentence" if count == 1 else "sentences"


def _digits(text: str | None) -> str:
    return re.sub(r"\D", "", text or "")


def _address_drift(
    said: parser.Address | None, model: Address | None, at: At, pointer: str, whose: str
) -> Iterator[Drift]:
    stated = (said.street, said.postcode, said.city, said.country) if said else (None,) * 4
    recorded = (model.street, model.postcode, model.city, model.country) if model else (None,) * 4
    differing = [
        f"{what}: the notice says {s or 'nothing'}, the model {r or 'nothing'}"
        for what, s, r in zip(("street", "postcode", "city", "country"), stated, recorded, strict=True)
        if s != r
    ]
    if differing:
        yield Drift("DRF011", at, pointer, f"the {whose}'s address differs: " + "; ".join(differing))


_STRUCTURED_TEXTS = ("retention", "rights")  # compared by DRF006 and DRF010


def _model_texts(data: Mapping[str, Any], pointer: str = "") -> Iterator[tuple[str, str]]:
    """Every prose text of the policy files in the notice's language: ``text: {nl: ...}`` values."""
    for key, value in data.items():
        here = pointers.child(pointer, key)
        if key in _STRUCTURED_TEXTS:
            continue
        if key == "text" and isinstance(value, Mapping):
            text = value.get(template().language)
            if isinstance(text, str):
                yield pointers.child(here, template().language), text
        elif isinstance(value, Mapping):
            yield from _model_texts(value, here)
        elif isinstance(value, list):
            for index, member in enumerate(value):
                if isinstance(member, Mapping):
                    yield from _model_texts(member, pointers.child(here, index))
