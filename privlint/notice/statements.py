"""Facts a notice states in its prose: the DPO, automated decisions, the recipients' role.

Each function reads one sentence (or a list of them) and returns the fact only when the
sentence states it without doubt; otherwise ``None``, and the sentence stays prose. The
vocabulary (negations, hedges, the words for each role, in Dutch, French and English) is
the ``[statements]`` table of ``templates/notice_template.toml``.
"""

from __future__ import annotations

import functools
import re
from typing import Any, NamedTuple

from privlint.notice.template import LazyPattern, fold_words, template

_WORD_SPLIT = LazyPattern(r"\s+")


class DpoStatement(NamedTuple):
    designated: bool
    email: str | None


class AutomatedStatement(NamedTuple):
    used: bool


class RoleStatement(NamedTuple):
    role: str
    hedged: bool


def _words() -> dict[str, Any]:
    return dict(template().statements)


@functools.cache
def _phrase(words: tuple[str, ...]) -> re.Pattern[str]:
    """Whole words or phrases of ``words`` (folded); an entry ending in "*" is a word prefix."""
    parts = []
    for word in sorted(words, key=len, reverse=True):
        folded = fold_words(word.rstrip("*"))
        parts.append(re.escape(folded) + (r"\w*" if word.endswith("*") else ""))
    return re.compile(rf"(?:^| )(?:{'|'.join(parts)})(?= |$)")


def _has(folded: str, key: str) -> bool:
    return _phrase(tuple(_words()[key])).search(folded) is not None


def _negated(folded: str) -> bool:
    return _has(folded, "negations") or " n " in f" {folded} "  # French elision "n'a pas" -> "n a pas"


def dpo_of(sentence: str) -> DpoStatement | None:
    """ "Er is geen functionaris voor gegevensbescherming aangewezen" -> not designated."""
    folded = fold_words(sentence)
    if not _has(folded, "dpo") or _has(folded, "about_rights"):
        return None
    email = re.search(r"[^\s@<>(),;:]+@[^\s@<>(),;:]+\.[A-Za-z]{2,}", sentence)
    if _negated(folded):
        return DpoStatement(designated=False, email=None)
    if _has(folded, "dpo_designated"):
        return DpoStatement(designated=True, email=email.group() if email else None)
    return None


def automated_of(sentence: str) -> AutomatedStatement | None:
    """ "Er vindt geen geautomatiseerde besluitvorming plaats" -> not used."""
    folded = fold_words(sentence)
    if not (_has(folded, "automated") and _has(folded, "decision")) or _has(folded, "about_rights"):
        return None
    if _negated(folded):
        return AutomatedStatement(used=False)
    if _has(folded, "automated_used"):
        return AutomatedStatement(used=True)
    return None


def recipient_role_of(sentence: str) -> RoleStatement | None:
    """ "Deze derde partijen zullen doorgaans optreden als gegevensverwerker" -> processor, hedged."""
    folded = fold_words(sentence)
    if not (_has(folded, "recipients") and _has(folded, "act_as")) or _negated(folded):
        return None
    after = folded[_phrase(tuple(_words()["act_as"])).search(folded).end() :]  # type: ignore[union-attr]
    found: list[tuple[int, str]] = []
    for entry in _words()["roles"]:
        match = _phrase(tuple(entry["words"])).search(after)
        if match:
            found.append((match.start(), entry["role"]))
    if not found:
        return None
    return RoleStatement(min(found)[1], _has(folded, "hedges"))


def categories_of(sentence: str) -> list[str] | None:
    """The recipient categories after "zoals" / "comme" / "such as", as the sentence words them."""
    words = _words()
    such_as = "|".join(re.escape(w) for w in sorted(words["such_as"], key=len, reverse=True))
    match = re.search(rf"\b(?:{such_as})\b\s*:?\s*(?P<list>[^.;:!?]+)", sentence, re.IGNORECASE)
    if match is None:
        return None
    joiners = "|".join(re.escape(w) for w in words["list_joiners"])
    parts = re.split(rf",\s*|\s+(?:{joiners})\s+", match["list"].strip())
    names = [part.strip(" ,") for part in parts if part.strip(" ,")]
    return names if len(names) >= 1 and all(len(name.split()) <= 5 for name in names) else None


def passed_on_to(sentence: str) -> str | None:
    """The category a sentence says data are passed on to: "door te geven aan de relevante autoriteiten"."""
    verbs = "|".join(re.escape(w) for w in sorted(_words()["passed_on_to"], key=len, reverse=True))
    match = re.search(
        rf"\b(?:{verbs})\s+(?:de |het |les |la |le |the |l')?(?P<category>[^.,;:!?()]+?)\s*[.!]?$",
        sentence,
        re.IGNORECASE,
    )
    if match is None or len(match["category"].split()) > 5:
        return None
    return match["category"].strip()


def cookie_consent_of(sentence: str) -> bool | None:
    """ "... zullen we je vragen om daarvoor toestemming te geven": visitors are asked to consent to cookies."""
    folded = fold_words(sentence)
    if not (_has(folded, "cookie") and _has(folded, "ask") and _has(folded, "consent")):
        return None
    if _negated(folded) or _has(folded, "about_rights"):
        return None
    return True


def social_plugin_of(sentence: str) -> bool | None:
    """A social media plugin on the website; ``True`` when hedged ("die mogelijk op onze website staat")."""
    folded = fold_words(sentence)
    if not (_has(folded, "plugin") and _has(folded, "site") and _has(folded, "social_media")):
        return None
    return _has(folded, "possibly")


def joint_control_stated(sentence: str) -> bool:
    """ "... beschouwt ... ons en het sociaal mediaplatform beiden als gezamenlijke verwerkingsverantwoordelijken"."""
    folded = fold_words(sentence)
    return _has(folded, "joint") and _has(folded, "social_media") and not _negated(folded)


def is_social_media(name: str) -> bool:
    return _has(fold_words(name), "social_media")


def processor_role_of(sentence: str) -> str | None:
    """How often the controller processes data on the reader's behalf (GDPR 28), as the sentence says."""
    folded = fold_words(sentence)
    if not _has(folded, "we_process_for_you"):
        return None
    if _has(folded, "exceptionally"):
        return "exceptionally"
    if _has(folded, "regularly"):
        return "regularly"
    return None


def covers(category: str, name: str) -> bool:
    """Whether ``name`` (an entry's or a recipient's) shares a telling word with ``category``.

    "IT partners" and "IT support" share "IT"; "verzekerings partners" and "Verzekeringen"
    share the stem "verzek..." (six letters or more).
    """
    generic = set(_words()["generic"])
    wanted = [w for w in fold_words(category).split() if w not in generic]
    given = [w for w in fold_words(name).split() if w not in generic]
    return any(_same_stem(a, b) for a in wanted for b in given)


def _same_stem(a: str, b: str) -> bool:
    if a == b:
        return True
    shorter = min(len(a), len(b))
    common = next((i for i in range(shorter) if a[i] != b[i]), shorter)
    return shorter >= 6 and common >= 6  # "verzekerings" / "verzekeringen"


class CookieFacts(NamedTuple):
    name: str
    category: str | None
    session: bool
    party: str | None


def cookie_of(bullet: str) -> CookieFacts | None:
    """One bullet of a cookie list: "_ga (Google Analytics): analytische cookie, 2 jaar"."""
    match = re.match(r"^(?:\*\*|`)?(?P<name>[\w.\-]+)(?:\*\*|`)?(?=[\s:(,\u2013\u2014-]|$)", bullet.strip())
    if match is None:
        return None
    folded = fold_words(bullet[match.end() :])
    categories = {
        entry["category"] for entry in _words()["cookie_categories"] if _phrase(tuple(entry["words"])).search(folded)
    }
    party = {p for p, key in (("first", "cookie_first_party"), ("third", "cookie_third_party")) if _has(folded, key)}
    return CookieFacts(
        match["name"],
        categories.pop() if len(categories) == 1 else None,
        _has(folded, "cookie_session"),
        party.pop() if len(party) == 1 else None,
    )


def is_cookie_kind(bullet: str) -> bool:
    """ "Essentiële cookies: ...", "Analytische cookies": a kind of cookie, not a cookie's name."""
    head = re.split(r"\s*(?::|\(|\s[-\u2013\u2014]\s)", bullet.strip(), maxsplit=1)[0]
    words = fold_words(head).split()
    if {"cookie", "cookies"} & set(words):
        return True
    return bool(words) and any(
        _phrase(tuple(entry["words"])).match(words[0]) for entry in _words()["cookie_categories"]
    )


# Titles before a name ("mr. Sanne de Vries", "dhr. Peeters", "Prof. dr. Janssens", "M. Pierre Lambert").
TITLES = ("mr", "dhr", "mevr", "mw", "dr", "drs", "ir", "ing", "prof", "m", "mme", "mlle", "mrs", "ms")
# Abbreviations after which a full stop ends no sentence ("zoals bijv. een like-knop"), titles too.
_ABBREVIATIONS = (
    "bijv",
    "bv",
    "vb",
    "o.a",
    "m.a.w",
    "enz",
    "etc",
    "art",
    "nr",
    "p.ex",
    "e.g",
    "i.e",
    "cf",
    "vs",
    "t.a.v",
    "i.v.m",
    "m.b.t",
    *TITLES,
)


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text``: cut after ".", "!" or "?" and a space, except after an abbreviation."""
    pieces = [part for part in re.split(r"(?<=[.!?])\s+", text.replace("\n", " ")) if part.strip()]
    sentences: list[str] = []
    for piece in pieces:
        last_word = sentences[-1].rsplit(" ", 1)[-1].lower().rstrip(".") if sentences else ""
        if sentences and last_word.lstrip("(\"'") in _ABBREVIATIONS:
            sentences[-1] = f"{sentences[-1]} {piece.strip()}"
        else:
            sentences.append(piece.strip())
    return sentences
