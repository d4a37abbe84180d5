"""REF — integrity: every data item has a processing purpose and every reference resolves.

GDPR 5(1)(b) requires that personal data be collected for specified purposes, and
GDPR 13(1)(c) that the notice states them. A data item that is used but never declared
is processing the data subject was not told about; a declared item that nothing uses
has no purpose at all.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from privlint.model import DataItem, Policy
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
    for owner, ref in policy.data_item_references():
        if ref.id not in declared:
            suggestion = closest_item(ref.id, policy.data_items)
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


def normalise(text: str) -> str:  # TEMP until privlint.knowledge lands
    import re  # noqa: PLC0415
    import unicodedata  # noqa: PLC0415

    folded = unicodedata.normalize("NFKD", text.casefold())
    return re.sub(r"[^a-z0-9]+", " ", "".join(c for c in folded if not unicodedata.combining(c))).strip()


def closest_item(reference: str, items: tuple[DataItem, ...]) -> str | None:
    """The declared item a reference most likely meant, ignoring case, accents and separators."""
    by_form: dict[str, DataItem] = {}
    for item in items:
        for name in item.names():
            by_form.setdefault(normalise(name), item)
    wanted = normalise(reference)
    match = by_form.get(wanted)
    if match is None:
        close = difflib.get_close_matches(wanted, list(by_form), n=1, cutoff=0.85)
        match = by_form[close[0]] if close else None
    if match is None:
        return None
    return f"{match.id!r} ({match.name.any})" if match.name else repr(match.id)
