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

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

from privlint import files
from privlint.loading import display_name, load
from privlint.notice.parser import (
    Address,
    At,
    ContactMention,
    Entry,
    ParsedNotice,
    Section,
    legal_basis_of,
    locations_of,
    parse,
    retention_of,
    split_items,
)
from privlint.notice.template import fold, has_word_prefix, spaces, template

# Which top-level sections of the policy go to which file, in writing order.
FILES: Mapping[str, tuple[str, ...]] = {
    "notice.yaml": ("notice", "controller", "audience", "data_subjects"),
    "data_items.yaml": ("data_items",),
    "processing.yaml": ("processing_activities",),
    "sharing.yaml": ("recipients", "sharing"),
    "rights.yaml": ("rights", "supervisory_authority"),
}
_YAML11_SPECIAL = re.compile(r"y|n|yes|no|on|off|true|false|null|~", re.IGNORECASE)
_YAML11_BREAKS = frozenset("\x85\u2028\u2029")  # line breaks in YAML 1.1, text in YAML 1.2
_MAX_ID = 60
_REF_COLUMN = 8  # where the ids of a processing's data_items list start ("      - ")


class ImportRefusedError(click.ClickException):
    """The output directory already holds policy files that the import would overwrite or clash with."""


@dataclass(slots=True)
class ImportReport:
    files: list[Path] = field(default_factory=list)  # written, in order
    unplaced: list[tuple[int, str]] = field(default_factory=list)  # (1-based notice line, its text)


@dataclass(slots=True)
class Imported:
    """A notice turned into policy documents, before anything is written."""

    documents: dict[str, CommentedMap]
    unplaced: list[At]  # whole lines of the notice, in order

    def data(self) -> dict[str, Any]:
        """The merged policy data as plain Python values (what ``privlint check`` reads)."""
        merged: dict[str, Any] = {}
        for document in self.documents.values():
            merged.update(plain(document))
        return merged


def import_notice(notice: Path, out_dir: Path, *, overwrite: bool) -> ImportReport:
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
    imported = _Builder(parsed, notice.name).build()
    if not any(section.id for section in parsed.sections) and set(imported.data()) <= {"notice"}:
        raise ImportRefusedError(f"no section of the template was found in {display_name(notice)}; nothing was written")
    targets = [out_dir / name for name in imported.documents]
    _refuse_clashes(out_dir, targets, imported, overwrite=overwrite)
    _write(out_dir, dict(zip(targets, imported.documents.values(), strict=True)))
    return ImportReport(targets, [(at.line, at.text) for at in imported.unplaced])


def _write(out_dir: Path, documents: dict[Path, CommentedMap]) -> None:
    """Write every policy file or none (``privlint.files``); never through a symbolic link."""
    import io  # noqa: PLC0415

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


def import_text(text: str, *, source: str = "the notice") -> Imported:
    """The policy documents for a notice ``text`` (``source`` names it in the comments)."""
    parsed = parse(text)
    return _Builder(parsed, source).build()


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


def _nl(text: str) -> CommentedMap:
    value = LiteralScalarString(text) if "\n" in text and _YAML11_BREAKS.isdisjoint(text) else _scalar(text)
    return CommentedMap([(template().language, value)])


class _Builder:
    def __init__(self, parsed: ParsedNotice, source: str) -> None:
        self.parsed = parsed
        self.source = source
        self.unplaced: list[At] = list(parsed.unplaced)
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
        return Imported(documents, [lines[number] for number in sorted(lines)])

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
            notice["title"] = _nl(self.parsed.title.text)
            notice.yaml_add_eol_comment(f"line {self.parsed.title.line}", "title")
        notice["language"] = template().language
        sections = CommentedSeq()
        ids = _Ids("section")
        for section in self.parsed.sections:
            if section.heading is None and not section.prose:
                continue  # a notice without numbered sections and without prose
            sections.append(self._section(section, ids))
            if section.heading is not None and section.number is not None:
                comment = f"{section.number.text}. {section.heading.text} (line {section.heading.line})"
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
            entry["heading"] = _nl(heading)
        prose = self._prose_of(section)
        if section.id == "exercising_your_rights":
            unknown = [m.text.text for m in self.parsed.rights if m.right is None]
            prose = "\n\n".join(p for p in (prose, *(f"- {text}" for text in unknown)) if p)
        if prose:
            entry["text"] = _nl(prose)
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
        return controller

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
            item = CommentedMap([("id", self.declared[name]), ("name", _nl(name))])
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
                names[item_id] = wording = _nl(name)
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
        result = CommentedMap([("id", ids.new(entry.name.text)), ("name", _nl(entry.name.text))])
        if entry.description is not None:
            result["description"] = _nl(entry.description.text)
        if entry.purposes:
            result["purposes"] = CommentedSeq(_nl(p.text) for p in entry.purposes)
        kept: list[At] = list(entry.other)
        self._legal_basis(entry, result, kept)
        if entry.data_items is not None:
            refs, names = self._item_refs(entry.data_items)
            result["data_items"] = refs
            if names:
                result["data_item_names"] = names
        if entry.retention is not None:
            result["retention"] = _retention(entry.retention)
        locations = self._locations(entry, kept)
        if locations:
            result["locations"] = CommentedSeq(_scalar(code) for code in locations)
        if entry.recipients:
            result["recipients"] = CommentedSeq(self._recipient(at) for at in entry.recipients)
        if kept:
            result["text"] = _nl("\n".join(self._line_text(at) for at in sorted(kept, key=lambda a: a.line)))
            result.yaml_add_eol_comment("lines the importer could not place (privlint import lists them)", "text")
        return result

    def _legal_basis(self, entry: Entry, result: CommentedMap, kept: list[At]) -> None:
        """The label's legal basis; a label the template does not list is kept as text, never guessed."""
        if entry.legal_basis is None:
            return
        basis = legal_basis_of(entry.legal_basis.text)
        if basis is None:
            kept.append(entry.legal_basis)
            self.unplaced.append(entry.legal_basis)
            return
        result["legal_basis"] = basis
        result.yaml_add_eol_comment(f'"{entry.legal_basis.text}"', "legal_basis")

    def _line_text(self, at: At) -> str:
        return next((line.text for line in self.parsed.lines if line.line == at.line), at.text)

    def _locations(self, entry: Entry, kept: list[At]) -> list[str]:
        codes: list[str] = []
        for at in entry.locations:
            found = locations_of(at.text)
            if not found:
                kept.append(at)
                self.unplaced.append(at)
            codes.extend(code for code in found if code not in codes)
        return codes

    def _recipient(self, at: At) -> str:
        name = spaces(at.text)
        if name not in self.recipients:
            # "META PLATFORMS IRELAND LIMITED (ex-Facebook)": the remark is not part of the id.
            self.recipients[name] = recipient_id = self.recipient_ids.new(re.sub(r"\s*\(.*\)$", "", name))
            recipient = CommentedMap([("id", recipient_id), ("name", _scalar(name))])
            recipient.yaml_add_eol_comment(f'{self._where(at)}: "... ontvangt de data"', "id")
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
            rights.append(CommentedMap([("right", right), ("text", _nl(at.text))]))
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
        return authority or None


def _address(address: Address) -> CommentedMap:
    result = CommentedMap([("street", _scalar(address.street)), ("postcode", address.postcode), ("city", address.city)])
    if address.country is not None:
        result["country"] = _scalar(address.country)
    return result


def _contact(contact: ContactMention) -> CommentedMap:
    return CommentedMap([("name", _scalar(contact.name)), ("role", contact.role), ("email", contact.email)])


def _retention(at: At) -> CommentedMap:
    facts = retention_of(at.text)
    retention = CommentedMap()
    for key, value in (("duration", facts.duration), ("trigger", facts.trigger), ("extension", facts.extension)):
        if value is not None:
            retention[key] = value
    retention["text"] = _nl(at.text)
    return retention
