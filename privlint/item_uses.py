"""What a keyword list finds in the names under which a processing uses a data item.

A processing names each data item it uses by its own wording of it, where it has one
(``data_item_names``: "naam van de contactpersoon"), and otherwise by the item's declared
names and id. Rules about the kind of data a processing uses (a contact person's data
under a contract, data obtained from someone else, images) ask a keyword list about those
names, the processing's wording first. A register uses the same items in many
processings: the declared names of each item are matched once.
"""

from __future__ import annotations

from privlint import knowledge
from privlint.model import Policy, Processing, Ref


class ItemKeywords:
    """The first name of a use of a data item that the keyword list ``list_id`` matches."""

    def __init__(self, list_id: str, policy: Policy) -> None:
        self._list_id = list_id
        self._items = {item.id: item for item in reversed(policy.data_items)}  # the first declaration wins
        self._declared: dict[str, knowledge.KeywordMatch | None] = {}

    def match(self, processing: Processing, ref: Ref) -> knowledge.KeywordMatch | None:
        """The match in ``processing``'s own wording of the item ``ref`` names, else in the item's names and id."""
        wording = processing.data_item_names.get(ref.id)
        if wording is not None:
            found = knowledge.match_keywords(self._list_id, tuple(wording.by_language.values()))
            if found is not None:
                return found
        if ref.id not in self._declared:
            item = self._items.get(ref.id)
            names = (*item.names()[1:], item.id) if item is not None else (ref.id,)
            self._declared[ref.id] = knowledge.match_keywords(self._list_id, names)
        return self._declared[ref.id]
