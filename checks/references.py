"""REF — integrity: every data item has a processing purpose and every reference resolves.

GDPR 5(1)(b) requires that personal data be collected for specified purposes, and
GDPR 13(1)(c) that the notice states them. A data item that is used but never declared
is processing the data subject was not told about; a declared item that nothing uses
has no purpose at all.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from typing import Protocol

from privlint.knowledge import normalised
from privlint.model import DataItem, Policy, Ref
from privlint.pointers import child
from privlint.rules import ERROR, WARNING, Hit, rule


@rule(
    "REF001",
    "data-item-undeclared",
    severity=ERROR,
    articles=("GDPR 5(1)(a)", "GDPR 13(1)(c)", "GDPR 30(1)(c)"),
    hint="declare the item under data_items (or correct the reference)",
)
def data_item_undeclared(policy: Policy) -> Iterator[Hit]:
    """A processing or sharing uses a data item that the policy never declares.

    The list of data items is what the data subject is told is collected. An item
    that a processing or a sharing uses but that is missing from that list is
    processed without the person having been informed. The finding points at the
    reference and suggests the closest declared item, so a typo is easy to spot.

    Fails::

        data_items:
          - id: customer_name
        processing_activities:
          - id: invoicing
            data_items: [customer_name, bank_account]

    Passes::

        data_items:
          - id: customer_name
          - id: bank_account
        processing_activities:
          - id: invoicing
            data_items: [customer_name, bank_account]
    """
    declared = {item.id for item in policy.data_items}
    undeclared = [(owner, ref) for owner, ref in policy.data_item_references() if ref.id not in declared]
    if not undeclared:  # most policies: no did-you-mean to prepare
        return
    suggest = _Suggestions(_item_candidates(policy.data_items), [ref.id for _owner, ref in undeclared])
    for owner, ref in undeclared:
        suggestion = suggest(ref.id)
        yield Hit(
            ref.pointer,
            f"data item {ref.id!r} is used by {owner} but not declared in data_items"
            + (f"; did you mean {suggestion}?" if suggestion else ""),
        )


@rule(
    "REF002",
    "data-item-without-purpose",
    severity=WARNING,
    articles=("GDPR 5(1)(b)", "GDPR 5(1)(c)"),
    hint="reference the item from the processing that uses it, or remove it",
)
def data_item_without_purpose(policy: Policy) -> Iterator[Hit]:
    """A declared data item is used by no processing activity and no sharing.

    Every piece of personal data must be collected for a stated purpose (purpose
    limitation) and only as far as needed (data minimisation). An item in the list
    that no processing uses has no purpose: either a processing is missing from the
    policy, or the item should not be collected.

    Fails::

        data_items:
          - id: customer_name
          - id: fax_number
        processing_activities:
          - id: invoicing
            data_items: [customer_name]

    Passes::

        data_items:
          - id: customer_name
        processing_activities:
          - id: invoicing
            data_items: [customer_name]
    """
    used = {ref.id for _, ref in policy.data_item_references()}
    for item in policy.data_items:
        if item.id not in used:
            yield Hit(item.pointer, f"data item {item.id!r} is used by no processing or sharing: it has no purpose")


@rule(
    "REF003",
    "unknown-reference",
    severity=ERROR,
    articles=("GDPR 13(1)(e)", "GDPR 30(1)"),
    hint="declare the recipient or data subject category (or correct the reference)",
)
def unknown_reference(policy: Policy) -> Iterator[Hit]:
    """A reference to a recipient or a category of data subjects points at nothing that is declared.

    Processings, sharings and data items name recipients and categories of people (customers,
    employees, ...) by a short id that must match one declared under ``recipients`` or
    ``data_subjects``. A reference that matches nothing, often a typo, means the notice and
    the record of processing activities name a recipient or group of people they never
    describe, so the reader cannot tell who receives the data or whose data it is. The
    finding suggests the closest declared id. (Undeclared data items are REF001.)

    Fails::

        recipients:
          - id: sd_worx
        sharing:
          - id: payroll
            recipients: [sd_worxx]

    Passes::

        recipients:
          - id: sd_worx
        sharing:
          - id: payroll
            recipients: [sd_worx]
    """
    recipients = _Namespace(
        "recipient", "recipients", {r.id for r in policy.recipients}, _recipient_suggestions, policy
    )
    subjects = _Namespace(
        "data subject category", "data_subjects", {s.id for s in policy.data_subjects}, _subject_suggestions, policy
    )
    unknown: list[tuple[_Namespace, Ref, str]] = []
    for processing in policy.processings:
        owner = processing.owner
        unknown += recipients.unknown(processing.recipients, owner)
        unknown += subjects.unknown(processing.data_subjects, owner)
    for item in policy.data_items:
        unknown += subjects.unknown(item.subjects, f"data item {item.id!r}")
    unknown += subjects.unknown(policy.audience, "the notice's audience")
    if policy.social_media is not None:
        unknown += recipients.unknown(policy.social_media.joint_controllers, "social_media.joint_controllers")
    for namespace, ref, owner in unknown:
        yield Hit(ref.pointer, namespace.message(ref.id, owner))


@rule(
    "REF004",
    "duplicate-id",
    severity=ERROR,
    articles=("GDPR 5(2)", "GDPR 30"),
    hint="give every entry its own id (or merge the two entries)",
)
def duplicate_id(policy: Policy) -> Iterator[Hit]:
    """Two entries of the same kind share one id.

    Ids are how the policy links its parts: a processing names its data items, recipients
    and data subjects by id. When two data items, two processings (activities and sharings
    count together), two recipients, two data subject categories or two notice sections
    share an id, every reference to it is ambiguous, and the record of processing
    activities the controller must be able to show no longer says clearly what is processed
    and by whom.

    Fails::

        data_items:
          - id: customer_name
          - id: customer_name

    Passes::

        data_items:
          - id: customer_name
          - id: customer_email
    """
    namespaces: tuple[tuple[str, Iterable[Identified]], ...] = (
        ("data item", policy.data_items),
        ("processing", policy.processings),
        ("recipient", policy.recipients),
        ("data subject category", policy.data_subjects),
        ("notice section", policy.notice.sections if policy.notice else ()),
    )
    for kind, entries in namespaces:
        first: dict[str, str] = {}
        for entry in entries:
            where = first.setdefault(entry.id, entry.pointer)
            if where != entry.pointer:
                yield Hit(child(entry.pointer, "id"), f"{kind} id {entry.id!r} is already used by the entry at {where}")


@rule(
    "REF005",
    "shared-but-never-collected",
    severity=WARNING,
    articles=("GDPR 13(1)(c)", "GDPR 13(1)(e)", "GDPR 14"),
    hint="add the item to the processing activity that collects it, with its purpose",
)
def shared_but_never_collected(policy: Policy) -> Iterator[Hit]:
    """A sharing passes on a data item that no processing activity collects.

    The processing activities tell people which data is collected and why; the sharings
    tell them who else receives it. A data item that is passed on to a recipient but used
    by no processing activity appears out of nowhere: the notice never says for what purpose
    or how it is obtained, or whether it is obtained from someone other than the person it
    is about (which needs the information of GDPR 14).

    Fails::

        data_items:
          - id: bank_account
        sharing:
          - id: payroll
            data_items: [bank_account]

    Passes::

        data_items:
          - id: bank_account
        processing_activities:
          - id: payroll_administration
            data_items: [bank_account]
        sharing:
          - id: payroll
            data_items: [bank_account]
    """
    collected = {ref.id for activity in policy.processing_activities for ref in activity.data_items}
    for sharing in policy.sharing:
        for ref in sharing.data_items:
            if ref.id not in collected:
                yield Hit(
                    ref.pointer,
                    f"data item {ref.id!r} is shared by sharing {sharing.id!r} but no processing activity collects it",
                )


@rule(
    "REF006",
    "item-name-has-list-delimiter",
    severity=ERROR,
    articles=("GDPR 5(1)(a)", "GDPR 12(1)", "GDPR 13(1)(c)"),
    hint="name the item without ',' or ';' (e.g. 'Betalingsoverzicht en klantenrekening'), or split it into two items",
)
def item_name_has_list_delimiter(policy: Policy) -> Iterator[Hit]:
    """A data item's name contains a comma or semicolon, the delimiter of the notice's item lists.

    A notice lists the data items of each processing on one line, separated by commas. An
    item whose name itself contains a comma or a semicolon ("Betalingsoverzicht,
    klantenrekening") reads there as two items, neither of which is declared: the reader
    cannot tell which data are processed, and the list cannot be checked against the
    declared items. The rule reports the declared name, and every processing that lists the
    item (or words a reference) with such a name.

    Fails::

        data_items:
          - id: payment_overview
            name: {nl: "Betalingsoverzicht, klantenrekening"}
        processing_activities:
          - id: invoicing
            data_items: [payment_overview]

    Passes::

        data_items:
          - id: payment_overview
            name: {nl: Betalingsoverzicht en klantenrekening}
        processing_activities:
          - id: invoicing
            data_items: [payment_overview]
    """
    ambiguous: dict[str, str] = {}
    for item in policy.data_items:
        for language, name in item.name.by_language.items() if item.name else ():
            parts = _list_parts(name)
            if len(parts) > 1:
                ambiguous.setdefault(item.id, name)
                yield Hit(
                    child(item.name.pointer, language) if item.name else item.pointer,
                    f"data item {item.id!r} is named {name!r}, which contains a list delimiter: in a "
                    f"comma-separated list of data items it reads as {len(parts)} items "
                    f"({', '.join(repr(part) for part in parts)})",
                )
                break  # one finding per item: its translations share the ambiguity
    for processing in policy.processings:
        owner = processing.owner
        for ref in processing.data_items:
            wording = processing.data_item_names.get(ref.id)
            names = [*(wording.by_language.values() if wording else ()), ambiguous.get(ref.id, "")]
            ambiguous_name = next((name for name in names if len(_list_parts(name)) > 1), None)
            if ambiguous_name is not None:
                yield Hit(
                    ref.pointer,
                    f"{owner} lists data item {ref.id!r} as {ambiguous_name!r}: in the notice's comma-separated "
                    f"list of data items this reads as {len(_list_parts(ambiguous_name))} items",
                )


def _list_parts(name: str) -> list[str]:
    """The pieces a comma- or semicolon-separated list would make of ``name``."""
    return [part.strip() for part in name.replace(";", ",").split(",") if part.strip()]


def closest_item(reference: str, items: tuple[DataItem, ...]) -> str | None:
    """The declared item a reference most likely meant, ignoring case, accents and separators."""
    return _Suggestions(_item_candidates(items), [reference])(reference)


def _item_candidates(items: Iterable[DataItem]) -> Iterator[tuple[str, tuple[str, ...], str | None]]:
    for item in items:
        yield item.id, item.names(), item.name.any if item.name else None


def _recipient_suggestions(policy: Policy, references: Iterable[str]) -> _Suggestions:
    return _Suggestions(
        (
            (recipient.id, (recipient.id, *((recipient.name,) if recipient.name else ())), recipient.name)
            for recipient in policy.recipients
        ),
        references,
    )


def _subject_suggestions(policy: Policy, references: Iterable[str]) -> _Suggestions:
    return _Suggestions(
        (
            (
                subject.id,
                (subject.id, *(subject.name.by_language.values() if subject.name else ())),
                subject.name.any if subject.name else None,
            )
            for subject in policy.data_subjects
        ),
        references,
    )


class _Suggestions:
    """Did-you-mean for references: the declared id whose id or name is closest to a reference.

    Built once per check from ``(id, names, label)`` candidates and the references that will
    be asked about; the first candidate with a given normalised form wins. A reference
    matches a form exactly (after normalising case, accents and separators) or, failing
    that, by ``difflib`` similarity of at least 0.85.
    """

    # Comparing a reference with every form costs O(forms) difflib ratios; beyond this many
    # forms only those sharing rare trigrams with the reference are compared, so registers
    # of thousands of items stay linear. Below it the result is exactly difflib's.
    FULL_SCAN_LIMIT = 2000
    RARE_TRIGRAM = 200  # a trigram in more forms than this says little about similarity
    SHORTLIST = 50

    def __init__(self, candidates: Iterable[tuple[str, Iterable[str], str | None]], references: Iterable[str]) -> None:
        self._by_form: dict[str, tuple[str, str | None]] = {}
        for ident, names, label in candidates:
            for name in names:
                self._by_form.setdefault(normalised(name), (ident, label))
        # Only the trigrams of the references are looked up: indexing the forms under those
        # alone is a set intersection per form, not an entry per trigram (10,000 activities:
        # 90,000 forms, 1.2 million entries before).
        self._wanted = {form: _trigrams(form) for form in map(normalised, references)}
        self._trigrams: dict[str, list[str]] | None = None

    def __call__(self, reference: str) -> str | None:
        wanted = normalised(reference)
        match = self._by_form.get(wanted)
        if match is None:
            close = difflib.get_close_matches(wanted, self._shortlist(wanted), n=1, cutoff=0.85)
            match = self._by_form[close[0]] if close else None
        if match is None:
            return None
        ident, label = match
        return f"{ident!r} ({label})" if label else repr(ident)

    def _shortlist(self, wanted: str) -> list[str]:
        if len(self._by_form) <= self.FULL_SCAN_LIMIT:
            return list(self._by_form)
        trigrams = self._wanted[wanted]  # KeyError: a reference not announced to the constructor
        if self._trigrams is None:
            self._trigrams = self._index(set().union(*self._wanted.values()))
        shared: Counter[str] = Counter()
        for trigram in trigrams:
            forms = self._trigrams.get(trigram, ())
            if len(forms) <= self.RARE_TRIGRAM:
                shared.update(forms)
        return [form for form, _ in shared.most_common(self.SHORTLIST)]

    def _index(self, trigrams: set[str]) -> dict[str, list[str]]:
        """The forms holding each of ``trigrams``, in the order of the forms."""
        index: dict[str, list[str]] = {}
        for form in self._by_form:
            for trigram in trigrams.intersection(_trigrams(form)):
                index.setdefault(trigram, []).append(form)
        return index


def _trigrams(form: str) -> set[str]:
    return {form[i : i + 3] for i in range(len(form) - 2)}


class Identified(Protocol):
    """An entry with an id, at a place in the policy."""

    @property
    def id(self) -> str: ...
    @property
    def pointer(self) -> str: ...


class _Namespace:
    """The declared ids of one kind, and the references to undeclared ones (with a did-you-mean)."""

    def __init__(
        self,
        kind: str,
        key: str,
        declared: set[str],
        suggestions: Callable[[Policy, Iterable[str]], _Suggestions],
        policy: Policy,
    ) -> None:
        self.kind, self.key, self.declared = kind, key, declared
        self._make, self._policy = suggestions, policy
        self._undeclared: list[str] = []
        self._suggest: _Suggestions | None = None

    def unknown(self, refs: Iterable[Ref], owner: str) -> list[tuple[_Namespace, Ref, str]]:
        """The references among ``refs`` to ids not declared, noted for the did-you-mean."""
        found = [(self, ref, owner) for ref in refs if ref.id not in self.declared]
        self._undeclared.extend(ref.id for _namespace, ref, _owner in found)
        return found

    def message(self, reference: str, owner: str) -> str:
        """The message for an undeclared ``reference``; call once every reference is noted."""
        if self._suggest is None:
            self._suggest = self._make(self._policy, self._undeclared)
        suggestion = self._suggest(reference)
        return f"{self.kind} {reference!r} named by {owner} is not declared in {self.key}" + (
            f"; did you mean {suggestion}?" if suggestion else ""
        )
