"""Rule documentation from the registry: `privlint rules`, `privlint rule CODE`, docs/rules.md."""

from __future__ import annotations

import json

from privlint.rules import Rule


def _rules() -> list[Rule]:
    from privlint import catalogue  # noqa: PLC0415

    return list(catalogue.registry().values())


def catalogue(output_format: str = "text") -> str:
    """Every rule, one per line (text) or as a JSON list."""
    rules = _rules()
    if output_format == "json":
        data = [
            {
                "code": r.code,
                "name": r.name,
                "severity": r.severity.label,
                "articles": list(r.articles),
                "summary": r.summary,
                "hint": r.hint,
            }
            for r in rules
        ]
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    width = max(len(r.name) for r in rules)
    lines = [
        f"{r.code}  {r.name:<{width}}  {r.severity.label:<7}  {', '.join(r.articles)}\n        {r.summary}"
        for r in rules
    ]
    return "\n".join(lines) + "\n"


def explain(rule: Rule) -> str:
    """The full explanation of one rule, in Markdown like ``ruff rule``."""
    parts = [
        f"# {rule.name} ({rule.code})",
        f"Severity: {rule.severity.label}. Enforces: {', '.join(rule.articles)}.",
        rule.summary,
    ]
    if rule.explanation:
        parts.append(rule.explanation)
    parts.append(f"How to fix: {rule.hint}.")
    for label, example in (("Fails", rule.fails), ("Passes", rule.passes)):
        if example:
            parts.append(f"{label}:\n\n```yaml\n{example}```")
    return "\n\n".join(parts) + "\n"


def markdown() -> str:
    """The rule reference, ``docs/rules.md``: generated, checked in, tested for staleness."""
    from privlint import catalogue  # noqa: PLC0415

    parts = [
        "# privlint rules",
        "",
        (
            "Generated from the rule registry by `python -m privlint.ruledocs > docs/rules.md`;"
            " a test fails when this file is stale. `privlint rule CODE` prints one entry."
        ),
        "",
        "| code | name | severity | articles | summary |",
        "|---|---|---|---|---|",
    ]
    rules = _rules()
    parts.extend(
        f"| [{r.code}](#{r.code.lower()}) | {r.name} | {r.severity.label} | {', '.join(r.articles)} | {r.summary} |"
        for r in rules
    )
    for module in catalogue.families():
        family = catalogue.rules_of(module)
        doc = (module.__doc__ or "").strip()
        parts.extend(["", f"## {doc.splitlines()[0]}", ""])
        rest = "\n".join(doc.splitlines()[1:]).strip()
        if rest:
            parts.extend([rest, ""])
        for r in family:
            parts.extend(["", f'<a id="{r.code.lower()}"></a>', "", explain(r).replace("# ", "### ", 1).rstrip()])
    return "\n".join(parts) + "\n"


if __name__ == "__main__":
    print(markdown(), end="")  # noqa: T201 - the documented way to regenerate docs/rules.md
