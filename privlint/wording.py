"""The notice's wording for the prose rules (PRO, LANG): every human text of a policy, and phrase matching.

``texts`` walks the model and yields every ``Text`` (headings, prose, purposes, names,
retention wording, the table of contents...), so a rule about wording sees the text of any
field, including fields added to the model later. ``PhraseMatcher`` turns a word list from
``privlint/data`` into ONE regular expression, built on first use, never at import time
(pre-commit pays for every import): phrases are literal text matched case-insensitively on
word boundaries after Unicode NFC; guards are regular expressions for wording that contains
a phrase without being one, tried before the phrases at every position.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, NamedTuple

from privlint.model import Policy, Text

_WORD_CHARACTER = re.compile(r"\w")


def texts(policy: Policy) -> Iterator[Text]:
    """Every human text of ``policy``, in the order of the model's fields."""
    yield from _texts_in(policy)


def _texts_in(value: Any) -> Iterator[Text]:
    if isinstance(value, Text):
        yield value
    elif isinstance(value, tuple):  # NamedTuple records and tuples of them
        for member in value:
            yield from _texts_in(member)
    elif isinstance(value, Mapping):  # data_item_names: item id -> Text
        for member in value.values():
            yield from _texts_in(member)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def phrase_pattern(phrase: str) -> str:
    """A literal phrase as a regular expression: any white space between words, words kept whole."""
    body = r"\s+".join(re.escape(word) for word in nfc(phrase).split())
    start = r"\b" if _WORD_CHARACTER.match(phrase[0]) else ""
    end = r"\b" if _WORD_CHARACTER.match(phrase[-1]) else ""
    return f"{start}{body}{end}"


class Found(NamedTuple):
    text: str  # as written
    start: int
    label: str  # the name of the alternative that matched (see ``PhraseMatcher``)


class PhraseMatcher:
    """Labelled alternatives (phrases or patterns) and guards as one case-insensitive regular expression.

    Longest phrases are tried first, so the most specific one is reported; an alternative
    marked case-sensitive ignores the case-insensitive flag.
    """

    __slots__ = ("_labels", "_pattern")

    def __init__(self, alternatives: Iterable[tuple[str, str, bool]], guards: Iterable[str] = ()) -> None:
        """``alternatives``: (label, regular expression, case-sensitive); ``guards``: regular expressions."""
        ordered = sorted(alternatives, key=lambda alternative: len(alternative[1]), reverse=True)
        self._labels = {f"a{index}": label for index, (label, _, _) in enumerate(ordered)}
        branches = [f"(?:{guard})" for guard in guards]
        for index, (_, expression, case_sensitive) in enumerate(ordered):
            body = f"(?-i:{expression})" if case_sensitive else expression
            branches.append(f"(?P<a{index}>{body})")
        self._pattern = re.compile("|".join(branches) or "(?!)", re.IGNORECASE)

    def find(self, text: str) -> list[Found]:
        """Every alternative in ``text`` (NFC), left to right, outside the guards."""
        return [
            Found(match.group(), match.start(), self._labels[match.lastgroup])
            for match in self._pattern.finditer(nfc(text))
            if match.lastgroup is not None  # a guard matched: nothing to report there
        ]


def phrases_matcher(phrases: Iterable[str], guards: Iterable[str] = ()) -> PhraseMatcher:
    """A matcher whose labels are the phrases themselves."""
    return PhraseMatcher(((phrase, phrase_pattern(phrase), False) for phrase in phrases), guards)


def first_seen(found: Iterable[Found]) -> list[str]:
    """The texts found, each once (ignoring case), in the order they first appear."""
    seen: dict[str, str] = {}
    for item in found:
        seen.setdefault(item.text.casefold(), " ".join(item.text.split()))
    return list(seen.values())
