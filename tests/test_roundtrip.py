"""Reading the bundled policy, dumping it with ruamel.yaml round-trip and reading it again gives the same model."""

from __future__ import annotations

import io
from pathlib import Path

from ruamel.yaml import YAML

from privlint.engine import lint

from support import POLICY


def round_trip(source: Path, target: Path) -> str:
    yaml = YAML()  # round-trip: comments and key order are kept
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    data = yaml.load(source.read_text(encoding="utf-8"))
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    target.write_text(buffer.getvalue(), encoding="utf-8")
    return buffer.getvalue()


def test_round_trip_dump_gives_the_same_model_with_comments_and_order(tmp_path: Path):
    dumped = {path.name: round_trip(path, tmp_path / path.name) for path in sorted(POLICY.glob("*.yaml"))}
    original = lint([POLICY]).policy
    again = lint([tmp_path]).policy
    assert original is not None
    assert again == original
    assert "# No legal_obligation: the notice does not name the law (LB005)." in dumped["sharing.yaml"]
    sections = [line.split(":")[0] for line in dumped["sharing.yaml"].splitlines() if line and line[0].isalpha()]
    assert sections == [
        *("recipient_categories", "recipients", "sharing"),
        *("named_recipient_categories", "default_recipient_role"),
    ]
