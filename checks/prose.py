"""PRO — notice prose: purposes are named in full, and the notice says what it does without hedging.

The information a notice gives must be concise, transparent, intelligible and in clear and
plain language (GDPR 12(1)); every purpose must be specified and explicit (GDPR 5(1)(b)) and
stated (GDPR 13(1)(c), 14(1)(c)). The Article 29 Working Party's transparency guidelines
(WP260 rev.01, paragraphs 12-13) ask for concrete, definitive statements and name the
qualifiers to avoid: "may", "might", "some", "often", "possible". These rules read the
wording of the policy's texts with word lists from ``privlint/data/prose.toml`` (Dutch,
French and English; each list applies only to text in its own language), matched on whole
words after Unicode NFC. They report one finding per text, naming every phrase found, and
leave alone wording that contains a listed word without being a hedge ("zo weinig mogelijk":
as little as possible; "mogelijk maken": to enable; "of een relatie mogelijk is": whether it
is possible). A finding is a prompt to rewrite a sentence, not a legal conclusion.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator

from privlint import knowledge, wording
from privlint.model import Policy, Text
from privlint.pointers import child
from privlint.rules import INFO, WARNING, Hit, rule

_QUOTED = 70  # longest quotation of a text in a message


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= _QUOTED else text[: _QUOTED - 3] + "...")


def _listed(phrases: list[str]) -> str:
    return ", ".join(repr(phrase) for phrase in phrases)


@functools.cache
def _matcher(kind: str, language: str) -> wording.PhraseMatcher | None:
    """The word list ``kind`` (``open_list`` or ``hedges``) for ``language`` as one regular expression.

    Built on first use, per language: a policy in Dutch never pays for compiling the French list.
    """
    lists = knowledge.open_list_markers() if kind == "open_list" else knowledge.hedges()
    chosen = [found for found in (lists.get("any"), lists.get(language)) if found is not None]
    if not chosen:
        return None
    phrases = [phrase for found in chosen for phrase in found.phrases]
    return wording.phrases_matcher(phrases, [guard for found in chosen for guard in found.guards])


# The phrases found in each text value, by language: a register repeats its wording (the same
# purposes and retention sentences in activity after activity), and each value is read once.
_Seen = dict[str, dict[str, list[str]]]


def _found(kind: str, text: Text, seen: _Seen) -> tuple[str, list[str]] | None:
    """The first language of ``text`` with phrases of the list ``kind``, and those phrases."""
    for language, value in text.by_language.items():
        known = seen.setdefault(language, {})
        phrases = known.get(value)
        if phrases is None:
            matcher = _matcher(kind, language)
            phrases = known[value] = wording.first_seen(matcher.find(value)) if matcher is not None else []
        if phrases:
            return language, phrases
    return None


@rule(
    "PRO001",
    "purpose-list-open-ended",
    severity=WARNING,
    articles=("GDPR 5(1)(b)", "GDPR 13(1)(c)", "GDPR 14(1)(c)", "EDPB Guidelines 3/2019 (video devices)"),
    hint="name every purpose and end the list there; a purpose that is not named is not specified",
)
def purpose_list_open_ended(policy: Policy) -> Iterator[Hit]:
    """A purpose ends in an open list ("...", "enz.", "etc."), so not every purpose is named.

    Personal data may only be collected for specified, explicit purposes (GDPR 5(1)(b)),
    and the notice must state them (GDPR 13(1)(c), 14(1)(c)). A list of purposes that ends
    in "...", "enz.", "e.d.", "etc." or "including but not limited to" leaves room for
    purposes nobody was told about, which is exactly what purpose limitation forbids. For
    camera surveillance the EDPB adds that the purpose of each camera must be specified:
    "safety" alone is not specific enough (Guidelines 3/2019 on video devices). The rule
    reads every purpose of every processing activity and sharing, in each language with
    that language's markers ("enz." only in Dutch text); an ellipsis in brackets ("[...]")
    marks words left out of a quotation and is not reported.

    Fails::

        processing_activities:
          - id: cctv
            purposes:
              - nl: Veiligheidsbewaking, fraudepreventie, diefstalpreventie...

    Passes::

        processing_activities:
          - id: cctv
            purposes:
              - nl: Vaststellen van diefstal en vandalisme in het magazijn
              - nl: Identificeren van daders en getuigen van een incident
    """
    seen: _Seen = {}
    for processing in policy.processings:
        for purpose in processing.purposes:
            found = _found("open_list", purpose, seen)
            if found is not None:
                language, markers = found
                yield Hit(
                    child(purpose.pointer, language),
                    f"purpose {_quote(purpose.by_language[language])} of {processing.owner} is an open list "
                    f"({_listed(markers)}): the purposes it leaves out are not specified",
                )


@rule(
    "PRO002",
    "hedged-wording",
    severity=INFO,
    articles=("GDPR 12(1)", "WP29 Guidelines on transparency (WP260 rev.01), para. 12-13"),
    hint='say what is done, with which data and when ("we share your name with X"), '
    'instead of what may happen ("we may share some data")',
)
def hedged_wording(policy: Policy) -> Iterator[Hit]:
    """A text hedges ("mogelijk", "sommige", "doorgaans"), so the reader cannot tell what happens to their data.

    A notice must be concrete and definitive (GDPR 12(1)): the Article 29 Working Party's
    transparency guidelines (WP260 rev.01, paragraphs 12-13) name "may", "might", "some",
    "often" and "possible" as qualifiers to avoid, and "we reserve the right to share your
    data" says nothing about whether it is shared. The rule reads every text of the policy
    in Dutch, French and English, each with its own list, and reports each text once with
    every hedge it contains. Wording that contains a listed word without hedging is left
    alone: "zo weinig mogelijk" (as little as possible), "mogelijk maken" (to enable),
    "of een relatie mogelijk is" (whether it is possible), "het is mogelijk om" (a
    possibility open to the reader), "you may withdraw your consent" (a right). The list
    is in ``privlint/data/prose.toml``, with what was left out on purpose and why.

    Fails::

        notice:
          sections:
            - id: sharing
              text:
                nl: Het is mogelijk dat wij sommige gegevens delen met partners.

    Passes::

        notice:
          sections:
            - id: sharing
              text:
                nl: Wij delen je naam en e-mailadres met onze boekhouder. Wij verzamelen zo weinig mogelijk gegevens.
    """
    seen: _Seen = {}
    for text in wording.judged_texts(policy):
        found = _found("hedges", text, seen)
        if found is not None:
            language, phrases = found
            yield Hit(child(text.pointer, language), f"hedged wording ({language}): {_listed(phrases)}")
