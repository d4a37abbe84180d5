"""The record of processing activities (GDPR 30), as rows of plain data.

``build(result, lang)`` returns a ``Register``: the controller's identification, one row per
processing activity with the columns of the Belgian authority's register model, and the
sharing entries. Writers (``xlsx.write``, ``csvfile.write``, ``as_json``) only lay it out.

A cell the policy does not fill says so in words ("niet vermeld in het beleid"); a cell
with an open (not waived) finding carries the finding's codes. A sharing entry appears as a
recipient of an activity that collects every data item it shares: the model states no other
link between the two (privlint's reading, said in the README); every sharing is also listed
on its own sheet with the activities it serves, so nothing of the policy is lost.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import tomli

from privlint import knowledge, pointers
from privlint.model import Policy, Processing, Recipient, Text

if TYPE_CHECKING:
    from privlint.result import Result

FORMAT_VERSION = 1
LANGUAGES = ("nl", "fr", "en")
CONTROLLER_COLUMNS = ("name", "enterprise_number", "address", "contact", "dpo")
COLUMNS = (
    "id",
    "name",
    "description",
    "purposes",
    "legal_basis",
    "data_subjects",
    "data_categories",
    "recipients",
    "transfers",
    "retention",
    "security",
    "start_date",
    "end_date",
    "replaced_by",
)
# Where in a processing a finding's pointer lands -> the column it concerns.
_FIELD_COLUMN = {
    "name": "name",
    "description": "description",
    "purposes": "purposes",
    "legal_basis": "legal_basis",
    "legitimate_interest": "legal_basis",
    "legal_obligation": "legal_basis",
    "special_category_condition": "legal_basis",
    "criminal_data_basis": "legal_basis",
    "data_subjects": "data_subjects",
    "data_items": "data_categories",
    "data_item_names": "data_categories",
    "recipients": "recipients",
    "locations": "transfers",
    "retention": "retention",
}
_CONTROLLER_FIELD = {
    "name": "name",
    "legal_form": "name",
    "address": "address",
    "enterprise_number": "enterprise_number",
    "privacy_contact": "contact",
    "dpo": "dpo",
}
_CONTROLLER_CODE = {"TRN002": "privacy_contact", "TRN006": "dpo"}  # findings on /controller itself
# A finding on the processing itself (no field in its pointer) -> the column of its family.
_FAMILY_COLUMN = {
    "LB": "legal_basis",
    "SPC": "data_categories",
    "REF": "data_categories",
    "AUD": "data_subjects",
    "RCP": "recipients",
    "TRF": "transfers",
    "RET": "retention",
}


class Cell(NamedTuple):
    text: str
    stated: bool = True  # False: the policy does not fill it (text says so)
    findings: tuple[str, ...] = ()  # codes of open findings on it


class Column(NamedTuple):
    key: str
    heading: str
    article: str | None  # the GDPR 30(1) point it answers (mandatory), else None


class Row(NamedTuple):
    id: str
    kind: str
    cells: Mapping[str, Cell]


class Register(NamedTuple):
    lang: str
    controller_columns: tuple[Column, ...]
    controller: Mapping[str, Cell]
    columns: tuple[Column, ...]
    activities: tuple[Row, ...]
    sharing: tuple[Row, ...]  # every sharing entry, with the activities it serves
    findings: tuple[tuple[str, str, str], ...]  # (code, message, where) of every open finding

    def words(self, key: str) -> str:
        return word(key, self.lang)


@functools.cache
def headings() -> Mapping[str, Any]:
    return tomli.loads((Path(__file__).parent / "headings.toml").read_text(encoding="utf-8"))


def word(key: str, lang: str) -> str:
    return str(headings()["words"][key][lang])


def _label(table: str, key: str, lang: str) -> str:
    entry = headings()[table].get(key)
    return str(entry[lang]) if entry else key


def columns(lang: str, table: str = "columns", keys: Sequence[str] = COLUMNS) -> tuple[Column, ...]:
    data = headings()[table]
    return tuple(Column(key, data[key][lang], data[key].get("article")) for key in keys)


def build(result: Result, lang: str = "nl") -> Register:
    """The register of ``result.policy`` (which must be set) with headings in ``lang``."""
    policy = result.policy
    assert policy is not None  # noqa: S101 - the caller checks
    open_findings = [f for f in result.findings if not f.waived]
    codes = _codes_by_place(policy, ((f.code, f.pointer) for f in open_findings))
    builder = _Builder(policy, lang, codes)
    return Register(
        lang=lang,
        controller_columns=columns(lang, "controller", CONTROLLER_COLUMNS),
        controller=builder.controller(),
        columns=columns(lang),
        activities=tuple(builder.row(p) for p in policy.processing_activities),
        sharing=tuple(builder.sharing_row(s) for s in policy.sharing),
        findings=tuple((f.code, f.message, f"{f.file}:{f.line}:{f.column}") for f in open_findings),
    )


def _codes_by_place(policy: Policy, findings: Iterable[tuple[str, str]]) -> dict[tuple[str, str], list[str]]:
    """Finding codes by (processing pointer or "controller", column)."""
    places: dict[tuple[str, str], list[str]] = defaultdict(list)
    owners = {p.pointer: p for p in policy.processings}
    for code, pointer in findings:
        tokens = pointers.tokens(pointer)
        if tokens[:1] == ["controller"]:
            field = tokens[1] if len(tokens) > 1 else _CONTROLLER_CODE.get(code, "name")
            places["controller", _CONTROLLER_FIELD.get(field, "contact")].append(code)
            continue
        owner = "/".join(("", *(pointers.escape(t) for t in tokens[:2])))
        if owner not in owners:
            continue
        member = tokens[2] if len(tokens) > 2 else ""
        column = _FIELD_COLUMN.get(member) or _FAMILY_COLUMN.get(code.rstrip("0123456789"))
        if column is not None and code not in places[owner, column]:
            places[owner, column].append(code)
    return places


class _Builder:
    def __init__(self, policy: Policy, lang: str, codes: Mapping[tuple[str, str], list[str]]) -> None:
        self.policy, self.lang, self.codes = policy, lang, codes
        self.items = {item.id: item for item in policy.data_items}
        self.subjects = {s.id: s for s in policy.data_subjects}
        self.recipients = {r.id: r for r in policy.recipients}
        self.eea = knowledge.eea_countries()
        self._activities_with: dict[str, list[Processing]] | None = None  # item id -> activities using it
        self.sharing_with: dict[str, list[Processing]] = defaultdict(list)  # first item id -> sharing entries
        for sharing in policy.sharing:
            for ref in sharing.data_items[:1]:  # a sharing serves an activity only if it has them all
                self.sharing_with[ref.id].append(sharing)

    def served_by(self, activity: Processing) -> list[Processing]:
        """The sharing entries that pass on only data ``activity`` collects (see the module docstring)."""
        found = {id(s): s for ref in activity.data_items for s in self.sharing_with.get(ref.id, ())}
        return [s for s in found.values() if _serves(s, activity)]

    def missing(self, codes: Sequence[str] = ()) -> Cell:
        return Cell(word("not_stated", self.lang), stated=False, findings=tuple(codes))

    def cell(self, text: str | None, codes: Sequence[str] = ()) -> Cell:
        return Cell(text, findings=tuple(codes)) if text else self.missing(codes)

    def text(self, text: Text | None) -> str | None:
        return (text.get(self.lang) or text.any) if text is not None else None

    # -- the controller --

    def controller(self) -> dict[str, Cell]:
        controller = self.policy.controller
        here = self._controller_codes
        if controller is None:
            return {key: self.missing(here(key)) for key in CONTROLLER_COLUMNS}
        address = controller.address
        contact = controller.privacy_contact
        contact_parts = [contact.name, contact.email, contact.phone] if contact else []
        dpo = controller.dpo
        dpo_text = None
        if dpo is not None:
            dpo_text = ", ".join(p for p in (dpo.name, dpo.email) if p) if dpo.designated else word("no_dpo", self.lang)
        return {
            "name": self.cell(controller.name, here("name")),
            "enterprise_number": self.cell(controller.enterprise_number, here("enterprise_number")),
            "address": self.cell(_address(address) if address else None, here("address")),
            "contact": self.cell(", ".join(p for p in contact_parts if p), here("contact")),
            "dpo": self.cell(dpo_text, here("dpo")),
        }

    def _controller_codes(self, column: str) -> list[str]:
        return self.codes.get(("controller", column), [])

    # -- one processing activity --

    def row(self, processing: Processing) -> Row:
        codes = functools.partial(self._codes, processing)
        served_by = self.served_by(processing) if processing.kind != "sharing" else []
        cells = {
            "id": Cell(processing.id),
            "name": self.cell(self.text(processing.name), codes("name")),
            "description": self.cell(self.text(processing.description), codes("description")),
            "purposes": self.cell("; ".join(filter(None, map(self.text, processing.purposes))), codes("purposes")),
            "legal_basis": self.cell(self.basis(processing), codes("legal_basis")),
            "data_subjects": self.cell(self.data_subjects(processing), codes("data_subjects")),
            "data_categories": self.cell(self.data_categories(processing), codes("data_categories")),
            "recipients": self.cell(self.recipient_list(processing, served_by), codes("recipients")),
            "transfers": self.cell(self.transfers(processing, served_by), codes("transfers")),
            "retention": self.cell(self.retention(processing), codes("retention")),
            "security": self.cell(self.text(self.policy.security.text) if self.policy.security else None),
            "start_date": self.missing(),
            "end_date": self.missing(),
            "replaced_by": self.missing(),
        }
        return Row(processing.id, processing.kind, cells)

    def sharing_row(self, sharing: Processing) -> Row:
        row = self.row(sharing)
        served = self.serves(sharing)
        cells = dict(row.cells)
        cells["serves"] = self.cell(", ".join(served))
        return Row(sharing.id, sharing.kind, cells)

    def serves(self, sharing: Processing) -> list[str]:
        if not sharing.data_items:
            return []
        if self._activities_with is None:
            self._activities_with = defaultdict(list)
            for activity in self.policy.processing_activities:
                for ref in activity.data_items:
                    self._activities_with[ref.id].append(activity)
        first = sharing.data_items[0].id
        return [a.id for a in self._activities_with.get(first, ()) if _serves(sharing, a)]

    def _codes(self, processing: Processing, column: str) -> list[str]:
        return self.codes.get((processing.pointer, column), [])

    def basis(self, processing: Processing) -> str | None:
        if processing.legal_basis is None:
            return None
        text = _label("basis", processing.legal_basis, self.lang)
        if processing.legal_basis == "legal_obligation":
            law = processing.legal_obligation
            named = f"{law.law} {law.provision}".strip() if law and law.provision else (law.law if law else None)
            text += f": {named}" if named else f" ({word('law_not_stated', self.lang)})"
        return text

    def data_subjects(self, processing: Processing) -> str | None:
        ids = [ref.id for ref in processing.data_subjects]
        if not ids:  # the subjects the items themselves name
            ids = list(dict.fromkeys(s.id for ref in processing.data_items for s in self._item_subjects(ref.id)))
        names = []
        for ident in ids:
            subject = self.subjects.get(ident)
            names.append(self.text(subject.name) if subject and subject.name else ident)
        return "; ".join(n for n in names if n) or None

    def _item_subjects(self, item_id: str) -> tuple[Any, ...]:
        item = self.items.get(item_id)
        return item.subjects if item else ()

    def data_categories(self, processing: Processing) -> str | None:
        parts = []
        for ref in processing.data_items:
            item = self.items.get(ref.id)
            wording = processing.data_item_names.get(ref.id)
            name = self.text(wording) or (self.text(item.name) if item and item.name else None) or ref.id
            if item is not None and item.special_category:
                category = knowledge.special_categories().get(item.special_category)
                label = category.labels.get(self.lang, item.special_category) if category else item.special_category
                name += f" ({word('art9', self.lang)}: {label})"
            if item is not None and item.criminal_offence_data:
                name += f" ({word('art10', self.lang)})"
            parts.append(name)
        return "; ".join(parts) or None

    def recipient_list(self, processing: Processing, served_by: Sequence[Processing]) -> str | None:
        parts = [self._recipient(ref.id) for ref in processing.recipients]
        for sharing in served_by:
            via = f"{word('via', self.lang)} {self.text(sharing.name) or sharing.id}"
            if sharing.recipients:
                parts.extend(f"{self._recipient(ref.id)}, {via}" for ref in sharing.recipients)
            else:
                parts.append(f"{word('not_stated', self.lang)}, {via}")
        return "; ".join(parts) or None

    def _recipient(self, ident: str) -> str:
        recipient = self.recipients.get(ident)
        if recipient is None:
            return ident
        details = [self._role(recipient), word("external", self.lang), self._where(recipient)]
        return f"{recipient.name or ident} ({', '.join(details)})"

    def _role(self, recipient: Recipient) -> str:
        """The recipient's own role; else the one the notice states for all, marked as such."""
        if recipient.role:
            return _label("role", recipient.role, self.lang)
        shared = self.policy.default_recipient_role
        if shared is not None and shared.role:
            marker = word("role_for_all_hedged" if shared.hedged else "role_for_all", self.lang)
            return f"{_label('role', shared.role, self.lang)} ({marker})"
        return word("role_not_stated", self.lang)

    def _where(self, recipient: Recipient) -> str:
        if recipient.country is None:
            return word("country_not_stated", self.lang)
        inside = recipient.country in self.eea
        return f"{recipient.country}, {word('inside_eea' if inside else 'outside_eea', self.lang)}"

    def transfers(self, processing: Processing, served_by: Sequence[Processing]) -> str | None:
        outside = [ref.id for ref in processing.locations if ref.id not in {"EU", "EEA"} and ref.id not in self.eea]
        parts = [f"{country} ({word('no_safeguard', self.lang)})" for country in outside]
        for source in (processing, *served_by):
            for ref in source.recipients:
                recipient = self.recipients.get(ref.id)
                if recipient is None or recipient.country is None or recipient.country in self.eea:
                    continue
                mechanism = recipient.transfer_mechanism
                safeguard = _label("mechanism", mechanism, self.lang) if mechanism else word("no_safeguard", self.lang)
                parts.append(f"{recipient.name or recipient.id} ({recipient.country}): {safeguard}")
        if parts:
            return "; ".join(dict.fromkeys(parts))
        return word("no_transfer", self.lang) if processing.locations else None

    def retention(self, processing: Processing) -> str | None:
        retention = processing.retention
        if retention is None:
            return None
        return self.text(retention.text) or retention.duration


def _serves(sharing: Processing, activity: Processing) -> bool:
    """Whether ``sharing`` passes on only data that ``activity`` collects (privlint's reading)."""
    collected = {ref.id for ref in activity.data_items}
    return bool(sharing.data_items) and all(ref.id in collected for ref in sharing.data_items)


def _address(address: Any) -> str | None:
    parts = [address.street, " ".join(p for p in (address.postcode, address.city) if p), address.country]
    return ", ".join(p for p in parts if p) or None


def as_json(register: Register) -> dict[str, Any]:
    """The documented, versioned structure of ``privlint register --format json`` (see README)."""

    def cells(values: Mapping[str, Cell]) -> dict[str, Any]:
        return {k: {"text": c.text, "stated": c.stated, "findings": list(c.findings)} for k, c in values.items()}

    return {
        "format": "privlint-register",
        "version": FORMAT_VERSION,
        "lang": register.lang,
        "columns": [{"key": c.key, "heading": c.heading, "mandatory": c.article} for c in register.columns],
        "controller": cells(register.controller),
        "activities": [{"id": r.id, "cells": cells(r.cells)} for r in register.activities],
        "sharing": [{"id": r.id, "cells": cells(r.cells)} for r in register.sharing],
    }


def text(register: Register, output_format: str, *, terminal: bool = False) -> str:
    """The register as CSV or as the JSON document (``as_json``), ready to write (or print)."""
    if output_format == "csv":
        from privlint.register import csvfile  # noqa: PLC0415

        return csvfile.render(register, terminal=terminal)
    import json  # noqa: PLC0415

    return json.dumps(as_json(register), ensure_ascii=False) + "\n"
