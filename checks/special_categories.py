"""SPC — special data: special categories (GDPR 9) and criminal data (GDPR 10) are recognised and justified.

GDPR 9(1) prohibits processing data revealing racial or ethnic origin, political
opinions, religious or philosophical beliefs or trade union membership, genetic data,
biometric data used to identify a person, data concerning health and data concerning
sex life or sexual orientation, unless one of the exceptions of GDPR 9(2) applies.
GDPR 10 allows data relating to criminal convictions and offences to be processed only
under the control of official authority or when Union or member-state law authorises it
with appropriate safeguards. These rules check that such data is marked as such in the
policy, and that every processing that uses it names its exception or its law. Which
names make an item look like such data (for example "ziekteverzuim", sick leave: health)
comes from privlint's knowledge files, in Dutch, French and English.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from privlint import knowledge
from privlint.model import DataItem, Policy, Ref, Text
from privlint.rules import ERROR, INFO, WARNING, Hit, rule

# A place that lists data items by id: who it is, its references and how it words them.
Use = tuple[str, tuple[Ref, ...], Mapping[str, Text]]


def _uses(policy: Policy) -> Iterator[Use]:
    """Every place data items are referenced: processing activities, sharings, the website."""
    for processing in policy.processings:
        yield processing.owner, processing.data_items, processing.data_item_names
    if policy.website is not None:
        for owner, use in (
            ("website cookies", policy.website.cookies),
            ("website server logs", policy.website.server_logs),
        ):
            if use is not None:
                yield owner, use.data_items, use.data_item_names


def _wording(item_id: str, names: Mapping[str, Text]) -> tuple[str, ...]:
    """How one place words an item, if it does."""
    text = names.get(item_id)
    return tuple(text.by_language.values()) if text is not None else ()


def _item_wordings(
    policy: Policy,
) -> tuple[dict[str, list[str]], list[tuple[str, Ref, tuple[str, ...]]]]:
    """How the processings word each declared item, and each undeclared item's first use with its wording."""
    declared = {item.id for item in policy.data_items}
    wordings: dict[str, list[str]] = {}
    undeclared: list[tuple[str, Ref, tuple[str, ...]]] = []
    for owner, refs, names in _uses(policy):
        seen: set[str] = set()
        for ref in refs:
            if ref.id in declared:
                wordings.setdefault(ref.id, []).extend(_wording(ref.id, names))
            elif ref.id not in seen:
                seen.add(ref.id)
                undeclared.append((owner, ref, _wording(ref.id, names)))
    return wordings, undeclared


def _category_label(key: str) -> str:
    category = knowledge.special_categories().get(key)
    return category.labels.get("en", key) if category is not None else key


def _criminal_label() -> str:
    return knowledge.criminal_data().labels.get("en", "criminal data")


def _matched(match: knowledge.KeywordMatch) -> str:
    return f"{match.name!r} matches {match.keyword.text!r}"


@rule(
    "SPC001",
    "special-category-without-condition",
    severity=ERROR,
    articles=("GDPR 9(1)", "GDPR 9(2)"),
    hint="add special_category_condition: the GDPR 9(2) exception that applies (e.g. employment_social_security)",
)
def special_category_without_condition(policy: Policy) -> Iterator[Hit]:
    """A processing uses special-category data but names no GDPR 9(2) exception.

    Special categories of personal data (health, trade union membership, religion,
    biometric data and the others listed in GDPR 9(1)) may not be processed at all,
    unless one of the exceptions in GDPR 9(2) applies: for example explicit consent, or
    obligations in the field of employment and social security law. A legal basis under
    GDPR 6 is not enough on its own. Every processing activity or sharing that uses a data
    item marked as special-category data must say which exception it relies on.

    Fails::

        data_items:
          - id: sick_leave_days
            special_category: health
        sharing:
          - id: payroll
            legal_basis: legal_obligation
            data_items: [sick_leave_days]

    Passes::

        data_items:
          - id: sick_leave_days
            special_category: health
        sharing:
          - id: payroll
            legal_basis: legal_obligation
            special_category_condition: employment_social_security
            data_items: [sick_leave_days]
    """
    marked = {item.id: item.special_category for item in policy.data_items if item.special_category is not None}
    for processing in policy.processings:
        if processing.special_category_condition is not None:
            continue
        for ref in processing.data_items:
            category = marked.get(ref.id)
            if category is not None:
                yield Hit(
                    ref.pointer,
                    f"{processing.owner} uses {ref.id!r} ({_category_label(category)}, GDPR 9(1)) "
                    "but states no GDPR 9(2) condition (special_category_condition)",
                )


@rule(
    "SPC002",
    "special-category-unmarked",
    severity=WARNING,
    articles=("GDPR 9(1)",),
    hint="mark the item with special_category: <category> and give every processing that uses it "
    "a special_category_condition (GDPR 9(2))",
)
def special_category_unmarked(policy: Policy) -> Iterator[Hit]:
    """A data item looks like special-category data but is not marked as such.

    Some data is special-category data by its nature, whatever the policy calls it: days
    of sick leave are data concerning health, a trade union premium reveals trade union
    membership. If such an item is not marked, the stricter rules of GDPR 9 are easily
    overlooked: its processing then has no GDPR 9(2) exception, and nobody notices. This
    rule recognises such items by their names and ids (Dutch, French and English
    keywords), both for declared items and for items a processing uses without declaring
    them. A match is a signal for a human to confirm, not a legal conclusion.

    Fails::

        data_items:
          - id: sick_leave_days
            name: {nl: Dagen ziekteverzuim}
        sharing:
          - id: payroll
            data_items: [sick_leave_days]

    Passes::

        data_items:
          - id: sick_leave_days
            name: {nl: Dagen ziekteverzuim}
            special_category: health
        sharing:
          - id: payroll
            special_category_condition: employment_social_security
            data_items: [sick_leave_days]
    """
    wordings, used = _item_wordings(policy)
    undeclared = [(owner, ref, (ref.id, *wording)) for owner, ref, wording in used]
    for item in policy.data_items:
        if item.special_category is None:
            match = knowledge.match_special_category((*item.names(), *wordings.get(item.id, ())))
            if match is not None:
                yield _unmarked(item.pointer, f"data item {item.id!r}", match, "mark it with")
    for owner, ref, forms in undeclared:
        match = knowledge.match_special_category(forms)
        if match is not None:
            what = f"data item {ref.id!r} (used by {owner}, not declared)"
            yield _unmarked(ref.pointer, what, match, "declare it under data_items with")


def _unmarked(pointer: str, what: str, match: knowledge.KeywordMatch, action: str) -> Hit:
    return Hit(
        pointer,
        f"{what} looks like {_category_label(match.category)} (GDPR 9(1)): {_matched(match)}; "
        f"{action} special_category: {match.category} and give every processing that uses it "
        "a GDPR 9(2) condition (special_category_condition)",
        hint=f"{action} special_category: {match.category}, or rename the item if it is not "
        f"{_category_label(match.category)}",
    )


@rule(
    "SPC003",
    "criminal-data-without-basis",
    severity=ERROR,
    articles=("GDPR 10",),
    hint="name under criminal_data_basis the Union or member-state law that authorises this processing",
)
def criminal_data_without_basis(policy: Policy) -> Iterator[Hit]:
    """A processing uses data about criminal convictions or offences without naming its legal authorisation.

    Personal data relating to criminal convictions and offences (a criminal record, an
    extract from it, a conviction) may only be processed under the control of official
    authority, or when Union or member-state law authorises it with appropriate
    safeguards for the people concerned (GDPR 10). A processing activity or sharing that
    uses such data must name the law that allows it. The rule looks at items marked as
    criminal data and at items whose names show it (Dutch, French and English keywords).

    Fails::

        data_items:
          - id: criminal_record_extract
            name: {nl: Uittreksel uit het strafregister}
        processing_activities:
          - id: disputes
            data_items: [criminal_record_extract]

    Passes::

        data_items:
          - id: criminal_record_extract
            name: {nl: Uittreksel uit het strafregister}
        processing_activities:
          - id: disputes
            criminal_data_basis:
              law: >-
                Wet van 30 juli 2018 betreffende de bescherming van natuurlijke personen
                met betrekking tot de verwerking van persoonsgegevens
              provision: artikel 10
            data_items: [criminal_record_extract]
    """
    items = {item.id: item for item in policy.data_items}
    reasons: dict[str, str | None] = {}
    for processing in policy.processings:
        if processing.criminal_data_basis is not None:
            continue
        for ref in processing.data_items:
            if ref.id not in reasons:
                reasons[ref.id] = _criminal_reason(items.get(ref.id), ref.id)
            reason = reasons[ref.id] or _criminal_wording(_wording(ref.id, processing.data_item_names))
            if reason is not None:
                yield Hit(
                    ref.pointer,
                    f"{processing.owner} uses {ref.id!r} ({_criminal_label()}, GDPR 10: {reason}) "
                    "but states no criminal_data_basis",
                )


def _criminal_reason(item: DataItem | None, item_id: str) -> str | None:
    if item is not None and item.criminal_offence_data:
        return "marked criminal_offence_data"
    return _criminal_wording(item.names() if item is not None else (item_id,))


def _criminal_wording(names: tuple[str, ...]) -> str | None:
    match = knowledge.match_criminal_data(names) if names else None
    return _matched(match) if match is not None else None


@rule(
    "SPC004",
    "indirect-special-category",
    severity=INFO,
    articles=("GDPR 9(1)", "GDPR 4(15)", "GDPR 10"),
    hint="check whether the item can reveal the special category (a coded absence reason, a partner's "
    "identity, an injury in a claim); if so, mark it special_category and add a GDPR 9(2) condition",
)
def indirect_special_category(policy: Policy) -> Iterator[Hit]:
    """A data item can reveal a special category indirectly.

    Art. 9(1) also covers data that reveal a special category by inference: the name of a
    spouse or partner can reveal sexual orientation (CJEU C-184/20, 1 August 2022), absence
    and leave records reveal sickness or pregnancy once the reason is coded, the
    circumstances of an insurance claim can describe injuries or an offence, and dietary
    preferences can reveal a religion. Such items are not special by their name alone, so
    this is information for a person to review, not an error. The vocabulary (Dutch,
    French, English; HR, insurance, healthcare) is the ``[[indirect]]`` list of
    ``privlint/data/phrases.toml``. Items already marked special, or that look like a
    special category directly (SPC002), are not reported again.

    Fails::

        data_items:
          - id: marital_status
            name: {nl: Huwelijkse staat}
        sharing:
          - id: payroll
            data_items: [marital_status]

    Passes::

        data_items:
          - id: start_date
            name: {nl: Datum in dienst}
        sharing:
          - id: payroll
            data_items: [start_date]
    """
    wordings, used = _item_wordings(policy)
    undeclared = [(owner, ref, (*wording, ref.id)) for owner, ref, wording in used]
    for item in policy.data_items:
        if item.special_category is None:
            forms = (*wordings.get(item.id, ()), *item.names()[1:], item.id)
            hit = _indirect(item.pointer, f"data item {item.id!r}", forms)
            if hit is not None:
                yield hit
    for owner, ref, forms in undeclared:
        hit = _indirect(ref.pointer, f"data item {ref.id!r} (used by {owner})", forms)
        if hit is not None:
            yield hit


def _indirect(pointer: str, what: str, forms: tuple[str, ...]) -> Hit | None:
    if knowledge.match_special_category(forms) is not None:
        return None  # SPC002's finding
    match = knowledge.match_indirect_special_category(forms)
    if match is None:
        return None
    kind = knowledge.indirect_special_categories()[match.category]
    return Hit(
        pointer,
        f"{what} can reveal {_category_label(kind.category)} indirectly: {match.name!r} ({kind.reason})",
    )
