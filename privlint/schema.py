"""Validate policy data against the JSON Schema and explain each violation to a person.

The schema ships inside the package (``schemas/policy.schema.json``); nothing is ever
fetched from the network, and a schema that points at a remote ``$ref`` is refused.

Two validators, one explanation. ``jsonschema-rs`` (Rust) validates a large register about a
hundred times faster than ``jsonschema`` and imports in a fraction of the time, so it is the
one that runs. Its errors are translated into the same neutral ``_Error`` record that
``jsonschema``'s errors are, and one function phrases both, so the messages, hints and
pointers do not depend on which validator ran. ``jsonschema`` remains the reference: it is
used when ``jsonschema-rs`` is not installed, when it reports an error kind this module does
not translate, when the data holds something it cannot represent exactly, or when the schema
uses a type for which that would matter (see ``_fast_path_is_exact``).
"""

from __future__ import annotations

import functools
import importlib
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from privlint import pointers

SCHEMA_FILE = "policy.schema.json"
_LANGUAGE_CODE = "^[a-z]{2}$"  # the propertyNames pattern of human text (``$defs/text``)


class Violation(NamedTuple):
    """One schema error, phrased for a person, at a JSON Pointer."""

    # NamedTuples, not frozen dataclasses: a dataclass costs about half a millisecond to
    # create at import, and pre-commit pays for every import on every commit.

    pointer: str
    message: str
    hint: str
    at_key: bool = False


class SchemaError(Exception):
    """The schema itself cannot be used (for example it names a remote reference)."""


def schema_text() -> str:
    # Beside the ``privlint.schemas`` package, read directly: importlib.resources costs
    # ~10 ms of imports on every start, and the package is always installed as files.
    # Imported by name: the top-level ``schemas/`` folder is mapped into the package.
    schemas = importlib.import_module("privlint.schemas")
    return (Path(str(schemas.__file__)).parent / SCHEMA_FILE).read_text(encoding="utf-8")


@functools.cache
def policy_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(schema_text())
    refuse_remote_refs(schema)
    return schema


def refuse_remote_refs(schema: Any, where: str = "") -> None:
    """Raise ``SchemaError`` if any ``$ref`` points outside the schema document."""
    if isinstance(schema, Mapping):
        ref = schema.get("$ref")
        if isinstance(ref, str) and not ref.startswith("#"):
            raise SchemaError(f"schema reference {ref!r} at {where or '/'} is not local; remote schemas are refused")
        for key, value in schema.items():
            refuse_remote_refs(value, pointers.child(where, key))
    elif isinstance(schema, list):
        for index, value in enumerate(schema):
            refuse_remote_refs(value, pointers.child(where, index))


def validate(data: Any) -> list[Violation]:
    """Every violation in ``data``, in document order (ties by message), each once."""
    errors = _fast_errors(data)
    if errors is None:
        errors = _reference_errors(data)
    violations = dict.fromkeys(violation for error in errors for violation in _explain(error))
    return sorted(violations, key=lambda violation: (_document_order(data, violation.pointer), violation.message))


# --- the two validators ------------------------------------------------------------------------


class _Error(NamedTuple):
    """A validator's error, reduced to what the explanation needs (``jsonschema``'s vocabulary)."""

    keyword: str  # the failing keyword: "enum", "type", "additionalProperties", ...
    path: tuple[str | int, ...]  # where in the data: keys and list indices
    instance: Any  # the failing value (for ``propertyNames``: the offending key)
    value: Any  # the keyword's value in the schema
    schema: Mapping[str, Any]  # the (sub)schema the keyword belongs to
    in_property_names: bool  # raised while checking the keys of a mapping
    message: str  # the validator's own wording, for keywords without a phrasing of ours


def _reference_errors(data: Any) -> list[_Error]:
    return [
        _Error(
            keyword=error.validator,
            path=tuple(error.absolute_path),
            instance=error.instance,
            value=error.validator_value,
            schema=error.schema,
            in_property_names="propertyNames" in error.relative_schema_path,
            message=error.message,
        )
        for error in _reference_validator().iter_errors(data)
    ]


@functools.cache
def _reference_validator() -> Any:
    from jsonschema import Draft202012Validator  # noqa: PLC0415 - costly import, only when needed
    from referencing import Registry  # noqa: PLC0415

    # An empty registry: any reference that is not inside the document fails instead of
    # being retrieved.
    return Draft202012Validator(policy_schema(), registry=Registry())


# jsonschema-rs error kinds this module translates, by the keyword they stand for.
_FAST_KEYWORDS = {
    "AdditionalProperties": "additionalProperties",
    "Enum": "enum",
    "MinItems": "minItems",
    "MinLength": "minLength",
    "MinProperties": "minProperties",
    "Pattern": "pattern",
    "Required": "required",
    "Type": "type",
}


def _fast_errors(data: Any) -> list[_Error] | None:
    """The errors found by ``jsonschema-rs``, or None where its answer could differ."""
    validator = _fast_validator()
    if validator is None:
        return None
    try:
        found = list(validator.iter_errors(data))
    except (ValueError, TypeError, OverflowError):  # data it cannot convert: let the reference decide
        return None
    errors: list[_Error] = []
    for error in found:
        try:
            translated = _translate(error, data)
        except (AttributeError, KeyError, IndexError, TypeError, ValueError):  # an error shaped otherwise
            return None
        if translated is None:
            return None
        errors.append(translated)
    return errors


@functools.cache
def _fast_validator() -> Any:
    schema = policy_schema()
    if not _fast_path_is_exact(schema):
        return None
    try:
        import jsonschema_rs  # noqa: PLC0415

        return jsonschema_rs.Draft202012Validator(schema, retriever=_refuse_retrieval, validate_formats=False)
    except (ImportError, TypeError):  # not installed, or a release without these options
        return None


def _refuse_retrieval(uri: str) -> Any:
    raise SchemaError(f"schema reference {uri!r} is not local; remote schemas are refused")


def _fast_path_is_exact(schema: Any) -> bool:
    """Whether ``jsonschema-rs`` judges every value of this schema as ``jsonschema`` does.

    It turns NaN and infinities (YAML ``.nan``, ``.inf``) into null. That changes nothing
    while no keyword accepts numbers or null: then both are rejected alike, and the message
    is phrased from the data itself. A schema that allows them is validated by the reference.
    """
    if isinstance(schema, Mapping):
        types = schema.get("type", ())
        if {"null", "number", "integer"} & set([types] if isinstance(types, str) else types):
            return False
        listed = [*schema.get("enum", ()), *([schema["const"]] if "const" in schema else [])]
        if any(not isinstance(value, str) for value in listed):
            return False
        return all(_fast_path_is_exact(value) for key, value in schema.items() if key not in ("enum", "const"))
    if isinstance(schema, list):
        return all(_fast_path_is_exact(value) for value in schema)
    return True


def _translate(error: Any, data: Any) -> _Error | None:
    """A ``jsonschema-rs`` error as ``jsonschema`` would have reported it, or None if unsure."""
    kind = _kind(error)
    path, instance = _walk(data, error.instance_path)
    in_property_names = kind == "PropertyNames"
    if in_property_names:
        error = error.kind.error  # the error about the key itself
        kind = _kind(error)
        instance = error.instance
    # The keyword ends the keyword's location; the kind, where a release names it, must agree.
    location = list(error.schema_path)
    keyword = str(location[-1]) if location else ""
    if keyword not in _FAST_KEYWORDS.values() or _FAST_KEYWORDS.get(kind, keyword) != keyword:
        return None
    schema = _subschema(location[:-1])
    if schema is None or keyword not in schema:
        return None
    return _Error(keyword, path, instance, schema[keyword], schema, in_property_names, error.message)


def _kind(error: Any) -> str:
    # "Enum"; in older releases "ValidationErrorKind_Enum", or "ValidationErrorKind" for errors
    # nested in another (the key's error under propertyNames).
    return type(error.kind).__name__.removeprefix("ValidationErrorKind_")


def _walk(data: Any, location: Iterable[Any]) -> tuple[tuple[str | int, ...], Any]:
    """The path and value at ``location`` in our own data (so types are exactly ours)."""
    path: list[str | int] = []
    node = data
    for token in location:
        step: str | int = int(token) if isinstance(node, list) else str(token)
        node = node[step]
        path.append(step)
    return tuple(path), node


def _subschema(location: Sequence[Any]) -> Mapping[str, Any] | None:
    """The subschema at ``location``: a keyword location, absolute or through ``$ref`` (older releases)."""
    node: Any = policy_schema()
    for token in location:
        if token == "$ref" and isinstance(node, Mapping) and isinstance(node.get("$ref"), str):  # noqa: S105
            node = _subschema(pointers.tokens(node["$ref"].removeprefix("#")))
        elif isinstance(node, list) and isinstance(token, int) and token < len(node):
            node = node[token]
        elif isinstance(node, Mapping) and str(token) in node:
            node = node[str(token)]
        else:
            return None
    return node if isinstance(node, Mapping) else None


def _document_order(data: Any, pointer: str) -> tuple[int, ...]:
    """The position of ``pointer`` in ``data``: list indices and key positions, level by level."""
    order: list[int] = []
    node = data
    for token in pointers.tokens(pointer):
        if isinstance(node, list) and token.isdigit():
            index = int(token)
            node = node[index] if index < len(node) else None
        elif isinstance(node, Mapping) and token in node:
            index = list(node).index(token)
            node = node[token]
        else:
            index = len(node) if isinstance(node, (list, Mapping)) else 0
            node = None
        order.append(index)
    return tuple(order)


# --- the explanation ---------------------------------------------------------------------------


def _explain(error: _Error) -> Iterator[Violation]:
    pointer = pointers.from_path(error.path)
    keyword = error.keyword
    subject = _subject(error.path)
    found = _show(error.instance)
    if keyword == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extras = [key for key in error.instance if key not in error.schema.get("properties", {})]
        for key in extras:
            yield Violation(
                pointers.child(pointer, key),
                f"unknown key {key!r} in {subject}; allowed keys: {', '.join(allowed)}" + _did_you_mean(key, allowed),
                "remove the key or correct its spelling",
                at_key=True,
            )
    elif keyword == "required":
        missing = [key for key in error.value if key not in error.instance]
        for key in missing:
            yield Violation(pointer, f"{subject} is missing the required key {key!r}", f"add '{key}:'")
    elif keyword == "enum":
        allowed = [str(v) for v in error.value]
        yield Violation(
            pointer,
            f"{subject} {found} is not one of: {', '.join(allowed)}" + _did_you_mean(error.instance, allowed),
            "use one of the allowed values",
        )
    elif keyword == "type":
        yield Violation(
            pointer,
            type_message(subject, error.value, error.instance),
            "change the value's type" + (" (quote it to make it a string)" if error.value == "string" else ""),
        )
    elif error.in_property_names:
        yield _explain_key(error, pointer, subject)
    elif keyword == "pattern":
        yield Violation(
            pointer,
            f"{subject} {found} does not match the expected form {error.value}",
            _pattern_hint(error.schema),
        )
    elif keyword in ("minProperties", "minLength", "minItems"):
        yield Violation(pointer, f"{subject} is empty", "give it a value or remove it")
    else:
        yield Violation(pointer, f"{subject}: {error.message}", "see `privlint schema` for the expected shape")


def _explain_key(error: _Error, pointer: str, subject: str) -> Violation:
    """A key of a mapping that does not have the form the schema gives keys there."""
    here, key = pointers.child(pointer, str(error.instance)), _show(error.instance)
    if error.value == _LANGUAGE_CODE:
        return Violation(
            here,
            f"key {key} in {subject} is not a language code (two lowercase letters such as nl, en, fr)",
            "use an ISO 639-1 language code",
            at_key=True,
        )
    return Violation(
        here,
        f"key {key} in {subject} does not match the expected form {error.value}",
        _pattern_hint(error.schema),
        at_key=True,
    )


def _pattern_hint(schema: Mapping[str, Any]) -> str:
    description = schema.get("description")
    if description:
        return str(description)
    return "see `privlint schema` for the expected form"


def _subject(path: Sequence[Any]) -> str:
    """A readable name for the node at ``path``: its key, or its list and index."""
    if not path:
        return "the policy"
    parts = [str(p) if isinstance(p, str) else f"[{p}]" for p in path]
    return ".".join(parts).replace(".[", "[")


def _show(value: Any) -> str:
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, (dict, list)):
        return "a mapping" if isinstance(value, dict) else "a list"
    return json.dumps(value)


def type_message(subject: str, expected: str | list[str], value: Any) -> str:
    """``subject`` must be of the JSON Schema type(s) ``expected``, and ``value`` is not."""
    return f"{subject} must be {_type_name(expected)}, found {_found(value)}"


def _found(value: Any) -> str:
    """The kind of ``value``, said once, with the value itself where it is short enough to help."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"the boolean {json.dumps(value)}"
    if isinstance(value, (int, float)):
        return f"the number {json.dumps(value)}"
    if isinstance(value, str):
        return f"the string {value!r}"
    return "a mapping" if isinstance(value, dict) else "a list"


_TYPE_NAMES = {
    "object": "a mapping",
    "array": "a list",
    "string": "a string",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "null": "null",
}


def _type_name(value: Any) -> str:
    if isinstance(value, list):
        return " or ".join(_TYPE_NAMES.get(v, str(v)) for v in value)
    return _TYPE_NAMES.get(value, str(value))


def _did_you_mean(value: Any, allowed: Sequence[str]) -> str:
    if not isinstance(value, str):
        return ""
    import difflib  # noqa: PLC0415 - only when a value is wrong

    close = difflib.get_close_matches(value, allowed, n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""
