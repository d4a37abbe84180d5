"""``privlint import``: turn a notice written in the template into a policy directory.

The notice is read by ``privlint.notice.parser``; this module turns what it found into
policy data and writes it as readable YAML (ruamel.yaml round-trip objects, so that every
value carries a comment naming the notice section and line it came from).

Nothing is invented. Data-item lists are matched against the declared items, longest name
first, so an item whose name contains a comma stays one item; names that match no declared
item become references to undeclared items (ids derived from the Dutch wording, which is kept
in ``data_item_names``), so ``privlint check`` reports them (REF001) with the closest declared
name. Legal-basis labels, rights, retention periods and locations are structured only where
the template's vocabulary (``templates/notice_template.toml``) says what they mean; anything
else is kept as text and reported with its line number in ``ImportReport.unplaced``.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

from privlint import files, printable
from privlint.loading import display_name, load
from privlint.notice import statements
from privlint.notice.parser import (
    Address,
    At,
    BasisFacts,
    ContactMention,
    Entry,
    ParsedNotice,
    Section,
    bases_named_in,
    country_in_name,
    legal_basis_parts,
    legal_reference_of,
    locations_of,
    parse,
    parse_address,
    retention_of,
    special_category_conditions_in,
    split_items,
    version_in,
)
from privlint.notice.template import LazyPattern, fold, fold_words, has_word_prefix, spaces, template

# Which top-level sections of the policy go to which file, in writing order.
FILES: Mapping[str, tuple[str, ...]] = {
    "notice.yaml": ("notice", "controller", "audience", "data_subjects"),
    "data_items.yaml": ("data_items",),
    "processing.yaml": ("processing_activities",),
    "sharing.yaml": ("recipients", "sharing", "default_recipient_role", "named_recipient_categories"),
    "website.yaml": ("processor_role", "website", "social_media"),
    "rights.yaml": ("rights", "automated_decision_making", "supervisory_authority"),
}
_YAML11_SPECIAL = LazyPattern(r"y|n|yes|no|on|off|true|false|null|~", re.IGNORECASE)
_YAML11_BREAKS = frozenset("\x85\u2028\u2029")  # line breaks in YAML 1.1, text in YAML 1.2
_MAX_ID = 60
_REF_COLUMN = 8  # where the ids of a processing's data_items list start ("      - ")


class ImportRefusedError(click.ClickException):
    """The output directory already holds policy files that the import would overwrite or clash with."""


@dataclass(slots=True)
class ImportReport:
    files: list[Path] = field(default_factory=list)  # written, in order
    unplaced: list[tuple[int, str]] = field(default_factory=list)  # (1-based notice line, its text)
    reasons: dict[int, str] = field(default_factory=dict)  # unplaced line -> why
    placed: dict[int, str] = field(default_factory=dict)  # line -> where it went in the model
    notes: list[str] = field(default_factory=list)  # facts left as text because the wording is ambiguous
    language: str = "nl"


@dataclass(slots=True)
class Imported:
    """A notice turned into policy documents, before anything is written."""

    documents: dict[str, CommentedMap]
    unplaced: list[At]  # whole lines of the notice, in order
    reasons: dict[int, str] = field(default_factory=dict)
    placed: dict[int, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    language: str = "nl"

    def data(self) -> dict[str, Any]:
        """The merged policy data as plain Python values (what ``privlint check`` reads)."""
        merged: dict[str, Any] = {}
        for document in self.documents.values():
            merged.update(plain(document))
        return merged


def import_notice(notice: Path, out_dir: Path, *, overwrite: bool, language: str | None = None) -> ImportReport:
    """Write the policy files for ``notice`` into ``out_dir``.

    Refuses (``ImportRefusedError``, shown by the command line as an error with exit code 2)
    when ``out_dir`` already holds policy files, unless ``overwrite``; even then it refuses when
    another file in ``out_dir`` defines a section the import writes, which would be defined twice.
    It also refuses, writing nothing, a notice in which nothing of the template is found: no
    section heading of the template and nothing placed in the model (an empty file, or prose).
    """
    try:
        text = files.read_regular(notice).decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ImportRefusedError(f"cannot read {display_name(notice)}: {error}") from error
    parsed = parse(text)
    imported = _Builder(parsed, notice.name, language or detect_language(text)).build()
    if not any(section.id for section in parsed.sections) and set(imported.data()) <= {"notice"}:
        raise ImportRefusedError(f"no section of the template was found in {display_name(notice)}; nothing was written")
    targets = [out_dir / name for name in imported.documents]
    _refuse_clashes(out_dir, targets, imported, overwrite=overwrite)
    _write(out_dir, dict(zip(targets, imported.documents.values(), strict=True)))
    return ImportReport(
        targets,
        [(at.line, at.text) for at in imported.unplaced],
        imported.reasons,
        imported.placed,
        imported.notes,
        imported.language,
    )


def summary_lines(report: ImportReport, notice: str, *, explain: bool) -> list[tuple[bool, str]]:
    """The import summary: (to standard output?, text). Text from the notice is shown escaped."""
    out: list[tuple[bool, str]] = []
    if explain:
        out.extend((True, f"{notice}:{n}: -> {printable.line(report.placed[n])}") for n in sorted(report.placed))
    for number, text in report.unplaced:
        reason = printable.line(report.reasons.get(number, "not understood"))
        out.append((False, f"{notice}:{number}: not placed in the model ({reason}): {printable.line(text)}"))
    out.extend((False, f"{notice}: kept as text: {printable.line(note)}") for note in report.notes)
    folder = report.files[0].parent if report.files else "-"
    lines = f"language {report.language}; {len(report.unplaced)} lines not placed"
    out.append((True, f"Wrote {len(report.files)} policy files to {folder} ({lines})."))
    return out


def _write(out_dir: Path, documents: dict[Path, CommentedMap]) -> None:
    """Write every policy file or none (``privlint.files``); never through a symbolic link."""

    from privlint import files  # noqa: PLC0415

    linked = [target.as_posix() for target in documents if target.is_symlink()]
    if linked:
        raise ImportRefusedError(f"{linked[0]} is a symbolic link; privlint does not write through links")
    writer = _writer()
    texts: dict[Path, str] = {}
    for target, document in documents.items():
        stream = io.StringIO()
        writer.dump(document, stream)
        texts[target] = stream.getvalue()
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ImportRefusedError(f"cannot create {display_name(out_dir)}: {error.strerror or error}") from None
    files.write_texts(texts)


def _refuse_clashes(out_dir: Path, targets: list[Path], imported: Imported, *, overwrite: bool) -> None:
    if not out_dir.is_dir():
        return
    present = sorted(p for p in out_dir.iterdir() if p.suffix in {".yaml", ".yml"} and p.is_file())
    if present and not overwrite:
        names = ", ".join(p.name for p in present)
        raise ImportRefusedError(
            f"{display_name(out_dir)} already holds policy files ({names}); use --force to overwrite"
        )
    others = [p for p in present if p not in targets]
    if not others:
        return
    written = {section for document in imported.documents.values() for section in document}
    defined = load(others).section_files
    clashes = sorted(f"{section!r} ({defined[section]})" for section in written & set(defined))
    if clashes:
        raise ImportRefusedError(
            f"other files in {display_name(out_dir)} define {', '.join(clashes)}; remove them first"
        )


def _writer() -> YAML:
    writer = YAML()  # round-trip: comments and key order are written as built
    writer.indent(mapping=2, sequence=4, offset=2)
    writer.width = 4096  # one value, one line: the notice's own lines stay recognisable
    return writer


def import_text(text: str, *, source: str = "the notice", language: str | None = None) -> Imported:
    """The policy documents for a notice ``text`` (``source`` names it in the comments).

    ``language`` is the language the notice is written in (``nl``, ``fr``, ``en``); by default
    it is told from the text (:func:`detect_language`).
    """
    parsed = parse(text)
    return _Builder(parsed, source, language or detect_language(text)).build()


def detect_language(text: str) -> str:
    """The template language whose commonest words occur most often in ``text`` (the template's on a tie)."""
    words = fold_words(text).split()
    counts = {lang: sum(word in vocabulary for word in words) for lang, vocabulary in template().language_words.items()}
    best = max(counts.values(), default=0)
    if best == 0 or counts.get(template().language) == best:
        return template().language
    return next(lang for lang, count in counts.items() if count == best)


def plain(value: Any) -> Any:
    """``value`` with ruamel's round-trip containers and strings turned into plain ones."""
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value


# --- ids ---------------------------------------------------------------------------------------


def slug(name: str, fallback: str) -> str:
    """A snake_case id derived from a (Dutch) name: no accents, no punctuation."""
    words = fold(name).split()
    text = ""
    for word in words:
        if text and len(text) + 1 + len(word) > _MAX_ID:
            break
        text = f"{text}_{word}" if text else word[:_MAX_ID]
    if not text or not text[0].isalpha() or _YAML11_SPECIAL.fullmatch(text):
        text = f"{fallback}_{text}" if text else fallback
    return text


class _Ids:
    """Ids of one kind: derived from names, made unique in document order (``name_2``, ...)."""

    def __init__(self, fallback: str) -> None:
        self.fallback = fallback
        self.used: set[str] = set()

    def new(self, name: str) -> str:
        base = slug(name, self.fallback)
        candidate, number = base, 2
        while candidate in self.used:
            candidate, number = f"{base}_{number}", number + 1
        self.used.add(candidate)
        return candidate


# --- building the documents ----------------------------------------------------------------------


def _scalar(text: str) -> str:
    """Quote what a YAML 1.1 reader would take for a boolean or null (privlint warns, YML004),
    and text holding NEL, LS or PS: ruamel.yaml writes those raw as YAML 1.1 line breaks
    elsewhere (with indentation after them, which YAML 1.2 reads as text), but escapes them
    (``\\N``, ``\\L``, ``\\P``) in double quotes."""
    quote = _YAML11_SPECIAL.fullmatch(text) is not None or not _YAML11_BREAKS.isdisjoint(text)
    return DoubleQuotedScalarString(text) if quote else text


def _nl(text: str, language: str | None = None) -> CommentedMap:
    """A text of the notice, under the notice's language (the template's by default)."""
    value = LiteralScalarString(text) if "\n" in text and _YAML11_BREAKS.isdisjoint(text) else _scalar(text)
    return CommentedMap([(language or template().language, value)])


class _Builder:
    def __init__(self, parsed: ParsedNotice, source: str, language: str) -> None:
        self.parsed = parsed
        self.source = source
        self.language = language
        self.unplaced: list[At] = list(parsed.unplaced)
        self.reasons: dict[int, str] = dict(parsed.reasons)
        self.placed: dict[int, str] = dict(parsed.placed)
        self.notes: list[str] = []
        self.statements: dict[str, Any] = {}  # top-level facts read from prose
        self.item_ids = _Ids("item")
        self.declared: dict[str, str] = {}  # name as listed -> id
        self.undeclared: dict[str, str] = {}  # name as written -> id
        self.recipients: dict[str, str] = {}  # name as written -> id
        self.recipient_ids = _Ids("recipient")
        self.recipient_list = CommentedSeq()
        self.comments: dict[str, str] = {}  # top-level key -> comment above it

    def build(self) -> Imported:
        sections: dict[str, Any] = {}
        sections["notice"] = self._notice()
        sections["controller"] = self._controller()
        sections["audience"], sections["data_subjects"] = self._audience()
        sections["data_items"] = self._data_items()
        processing_ids = _Ids("processing")
        sections["processing_activities"] = self._entries("processing_activity", processing_ids)
        sections["sharing"] = self._entries("sharing", processing_ids)
        sections["recipients"] = self.recipient_list
        sections["website"] = self._website()
        self._prose_statements(sections)
        self._dpo_named_by_role(sections)
        sections["rights"] = self._rights()
        sections["supervisory_authority"] = self._authority()
        documents: dict[str, CommentedMap] = {}
        for name, keys in FILES.items():
            document = CommentedMap((key, sections[key]) for key in keys if sections.get(key))
            if document:
                first = next(iter(document))
                lead = self.comments.get(first)
                document.yaml_set_start_comment(self._header(name) + (f"\n{lead}" if lead else "") + "\n\n")
                for key, comment in self.comments.items():
                    if key in document and key != first:
                        document.yaml_add_eol_comment(comment, key)
                documents[name] = document
        lines = {at.line: self.parsed.lines[at.line - 1] for at in self.unplaced}
        placed = {n: w for n, w in self.placed.items() if n not in lines}
        return Imported(
            documents, [lines[number] for number in sorted(lines)], self.reasons, placed, self.notes, self.language
        )

    def _t(self, text: str) -> CommentedMap:
        return _nl(text, self.language)

    def _unplace(self, at: At, reason: str) -> None:
        self.unplaced.append(at)
        self.reasons.setdefault(at.line, reason)

    def _note(self, at: At, what: str) -> None:
        self.notes.append(f"line {at.line}: {what}")

    # --- facts stated in the prose ---------------------------------------------------------------

    def _prose_statements(self, sections: dict[str, Any]) -> None:
        """DPO, automated decisions, the recipients' role and the named recipient categories."""
        for section in self.parsed.sections:
            for paragraph in section.prose:
                for sentence, at in _sentences_of(paragraph):
                    self._statement(section, sentence, at, sections)

    def _statement(self, section: Section, sentence: str, at: At, sections: dict[str, Any]) -> None:
        if self._version_statement(sentence, at, sections["notice"]):
            return
        if self._dpo_statement(sentence, at, sections):
            return
        if self._automated_statement(sentence, at, sections):
            return
        if section.id == "sharing_personal_data":
            self._sharing_statement(sentence, at, sections)
        elif section.id in {"website_and_cookies", "social_media", "processing_on_your_behalf"}:
            self._website_statement(section.id, sentence, at, sections)

    def _website_statement(self, section_id: str, sentence: str, at: At, sections: dict[str, Any]) -> None:
        """Cookie consent, a social plugin, joint control with the platforms, the processor role."""
        website = sections.get("website") or CommentedMap()
        if section_id == "website_and_cookies" and statements.cookie_consent_of(sentence):
            website.setdefault("cookies", CommentedMap())["consent_requested"] = True
            self._placed_also(at, "website.cookies.consent_requested")
        hedged = statements.social_plugin_of(sentence)
        if hedged is not None and "social_plugins" not in website:
            plugin = CommentedMap([("hedged", True)] if hedged else [])
            plugin["text"] = self._t(sentence)
            website["social_plugins"] = CommentedSeq([plugin])
            self._placed_also(at, "website.social_plugins")
        if website:
            sections["website"] = website
        if section_id == "social_media" and statements.joint_control_stated(sentence):
            self._joint_controllers(at, sections)
        role = statements.processor_role_of(sentence) if section_id == "processing_on_your_behalf" else None
        if role is not None and "processor_role" not in sections:
            sections["processor_role"] = CommentedMap([("applies", role)])
            self._placed_also(at, "processor_role")

    def _joint_controllers(self, at: At, sections: dict[str, Any]) -> None:
        """The recipients of the social-media sharing entries, which the sentence makes joint controllers."""
        platforms: list[str] = []
        for entry in sections.get("sharing") or []:
            if statements.is_social_media(str(plain(entry["name"]).get(self.language, ""))):
                platforms.extend(r for r in entry.get("recipients", []) if r not in platforms)
        if not platforms or "social_media" in sections:
            return
        sections["social_media"] = CommentedMap([("joint_controllers", CommentedSeq(platforms))])
        for recipient in self.recipient_list:
            if recipient["id"] in platforms and "role" not in recipient:
                recipient["role"] = "joint_controller"
                recipient.yaml_add_eol_comment(f"{self._where(at)}: joint controllers with the platform", "role")
        self._placed_also(at, "social_media.joint_controllers and the platforms' role")

    def _version_statement(self, sentence: str, at: At, notice: CommentedMap) -> bool:
        stated = version_in(sentence) if "date" not in notice else None
        if stated is None:
            return False
        version, date = stated
        if version is not None and "version" not in notice:
            notice["version"] = DoubleQuotedScalarString(version)
        notice["date"] = DoubleQuotedScalarString(date)
        notice.yaml_add_eol_comment(f"line {at.line}", "date")
        self._placed_also(at, "notice.date" if version is None else "notice.version and notice.date")
        return True

    def _dpo_named_by_role(self, sections: dict[str, Any]) -> None:
        """ "... en contactant notre délégué à la protection des données à x@y": a DPO is designated.

        Only when no statement on the DPO said otherwise: those are read first, in the notice's order.
        """
        contact = self.parsed.contacts[0] if self.parsed.contacts else None
        controller = sections.get("controller")
        if contact is None or contact.role != "dpo" or controller is None or "dpo" in controller:
            return
        controller["dpo"] = CommentedMap([("designated", True), ("email", contact.email)])
        self._placed_also(contact.at, "controller.dpo")

    def _dpo_statement(self, sentence: str, at: At, sections: dict[str, Any]) -> bool:
        dpo = statements.dpo_of(sentence)
        if dpo is None:
            return False
        controller = sections.get("controller")
        if controller is None:
            controller = sections["controller"] = CommentedMap()
        if "dpo" in controller:
            earlier = controller["dpo"]
            if earlier["designated"] != dpo.designated:
                self._note(at, "this sentence contradicts the notice's earlier statement on the DPO; the first is kept")
            elif "text" not in earlier and earlier.get("email") == dpo.email:
                earlier["text"] = self._t(sentence)  # the contact sentence that named the DPO says this too
                self._placed_also(at, "controller.dpo")
            return True
        entry = CommentedMap([("designated", dpo.designated)])
        if dpo.email:
            entry["email"] = dpo.email
        entry["text"] = self._t(sentence)
        controller["dpo"] = entry
        controller.yaml_add_eol_comment(self._where(at), "dpo")
        self._placed_also(at, "controller.dpo")
        return True

    def _automated_statement(self, sentence: str, at: At, sections: dict[str, Any]) -> bool:
        automated = statements.automated_of(sentence)
        if automated is None:
            return False
        if "automated_decision_making" in sections:
            if sections["automated_decision_making"]["used"] != automated.used:
                self._note(at, "this sentence contradicts the earlier one on automated decisions; the first is kept")
            return True
        sections["automated_decision_making"] = CommentedMap([("used", automated.used), ("text", self._t(sentence))])
        self.comments["automated_decision_making"] = f"The notice's statement ({self._where(at)})."
        self._placed_also(at, "automated_decision_making")
        return True

    def _sharing_statement(self, sentence: str, at: At, sections: dict[str, Any]) -> None:
        role = statements.recipient_role_of(sentence)
        if role is not None and "default_recipient_role" not in sections:
            sections["default_recipient_role"] = CommentedMap(
                [("role", role.role), ("hedged", role.hedged), ("text", self._t(sentence))]
            )
            self.comments["default_recipient_role"] = f"One role for all recipients ({self._where(at)})."
            self._placed_also(at, "default_recipient_role")
            return
        names = statements.categories_of(sentence)
        if names and "named_recipient_categories" not in sections:
            sections["named_recipient_categories"] = self._categories(names, sections)
            self.comments["named_recipient_categories"] = (
                f"The recipient categories the notice names ({self._where(at)} and after it), with the sharing "
                "entries whose name or recipient shares a telling word with them."
            )
            self._placed_also(at, "named_recipient_categories")
            return
        category = statements.passed_on_to(sentence)
        if category is not None:
            found = self._categories([category], sections)
            found[0]["text"] = self._t(sentence)
            sections.setdefault("named_recipient_categories", CommentedSeq()).extend(found)
            self.comments.setdefault(
                "named_recipient_categories", f"The recipient categories the notice names ({self._where(at)})."
            )
            self._placed_also(at, "named_recipient_categories")

    def _categories(self, names: list[str], sections: dict[str, Any]) -> CommentedSeq:
        result = CommentedSeq()
        recipients = {r["id"]: str(r.get("name", "")) for r in self.recipient_list}
        for name in names:
            entry = CommentedMap([("name", self._t(name))])
            covering = [
                str(s["id"])
                for s in sections.get("sharing") or []
                if statements.covers(name, str(plain(s["name"]).get(self.language, "")))
                or any(statements.covers(name, recipients.get(r, "")) for r in s.get("recipients", []))
            ]
            if covering:
                entry["sharing"] = CommentedSeq(covering)
            result.append(entry)
        return result

    def _placed_also(self, at: At, where: str) -> None:
        current = self.placed.get(at.line)
        self.placed[at.line] = f"{current} + {where}" if current else where

    def _header(self, file_name: str) -> str:
        return "\n".join(
            [
                f"Imported by `privlint import` from {self.source} ({file_name}).",
                "Every value was read from the notice; the comments name the section and line it",
                "came from. Nothing the notice does not say was added: what it leaves out stays",
                "absent, and `privlint check` reports it.",
            ]
        )

    def _where(self, at: At) -> str:
        section = self._section_of(at.line)
        if section is None or section.heading is None or section.number is None:
            return f"line {at.line}"
        return f"section {section.number.text}. {section.heading.text}, line {at.line}"

    def _section_of(self, line: int) -> Section | None:
        found = None
        for section in self.parsed.sections:
            if section.heading is not None and section.heading.line <= line:
                found = section
        return found

    # --- notice and controller -------------------------------------------------------------------

    def _notice(self) -> CommentedMap:
        notice = CommentedMap()
        if self.parsed.title is not None:
            notice["title"] = self._t(self.parsed.title.text)
            notice.yaml_add_eol_comment(f"line {self.parsed.title.line}", "title")
        notice["language"] = self.language
        version = self.parsed.version
        if version is not None:
            if version.version is not None:
                notice["version"] = DoubleQuotedScalarString(version.version)
                notice.yaml_add_eol_comment(f"line {version.at.line}", "version")
            if version.date is not None:
                notice["date"] = DoubleQuotedScalarString(version.date)
                notice.yaml_add_eol_comment(f"line {version.at.line}", "date")
        if self.parsed.toc:
            notice["table_of_contents"] = CommentedSeq(self._t(entry.text) for entry in self.parsed.toc)
            notice.yaml_add_eol_comment(
                f"lines {self.parsed.toc[0].line}-{self.parsed.toc[-1].line}", "table_of_contents"
            )
        sections = CommentedSeq()
        ids = _Ids("section")
        for section in self.parsed.sections:
            if section.heading is None and not section.prose:
                continue  # a notice without numbered sections and without prose
            sections.append(self._section(section, ids))
            if section.heading is not None:
                number = f"{section.number.text}. " if section.number is not None else ""
                comment = f"{number}{section.heading.text} (line {section.heading.line})"
                sections.yaml_set_comment_before_after_key(len(sections) - 1, before=comment, indent=4)
        if sections:
            notice["sections"] = sections
        return notice

    def _prose_of(self, section: Section) -> str:
        paragraphs = section.prose
        return "\n\n".join("\n".join(line.text for line in paragraph) for paragraph in paragraphs)

    def _section(self, section: Section, ids: _Ids) -> CommentedMap:
        heading = section.heading.text if section.heading else ""
        section_id = section.id or ids.new(heading or "text")
        ids.used.add(section_id)
        entry = CommentedMap([("id", section_id)])
        if section.heading is not None:
            entry["heading"] = self._t(heading)
        prose = self._prose_of(section)
        if section.id == "exercising_your_rights":
            unknown = [m.text.text for m in self.parsed.rights if m.right is None]
            prose = "\n\n".join(p for p in (prose, *(f"- {text}" for text in unknown)) if p)
        if prose:
            entry["text"] = self._t(prose)
        return entry

    def _controller(self) -> CommentedMap | None:
        mention = self.parsed.controller
        contact = self.parsed.contacts[0] if self.parsed.contacts else None
        if mention is None and contact is None:
            return None
        controller = CommentedMap()
        if mention is not None:
            name = mention.name.text
            controller["name"] = _scalar(name)
            legal_form = next((f for f in template().legal_forms if name.endswith(f" {f}")), None)
            if legal_form is not None:
                controller["legal_form"] = _scalar(legal_form)
            if mention.address is not None:
                controller["address"] = _address(mention.address)
            if mention.enterprise_number is not None:
                controller["enterprise_number"] = _scalar(mention.enterprise_number.text)
            controller.yaml_set_start_comment(f"{self._where(mention.at)}: the controller sentence.", indent=2)
        if contact is not None:
            controller["privacy_contact"] = _contact(contact)
            controller.yaml_add_eol_comment(self._where(contact.at), "privacy_contact")
            postal = self._postal_address(contact.name) if contact.name else None
            if postal is not None:
                controller["privacy_contact"]["address"] = _address(postal)
            # "Ann Claes is our data protection officer": a DPO is designated. Named by role only
            # ("onze DPO is bereikbaar via ..."), the sentence is a DPO statement, read in its turn.
            if contact.role == "dpo" and contact.name:
                controller["dpo"] = CommentedMap(
                    [("designated", True), ("name", _scalar(contact.name)), ("email", contact.email)]
                )
                self._placed_also(contact.at, "controller.dpo")
        return controller

    def _postal_address(self, contact_name: str) -> Address | None:
        """The address after "... of via het adres van het bedrijf :" ("T.a.v. <contact>", street, city).

        The lines stay in the section's text as well; the address is read only when a line
        addressed to the contact ("T.a.v.", "À l'attention de", "Attn.") precedes it.
        """
        for section in self.parsed.sections:
            paragraphs = section.prose
            for index, paragraph in enumerate(paragraphs):
                last = paragraph[-1].text
                if not (last.endswith(":") and _ADDRESS_WORD.search(last)):
                    continue
                block = [p[0] for p in paragraphs[index + 1 : index + 4] if len(p) == 1]
                attention = next((i for i, at in enumerate(block) if _ATTENTION.match(at.text)), None)
                if attention is None or contact_name not in block[attention].text:
                    continue
                for at in block[attention + 1 :]:
                    address = parse_address(at.text)
                    if address is not None:
                        for line in block[: block.index(at) + 1]:
                            self._placed_also(line, "controller.privacy_contact.address")
                        return address
        return None

    def _audience(self) -> tuple[list[str] | None, CommentedSeq | None]:
        title = self.parsed.title
        if title is None:
            return None, None
        folded = fold(title.text)
        found = [a for a in template().audiences if any(has_word_prefix(folded, k) is not None for k in a.keywords)]
        if not found:
            return None, None
        audience = CommentedSeq(a.subject for a in found)
        self.comments["audience"] = f"Whom the notice addresses: its title ({self._where(title)})."
        subjects = CommentedSeq(
            CommentedMap([("id", a.subject), ("name", CommentedMap(a.name.by_language))]) for a in found
        )
        return audience, subjects

    # --- data items ------------------------------------------------------------------------------

    def _data_items(self) -> CommentedSeq:
        items = CommentedSeq()
        for at in self.parsed.data_list:
            name = spaces(at.text)
            if name in self.declared:
                continue
            self.declared[name] = self.item_ids.new(name)
            item = CommentedMap([("id", self.declared[name]), ("name", self._t(name))])
            item.yaml_add_eol_comment(f"line {at.line}", "id")
            items.append(item)
        if self.parsed.data_list:
            first, last = self.parsed.data_list[0], self.parsed.data_list[-1]
            where = self._where(first).replace(f"line {first.line}", f"lines {first.line}-{last.line}")
            self.comments["data_items"] = f"The notice's data-item list ({where}), in list order."
        return items

    def _item_refs(self, value: At) -> tuple[CommentedSeq, CommentedMap]:
        refs, names = CommentedSeq(), CommentedMap()
        for at in split_items(value, self.declared):
            name = spaces(at.text)
            item_id = self.declared.get(name)
            if item_id is None:
                item_id = self.undeclared.get(name) or self.item_ids.new(name)
                self.undeclared[name] = item_id
                names[item_id] = wording = self._t(name)
                wording.fa.set_flow_style()
            refs.append(item_id)
        column = _REF_COLUMN + max((len(ref) for ref in refs), default=0) + 2
        wording_of = {item_id: wording for wording, item_id in self.undeclared.items()}
        for index, ref in enumerate(refs):
            if ref in wording_of:
                refs.yaml_add_eol_comment(f'# "{wording_of[ref]}" — not in the notice\'s data-item list', index, column)
        return refs, names

    # --- processing and sharing entries ------------------------------------------------------------

    def _entries(self, kind: str, ids: _Ids) -> CommentedSeq:
        entries = CommentedSeq()
        for entry in self.parsed.entries:
            if entry.kind != kind:
                continue
            entries.append(self._entry(entry, ids))
            quoted = f"**{entry.name.text}**" if entry.bold else entry.name.text
            entries.yaml_set_comment_before_after_key(
                len(entries) - 1, before=f'{self._where(entry.name)}: "{quoted}"', indent=2
            )
        return entries

    def _entry(self, entry: Entry, ids: _Ids) -> CommentedMap:
        result = CommentedMap([("id", ids.new(entry.name.text)), ("name", self._t(entry.name.text))])
        if entry.description is not None:
            result["description"] = self._t(entry.description.text)
        if entry.purposes:
            result["purposes"] = CommentedSeq(self._t(p.text) for p in entry.purposes)
        kept: list[At] = list(entry.other)
        self._legal_basis(entry, result, kept)
        if entry.data_items is not None:
            refs, names = self._item_refs(entry.data_items)
            result["data_items"] = refs
            if names:
                result["data_item_names"] = names
        if entry.retention is not None:
            result["retention"] = _retention(entry.retention, self.language)
        locations = self._locations(entry, kept)
        if locations:
            result["locations"] = CommentedSeq(_scalar(code) for code in locations)
        if entry.recipients:
            result["recipients"] = CommentedSeq(self._recipient(at) for at in entry.recipients)
        self._source_and_requirement(entry, result)
        if kept:
            result["text"] = self._t("\n".join(self._line_text(at) for at in sorted(kept, key=lambda a: a.line)))
            result.yaml_add_eol_comment("lines the importer kept as text (privlint import lists them)", "text")
        return result

    def _source_and_requirement(self, entry: Entry, result: CommentedMap) -> None:
        """The ``Bron`` (GDPR 14(2)(f)) and ``Verstrekking`` (GDPR 13(2)(e)) lines."""
        if entry.source is not None:
            result["data_source"] = _data_source(entry.source.text, self.language)
        if entry.requirement is not None:
            result["provision_requirement"] = _requirement(entry.requirement.text, self.language)

    def _legal_basis(self, entry: Entry, result: CommentedMap, kept: list[At]) -> None:
        """The label's legal basis and what the line adds; a label the template does not list is kept, never guessed."""
        conditions = [
            condition
            for at in (entry.legal_basis, entry.description, *entry.purposes)
            if at is not None
            for condition in special_category_conditions_in(at.text)
        ]
        if entry.legal_basis is None:
            self._interest(entry, result)
            self._special(entry, result, conditions)
            return
        facts = legal_basis_parts(entry.legal_basis.text)
        if facts.basis is None:
            named = bases_named_in(entry.legal_basis.text)
            negated = _NEGATION.search(entry.legal_basis.text) is not None
            if len(named) != 1 or negated:
                kept.append(entry.legal_basis)
                reason = f"not a legal basis: {entry.legal_basis.text!r}"
                if len(named) > 1:
                    reason = f"names {len(named)} legal bases ({', '.join(named)}); the model holds one per entry"
                self._unplace(entry.legal_basis, reason)
                self._special(entry, result, conditions)
                return
            facts = BasisFacts(named[0], None)
            kept.append(entry.legal_basis)  # the label as written stays with the entry
            self._note(entry.legal_basis, f"legal basis {named[0]} read from the words of {entry.legal_basis.text!r}")
        result["legal_basis"] = facts.basis
        result.yaml_add_eol_comment(f'"{entry.legal_basis.text}"', "legal_basis")
        if any(words in fold(entry.legal_basis.text) for words in _EXPLICIT_CONSENT):
            conditions.append("explicit_consent")  # GDPR 9(2)(a) in its own words
        qualifier = facts.qualifier
        if qualifier is not None and not special_category_conditions_in(qualifier):
            self._qualifier(entry.legal_basis, str(facts.basis), qualifier, result, kept)
        if "legitimate_interest" not in result:
            self._interest(entry, result)
        self._special(entry, result, conditions)

    def _qualifier(self, line: At, basis: str, qualifier: str, result: CommentedMap, kept: list[At]) -> None:
        """What the basis line says after the label: the law (6(1)(c)) or the interest (6(1)(f))."""
        if basis == "legitimate_interest":
            result["legitimate_interest"] = self._t(qualifier)
            return
        reference = legal_reference_of(qualifier) if basis == "legal_obligation" else None
        if reference is None:
            self._note(line, f"{qualifier!r} after the legal basis is kept as text: it names no law privlint can read")
            kept.append(line)
            return
        law, provision = reference
        result["legal_obligation"] = CommentedMap([("law", _scalar(law))])
        if provision:
            result["legal_obligation"]["provision"] = _scalar(provision)

    def _special(self, entry: Entry, result: CommentedMap, conditions: list[str]) -> None:
        conditions = list(dict.fromkeys(conditions))
        if len(conditions) == 1:
            result["special_category_condition"] = conditions[0]
        elif len(conditions) > 1:
            self._note(entry.name, f"{len(conditions)} GDPR 9(2) conditions named; none chosen")

    def _interest(self, entry: Entry, result: CommentedMap) -> None:
        """ "Ons gerechtvaardigd belang: ..." in the Doel or Beschrijving line."""
        for at in (*entry.purposes, entry.description):
            if at is None:
                continue
            match = _INTEREST.search(at.text)
            if match:
                result["legitimate_interest"] = self._t(match["interest"].strip())
                return

    def _line_text(self, at: At) -> str:
        return next((line.text for line in self.parsed.lines if line.line == at.line), at.text)

    def _locations(self, entry: Entry, kept: list[At]) -> list[str]:
        codes: list[str] = []
        for at in entry.locations:
            found = locations_of(at.text)
            if not found:
                kept.append(at)
                self._unplace(at, "names no area (EU, EEA, outside the EU) or country the template knows")
            codes.extend(code for code in found if code not in codes)
        return codes

    def _recipient(self, at: At) -> str:
        name = spaces(at.text)
        if name not in self.recipients:
            # "META PLATFORMS IRELAND LIMITED (ex-Facebook)": the remark is not part of the id.
            located = country_in_name(name)
            bare = located[1] if located else name
            self.recipients[name] = recipient_id = self.recipient_ids.new(re.sub(r"\s*\(.*\)$", "", bare))
            recipient = CommentedMap([("id", recipient_id), ("name", _scalar(name))])
            if located is not None:
                recipient["country"] = located[0]
            elif (named := _country_word_in(bare)) is not None:
                self._note(at, f"{bare!r} has {named!r} in its name; a company's name is not read as its country")
            recipient.yaml_add_eol_comment(f'{self._where(at)}: "{printable.line(self._line_text(at))}"', "id")
            self.recipient_list.append(recipient)
        return self.recipients[name]

    # --- rights and supervisory authority ----------------------------------------------------------

    def _rights(self) -> CommentedSeq:
        rights = CommentedSeq()
        mentions = [(m.right, m.text) for m in self.parsed.rights if m.right is not None]
        if self.parsed.complaint is not None:
            mentions.append(("lodge_complaint", self.parsed.complaint))
        seen: set[str] = set()
        for right, at in mentions:
            if right in seen:
                continue
            seen.add(right)
            rights.append(CommentedMap([("right", right), ("text", self._t(at.text))]))
            rights.yaml_set_comment_before_after_key(len(rights) - 1, before=self._where(at), indent=2)
        return rights

    def _authority(self) -> CommentedMap | None:
        mention = self.parsed.authority
        if mention is None:
            return None
        authority = CommentedMap()
        if mention.name is not None:
            authority["name"] = _scalar(mention.name.text)
            authority.yaml_add_eol_comment(self._where(mention.name), "name")
        if mention.address is not None:
            authority["address"] = _address(mention.address)
        if mention.url is not None:
            authority["url"] = _scalar(mention.url.text)
        if mention.email is not None:
            authority["email"] = _scalar(mention.email.text)
        if mention.phone is not None:
            authority["phone"] = _scalar(mention.phone.text)
        return authority or None

    def _website(self) -> CommentedMap | None:
        """The cookie list of the website section: named cookies, and the kinds it describes as text."""
        cookie_list = CommentedSeq()
        kinds: list[At] = []
        for at in self.parsed.cookies:
            if statements.is_cookie_kind(at.text):
                kinds.append(at)  # "Essentiële cookies: ..." describes a kind, it names no cookie
                self.placed[at.line] = "website.cookies.text (a kind of cookie, not a named one)"
                continue
            cookie = self._cookie(at)
            if cookie is None:
                self._unplace(at, "a cookie-list bullet that starts with no cookie name")
            else:
                cookie_list.append(cookie)
        cookies = CommentedMap()
        if cookie_list:
            cookies["cookie_list"] = cookie_list
        if kinds:
            cookies["text"] = self._t("\n".join(f"- {at.text}" for at in kinds))
        return CommentedMap([("cookies", cookies)]) if cookies else None

    def _cookie(self, at: At) -> CommentedMap | None:
        facts = statements.cookie_of(at.text)
        if facts is None:
            return None
        cookie = CommentedMap([("name", _scalar(facts.name))])
        if facts.category:
            cookie["category"] = facts.category
        if facts.party:
            cookie["party"] = facts.party
        duration = retention_of(at.text).duration
        if facts.session:
            cookie["session"] = True
        elif duration:
            cookie["duration"] = duration
        cookie["text"] = self._t(at.text)
        return cookie


def _address(address: Address) -> CommentedMap:
    result = CommentedMap([("street", _scalar(address.street)), ("postcode", address.postcode), ("city", address.city)])
    if address.country is not None:
        result["country"] = _scalar(address.country)
    return result


def _contact(contact: ContactMention) -> CommentedMap:
    named = [("name", _scalar(contact.name))] if contact.name else []
    return CommentedMap([*named, ("role", contact.role), ("email", contact.email)])


# "Ons gerechtvaardigd belang: ...", "Notre intérêt légitime est ...", "Legitimate interest: ...".
_INTEREST = LazyPattern(
    r"(?:\b(?:ons|onze|mijn|notre|nos|our)\s+(?P<named>{interest})\s*(?::|\bis\b|\bbestaat erin\b|\best\b|"
    r"\bconsiste\b|\bare\b)|(?:^|[.;]\s*)(?P<labelled>{interest})\s*:)\s*(?P<interest>\S.+)$".format(
        interest=r"gerechtvaardigd(?:e)?\s+belang(?:en)?|int[ée]r[êe]ts?\s+l[ée]gitimes?|legitimate\s+interests?"
    ),
    re.IGNORECASE,
)
_ADDRESS_WORD = LazyPattern(r"\b(?:adres|adresse|address)\b", re.IGNORECASE)
_ATTENTION = LazyPattern(
    r"^(?:t\.?a\.?v\.?|ter attentie van|à l'attention de|a l'attention de|attn\.?|for the attention of)\s",
    re.IGNORECASE,
)
_NEGATION = LazyPattern(r"\b(?:geen|niet|zonder|pas|sans|aucun|no|not|without)\b", re.IGNORECASE)
_EXPLICIT_CONSENT = ("uitdrukkelijke toestemming", "consentement explicite", "explicit consent")


def _country_word_in(name: str) -> str | None:
    """A country the template knows, named inside a company name ("META PLATFORMS IRELAND LIMITED": Ireland)."""
    padded = f" {fold_words(name)} "
    for country in template().countries:
        for word in country.all_names():
            if len(word) > 3 and f" {fold_words(word)} " in padded:
                return word
    return None


def _retention(at: At, language: str) -> CommentedMap:
    facts = retention_of(at.text)
    retention = CommentedMap()
    for key, value in (("duration", facts.duration), ("trigger", facts.trigger), ("extension", facts.extension)):
        if value is not None:
            retention[key] = value
    reference = _retention_law(at.text)
    if reference is not None:
        retention["legal_reference"] = reference
    retention["text"] = _nl(at.text, language)
    return retention


_LAW_IN_TEXT = LazyPattern(r"\((?P<law>[^()]*(?:art|§)[^()]*)\)")


def _retention_law(text: str) -> CommentedMap | None:
    """A law named in parentheses in a retention text: "10 jaar (art. 60 WBTW)"."""
    matches = _LAW_IN_TEXT.findall(text)
    if len(matches) != 1:
        return None
    reference = legal_reference_of(matches[0])
    if reference is None:
        return None
    result = CommentedMap([("law", _scalar(reference[0]))])
    if reference[1]:
        result["provision"] = _scalar(reference[1])
    return result


_SELF = LazyPattern(
    r"\b(?:jezelf|uzelf|van jou|van u|de betrokkene|vous-m[êe]me|aupr[èe]s de vous|de vous|yourself|from you)\b",
    re.IGNORECASE,
)
_PUBLIC = LazyPattern(r"\b(?:openbaar|openbare|publiek|publieke|public|publique|publicly)\b", re.IGNORECASE)


def _data_source(text: str, language: str) -> CommentedMap:
    """The ``Bron`` line: who the data come from (GDPR 14(2)(f)); kinds only where the words say so."""
    result = CommentedMap()
    own, other = (
        _SELF.search(text) is not None,
        bool(re.search(r"\b(?:en|et|and|of|ou|or)\b", text)) and _SELF.search(text) is not None,
    )
    if own and not other:
        result["obtained_from"] = "data_subject"
    elif not own:
        result["obtained_from"] = "third_party"
        result["source"] = _nl(text, language)
        if _PUBLIC.search(text) and not re.search(r"\b(?:niet|geen|non|pas|not)\b", text, re.IGNORECASE):
            result["publicly_accessible"] = True
    result["text"] = _nl(text, language)
    return result


_REQUIREMENTS = (
    (
        "statutory",
        LazyPattern(r"\b(?:wettelijk\w*|wet|l[ée]gal\w*|loi|statutory|by law|required by law)\b", re.IGNORECASE),
    ),
    (
        "pre_contractual",
        LazyPattern(
            r"\b(?:precontractu\w*|voorafgaand aan|pr[ée]contractu\w*|pre-contractual|before entering)\b", re.IGNORECASE
        ),
    ),
    ("contractual", LazyPattern(r"\b(?:contract\w*|overeenkomst|contrat\w*)\b", re.IGNORECASE)),
    ("none", LazyPattern(r"\b(?:vrijwillig\w*|niet verplicht|facultati\w*|voluntar\w*|optional)\b", re.IGNORECASE)),
)
_CONSEQUENCE = LazyPattern(r"\b(?P<c>(?:zonder|anders|sans|sinon|without|otherwise)\b[^.]*)", re.IGNORECASE)


def _requirement(text: str, language: str) -> CommentedMap:
    """The ``Verstrekking`` line (GDPR 13(2)(e)): one requirement when the words name exactly one."""
    result = CommentedMap()
    kinds = [kind for kind, pattern in _REQUIREMENTS if pattern.search(text)]
    if "pre_contractual" in kinds and "contractual" in kinds:
        kinds.remove("contractual")
    if len(kinds) == 1:
        result["requirement"] = kinds[0]
        result["obliged"] = kinds[0] != "none"
    consequence = _CONSEQUENCE.search(text)
    if consequence:
        result["consequence"] = _nl(consequence["c"].strip(), language)
    result["text"] = _nl(text, language)
    return result


def _sentences_of(paragraph: tuple[At, ...]) -> list[tuple[str, At]]:
    """The sentences of a prose paragraph, each with the line it starts on."""
    return [(sentence, line) for line in paragraph for sentence in statements.split_sentences(line.text)]
