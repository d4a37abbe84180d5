"""Findings for the legal team: grouped per processing activity and sharing, one card per root cause.

A root cause is one rule on one entry of the policy: the ten REF001 findings of the payroll
sharing are one card listing the ten data items in the notice's own words, not ten cards.
Groups follow the policy's order (activities, then sharing, then the other sections); inside
a group, cards go by severity, then code. Labels are the policy's names, never its ids, so
the Dutch page shows no snake_case identifiers.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from privlint import pointers
from privlint.findings import Finding
from privlint.model import Policy, Processing
from privlint.report.texts import Both, article, lookup, optional, policy_text, rule_texts, same, sentence
from privlint.rules import Rule

PROCESSINGS = ("processing_activities", "sharing")
SECTION_ORDER = (
    "controller",
    "notice",
    "audience",
    "data_subjects",
    "data_items",
    "recipient_categories",
    "recipients",
    "rights",
    "automated_decision_making",
    "supervisory_authority",
    "website",
    "social_media",
    "security",
    "processor_role",
)


@dataclass(slots=True)
class Item:
    label: Both
    where: str
    message: str


@dataclass(slots=True)
class Card:
    code: str
    severity: str
    severity_label: Both
    title: Both
    summary: Both
    action: Both
    articles: Both
    items: list[Item] = field(default_factory=list)
    explained: bool = True  # False: a compact report explains each rule on its first card only


@dataclass(slots=True)
class Group:
    key: str
    title: Both
    cards: list[Card] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(len(card.items) for card in self.cards)


def groups(
    findings: Sequence[Finding],
    policy: Policy | None,
    rules: Mapping[str, Rule],
    data_of: Callable[[Finding], Any],
    waivers_file: str | None,
) -> list[Group]:
    """``findings`` as groups of cards, in policy order."""
    found: dict[str, Group] = {}
    cards: dict[tuple[str, str], Card] = {}
    labeller = _Labeller(policy)
    for finding in sorted(findings, key=lambda f: (-f.severity, f.code, f.file, f.line, f.column)):
        key, title = labeller.group(finding, waivers_file)
        group = found.get(key)
        if group is None:
            group = found[key] = Group(key, title)
        card = cards.get((key, finding.code))
        if card is None:
            card = cards[key, finding.code] = _card(finding, rules.get(finding.code))
            group.cards.append(card)
        card.items.append(Item(labeller.item(finding, data_of(finding)), _where(finding), finding.message))
    return sorted(found.values(), key=lambda g: labeller.order(g.key))


def explain_once(*lists: Sequence[Group]) -> None:
    """Keep each rule's explanation on its first card only (for large reports)."""
    seen: set[str] = set()
    for group_list in lists:
        for group in group_list:
            for card in group.cards:
                card.explained = card.code not in seen
                seen.add(card.code)


def _where(finding: Finding) -> str:
    return f"{finding.file}:{finding.line}:{finding.column}"


def _card(finding: Finding, rule: Rule | None) -> Card:
    texts = rule_texts(rule) if rule else {"title": same(finding.code), "summary": same(""), "action": same("")}
    hint = sentence(finding.hint) if finding.hint else texts["action"]["en"]
    return Card(
        code=finding.code,
        severity=finding.severity.label,
        severity_label=lookup("severity", finding.severity.label),
        title=texts["title"],
        summary=texts["summary"],
        action={"nl": texts["action"]["nl"], "en": hint if rule is None else texts["action"]["en"]},
        articles=_joined([article(a) for a in finding.articles]),
    )


def _joined(parts: Sequence[Both]) -> Both:
    return {language: "; ".join(part[language] for part in parts) for language in ("nl", "en")}


def readable(ident: str) -> str:
    """An id as words, for the rare entry the policy gives no name (``home_address`` -> ``home address``)."""
    return ident.replace("_", " ")


class _Labeller:
    def __init__(self, policy: Policy | None) -> None:
        self.processings: dict[str, Processing] = {}
        self.position: dict[str, int] = {}
        self.items: dict[str, Both] = {}
        if policy is None:
            return
        for number, processing in enumerate(policy.processings):
            self.processings[processing.pointer] = processing
            self.position[processing.pointer] = number
        for item in policy.data_items:
            self.items[item.id] = policy_text(item.name.by_language if item.name else None, readable(item.id))

    def order(self, key: str) -> tuple[int, int]:
        if key in self.position:
            return (0, self.position[key])
        return (1, SECTION_ORDER.index(key) if key in SECTION_ORDER else len(SECTION_ORDER))

    def group(self, finding: Finding, waivers_file: str | None) -> tuple[str, Both]:
        tokens = pointers.tokens(finding.pointer)
        if waivers_file is not None and finding.file == waivers_file:
            return "waivers", optional("section", "waivers", fallback="waivers")
        if tokens[:1] and tokens[0] in PROCESSINGS and len(tokens) > 1:
            owner = pointers.join(*tokens[:2])
            processing = self.processings.get(owner)
            if processing is not None:
                return owner, self.processing_title(processing)
        if not tokens:
            return "files", lookup("ui", "group_files")
        return tokens[0], optional("section", tokens[0], fallback=readable(tokens[0]))

    def name(self, processing: Processing) -> Both:
        """The processing's name, or "processing no. N (unnamed)": never its id."""
        name = policy_text(processing.name.by_language if processing.name else None, "")
        unnamed = lookup("ui", "unnamed", n=self.position[processing.pointer] + 1)
        return {lang: name[lang] or unnamed[lang] for lang in name}

    def processing_title(self, processing: Processing) -> Both:
        kind, name = lookup("kind", processing.kind), self.name(processing)
        return {lang: f"{kind[lang][:1].upper()}{kind[lang][1:]}: {name[lang]}" for lang in kind}

    def item(self, finding: Finding, data: Any) -> Both:
        """What in the entry the finding is about, in the policy's words."""
        tokens = pointers.tokens(finding.pointer)
        if tokens[:1] and tokens[0] in PROCESSINGS and len(tokens) > 2:
            return self._in_processing(tokens, data)
        processing = self.processings.get(pointers.join(*tokens[:2])) if len(tokens) == 2 else None
        if processing is not None:
            return self.name(processing)
        if len(tokens) > 1:
            return _entry(tokens, _value(data, tokens[:2]))
        if tokens:
            return optional("section", tokens[0], fallback=readable(tokens[0]))
        return same(finding.file)

    def _in_processing(self, tokens: Sequence[str], data: Any) -> Both:
        processing = self.processings.get(pointers.join(*tokens[:2]))
        value = _value(data, tokens)
        if processing is None or tokens[2] != "data_items" or not isinstance(value, str):
            return optional("field", tokens[2], fallback=readable(tokens[2]))
        wording = processing.data_item_names.get(value)
        if wording is not None:
            return policy_text(wording.by_language, value)
        return self.items.get(value, same(readable(value)))


def _entry(tokens: Sequence[str], entry: Any) -> Both:
    """An entry of a section (a recipient, a right) by its name."""
    if isinstance(entry, Mapping):
        name = entry.get("name")
        if isinstance(name, str):
            return same(name)
        if isinstance(name, Mapping):
            return policy_text({k: str(v) for k, v in name.items()}, "")
        if isinstance(entry.get("right"), str):
            return optional("right", entry["right"], fallback=readable(entry["right"]))
    return optional("field", tokens[1], fallback=readable(tokens[1]))


def _value(data: Any, tokens: Sequence[str]) -> Any:
    node = data
    for token in tokens:
        if isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        elif isinstance(node, Mapping):
            node = node.get(token)
        else:
            return None
    return node
