"""The notice's wording for the prose rules (PRO, LANG): every human text of a policy, and phrase matching.

``texts`` yields every ``Text`` of the model (headings, prose, purposes, names, retention
wording, the table of contents...), so a rule about wording sees the text of any field; a
test walks the model generically and fails when a new text field is missing here.
``PhraseMatcher`` turns a word list from ``privlint/data`` into ONE regular expression, built
on first use, never at import time (pre-commit pays for every import), with a quick pre-check
so that texts holding none of its words are not searched at all: phrases are literal text matched case-insensitively on
word boundaries after Unicode NFC; guards are regular expressions for wording that contains
a phrase without being one, tried before the phrases at every position.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from privlint.model import Policy, Text

_WORD_CHARACTER = re.compile(r"\w")


def texts(policy: Policy) -> Iterator[Text]:
    """Every human text of ``policy``: every ``Text`` field of the model (a test compares this with a walk of it)."""
    notice = policy.notice
    if notice is not None:
        yield from _given(notice.title)
        yield from notice.table_of_contents
        for section in notice.sections:
            yield from _given(section.heading, section.text)
    if policy.controller is not None:
        yield from _given(policy.controller.text)
    for subject in policy.data_subjects:
        yield from _given(subject.name)
    for item in policy.data_items:
        yield from _given(item.name)
    for processing in policy.processings:
        yield from _given(processing.name, processing.description)
        yield from processing.purposes
        yield from _given(processing.legitimate_interest, processing.retention.text if processing.retention else None)
        yield from processing.data_item_names.values()
        yield from _given(processing.text)
        requirement, source = processing.provision_requirement, processing.data_source
        yield from _given(requirement.consequence, requirement.text) if requirement else ()
        yield from _given(source.source, source.text) if source else ()
    yield from policy.recipient_categories
    for category in policy.named_recipient_categories:
        yield from _given(category.name, category.text)
    yield from _given(policy.default_recipient_role.text if policy.default_recipient_role else None)
    for recipient in policy.recipients:
        yield from _given(recipient.processor_agreement, recipient.joint_arrangement, recipient.text)
    yield from _website_texts(policy)
    for right in policy.rights:
        yield from _given(right.text)
    adm = policy.automated_decision_making
    yield from _given(adm.logic if adm else None)
    yield from _given(policy.supervisory_authority.text if policy.supervisory_authority else None)


def judged_texts(policy: Policy) -> Iterator[Text]:
    """The texts the wording rules judge: ``texts`` less the model's quotations of the notice's prose.

    A recipient category's name and the sentence of the role stated for all recipients are
    facts the model keeps beside the notice's own paragraph, in the paragraph's words; where
    that paragraph holds them verbatim, their wording is judged there, once, not twice.
    """
    quoted = {text.pointer for text in _quotations(policy) if _stands_in_the_notice(text, policy)}
    return (text for text in texts(policy) if text.pointer not in quoted)


def _quotations(policy: Policy) -> Iterator[Text]:
    for category in policy.named_recipient_categories:
        yield from _given(category.name, category.text)
    yield from _given(policy.default_recipient_role.text if policy.default_recipient_role else None)


def _stands_in_the_notice(text: Text, policy: Policy) -> bool:
    sections = [section.text for section in policy.notice.sections if section.text] if policy.notice else []
    return all(
        any(nfc(value) in nfc(section.by_language.get(language, "")) for section in sections)
        for language, value in text.by_language.items()
    )


def _website_texts(policy: Policy) -> Iterator[Text]:
    yield from _given(policy.processor_role.text if policy.processor_role else None)
    yield from _given(policy.security.text if policy.security else None)
    website = policy.website
    if website is not None:
        for use in (website.cookies, website.server_logs):
            if use is not None:
                yield from _given(use.text)
                yield from use.data_item_names.values()
        for cookie in website.cookie_list:
            yield from _given(cookie.purpose, cookie.text)
        for plugin in website.social_plugins:
            yield from _given(plugin.text)
        yield from _given(website.external_links.text if website.external_links else None)
    social = policy.social_media
    if social is not None:
        yield from _given(social.text, social.events.text if social.events else None)


def _given(*values: Text | None) -> Iterator[Text]:
    return (value for value in values if value is not None)


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
    label: str  # the label of the alternative that matched (see ``PhraseMatcher``)


class Alternative(NamedTuple):
    """One thing to find: a label, its regular expression, and text every match contains (for a quick pre-check)."""

    label: str
    expression: str
    case_sensitive: bool = False
    anchor: str | None = None  # text every match contains; None: only ``hint`` can tell
    literal: bool = False  # the expression is ``phrase_pattern(anchor)``: found by its text, not by a group


class PhraseMatcher:
    """Labelled alternatives and guards as one case-insensitive regular expression, built once.

    At every position the guards are tried first, then the literal phrases (longest first, so
    the most specific one is reported), then the other expressions; an alternative marked
    case-sensitive ignores the case-insensitive flag. The literal phrases share one group and
    are told apart by their text: a group per phrase makes Python's ``re`` six times slower.
    Most texts hold nothing to report: a text is only searched when it contains one of the
    anchors (case-folded, white space collapsed) or, for alternatives without an anchor, when
    the cheap ``hint`` expression finds something.
    """

    __slots__ = ("_always", "_anchors", "_by_text", "_hint", "_labels", "_literals", "_pattern")

    def __init__(
        self, alternatives: Iterable[Alternative], guards: Iterable[str] = (), hint: str | None = None
    ) -> None:
        ordered = sorted(alternatives, key=lambda alternative: len(alternative.expression), reverse=True)
        self._literals = [alternative for alternative in ordered if alternative.literal]
        others = [alternative for alternative in ordered if not alternative.literal]
        self._by_text: dict[str, str] = {}
        for alternative in self._literals:
            self._by_text.setdefault(_folded(alternative.anchor or ""), alternative.label)
        self._labels = {f"a{index}": alternative.label for index, alternative in enumerate(others)}
        branches = [f"(?:{guard})" for guard in guards]
        if self._literals:
            branches.append(f"(?P<phrase>{'|'.join(map(_branch, self._literals))})")
        branches += [f"(?P<a{index}>{_branch(alternative)})" for index, alternative in enumerate(others)]
        self._pattern = re.compile("|".join(branches) or "(?!)", re.IGNORECASE)
        # One expression of the literal anchors: a single search instead of a test per anchor.
        anchors = sorted({_folded(a.anchor) for a in ordered if a.anchor is not None})
        self._anchors = re.compile("|".join(map(re.escape, anchors)) or "(?!)")
        self._hint = re.compile(hint) if hint is not None else None
        self._always = self._hint is None and any(alternative.anchor is None for alternative in ordered)

    def find(self, text: str) -> list[Found]:
        """Every alternative in ``text`` (NFC), left to right, outside the guards."""
        text = nfc(text)
        if not self._may_hold(text):
            return []
        return [
            Found(match.group(), match.start(), self._label(match))
            for match in self._pattern.finditer(text)
            if match.lastgroup is not None  # a guard matched: nothing to report there
        ]

    def _label(self, match: re.Match[str]) -> str:
        if match.lastgroup != "phrase":
            return self._labels[str(match.lastgroup)]
        found = self._by_text.get(_folded(match.group()))
        if found is not None:
            return found
        # Case folding and the regex's case-insensitive matching differ for a few characters.
        flags = re.IGNORECASE
        return next(a.label for a in self._literals if re.fullmatch(_branch(a), match.group(), flags))

    def _may_hold(self, text: str) -> bool:
        if self._always:
            return True
        return self._anchors.search(_folded(text)) is not None or (
            self._hint is not None and self._hint.search(text) is not None
        )


def _branch(alternative: Alternative) -> str:
    return f"(?-i:{alternative.expression})" if alternative.case_sensitive else alternative.expression


def _folded(text: str) -> str:
    return " ".join(nfc(text).casefold().split())


def phrases_matcher(phrases: Iterable[str], guards: Iterable[str] = ()) -> PhraseMatcher:
    """A matcher whose labels are the phrases themselves."""
    alternatives = (Alternative(phrase, phrase_pattern(phrase), anchor=phrase, literal=True) for phrase in phrases)
    return PhraseMatcher(alternatives, guards)


def first_seen(found: Iterable[Found]) -> list[str]:
    """The texts found, each once (ignoring case), in the order they first appear."""
    seen: dict[str, str] = {}
    for item in found:
        seen.setdefault(item.text.casefold(), " ".join(item.text.split()))
    return list(seen.values())
