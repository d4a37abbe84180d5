"""RCP — recipients: who receives personal data, in which role (GDPR 13(1)(e), 26, 28).

GDPR 13(1)(e) requires the notice to name the recipients or categories of recipients of the
personal data. Each recipient's role decides the obligations that follow: a processor acts on
the controller's behalf under a contract (GDPR 28), joint controllers determine the purposes and
means together and must have an arrangement whose essence is made available to the data
subject (GDPR 26). Every sharing therefore names its recipient, every declared recipient has a
role and is used somewhere, and every joint controller has its arrangement stated.
"""

from __future__ import annotations

from collections.abc import Iterator

from privlint import knowledge
from privlint.model import Policy, Recipient
from privlint.pointers import child
from privlint.rules import ERROR, WARNING, Hit, rule


@rule(
    "RCP001",
    "sharing-without-recipient",
    severity=ERROR,
    articles=("GDPR 13(1)(e)",),
    hint="name the recipient: recipients: [recipient_id], declared under recipients",
)
def sharing_without_recipient(policy: Policy) -> Iterator[Hit]:
    """A sharing of data does not say who receives the data.

    A sharing is personal data disclosed to someone outside the organisation. The notice
    must tell people who receives their data, by name or at least by category. A sharing
    entry without a recipient leaves the reader guessing who gets the data.

    Fails::

        sharing:
          - id: it_support

    Passes::

        recipients:
          - id: it_partner
            role: processor
        sharing:
          - id: it_support
            recipients: [it_partner]
    """
    for sharing in policy.sharing:
        if not sharing.recipients:
            yield Hit(sharing.pointer, f"sharing {sharing.id!r} names no recipient of the data")


@rule(
    "RCP002",
    "recipient-without-role",
    severity=WARNING,
    articles=("GDPR 13(1)(e)", "GDPR 26", "GDPR 28"),
    hint="add role: processor, joint_controller, controller or public_authority",
)
def recipient_without_role(policy: Policy) -> Iterator[Hit]:
    """A declared recipient does not say in which role it receives the data.

    Whether a recipient is a processor (it acts only on the organisation's instructions,
    under a contract, GDPR 28), a joint controller (it decides together with the
    organisation why and how data is processed, GDPR 26), or a controller in its own right
    decides what must be agreed with it and what the data subject must be told. A
    recipient without a role leaves those obligations undetermined.

    Fails::

        recipients:
          - id: sd_worx
        sharing:
          - id: payroll
            recipients: [sd_worx]

    Passes::

        recipients:
          - id: sd_worx
            role: processor
        sharing:
          - id: payroll
            recipients: [sd_worx]
    """
    default = policy.default_recipient_role
    blanket = ""
    if default is not None:
        qualifier = " (hedged)" if default.hedged else ""
        blanket = f" of its own; the notice states one role for all recipients{qualifier}: {default.role}"
    for recipient in policy.recipients:
        if recipient.role is None:
            yield Hit(recipient.pointer, f"recipient {recipient.id!r} has no role{blanket}")


@rule(
    "RCP003",
    "recipient-unused",
    severity=WARNING,
    articles=("GDPR 13(1)(e)", "GDPR 5(1)(a)"),
    hint="reference the recipient from the processing or sharing that discloses data to it, or remove it",
)
def recipient_unused(policy: Policy) -> Iterator[Hit]:
    """A declared recipient receives data from no processing and no sharing.

    The recipients in the notice must be those that actually receive personal data. A
    recipient that no processing activity, no sharing and no social media arrangement
    refers to either receives data the policy does not describe (a processing is
    missing), or receives nothing and should not be listed.

    Fails::

        recipients:
          - id: sd_worx
            role: processor
          - id: old_printer_company
            role: processor
        sharing:
          - id: payroll
            recipients: [sd_worx]

    Passes::

        recipients:
          - id: sd_worx
            role: processor
        sharing:
          - id: payroll
            recipients: [sd_worx]
    """
    used = {ref.id for processing in policy.processings for ref in processing.recipients}
    if policy.social_media is not None:
        used.update(ref.id for ref in policy.social_media.joint_controllers)
    for recipient in policy.recipients:
        if recipient.id not in used:
            yield Hit(
                recipient.pointer,
                f"recipient {recipient.id!r} is referenced by no processing, sharing or social media joint controllers",
            )


@rule(
    "RCP004",
    "joint-controller-without-arrangement",
    severity=ERROR,
    articles=("GDPR 26(1)", "GDPR 26(2)"),
    hint="add joint_arrangement: the essence of the arrangement, or where it is published",
)
def joint_controller_without_arrangement(policy: Policy) -> Iterator[Hit]:
    """A joint controller is declared without the arrangement GDPR 26 requires.

    When two organisations decide together why and how personal data is processed, they are
    joint controllers. They must set out in an arrangement who does what, in particular who
    informs people and who handles their requests (GDPR 26(1)), and the essence of that
    arrangement must be made available to the data subject (GDPR 26(2)). A joint controller
    without a stated arrangement shows neither.

    Fails::

        recipients:
          - id: meta_platforms_ireland
            role: joint_controller

    Passes::

        recipients:
          - id: meta_platforms_ireland
            role: joint_controller
            joint_arrangement:
              en: The platform answers requests about the data it collects; we answer all others.
    """
    for recipient in policy.recipients:
        if recipient.role == "joint_controller" and recipient.joint_arrangement is None:
            yield Hit(
                child(recipient.pointer, "role"),
                f"recipient {recipient.id!r} is a joint controller, but no joint_arrangement states "
                "the essence of the arrangement made available to data subjects",
            )


@rule(
    "RCP005",
    "recipient-category-without-sharing",
    severity=WARNING,
    articles=("GDPR 13(1)(e)", "GDPR 14(1)(e)", "GDPR 30(1)(d)"),
    hint="add a sharing entry for this category (purpose, legal basis, data items, retention, recipient), "
    "and list it under the category's sharing; or remove the category if no data goes to it",
)
def recipient_category_without_sharing(policy: Policy) -> Iterator[Hit]:
    """The notice names a category of recipients for which no sharing says what they receive.

    A notice that says data go to "accountancy partners, legal advisers" or to "the
    relevant authorities" names recipients (GDPR 13(1)(e)), but unless a sharing entry says
    which data they receive, for which purpose, on which basis and for how long, the reader
    learns nothing about that disclosure. The rule reports each category named in the prose
    (``named_recipient_categories``) that no declared sharing covers.

    Fails::

        named_recipient_categories:
          - name: {nl: accountancy partners}

    Passes::

        recipients:
          - id: accountant
            role: controller
        sharing:
          - id: bookkeeping
            recipients: [accountant]
        named_recipient_categories:
          - name: {nl: accountancy partners}
            sharing: [bookkeeping]
    """
    declared = {sharing.id for sharing in policy.sharing}
    for category in policy.named_recipient_categories:
        if not any(ref.id in declared for ref in category.sharing):
            yield Hit(
                category.pointer,
                f"recipient category {category.name.any!r} is named in the notice, but no sharing says "
                "which data it receives, why and for how long",
            )


@rule(
    "RCP006",
    "role-contradicts-known-role",
    severity=WARNING,
    articles=("GDPR 4(7)", "GDPR 4(8)", "GDPR 13(1)(e)", "GDPR 26", "GDPR 28"),
    hint="state the recipient's own role (role: controller, joint_controller, processor or public_authority) "
    "as the arrangement with it says; a blanket role for all recipients does not fit all of them",
)
def role_contradicts_known_role(policy: Policy) -> Iterator[Hit]:
    """A recipient's role, its own or the one stated for all recipients, contradicts what it is.

    Whether a recipient is a processor or a controller follows from what it does, not from
    what the notice calls it (EDPB Guidelines 07/2020). An insurer handling claims, a bank,
    a lawyer or a public authority decides on the data for its own duties: a controller,
    not a processor. A social network is a joint controller for a company page or a plugin
    (CJEU C-210/16, C-40/17). The rule recognises recipients by name from
    ``privlint/data/recipients.toml`` (named organisations first, then sectors recognised by
    words such as "Insurance" or "Sociaal Secretariaat"), and reports a role, stated for the
    recipient or for all recipients at once (``default_recipient_role``), that the
    recipient does not normally have.

    Fails::

        recipients:
          - id: dhondt_insurance
            name: D'hondt Insurance NV
            role: processor

    Passes::

        recipients:
          - id: dhondt_insurance
            name: D'hondt Insurance NV
            role: controller
    """
    default = policy.default_recipient_role
    for recipient in policy.recipients:
        role, where, whose = recipient.role, child(recipient.pointer, "role"), "its role"
        if role is None and default is not None:
            role, where = default.role, recipient.pointer
            whose = "the role the notice states for all recipients" + (" (hedged)" if default.hedged else "")
        if role is None or recipient.name is None:
            continue
        known = _known_roles(recipient)
        if known is not None and role not in known[0]:
            yield Hit(
                where,
                f"recipient {recipient.id!r} ({recipient.name}) is {known[1]}, normally "
                f"{' or '.join(known[0])}, but {whose} is {role}",
                hint=f"{known[2]} Source: {known[3]}",
            )


def _known_roles(recipient: Recipient) -> tuple[tuple[str, ...], str, str, str] | None:
    """(roles it normally has, what it is, why, source) for a recipient known by name or sector."""
    assert recipient.name is not None  # noqa: S101 - checked by the caller
    entity = knowledge.recognise_recipient(recipient.name)
    if entity is not None:
        return entity.roles, f"known as {entity.legal_entity}", entity.role_note, entity.source
    sector = knowledge.sector_of(recipient.name)
    if sector is not None:
        return sector.roles, sector.label, sector.role_note, sector.source
    return None
