"""What the legal report shows, computed from a lint ``Result``: plain data for the template.

Nothing here writes HTML; the template escapes every value. Texts are ``Both`` (every
language) so the page can switch language without a reload.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from privlint import __version__, dpia, pointers
from privlint.findings import Finding, Severity
from privlint.model import Policy, Processing, Recipient, Text
from privlint.report import cards, sections
from privlint.report.checklist import ChecklistItem, checklist
from privlint.report.texts import (
    LANGUAGES,
    Both,
    article,
    catalogue,
    duration,
    fill,
    lookup,
    optional,
    plural,
    policy_text,
    rule_texts,
    same,
    sentence,
)
from privlint.result import Result
from privlint.rules import Rule

if TYPE_CHECKING:
    from privlint.changes import Change


@dataclass(slots=True)
class FindingView:
    code: str
    severity: str
    severity_label: Both
    title: Both
    summary: Both
    action: Both
    message: str
    hint: str
    articles: Both
    concerns: list[Both]
    where: str
    pointer: str
    reason: str | None = None
    owner: str | None = None
    expires: str | None = None


@dataclass(slots=True)
class Use:
    name: Both
    kind: Both
    basis: Both
    retention: Both
    recipients: Both
    locations: str


@dataclass(slots=True)
class DataRow:
    id: str
    name: Both
    notes: list[Both]
    uses: list[Use]
    declared: bool = True


@dataclass(slots=True)
class Report:
    lang: str
    title: Both
    subtitle: Both | None
    generated: Both
    fails: bool
    verdict: Both
    threshold: Both
    skipped: Both | None
    counts: list[tuple[Both, list[int]]]
    severities: list[Both]
    waived: list[FindingView]
    known_intro: Both
    known_stale: Both | None
    checklist: list[ChecklistItem]
    data_map: list[DataRow]
    state: str = "new"  # clean | known | new
    state_explained: Both | None = None
    groups: list[cards.Group] = field(default_factory=list)
    known_groups: list[cards.Group] = field(default_factory=list)
    overview: list[sections.OverviewRow] = field(default_factory=list)
    dpia: sections.DpiaView | None = None
    register: sections.RegisterView | None = None
    changes: sections.ChangesView | None = None
    compact: bool = False
    ui: dict[str, Both] = field(default_factory=dict)


def build(
    result: Result,
    *,
    lang: str = "nl",
    today: dt.date | None = None,
    changes: tuple[Sequence[Change], str] | None = None,
) -> Report:
    """The report of ``result``; ``changes`` (the changes and what they are compared with) adds that section."""
    rules = result.rules
    today = today or dt.datetime.now().astimezone().date()
    views = {id(f): _finding(f, rules.get(f.code), result) for f in result.waived}
    levels = sorted(Severity, reverse=True)
    controller = result.policy.controller.name if result.policy and result.policy.controller else None
    state, verdict = _state(result)
    policy = result.policy
    screenings = dpia.screen(policy) if policy is not None else []
    overview = sections.overview(policy, screenings) if policy is not None else []
    group = functools.partial(cards.groups, policy=policy, rules=rules, data_of=result.data_of)
    new, known = (
        group(result.blocking, waivers_file=result.waivers_file),
        group(result.known, waivers_file=result.waivers_file),
    )
    compact = len(overview) > sections.COMPACT_FROM
    if compact:
        cards.explain_once(new, known)
    return Report(
        lang=lang,
        title=lookup("ui", "title"),
        subtitle=lookup("ui", "subtitle", controller=controller) if controller else None,
        generated=fill(
            lookup("ui", "generated", date="{date}", version=__version__, files=", ".join(result.files) or "—"),
            date=long_date(today),
        ),
        fails=result.fails(result.fail_on),
        verdict=verdict,
        state=state,
        state_explained=lookup("ui", f"state_explained_{state}"),
        threshold=fill(lookup("ui", "verdict_threshold"), level=lookup("severity", result.fail_on.label)),
        skipped=_skipped(result.checks_skipped),
        counts=[
            (lookup("ui", key), [sum(1 for f in group if f.severity == s) for s in levels])
            for key, group in (
                ("count_new", result.blocking),
                ("count_waived", result.waived),
                ("count_known", result.known),
            )
        ],
        severities=[lookup("severity", s.label) for s in levels],
        groups=new,
        known_groups=known,
        waived=[views[id(f)] for f in result.waived],
        known_intro=lookup("ui", "known_intro", file=result.baseline_file or "—"),
        known_stale=lookup("ui", "known_stale", n=result.baseline_stale) if result.baseline_stale else None,
        checklist=checklist(result.findings, result.rules_applied),
        data_map=data_map(result.policy),
        overview=overview,
        dpia=sections.dpia_view(policy, screenings, long_date(_as_of())) if policy is not None else None,
        register=sections.register_view(result, policy) if policy is not None else None,
        changes=sections.changes_view(*changes) if changes is not None else None,
        compact=compact,
        ui={key: lookup("ui", key) for key in catalogue("en")["ui"] if "{" not in catalogue("en")["ui"][key]},
    )


def _state(result: Result) -> tuple[str, Both]:
    """The verdict in three states: new findings fail the check; open ones remain; nothing open."""
    failing = [f for f in result.blocking if f.severity >= result.fail_on]
    if failing:
        return "new", plural("state_new", len(failing))
    still_open = len(result.known) + len(result.blocking)
    if still_open:
        return "known", plural("state_known", still_open)
    return "clean", lookup("ui", "state_clean")


def _as_of() -> dt.date:
    return dt.date.fromisoformat(dpia.triggers().as_of)


def long_date(day: dt.date) -> Both:
    """``3 december 2026`` and ``3 December 2026`` (CLDR's long date format, through babel)."""
    from babel.dates import format_date  # noqa: PLC0415 - only the report needs it

    return {
        "nl": format_date(day, format="long", locale="nl_BE"),
        "en": format_date(day, format="long", locale="en_GB"),
    }


def _skipped(reason: str | None) -> Both | None:
    if reason is None:
        return None
    return fill(lookup("ui", "checks_skipped"), reason=optional("skipped", reason, fallback=reason))


def _finding(finding: Finding, rule: Rule | None, result: Result) -> FindingView:
    texts = (
        rule_texts(rule) if rule is not None else {"title": same(finding.code), "summary": same(""), "action": same("")}
    )
    view = FindingView(
        code=finding.code,
        severity=finding.severity.label,
        severity_label=lookup("severity", finding.severity.label),
        title=texts["title"],
        summary=texts["summary"],
        action={"nl": texts["action"]["nl"], "en": sentence(finding.hint) if finding.hint else texts["action"]["en"]},
        message=finding.message,
        hint=finding.hint,
        articles=joined([article(a) for a in finding.articles], "; "),
        concerns=concerns(finding.pointer, result.data_of(finding), waivers=finding.file == result.waivers_file),
        where=f"{finding.file}:{finding.line}:{finding.column}",
        pointer=finding.pointer,
    )
    waiver = result.waived_by.get(finding)
    if waiver is not None:
        view.reason, view.owner = waiver.reason, waiver.owner
        view.expires = waiver.expires.isoformat() if waiver.expires else None
    return view


def concerns(pointer: str, data: Any, *, waivers: bool = False) -> list[Both]:
    """The way from the top of the policy to ``pointer``, in words: section, entry name, field."""
    crumbs: list[Both] = []
    node = data
    for depth, token in enumerate(pointers.tokens(pointer)):
        if isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
            crumbs.append(_entry_label(node, int(token)))
            continue
        node = node.get(token) if isinstance(node, Mapping) else None
        if depth == 0:
            section = "waivers" if waivers else token
            crumbs.append(optional("section", section, fallback=token))
        else:
            crumbs.append(optional("field", token, fallback=token))
    return crumbs


def _entry_label(entry: Any, index: int) -> Both:
    """An entry by its name (never its id, unless it has nothing else)."""
    if isinstance(entry, Mapping):
        ident = entry.get("id")
        name = entry.get("name")
        if isinstance(name, Mapping):
            return policy_text({k: str(v) for k, v in name.items()}, str(ident or ""))
        if isinstance(name, str):
            return same(name)
        if isinstance(ident, str):
            return same(cards.readable(ident))
        return same(f"#{index + 1}")
    return same(cards.readable(str(entry)))


# --- the data map --------------------------------------------------------------------------


def data_map(policy: Policy | None) -> list[DataRow]:
    """Every data item (declared or only referenced) with the processings that use it."""
    if policy is None:
        return []
    recipients = {r.id: r for r in policy.recipients}
    rows: dict[str, DataRow] = {}
    for item in policy.data_items:
        notes = []
        if item.special_category:
            category = optional("special", item.special_category, fallback=item.special_category)
            notes.append(fill(lookup("ui", "special_category"), category=category))
        if item.criminal_offence_data:
            notes.append(lookup("ui", "criminal_data"))
        rows.setdefault(item.id, DataRow(item.id, _name(item.name, item.id), notes, []))
    for number, processing in enumerate(policy.processings, start=1):
        use = _use(processing, recipients, number)
        for ref in processing.data_items:
            row = rows.get(ref.id)
            if row is None:
                name = _name(processing.data_item_names.get(ref.id), ref.id)
                row = rows[ref.id] = DataRow(ref.id, name, [lookup("ui", "not_declared")], [], declared=False)
            row.uses.append(use)
    _website_uses(policy, rows)
    return list(rows.values())


def _website_uses(policy: Policy, rows: dict[str, DataRow]) -> None:
    website = policy.website
    if website is None:
        return
    for key, use in (("cookies", website.cookies), ("server_logs", website.server_logs)):
        if use is None:
            continue
        label = fill(same("{site}: {part}"), site=lookup("kind", "website"), part=lookup("field", key))
        for ref in use.data_items:
            row = rows.get(ref.id)
            if row is None:
                row = rows[ref.id] = DataRow(
                    ref.id,
                    _name(use.data_item_names.get(ref.id), ref.id),
                    [lookup("ui", "not_declared")],
                    [],
                    declared=False,
                )
            none = lookup("ui", "not_stated")
            row.uses.append(Use(label, lookup("kind", "website"), none, none, none, ""))


def _name(text: Text | None, ident: str) -> Both:
    return policy_text(text.by_language if text else None, ident)


def _use(processing: Processing, recipients: Mapping[str, Recipient], number: int) -> Use:
    basis = processing.legal_basis
    return Use(
        name=sections.title(processing, number),
        kind=lookup("kind", processing.kind),
        basis=optional("basis", basis, fallback=basis) if basis else lookup("ui", "not_stated"),
        retention=_retention_text(processing),
        recipients=_recipient_text(processing, recipients),
        locations=", ".join(ref.id for ref in processing.locations),
    )


def _retention_text(processing: Processing) -> Both:
    retention = processing.retention
    if retention is None:
        return lookup("ui", "not_stated")
    if retention.duration:
        period = duration(retention.duration)
        if retention.trigger:
            trigger = optional("trigger", retention.trigger, fallback=retention.trigger)
            return fill(lookup("ui", "from_trigger"), duration=period, trigger=trigger)
        return period
    if retention.text is not None:
        return policy_text(retention.text.by_language, "")
    return lookup("ui", "not_stated")


def _recipient_text(processing: Processing, recipients: Mapping[str, Recipient]) -> Both:
    if not processing.recipients:
        return lookup("ui", "none")
    parts: list[Both] = []
    for ref in processing.recipients:
        recipient = recipients.get(ref.id)
        name = (recipient.name if recipient else None) or ref.id
        country = recipient.country if recipient and recipient.country else None
        parts.append(same(f"{name} ({country})" if country else name))
    return joined(parts, "; ")


def joined(parts: Sequence[Both], separator: str) -> Both:
    return {language: separator.join(part[language] for part in parts) for language in LANGUAGES}
