"""The Art. 13/14 checklist: each element GDPR 13/14 requires, with the status the rules give it.

The status comes from the findings and this table of which rules cover which element, never
from a second reading of the model, so the checklist cannot disagree with the rules. An
element is **present** exactly when none of its rules fired; **missing** when a rule that means
"the notice says nothing about it" fired; **partly** when only rules about a defect in it fired;
**not assessed** when no rule covers it or none of its rules ran (schema errors, ``--select``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from privlint.findings import Finding
from privlint.report.texts import Both, lookup


class Element:
    """One element: the rules whose finding means it is absent, and those meaning a defect."""

    __slots__ = ("absent", "defects", "key")

    def __init__(self, key: str, absent: tuple[str, ...] = (), defects: tuple[str, ...] = ()) -> None:
        self.key, self.absent, self.defects = key, absent, defects

    @property
    def rules(self) -> tuple[str, ...]:
        return (*self.absent, *self.defects)


ELEMENTS: tuple[Element, ...] = (
    Element("controller_identity", defects=("TRN001", "BE001")),
    Element("contact", absent=("TRN002",)),
    Element("dpo", absent=("TRN006",)),
    Element(
        "purposes_basis",
        defects=("LB001", "LB005", "LB007", "LB008", "LB009", "LB010", "SPC001", "SPC003", "REF002", "PRO001"),
    ),
    Element("legitimate_interests", defects=("LB002",)),
    Element("recipients", defects=("RCP001", "RCP002", "RCP004", "RCP005", "RCP006", "REF003")),
    Element("transfers", defects=("TRF001", "TRF002", "TRF003", "TRF004", "TRF005")),
    Element("retention", defects=("RET001", "RET002", "RET003", "RET004", "RET005")),
    Element("rights", defects=("TRN003", "LB004", "LB011")),
    Element("withdraw_consent", defects=("LB003", "LB006")),
    Element("complaint", defects=("TRN004", "BE002")),
    Element("requirement", absent=("TRN008",)),
    Element("automated", absent=("TRN005",)),
    Element("categories", defects=("REF001", "REF005", "REF006", "SPC002", "SPC004")),
    Element("source", absent=("TRN009",)),
)


@dataclass(slots=True)
class ChecklistItem:
    key: str
    title: Both
    article: Both
    status: str
    status_label: Both
    note: Both | None
    related: list[str]


def status(element: Element, fired: Counter[str], ran: set[str]) -> str:
    """The status of ``element`` given how often each code ``fired`` and which rules ``ran``."""
    if not any(code in ran for code in element.rules):
        return "not_assessed"
    if any(fired[code] for code in element.absent):
        return "missing"
    return "partly" if any(fired[code] for code in element.defects) else "present"


def checklist(findings: Sequence[Finding], rules_applied: Iterable[str]) -> list[ChecklistItem]:
    """Each element of GDPR 13/14 with its status, the codes behind it and how many findings."""
    fired = Counter(f.code for f in findings)
    ran = set(rules_applied)
    items = []
    for element in ELEMENTS:
        found = status(element, fired, ran)
        related = [code for code in element.rules if fired[code]]
        count = sum(fired[code] for code in related)
        if found == "not_assessed":
            note: Both | None = lookup("checklist_note", "not_in_model" if not element.rules else "not_run")
        else:
            note = lookup("checklist_note", "found", n=count) if count else None
        items.append(
            ChecklistItem(
                key=element.key,
                title=lookup("checklist", element.key, "title"),
                article=lookup("checklist", element.key, "article"),
                status=found,
                status_label=lookup("status", found),
                note=note,
                related=related,
            )
        )
    return items
