"""Waivers: recorded decisions that let a finding pass the gate while it stays visible.

The waivers file (``policy/waivers.yaml`` by default) is read with privlint's own safe
YAML reader and is never part of the policy::

    waivers:
      - code: RET002                               # required: the rule
        pointer: /processing_activities/3/retention  # the finding's pointer, or an ancestor of it
        id: client_file                            # or: the id of an entry the finding lies in
        reason: the period follows from the contract; legal checked it on 2025-03-01
        owner: legal@smetjet.be
        expires: 2025-12-31                        # the last day the waiver holds

A waiver needs ``code`` and ``pointer`` or ``id`` (both: both must match). Without a
``reason`` it is reported (WVR003) and suppresses nothing; after ``expires`` it is
reported (WVR002) and suppresses nothing; one that matches no finding is reported (WVR001).

A waiver is bound to the entry it was written for by its ``id``: list positions shift
when an entry is removed, ids do not. With ``pointer`` and ``id`` the entry at the pointer
must have that id, so removing ``delivery`` leaves its waiver matching nothing (WVR001)
instead of waiving whatever entry moved into its place. A pointer without an ``id``
(files written before ids were recorded) keeps working: it binds to the id found at the
pointer when it matches, and says so (WVR004, info) with the ``id:`` line to add.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from privlint import pointers, yaml_reader
from privlint.findings import Finding, Span
from privlint.rules import CODE_PATTERN

KEYS = ("code", "pointer", "id", "reason", "owner", "expires")


@dataclass(frozen=True, slots=True)
class Waiver:
    """One entry of the waivers file, with the place it is written."""

    code: str
    pointer: str | None
    id: str | None
    reason: str | None
    owner: str | None
    expires: dt.date | None
    file: str
    span: Span
    entry: str  # its JSON Pointer in the waivers file, e.g. /waivers/0

    def expired(self, today: dt.date) -> bool:
        return self.expires is not None and self.expires < today

    def honoured(self, today: dt.date) -> bool:
        """Whether the waiver suppresses what it matches: it has a reason and has not expired."""
        return bool(self.reason) and not self.expired(today)

    def matches(self, finding: Finding, data: Any) -> bool:
        if finding.code != self.code:
            return False
        if self.pointer is not None and not within(finding.pointer, self.pointer):
            return False
        return self.id is None or self.id in entry_ids(finding.pointer, data)


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong with the waivers file itself (a reading or shape problem)."""

    code: str
    message: str
    span: Span
    hint: str = ""
    pointer: str = ""  # into the waivers file


@dataclass(slots=True)
class WaiverFile:
    file: str
    data: Any = None
    waivers: list[Waiver] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Hygiene:
    """A WVR finding about one waiver."""

    code: str
    waiver: Waiver
    message: str


def within(pointer: str, ancestor: str) -> bool:
    """Whether ``pointer`` is ``ancestor`` or lies beneath it."""
    return pointer == ancestor or pointer.startswith(ancestor.rstrip("/") + "/") or ancestor == ""


def bound_id(pointer: str, data: Any) -> str | None:
    """The id of the innermost entry on the way to ``pointer``: the entry a waiver there is about."""
    ids = [
        node["id"]
        for node in pointers.trail(data, pointer)
        if isinstance(node, Mapping) and isinstance(node.get("id"), str)
    ]
    return ids[-1] if ids else None


def entry_ids(pointer: str, data: Any) -> set[str]:
    """The ids of every mapping on the way from the root to ``pointer`` (inclusive)."""
    return {
        node["id"]
        for node in pointers.trail(data, pointer)
        if isinstance(node, Mapping) and isinstance(node.get("id"), str)
    }


def read(path: Path, name: str, known_codes: Iterable[str], unwaivable: Iterable[str] = ()) -> WaiverFile:
    """Read and check the waivers file at ``path`` (shown to users as ``name``).

    A waiver for a code in ``unwaivable`` (a reading or schema error: the checks cannot run
    past it) is refused like a waiver for an unknown code.
    """
    result = WaiverFile(name)
    text = yaml_reader.read_file(path)
    if isinstance(text, yaml_reader.Problem):
        result.problems.append(Problem(text.code, text.message, text.span, text.hint))
        return result
    document = yaml_reader.read(text)
    result.problems.extend(Problem(p.code, p.message, p.span, p.hint) for p in (*document.problems, *document.warnings))
    if document.data is None:
        return result
    result.data = document.data
    _Shape(result, document, frozenset(known_codes) - frozenset(unwaivable), frozenset(unwaivable)).check()
    return result


class _Shape:
    """Turns the waivers document into ``Waiver`` objects; shape errors become SCH001 problems."""

    def __init__(
        self,
        result: WaiverFile,
        document: yaml_reader.Document,
        known_codes: frozenset[str],
        unwaivable: frozenset[str],
    ) -> None:
        self.result = result
        self.document = document
        self.known_codes = known_codes
        self.unwaivable = unwaivable

    def problem(self, pointer: str, message: str, hint: str, *, at_key: bool = False) -> None:
        spans = self.document.keys if at_key and pointer in self.document.keys else self.document.nodes
        span = spans.get(pointer) or self.document.nodes.get(pointers.parent(pointer)) or Span(1, 1)
        self.result.problems.append(Problem("SCH001", message, span, hint, pointer))

    def check(self) -> None:
        data = self.document.data
        for key in data:
            if key != "waivers":
                self.problem(pointers.child("", key), f"unknown key {key!r}; expected 'waivers'", "", at_key=True)
        entries = data.get("waivers")
        if entries is None:
            return
        if not isinstance(entries, list):
            self.problem("/waivers", "'waivers' must be a list of waivers", "write '- code: ...' entries")
            return
        for index, entry in enumerate(entries):
            waiver = self.waiver(entry, pointers.child("/waivers", index))
            if waiver is not None:
                self.result.waivers.append(waiver)

    def waiver(self, entry: Any, here: str) -> Waiver | None:
        if not isinstance(entry, Mapping):
            self.problem(here, "a waiver must be a mapping with code, pointer or id, reason, owner, expires", "")
            return None
        fields = {key: self.field(entry, here, key) for key in KEYS}
        valid = all(value is not _INVALID for value in fields.values()) and self.complete(entry, here, fields)
        for key in entry:
            if key not in KEYS:
                hint = f"allowed keys: {', '.join(KEYS)}"
                self.problem(pointers.child(here, key), f"unknown key {key!r} in a waiver", hint, at_key=True)
                valid = False
        if not valid:
            return None
        return Waiver(
            code=fields["code"],
            pointer=fields["pointer"],
            id=fields["id"],
            reason=fields["reason"] or None,
            owner=fields["owner"],
            expires=fields["expires"],
            file=self.result.file,
            span=self.document.nodes.get(here, Span(1, 1)),
            entry=here,
        )

    def complete(self, entry: Mapping[str, Any], here: str, fields: Mapping[str, Any]) -> bool:
        if "code" not in entry:
            self.problem(here, "the waiver has no 'code'", "add code: the rule code, e.g. RET002")
            return False
        if fields["pointer"] is None and fields["id"] is None:
            self.problem(
                here,
                "the waiver names no 'pointer' and no 'id'",
                "add pointer: (see --format json) or id: of the entry the finding is about",
            )
            return False
        return True

    def field(self, entry: Mapping[str, Any], here: str, key: str) -> Any:
        if key not in entry or entry[key] is None:
            return None
        value = entry[key]
        where = pointers.child(here, key)
        if key == "code" and isinstance(value, str) and value in self.unwaivable:
            hint = "fix the file: the compliance checks cannot run past this error"
            self.problem(where, f"code: {value} cannot be waived: the policy must be readable and valid", hint)
            return _INVALID
        check = _FIELD_CHECKS[key]
        converted = check(value, self.known_codes)
        if isinstance(converted, _Refusal):
            self.problem(where, f"{key}: {converted.message}", converted.hint)
            return _INVALID
        return converted


class _Refusal:
    def __init__(self, message: str, hint: str = "") -> None:
        self.message = message
        self.hint = hint


_INVALID: Any = object()


def _code(value: Any, known: frozenset[str]) -> Any:
    if not isinstance(value, str) or not CODE_PATTERN.match(value):
        return _Refusal(f"{value!r} is not a rule code", "write the code as shown in the finding, e.g. RET002")
    if value not in known:
        return _Refusal(f"unknown rule {value!r}", "`privlint rules` lists every code")
    if value.startswith("WVR"):
        return _Refusal("waiver findings cannot be waived", "fix the waiver instead")
    return value


def _pointer(value: Any, _: frozenset[str]) -> Any:
    if not isinstance(value, str) or (value and not value.startswith("/")):
        return _Refusal(f"{value!r} is not a JSON Pointer", "start it with '/', e.g. /sharing/2/retention")
    return value


def _text(value: Any, _: frozenset[str]) -> Any:
    if not isinstance(value, str):
        return _Refusal(f"{value!r} must be text", "quote the value")
    return value.strip()


def _date(value: Any, _: frozenset[str]) -> Any:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else _Refusal(f"{value!r} is not a date")
    except ValueError:
        return _Refusal(f"{value!r} is not a date", "write the date as YYYY-MM-DD")


_FIELD_CHECKS: dict[str, Callable[[Any, frozenset[str]], Any]] = {
    "code": _code,
    "pointer": _pointer,
    "id": _text,
    "reason": _text,
    "owner": _text,
    "expires": _date,
}


@dataclass(slots=True)
class Outcome:
    """What applying the waivers did: the findings, which waiver each waived one, the WVR reports."""

    findings: list[Finding]
    waived_by: dict[Finding, Waiver]
    hygiene: list[Hygiene]


def apply(
    findings: Sequence[Finding],
    waivers: Sequence[Waiver],
    data: Any,
    today: dt.date,
    *,
    runs: Callable[[str], bool],
) -> Outcome:
    """Mark the findings that honoured waivers match; report waivers that need attention.

    ``runs(code)`` says whether the rule ``code`` ran, so that a waiver for a rule that
    was not run is not called unused.
    """
    from dataclasses import replace  # noqa: PLC0415

    matched: set[int] = set()
    waived_by: dict[Finding, Waiver] = {}
    marked: list[Finding] = []
    for finding in findings:
        waiver = None
        for index, candidate in enumerate(waivers):
            if candidate.matches(finding, data):
                matched.add(index)
                if waiver is None and candidate.honoured(today):
                    waiver = candidate
        if waiver is None:
            marked.append(finding)
            continue
        finding = replace(finding, waived=True)  # noqa: PLW2901 - the waived copy replaces it
        waived_by[finding] = waiver
        marked.append(finding)
    hygiene = [problem for index, w in enumerate(waivers) for problem in _hygiene(w, index in matched, today, runs)]
    unbound = [_unbound(w, data) for index, w in enumerate(waivers) if index in matched and w.id is None]
    hygiene.extend(h for h in unbound if h is not None)
    return Outcome(marked, waived_by, hygiene)


def _unbound(waiver: Waiver, data: Any) -> Hygiene | None:
    """WVR004 for a matching pointer-only waiver whose pointer lies in an entry with an id."""
    ident = bound_id(waiver.pointer or "", data)
    if ident is None:
        return None
    message = (
        f"the waiver for {waiver.code} at {waiver.pointer} names no id: it waives the finding in {ident!r} "
        f"by position only; add id: {ident}"
    )
    return Hygiene("WVR004", waiver, message)


def _hygiene(waiver: Waiver, matched: bool, today: dt.date, runs: Callable[[str], bool]) -> Iterable[Hygiene]:
    target = f"{waiver.code} at {waiver.pointer}" if waiver.pointer is not None else f"{waiver.code} in {waiver.id!r}"
    if waiver.id is not None and waiver.pointer is not None:
        target = f"{waiver.code} at {waiver.pointer} in {waiver.id!r}"
    if not matched and runs(waiver.code):
        yield Hygiene("WVR001", waiver, f"the waiver for {target} matches no finding")
    if waiver.expires is not None and waiver.expired(today):
        yield Hygiene(
            "WVR002",
            waiver,
            f"the waiver for {target} expired on {waiver.expires.isoformat()}; its finding is reported again",
        )
    if not waiver.reason:
        yield Hygiene("WVR003", waiver, f"the waiver for {target} gives no reason; it suppresses nothing")
