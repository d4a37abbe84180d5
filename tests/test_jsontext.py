"""privlint.jsontext: the indented JSON of the outputs and the baseline, written by orjson."""

from __future__ import annotations

import json

from privlint import jsontext

SAMPLE = {
    "findings": [
        {"message": "Gezondheidsgegevens: \u2018ziekteverzuim\u2019 — n°3", "line": 12, "waived": False, "hint": None},
        {"message": "tab\tline\nfeed \x1b[31m escape", "articles": ["6(1)(a)", "13(1)(c)"], "score": 0.5},
    ],
    "summary": {"total": 2, "files": [], "empty": {}},
}


def test_the_text_is_what_the_standard_library_writes_with_indent_2() -> None:
    # The format of the JSON output and the baseline file did not change with the encoder.
    assert jsontext.document(SAMPLE) == json.dumps(SAMPLE, ensure_ascii=False, indent=2) + "\n"


def test_c1_and_bidi_characters_are_escaped_only_in_printed_outputs() -> None:
    data = {"name": "a\u202eb\x85c"}
    assert jsontext.document(data) == '{\n  "name": "a\\u202eb\\u0085c"\n}\n'
    assert json.loads(jsontext.document(data)) == data
    assert jsontext.document(data, printable_only=False) == json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def test_values_orjson_refuses_are_written_by_the_standard_library() -> None:
    # A lone surrogate (a YAML "\ud800" escape), an integer beyond 64 bits, a non-string key.
    for data in ({"name": "\ud800"}, {"count": 2**70}, {1: "one"}):
        assert jsontext.document(data, printable_only=False) == json.dumps(data, ensure_ascii=False, indent=2) + "\n"
