"""Everything the report says, in Dutch and English (``i18n/nl.toml``, ``i18n/en.toml``).

A ``Both`` is one text in every language, ``{"nl": ..., "en": ...}``; the page shows the
chosen language and switches without reloading. Rule texts in English come from the
registry; the Dutch ones from ``nl.toml``'s ``[rules]`` table.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from importlib import resources
from typing import Any

import tomli

from privlint.rules import Rule

LANGUAGES = ("nl", "en")
Both = dict[str, str]

_DURATION = re.compile(r"^P(?:(?P<Y>\d+)Y)?(?:(?P<M>\d+)M)?(?:(?P<W>\d+)W)?(?:(?P<D>\d+)D)?$")
_ARTICLE = re.compile(r"^GDPR (?P<number>\d+)(?P<parts>(?:\([0-9a-z]+\))*)(?P<rest>.*)$")


@functools.cache
def catalogue(language: str) -> dict[str, Any]:
    text = resources.files("privlint.report").joinpath("i18n", f"{language}.toml").read_text(encoding="utf-8")
    return tomli.loads(text)


def same(text: str) -> Both:
    """A text that is the same in every language (a name, a code, a file)."""
    return dict.fromkeys(LANGUAGES, text)


def lookup(*path: str, **values: object) -> Both:
    """The text at ``path`` (e.g. ``"ui", "title"``) in every language, with ``{values}`` filled in."""
    found: Both = {}
    for language in LANGUAGES:
        node: Any = catalogue(language)
        for key in path:
            node = node[key]
        found[language] = str(node).format(**values) if values else str(node)
    return found


def optional(*path: str, fallback: str) -> Both:
    """Like ``lookup``, with ``fallback`` where a language has no such text (e.g. an unknown enum value)."""
    found: Both = {}
    for language in LANGUAGES:
        node: Any = catalogue(language)
        for key in path:
            node = node.get(key) if isinstance(node, Mapping) else None
        found[language] = str(node) if node is not None else fallback
    return found


def plural(key: str, count: int, **values: object) -> Both:
    return lookup("ui", f"{key}_{'one' if count == 1 else 'other'}", n=count, **values)


def policy_text(by_language: Mapping[str, str] | None, fallback: str) -> Both:
    """Policy text in each language, falling back to the original (first) language, then ``fallback``."""
    if not by_language:
        return same(fallback)
    original = next(iter(by_language.values()))
    return {language: by_language.get(language) or original for language in LANGUAGES}


def rule_texts(rule: Rule) -> dict[str, Both]:
    """Title, explanation and generic action of ``rule`` in every language."""
    dutch = catalogue("nl")["rules"].get(rule.code, {})
    return {
        "title": {"nl": dutch.get("title", rule.summary), "en": rule.summary},
        "summary": {"nl": dutch.get("summary", rule.explanation), "en": rule.explanation or rule.summary},
        "action": {"nl": dutch.get("action", rule.hint), "en": sentence(rule.hint)},
    }


def sentence(text: str) -> str:
    text = text.strip()
    return (text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")) if text else text


def article(reference: str) -> Both:
    """``GDPR 13(1)(e)`` as ``art. 13.1.e AVG`` (Dutch usage) and ``Art. 13(1)(e) GDPR``."""
    match = _ARTICLE.match(reference)
    if match is None:
        return optional("article", reference, fallback=reference)
    number, parts, rest = match["number"], match["parts"], match["rest"]
    dotted = ".".join([number, *re.findall(r"\(([0-9a-z]+)\)", parts)])
    return {"nl": f"art. {dotted} AVG{rest}", "en": f"Art. {number}{parts} GDPR{rest}"}


def duration(iso: str) -> Both:
    """An ISO 8601 period such as ``P4W`` in words (``4 weken``, ``4 weeks``); other text as it is."""
    match = _DURATION.match(iso)
    if match is None or not any(match.groupdict().values()):
        return same(iso)
    found: Both = {}
    for language in LANGUAGES:
        units = catalogue(language)["unit"]
        # Digits as written, less leading zeros: int() refuses more than 4,300 of them.
        numbers = {unit: amount.lstrip("0") or "0" for unit, amount in match.groupdict().items() if amount is not None}
        words = [f"{number} {units[unit][0 if number == '1' else 1]}" for unit, number in numbers.items()]
        found[language] = " ".join(words)
    return found


def fill(template: Both, **values: Both) -> Both:
    """``template`` with each ``{name}`` replaced by the same-language text of ``values[name]``."""
    return {language: template[language].format(**{k: v[language] for k, v in values.items()}) for language in template}
