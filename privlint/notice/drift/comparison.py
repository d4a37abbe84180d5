"""What ``privlint diff`` compares with: the read notice, the model, and where the notice should have said something.

``Comparison`` holds both sides and the lookups every section's comparison shares (the
model's items and recipients, which notice entry describes which processing, the place in
the notice where a missing fact belongs). The texts of the messages are built here too.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from privlint import pointers
from privlint.model import Policy, Processing, Text
from privlint.notice.parser import At, Entry, ParsedNotice
from privlint.notice.template import fold, spaces, template

_ELLIPSIS = 70  # longest quotation in a message
_CONTEXT = 20  # characters quoted before the first difference


@dataclass(frozen=True, slots=True)
class Drift:
    """One disagreement: the DRF rule, where in the notice, the part of the model, the message."""

    code: str
    at: At
    pointer: str
    message: str


class Comparison:
    """The notice and the model side by side, with the lookups the section comparisons share."""

    def __init__(self, policy: Policy, data: Mapping[str, Any], notice: ParsedNotice) -> None:
        self.policy = policy
        self.data = data
        self.notice = notice
        self.start = At("", 1, 1)
        self.items = {item.id: item for item in policy.data_items}
        self.recipients = {recipient.id: recipient for recipient in policy.recipients}
        self.folded_notice = " " + fold(" ".join(line.text for line in notice.lines)) + " "
        self.matched: dict[str, Entry] = {}  # processing pointer -> its entry

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
        heading = nl(wanted.heading)
        for section in self.notice.sections:
            if section.heading is not None and (section.id == wanted.id or spaces(section.heading.text) == heading):
                return section.heading
        return None

    def item_name(self, item_id: str, processing: Processing | None = None) -> str:
        """How the notice should word an item: as the processing writes it, else its declared name."""
        if processing is not None:
            wording = nl(processing.data_item_names.get(item_id))
            if wording:
                return wording
        item = self.items.get(item_id)
        return (nl(item.name) if item else None) or item_id

    def known_names(self) -> set[str]:
        names = {self.item_name(item.id) for item in self.policy.data_items}
        for processing in self.policy.processings:
            names.update(n for n in (nl(t) for t in processing.data_item_names.values()) if n)
        return names

    def used_by_entries(self) -> set[str]:
        """Items used by processings that have an entry: their entries' lines report them (DRF002)."""
        matched = [p for p in self.policy.processings if p.pointer in self.matched]
        return {ref.id for processing in matched for ref in processing.data_items}

    def recipient_names(self, recipient_id: str) -> set[str]:
        recipient = self.recipients.get(recipient_id)
        if recipient is None:
            return {recipient_id}
        name = recipient.name or recipient.id
        remark = self.raw_text(recipient.pointer)
        return {name, f"{name} {remark}"} if remark else {name}

    def raw_text(self, pointer: str) -> str | None:
        node = pointers.resolve(self.data, pointer)
        text = node.get("text") if isinstance(node, Mapping) else None
        value = text.get(template().language) if isinstance(text, Mapping) else None
        return spaces(value) if isinstance(value, str) else None

    def structured(self, line: At) -> bool:
        """Unplaced lines that other rules already report (an entry's lines, a rights bullet)."""
        entry_lines = {at.line for entry in self.notice.entries for at in (*entry.other, *entry.locations)}
        return line.line in entry_lines or line.line in {m.text.line for m in self.notice.rights}


def quote(text: str) -> str:
    text = spaces(text)
    return repr(text if len(text) <= _ELLIPSIS else text[: _ELLIPSIS - 3] + "...")


def contrast(said: str, recorded: str) -> str:
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


def nl(text: Text | None) -> str | None:
    value = text.get(template().language) if text is not None else None
    return spaces(value) if value is not None else None


def suggest(name: str, candidates: Mapping[str, object]) -> str:
    folded = {fold(candidate): candidate for candidate in candidates}
    close = difflib.get_close_matches(fold(name), list(folded), n=1, cutoff=0.7)
    return f"; did you mean {folded[close[0]]!r}?" if close else ""


def sentences(count: int) -> str:
    return "sentence" if count == 1 else "sentences"


def digits(text: str | None) -> str:
    return re.sub(r"\D", "", text or "")
