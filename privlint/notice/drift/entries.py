"""The notice's processing and sharing entries against the model's, fact by fact (DRF003-DRF009)."""

from __future__ import annotations

from collections.abc import Iterator

from privlint import pointers
from privlint.model import Processing
from privlint.notice import parser
from privlint.notice.drift.comparison import Comparison, Drift, contrast, nl, quote, suggest
from privlint.notice.parser import At, Entry
from privlint.notice.template import spaces


def processings(c: Comparison) -> Iterator[Drift]:
    by_name: dict[str, Processing] = {}
    for processing in c.policy.processings:
        by_name.setdefault(nl(processing.name) or processing.id, processing)
    for entry in c.notice.entries:
        found = by_name.get(spaces(entry.name.text))
        if found is None or found.pointer in c.matched:
            what = "sharing" if entry.kind == "sharing" else "processing"
            yield Drift(
                "DRF003",
                entry.name,
                "/sharing" if entry.kind == "sharing" else "/processing_activities",
                f"the notice describes the {what} {entry.name.text!r}, which the model does not have"
                + suggest(spaces(entry.name.text), by_name),
            )
            continue
        c.matched[found.pointer] = entry
    for processing in c.policy.processings:
        matched = c.matched.get(processing.pointer)
        if matched is None and processing.name is None and c.raw_text(processing.pointer):
            continue  # described in prose only (no name, no entry): DRF012 compares its text
        if matched is None:
            label = nl(processing.name) or processing.id
            yield Drift(
                "DRF004",
                c.heading_of("sharing" if processing.kind == "sharing" else "processing_activities"),
                processing.pointer,
                f"{processing.owner} ({label}) is in the model, but the notice does not describe it",
            )
            continue
        yield from entry_facts(c, matched, processing)


def entry_facts(c: Comparison, entry: Entry, processing: Processing) -> Iterator[Drift]:
    """Each fact of one entry against the processing it describes."""
    yield from purposes(entry, processing)
    yield from legal_basis(entry, processing)
    yield from retention(entry, processing)
    yield from entry_items(c, entry, processing)
    yield from locations(entry, processing)
    yield from entry_recipients(c, entry, processing)


def purposes(entry: Entry, processing: Processing) -> Iterator[Drift]:
    label = processing.owner
    description = nl(processing.description)
    said = spaces(entry.description.text) if entry.description else None
    if said != description:
        yield Drift(
            "DRF009",
            entry.description or entry.name,
            pointers.child(processing.pointer, "description"),
            f"the description of {label} differs: "
            + (
                contrast(said, description)
                if said and description
                else f"the notice says {quote(said or '')}, the model {quote(description or '')}"
            ),
        )
    model = [nl(p) or "" for p in processing.purposes]
    notice = [spaces(at.text) for at in entry.purposes]
    for at in entry.purposes:
        if spaces(at.text) not in model:
            yield Drift(
                "DRF009",
                at,
                pointers.child(processing.pointer, "purposes"),
                f"the notice gives {label} the purpose {quote(at.text)}, which the model does not have",
            )
    for purpose, text in zip(processing.purposes, model, strict=True):
        if text not in notice:
            yield Drift(
                "DRF009",
                entry.purposes[0] if entry.purposes else entry.name,
                purpose.pointer,
                f"the model gives {label} the purpose {quote(text)}, which the notice does not state",
            )


def legal_basis(entry: Entry, processing: Processing) -> Iterator[Drift]:
    label = processing.owner
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


def retention(entry: Entry, processing: Processing) -> Iterator[Drift]:
    label = processing.owner
    retention = processing.retention
    pointer = retention.pointer if retention else pointers.child(processing.pointer, "retention")
    said = entry.retention
    if said is None or retention is None:
        if said is not None:
            yield Drift("DRF006", said, pointer, f"the notice states a retention for {label}; the model states none")
        elif retention is not None:
            yield Drift(
                "DRF006", entry.name, pointer, f"the model states a retention for {label}; the notice states none"
            )
        return
    problems: list[str] = []
    text = nl(retention.text)
    if text is not None and text != spaces(said.text):
        problems.append(contrast(said.text, text))
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


def entry_items(c: Comparison, entry: Entry, processing: Processing) -> Iterator[Drift]:
    label = processing.owner
    model = [(ref, c.item_name(ref.id, processing)) for ref in processing.data_items]
    said = parser.split_items(entry.data_items, c.known_names()) if entry.data_items else []
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
            + suggest(spaces(at.text), dict.fromkeys(unlisted)),
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


def locations(entry: Entry, processing: Processing) -> Iterator[Drift]:
    label = processing.owner
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
                    f"the notice says data of {label} is processed in {code}; the model: {', '.join(model) or 'none'}",
                )
    for ref in processing.locations:
        if ref.id not in said:
            yield Drift(
                "DRF007",
                entry.locations[0] if entry.locations else entry.name,
                ref.pointer,
                f"the model says data of {label} is processed in {ref.id}; the notice does not",
            )


def entry_recipients(c: Comparison, entry: Entry, processing: Processing) -> Iterator[Drift]:
    label = processing.owner
    pointer = pointers.child(processing.pointer, "recipients")
    model = [(ref, c.recipient_names(ref.id)) for ref in processing.recipients]
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
                f"the model says {min(names, key=len)} ({ref.id!r}) receives the data of {label}; the notice does not",
            )
