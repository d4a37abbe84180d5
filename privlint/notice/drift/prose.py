"""The notice's prose, title and headings against every text the policy files keep (DRF012)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from privlint import pointers
from privlint.notice import parser
from privlint.notice.drift.comparison import Comparison, Drift, nl, quote, sentences
from privlint.notice.parser import At
from privlint.notice.template import spaces, template


def prose(c: Comparison) -> Iterator[Drift]:
    texts = list(_model_texts(c.data))
    blobs = [spaces(text) for _, text in texts]
    yield from notice_prose(c, blobs)
    notice_text = " " + spaces(" ".join(line.text for line in c.notice.lines)) + " "
    for pointer, text in texts:
        missing = [s for s in parser.sentences(text) if s not in notice_text]
        if missing:
            yield Drift(
                "DRF012",
                c.place_of(pointer),
                pointer,
                f"the model's text {quote(missing[0])} is not in the notice"
                + (f" (and {len(missing) - 1} more {sentences(len(missing) - 1)} of it)" if len(missing) > 1 else ""),
            )
    yield from headings(c)


def notice_prose(c: Comparison, blobs: list[str]) -> Iterator[Drift]:
    lines = [line for section in c.notice.sections for paragraph in section.prose for line in paragraph]
    lines += [line for line in c.notice.unplaced if not c.structured(line)]
    for line in sorted(lines, key=lambda at: at.line):
        missing = [s for s in parser.sentences(line.text) if not any(s in blob for blob in blobs)]
        if missing:
            column = line.column + max(line.text.find(missing[0]), 0)
            yield Drift(
                "DRF012",
                At(line.text, line.line, column),
                "",
                f"the notice says {quote(missing[0])}, which no text of the model says",
            )


def headings(c: Comparison) -> Iterator[Drift]:
    notice = c.policy.notice
    if notice is None:
        return
    title = nl(notice.title)
    said = spaces(c.notice.title.text) if c.notice.title else None
    if title is not None and said != title:
        yield Drift(
            "DRF012",
            c.notice.title or c.start,
            pointers.child(notice.pointer, "title"),
            f"the notice's title is {said!r}, the model's {title!r}",
        )
    model = {nl(section.heading): section for section in notice.sections if section.heading is not None}
    if not model:
        return
    written = {spaces(s.heading.text) for s in c.notice.sections if s.heading is not None}
    listed = {section.id for section in notice.sections}
    for written_section in c.notice.sections:
        if written_section.id is not None and written_section.id not in listed:
            continue  # a template section the model does not list, written for the content it holds
        if written_section.heading is not None and spaces(written_section.heading.text) not in model:
            yield Drift(
                "DRF012",
                written_section.heading,
                "/notice/sections",
                f"the notice has the section {written_section.heading.text!r}; "
                "the model has no section with that heading",
            )
    for heading, section in model.items():
        if heading not in written:
            yield Drift(
                "DRF012",
                c.start,
                section.pointer,
                f"the model has the section {heading!r} ({section.id}); the notice does not",
            )


_STRUCTURED_TEXTS = ("retention", "rights")  # compared by DRF006 and DRF010


def _model_texts(data: Mapping[str, Any], pointer: str = "") -> Iterator[tuple[str, str]]:
    """Every prose text of the policy files in the notice's language: ``text: {nl: ...}`` values."""
    for key, value in data.items():
        here = pointers.child(pointer, key)
        if key in _STRUCTURED_TEXTS:
            continue
        if key == "text" and isinstance(value, Mapping):
            text = value.get(template().language)
            if isinstance(text, str):
                yield pointers.child(here, template().language), text
        elif isinstance(value, Mapping):
            yield from _model_texts(value, here)
        elif isinstance(value, list):
            for index, member in enumerate(value):
                if isinstance(member, Mapping):
                    yield from _model_texts(member, pointers.child(here, index))
