"""JSON documents as privlint writes them: indented by two spaces, UTF-8 text kept as text.

The JSON and SARIF outputs and the baseline file can hold hundreds of thousands of findings.
``json.dumps`` with ``indent`` takes the standard library's pure-Python encoder (its C
encoder only writes compact JSON), which took 11 s of a 14 s run at 80,000 findings
(issue 16). orjson writes the same text (two-space indent, ``": "`` and ``","`` separators,
keys in insertion order, non-ASCII characters unescaped) about ten times faster. Where orjson
refuses a value that the standard library accepts (a lone surrogate, an integer beyond 64
bits, a key that is not a string) the standard library writes it, so no document is lost.
"""

from __future__ import annotations

import json
from typing import Any

from privlint import printable


def document(data: Any, *, printable_only: bool = True) -> str:
    """``data`` as indented JSON text ending in a line feed.

    With ``printable_only`` (the outputs read in terminals and CI logs), C1 controls, DEL and
    bidi characters are written as ``\\uXXXX`` escapes (``printable.json_text``); JSON
    escapes the C0 controls itself.
    """
    import orjson  # noqa: PLC0415 - only the JSON outputs need it, not every start

    try:
        # The line feed appended by orjson: adding it to the text would copy all of it again.
        text = orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE).decode("utf-8")
    except (TypeError, orjson.JSONEncodeError):
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return printable.json_text(text) if printable_only else text
