"""The notice's data-item list against the model's declared items (DRF001, DRF002)."""

from __future__ import annotations

from collections.abc import Iterator

from privlint.notice.drift.comparison import Comparison, Drift, suggest
from privlint.notice.template import fold, spaces


def declared_items(c: Comparison) -> Iterator[Drift]:
    declared = {c.item_name(item.id): item for item in c.policy.data_items}
    listed = {spaces(at.text) for at in c.notice.data_list}
    for at in c.notice.data_list:
        name = spaces(at.text)
        if name not in declared:
            yield Drift(
                "DRF001",
                at,
                "/data_items",
                f"the notice lists data item {name!r}, which the model does not declare" + suggest(name, declared),
            )
    where = c.notice.data_list_intro or c.heading_of("data_items")
    audience = {ref.id for ref in c.policy.audience}
    for name, item in declared.items():
        about_audience = not (audience and item.subjects) or any(ref.id in audience for ref in item.subjects)
        if name in listed:
            continue
        if c.notice.data_list and about_audience:
            # The list is the notice's declaration of the audience's data (see render).
            yield Drift(
                "DRF002",
                where,
                item.pointer,
                f"data item {item.id!r} ({name}) is declared in the model, but the notice's data-item list "
                "does not name it",
            )
        elif f" {fold(name)} " not in c.folded_notice and item.id not in c.used_by_entries():
            yield Drift(
                "DRF002",
                where,
                item.pointer,
                f"data item {item.id!r} ({name}) is declared in the model, but the notice names it nowhere",
            )
