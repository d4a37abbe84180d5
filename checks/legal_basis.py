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

from privlint import knowledge
from privlint.item_uses import ItemKeywords
from privlint.model import Policy, Processing
from privlint.passages import passages
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


# --- issue 12: consent in the prose, the basis of statutory records, contract necessity ----------


def _quote(sentence: str, limit: int = 110) -> str:
    """A sentence for a message: whole if short, else its start."""
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rstrip() + "…"


@rule(
    "LB007",
    "implied-consent-in-prose",
    severity=ERROR,
    articles=("GDPR 4(11)", "GDPR 7(2)", "GDPR 7(4)", "GDPR 13(1)(c)"),
    hint="remove the sentence: a notice informs, it does not collect consent; state the legal basis "
    "per processing, and where consent is the basis ask for it by a separate, clear act",
)
def implied_consent_in_prose(policy: Policy) -> Iterator[Hit]:
    """The notice treats buying or using the service as agreement to the processing.

    Consent is a freely given, specific, informed and unambiguous indication of wishes, by
    a statement or a clear affirmative act (GDPR 4(11)); a request for it must be
    distinguishable from other matters (7(2)), and it may not be made a condition of a
    service that does not need the data (7(4), recital 43). A sentence such as "by buying
    our products you agree that we process your data" bundles consent with the purchase:
    that is not valid consent, and it contradicts the legal bases the notice states for
    each processing. The phrases the rule looks for (Dutch, French, English) are listed in
    ``privlint/data/phrases.toml`` (``implied_consent``) with their sources.

    Fails::

        notice:
          sections:
            - id: who_we_are
              text:
                nl: Door onze producten aan te schaffen geef je aan ermee akkoord te gaan dat we je gegevens verwerken.

    Passes::

        notice:
          sections:
            - id: who_we_are
              text:
                nl: Wij verwerken je gegevens op de rechtsgronden die per verwerking vermeld staan.
    """
    for passage in passages(policy):
        for found in knowledge.find_phrase("implied_consent", passage.text):
            yield Hit(
                passage.pointer,
                f"{passage.owner} treats buying or using the service as consent to the processing: "
                f"{_quote(found.sentence)!r} (implied, bundled consent is not consent)",
            )


@rule(
    "LB008",
    "statutory-records-without-legal-obligation",
    severity=WARNING,
    articles=("GDPR 6(1)(c)", "GDPR 6(3)", "GDPR 13(1)(c)", "BE BTW-Wetboek art. 60, § 4", "BE WIB 92 art. 315"),
    hint="keeping these records is a legal obligation: state it as legal_basis: legal_obligation with the law "
    "under legal_obligation (a processing of its own if the contract stays the basis of the rest)",
)
def statutory_records_without_legal_obligation(policy: Policy) -> Iterator[Hit]:
    """A processing keeps records that the law requires, but its basis is not a legal obligation.

    Invoices, VAT records, accounting books and social documents must be kept for years
    because Belgian law says so (BTW-Wetboek art. 60, WIB 92 art. 315, WER book III). Once
    the contract is performed, the contract no longer justifies keeping them: the law does
    (GDPR 6(1)(c), naming the law, 6(3)). A processing whose name shows it keeps such records
    (as for RET005, only its own id and name are matched) and whose basis is something
    else is reported, unless another processing of the policy keeps the same records on a
    legal obligation.

    Fails::

        processing_activities:
          - id: invoicing
            name: {nl: Klanten facturatie en boekhouding}
            legal_basis: contract

    Passes::

        processing_activities:
          - id: invoicing
            name: {nl: Klanten facturatie}
            legal_basis: contract
          - id: bookkeeping
            name: {nl: Boekhouding en bewaring van facturen}
            legal_basis: legal_obligation
            legal_obligation: {law: BTW-Wetboek, provision: "art. 60, § 4"}
    """
    kept_by_law: set[str] = set()
    candidates: list[tuple[Processing, tuple[knowledge.RetentionLimit, ...]]] = []
    for processing in policy.processings:
        minimums = _statutory_minimums(processing)
        if not minimums:
            continue
        if processing.legal_basis == "legal_obligation":
            kept_by_law.update(limit.id for limit in minimums)
        elif processing.legal_basis is not None:
            candidates.append((processing, minimums))
    for processing, minimums in candidates:
        unmet = [limit for limit in minimums if limit.id not in kept_by_law]
        if unmet:
            yield Hit(
                _basis_pointer(processing),
                f"{processing.owner} keeps records that Belgian law requires to be kept "
                f"({', '.join(limit.id for limit in unmet)}), but its legal basis is {processing.legal_basis}, "
                "not legal_obligation",
                hint=f"state legal_basis: legal_obligation with legal_obligation: {{law: ...}} ({unmet[0].source})",
            )


def _statutory_minimums(processing: Processing) -> tuple[knowledge.RetentionLimit, ...]:
    names = (processing.id, *(processing.name.by_language.values() if processing.name else ()))
    return tuple(limit for limit in knowledge.applicable_retention_limits(names) if limit.kind == "minimum")


@rule(
    "LB009",
    "contract-basis-for-non-parties",
    severity=WARNING,
    articles=("GDPR 6(1)(b)", "GDPR 6(1)(f)", "GDPR 13(1)(c)"),
    hint="the contact persons of a business customer or supplier are not party to the contract: rely on "
    "legitimate interests (legal_basis: legitimate_interest) and state the interest",
)
def contract_basis_for_non_parties(policy: Policy) -> Iterator[Hit]:
    """A processing relies on a contract for the data of people who are not party to it.

    GDPR 6(1)(b) covers processing necessary for a contract *to which the data subject is
    party*. When the customer or supplier is a company, the contract binds the company; its
    employees whose work e-mail address or professional phone number the organisation uses
    are not parties, so the contract cannot be the basis for their data (legitimate
    interests can be). The rule reports each processing with a contract basis that uses such
    contact-person data, at the first such item; the words it looks for are the
    ``contact_person_items`` list in ``privlint/data/phrases.toml``.

    Fails::

        data_items:
          - id: work_email
            name: {nl: Werk e-mailadres}
        processing_activities:
          - id: delivery
            legal_basis: contract
            data_items: [work_email]

    Passes::

        data_items:
          - id: work_email
            name: {nl: Werk e-mailadres}
        processing_activities:
          - id: delivery
            legal_basis: legitimate_interest
            legitimate_interest: {nl: Contact houden met de contactpersonen van onze zakelijke klanten}
            data_items: [work_email]
    """
    contact_person = ItemKeywords("contact_person_items", policy)
    for processing in policy.processings:
        if processing.legal_basis != "contract":
            continue
        for ref in processing.data_items:
            found = contact_person.match(processing, ref)
            if found is not None:
                yield Hit(
                    ref.pointer,
                    f"{processing.owner} relies on a contract but uses {found.name!r}, the data of a contact "
                    "person at a business customer or supplier, who is not party to the contract",
                )
                break


@rule(
    "LB010",
    "purpose-not-necessary-for-contract",
    severity=WARNING,
    articles=("GDPR 6(1)(b)", "GDPR 5(1)(b)", "GDPR 13(1)(c)"),
    hint="give this purpose its own legal basis (legitimate interests with the interest stated, or consent), "
    "or remove it if it is not pursued",
)
def purpose_not_necessary_for_contract(policy: Policy) -> Iterator[Hit]:
    """A processing relies on a contract for a purpose the contract does not need.

    A contract is a legal basis only for what is objectively necessary to perform it (GDPR
    6(1)(b); EDPB Guidelines 2/2019). Feedback, marketing, promotion, analytics, statistics
    or security and fraud prevention serve the organisation and can be done without: they
    need a basis of their own. The rule reads each purpose of a processing with a contract
    basis (and, where it states no purposes, its text) for the words of the
    ``not_necessary_for_contract`` list in ``privlint/data/phrases.toml``.

    Fails::

        processing_activities:
          - id: delivery
            legal_basis: contract
            purposes:
              - nl: Zorgen voor correcte levering, track & trace en feedback

    Passes::

        processing_activities:
          - id: delivery
            legal_basis: contract
            purposes:
              - nl: Zorgen voor correcte levering en track & trace
    """
    for processing in policy.processings:
        if processing.legal_basis != "contract":
            continue
        texts = processing.purposes or ((processing.text,) if processing.text else ())
        for text in texts:
            for language, value in text.by_language.items():
                found = knowledge.match_keywords("not_necessary_for_contract", (value,))
                if found is not None:
                    yield Hit(
                        child(text.pointer, language),
                        f"{processing.owner} relies on a contract for {found.keyword.text!r}, "
                        "which is not necessary to perform the contract",
                    )
                    break


@rule(
    "LB011",
    "objection-answered-by-ending-service",
    severity=WARNING,
    articles=("GDPR 21(1)", "GDPR 7(4)", "GDPR 12(2)"),
    hint="say what happens on an objection as GDPR 21(1) requires: the processing stops unless there are "
    "compelling legitimate grounds; do not make the service depend on accepting it",
)
def objection_answered_by_ending_service(policy: Policy) -> Iterator[Hit]:
    """The notice answers an objection or a refusal by putting the service in question.

    A person who objects to processing based on legitimate interests or a public task is
    entitled to have it stopped unless the organisation shows compelling legitimate grounds
    that override their interests (GDPR 21(1)). Telling them that the contractual
    relationship will then be "evaluated", or that they may no longer be served, discourages
    the exercise of the right (12(2)) and makes the service conditional on processing it
    does not need (7(4)). The phrases the rule looks for are the ``objection_ends_service``
    list in ``privlint/data/phrases.toml``.

    Fails::

        notice:
          sections:
            - id: sharing
              text:
                nl: Verzet je je tegen het delen, dan evalueren we of een contractuele relatie mogelijk is.

    Passes::

        notice:
          sections:
            - id: sharing
              text:
                nl: Verzet je je tegen het delen, dan stoppen we het, tenzij dwingende gronden zwaarder wegen.
    """
    for passage in passages(policy):
        for found in knowledge.find_phrase("objection_ends_service", passage.text):
            yield Hit(
                passage.pointer,
                f"{passage.owner} answers an objection by putting the service in question: {_quote(found.sentence)!r}",
            )
