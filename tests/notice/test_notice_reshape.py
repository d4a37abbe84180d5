"""Property: a notice in another shape imports to the same model.

import(reshape(render(policy))) == import(render(policy)).

The reshapes are the ones real files show (issue 13, Deliver 2): headings without numbers or
in another case, other bullet markers, bold markers added or removed, CRLF line ends, extra
or missing blank lines, other labels and spacing, sections in another order. The policies are
kept small (at most three processings) so the property stays cheap on two cores.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_notice_roundtrip import (
    ITEM_WORDS,
    authorities,
    controllers,
    item_names,
    notices,
    policy_of,
    processing,
    right,
    words,
)

from privlint.notice.importer import import_text, plain
from privlint.notice.render import render_notice
from privlint.notice.template import fold, template

RIGHTS = [r.value for r in template().rights]
_NUMBERED = re.compile(r"^(\d{1,2})\. (.*)$")
_FIELD = re.compile(r"^(Beschrijving|Doel|Rechtsgrond|Bewaringstermijn|Data items): ")
_SENTENCE = re.compile(r"^(Data wordt verwerkt .*|.* ontvangt de data)$")


@st.composite
def small_policies(draw: st.DrawFn) -> dict[str, Any]:
    declared = draw(st.lists(item_names, max_size=3, unique_by=str.casefold))
    items = [{"id": f"item_{i}", "name": {"nl": name}} for i, name in enumerate(declared)]
    references: list[tuple[str, str | None]] = [(f"item_{i}", None) for i in range(len(declared))]
    recipients = [{"id": "recipient_0", "name": draw(words(ITEM_WORDS, 1, 2)) + " NV"}]
    names = draw(st.lists(words([*ITEM_WORDS, "Facturatie"], 1, 2), max_size=3, unique=True))
    processings = [draw(processing(f"p_{i}", name, references, recipients)) for i, name in enumerate(names)]
    split = draw(st.integers(0, len(processings)))
    data: dict[str, Any] = {"notice": draw(notices())}
    if draw(st.booleans()):
        data["controller"] = draw(controllers())
    if items:
        data["data_items"] = items
    if processings[:split]:
        data["processing_activities"] = processings[:split]
    if processings[split:]:
        data["sharing"] = processings[split:]
    if any(p.get("recipients") for p in processings):
        data["recipients"] = recipients
    rights = draw(st.lists(st.sampled_from(RIGHTS), unique=True, max_size=3))
    if rights:
        data["rights"] = [draw(right(value)) for value in rights]
    if draw(st.booleans()):
        data["supervisory_authority"] = draw(authorities())
    return data


# --- the reshapes ---------------------------------------------------------------------------------------


def _is_heading(line: str, titles: set[str]) -> bool:
    match = _NUMBERED.match(line)
    return match is not None and fold(match[2]) in titles


def _headings(change: Callable[[str, str], str]) -> Callable[[list[str], set[str]], list[str]]:
    def reshape(lines: list[str], titles: set[str]) -> list[str]:
        result = []
        for line in lines:
            match = _NUMBERED.match(line)
            result.append(change(match[1], match[2]) if match and fold(match[2]) in titles else line)
        return result

    return reshape


def _entry_heads(lines: list[str]) -> set[int]:
    """Indexes of the bullet lines that start an entry (a field or entry sentence follows)."""
    heads = set()
    for index, line in enumerate(lines):
        if line.startswith("- "):
            following = next((other for other in lines[index + 1 :] if other.strip()), "")
            if _FIELD.match(following) or _SENTENCE.match(following):
                heads.add(index)
    return heads


def bullets(marker: str) -> Callable[[list[str], set[str]], list[str]]:
    def reshape(lines: list[str], _titles: set[str]) -> list[str]:
        return [marker + line[2:] if line.startswith("- ") else line for line in lines]

    return reshape


def numbered_bullets(lines: list[str], _titles: set[str]) -> list[str]:
    """Each run of bullets numbered 1., 2., ... (an entry's name is a run of its own)."""
    result, number = [], 0
    for line in lines:
        if line.startswith("- "):
            number += 1
            result.append(f"{number}. {line[2:]}")
            continue
        if line.strip():
            number = 0
        result.append(line)
    return result


def bold_entry_names(lines: list[str], _titles: set[str]) -> list[str]:
    heads = _entry_heads(lines)
    result = []
    for index, line in enumerate(lines):
        name = line[2:].removeprefix("**").removesuffix("**")
        toggled = f"- **{name}**" if not line.startswith("- **") else f"- {name}"
        result.append(toggled if index in heads else line)
    return result


def bold_labels(lines: list[str], _titles: set[str]) -> list[str]:
    return [_FIELD.sub(lambda m: f"**{m[1]}:** ", line) for line in lines]


def other_labels(lines: list[str], _titles: set[str]) -> list[str]:
    variants = {"Doel": "Doelen", "Rechtsgrond": "Rechtsgronden", "Bewaringstermijn": "Bewaartermijn"}
    variants["Data items"] = "Data-items"
    return [_FIELD.sub(lambda m: f"{variants.get(m[1], m[1])} :  ", line) for line in lines]


def extra_blank_lines(lines: list[str], _titles: set[str]) -> list[str]:
    result: list[str] = []
    for line in lines:
        result.append(line + "  " if line.strip() else line)
        if not line.strip():
            result.append("")
    return result


def tight_entries(lines: list[str], _titles: set[str]) -> list[str]:
    """No blank line between an entry's name and its fields, nor between fields."""
    heads = _entry_heads(lines)
    result: list[str] = []
    in_entry = False
    for index, line in enumerate(lines):
        if index in heads:
            in_entry = True
        elif in_entry and line.strip() and not (_FIELD.match(line) or _SENTENCE.match(line)):
            in_entry = False
        if in_entry and not line.strip():
            following = next((other for other in lines[index + 1 :] if other.strip()), "")
            if _FIELD.match(following) or _SENTENCE.match(following):
                continue
        result.append(line)
    return result


def swap_sections(lines: list[str], titles: set[str]) -> list[str]:
    """The last two sections change places (numbers follow the new order, in the contents too)."""
    starts = [i for i, line in enumerate(lines) if _is_heading(line, titles) and i > _contents_end(lines, titles)]
    if len(starts) < 3:
        return lines
    a, b = starts[-2], starts[-1]
    body = lines[:a] + lines[b:] + [""] + lines[a:b]
    return _renumber(body, titles)


def _contents_end(lines: list[str], titles: set[str]) -> int:
    index = next((i for i, line in enumerate(lines) if line == "INHOUDSOPGAVE"), -1)
    while index + 1 < len(lines) and (not lines[index + 1].strip() or _is_heading(lines[index + 1], titles)):
        index += 1
        if not lines[index].strip() and index + 1 < len(lines) and not _is_heading(lines[index + 1], titles):
            break
    return index


def _renumber(lines: list[str], titles: set[str]) -> list[str]:
    end = _contents_end(lines, titles)
    order = [_NUMBERED.match(line)[2] for i, line in enumerate(lines) if i > end and _is_heading(line, titles)]  # type: ignore[index]
    result, seen = [], 0
    for index, line in enumerate(lines):
        if not _is_heading(line, titles):
            result.append(line)
            continue
        title = _NUMBERED.match(line)[2]  # type: ignore[index]
        number = order.index(title) + 1 if index <= end else (seen := seen + 1)
        result.append(f"{number}. {title}")
    if end >= 0:  # the contents list the sections in their new order
        toc = [i for i in range(end + 1) if _is_heading(result[i], titles)]
        for i, title in zip(toc, order, strict=False):
            result[i] = f"{order.index(title) + 1}. {title}"
    return result


RESHAPES: dict[str, Callable[[list[str], set[str]], list[str]]] = {
    "headings without numbers": _headings(lambda _number, title: title),
    "headings in lower case": _headings(lambda number, title: f"{number}. {title.lower()}"),
    "headings in title case": _headings(lambda number, title: f"{number}) {title.title()}"),
    "headings in Markdown": _headings(lambda number, title: f"## {number}. {title}"),
    "bullets *": bullets("* "),
    "bullets •": bullets("\u2022 "),
    "numbered bullets": numbered_bullets,
    "bold entry names toggled": bold_entry_names,
    "bold labels": bold_labels,
    "other labels and spacing": other_labels,
    "extra blank lines": extra_blank_lines,
    "no blank lines inside entries": tight_entries,
    "sections in another order": swap_sections,
}


def comparable(data: dict[str, Any]) -> dict[str, Any]:
    """The imported model, with what a reshape may change as written: heading case, section order, contents."""
    data = plain(data)
    notice = data.get("notice", {})
    notice.pop("table_of_contents", None)
    sections = notice.get("sections", [])
    for section in sections:
        if "heading" in section:
            section["heading"] = {lang: fold(text) for lang, text in section["heading"].items()}
    notice["sections"] = sorted(sections, key=lambda s: str(s["id"]))
    return data


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(small_policies(), st.sampled_from(sorted(RESHAPES)), st.booleans())
def test_a_reshaped_notice_imports_to_the_same_model(data: dict[str, Any], reshape: str, crlf: bool):
    policy, _, keep = policy_of(data)
    with keep:
        text = render_notice(policy, lang="nl", output_format="txt")
    titles = {fold(h) for s in template().sections for h in s.heading.by_language.values()}
    titles |= {fold(s["heading"]["nl"]) for s in data["notice"].get("sections", [])}
    lines = RESHAPES[reshape](text.split("\n"), titles)
    reshaped = ("\r\n" if crlf else "\n").join(lines)
    expected, found = import_text(text), import_text(reshaped)
    assert [(at.line, at.text) for at in found.unplaced] == [], reshaped
    assert comparable(found.data()) == comparable(expected.data()), reshaped
