"""Precision: every rule, the new legal-depth rules above all, is silent on correct policies.

A rule that fires on a correct notice is worse than no rule. Besides the compliant Smet-Jet
fixture (tests/test_compliant_fixture.py), two small correct policies of other trades and
regions: a Ghent dental practice processing health data under GDPR 9(2)(h), and a Walloon
webshop, written in French, with a US newsletter processor under the EU-US Data Privacy
Framework and a consent-gated share button.
"""

from __future__ import annotations

import pytest

from privlint import catalogue
from privlint.config import Config
from privlint.engine import lint

from support import REPO

FIXTURES = REPO / "tests" / "fixtures"
# The rules of issue 12 (new, or extended: AUD001, RET005, RET002), which these policies exercise.
LEGAL_DEPTH = (
    *("REF006", "LB007", "LB008", "LB009", "LB010", "LB011", "BE003", "TRF005", "RCP005", "RCP006"),
    *("TRN008", "TRN009", "TRN010", "COO001", "COO002", "SPC004", "RET006", "RET007", "AUD001", "RET005"),
)
CORRECT = [
    pytest.param("dental_ghent", Config(), id="dental practice, Ghent"),
    # The shop does not promise EU-only processing: its newsletter runs in the US (TRF003 is about that promise).
    pytest.param("webshop_wallonia", Config().with_options(eu_only=False), id="webshop, Namur"),
    pytest.param("compliant", Config(), id="compliant Smet-Jet"),
]


@pytest.mark.parametrize(("fixture", "config"), CORRECT)
def test_every_rule_is_silent_on_a_correct_policy(fixture: str, config: Config):
    result = lint([FIXTURES / fixture], config)
    assert [f"{f.file}:{f.line}:{f.column} {f.code} {f.message}" for f in result.findings] == []
    assert result.rules_run == len([rule for rule in catalogue.registry().values() if rule.check is not None])


def test_the_legal_depth_rules_are_all_registered_and_run():
    registry = catalogue.registry()
    assert [code for code in LEGAL_DEPTH if code not in registry or registry[code].check is None] == []


def test_the_correct_policies_use_what_the_new_rules_look_at():
    """Silence must come from compliance, not from an empty policy: the facts the rules read are there."""
    dental = lint([FIXTURES / "dental_ghent"], Config()).policy
    shop = lint([FIXTURES / "webshop_wallonia"], Config().with_options(eu_only=False)).policy
    assert dental is not None
    assert shop is not None
    assert {p.special_category_condition for p in dental.processings} >= {"health_or_social_care"}
    assert all(activity.provision_requirement is not None for activity in dental.processing_activities)
    assert any(p.legal_basis == "legal_obligation" and p.id == "patient_record" for p in dental.processings)
    assert shop.website is not None
    assert shop.website.social_plugins[0].loaded_before_consent is False
    assert {cookie.category for cookie in shop.website.cookie_list} == {"essential", "analytics"}
    assert {r.transfer_mechanism for r in shop.recipients if r.country == "US"} == {"adequacy_decision"}


def test_the_webshop_is_reported_only_for_the_eu_only_promise_it_does_not_make():
    findings = lint([FIXTURES / "webshop_wallonia"], Config()).findings
    assert {f.code for f in findings} == {"TRF003"}
