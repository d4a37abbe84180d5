"""Hypothesis strategies: schema-valid policies built from the model, and the YAML files holding them.

``policies()`` draws a policy as plain data (what the loader returns) whose references are
consistent: every data item, subject and recipient that is referenced is declared. Its facts
vary freely over what the schema allows (every legal basis, with or without the interest or
the law; every retention form; locations inside and outside the EEA, with and without an
adequacy decision; recipients of every role; sharing; subsets of the rights), so most drawn
policies have findings. ``policies(compliant=True)`` draws only policies that a careful lawyer
would sign off: every rule is silent on them, so a metamorphic property can break one thing and
expect exactly one rule to fire. ``large_policies()`` scales a compliant policy up.

``written()`` turns a policy into YAML files (one file, or its sections split over several)
and records where every node and key was written, computed by the writer itself and not by
the reader, so the reader's positions and the findings' locations can be checked against it.
Strings are always double-quoted with YAML's own escapes (the escapes ruamel.yaml writes), so
no YAML 1.1/1.2 ambiguity (``NO``, ``on``, ``1e3``) can change a value.

The enums (legal bases, roles, rights, ...) are read from the schema, so the strategies follow
the contract rather than a copy of it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from hypothesis import strategies as st

from privlint import knowledge
from privlint.pointers import child
from privlint.schema import policy_schema

# --- what the schema allows ----------------------------------------------------------------------


def enum(name: str, member: str | None = None) -> tuple[str, ...]:
    """The allowed values of ``$defs.<name>`` (or of its property ``member``) in the policy schema."""
    definition = policy_schema()["$defs"][name]
    return tuple((definition["properties"][member] if member else definition)["enum"])


def section_names() -> tuple[str, ...]:
    return tuple(policy_schema()["properties"])


LANGUAGES = ("nl", "en", "fr", "de")
EU = "EU"
EEA = "EEA"


@functools.cache
def eea_countries() -> tuple[str, ...]:
    return tuple(sorted(knowledge.eea_countries()))


@functools.cache
def adequate_countries() -> tuple[str, ...]:
    """Countries with an adequacy decision in force that covers every transfer (not partial)."""
    return tuple(sorted(code for code, d in knowledge.adequacy_decisions().items() if len(code) == 2 and not d.partial))


@functools.cache
def partially_adequate_countries() -> tuple[str, ...]:
    return tuple(sorted(code for code, d in knowledge.adequacy_decisions().items() if len(code) == 2 and d.partial))


@functools.cache
def third_countries() -> tuple[str, ...]:
    """Countries outside the EEA without any adequacy decision (a transfer needs a safeguard)."""
    candidates = ("AU", "BD", "CN", "EG", "ID", "IN", "KE", "MA", "MX", "NG", "PH", "RU", "SG", "TH", "TR", "ZA")
    known = set(knowledge.eea_countries()) | set(knowledge.adequacy_decisions()) | set(knowledge.outermost_regions())
    return tuple(code for code in candidates if code not in known)


@functools.cache
def safeguards() -> tuple[str, ...]:
    """Transfer tools other than an adequacy decision (GDPR 46, 47, 49), by schema key."""
    return tuple(key for key, tool in knowledge.transfer_tools().items() if tool.kind != "adequacy")


# Neutral words for names and ids of compliant policies: none looks like Art. 9 or Art. 10 data
# or falls under a statutory retention limit (checked against the knowledge files on first use).
_NEUTRAL = (  # noqa: SIM905 - a word list reads better as words (as in privlint/yaml_reader.py)
    "alfa bravo delta echo golf hotel kilo lima mike oscar papa romeo sierra tango victor zulu "
    "appel peer tafel stoel lamp boom rivier berg wolk ster maan kaart pen boek deur raam tuin"
).split()


@functools.cache
def neutral_words() -> tuple[str, ...]:
    return tuple(
        word
        for word in _NEUTRAL
        if not knowledge.looks_like_special_category([word])
        and not knowledge.looks_like_criminal_data([word])
        and not knowledge.applicable_retention_limits([word])
    )


# Names that look like special, criminal or time-limited data: valid policies use them too, so the
# keyword rules meet both kinds of names.
SENSITIVE_NAMES = (
    "Dagen ziekteverzuim",
    "Medisch attest",
    "Vakbondslidmaatschap",
    "Uittreksel strafregister",
    "Camerabeelden",
    "Facturen",
    "Vingerafdruk",
    "sick leave days",
)


# Text that is easy to misread or mislocate: every kind of line break (YAML 1.2's and the three that
# only YAML 1.1 counts), a byte-order mark, tabs, characters outside the BMP, YAML-looking text.
TRICKY_TEXTS = (
    "Smet\u2028Jet",
    "regel\x85regel",
    "alinea\u2029alinea",
    "\u2028",
    "een\r\ntwee\rdrie\nvier",
    "\ufeffBOM",
    "tab\there",
    "😀 emoji 😀",
    "NO",
    "key: value # not a comment",
    "  spaces  ",
)


# --- small strategies ----------------------------------------------------------------------------
# Strategy objects are built once (functools.cache): building them per draw costs more than drawing.


@functools.cache
def choice(values: tuple[Any, ...]) -> st.SearchStrategy[Any]:
    return st.sampled_from(values)


@functools.cache
def regex(pattern: str) -> st.SearchStrategy[str]:
    return st.from_regex(pattern, fullmatch=True)


# Any character a string may hold except lone surrogates (not encodable as UTF-8 at all).
ANY_CHARACTER = st.characters(exclude_categories=("Cs",))


@functools.cache
def any_text(max_size: int = 24) -> st.SearchStrategy[str]:
    return st.text(ANY_CHARACTER, min_size=1, max_size=max_size)


@functools.cache
def neutral_text() -> st.SearchStrategy[str]:
    return st.lists(choice(neutral_words()), min_size=1, max_size=3).map(" ".join).map(str.capitalize)


@functools.cache
def texts(*, compliant: bool) -> st.SearchStrategy[dict[str, str]]:
    """A ``text`` object: human text by language code."""
    if compliant:  # one draw: compliance does not depend on the wording of neutral text
        return choice(neutral_words()).map(lambda word: {"nl": word.capitalize()})
    words = st.one_of(any_text(), neutral_text(), choice(SENSITIVE_NAMES), choice(TRICKY_TEXTS))
    languages = choice(LANGUAGES) if compliant else st.one_of(choice(LANGUAGES), regex(r"[a-z]{2}"), st.just("no"))
    return st.dictionaries(languages, words, min_size=1, max_size=3)


@functools.cache
def durations() -> st.SearchStrategy[str]:
    parts = st.tuples(*(st.one_of(st.none(), st.integers(0, 40)) for _ in "YMWD"))
    return parts.filter(lambda p: any(n is not None for n in p)).map(
        lambda p: "P" + "".join(f"{n}{unit}" for n, unit in zip(p, "YMWD", strict=True) if n is not None)
    )


@functools.cache
def emails() -> st.SearchStrategy[str]:
    return regex(r"[a-z][a-z0-9.]{0,8}@[a-z]{1,8}\.[a-z]{2,3}")


@functools.cache
def dates() -> st.SearchStrategy[str]:
    return st.dates().map(lambda d: f"{d.year:04d}-{d.month:02d}-{d.day:02d}")


@functools.cache
def enterprise_numbers() -> st.SearchStrategy[str]:
    """Belgian enterprise numbers that pass the mod-97 check, written like ``0414.321.345``."""

    def number(base: int) -> str:
        digits = f"{base:08d}" + f"{97 - base % 97:02d}"
        return f"{digits[:4]}.{digits[4:7]}.{digits[7:]}"

    return st.integers(0, 19_999_999).map(number)


@functools.cache
def countries(*, compliant: bool) -> st.SearchStrategy[str]:
    if compliant:
        return choice(eea_countries())
    return st.one_of(
        choice(eea_countries()),
        choice(adequate_countries() + partially_adequate_countries()),
        choice(third_countries()),
        regex(r"[A-Z]{2}"),
    )


@functools.cache
def locations(*, compliant: bool) -> st.SearchStrategy[list[str]]:
    if compliant:
        # EEA first, so a recipient anywhere in the EEA is covered by the stated locations.
        return st.lists(choice((EU, *eea_countries())), max_size=2, unique=True).map(lambda more: [EEA, *more])
    return st.lists(st.one_of(choice((EU, EEA)), countries(compliant=False)), max_size=3)


def maybe(draw: st.DrawFn, strategy: st.SearchStrategy[Any]) -> Any:
    """A value from ``strategy``, or ``None`` (the key is then left out)."""
    return draw(strategy) if draw(st.booleans()) else None


def put(target: dict[str, Any], key: str, value: Any) -> None:
    if value is not None:
        target[key] = value


def subset(draw: st.DrawFn, values: Iterable[str], *, min_size: int = 0) -> list[str]:
    """Some of ``values``, in their order (at least ``min_size`` when there are that many)."""
    pool = list(values)
    chosen = [value for value in pool if draw(st.booleans())]
    for value in pool:
        if len(chosen) >= min_size:
            break
        if value not in chosen:
            chosen.append(value)
    return chosen


# --- the policy ---------------------------------------------------------------------------------


@dataclass
class _Plan:
    """The ids a policy declares, drawn first so that every reference can be made consistent."""

    compliant: bool
    subjects: list[str]
    items: list[str]
    activities: list[str]
    sharing: list[str]
    recipients: list[str]
    roles: dict[str, str | None] = field(default_factory=dict)
    special: dict[str, str] = field(default_factory=dict)  # item -> Art. 9 category
    criminal: set[str] = field(default_factory=set)
    rights: list[str] = field(default_factory=list)


def _ids(draw: st.DrawFn, prefix: str, count: st.SearchStrategy[int], *, compliant: bool) -> list[str]:
    n = draw(count)
    if compliant:
        words = draw(st.lists(choice(neutral_words()), min_size=n, max_size=n))
    else:
        words = draw(st.lists(regex(r"[a-z0-9_]{0,6}"), min_size=n, max_size=n))
    return [f"{prefix}{index}_{word}".rstrip("_") for index, word in enumerate(words)]


# The sections a compliant policy always has (the others are optional and left out).
_COMPLIANT_SECTIONS = frozenset(
    (
        *("controller", "audience", "data_subjects", "data_items", "processing_activities", "rights"),
        *("notice", "recipients", "sharing", "automated_decision_making", "supervisory_authority"),
    )
)


@st.composite
def policies(draw: st.DrawFn, *, compliant: bool = False, max_items: int = 5) -> dict[str, Any]:
    """A schema-valid policy as plain data with consistent references (see the module docstring)."""
    small = st.integers(0, max_items)
    plan = _Plan(
        compliant=compliant,
        subjects=_ids(draw, "s", st.integers(1 if compliant else 0, 3), compliant=compliant),
        items=_ids(draw, "d", small, compliant=compliant),
        activities=_ids(draw, "p", st.integers(1, 4) if compliant else small, compliant=compliant),
        sharing=_ids(draw, "x", st.integers(0, 3), compliant=compliant),
        recipients=[],
    )
    plan.recipients = _ids(
        draw, "r", st.integers(len(plan.sharing) and 1, 4) if compliant else st.integers(0, 4), compliant=compliant
    )
    roles = enum("recipient_role")
    for recipient in plan.recipients:
        plan.roles[recipient] = draw(choice(roles)) if compliant else maybe(draw, choice(roles))
    for item in plan.items:
        category = maybe(draw, choice(enum("special_category")))
        if category is not None:
            plan.special[item] = category
        if draw(st.booleans()) and draw(st.booleans()):
            plan.criminal.add(item)
    plan.rights = list(enum("right", "right")) if compliant else subset(draw, enum("right", "right"))

    data: dict[str, Any] = {}
    sections: dict[str, Callable[[st.DrawFn, _Plan], Any]] = {
        "notice": _notice,
        "controller": _controller,
        "audience": lambda _draw, plan: list(plan.subjects),
        "data_subjects": _data_subjects,
        "data_items": _data_items,
        "processing_activities": _activities,
        "recipient_categories": lambda d, p: d(st.lists(texts(compliant=p.compliant), max_size=2)),
        "recipients": _recipients,
        "sharing": _sharings,
        "processor_role": _processor_role,
        "security": _prose,
        "website": _website,
        "social_media": _social_media,
        "rights": _rights,
        "automated_decision_making": _automated,
        "supervisory_authority": _authority,
    }
    for name, make in sections.items():
        if (name in _COMPLIANT_SECTIONS) if compliant else draw(st.booleans()):
            data[name] = make(draw, plan)
    if compliant:
        _make_compliant(data, plan)
    else:
        _ensure_declared(data, plan)
    return data


def _prose(draw: st.DrawFn, plan: _Plan) -> dict[str, Any]:
    prose: dict[str, Any] = {}
    put(prose, "text", maybe(draw, texts(compliant=plan.compliant)))
    return prose


def _address(draw: st.DrawFn, plan: _Plan, *, full: bool) -> dict[str, str]:
    address: dict[str, str] = {}
    word = neutral_text() if plan.compliant else any_text()
    for key, strategy in (("street", word), ("postcode", regex(r"[1-9][0-9]{3}")), ("city", word)):
        put(address, key, draw(strategy) if full else maybe(draw, strategy))
    put(address, "country", "BE" if full else maybe(draw, countries(compliant=False)))
    return address


def _notice(draw: st.DrawFn, plan: _Plan) -> dict[str, Any]:
    notice: dict[str, Any] = {}
    full = plan.compliant
    put(notice, "title", draw(texts(compliant=full)) if full else maybe(draw, texts(compliant=False)))
    put(notice, "language", "nl" if full else maybe(draw, regex(r"[a-z]{2}")))
    put(notice, "version", draw(regex(r"[1-9]\.[0-9]")) if full else maybe(draw, any_text()))
    put(notice, "date", draw(dates()) if full else maybe(draw, dates()))
    sections = _ids(draw, "n", st.integers(0, 2), compliant=full)
    if sections:
        notice["sections"] = [_section(draw, plan, section) for section in sections]
    return notice


def _section(draw: st.DrawFn, plan: _Plan, section: str) -> dict[str, Any]:
    value: dict[str, Any] = {"id": section}
    put(value, "heading", maybe(draw, texts(compliant=plan.compliant)))
    put(value, "text", maybe(draw, texts(compliant=plan.compliant)))
    return value


def _controller(draw: st.DrawFn, plan: _Plan) -> dict[str, Any]:
    controller: dict[str, Any] = {}
    full = plan.compliant
    name = neutral_text() if full else any_text()
    put(controller, "name", draw(name) if full else maybe(draw, name))
    put(controller, "legal_form", maybe(draw, choice(("NV", "BV", "VZW", "SRL"))))
    address = _address(draw, plan, full=full) if full or draw(st.booleans()) else None
    put(controller, "address", address)
    number = st.one_of(enterprise_numbers(), regex(r"[0-9.]{1,12}"), any_text())
    put(controller, "enterprise_number", draw(enterprise_numbers()) if full else maybe(draw, number))
    if full or draw(st.booleans()):
        contact: dict[str, Any] = {}
        put(contact, "name", draw(name) if full else maybe(draw, name))
        put(
            contact,
            "role",
            draw(choice(("privacy_coordinator", "dpo")))
            if full
            else maybe(draw, choice(("privacy_coordinator", "dpo", "legal_department", "management", "other"))),
        )
        put(contact, "email", draw(emails()) if full else maybe(draw, emails()))
        put(contact, "phone", maybe(draw, regex(r"\+32 [0-9]{2} [0-9]{2} [0-9]{2} [0-9]{2}")))
        controller["privacy_contact"] = contact
    if full or draw(st.booleans()):
        designated = draw(st.booleans())
        dpo: dict[str, Any] = {"designated": designated}
        if designated and full:
            dpo["name"] = draw(name)
            dpo["email"] = draw(emails())
        elif not full:
            put(dpo, "name", maybe(draw, name))
            put(dpo, "email", maybe(draw, emails()))
        controller["dpo"] = dpo
    put(controller, "text", maybe(draw, texts(compliant=full)))
    return controller


def _data_subjects(draw: st.DrawFn, plan: _Plan) -> list[dict[str, Any]]:
    subjects = []
    for subject in plan.subjects:
        value: dict[str, Any] = {"id": subject}
        put(value, "name", maybe(draw, texts(compliant=plan.compliant)))
        subjects.append(value)
    return subjects


def _data_items(draw: st.DrawFn, plan: _Plan) -> list[dict[str, Any]]:
    items = []
    for item in plan.items:
        value: dict[str, Any] = {"id": item}
        put(value, "name", maybe(draw, texts(compliant=plan.compliant)))
        if plan.subjects and draw(st.booleans()):
            value["subjects"] = subset(draw, plan.subjects)
        put(value, "special_category", plan.special.get(item))
        if item in plan.criminal:
            value["criminal_offence_data"] = True
        elif draw(st.booleans()) and not plan.compliant:
            value["criminal_offence_data"] = False
        put(value, "text", maybe(draw, texts(compliant=plan.compliant)))
        items.append(value)
    return items


def _retention(draw: st.DrawFn, plan: _Plan, legal_basis: str | None) -> dict[str, Any] | None:
    triggers = enum("retention_trigger")
    if plan.compliant:
        # Neither tied to a contract unless the basis is a contract, nor consent-bound unless consent.
        allowed = [t for t in triggers if t not in ("contract_end", "consent_withdrawal")]
        if legal_basis == "contract":
            allowed.append("contract_end")
        retention = {
            "duration": draw(choice(("P1Y", "P2Y", "P3Y", "P5Y", "P6M", "P18M"))),
            "trigger": draw(choice(tuple(allowed))),
        }
        put(retention, "text", maybe(draw, texts(compliant=True)))
        return retention
    form = draw(choice(("absent", "empty", "duration", "trigger", "both", "extended", "text")))
    if form == "absent":
        return None
    retention = {}
    if form in ("duration", "both", "extended"):
        retention["duration"] = draw(durations())
    if form in ("trigger", "both", "extended"):
        retention["trigger"] = draw(choice(triggers))
    if form == "extended":
        retention["extension"] = draw(choice(triggers))
    if form == "text" or (form != "empty" and draw(st.booleans())):
        retention["text"] = draw(texts(compliant=False))
    return retention


def _processing(draw: st.DrawFn, plan: _Plan, identifier: str, *, sharing: bool) -> dict[str, Any]:
    compliant = plan.compliant
    value: dict[str, Any] = {"id": identifier}
    put(value, "name", maybe(draw, texts(compliant=compliant)))
    put(value, "description", maybe(draw, texts(compliant=compliant)))
    purposes = draw(st.lists(texts(compliant=compliant), min_size=1 if compliant else 0, max_size=2))
    if purposes or draw(st.booleans()):
        value["purposes"] = purposes
    basis = _legal_basis(draw, plan, value)
    uses = subset(draw, plan.items)
    if uses or draw(st.booleans()):
        value["data_items"] = uses
    if plan.subjects and draw(st.booleans()):
        value["data_subjects"] = subset(draw, plan.subjects)
    _conditions(draw, plan, value, uses)
    put(value, "retention", _retention(draw, plan, basis))
    where = draw(locations(compliant=compliant))
    if where or draw(st.booleans()):
        value["locations"] = where
    receivers = subset(draw, plan.recipients, min_size=1 if (compliant and sharing) else 0)
    if receivers or (not compliant and draw(st.booleans())):
        value["recipients"] = receivers
    if uses and draw(st.booleans()):
        value["data_item_names"] = {uses[0]: draw(texts(compliant=compliant))}
    put(value, "text", maybe(draw, texts(compliant=compliant)))
    return value


def _legal_basis(draw: st.DrawFn, plan: _Plan, value: dict[str, Any]) -> str | None:
    """Put a legal basis (and, mostly, what it needs) on the processing ``value``; return the basis."""
    compliant = plan.compliant
    bases = enum("legal_basis")
    basis = draw(choice(bases)) if compliant else maybe(draw, choice(bases))
    put(value, "legal_basis", basis)
    if basis == "legitimate_interest" and (compliant or draw(st.booleans())):
        value["legitimate_interest"] = draw(texts(compliant=compliant))
    if basis == "legal_obligation" and (compliant or draw(st.booleans())):
        value["legal_obligation"] = _legal_reference(draw, plan)
    if not compliant and "legitimate_interest" not in value and draw(st.booleans()):
        put(value, "legitimate_interest", maybe(draw, texts(compliant=False)))
    return basis


def _conditions(draw: st.DrawFn, plan: _Plan, value: dict[str, Any], uses: list[str]) -> None:
    """The Art. 9 condition and Art. 10 basis of a processing: where needed when compliant, at random otherwise."""
    conditions = enum("special_category_condition")
    if plan.compliant:
        if any(item in plan.special for item in uses):
            value["special_category_condition"] = draw(choice(conditions))
        if any(item in plan.criminal for item in uses):
            value["criminal_data_basis"] = _legal_reference(draw, plan)
        return
    put(value, "special_category_condition", maybe(draw, choice(conditions)))
    if draw(st.booleans()) and draw(st.booleans()):
        value["criminal_data_basis"] = _legal_reference(draw, plan)


def _legal_reference(draw: st.DrawFn, plan: _Plan) -> dict[str, str]:
    name = neutral_text() if plan.compliant else any_text()
    reference = {"law": draw(name)}
    put(reference, "provision", maybe(draw, regex(r"art\. [1-9][0-9]{0,2}")))
    put(reference, "url", maybe(draw, st.just("https://www.ejustice.just.fgov.be/")))
    return reference


def _activities(draw: st.DrawFn, plan: _Plan) -> list[dict[str, Any]]:
    return [_processing(draw, plan, identifier, sharing=False) for identifier in plan.activities]


def _sharings(draw: st.DrawFn, plan: _Plan) -> list[dict[str, Any]]:
    return [_processing(draw, plan, identifier, sharing=True) for identifier in plan.sharing]


def _recipients(draw: st.DrawFn, plan: _Plan) -> list[dict[str, Any]]:
    recipients = []
    compliant = plan.compliant
    for recipient in plan.recipients:
        value: dict[str, Any] = {"id": recipient}
        put(value, "name", draw(neutral_text()) if compliant else maybe(draw, any_text()))
        put(value, "role", plan.roles[recipient])
        put(value, "country", draw(countries(compliant=True)) if compliant else maybe(draw, countries(compliant=False)))
        mechanisms = enum("transfer_mechanism")
        put(value, "transfer_mechanism", None if compliant else maybe(draw, choice(mechanisms)))
        role = plan.roles[recipient]
        if role == "processor" and (compliant or draw(st.booleans())):
            value["processor_agreement"] = draw(texts(compliant=compliant))
        if role == "joint_controller" and (compliant or draw(st.booleans())):
            value["joint_arrangement"] = draw(texts(compliant=compliant))
        if not compliant:
            put(
                value,
                "processor_agreement",
                maybe(draw, texts(compliant=False))
                if "processor_agreement" not in value and draw(st.booleans())
                else None,
            )
        put(value, "text", maybe(draw, texts(compliant=compliant)))
        recipients.append(value)
    return recipients


def _processor_role(draw: st.DrawFn, plan: _Plan) -> dict[str, Any]:
    role: dict[str, Any] = {}
    put(role, "applies", maybe(draw, choice(("never", "exceptionally", "regularly"))))
    put(role, "text", maybe(draw, texts(compliant=plan.compliant)))
    return role


def _item_use(draw: st.DrawFn, plan: _Plan) -> dict[str, Any]:
    use: dict[str, Any] = {}
    uses = subset(draw, plan.items)
    if uses or draw(st.booleans()):
        use["data_items"] = uses
    put(use, "text", maybe(draw, texts(compliant=plan.compliant)))
    return use


def _website(draw: st.DrawFn, plan: _Plan) -> dict[str, Any]:
    website: dict[str, Any] = {}
    if draw(st.booleans()):
        cookies = _item_use(draw, plan)
        put(cookies, "consent_requested", maybe(draw, st.booleans()))
        website["cookies"] = cookies
    if draw(st.booleans()):
        website["server_logs"] = _item_use(draw, plan)
    if draw(st.booleans()):
        website["external_links"] = _prose(draw, plan)
    return website


def _social_media(draw: st.DrawFn, plan: _Plan) -> dict[str, Any]:
    social: dict[str, Any] = {}
    joint = [r for r in plan.recipients if plan.roles.get(r) == "joint_controller" or not plan.compliant]
    chosen = subset(draw, joint)
    if chosen or draw(st.booleans()):
        social["joint_controllers"] = chosen
    if draw(st.booleans()):
        social["events"] = _prose(draw, plan)
    put(social, "text", maybe(draw, texts(compliant=plan.compliant)))
    return social


def _rights(draw: st.DrawFn, plan: _Plan) -> list[dict[str, Any]]:
    order = draw(st.permutations(plan.rights))
    rights = []
    for right in order:
        value: dict[str, Any] = {"right": right}
        put(value, "text", maybe(draw, texts(compliant=plan.compliant)))
        rights.append(value)
    return rights


def _automated(draw: st.DrawFn, plan: _Plan) -> dict[str, Any]:
    used = draw(st.booleans())
    automated: dict[str, Any] = {"used": used}
    if used and plan.compliant:
        automated["logic"] = draw(texts(compliant=True))
    elif not plan.compliant:
        put(automated, "logic", maybe(draw, texts(compliant=False)))
    put(automated, "text", maybe(draw, texts(compliant=plan.compliant)))
    return automated


def _authority(draw: st.DrawFn, plan: _Plan) -> dict[str, Any]:
    if plan.compliant:
        return gba()
    authority: dict[str, Any] = {}
    put(authority, "name", maybe(draw, st.one_of(any_text(), st.just(gba()["name"]))))
    if draw(st.booleans()):
        authority["address"] = _address(draw, plan, full=False)
    put(authority, "url", maybe(draw, any_text()))
    put(authority, "email", maybe(draw, emails()))
    put(authority, "phone", maybe(draw, st.one_of(any_text(), st.just(gba()["phone"]))))
    put(authority, "text", maybe(draw, texts(compliant=False)))
    return authority


@functools.cache
def _gba() -> Mapping[str, Any]:
    authority = knowledge.supervisory_authority("BE")
    assert authority is not None
    return {
        "name": authority.names["nl"],
        "address": {
            "street": authority.street["nl"],
            "postcode": authority.postcode,
            "city": authority.city["nl"],
            "country": "BE",
        },
        "url": authority.websites[0],
        "email": authority.email,
        "phone": authority.phone,
    }


def gba() -> dict[str, Any]:
    """The Belgian supervisory authority as a policy states it, from the knowledge files."""
    value = dict(_gba())
    value["address"] = dict(value["address"])
    return value


def _ensure_declared(data: dict[str, Any], plan: _Plan) -> None:
    """References are consistent: what is referenced somewhere is declared."""
    referenced_items = (
        any(
            processing.get("data_items")
            for key in ("processing_activities", "sharing")
            for processing in data.get(key, ())
        )
        or "website" in data
    )
    if referenced_items and "data_items" not in data:
        data["data_items"] = _data_items_plain(plan)
    referenced_recipients = (
        any(
            processing.get("recipients")
            for key in ("processing_activities", "sharing")
            for processing in data.get(key, ())
        )
        or "social_media" in data
    )
    if referenced_recipients and "recipients" not in data:
        data["recipients"] = [{"id": recipient} for recipient in plan.recipients]
    if (
        "audience" in data or any(i.get("subjects") for i in data.get("data_items", ()))
    ) and "data_subjects" not in data:
        data["data_subjects"] = [{"id": subject} for subject in plan.subjects]
    if any(p.get("data_subjects") for key in ("processing_activities", "sharing") for p in data.get(key, ())):
        data.setdefault("data_subjects", [{"id": subject} for subject in plan.subjects])


def _data_items_plain(plan: _Plan) -> list[dict[str, Any]]:
    return [{"id": item} for item in plan.items]


def _make_compliant(data: dict[str, Any], plan: _Plan) -> None:
    """Adjust a drawn compliant policy so that every declared thing is used where the rules ask."""
    activities = data["processing_activities"]
    used = {item for activity in activities for item in activity.get("data_items", ())}
    # Every declared item has a purpose, and special or criminal items get their conditions.
    for item in plan.items:
        if item not in used:
            activities[0].setdefault("data_items", []).append(item)
    for activity in activities:
        _justify(activity, plan)
    _share_only_collected(data, plan)
    # Every recipient receives data from some processing.
    receiving = {r for p in _all_processings(data) for r in p.get("recipients", ())}
    for recipient in plan.recipients:
        if recipient not in receiving:
            activities[-1].setdefault("recipients", []).append(recipient)
    # A consent basis somewhere, since the rights promise that consent can be withdrawn.
    if not any(p.get("legal_basis") == "consent" for p in _all_processings(data)):
        _rely_on_consent(activities[0])
    for section in ("sharing", "recipients"):
        if not data.get(section):
            data.pop(section, None)


def _share_only_collected(data: dict[str, Any], plan: _Plan) -> None:
    """What is shared is also collected by an activity (REF005)."""
    collected = {item for activity in data["processing_activities"] for item in activity.get("data_items", ())}
    for sharing in data.get("sharing", ()):
        shared = [item for item in sharing.get("data_items", ()) if item in collected]
        sharing["data_items"] = shared
        if not shared:
            del sharing["data_items"]
        _justify(sharing, plan)


def _all_processings(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [*data.get("processing_activities", ()), *data.get("sharing", ())]


def _justify(processing: dict[str, Any], plan: _Plan) -> None:
    """Give a processing of special or criminal data its Art. 9 condition or Art. 10 basis."""
    items = processing.get("data_items", ())
    if any(item in plan.special for item in items):
        processing.setdefault("special_category_condition", "explicit_consent")
    if any(item in plan.criminal for item in items):
        processing.setdefault("criminal_data_basis", {"law": "Wet"})


def _rely_on_consent(activity: dict[str, Any]) -> None:
    activity["legal_basis"] = "consent"
    activity.pop("legitimate_interest", None)
    activity.pop("legal_obligation", None)
    retention = activity.get("retention")
    if retention and retention.get("trigger") == "contract_end":
        retention["trigger"] = "collection"


def large_policies(copies: st.SearchStrategy[int] | None = None) -> st.SearchStrategy[dict[str, Any]]:
    """A compliant policy repeated ``copies`` times under fresh ids: hundreds of entries, quickly."""
    copies = copies if copies is not None else st.integers(20, 60)
    return st.tuples(policies(compliant=True), copies).map(lambda args: scale(*args))


def scale(policy: Mapping[str, Any], copies: int) -> dict[str, Any]:
    """``policy`` with its entries repeated ``copies`` times, every id (and reference) suffixed ``_N``."""
    declared = {
        entry["id"]
        for key in ("data_items", "processing_activities", "sharing", "recipients", "data_subjects")
        for entry in policy.get(key, ())
    }

    def rename(value: Any, n: int) -> Any:
        if isinstance(value, dict):
            return {(f"{k}_{n}" if k in declared else k): rename(v, n) for k, v in value.items()}
        if isinstance(value, list):
            return [rename(v, n) for v in value]
        return f"{value}_{n}" if isinstance(value, str) and value in declared else value

    large = dict(policy)
    for key in ("data_items", "processing_activities", "sharing", "recipients", "data_subjects", "audience"):
        if key in policy:
            large[key] = [rename(entry, n) for n in range(copies) for entry in policy[key]]
    if "social_media" in policy:
        large["social_media"] = {
            **policy["social_media"],
            "joint_controllers": [
                f"{r}_{n}" for n in range(copies) for r in policy["social_media"].get("joint_controllers", ())
            ],
        }
    return large


# --- key order ------------------------------------------------------------------------------------


def is_text(value: Any) -> bool:
    """Whether ``value`` is a ``text`` object (language -> string)."""
    return bool(value) and all(re.fullmatch(r"[a-z]{2}", k) and isinstance(v, str) for k, v in value.items())


@st.composite
def reordered(draw: st.DrawFn, value: Any) -> Any:
    """``value`` with the keys of every mapping in another order (lists keep theirs: order is data).

    Text objects keep their order: the model reads the first language as the original (``Text.any``).
    """
    if isinstance(value, dict) and not is_text(value):
        keys = draw(st.permutations(list(value)))
        return {key: draw(reordered(value[key])) for key in keys}
    if isinstance(value, list):
        return [draw(reordered(item)) for item in value]
    return value


# --- writing YAML ---------------------------------------------------------------------------------

PLAIN_KEY = re.compile(r"^[a-z][a-z0-9_]*$")
_ESCAPES = {
    "\0": "0",
    "\x07": "a",
    "\x08": "b",
    "\x09": "t",
    "\x0a": "n",
    "\x0b": "v",
    "\x0c": "f",
    "\x0d": "r",
    "\x1b": "e",
    '"': '"',
    "\\": "\\",
    "\x85": "N",
    "\u2028": "L",
    "\u2029": "P",
}


YAML11_BREAKS = "\x85\u2028\u2029"  # NEL, LS, PS: text in YAML 1.2, line breaks to YAML 1.1 readers


def _printable(char: str) -> bool:
    # YAML's printable set (what a reader accepts raw), minus the characters YAML 1.1 readers
    # (PyYAML, libyaml, ruamel.yaml) count as line breaks and the byte-order mark.
    return char not in "\x85\u2028\u2029\ufeff" and (
        "\x20" <= char <= "\x7e" or "\xa0" <= char <= "\ud7ff" or "\ue000" <= char <= "\ufffd" or char >= "\U00010000"
    )


def quote(text: str, *, raw_breaks: bool = False) -> str:
    """``text`` as a YAML double-quoted scalar, escaped the way ruamel.yaml escapes it.

    With ``raw_breaks``, NEL, LS and PS are written as they are, which YAML 1.2 allows.
    """
    out = ['"']
    for char in text:
        if raw_breaks and char in YAML11_BREAKS:
            out.append(char)
        elif char in _ESCAPES:
            out.append("\\" + _ESCAPES[char])
        elif _printable(char):
            out.append(char)
        elif char <= "\xff":
            out.append(f"\\x{ord(char):02X}")
        elif char <= "\uffff":
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(f"\\U{ord(char):08X}")
    out.append('"')
    return "".join(out)


def scalar(value: Any, *, raw_breaks: bool = False) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)  # finite floats only: repr is a YAML 1.2 float
    if isinstance(value, str):
        return quote(value, raw_breaks=raw_breaks)
    raise TypeError(f"cannot write {type(value).__name__}")


@dataclass(frozen=True)
class Style:
    """How a policy is laid out; ruamel.yaml reproduces it with ``indent(indent, dash_offset + 2, dash_offset)``."""

    indent: int = 2  # columns a nested mapping is indented by
    dash_offset: int = 2  # columns from a key to the dash of its list's items
    quote_keys: bool = False
    flow_lists: bool = False  # lists of scalars as ["a", "b"]
    header: str | None = None  # a comment line at the top of every file
    # NEL, LS and PS written raw, not escaped: text to YAML 1.2, line breaks to YAML 1.1 readers
    # (ruamel.yaml's round trip rewrites them, so the round-trip properties leave this out).
    raw_breaks: bool = False


@dataclass
class Written:
    """YAML files and where the writer put every node and mapping key: ``pointer -> (file, line, column)``."""

    files: dict[str, str] = field(default_factory=dict)
    nodes: dict[str, tuple[str, int, int]] = field(default_factory=dict)
    keys: dict[str, tuple[str, int, int]] = field(default_factory=dict)
    style: Style = field(default_factory=Style)


class _Writer:
    def __init__(self, style: Style, name: str, written: Written) -> None:
        self.style = style
        self.name = name
        self.written = written
        self.lines: list[str] = [f"# {style.header}"] if style.header is not None else []

    def here(self, column: int) -> tuple[str, int, int]:
        """The position (1-based) of ``column`` (0-based) on the line being written next."""
        return (self.name, len(self.lines) + 1, column + 1)

    def inline(self, value: Any) -> str | None:
        """``value`` written on one line, or None when it needs a block."""
        if isinstance(value, dict) and not value:
            return "{}"
        if isinstance(value, list) and not value:
            return "[]"
        if isinstance(value, list) and self.style.flow_lists and not any(isinstance(v, (dict, list)) for v in value):
            return "[" + ", ".join(self.scalar(v) for v in value) + "]"
        if isinstance(value, (dict, list)):
            return None
        return self.scalar(value)

    def scalar(self, value: Any) -> str:
        return scalar(value, raw_breaks=self.style.raw_breaks)

    def place_inline(self, value: Any, pointer: str, column: int) -> None:
        """Record the positions of ``value`` written inline at ``column`` of the next line."""
        self.written.nodes[pointer] = self.here(column)
        if isinstance(value, list) and value:
            offset = column + 1
            for index, item in enumerate(value):
                self.written.nodes[child(pointer, index)] = self.here(offset)
                offset += len(self.scalar(item)) + 2

    def mapping(self, value: Mapping[str, Any], pointer: str, column: int, lead: str | None = None) -> None:
        for number, (key, member) in enumerate(value.items()):
            prefix = lead if number == 0 and lead is not None else " " * column
            self.member(key, member, child(pointer, key), column, prefix)

    def member(self, key: str, value: Any, pointer: str, column: int, prefix: str) -> None:
        quoted = quote(key, raw_breaks=self.style.raw_breaks)
        written_key = key if PLAIN_KEY.match(key) and not self.style.quote_keys else quoted
        self.written.keys[pointer] = self.here(column)
        head = f"{prefix}{written_key}:"
        text = self.inline(value)
        if text is not None:
            self.place_inline(value, pointer, len(head) + 1)
            self.lines.append(f"{head} {text}")
            return
        self.lines.append(head)
        if isinstance(value, dict):
            self.written.nodes[pointer] = self.here(column + self.style.indent)
            self.mapping(value, pointer, column + self.style.indent)
        else:
            self.written.nodes[pointer] = self.here(column + self.style.dash_offset)
            self.sequence(value, pointer, column + self.style.dash_offset)

    def sequence(self, value: list[Any], pointer: str, column: int, lead: str | None = None) -> None:
        for index, item in enumerate(value):
            here = child(pointer, index)
            dash = (lead if index == 0 and lead is not None else " " * column) + "- "
            text = self.inline(item)
            if text is not None:
                self.place_inline(item, here, column + 2)
                self.lines.append(dash + text)
            elif isinstance(item, dict):
                self.written.nodes[here] = self.here(column + 2)
                self.mapping(item, here, column + 2, dash)
            else:  # a list in a list: "- - a" (not in the policy model, but mutations make them)
                self.written.nodes[here] = self.here(column + 2)
                self.sequence(item, here, column + 2, dash)

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


def write(
    policy: Mapping[str, Any], *, style: Style | None = None, split: Iterable[Iterable[str]] | None = None
) -> Written:
    """Write ``policy`` as YAML: one file ``policy.yaml``, or ``part_N.yaml`` per group of sections in ``split``."""
    style = style or Style()
    written = Written(style=style)
    groups = [list(group) for group in split] if split is not None else [list(policy)]
    for number, group in enumerate(groups):
        name = "policy.yaml" if split is None else f"part_{number}.yaml"
        writer = _Writer(style, name, written)
        if group:
            writer.mapping({key: policy[key] for key in group}, "", 0)
        else:
            writer.lines.append("{}")
        written.files[name] = writer.text()
    return written


def yaml_lines(raw: bytes) -> list[str]:
    """The lines of a file as YAML 1.2 and editors see them (breaks: CR LF, CR, LF; a BOM is no character)."""
    text = raw.decode("utf-8", "replace").removeprefix("\ufeff")
    return re.split(r"\r\n|\r|\n", text)


def styles(*, raw_breaks: bool = True) -> st.SearchStrategy[Style]:
    """Layouts of a policy file; ``raw_breaks=False`` for files that ruamel.yaml must round-trip unchanged."""
    return st.builds(
        Style,
        indent=choice((2, 4)),
        dash_offset=choice((0, 2)),
        quote_keys=st.booleans(),
        flow_lists=st.booleans(),
        header=st.one_of(st.none(), st.just("generated by tests/strategies.py")),
        raw_breaks=choice((False, True) if raw_breaks else (False,)),
    )


@st.composite
def splits(draw: st.DrawFn, sections: list[str]) -> list[list[str]] | None:
    """None (one file), or the sections dealt over 2-4 files, none of them empty."""
    if len(sections) < 2 or not draw(st.booleans()):
        return None
    count = draw(st.integers(2, min(4, len(sections))))
    order = draw(st.permutations(sections))
    groups: list[list[str]] = [[] for _ in range(count)]
    for index, section in enumerate(order):
        groups[index if index < count else draw(st.integers(0, count - 1))].append(section)
    return groups


@st.composite
def written(draw: st.DrawFn, policy: Mapping[str, Any], *, split: bool = True, raw_breaks: bool = True) -> Written:
    """``policy`` written in a drawn style, in one file or split over several."""
    groups = draw(splits(list(policy))) if split else None
    return write(policy, style=draw(styles(raw_breaks=raw_breaks)), split=groups)
