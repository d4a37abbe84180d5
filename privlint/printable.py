"""Policy and notice text made safe to print: control and bidi characters shown as escapes.

A policy is untrusted input that reaches terminals and CI logs. An ESC sequence in a data
item's name can rewrite the screen or the clipboard (OSC 52), a line break can forge a
finding or a GitHub workflow command, a carriage return can hide a line, and bidi controls
can make text read differently from what it is (CVE-2021-42574, "Trojan Source"). Every
text output shows them as Python-style escapes instead: ``\\x1b``, ``\\n``, ``\\u202e``.
"""

from __future__ import annotations

import re

# Besides the C0 and C1 controls and DEL: the Unicode line and paragraph separators, and the
# bidi embedding, override, isolate and mark characters.
_INVISIBLE = "\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_IN_LINE = re.compile(f"[\x00-\x1f\x7f-\x9f{_INVISIBLE}]")
_IN_DOCUMENT = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_INVISIBLE}]")  # keeps tab and line feed
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def line(text: str) -> str:
    """``text`` for one line of output: every control, line break and bidi character escaped."""
    return _IN_LINE.sub(_escape, text)


_IN_JSON = re.compile(f"[\x7f-\x9f{_INVISIBLE}]")


def json_text(text: str) -> str:
    """JSON text (which escapes C0 controls itself) with C1, DEL and bidi characters as ``\\uXXXX`` escapes."""
    return _IN_JSON.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def document(text: str, *, colon: str = "\\:") -> str:
    """``text`` of several lines: as ``line`` but line feeds and tabs are kept.

    A line that starts with ``::`` would be a GitHub Actions workflow command when the text
    is printed in a CI log: its first colon is written as ``colon`` (``\\:`` in text and
    Markdown, ``&#58;`` in HTML), so that no policy text can start one.
    """
    return no_command(_IN_DOCUMENT.sub(_escape, text), colon=colon)


_COMMAND = re.compile(r"^::", re.MULTILINE)


def no_command(text: str, *, colon: str = "\\:") -> str:
    """``text`` with the first colon of each line that starts with ``::`` written as ``colon``."""
    return _COMMAND.sub(lambda _match: colon + ":", text)
