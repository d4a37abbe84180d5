"""DPIA screening (GDPR 35): for each processing activity and sharing, is an impact assessment
"required", "likely", or is there "none" (no indication)? With the reasons.

The triggers and their sources are data (``privlint/data/dpia_triggers.toml``); this module
holds one small test per trigger, a pure function of the model that says ``met``, ``open``
(the policy does not state a fact the trigger depends on) or nothing. The camera and special
category data are recognised from facts the model already has (data item names, the Art. 9
marking, data subjects); the other facts come from ``dpia_facts`` on the processing.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, Literal, NamedTuple

import tomli

from privlint import knowledge
from privlint.model import Policy, Processing
from privlint.printable import line as printable

Verdict = Literal["required", "likely", "none"]
Status = Literal["met", "open"]
FORMAT_VERSION = 1
LIKELY_FROM = 2  # WP248 rev.01: "a processing meeting two criteria would require a DPIA"


class Trigger(NamedTuple):
    id: str
    kind: Literal["required", "criterion"]
    source: str
    confirmed: bool
    evaluated: bool
    text: Mapping[str, str]  # nl, en


class Reason(NamedTuple):
    """A trigger that is met, or open because the policy leaves out ``missing`` facts."""

    trigger: Trigger
    status: Status
    evidence: tuple[str, ...] = ()  # the policy's own words that meet it (item or subject names)
    missing: tuple[str, ...] = ()  # fact keys the policy does not state


class Screening(NamedTuple):
    processing: Processing
    verdict: Verdict
    reasons: tuple[Reason, ...]

    @property
    def met(self) -> tuple[Reason, ...]:
        return tuple(r for r in self.reasons if r.status == "met")

    @property
    def open(self) -> tuple[Reason, ...]:
        return tuple(r for r in self.reasons if r.status == "open")


class Knowledge(NamedTuple):
    as_of: str
    triggers: tuple[Trigger, ...]
    facts: Mapping[str, Mapping[str, str]]
    camera: tuple[str, ...]
    vulnerable: tuple[str, ...]


@functools.cache
def triggers() -> Knowledge:
    """The dated trigger list of ``privlint/data/dpia_triggers.toml``."""
    data = tomli.loads((Path(__file__).parent / "data" / "dpia_triggers.toml").read_text(encoding="utf-8"))
    found = [_trigger(entry, "required") for entry in data["required"]]
    found += [_trigger(entry, "criterion") for entry in data["criteria"]]
    keywords = data["keywords"]
    return Knowledge(
        as_of=str(data["as_of"]),
        triggers=tuple(found),
        facts=data["facts"],
        camera=tuple(knowledge.normalise(k) for k in keywords["camera"]),
        vulnerable=tuple(knowledge.normalise(k) for k in keywords["vulnerable"]),
    )


def _trigger(entry: Mapping[str, Any], kind: Literal["required", "criterion"]) -> Trigger:
    return Trigger(
        entry["id"],
        kind,
        entry["source"],
        entry["confirmed"],
        entry["evaluated"],
        {"nl": entry["nl"], "en": entry["en"]},
    )


def screen(policy: Policy) -> list[Screening]:
    """The screening of every processing activity, then every sharing, in policy order."""
    index = _Index(policy)
    return [screen_one(policy, processing, index) for processing in policy.processings]


def screen_one(policy: Policy, processing: Processing, index: _Index | None = None) -> Screening:
    facts = _Facts(policy, processing, index or _Index(policy))
    reasons: list[Reason] = []
    for trigger in triggers().triggers:
        test = TESTS.get(trigger.id)
        if trigger.evaluated and test is not None:
            reason = test(facts, trigger)
            if reason is not None:
                reasons.append(reason)
    return Screening(processing, verdict(reasons), tuple(reasons))


def verdict(reasons: Iterable[Reason]) -> Verdict:
    reasons = list(reasons)
    if any(r.trigger.kind == "required" and r.status == "met" for r in reasons):
        return "required"
    criteria = sum(1 for r in reasons if r.trigger.kind == "criterion" and r.status == "met")
    mandatory_open = any(r.trigger.kind == "required" and r.status == "open" for r in reasons)
    if criteria >= LIKELY_FROM or (criteria == 1 and mandatory_open):
        return "likely"
    return "none"


def not_screened() -> tuple[Trigger, ...]:
    """Triggers that need facts the model does not have (listed once, as not screened)."""
    return tuple(t for t in triggers().triggers if not t.evaluated)


# --- what the policy says about one processing --------------------------------------------------


class _Index:
    """The policy's declarations by id, built once per screening (not once per processing)."""

    def __init__(self, policy: Policy) -> None:
        self.items = {item.id: item for item in policy.data_items}
        self.subjects = {s.id: s for s in policy.data_subjects}
        self.roles = {r.id: r.role for r in policy.recipients}


class _Facts:
    """The facts of one processing that the triggers read, each computed once."""

    def __init__(self, policy: Policy, processing: Processing, index: _Index) -> None:
        self.policy, self.processing, self.index = policy, processing, index
        self.stated = processing.dpia_facts
        items = index.items
        self.item_names: dict[str, tuple[str, ...]] = {}
        for ref in processing.data_items:
            item = items.get(ref.id)
            wording = processing.data_item_names.get(ref.id)
            self.item_names[ref.id] = (
                *(item.names() if item else (ref.id,)),
                *(wording.by_language.values() if wording else ()),
            )
        self.items = items

    def fact(self, key: str) -> Any:
        return getattr(self.stated, key) if self.stated is not None else None

    @functools.cached_property
    def large(self) -> bool | None:
        scale = self.fact("scale")
        return None if scale is None else scale == "large"

    @functools.cached_property
    def special(self) -> tuple[str, ...]:
        """Names of the Art. 9/10 data items it uses (marked, or looking like such data)."""
        found = []
        for item_id, names in self.item_names.items():
            item = self.items.get(item_id)
            marked = item is not None and (item.special_category or item.criminal_offence_data)
            if marked or knowledge.match_special_category(names) or knowledge.looks_like_criminal_data(names):
                found.append(_label(names))
        return tuple(found)

    @functools.cached_property
    def biometric(self) -> tuple[str, ...]:
        found = []
        for item_id, names in self.item_names.items():
            item = self.items.get(item_id)
            category = item.special_category if item else None
            if (category or knowledge.looks_like_special_category(names)) == "biometric":
                found.append(_label(names))
        return tuple(found)

    @functools.cached_property
    def camera(self) -> tuple[str, ...]:
        words = triggers().camera
        found = [_label(names) for names in self.item_names.values() if _mentions(names, words)]
        name = self.processing.name.by_language.values() if self.processing.name else ()
        if not found and _mentions((*name, self.processing.id), words):
            found.append(self.processing.label)
        return tuple(found)

    @functools.cached_property
    def monitoring(self) -> tuple[bool | None, tuple[str, ...]]:
        if self.camera:
            return True, self.camera
        return self.fact("systematic_monitoring"), ()

    @functools.cached_property
    def vulnerable(self) -> tuple[str, ...]:
        subjects = self.index.subjects
        words = triggers().vulnerable
        found = []
        for ref in self.processing.data_subjects:
            subject = subjects.get(ref.id)
            names = (ref.id, *(subject.name.by_language.values() if subject and subject.name else ()))
            if _mentions(names, words):
                found.append(_label(names))
        return tuple(found)


def _label(names: tuple[str, ...]) -> str:
    """The item's name as the policy words it (its first name after the id), else its id."""
    return names[1] if len(names) > 1 else names[0]


def _mentions(names: Iterable[str], words: tuple[str, ...]) -> bool:
    for name in names:
        padded = f" {knowledge.normalise(name)} "
        if any(f" {word}" in padded for word in words):
            return True
    return False


# --- one test per trigger (id -> test); None: not met and nothing open ---------------------------

Test = Callable[[_Facts, Trigger], Reason | None]


def _all_of(trigger: Trigger, conditions: Mapping[str, bool | None], evidence: tuple[str, ...] = ()) -> Reason | None:
    """Met when every condition holds; open when none fails but some are not stated."""
    if any(value is False for value in conditions.values()):
        return None
    missing = tuple(key for key, value in conditions.items() if value is None)
    return Reason(trigger, "open", evidence, missing) if missing else Reason(trigger, "met", evidence)


def _automated_decisions(facts: _Facts, trigger: Trigger) -> Reason | None:
    automated = facts.policy.automated_decision_making
    if automated is None or not automated.used:
        return None  # stated as not used, or silent: TRN005 reports the silence
    return Reason(trigger, "open", (), ("automated_decision_making",))


def _large_special(facts: _Facts, trigger: Trigger) -> Reason | None:
    if not facts.special:
        return None
    return _all_of(trigger, {"scale": facts.large}, facts.special)


def _public_monitoring(facts: _Facts, trigger: Trigger) -> Reason | None:
    monitored, evidence = facts.monitoring
    if not monitored:
        return None
    conditions = {"publicly_accessible_area": facts.fact("publicly_accessible_area"), "scale": facts.large}
    return _all_of(trigger, conditions, evidence)


def _public_biometrics(facts: _Facts, trigger: Trigger) -> Reason | None:
    if not facts.biometric:
        return None
    return _all_of(trigger, {"publicly_accessible_area": facts.fact("publicly_accessible_area")}, facts.biometric)


def _shared_between_controllers(facts: _Facts, trigger: Trigger) -> Reason | None:
    if facts.processing.kind != "sharing" or not facts.special:
        return None
    roles = facts.index.roles
    controllers = [
        ref.id for ref in facts.processing.recipients if roles.get(ref.id) in {"controller", "joint_controller"}
    ]
    return Reason(trigger, "met", facts.special) if controllers else None


def _observed_behaviour(facts: _Facts, trigger: Trigger) -> Reason | None:
    monitored, evidence = facts.monitoring
    if not monitored and facts.large is not True:
        return None  # nothing suggests large-scale observation
    return _all_of(trigger, {"systematic_monitoring": monitored, "scale": facts.large}, evidence)


def _stated(key: str) -> Test:
    def test(facts: _Facts, trigger: Trigger) -> Reason | None:
        return Reason(trigger, "met") if facts.fact(key) is True else None

    return test


def _monitoring_criterion(facts: _Facts, trigger: Trigger) -> Reason | None:
    monitored, evidence = facts.monitoring
    return Reason(trigger, "met", evidence) if monitored else None


def _sensitive(facts: _Facts, trigger: Trigger) -> Reason | None:
    return Reason(trigger, "met", facts.special) if facts.special else None


def _large(facts: _Facts, trigger: Trigger) -> Reason | None:
    return Reason(trigger, "met") if facts.large else None


def _vulnerable(facts: _Facts, trigger: Trigger) -> Reason | None:
    if facts.vulnerable:
        return Reason(trigger, "met", facts.vulnerable)
    return Reason(trigger, "met") if facts.fact("vulnerable_data_subjects") is True else None


def _automated_criterion(facts: _Facts, trigger: Trigger) -> Reason | None:
    automated = facts.policy.automated_decision_making
    if automated is None or not automated.used:
        return None
    return Reason(trigger, "open", (), ("automated_decision_making",))


TESTS: Mapping[str, Test] = {
    "gdpr_35_3_a": _automated_decisions,
    "gdpr_35_3_b": _large_special,
    "gdpr_35_3_c": _public_monitoring,
    "gba_1": _public_biometrics,
    "gba_5": _shared_between_controllers,
    "gba_8": _observed_behaviour,
    "wp248_2": _automated_criterion,
    "wp248_3": _monitoring_criterion,
    "wp248_4": _sensitive,
    "wp248_5": _large,
    "wp248_6": _stated("matching_data_sets"),
    "wp248_7": _vulnerable,
    "wp248_8": _stated("innovative_technology"),
}


# --- output ---------------------------------------------------------------------------------------


def as_json(screenings: Iterable[Screening]) -> dict[str, Any]:
    """The documented, versioned structure of ``privlint dpia --format json`` (see README)."""
    known = triggers()
    return {
        "format": "privlint-dpia",
        "version": FORMAT_VERSION,
        "triggers_as_of": known.as_of,
        "activities": [
            {
                "id": s.processing.id,
                "kind": s.processing.kind,
                "name": s.processing.label,
                "verdict": s.verdict,
                "reasons": [_reason_json(r) for r in s.reasons],
            }
            for s in screenings
        ],
        "not_screened": [{"trigger": t.id, "source": t.source, "text": t.text["en"]} for t in not_screened()],
    }


def _reason_json(reason: Reason) -> dict[str, Any]:
    trigger = reason.trigger
    return {
        "trigger": trigger.id,
        "kind": trigger.kind,
        "source": trigger.source,
        "source_confirmed": trigger.confirmed,
        "status": reason.status,
        "text": trigger.text["en"],
        "evidence": list(reason.evidence),
        "missing_facts": list(reason.missing),
    }


VERDICT_WORDS = {
    "nl": {"required": "GEB vereist", "likely": "GEB waarschijnlijk nodig", "none": "geen aanwijzing"},
    "en": {"required": "DPIA required", "likely": "DPIA likely", "none": "no indication"},
}


def explain(reason: Reason, lang: str) -> str:
    """One reason in words: the trigger, its source, the policy's words, what is not stated."""
    text = f"{reason.trigger.text[lang]} ({_source(reason.trigger.source, lang)})"
    if reason.evidence:
        text += ": " + ", ".join(f"„{e}”" if lang == "nl" else f'"{e}"' for e in reason.evidence)
    if reason.missing:
        facts = ", ".join(triggers().facts[key][lang] for key in reason.missing)
        text += f" — {'niet vermeld in het beleid' if lang == 'nl' else 'not stated in the policy'}: {facts}"
    return text


def _source(source: str, lang: str) -> str:
    """``GDPR 35(3)(c)`` as Dutch legal usage writes it (``art. 35.3.c AVG``) on a Dutch page."""
    if lang != "nl" or not source.startswith("GDPR "):
        return source
    from privlint.report.texts import article  # noqa: PLC0415

    return article(source)["nl"]


def as_text(screenings: Iterable[Screening], lang: str = "en") -> str:
    lines: list[str] = []
    for s in screenings:
        lines.append(f"{printable(s.processing.id)}: {VERDICT_WORDS[lang][s.verdict]}")
        lines.extend(f"  + {printable(explain(reason, lang))}" for reason in s.met)
        lines.extend(f"  ? {printable(explain(reason, lang))}" for reason in s.open)
    skipped = ", ".join(t.source for t in not_screened())
    label = "Niet gescreend (het model kent de feiten niet)" if lang == "nl" else "Not screened (no facts in the model)"
    lines.append(f"{label}: {skipped}")
    return "\n".join(lines) + "\n"
