"""JSON Pointers (RFC 6901) into the merged policy model."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any


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


def step(node: Any, token: str) -> Any:
    """The child of ``node`` that ``token`` names (a mapping's key, a list's index), or None."""
    if isinstance(node, Mapping):
        return node.get(token)
    if isinstance(node, list) and token.isdigit() and int(token) < len(node):
        return node[int(token)]
    return None


def trail(data: Any, pointer: str) -> list[Any]:
    """The nodes from ``data``'s child down to the node at ``pointer``, in order.

    Shorter than the pointer's tokens where the pointer leaves the document.
    """
    nodes: list[Any] = []
    node = data
    for token in tokens(pointer):
        node = step(node, token)
        if node is None:
            break
        nodes.append(node)
    return nodes


def resolve(data: Any, pointer: str) -> Any:
    """The node at ``pointer`` in ``data``, or None when the document has no such node."""
    if not pointer:
        return data
    nodes = trail(data, pointer)
    return nodes[-1] if len(nodes) == len(tokens(pointer)) else None
