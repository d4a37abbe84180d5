"""docs/rules.md is generated from the registry and must not go stale."""

from __future__ import annotations

from privlint import catalogue, ruledocs

from support import REPO


def test_rules_reference_is_up_to_date():
    written = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    assert written == ruledocs.markdown(), "regenerate: python -m privlint.ruledocs > docs/rules.md"


def test_rules_reference_documents_every_rule_with_an_anchor():
    text = ruledocs.markdown()
    for code in catalogue.registry():
        assert f'<a id="{code.lower()}"></a>' in text
        assert f"({code})" in text
