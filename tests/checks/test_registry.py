"""Meta-tests over the rule catalogue: every rule is complete, documented and tested."""

from __future__ import annotations

import re

import pytest

from privlint import catalogue
from privlint.findings import Finding
from privlint.rules import CODE_PATTERN, Rule, Stage
from privlint.waiver_rules import EXAMPLE_POLICY

from support import lint_files, lint_text
from test_cases import CASES, load_cases

RULES = list(catalogue.registry().values())
# Drift rules' examples need a notice text beside the policy; tests/notice/test_notice_drift.py
# runs their failing and passing examples through `privlint diff`.
LINTED = [rule for rule in RULES if rule.stage is not Stage.NOTICE]
# The stage of each family: the loader, the schema, the model's checks, the waivers, `privlint diff`.
STAGES = {"YML": Stage.READING, "SCH": Stage.SCHEMA, "WVR": Stage.WAIVERS, "DRF": Stage.NOTICE}


def by_code(rule: Rule) -> str:
    return rule.code


def example_findings(rule: Rule, example: str) -> list[Finding]:
    """The findings of a rule's example; WVR examples are waiver files for ``EXAMPLE_POLICY``."""
    if rule.family != "WVR":
        return lint_text(example, select=[rule.code])
    files = {"policy.yaml": EXAMPLE_POLICY, "waivers.yaml": example}
    return [f for f in lint_files(files, select=[rule.code, "REF001"]).findings if not f.waived]


def test_the_catalogue_has_every_documented_family():
    families = {rule.family for rule in RULES}
    assert {"YML", "SCH", "REF"} <= families


@pytest.mark.parametrize("rule", RULES, ids=by_code)
def test_rule_is_complete(rule: Rule):
    assert CODE_PATTERN.match(rule.code)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name)
    assert rule.articles, "every rule names the articles it enforces"
    assert all(re.match(r"^(GDPR|BE|Belgian|Law|Wet|EDPB|WP29) ", a) for a in rule.articles), rule.articles
    assert rule.hint
    assert rule.summary
    assert rule.summary.endswith(".")
    assert rule.explanation, "a plain-language explanation for a non-engineer"
    assert rule.fails
    assert rule.passes
    assert rule.stage is STAGES.get(rule.family, Stage.MODEL)
    assert (rule.check is None) == (rule.stage is not Stage.MODEL), "only the model's checks have a check function"


def test_only_reading_and_schema_errors_are_always_on():
    always = sorted(rule.code for rule in RULES if rule.always_on)
    assert always == ["SCH001", "YML001", "YML002", "YML003"]


def test_the_model_checks_live_in_the_checks_package_and_the_engine_rules_beside_their_stage():
    for module in catalogue.families():
        stages = {rule.stage for rule in catalogue.rules_of(module)}
        in_checks = module.__name__.startswith("privlint.checks.")
        assert stages == {Stage.MODEL} if in_checks else Stage.MODEL not in stages, module.__name__


def test_names_are_unique():
    names = [rule.name for rule in RULES]
    assert len(names) == len(set(names))


def test_each_family_module_documents_itself_and_holds_one_family():
    for module in catalogue.families():
        assert module.__doc__
        codes = {value.family for value in vars(module).values() if isinstance(value, Rule)}
        assert len(codes) == 1, (module.__name__, codes)


@pytest.mark.parametrize("rule", LINTED, ids=by_code)
def test_failing_example_fires(rule: Rule):
    assert rule.fails is not None
    findings = example_findings(rule, rule.fails)
    assert rule.code in [f.code for f in findings]


@pytest.mark.parametrize("rule", LINTED, ids=by_code)
def test_passing_example_is_clean(rule: Rule):
    assert rule.passes is not None
    findings = example_findings(rule, rule.passes)
    # Reading and schema findings would stop the checks and make any example "pass".
    assert [f"{f.code} {f.message}" for f in findings] == []


@pytest.mark.parametrize("rule", RULES, ids=by_code)
def test_rule_has_a_case_file_with_failing_and_passing_cases(rule: Rule):
    path = CASES / f"{rule.code}.yaml"
    assert path.exists(), f"missing {path.name}"
    document = load_cases(path)
    assert document["rule"] == rule.code
    outcomes = [bool(case["expect"]) for case in document["cases"]]
    assert True in outcomes
    assert False in outcomes
    assert any(e.get("message") for case in document["cases"] for e in case["expect"]), "check a message once"
