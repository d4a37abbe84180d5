"""TRN — transparency: the notice gives the information GDPR 13 requires in every case.

When personal data are collected, GDPR 13 lists what the person must be told: who the
controller is and how to reach it (13(1)(a)), the data protection officer's contact details
where one is designated (13(1)(b)), the rights the person has (13(2)(b)), the right to complain
to a supervisory authority (13(2)(d)) and whether decisions are taken about them by automated
means alone (13(2)(f)). GDPR 12 requires that information to be easy to access and that the
controller make the exercise of the rights easy (12(1), 12(2)). These rules check that the
policy states each of these facts; the facts that depend on a processing (purposes, legal
bases, recipients, retention) are checked by the LB, RCP and RET families.
"""

from __future__ import annotations

from collections.abc import Iterator
from types import MappingProxyType
from typing import Final

from privlint import knowledge
from privlint.item_uses import ItemKeywords
from privlint.model import Address, Controller, Policy
from privlint.passages import passages
from privlint.rules import ERROR, INFO, WARNING, Hit, rule

# The rights GDPR 13(2)(b) names, with the article that grants each. The right to withdraw
# consent (GDPR 7(3), 13(2)(c)) is LB003's, the right to complain (GDPR 77, 13(2)(d)) TRN004's.
_RIGHTS: Final = MappingProxyType(
    {
        "access": "the right of access (GDPR 15)",
        "rectification": "the right to rectification (GDPR 16)",
        "erasure": "the right to erasure (GDPR 17)",
        "restriction": "the right to restriction of processing (GDPR 18)",
        "objection": "the right to object (GDPR 21)",
        "portability": "the right to data portability (GDPR 20)",
    }
)
# GDPR 20(1)(a): portability applies to processing based on consent or on a contract.
_PORTABLE_BASES: Final = frozenset({"consent", "contract"})
_ADDRESS_PARTS: Final = ("street", "postcode", "city", "country")


def _controller_label(controller: Controller) -> str:
    return f"controller {controller.name!r}" if controller.name else "the controller"


def _missing_address_parts(address: Address | None, parts: tuple[str, ...]) -> list[str]:
    if address is None:
        return ["postal address"]
    return [f"address {part}" for part in parts if not getattr(address, part)]


@rule(
    "TRN001",
    "controller-identity-incomplete",
    severity=ERROR,
    articles=("GDPR 13(1)(a)",),
    hint="state controller: {name: ..., address: {street: ..., postcode: ..., city: ..., country: ...}}",
)
def controller_identity_incomplete(policy: Policy) -> Iterator[Hit]:
    """The notice does not fully identify the controller: its name or postal address is missing.

    The first thing a privacy notice must tell people is who is responsible for their data:
    the identity and contact details of the controller (GDPR 13(1)(a)). Without the
    organisation's name and a complete postal address (street, postcode, city and country)
    a person cannot tell who holds their data or where to write. The finding lists what is
    missing.

    Fails::

        controller:
          name: Smet-Jet NV
          address: {street: Nijverheidsstraat 3, city: Westerlo}

    Passes::

        controller:
          name: Smet-Jet NV
          address: {street: Nijverheidsstraat 3, postcode: "2260", city: Westerlo, country: BE}
    """
    controller = policy.controller
    if controller is None:
        yield Hit("", "the policy has no controller: its name and postal address are missing")
        return
    missing = [] if controller.name else ["name"]
    missing += _missing_address_parts(controller.address, _ADDRESS_PARTS)
    if missing:
        who = _controller_label(controller)
        yield Hit(controller.pointer, f"{who} is not fully identified: missing {', '.join(missing)}")


@rule(
    "TRN002",
    "rights-contact-missing",
    severity=ERROR,
    articles=("GDPR 12(2)", "GDPR 13(1)(a)", "GDPR 13(1)(b)"),
    hint="add controller.privacy_contact with an email or a postal address (or a designated DPO with an email)",
)
def rights_contact_missing(policy: Policy) -> Iterator[Hit]:
    """The notice gives no way to reach the controller about data protection and rights.

    People exercise their rights (access, erasure, objection, ...) by writing to the
    controller, and the controller must make that easy (GDPR 12(2)). The notice must
    therefore give contact details (GDPR 13(1)(a)), and those of the data protection officer
    where one is designated (GDPR 13(1)(b)). This rule asks for a privacy contact with an
    email address or a postal address (street, postcode and city), or a designated data
    protection officer with an email address.

    Fails::

        controller:
          name: Smet-Jet NV
          privacy_contact: {name: Cartiche Tournier}

    Passes::

        controller:
          name: Smet-Jet NV
          privacy_contact: {name: Cartiche Tournier, email: cto@smetjet.be}
    """
    controller = policy.controller
    contact = controller.privacy_contact if controller else None
    dpo = controller.dpo if controller else None
    if contact is not None and (contact.email or not _missing_address_parts(contact.address, _ADDRESS_PARTS[:3])):
        return
    if dpo is not None and dpo.designated and dpo.email:
        return
    if contact is not None:
        who = f"privacy contact {contact.name!r}" if contact.name else "the privacy contact"
        yield Hit(
            contact.pointer,
            f"{who} has neither an email address nor a postal address, and no designated DPO has an email address",
        )
    else:
        yield Hit(
            controller.pointer if controller else "",
            "no contact for data protection questions and rights requests: "
            "no privacy contact and no designated DPO with an email address",
        )


@rule(
    "TRN003",
    "data-subject-right-missing",
    severity=ERROR,
    articles=("GDPR 13(2)(b)", "GDPR 15", "GDPR 16", "GDPR 17", "GDPR 18", "GDPR 20", "GDPR 21"),
    hint="add the right to rights (e.g. - right: restriction, with its text)",
)
def data_subject_right_missing(policy: Policy) -> Iterator[Hit]:
    """A right that the notice must mention is missing from the list of rights.

    The notice must tell people that they may ask for access to their data, its
    rectification or erasure, the restriction of its processing, and that they may object to
    processing (GDPR 13(2)(b); the rights themselves are in GDPR 15 to 18 and 21). The right
    to data portability (GDPR 20) applies where processing is based on consent or on a
    contract and carried out by automated means (GDPR 20(1)); as the policy does not say how
    processing is carried out, privlint asks for it whenever at least one processing activity
    or sharing relies on consent or a contract. One finding is given per missing right. (The right to withdraw
    consent is checked by LB003, the right to complain to the supervisory authority by TRN004.)

    Fails::

        processing_activities:
          - {id: invoicing, legal_basis: contract}
        rights:
          - right: access
          - right: rectification
          - right: erasure
          - right: objection

    Passes::

        processing_activities:
          - {id: invoicing, legal_basis: contract}
        rights:
          - right: access
          - right: rectification
          - right: erasure
          - right: restriction
          - right: objection
          - right: portability
    """
    listed = {right.right for right in policy.rights}
    portable = next((p for p in policy.processings if p.legal_basis in _PORTABLE_BASES), None)
    for key, label in _RIGHTS.items():
        if key in listed:
            continue
        if key != "portability":
            yield Hit("/rights", f"{label} is not listed in rights")
        elif portable is not None:
            owner = portable.owner
            yield Hit("/rights", f"{label} is not listed in rights, yet {owner} relies on {portable.legal_basis}")


@rule(
    "TRN004",
    "complaint-right-missing",
    severity=ERROR,
    articles=("GDPR 13(2)(d)", "GDPR 77"),
    hint="add - right: lodge_complaint to rights and name the authority under supervisory_authority",
)
def complaint_right_missing(policy: Policy) -> Iterator[Hit]:
    """The notice does not tell people they may complain to a supervisory authority.

    Everyone may lodge a complaint with a data protection supervisory authority (GDPR 77),
    and the notice must say so (GDPR 13(2)(d)). This rule asks for the right to lodge a
    complaint in the list of rights, and also for the authority itself (at least its name)
    under supervisory_authority: the GDPR does not require the name in so many words, but
    without it the person does not know where to turn.

    Fails::

        rights:
          - right: access

    Passes::

        rights:
          - right: lodge_complaint
        supervisory_authority:
          name: Gegevensbeschermingsautoriteit
    """
    authority = policy.supervisory_authority
    if authority is None:
        yield Hit("", "the notice names no supervisory authority to lodge a complaint with")
    elif not authority.name:
        yield Hit(authority.pointer, "the supervisory authority is not named")
    if not any(right.right == "lodge_complaint" for right in policy.rights):
        right = "the right to lodge a complaint with a supervisory authority (GDPR 77)"
        yield Hit("/rights", f"{right} is not listed in rights")


@rule(
    "TRN005",
    "automated-decision-statement-missing",
    severity=WARNING,
    articles=("GDPR 13(2)(f)", "GDPR 22"),
    hint="add automated_decision_making: {used: false} (or used: true with logic: {nl: ...})",
)
def automated_decision_statement_missing(policy: Policy) -> Iterator[Hit]:
    """The notice does not say whether decisions are made by automated means alone.

    Where decisions with legal or similarly significant effects are based solely on
    automated processing, including profiling (GDPR 22), the notice must say so and give
    meaningful information about the logic involved and the significance and envisaged
    consequences (GDPR 13(2)(f)). A policy that says nothing leaves the reader unable to tell
    whether such decisions are made; listing the right not to be subject to them does not
    answer that question. The rule also fires when automated decisions are said to be made
    but the logic involved is not described.

    Fails::

        rights:
          - right: no_automated_decision

    Passes::

        rights:
          - right: no_automated_decision
        automated_decision_making:
          used: false
    """
    statement = policy.automated_decision_making
    if statement is None:
        right = next((r for r in policy.rights if r.right == "no_automated_decision"), None)
        message = "the notice does not say whether decisions based solely on automated processing are made"
        if right is None:
            yield Hit("", message)
        else:
            yield Hit(right.pointer, message + "; listing the right not to be subject to them does not answer that")
    elif statement.used and statement.logic is None:
        yield Hit(statement.pointer, "automated decisions are made but the logic involved is not described")


@rule(
    "TRN006",
    "dpo-status-missing",
    severity=WARNING,
    articles=("GDPR 13(1)(b)", "GDPR 37"),
    hint="add controller.dpo: {designated: false} (or designated: true with the DPO's email)",
)
def dpo_status_missing(policy: Policy) -> Iterator[Hit]:
    """The notice does not say whether a data protection officer is designated, or how to reach them.

    Some organisations must designate a data protection officer (DPO) (GDPR 37(1)); when
    one is designated, the notice must give the DPO's contact details (GDPR 13(1)(b)) and
    the organisation must publish them (GDPR 37(7)). A policy that is silent leaves the
    reader unable to tell whether there is a DPO to contact. Stating explicitly that no DPO
    is designated shows the question was considered. The rule also fires when a DPO is
    designated but no email address is given.

    Fails::

        controller:
          name: Smet-Jet NV

    Passes::

        controller:
          name: Smet-Jet NV
          dpo: {designated: false}
    """
    controller = policy.controller
    if controller is None:
        yield Hit("", "the policy has no controller, so nothing says whether a data protection officer is designated")
    elif controller.dpo is None:
        yield Hit(
            controller.pointer,
            f"{_controller_label(controller)} does not say whether a data protection officer is designated",
        )
    elif controller.dpo.designated and not controller.dpo.email:
        yield Hit(controller.dpo.pointer, "a data protection officer is designated but no email address is given")


@rule(
    "TRN007",
    "notice-version-missing",
    severity=INFO,
    articles=("GDPR 12(1)", "GDPR 5(2)"),
    hint="add notice: {version: ..., date: YYYY-MM-DD} and update both whenever the text changes",
)
def notice_version_missing(policy: Policy) -> Iterator[Hit]:
    """The notice has no version or no date, so nobody can tell which text a person saw.

    A privacy notice changes over time. The controller must be able to show what it told
    people (accountability, GDPR 5(2)), for instance which text a customer was shown when
    their data were collected, and people can see when the information they read was last
    updated. A version and a date make that possible. No provision of the
    GDPR requires them in so many words, so this is reported as information, not as a
    warning.

    Fails::

        notice:
          title: {nl: Privacyverklaring}
          version: "1.0"

    Passes::

        notice:
          title: {nl: Privacyverklaring}
          version: "1.0"
          date: "2025-01-31"
    """
    notice = policy.notice
    if notice is None:
        yield Hit("", "the policy has no notice section with a version and a date")
        return
    missing = [name for name, value in (("version", notice.version), ("date", notice.date)) if not value]
    if missing:
        yield Hit(notice.pointer, f"the notice has no {' and no '.join(missing)}")


# --- issue 12: GDPR 13(2)(e), 14(2)(f), notification of changes ----------------------------------


@rule(
    "TRN008",
    "provision-requirement-not-stated",
    severity=WARNING,
    articles=("GDPR 13(2)(e)",),
    hint="add provision_requirement: {requirement: statutory|contractual|pre_contractual|none, obliged: ..., "
    "consequence: {nl: ...}} (what happens if the data are not provided)",
)
def provision_requirement_not_stated(policy: Policy) -> Iterator[Hit]:
    """A processing collects data from people without saying whether they must provide them, and what if not.

    When personal data are collected from the data subject, the notice must say whether
    providing them is a statutory or contractual requirement, or a requirement to enter
    into a contract, whether the person is obliged to provide them, and the possible
    consequences of not doing so (GDPR 13(2)(e)). A general "we may ask you for some
    information" does not tell anyone which data they can refuse. The rule reports every
    processing activity that uses data items, collects them from the data subject (its
    ``data_source`` does not say the data come only from third parties) and has no
    ``provision_requirement``, and a requirement that names no consequence.

    Fails::

        processing_activities:
          - id: delivery
            data_items: [delivery_address]

    Passes::

        processing_activities:
          - id: delivery
            data_items: [delivery_address]
            provision_requirement:
              requirement: contractual
              obliged: true
              consequence: {nl: Zonder leveringsadres kunnen we niet leveren.}
    """
    for activity in policy.processing_activities:
        if not activity.data_items:
            continue
        source = activity.data_source
        if source is not None and source.obtained_from == "third_party":
            continue
        owner = f"processing activity {activity.id!r}"
        requirement = activity.provision_requirement
        if requirement is None:
            yield Hit(
                activity.pointer,
                f"{owner} does not say whether the data must be provided (a statutory or contractual "
                "requirement, or one needed to enter into the contract) and what happens if they are not",
            )
        elif requirement.requirement not in (None, "none") and requirement.consequence is None:
            yield Hit(
                requirement.pointer,
                f"{owner} says providing the data is a {requirement.requirement} requirement, "
                "but not what happens if they are not provided",
            )


@rule(
    "TRN009",
    "data-source-not-stated",
    severity=WARNING,
    articles=("GDPR 14(1)(d)", "GDPR 14(2)(f)"),
    hint="add data_source: {obtained_from: third_party, source: {nl: ...}, publicly_accessible: ...}",
)
def data_source_not_stated(policy: Policy) -> Iterator[Hit]:
    """A processing uses data obtained from others without saying where they come from.

    When personal data are not obtained from the data subject, the notice must say from
    which source they originate and whether it is publicly accessible (GDPR 14(2)(f)), and
    which categories of data are concerned (14(1)(d)). The rule reports a processing that
    uses data about other people than the reader (an involved or opposing party, an
    employee, the circumstances of a claim: the ``third_party_origin_items`` list of
    ``privlint/data/phrases.toml``) without a ``data_source``, and a ``data_source`` from
    third parties that does not name the source or say whether it is public. It is a
    warning, as in the audit's class for this defect, although the catalogue calls a missing
    source an error when the data certainly come from others: here the third-party origin is
    inferred from item names, so a person should confirm it.

    Fails::

        data_items:
          - id: involved_party_name
            name: {nl: Naam van de betrokken partij}
        sharing:
          - id: insurance
            data_items: [involved_party_name]

    Passes::

        data_items:
          - id: involved_party_name
            name: {nl: Naam van de betrokken partij}
        sharing:
          - id: insurance
            data_items: [involved_party_name]
            data_source:
              obtained_from: third_party
              source: {nl: de klant die het schadegeval meldt}
              publicly_accessible: false
    """
    third_party_origin = ItemKeywords("third_party_origin_items", policy)
    for processing in policy.processings:
        owner = processing.owner
        source = processing.data_source
        if source is None:
            for ref in processing.data_items:
                found = third_party_origin.match(processing, ref)
                if found is not None:
                    yield Hit(
                        processing.pointer,
                        f"{owner} uses {found.name!r}, data usually obtained from someone else than the person "
                        "concerned, but does not say where the data come from",
                    )
                    break
        elif source.obtained_from in ("third_party", "both"):
            missing = [
                what
                for what, value in (("the source", source.source), ("whether it is public", source.publicly_accessible))
                if value is None
            ]
            if missing:
                yield Hit(
                    source.pointer,
                    f"{owner} obtains data from third parties but does not say {' or '.join(missing)}",
                )


@rule(
    "TRN010",
    "read-regularly-instead-of-notifying",
    severity=WARNING,
    articles=("GDPR 12(1)", "GDPR 13(3)", "GDPR 5(1)(a)"),
    hint="replace the sentence by how changes are communicated (e-mail, a notice on the website) "
    "and give the notice a version and date",
)
def read_regularly_instead_of_notifying(policy: Policy) -> Iterator[Hit]:
    """The notice asks people to re-read it regularly instead of telling them about changes.

    The transparency guidelines of the European data protection authorities (WP260 rev.01,
    par. 29) call a notice that asks its readers to check it regularly for changes "not only
    insufficient but also unfair" (GDPR 5(1)(a)): changes, above all a new purpose (13(3)),
    must be brought to people's attention actively. The phrases the rule looks for are the
    ``read_regularly`` list of ``privlint/data/phrases.toml``.

    Fails::

        notice:
          sections:
            - id: who_we_are
              text:
                nl: We vragen je dan ook om de privacyverklaring op regelmatige basis opnieuw te lezen.

    Passes::

        notice:
          sections:
            - id: who_we_are
              text:
                nl: Wijzigt deze verklaring, dan brengen we je daarvan per e-mail op de hoogte.
    """
    for passage in passages(policy):
        for found in knowledge.find_phrase("read_regularly", passage.text):
            yield Hit(
                passage.pointer,
                f"{passage.owner} asks the reader to re-read the notice regularly instead of notifying "
                f"changes: {found.sentence!r}",
            )
