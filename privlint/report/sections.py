"""The report's tables beyond the findings: overview per activity, DPIA, register view, what changed.

Each function returns plain data for the template. Texts are ``Both`` (nl and en) except in
a ``compact`` report (a large policy), where the bulky per-row labels are given only in the
report's language so that ten thousand rows stay a few megabytes, not ten.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from privlint import dpia
from privlint.model import Policy, Processing, Recipient
from privlint.report.texts import LANGUAGES, Both, article, duration, fill, lookup, optional, plural, policy_text, same

if TYPE_CHECKING:
    from privlint.changes import Change
    from privlint.register import Register
    from privlint.result import Result

COMPACT_FROM = 500  # rows: above this, per-row labels in one language only
LISTED = 20  # names listed before "and N more"


@dataclass(slots=True)
class OverviewRow:
    name: Both
    kind: Both
    purposes: Both
    basis: Both
    data: Both
    recipients: Both
    locations: str
    retention: Both
    verdict: str
    verdict_label: Both


@dataclass(slots=True)
class DpiaEntry:
    name: Both
    verdict: str
    verdict_label: Both
    reasons: list[tuple[str, Both]]  # (met | open, text)


@dataclass(slots=True)
class DpiaView:
    intro: Both
    flagged: list[DpiaEntry]
    none_note: Both | None
    not_screened: Both


@dataclass(slots=True)
class RegisterLine:
    heading: Both
    article: Both
    filled: int
    total: int
    missing: Both


@dataclass(slots=True)
class RegisterView:
    controller: list[tuple[Both, Both]]
    columns: list[RegisterLine]


@dataclass(slots=True)
class ChangesView:
    intro: Both
    material: list[Both] = field(default_factory=list)
    editorial: list[Both] = field(default_factory=list)


def title(processing: Processing, number: int) -> Both:
    name = policy_text(processing.name.by_language if processing.name else None, "")
    unnamed = lookup("ui", "unnamed", n=number)
    return {lang: name[lang] or unnamed[lang] for lang in LANGUAGES}


def overview(policy: Policy, screenings: Sequence[dpia.Screening]) -> list[OverviewRow]:
    recipients = {r.id: r for r in policy.recipients}
    verdicts = {id(s.processing): s.verdict for s in screenings}
    rows = []
    for number, processing in enumerate(policy.processings, start=1):
        verdict = verdicts.get(id(processing), "none")
        rows.append(
            OverviewRow(
                name=title(processing, number),
                kind=lookup("kind", processing.kind),
                purposes=_purposes(processing),
                basis=_basis(processing),
                data=plural("items_count", len(processing.data_items)),
                recipients=_recipients(processing, recipients),
                locations=", ".join(ref.id for ref in processing.locations),
                retention=_retention(processing),
                verdict=verdict,
                verdict_label=lookup("verdict", verdict),
            )
        )
    return rows


def _purposes(processing: Processing) -> Both:
    if not processing.purposes:
        return lookup("ui", "not_stated")
    texts = [policy_text(p.by_language, "") for p in processing.purposes]
    return {lang: "; ".join(t[lang] for t in texts) for lang in LANGUAGES}


def _basis(processing: Processing) -> Both:
    basis = processing.legal_basis
    return optional("basis", basis, fallback=basis) if basis else lookup("ui", "not_stated")


def _recipients(processing: Processing, recipients: dict[str, Recipient]) -> Both:
    if not processing.recipients:
        return lookup("ui", "none")
    names = []
    for ref in processing.recipients:
        recipient = recipients.get(ref.id)
        name = (recipient.name if recipient else None) or ref.id
        names.append(f"{name} ({recipient.country})" if recipient and recipient.country else name)
    return same("; ".join(names))


def _retention(processing: Processing) -> Both:
    retention = processing.retention
    if retention is None:
        return lookup("ui", "not_stated")
    if retention.duration:
        period = duration(retention.duration)
        if retention.trigger:
            trigger = optional("trigger", retention.trigger, fallback=retention.trigger.replace("_", " "))
            return fill(lookup("ui", "from_trigger"), duration=period, trigger=trigger)
        return period
    if retention.text is not None:
        return policy_text(retention.text.by_language, "")
    return lookup("ui", "not_stated")


def dpia_view(policy: Policy, screenings: Sequence[dpia.Screening], date: Both) -> DpiaView:
    flagged = []
    number = {id(p): n for n, p in enumerate(policy.processings, start=1)}
    for screening in screenings:
        if screening.verdict == "none":
            continue
        kind = lookup("kind", screening.processing.kind)
        name = title(screening.processing, number[id(screening.processing)])
        reasons: list[tuple[str, Both]] = [
            (reason.status, {lang: dpia.explain(reason, lang) for lang in LANGUAGES})
            for reason in (*screening.met, *screening.open)
        ]
        flagged.append(
            DpiaEntry(
                name={lang: f"{name[lang]} ({kind[lang]})" for lang in LANGUAGES},
                verdict=screening.verdict,
                verdict_label=lookup("verdict", screening.verdict),
                reasons=reasons,
            )
        )
    rest = len(screenings) - len(flagged)
    skipped = "; ".join(f"{t.source}" for t in dpia.not_screened())
    return DpiaView(
        intro=fill(lookup("ui", "dpia_intro"), date=date),
        flagged=flagged,
        none_note=plural("dpia_none", rest) if rest else None,
        not_screened=lookup("ui", "dpia_not_screened", list=skipped),
    )


def register_view(result: Result, policy: Policy) -> RegisterView:
    from privlint import register  # noqa: PLC0415

    nl, en = register.build(result, "nl"), register.build(result, "en")
    controller = [
        ({"nl": column.heading, "en": en.controller_columns[i].heading}, _cell(nl, en, column.key))
        for i, column in enumerate(nl.controller_columns)
    ]
    names = [title(p, n) for n, p in enumerate(policy.processing_activities, start=1)]
    lines = []
    for i, column in enumerate(nl.columns):
        if column.article is None:
            continue
        missing = [names[n] for n, row in enumerate(nl.activities) if not row.cells[column.key].stated]
        lines.append(
            RegisterLine(
                heading={"nl": column.heading, "en": en.columns[i].heading},
                article=article(column.article),
                filled=len(nl.activities) - len(missing),
                total=len(nl.activities),
                missing=_listed(missing),
            )
        )
    return RegisterView(controller, lines)


def _listed(names: Sequence[Both]) -> Both:
    if not names:
        return same("—")
    shown = {lang: ", ".join(name[lang] for name in names[:LISTED]) for lang in LANGUAGES}
    if len(names) <= LISTED:
        return shown
    more = lookup("ui", "register_and_more", n=len(names) - LISTED)
    return {lang: f"{shown[lang]} {more[lang]}" for lang in LANGUAGES}


def _cell(nl: Register, en: Register, key: str) -> Both:
    return {"nl": nl.controller[key].text, "en": en.controller[key].text}


def changes_view(found: Sequence[Change], old: str) -> ChangesView:
    view = ChangesView(intro=lookup("ui", "changes_intro", old=old))
    for change in found:
        text = {lang: change.words(lang) for lang in LANGUAGES}
        (view.material if change.material else view.editorial).append(text)
    return view
