"""What changed between two versions of a policy, each change material or editorial.

A change is **material** when data subjects must be told before it applies: GDPR 13(3) (a
further purpose) and the Article 29 Working Party's transparency guidelines, WP260 rev.01
(adopted 11 April 2018, endorsed by the EDPB on 25 May 2018), paragraphs 26-32 on changes to
the information: a new purpose, a new or changed legal basis, a new recipient or recipient
category, a new transfer to a third country, new (special-category) data, a longer retention,
a right removed. Everything else is **editorial** (wording, order, a shorter retention, a
fix of a typo). The classes and their words are in ``CLASSES``; the WP260 paragraph numbers
are "unconfirmed" against the published text (not compared while writing this module).

``compare(old, new)`` compares two models by the ids of their entries, never by position, so
reordering is editorial. A purpose whose text changed while the number of purposes stayed the
same is read as reworded (editorial, "check that the meaning is unchanged"); an extra purpose
is material. ``old_policy_at(revision, path)`` reads the policy folder as git has it at a
revision: git runs as a subprocess with fixed arguments (``git ls-tree``, ``git show``),
never through a shell.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from privlint import files, knowledge
from privlint.model import DataItem, Policy, Processing, Recipient, Text

FORMAT_VERSION = 1
_GIT_TIMEOUT = 30

# class -> (material, Dutch, English); {what} is the entry concerned, {old}/{new} the values.
CLASSES: Mapping[str, tuple[bool, str, str]] = {
    "new_processing": (True, "Nieuwe verwerking {what}", "New processing {what}"),
    "new_purpose": (True, "Nieuw doel bij {what}: {new}", "New purpose for {what}: {new}"),
    "legal_basis": (
        True,
        "Rechtsgrond van {what} gewijzigd: {old} → {new}",
        "Legal basis of {what} changed: {old} → {new}",
    ),
    "legal_obligation": (
        True,
        "Wet achter de verplichting van {what}: {old} → {new}",
        "Law behind {what}: {old} → {new}",
    ),
    "new_recipient": (True, "Nieuwe ontvanger bij {what}: {new}", "New recipient for {what}: {new}"),
    "new_recipient_category": (True, "Nieuwe categorie van ontvangers: {new}", "New recipient category: {new}"),
    "recipient_role": (True, "Rol van ontvanger {what}: {old} → {new}", "Role of recipient {what}: {old} → {new}"),
    "new_transfer": (
        True,
        "Nieuwe doorgifte naar een derde land bij {what}: {new}",
        "New transfer to a third country for {what}: {new}",
    ),
    "new_special_category": (
        True,
        "Nieuwe bijzondere persoonsgegevens bij {what}: {new}",
        "New special data for {what}: {new}",
    ),
    "new_data_item": (True, "Nieuwe persoonsgegevens bij {what}: {new}", "New data for {what}: {new}"),
    "longer_retention": (
        True,
        "Langere bewaartermijn bij {what}: {old} → {new}",
        "Longer retention for {what}: {old} → {new}",
    ),
    "right_removed": (True, "Recht geschrapt: {old}", "Right removed: {old}"),
    "controller": (True, "Verwerkingsverantwoordelijke gewijzigd: {old} → {new}", "Controller changed: {old} → {new}"),
    "shorter_retention": (
        False,
        "Kortere bewaartermijn bij {what}: {old} → {new}",
        "Shorter retention for {what}: {old} → {new}",
    ),
    "retention_reworded": (
        False,
        "Bewaartermijn van {what} anders verwoord (nagaan of de duur dezelfde blijft): {new}",
        "Retention of {what} reworded (check that the period is unchanged): {new}",
    ),
    "purpose_reworded": (
        False,
        "Doel van {what} anders verwoord (nagaan of de betekenis dezelfde blijft): {old} → {new}",
        "Purpose of {what} reworded (check that the meaning is unchanged): {old} → {new}",
    ),
    "wording": (False, "Tekst van {what} gewijzigd", "Wording of {what} changed"),
    "order": (False, "Volgorde van {what} gewijzigd", "Order of {what} changed"),
    "removed_processing": (False, "Verwerking geschrapt: {what}", "Processing removed: {what}"),
    "removed_recipient": (False, "Ontvanger geschrapt bij {what}: {old}", "Recipient removed from {what}: {old}"),
    "removed_data_item": (False, "Persoonsgegevens geschrapt bij {what}: {old}", "Data removed from {what}: {old}"),
    "right_added": (False, "Recht toegevoegd: {new}", "Right added: {new}"),
    "contact": (False, "Contactgegevens gewijzigd", "Contact details changed"),
    "location": (
        False,
        "Plaats van verwerking van {what}: {old} → {new}",
        "Place of processing of {what}: {old} → {new}",
    ),
}


class ChangesError(Exception):
    """The old version cannot be had (no git, a bad revision, a path outside the repository)."""


class Change(NamedTuple):
    klass: str
    what: str  # the entry concerned, in the policy's words (name, else id)
    where: str  # kind and id, e.g. "sharing it_support"
    old: str = ""
    new: str = ""

    @property
    def material(self) -> bool:
        return CLASSES[self.klass][0]

    def words(self, lang: str) -> str:
        _, dutch, english = CLASSES[self.klass]
        template = dutch if lang == "nl" else english
        return template.format(what=self.what, old=self.old or "—", new=self.new or "—")


def compare(old: Policy, new: Policy) -> list[Change]:
    """Every change from ``old`` to ``new``: material ones first, each group in policy order."""
    found = [
        *_controller(old, new),
        *_processings(old, new),
        *_recipients(old, new),
        *_categories(old, new),
        *_rights(old, new),
    ]
    return sorted(found, key=lambda change: not change.material)


# --- processings --------------------------------------------------------------------------------


class _Versions:
    """The two policies and their data items by id (built once, not once per processing)."""

    def __init__(self, old: Policy, new: Policy) -> None:
        self.old, self.new = old, new
        self.old_items = {item.id: item for item in old.data_items}
        self.new_items = {item.id: item for item in new.data_items}


def _processings(old: Policy, new: Policy) -> Iterator[Change]:
    versions = _Versions(old, new)
    for kind, before, after in (
        ("processing_activities", old.processing_activities, new.processing_activities),
        ("sharing", old.sharing, new.sharing),
    ):
        earlier = {p.id: p for p in before}
        later = {p.id: p for p in after}
        for processing in after:
            previous = earlier.get(processing.id)
            if previous is None:
                yield Change("new_processing", processing.label, _where(processing))
                yield from _new_transfers(old, new, None, processing)
            else:
                yield from _processing(versions, previous, processing)
        for processing in before:
            if processing.id not in later:
                yield Change("removed_processing", processing.label, _where(processing))
        common = [p for p in before if p.id in later]
        if [p.id for p in common] != [p.id for p in after if p.id in earlier]:
            yield Change("order", _section_name(kind), kind)


def _section_name(kind: str) -> str:
    return {"processing_activities": "processing activities", "sharing": "sharing"}[kind]


def _where(processing: Processing) -> str:
    return f"{processing.kind.replace('_', ' ')} {processing.id}"


def _processing(versions: _Versions, before: Processing, after: Processing) -> Iterator[Change]:
    old, new = versions.old, versions.new
    what, where = after.label, _where(after)
    yield from _purposes(before, after)
    if before.legal_basis != after.legal_basis:
        yield Change("legal_basis", what, where, before.legal_basis or "", after.legal_basis or "")
    if _law(before) != _law(after) and after.legal_obligation is not None:
        yield Change("legal_obligation", what, where, _law(before), _law(after))
    yield from _items(versions, before, after)
    yield from _processing_recipients(old, new, before, after)
    yield from _new_transfers(old, new, before, after)
    yield from _retention(before, after)
    for field in ("name", "description", "text", "legitimate_interest"):
        if _text(getattr(before, field)) != _text(getattr(after, field)):
            yield Change("wording", f"{what} ({field.replace('_', ' ')})", where)


def _law(processing: Processing) -> str:
    law = processing.legal_obligation
    return " ".join(p for p in (law.law, law.provision) if p) if law else ""


def _text(text: Text | None) -> tuple[tuple[str, str], ...]:
    return tuple(sorted(text.by_language.items())) if text else ()


def _purposes(before: Processing, after: Processing) -> Iterator[Change]:
    what, where = after.label, _where(after)
    earlier = [_plain(p) for p in before.purposes]
    later = [_plain(p) for p in after.purposes]
    if len(later) > len(earlier):
        for purpose in later:
            if purpose not in earlier:
                yield Change("new_purpose", what, where, "", purpose)
        return
    remaining = [p for p in earlier if p not in later]
    for purpose in later:
        if purpose not in earlier and remaining:
            yield Change("purpose_reworded", what, where, remaining.pop(0), purpose)
    if earlier != later and sorted(earlier) == sorted(later):
        yield Change("order", f"{what} (purposes)", where)


def _plain(text: Text) -> str:
    return text.any


def _items(versions: _Versions, before: Processing, after: Processing) -> Iterator[Change]:
    what, where = after.label, _where(after)
    old, new = versions.old_items, versions.new_items
    earlier = {ref.id for ref in before.data_items}
    for ref in after.data_items:
        if ref.id in earlier:
            if _special(new, after, ref.id) and not _special(old, before, ref.id):
                yield Change("new_special_category", what, where, "", _item_name(new, after, ref.id))
            continue
        klass = "new_special_category" if _special(new, after, ref.id) else "new_data_item"
        yield Change(klass, what, where, "", _item_name(new, after, ref.id))
    later = {ref.id for ref in after.data_items}
    for ref in before.data_items:
        if ref.id not in later:
            yield Change("removed_data_item", what, where, _item_name(old, before, ref.id), "")


def _item_name(items: Mapping[str, DataItem], processing: Processing, item_id: str) -> str:
    wording = processing.data_item_names.get(item_id)
    if wording is not None:
        return wording.any
    item = items.get(item_id)
    return item.name.any if item is not None and item.name is not None else item_id


def _special(items: Mapping[str, DataItem], processing: Processing, item_id: str) -> bool:
    item = items.get(item_id)
    if item is not None and (item.special_category or item.criminal_offence_data):
        return True
    wording = processing.data_item_names.get(item_id)
    names = (*(item.names() if item else (item_id,)), *(wording.by_language.values() if wording else ()))
    return knowledge.match_special_category(names) is not None


def _processing_recipients(old: Policy, new: Policy, before: Processing, after: Processing) -> Iterator[Change]:
    what, where = after.label, _where(after)
    earlier = {ref.id for ref in before.recipients}
    later = {ref.id for ref in after.recipients}
    recipients = {r.id: r for r in new.recipients}
    for ref in after.recipients:
        recipient = recipients.get(ref.id)
        if ref.id not in earlier and not _third_country(recipient):
            yield Change("new_recipient", what, where, "", _recipient_name(recipient, ref.id))
    old_recipients = {r.id: r for r in old.recipients}
    for ref in before.recipients:
        if ref.id not in later:
            yield Change("removed_recipient", what, where, _recipient_name(old_recipients.get(ref.id), ref.id), "")


def _recipient_name(recipient: Recipient | None, ident: str) -> str:
    if recipient is None:
        return ident
    name = recipient.name or ident
    return f"{name} ({recipient.country})" if recipient.country else name


def _third_country(recipient: Recipient | None) -> bool:
    return bool(recipient and recipient.country and recipient.country not in knowledge.eea_countries())


def _outside(locations: Iterable[str]) -> set[str]:
    eea = knowledge.eea_countries()
    return {place for place in locations if place not in {"EU", "EEA"} and place not in eea}


def _new_transfers(old: Policy, new: Policy, before: Processing | None, after: Processing) -> Iterator[Change]:
    """New third countries: a location, or a recipient there (new, or newly there)."""
    what, where = after.label, _where(after)
    earlier = _outside(ref.id for ref in before.locations) if before else set()
    for place in sorted(_outside(ref.id for ref in after.locations) - earlier):
        yield Change("new_transfer", what, where, "", place)
    old_recipients = {r.id: r for r in old.recipients}
    recipients = {r.id: r for r in new.recipients}
    had = {ref.id for ref in before.recipients} if before else set()
    for ref in after.recipients:
        recipient = recipients.get(ref.id)
        if not _third_country(recipient):
            continue
        was_there = ref.id in had and _third_country(old_recipients.get(ref.id))
        if not was_there:
            yield Change("new_transfer", what, where, "", _recipient_name(recipient, ref.id))
    if before is not None:
        inside_before = sorted(ref.id for ref in before.locations if ref.id not in _outside([ref.id]))
        inside_after = sorted(ref.id for ref in after.locations if ref.id not in _outside([ref.id]))
        if inside_before != inside_after:
            yield Change("location", what, where, ", ".join(inside_before), ", ".join(inside_after))


def _retention(before: Processing, after: Processing) -> Iterator[Change]:
    what, where = after.label, _where(after)
    old, new = before.retention, after.retention
    old_text = old.text.any if old and old.text else (old.duration if old else "") or ""
    new_text = new.text.any if new and new.text else (new.duration if new else "") or ""
    old_period, new_period = (old.duration if old else None), (new.duration if new else None)
    if old_period and new_period and old_period != new_period:
        klass = "longer_retention" if _ends_later(new_period, old_period) else "shorter_retention"
        yield Change(klass, what, where, old_text, new_text)
    elif old is not None and new is None:
        yield Change("shorter_retention", what, where, old_text, "")
    elif (old_text != new_text) or (old and new and (old.trigger, old.extension) != (new.trigger, new.extension)):
        yield Change("retention_reworded", what, where, old_text, new_text)


def _ends_later(period: str, other: str) -> bool:
    """Whether ``period`` ends later than ``other``: the comparison RET003 and RET005 use."""
    import importlib  # noqa: PLC0415

    from privlint.catalogue import CHECKS_PACKAGE  # noqa: PLC0415 - checks/ is privlint.checks once installed

    retention = importlib.import_module(f"{CHECKS_PACKAGE}.retention")
    return bool(retention.ends_later(period, other))


# --- recipients, categories, rights, controller ----------------------------------------------------


def _recipients(old: Policy, new: Policy) -> Iterator[Change]:
    earlier = {r.id: r for r in old.recipients}
    for recipient in new.recipients:
        previous = earlier.get(recipient.id)
        if previous is not None and previous.role != recipient.role and recipient.role:
            name = recipient.name or recipient.id
            yield Change("recipient_role", name, f"recipient {recipient.id}", previous.role or "", recipient.role)


def _categories(old: Policy, new: Policy) -> Iterator[Change]:
    earlier = {c.any for c in old.recipient_categories}
    for category in new.recipient_categories:
        if category.any not in earlier:
            yield Change("new_recipient_category", category.any, "recipient_categories", "", category.any)


def _rights(old: Policy, new: Policy) -> Iterator[Change]:
    earlier = [r.right for r in old.rights]
    later = [r.right for r in new.rights]
    for right in earlier:
        if right not in later:
            yield Change("right_removed", right, "rights", right, "")
    for right in later:
        if right not in earlier:
            yield Change("right_added", right, "rights", "", right)


def _controller(old: Policy, new: Policy) -> Iterator[Change]:
    before, after = old.controller, new.controller
    if before is None or after is None:
        return
    for field in ("name", "enterprise_number"):
        if getattr(before, field) != getattr(after, field):
            yield Change("controller", field, "controller", getattr(before, field) or "", getattr(after, field) or "")
    if (before.address, before.privacy_contact, before.dpo) != (after.address, after.privacy_contact, after.dpo):
        yield Change("contact", "controller", "controller")


# --- the old version from git -----------------------------------------------------------------------


def old_policy_at(revision: str, path: Path, into: Path) -> Path:
    """Write the policy at ``path`` as git has it at ``revision`` into the folder ``into``.

    Returns the folder (or file) to load. Raises ``ChangesError`` with a clear message.
    """
    if not revision or revision.startswith("-"):
        raise ChangesError(f"not a git revision: {revision!r}")
    git = shutil.which("git")
    if git is None:
        raise ChangesError("git is not installed (or not on PATH); use --old DIR instead of --since")
    folder = path if path.is_dir() else path.parent
    root = Path(_git(git, folder, "rev-parse", "--show-toplevel").strip())
    try:
        relative = path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        raise ChangesError(f"{path} is not inside the git repository {root}") from None
    relative = "" if relative == "." else relative
    try:
        _git(git, root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    except ChangesError:
        raise ChangesError(f"unknown git revision {revision!r} in {root}") from None
    listed = _git(git, root, "ls-tree", "-r", "-z", "--name-only", revision, "--", relative or ".")
    names = [name for name in listed.split("\0") if name.endswith((".yaml", ".yml"))]
    if not names:
        raise ChangesError(f"no policy files under {relative or '.'} at revision {revision}")
    for name in names:
        target = into / name
        target.parent.mkdir(parents=True, exist_ok=True)
        files.write_bytes(target, _git_bytes(git, root, "show", f"{revision}:{name}"))
    return into / relative if relative else into


def _git(git: str, cwd: Path, *args: str) -> str:
    return _git_bytes(git, cwd, *args).decode("utf-8", "replace")


def _git_bytes(git: str, cwd: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(  # noqa: S603 - fixed arguments, no shell
            [git, *args], cwd=cwd, capture_output=True, timeout=_GIT_TIMEOUT, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise ChangesError(f"git {args[0]} failed: {error}") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        detail = message[-1] if message else f"exit code {done.returncode}"
        raise ChangesError(f"git {args[0]} failed: {detail}")
    return done.stdout


def temporary_folder() -> tempfile.TemporaryDirectory[str]:
    return tempfile.TemporaryDirectory(prefix="privlint-old-")


# --- output ----------------------------------------------------------------------------------------


def as_json(changes: Sequence[Change], old: str, new: str) -> dict[str, Any]:
    """The documented, versioned structure of ``privlint changes --format json`` (see README)."""
    return {
        "format": "privlint-changes",
        "version": FORMAT_VERSION,
        "old": old,
        "new": new,
        "material": sum(1 for c in changes if c.material),
        "editorial": sum(1 for c in changes if not c.material),
        "changes": [
            {
                "material": c.material,
                "class": c.klass,
                "where": c.where,
                "what": c.what,
                "old": c.old,
                "new": c.new,
                "text": {"nl": c.words("nl"), "en": c.words("en")},
            }
            for c in changes
        ],
    }


def render(changes: Sequence[Change], output_format: str, lang: str, *, old: str) -> str:
    """``changes`` as text, Markdown or the JSON document (``as_json``)."""
    if output_format == "json":
        import json  # noqa: PLC0415

        return json.dumps(as_json(changes, old, "working tree"), ensure_ascii=False, indent=2) + "\n"
    return as_text(changes, lang, markdown=output_format == "markdown")


HEADINGS = {
    "nl": (
        "Wezenlijke wijzigingen (betrokkenen vooraf informeren, art. 13.3 AVG, WP260)",
        "Redactionele wijzigingen",
        "Geen wijzigingen.",
    ),
    "en": (
        "Material changes (tell data subjects before they apply, Art. 13(3) GDPR, WP260)",
        "Editorial changes",
        "No changes.",
    ),
}


def as_text(changes: Sequence[Change], lang: str, *, markdown: bool = False) -> str:
    from privlint.printable import line as printable  # noqa: PLC0415

    material, editorial, none = HEADINGS[lang]
    if not changes:
        return none + "\n"
    lines: list[str] = []
    for heading, group in (
        (material, [c for c in changes if c.material]),
        (editorial, [c for c in changes if not c.material]),
    ):
        if not group:
            continue
        lines.append(f"### {heading} ({len(group)})" if markdown else f"{heading} ({len(group)}):")
        for change in group:
            text = _markdown(printable(change.words(lang))) if markdown else printable(change.words(lang))
            lines.append(f"- {text}" if markdown else f"  - {text}")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _markdown(text: str) -> str:
    """Policy text inside Markdown: no markup, no HTML, one line."""
    escaped = "".join(f"\\{c}" if c in "\\`*_[]<>#|~" else c for c in text)
    return " ".join(escaped.split())
