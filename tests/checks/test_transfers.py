"""TRF: properties over generated policies (breaking the model fires the rule at the place; repairing silences it)."""

from __future__ import annotations

import string

from hypothesis import given
from hypothesis import strategies as st

from privlint import config as configuration
from privlint import knowledge

from support import lint_text, where

EU_ONLY_OFF = configuration.parse({"eu_only": False}, "test")


def _inside() -> frozenset[str]:
    # "EU" is also a two-letter code (ISO reserves it for the Union): the location word, inside.
    return knowledge.eea_countries() | frozenset(knowledge.outermost_regions()) | {"EU"}


def _unprotected(code: str) -> bool:
    """Outside the EEA (under any spelling) and without an adequacy decision."""
    iso = knowledge.country_code_aliases().get(code, code)
    return code not in _inside() and iso not in _inside() and iso not in knowledge.adequacy_decisions()


# Norway's NO is quoted in the policies below; other two-letter codes are plain scalars.
codes = st.text(alphabet=string.ascii_uppercase, min_size=2, max_size=2)
unprotected = codes.filter(_unprotected)
eu_states = st.sampled_from(sorted(knowledge.eu_countries()))


def recipient_policy(country: str, mechanism: str | None = None, location: str = "EU") -> str:
    """A recipient ``host`` in ``country`` (its value at 3:14), used by one processing activity.

    The location value is at 6:17 and the reference to ``host`` at 7:18, one line lower
    with a ``mechanism``.
    """
    lines = [
        "recipients:",
        "  - id: host",
        f'    country: "{country}"',
        *([f"    transfer_mechanism: {mechanism}"] if mechanism else []),
        "processing_activities:",
        "  - id: invoicing",
        f'    locations: ["{location}"]',
        "    recipients: [host]",
    ]
    return "\n".join(lines) + "\n"


@given(unprotected)
def test_a_recipient_without_adequacy_needs_a_safeguard(country: str) -> None:
    findings = lint_text(recipient_policy(country), select=["TRF002"])
    assert where(findings) == [("TRF002", 3, 14)]
    assert f"country {country!r} of recipient 'host'" in findings[0].message
    repaired = recipient_policy(country, "standard_contractual_clauses")
    assert lint_text(repaired, select=["TRF002"]) == []


@given(unprotected)
def test_a_location_without_adequacy_is_reported_at_the_location(country: str) -> None:
    policy = recipient_policy("BE", location=country)
    assert where(lint_text(policy, select=["TRF002"])) == [("TRF002", 6, 17)]
    repaired = recipient_policy("BE", "binding_corporate_rules", location=country)
    assert lint_text(repaired, select=["TRF002"]) == []


@given(st.sampled_from(sorted(knowledge.adequacy_decisions())).filter(lambda code: len(code) == 2))
def test_adequacy_decisions_with_a_limited_scope_need_a_declared_mechanism(country: str) -> None:
    decision = knowledge.adequacy_decisions()[country]
    findings = lint_text(recipient_policy(country), select=["TRF002"])
    if decision.partial:
        assert where(findings) == [("TRF002", 3, 14)]
        assert "has a limited scope and does not cover the transfer by itself" in findings[0].message
    else:
        assert findings == []
    assert lint_text(recipient_policy(country, "adequacy_decision"), select=["TRF002"]) == []


@given(codes)
def test_eu_only_reports_exactly_what_is_outside_the_eea(country: str) -> None:
    policy = recipient_policy("BE", "standard_contractual_clauses", location=country)
    iso = knowledge.country_code_aliases().get(country, country)
    expected = [] if iso in _inside() else [("TRF003", 7, 17)]  # below the mechanism
    assert where(lint_text(policy, select=["TRF003"])) == expected
    assert lint_text(policy, select=["TRF003"], config=EU_ONLY_OFF) == []


@given(eu_states, eu_states)
def test_a_country_location_covers_only_that_country(location: str, country: str) -> None:
    findings = lint_text(recipient_policy(country, location=location), select=["TRF004"])
    assert where(findings) == ([] if location == country else [("TRF004", 7, 18)])
    assert lint_text(recipient_policy(country, location="EU"), select=["TRF004"]) == []


@given(codes)
def test_outside_the_eu_without_a_country_covers_every_state_outside_the_eu(country: str) -> None:
    # "Buiten de EU" with no country is location ZZ: a recipient in India agrees with it,
    # a recipient in Belgium does not.
    findings = lint_text(recipient_policy(country, location="ZZ"), select=["TRF004"])
    iso = knowledge.country_code_aliases().get(country, country)
    regions = knowledge.outermost_regions()
    state = regions[iso].part_of if iso in regions else iso  # an outermost region is its member state's
    assert where(findings) == ([("TRF004", 7, 18)] if state in knowledge.eu_countries() else [])
