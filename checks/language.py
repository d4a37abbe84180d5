"""LANG — legal Dutch: the notice's Dutch uses the legal terms and the spelling of the standard language.

A notice must be intelligible and in clear and plain language (GDPR 12(1)), and for the legal
team a notice that misspells the authority's name or uses a term the AVG (the Dutch text of
the GDPR) does not use is a notice that reads as careless. LANG001 compares the Dutch text of
the policy with a dated list of wrong forms (``privlint/data/dutch_terms.toml``), each with
the right form and its source: the Woordenlijst Nederlandse Taal of the Taalunie for
spelling, the AVG for legal terms, the founding law of the Gegevensbeschermingsautoriteit for
its name. Only text in Dutch (``nl``) is read: legal text in another language is not judged
by a Dutch list. LANG002 compares the table of contents the notice writes with its section
headings. Both are remarks (info): they never change what the notice means.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from privlint import knowledge, wording
from privlint.model import Notice, Policy, Section, Text
from privlint.pointers import child
from privlint.rules import INFO, Hit, rule

_DUTCH = "nl"
# A word that switches from at least three capitals to at least three small letters
# ("PERSOONSgegevens"); Latin-1 letters cover Dutch (é, ë, ï, ...).
_MIXED_CASE = r"\b[A-ZÀ-ÖØ-Þ]{3,}[a-zß-öø-ÿ]{3,}\b"
_THREE_CAPITALS = r"[A-ZÀ-ÖØ-Þ]{3}"  # a quick pre-check for _MIXED_CASE
_MIXED = "mixed_case"
_NUMBERED = re.compile(r"^(?P<number>\d{1,3})\.\s+(?P<title>\S.*)$", re.DOTALL)


@functools.cache
def _terms_matcher() -> wording.PhraseMatcher:
    """Every wrong form of the term list, and words in two cases, as ONE regular expression."""
    alternatives = [
        wording.Alternative(
            str(index),
            term.wrong if term.pattern else wording.phrase_pattern(term.wrong),
            term.case_sensitive,
            term.anchor if term.pattern else term.wrong,
            literal=not term.pattern,
        )
        for index, term in enumerate(knowledge.dutch_terms())
    ]
    alternatives.append(wording.Alternative(_MIXED, _MIXED_CASE, case_sensitive=True))
    return wording.PhraseMatcher(alternatives, knowledge.dutch_term_guards(), hint=_THREE_CAPITALS)


def _correction(found: wording.Found) -> tuple[str, str, str]:
    """What to report for a found form: the key that makes it one finding per text, the right form, the source."""
    if found.label == _MIXED:
        rule_source = knowledge.mixed_case_rule().source
        right = f"{found.text.lower()!r} (or {found.text.upper()!r} in a heading in capitals)"
        return f"case:{found.text.casefold()}", right, rule_source
    term = knowledge.dutch_terms()[int(found.label)]
    return f"term:{found.label}", repr(term.right), term.source


@rule(
    "LANG001",
    "dutch-term-or-spelling",
    severity=INFO,
    articles=("GDPR 12(1)",),
    hint="write the form the message gives; the term list says where it comes from",
)
def dutch_term_or_spelling(policy: Policy) -> Iterator[Hit]:
    """The Dutch text uses a misspelt word, a split compound or a term the AVG does not use.

    The legal team reads the notice as a legal text: "Gegevensbeschermingsautoriteit" is one
    word (the authority's name in its founding law of 3 December 2017), the AVG speaks of
    "gezamenlijke verwerkingsverantwoordelijken" and "uitdrukkelijke toestemming", and the
    Woordenlijst writes "e-mailadres", "btw-nummer" and "privacycoördinator". The rule finds
    the wrong forms listed in ``privlint/data/dutch_terms.toml`` (with the right form and the
    source of each; entries not looked up in their source are marked unverified there) and
    words that switch from capitals to small letters ("PERSOONSgegevens"). It reads only the
    Dutch text of the policy, and reports each wrong form once per text.

    Fails::

        data_items:
          - id: work_email
            name: {nl: Werk emailadres}

    Passes::

        data_items:
          - id: work_email
            name: {nl: E-mailadres op het werk, en: Work emailadres}
    """
    matcher = _terms_matcher()
    found_in: dict[str, list[wording.Found]] = {}  # a register repeats its wording: each text is read once
    for text in wording.judged_texts(policy):
        dutch = text.get(_DUTCH)
        if dutch is None:
            continue
        if dutch not in found_in:
            found_in[dutch] = matcher.find(dutch)
        reported: set[str] = set()
        for found in found_in[dutch]:
            key, right, source = _correction(found)
            if key not in reported:
                reported.add(key)
                written = " ".join(found.text.split())
                yield Hit(child(text.pointer, _DUTCH), f"{written!r} should be {right} (source: {source})")


@rule(
    "LANG002",
    "contents-differ-from-headings",
    severity=INFO,
    articles=("GDPR 12(1)",),
    hint="write each entry of the table of contents exactly as the heading of its section, or the heading as the entry",
)
def contents_differ_from_headings(policy: Policy) -> Iterator[Hit]:
    """An entry of the table of contents differs from the heading of its section, or a section is not listed.

    A reader finds a section by its entry in the table of contents; an entry that is worded
    or written differently from the heading ("9. GEGEVENSbeschermings AUTORITEIT" above
    "9. GEGEVENSBESCHERMINGS AUTORITEIT"), that names a section the notice does not have, or
    a section the contents leave out, is a sign of a text nobody read through. Entries are
    compared with the headings as written (case counts; runs of spaces do not), by their
    number ("3. ...": the third section) or, without a number, by their place. The rule
    applies only when the policy keeps the table of contents (``notice.table_of_contents``).

    Fails::

        notice:
          table_of_contents:
            - nl: 1. WIE WE ZIJN
            - nl: 2. GEGEVENSbeschermings AUTORITEIT
          sections:
            - {id: who_we_are, heading: {nl: WIE WE ZIJN}}
            - {id: authority, heading: {nl: GEGEVENSBESCHERMINGS AUTORITEIT}}

    Passes::

        notice:
          table_of_contents:
            - nl: 1. WIE WE ZIJN
            - nl: 2. GEGEVENSBESCHERMINGSAUTORITEIT
          sections:
            - {id: who_we_are, heading: {nl: WIE WE ZIJN}}
            - {id: authority, heading: {nl: GEGEVENSBESCHERMINGSAUTORITEIT}}
    """
    notice = policy.notice
    if notice is None or not notice.table_of_contents:
        return
    listed: set[int] = set()
    for place, entry in enumerate(notice.table_of_contents, 1):
        hit, number = _entry_problem(notice, entry, place)
        listed.add(number)
        if hit is not None:
            yield hit
    for number, section in enumerate(notice.sections, 1):
        if number not in listed and section.heading is not None:
            yield Hit(
                child(section.heading.pointer, next(iter(section.heading.by_language))),
                f"section {number} {_heading(section)!r} is not in the table of contents",
            )


def _entry_problem(notice: Notice, entry: Text, place: int) -> tuple[Hit | None, int]:
    """What is wrong with one entry (or None), and the number of the section it stands for."""
    number = place
    for language, written in entry.by_language.items():
        numbered = _NUMBERED.match(written.strip())
        number = int(numbered["number"]) if numbered else place
        title = numbered["title"] if numbered else written
        pointer = child(entry.pointer, language)
        if not 1 <= number <= len(notice.sections):
            count = len(notice.sections)
            return Hit(pointer, f"table of contents entry {written!r} names no section: the notice has {count}"), number
        section = notice.sections[number - 1]
        heading = section.heading.get(language) if section.heading else None
        if heading is not None and _spaces(title) != _spaces(heading):
            message = f"table of contents entry {written!r} differs from the heading of section {number}: {heading!r}"
            return Hit(pointer, message), number
    return None, number


def _heading(section: Section) -> str:
    return section.heading.any if section.heading else section.id


def _spaces(text: str) -> str:
    return " ".join(wording.nfc(text).split())
