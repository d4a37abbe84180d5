"""Validate policy data against the JSON Schema and explain each violation to a person.

The schema ships inside the package (``schemas/policy.schema.json``); nothing is ever
fetched from the network, and a schema that points at a remote ``$ref`` is refused.
"""

from __future__ import annotations

import difflib
import functools
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

from privlint import pointers

SCHEMA_FILE = "policy.schema.json"


@dataclass(frozen=True, slots=True)
class Violation:
    """One schema error, phrased for a person, at a JSON Pointer."""

    pointer: str
    message: str
    hint: str
    at_key: bool = False


class SchemaError(Exception):
    """The schema itself cannot be used (for example it names a remote reference)."""


def schema_text() -> str:
    return resources.files("schemas").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")


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


@functools.cache
def _validator() -> Any:
    from jsonschema import Draft202012Validator  # noqa: PLC0415 - costly import, only when validating
    from referencing import Registry  # noqa: PLC0415

    # An empty registry: any reference that is not inside the document fails instead of
    # being retrieved.
    return Draft202012Validator(policy_schema(), registry=Registry())


def validate(data: Any) -> list[Violation]:
    """Every violation in ``data``, in document order of their pointers."""
    violations: list[Violation] = []
    for error in _validator().iter_errors(data):
        violations.extend(_explain(error))
    return violations


def _explain(error: Any) -> Iterator[Violation]:
    pointer = pointers.from_path(error.absolute_path)
    keyword = error.validator
    subject = _subject(error.absolute_path)
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
        missing = [key for key in error.validator_value if key not in error.instance]
        for key in missing:
            yield Violation(pointer, f"{subject} is missing the required key {key!r}", f"add '{key}:'")
    elif keyword == "enum":
        allowed = [str(v) for v in error.validator_value]
        yield Violation(
            pointer,
            f"{subject} {found} is not one of: {', '.join(allowed)}" + _did_you_mean(error.instance, allowed),
            "use one of the allowed values",
        )
    elif keyword == "type":
        yield Violation(
            pointer,
            f"{subject} must be {_type_name(error.validator_value)}, "
            f"found {_type_name(_json_type(error.instance))} {found}",
            "change the value's type"
            + (" (quote it to make it a string)" if error.validator_value == "string" else ""),
        )
    elif "propertyNames" in error.relative_schema_path:
        yield Violation(
            pointers.child(pointer, str(error.instance)),
            f"key {found} in {subject} is not a language code (two lowercase letters such as nl, en, fr)",
            "use an ISO 639-1 language code",
            at_key=True,
        )
    elif keyword == "pattern":
        yield Violation(
            pointer,
            f"{subject} {found} does not match the expected form {error.validator_value}",
            _pattern_hint(error),
        )
    elif keyword in ("minProperties", "minLength", "minItems"):
        yield Violation(pointer, f"{subject} is empty", "give it a value or remove it")
    else:
        yield Violation(pointer, f"{subject}: {error.message}", "see `privlint schema` for the expected shape")


def _pattern_hint(error: Any) -> str:
    description = error.schema.get("description")
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


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    return "object" if isinstance(value, dict) else "array"


_TYPE_NAMES = {
    "object": "a mapping",
    "array": "a list",
    "string": "a string",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "null": "empty",
}


def _type_name(value: Any) -> str:
    if isinstance(value, list):
        return " or ".join(_TYPE_NAMES.get(v, str(v)) for v in value)
    return _TYPE_NAMES.get(value, str(value))


def _did_you_mean(value: Any, allowed: Sequence[str]) -> str:
    if not isinstance(value, str):
        return ""
    close = difflib.get_close_matches(value, allowed, n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""
