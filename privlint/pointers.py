"""JSON Pointers (RFC 6901) into the merged policy model."""

from __future__ import annotations

from collections.abc import Iterable


def escape(token: str | int) -> str:
    text = str(token)
    # Ids and indices never need escaping; the model builds a pointer for every object.
    if "~" in text or "/" in text:
        return text.replace("~", "~0").replace("/", "~1")
    return text


def join(*tokens: str | int) -> str:
    return "".join("/" + escape(token) for token in tokens)


def child(pointer: str, token: str | int) -> str:
    return f"{pointer}/{escape(token)}"


def tokens(pointer: str) -> list[str]:
    if not pointer:
        return []
    if "~" not in pointer:
        return pointer[1:].split("/")
    return [t.replace("~1", "/").replace("~0", "~") for t in pointer[1:].split("/")]


def parent(pointer: str) -> str:
    return pointer.rsplit("/", 1)[0] if pointer else ""


def from_path(path: Iterable[str | int]) -> str:
    return join(*path)
