"""LB — legal basis: every processing has a lawful basis, and its consequences are declared.

GDPR 6(1) allows personal data to be processed only on one of six grounds (consent,
contract, legal obligation, vital interests, public task, legitimate interests), and
GDPR 13(1)(c) requires the notice to state, for each purpose, which one applies. The
chosen ground brings obligations of its own: legitimate interests must be named
(13(1)(d)), consent must be revocable at any time (7(3), 13(2)(c)), processing on a
public task or legitimate interests can be objected to (21(1), 13(2)(b)), and a legal
obligation rests on a law that can be named (6(3)). These rules check that the policy
states the basis of every processing activity and sharing, and each of these consequences.
"""

from __future__ import annotations

from collections.abc import Iterator

from privlint.model import Policy, Processing
from privlint.pointers import child
from privlint.rules import ERROR, WARNING, Hit, rule

# The GDPR 6(1) bases whose processing the data subject may object to (GDPR 21(1)).
_OBJECTABLE = frozenset({"public_task", "legitimate_interest"})
# The GDPR 9(2)(a) condition: explicit consent is consent, and can be withdrawn too (GDPR 7(3)).
_EXPLICIT_CONSENT = "explicit_consent"


def _basis_pointer(processing: Processing) -> str:
    return child(processing.pointer, "legal_basis")


def _rights(policy: Policy) -> frozenset[str]:
    return frozenset(right.right for right in policy.rights)


def _consent_uses(policy: Policy) -> Iterator[tuple[Processing, str, str]]:
    """Every place a processing relies on consent: (processing, pointer, what it says)."""
    for processing in policy.processings:
        if processing.legal_basis == "consent":
            yield processing, _basis_pointer(processing), "consent (GDPR 6(1)(a))"
        if processing.special_category_condition == _EXPLICIT_CONSENT:
            pointer = child(processing.pointer, "special_category_condition")
            yield processing, pointer, "explicit consent (GDPR 9(2)(a))"


@rule(
    "LB001",
    "legal-basis-missing",
    severity=ERROR,
    articles=("GDPR 6(1)", "GDPR 13(1)(c)"),
    hint="add legal_basis: consent, contract, legal_obligation, vital_interest, public_task or legitimate_interest",
)
def legal_basis_missing(policy: Policy) -> Iterator[Hit]:
    """A processing activity or a sharing states no legal basis.

    Personal data may only be processed on one of the six grounds of GDPR 6(1): consent,
    a contract, a legal obligation, vital interests, a task in the public interest, or
    legitimate interests. The notice must tell the person, for every purpose, which of
    them applies. A processing activity or a sharing without a legal basis is processing
    that the policy cannot show to be lawful. (A value that is not one of the six is
    reported as a schema error instead.)

    Fails::

        processing_activities:
          - id: invoicing
            purposes: [{nl: Facturatie}]

    Passes::

        processing_activities:
          - id: invoicing
            purposes: [{nl: Facturatie}]
            legal_basis: contract
    """
    for processing in policy.processings:
        if processing.legal_basis is None:
            yield Hit(processing.pointer, f"{processing.owner} states no legal basis")


@rule(
    "LB002",
    "legitimate-interest-not-stated",
    severity=ERROR,
    articles=("GDPR 6(1)(f)", "GDPR 13(1)(d)"),
    hint="describe the interest pursued under legitimate_interest (e.g. legitimate_interest: {nl: ...})",
)
def legitimate_interest_not_stated(policy: Policy) -> Iterator[Hit]:
    """A processing relies on legitimate interests but does not say which interest.

    When processing is based on the legitimate interests of the organisation or of a
    third party (GDPR 6(1)(f)), the notice must say what those interests are. Only then
    can the person judge whether the interest outweighs their own rights, and decide
    whether to object. Writing "legitimate interest" without naming the interest does
    not meet this duty.

    Fails::

        processing_activities:
          - id: cctv
            legal_basis: legitimate_interest

    Passes::

        processing_activities:
          - id: cctv
            legal_basis: legitimate_interest
            legitimate_interest: {nl: Beveiliging van het bedrijfsterrein tegen diefstal}
    """
    for processing in policy.processings:
        if processing.legal_basis == "legitimate_interest" and processing.legitimate_interest is None:
            yield Hit(
                _basis_pointer(processing),
                f"{processing.owner} relies on legitimate interests but does not state the interest pursued",
            )


@rule(
    "LB003",
    "consent-without-withdrawal-right",
    severity=ERROR,
    articles=("GDPR 7(3)", "GDPR 13(2)(c)"),
    hint="add {right: withdraw_consent} to rights",
)
def consent_without_withdrawal_right(policy: Policy) -> Iterator[Hit]:
    """A processing relies on consent but the notice does not state the right to withdraw it.

    Consent can be withdrawn at any time, as easily as it was given, and the person must
    be told so before they consent. Where a processing activity or a sharing is based on
    consent (or, for special categories of data, on explicit consent), the list of rights
    must include the right to withdraw consent.

    Fails::

        processing_activities:
          - id: newsletter
            legal_basis: consent
        rights:
          - right: access

    Passes::

        processing_activities:
          - id: newsletter
            legal_basis: consent
        rights:
          - right: access
          - right: withdraw_consent
    """
    if "withdraw_consent" in _rights(policy):
        return
    for processing, pointer, basis in _consent_uses(policy):
        yield Hit(
            pointer,
            f"{processing.owner} relies on {basis} but rights does not state the right to withdraw consent",
        )


@rule(
    "LB004",
    "objection-right-missing",
    severity=ERROR,
    articles=("GDPR 21(1)", "GDPR 13(2)(b)"),
    hint="add {right: objection} to rights",
)
def objection_right_missing(policy: Policy) -> Iterator[Hit]:
    """A processing relies on a public task or legitimate interests but the right to object is not stated.

    When processing is based on a task carried out in the public interest (GDPR 6(1)(e))
    or on legitimate interests (GDPR 6(1)(f)), the person may object to it on grounds
    relating to their particular situation, and the notice must say so. The list of
    rights must then include the right to object.

    Fails::

        processing_activities:
          - id: cctv
            legal_basis: legitimate_interest
            legitimate_interest: {nl: Beveiliging van het bedrijfsterrein}
        rights:
          - right: access

    Passes::

        processing_activities:
          - id: cctv
            legal_basis: legitimate_interest
            legitimate_interest: {nl: Beveiliging van het bedrijfsterrein}
        rights:
          - right: access
          - right: objection
    """
    if "objection" in _rights(policy):
        return
    for processing in policy.processings:
        if processing.legal_basis in _OBJECTABLE:
            yield Hit(
                _basis_pointer(processing),
                f"{processing.owner} has legal_basis {processing.legal_basis}, which the data subject "
                "may object to, but rights does not state the right to object",
            )


@rule(
    "LB005",
    "legal-obligation-law-missing",
    severity=WARNING,
    articles=("GDPR 6(1)(c)", "GDPR 6(3)"),
    hint="name the law under legal_obligation: {law: ..., provision: ...}",
)
def legal_obligation_law_missing(policy: Policy) -> Iterator[Hit]:
    """A processing relies on a legal obligation but does not name the law that imposes it.

    A legal obligation is a lawful ground only when an EU or national law actually
    imposes the obligation (GDPR 6(3)). Naming that law lets the person, and the
    supervisory authority, check that the obligation exists and that the processing
    stays within it. Saying "we are legally obliged" without naming the law cannot be
    verified.

    Fails::

        sharing:
          - id: payroll
            legal_basis: legal_obligation

    Passes::

        sharing:
          - id: payroll
            legal_basis: legal_obligation
            legal_obligation:
              law: Wet van 12 april 1965 betreffende de bescherming van het loon der werknemers
    """
    for processing in policy.processings:
        if processing.legal_basis == "legal_obligation" and processing.legal_obligation is None:
            yield Hit(
                _basis_pointer(processing),
                f"{processing.owner} relies on a legal obligation but does not name the law that imposes it",
            )


@rule(
    "LB006",
    "consent-promised-but-unused",
    severity=WARNING,
    articles=("GDPR 7(3)", "GDPR 13(2)(c)", "GDPR 5(1)(a)"),
    hint="declare the processing that relies on consent (e.g. the cookies) with legal_basis: consent",
)
def consent_promised_but_unused(policy: Policy) -> Iterator[Hit]:
    """The notice speaks of consent, but no processing is declared to rely on it.

    The notice promises something that only makes sense for processing based on consent:
    the right to withdraw consent, or a request for consent to cookies on the website.
    Yet no processing activity or sharing states consent as its legal basis. The reader
    cannot tell which processing their consent covers, nor what stops when they withdraw
    it. Either the processing that relies on consent is missing from the policy, or the
    promise does not belong in it.

    Fails::

        processing_activities:
          - id: invoicing
            legal_basis: contract
        rights:
          - right: withdraw_consent

    Passes::

        processing_activities:
          - id: invoicing
            legal_basis: contract
          - id: newsletter
            legal_basis: consent
        rights:
          - right: withdraw_consent
    """
    if next(_consent_uses(policy), None) is not None:
        return
    withdrawal = next((right for right in policy.rights if right.right == "withdraw_consent"), None)
    website = policy.website
    cookies = website.cookies if website is not None and website.cookies_consent_requested else None
    promises = [
        *(["the right to withdraw consent"] if withdrawal is not None else []),
        *(["a request for consent to cookies"] if cookies is not None else []),
    ]
    where = withdrawal or cookies
    if where is None:
        return
    yield Hit(
        where.pointer,
        f"the policy promises {' and '.join(promises)}, but no processing activity or sharing "
        "relies on consent (legal_basis: consent)",
    )
