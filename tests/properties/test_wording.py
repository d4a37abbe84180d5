"""The prose rules (PRO, LANG) read every text of the model: ``wording.texts`` against a generic walk."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from hypothesis import given, settings

from privlint import model, wording
from privlint.model import Text

from property_support import examples
from strategies import policies


def _every_text(value: Any) -> Iterator[Text]:
    """A generic walk of the model: every ``Text`` in any field, however deep."""
    if isinstance(value, Text):
        yield value
    elif isinstance(value, tuple):  # NamedTuple records and tuples of them
        for member in value:
            yield from _every_text(member)
    elif isinstance(value, Mapping):  # data_item_names: item id -> Text
        for member in value.values():
            yield from _every_text(member)


@settings(max_examples=examples(1.0))
@given(policies())
def test_the_rules_read_every_text_field_of_the_model(data):
    """A text field added to the model must be added to ``wording.texts`` too: this fails until it is."""
    policy = model.build(data)
    assert sorted(text.pointer for text in wording.texts(policy)) == sorted(t.pointer for t in _every_text(policy))
