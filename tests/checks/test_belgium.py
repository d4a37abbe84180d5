"""BE: properties over generated enterprise numbers and authority websites, and the bundled policy."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from privlint import knowledge
from privlint.config import Config
from privlint.engine import lint
from privlint.findings import Severity

from support import POLICY, lint_text, where

GBA = knowledge.supervisory_authority("BE")
assert GBA is not None

ten_digits = st.tuples(st.sampled_from("01"), st.text("0123456789", min_size=9, max_size=9)).map("".join)


def enterprise_policy(number: str) -> str:
    return f'controller:\n  address: {{country: BE}}\n  enterprise_number: "{number}"\n'


def passes_mod_97(digits: str) -> bool:
    """An independent statement of the check (the rule itself asks python-stdnum)."""
    return int(digits) > 0 and (int(digits[:8]) + int(digits[8:])) % 97 == 0


@given(ten_digits)
def test_the_number_is_accepted_exactly_when_its_check_digits_match(digits: str) -> None:
    expected = [] if passes_mod_97(digits) else [("BE001", 3, 22)]
    dotted = f"{digits[:4]}.{digits[4:7]}.{digits[7:]}"
    for written in (digits, dotted, f"BE{dotted}"):
        assert where(lint_text(enterprise_policy(written), select=["BE001"])) == expected


@given(st.integers(min_value=1, max_value=19_999_999))
def test_the_computed_check_digits_make_any_number_valid(base: int) -> None:
    digits = f"{base:08d}{97 - base % 97:02d}"
    assert lint_text(enterprise_policy(digits), select=["BE001"]) == []


@given(
    st.sampled_from(GBA.websites),
    st.sampled_from(("", "http://", "https://")),
    st.sampled_from(("", "www.")),
    st.booleans(),
    st.sampled_from(("", "/", "/nl/burger")),
)
def test_an_official_website_is_recognised_however_it_is_written(
    website: str, scheme: str, www: str, upper: bool, path: str
) -> None:
    host = website.split("//", 1)[1].removeprefix("www.")
    url = f"{scheme}{www}{host.upper() if upper else host}{path}"
    policy = (
        f"controller: {{address: {{country: BE}}}}\nsupervisory_authority:\n  url: {url}\n"
        f"  email: {GBA.email}\n  phone: {GBA.phone}\n"
    )
    # Only a website written with http:// is remarked on (it is the authority's, served over https).
    expected = [("BE002", 3, 8)] if scheme == "http://" else []
    assert where(lint_text(policy, select=["BE002"])) == expected


@given(st.from_regex(r"[a-z]{3,12}\.(be|eu|com)", fullmatch=True))
def test_another_website_is_reported_at_the_url(host: str) -> None:
    official = {website.split("//", 1)[1].removeprefix("www.") for website in GBA.websites}
    policy = (
        f"controller: {{address: {{country: BE}}}}\nsupervisory_authority:\n  url: https://{host}\n"
        f"  email: {GBA.email}\n  phone: {GBA.phone}\n"
    )
    expected = [] if host in official else [("BE002", 3, 8)]
    assert where(lint_text(policy, select=["BE002"])) == expected


def test_a_wrong_detail_is_an_error_and_a_missing_or_http_one_a_remark() -> None:
    policy = (
        "controller: {address: {country: BE}}\n"
        "supervisory_authority:\n"
        "  name: Gegevensbeschermingsautoriteit\n"
        "  address: {street: Hoogstraat 139, postcode: '1000'}\n"
        "  url: http://www.gegevensbeschermingsautoriteit.be\n"
    )
    found = [(f.line, f.column, f.severity.label) for f in lint_text(policy, select=["BE002"])]
    assert found == [(3, 3, "info"), (3, 3, "info"), (4, 21, "error"), (5, 8, "info")]


def test_a_configured_severity_applies_to_every_finding_of_the_rule() -> None:
    policy = "controller: {address: {country: BE}}\nsupervisory_authority:\n  name: Privacycommissie\n"
    config = Config(severity={"BE002": Severity.WARNING})
    assert {f.severity for f in lint_text(policy, select=["BE002"], config=config)} == {Severity.WARNING}


def test_the_bundled_policy_has_the_audits_belgian_remarks_and_no_error() -> None:
    """Audit B45 (authority: http, no e-mail, no phone) and B55 (the enterprise number's BE prefix)."""
    findings = lint([POLICY], Config().with_options(select=("BE",))).findings
    assert [(f.file, f.line, f.column, f.code, f.severity.label) for f in findings] == [
        ("policy/notice.yaml", 176, 22, "BE004", "info"),
        ("policy/rights.yaml", 51, 3, "BE002", "info"),
        ("policy/rights.yaml", 51, 3, "BE002", "info"),
        ("policy/rights.yaml", 56, 8, "BE002", "info"),
    ]
    assert "'BE0414.321.345' is written as a VAT number" in findings[0].message
    assert [f.message.split(" is ")[0] for f in findings[1:3]] == [
        "the Gegevensbeschermingsautoriteit's e-mail address",
        "the Gegevensbeschermingsautoriteit's phone number",
    ]
