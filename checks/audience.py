"""AUD — audience: the notice only covers the people it is addressed to.

A privacy notice informs the people it reaches (GDPR 12(1), 13, 14). A notice written for
customers does not reach employees, suppliers or website visitors who are not customers, so
processing of their data must be explained to them in a notice addressed to them. The
audience is the policy's ``audience`` list; when the policy states none, the ``audience``
setting in ``[tool.privlint]`` is used; when neither names anyone, the rule stays silent.
"""

from __future__ import annotations

from collections.abc import Iterator

from privlint.model import Policy, Processing, Ref
from privlint.rules import WARNING, Hit, rule


def _audience(policy: Policy) -> tuple[str, ...]:
    """The ids of the data subject categories the notice addresses."""
    return tuple(ref.id for ref in policy.audience) or policy.settings.audience


def _subject_refs(processing: Processing, subjects_of: dict[str, tuple[Ref, ...]]) -> Iterator[tuple[str, Ref, str]]:
    """Every (subject id, reference to blame, how the processing concerns the subject)."""
    for ref in processing.data_subjects:
        yield ref.id, ref, "names"
    for item in processing.data_items:
        for subject in subjects_of.get(item.id, ()):
            yield subject.id, item, f"uses data item {item.id!r}, which concerns"


@rule(
    "AUD001",
    "subject-outside-audience",
    severity=WARNING,
    articles=("GDPR 12(1)", "GDPR 13", "GDPR 14"),
    hint="inform these people in a notice addressed to them (and move the processing there), "
    "or add them to audience if this notice is meant for them",
)
def subject_outside_audience(policy: Policy) -> Iterator[Hit]:
    """A processing concerns people the notice is not addressed to.

    The information of GDPR 13 and 14 must reach the people whose data are processed, in
    a form they can easily access (GDPR 12(1)). A notice addresses an audience, for example
    the customers. When a processing activity or a sharing in it concerns other people, for
    instance the payroll of employees in a customer notice, those people will not read this
    notice: they must still be informed (GDPR 13, 14), in a notice addressed to them. The rule looks at the data
    subjects a processing names and at the subjects of the data items it uses, and reports
    each outside subject once per processing.

    Fails::

        audience: [customers]
        sharing:
          - id: payroll
            data_subjects: [employees]

    Passes::

        audience: [customers]
        sharing:
          - id: invoicing
            data_subjects: [customers]
    """
    audience = _audience(policy)
    if not audience:
        return
    inside = frozenset(audience)
    names = {subject.id: subject.name.any for subject in policy.data_subjects if subject.name}
    subjects_of = {item.id: item.subjects for item in policy.data_items if item.subjects}
    addressed = ", ".join(repr(subject) for subject in audience)
    for processing in policy.processings:
        owner = processing.owner
        reported: set[str] = set()
        for subject, ref, how in _subject_refs(processing, subjects_of):
            if subject in inside or subject in reported:
                continue
            reported.add(subject)
            who = f"{subject!r} ({names[subject]})" if subject in names else repr(subject)
            yield Hit(
                ref.pointer,
                f"{owner} {how} {who}, who are outside the notice's audience ({addressed})",
            )
