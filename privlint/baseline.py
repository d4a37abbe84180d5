"""Fingerprints of findings, and the baseline: known findings that do not fail the gate.

A finding is recognised across edits by a *key* that never contains a line number:

- its rule ``code``;
- its *location*: the JSON Pointer with each list position replaced by the ``id`` of the
  entry (``/sharing/[payroll]/data_items/[bank_account]``; a string entry stands for
  itself), so inserting, moving or reordering entries does not change the key;
- a short hash of the offending value when it is a scalar (a changed value is a new finding);
- otherwise, for a finding about a whole entry or about something missing, a short hash of
  its message with line and column numbers removed: several such findings may share one
  place (five rights missing from ``/rights``), and the message tells them apart, while
  the entry can be edited without its findings becoming new;
- the file name, only for findings about a file as a whole (reading problems have no pointer).

Equal keys are told apart by their order of occurrence. The baseline file is JSON, sorted,
one entry per known finding (``privlint check --write-baseline FILE``).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from privlint import files, jsontext, pointers
from privlint.findings import Finding

FORMAT_VERSION = 1
OPTIONAL = ("value", "message", "file")
_POSITION = re.compile(r"(?:\b(?:line|column) \d+|:\d+:\d+|:\d+\b)")


class BaselineError(Exception):
    """The baseline file cannot be used; the message names the file."""


@dataclass(frozen=True, slots=True)
class Key:
    code: str
    location: str
    value: str | None = None
    message: str | None = None
    file: str | None = None

    def data(self) -> dict[str, str]:
        entry = {"code": self.code, "location": self.location}
        for name in OPTIONAL:
            if getattr(self, name) is not None:
                entry[name] = getattr(self, name)
        return entry

    def sort_key(self) -> tuple[str, ...]:
        return (self.code, self.location, *(getattr(self, name) or "" for name in OPTIONAL))

    def digest(self) -> str:
        text = "\0".join(self.sort_key())
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def location(pointer: str, data: Any) -> tuple[str, Any]:
    """The id-based location of ``pointer`` in ``data``, and the value found there (or None)."""
    parts: list[str] = []
    node = data
    for token in pointers.tokens(pointer):
        in_list = isinstance(node, list)
        node = pointers.step(node, token)
        ident = node.get("id") if isinstance(node, Mapping) else node
        parts.append(f"[{ident}]" if in_list and isinstance(ident, str) else pointers.escape(token))
    return "".join("/" + part for part in parts), node


def short_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def key(finding: Finding, data: Any) -> Key:
    """The line-independent key of ``finding``; ``data`` is the document its pointer points into."""
    where, value = location(finding.pointer, data)
    file = Path(finding.file).name if not finding.pointer else None
    if value is not None and not isinstance(value, (Mapping, list)):
        return Key(finding.code, where, value=short_hash(json.dumps(value, ensure_ascii=False)), file=file)
    return Key(finding.code, where, message=short_hash(_POSITION.sub("", finding.message)), file=file)


def fingerprints(findings: Sequence[Finding], data_of: Callable[[Finding], Any]) -> list[str]:
    """One fingerprint per finding (``digest:n``, n counting equal keys in order), never from lines."""
    seen: Counter[Key] = Counter()
    prints: list[str] = []
    for finding in findings:
        found = key(finding, data_of(finding))
        seen[found] += 1
        prints.append(f"{found.digest()}:{seen[found]}")
    return prints


def dumps(keys: Iterable[Key]) -> str:
    document = {
        "privlint_baseline": FORMAT_VERSION,
        "findings": [k.data() for k in sorted(keys, key=Key.sort_key)],
    }
    return jsontext.document(document, printable_only=False)


def write(path: Path, keys: Iterable[Key]) -> None:
    """Replace the baseline at ``path`` atomically; ``privlint.files.WriteError`` leaves the old file."""
    from privlint import files  # noqa: PLC0415

    files.write_text(path, dumps(keys))


def read(path: Path) -> Counter[Key]:
    """The known findings recorded in ``path``, with how often each key occurs."""
    try:
        document = json.loads(files.read_regular(path).decode("utf-8"))
    except FileNotFoundError:
        raise BaselineError(f"{path}: baseline file not found; write it with --write-baseline {path}") from None
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise BaselineError(f"{path}: cannot read the baseline: {error}") from None
    except RecursionError:  # `[[[[...]]]]` 100,000 deep: a baseline is two levels deep
        raise BaselineError(f"{path}: cannot read the baseline: nested too deeply") from None
    if not isinstance(document, dict) or document.get("privlint_baseline") != FORMAT_VERSION:
        raise BaselineError(f"{path}: not a privlint baseline (version {FORMAT_VERSION}); rewrite it")
    entries = document.get("findings")
    if not isinstance(entries, list):
        raise BaselineError(f"{path}: 'findings' must be a list")
    return Counter(_entry(entry, path) for entry in entries)


def _entry(entry: Any, path: Path) -> Key:
    names = ("code", "location", *OPTIONAL)
    if (
        not isinstance(entry, dict)
        or set(entry) - set(names)
        or not all(isinstance(entry.get(name), str) for name in ("code", "location"))
        or not all(isinstance(value, str) for value in entry.values())
    ):
        raise BaselineError(f"{path}: malformed entry {json.dumps(entry, ensure_ascii=False)}")
    return Key(**entry)


@dataclass(frozen=True, slots=True)
class Scope:
    """What a run looked at: the rules that ran, the policy sections and files it read.

    An entry outside the scope could not have matched (its rule did not run, or its file
    or section was not read): it is neither stale nor dropped when the baseline is rewritten.
    """

    ran: Callable[[str], bool]
    sections: frozenset[str]
    files: frozenset[str]  # base names, as ``Key.file`` records them
    everywhere: bool = False  # the whole configured policy was read: every place is in scope

    def covers(self, entry: Key) -> bool:
        if not self.ran(entry.code):
            return False
        if self.everywhere:
            return True
        if entry.file is not None:
            return entry.file in self.files
        tokens = pointers.tokens(entry.location)
        return bool(tokens) and tokens[0] in self.sections  # a whole-policy finding needs the whole policy


def merged(new: Iterable[Key], old: Counter[Key], scope: Scope) -> tuple[list[Key], int]:
    """The entries to write after a run that found ``new``, and how many of ``old`` they keep.

    Entries of rules that did not run are kept. A run of the whole policy replaces every
    other entry; a run of part of it (one file, say) only adds: it cannot tell an entry
    that is fixed from one that depends on a section it did not read.
    """
    found = Counter(new)
    if scope.everywhere:
        kept = Counter({entry: count for entry, count in old.items() if not scope.ran(entry.code)})
        return sorted((found + kept).elements(), key=Key.sort_key), kept.total()
    union = found | old
    return sorted(union.elements(), key=Key.sort_key), (union - found).total()


def apply(
    findings: Sequence[Finding],
    known: Counter[Key],
    data_of: Callable[[Finding], Any],
    *,
    scope: Scope | None = None,
    exempt: Callable[[str], bool] = lambda _code: False,
) -> tuple[list[Finding], int]:
    """Mark the findings the baseline knows (each entry covers one finding); return them and the stale count.

    Only entries within ``scope`` (default: all) can be stale: the others could not match.
    Findings of ``exempt`` rules (reading and schema errors) are never covered: the checks
    cannot run past them, so a baseline that knew them would let any policy pass.
    """
    from dataclasses import replace  # noqa: PLC0415

    left = Counter(known)
    marked: list[Finding] = []
    for finding in findings:
        found = key(finding, data_of(finding))
        if not finding.waived and not exempt(finding.code) and left[found] > 0:
            left[found] -= 1
            finding = replace(finding, baseline=True)  # noqa: PLW2901 - the marked copy replaces it
        marked.append(finding)
    return marked, sum(count for entry, count in left.items() if scope is None or scope.covers(entry))
