"""The rights the notice lists against the model's (DRF010)."""

from __future__ import annotations

from collections.abc import Iterator

from privlint.notice.drift.comparison import Comparison, Drift, contrast, nl, quote
from privlint.notice.template import spaces


def rights(c: Comparison) -> Iterator[Drift]:
    model = {right.right: right for right in c.policy.rights}
    mentions = [(m.right, m.text) for m in c.notice.rights]
    if c.notice.complaint is not None:
        mentions.append(("lodge_complaint", c.notice.complaint))
    said: set[str] = set()
    for right, at in mentions:
        if right is None:
            yield Drift(
                "DRF010", at, "/rights", f"the notice states a right privlint does not recognise: {quote(at.text)}"
            )
            continue
        said.add(right)
        declared = model.get(right)
        if declared is None:
            yield Drift("DRF010", at, "/rights", f"the notice states the right {right!r}; the model does not")
            continue
        text = nl(declared.text)
        if text is not None and text != spaces(at.text):
            yield Drift(
                "DRF010",
                at,
                declared.pointer,
                f"the wording of the right {right!r} differs: {contrast(at.text, text)}",
            )
    for right, declared in model.items():
        if right not in said:
            where = c.notice.rights_intro or c.heading_of("rights")
            if right == "lodge_complaint":
                where = c.heading_of("supervisory_authority")
            yield Drift(
                "DRF010",
                where,
                declared.pointer,
                f"the model declares the right {right!r}; the notice does not state it",
            )
