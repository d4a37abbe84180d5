"""Policy text made safe for a terminal: control and format characters become visible escapes.

A policy may hold any Unicode text; printed as it is, an escape sequence (ESC ``[2J``) or a
bidirectional override could rewrite what the reader sees. Text reporters pass every value
taken from the policy through ``printable``.
"""

from __future__ import annotations

import unicodedata


def printable(text: str) -> str:
    """``text`` with every control, format, surrogate or unassigned character as ``\\uXXXX``."""
    if text.isprintable():
        return text
    return "".join(_visible(character) for character in text)


def _visible(character: str) -> str:
    if character == " " or unicodedata.category(character)[0] not in {"C", "Z"} or character == "\u00a0":
        return character
    code = ord(character)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"
