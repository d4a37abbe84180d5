"""TRF — transfers: where personal data is processed, and how it may leave the EEA (GDPR 44-49).

GDPR 13(1)(f) requires the notice to state, where applicable, that the controller intends to
transfer personal data to a third country, whether an adequacy decision exists for it, or which
safeguards apply. Chapter V (GDPR 44-49) allows such a transfer only
under an adequacy decision of the Commission (GDPR 45), with appropriate safeguards such as
standard contractual clauses or binding corporate rules (GDPR 46, 47), or under one of the
derogations for specific situations (GDPR 49). Every processing activity and sharing therefore
states where its data is processed (``locations``: ``EU``, ``EEA`` or a country code), and every
recipient outside the EEA declares the ``transfer_mechanism`` it relies on. The organisation may
also choose to keep all processing inside the EU/EEA (``eu_only``, on by default).

Which states are in the EU and the EEA, which adequacy decisions are in force and what they
cover, and which transfer tools exist, is dated data in ``privlint/data`` (see
``privlint.knowledge``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping

from privlint import knowledge
from privlint.model import Policy, Recipient
from privlint.pointers import child
from privlint.rules import ERROR, WARNING, Hit, rule

EU = "EU"
EEA = "EEA"
# "Buiten de EU" with no country named: the importer writes the ISO 3166-1 user-assigned code
# ZZ (CLDR's "Unknown Region"; notice_template.toml, location_area). It covers any state
# outside the EU, and (no state) has no adequacy decision.
OUTSIDE_EU = "ZZ"


@rule(
    "TRF001",
    "location-missing",
    severity=ERROR,
    articles=("GDPR 13(1)(f)", "GDPR 44"),
    hint="add locations: [EU] (or EEA, or the country codes where the data is processed)",
)
def location_missing(policy: Policy) -> Iterator[Hit]:
    """A processing activity or sharing does not say where its data is processed.

    The notice must tell people when their data is to be transferred outside the European
    Economic Area (GDPR 13(1)(f)), and such transfers are only allowed under the conditions
    of the GDPR's chapter on transfers (GDPR 44). Without a stated location nobody can tell
    whether those conditions apply, so every processing activity and every sharing states
    where the data is processed.

    Fails::

        processing_activities:
          - id: invoicing

    Passes::

        processing_activities:
          - id: invoicing
            locations: [EU]
    """
    for processing in policy.processings:
        if not processing.locations:
            yield Hit(processing.pointer, f"{processing.owner} states no location where the data is processed")


@rule(
    "TRF002",
    "transfer-without-safeguard",
    severity=ERROR,
    articles=("GDPR 44", "GDPR 45", "GDPR 46", "GDPR 49"),
    hint="declare the recipient's transfer_mechanism (for example standard_contractual_clauses)",
)
def transfer_without_safeguard(policy: Policy) -> Iterator[Hit]:
    """Data goes outside the EEA without an adequacy decision or a declared transfer tool.

    Personal data may leave the European Economic Area only if the Commission has decided
    that the destination protects it adequately (an adequacy decision, GDPR 45), or if the
    recipient gives appropriate safeguards such as standard contractual clauses or binding
    corporate rules (GDPR 46, 47), or, for specific situations, under a derogation of
    GDPR 49. This rule fires for a location, or the country of a recipient the processing
    uses, outside the EEA for which no adequacy decision is in force and no transfer tool is
    declared: for a location, a tool declared by any of the processing's recipients counts;
    for a recipient's country, only the tool that recipient declares. Some adequacy
    decisions cover only part of a country (the United States: only organisations
    certified under the EU-US Data Privacy Framework; Canada: only commercial organisations
    under PIPEDA); there the decision does not cover the transfer by itself, and the
    recipient must declare the tool it relies on (``adequacy_decision`` when it falls within
    the decision's scope).

    Fails::

        recipients:
          - id: cloud_host
            role: processor
            country: US
        processing_activities:
          - id: invoicing
            locations: [EU]
            recipients: [cloud_host]

    Passes::

        recipients:
          - id: cloud_host
            role: processor
            country: US
            transfer_mechanism: standard_contractual_clauses
        processing_activities:
          - id: invoicing
            locations: [EU]
            recipients: [cloud_host]
    """
    recipients = _recipients_by_id(policy)
    users: dict[str, list[str]] = {}
    for processing in policy.processings:
        declared = [recipients[ref.id] for ref in processing.recipients if ref.id in recipients]
        for location in processing.locations:
            problem = _transfer_problem(location.id, [r.transfer_mechanism for r in declared], policy.settings.today)
            if problem is not None:
                message, hint = problem
                yield Hit(location.pointer, f"location {_shown(location.id)} of {processing.owner}: {message}", hint)
        for recipient in declared:
            users.setdefault(recipient.id, []).append(processing.id)
    for recipient_id, processing_ids in users.items():
        recipient = recipients[recipient_id]
        if recipient.country is None:
            continue
        # A safeguard binds the exporter and this importer: another recipient's tool does not cover it.
        problem = _transfer_problem(recipient.country, [recipient.transfer_mechanism], policy.settings.today)
        if problem is not None:
            message, hint = problem
            used_by = ", ".join(repr(processing_id) for processing_id in dict.fromkeys(processing_ids))
            yield Hit(
                child(recipient.pointer, "country"),
                f"country {recipient.country!r} of recipient {recipient.id!r} (used by {used_by}): {message}",
                hint,
            )


@rule(
    "TRF003",
    "processing-outside-eu",
    severity=ERROR,
    articles=("GDPR 44",),
    hint="process the data inside the EU/EEA, or set eu_only = false in [tool.privlint] if the policy allows it",
)
def processing_outside_eu(policy: Policy) -> Iterator[Hit]:
    """Data is processed outside the EU/EEA while the organisation's policy is EU-only.

    Many organisations decide to keep personal data inside the European Union and the
    European Economic Area, so that no transfer under the GDPR's chapter on transfers
    (GDPR 44) is needed at all. This is the organisation's own choice (the setting
    ``eu_only``, on by default), not a prohibition of the GDPR: a transfer with an adequacy
    decision or appropriate safeguards can be lawful. While the setting is on, every
    location and every recipient country outside the EU/EEA is reported, even a lawful one;
    with ``eu_only = false`` this rule is silent.

    Fails::

        processing_activities:
          - id: invoicing
            locations: [CH]

    Passes::

        processing_activities:
          - id: invoicing
            locations: [BE, EEA]
    """
    if not policy.settings.eu_only:
        return
    for processing in policy.processings:
        for location in processing.locations:
            if not _in_eea(location.id):
                yield Hit(
                    location.pointer,
                    f"location {_shown(location.id)} of {processing.owner} is outside the EU/EEA, "
                    "but the organisation's policy is EU-only (eu_only)",
                )
    for recipient in policy.recipients:
        if recipient.country is not None and not _in_eea(recipient.country):
            yield Hit(
                child(recipient.pointer, "country"),
                f"recipient {recipient.id!r} is in {recipient.country!r}, outside the EU/EEA, "
                "but the organisation's policy is EU-only (eu_only)",
            )


@rule(
    "TRF004",
    "recipient-country-contradicts-location",
    severity=WARNING,
    articles=("GDPR 13(1)(f)", "GDPR 5(1)(a)"),
    hint="add the recipient's country to the processing's locations, or correct the recipient's country",
)
def recipient_country_contradicts_location(policy: Policy) -> Iterator[Hit]:
    """A processing says where its data stays, but one of its recipients is elsewhere.

    When a processing states that its data is processed, say, "in the EU", people rely on
    that statement. If a recipient that receives the data is established in a country the
    stated locations do not cover, the notice is not accurate about where the data goes
    (transparency, GDPR 5(1)(a)) and may hide a transfer the notice must mention
    (GDPR 13(1)(f)). ``EU`` covers the EU member states, ``EEA`` also Iceland,
    Liechtenstein and Norway, ``ZZ`` ("outside the EU", no country named) every other
    state, and a country code covers that country.

    Fails::

        recipients:
          - id: backup_host
            role: processor
            country: "NO"
        processing_activities:
          - id: invoicing
            locations: [EU]
            recipients: [backup_host]

    Passes::

        recipients:
          - id: backup_host
            role: processor
            country: "NO"
        processing_activities:
          - id: invoicing
            locations: [EEA]
            recipients: [backup_host]
    """
    recipients = _recipients_by_id(policy)
    for processing in policy.processings:
        if not processing.locations:
            continue  # TRF001
        locations = [location.id for location in processing.locations]
        for ref in processing.recipients:
            recipient = recipients.get(ref.id)
            if recipient is None or recipient.country is None:
                continue
            if not any(_covers(location, recipient.country) for location in locations):
                yield Hit(
                    ref.pointer,
                    f"recipient {ref.id!r} is in {recipient.country!r}, but {processing.owner} "
                    f"says its data is processed in {', '.join(locations)}",
                )


# --- helpers -------------------------------------------------------------------------------------


def _recipients_by_id(policy: Policy) -> Mapping[str, Recipient]:
    recipients: dict[str, Recipient] = {}
    for recipient in policy.recipients:
        recipients.setdefault(recipient.id, recipient)  # a duplicate id is REF004's business
    return recipients


def _shown(location: str) -> str:
    """A location as a message names it: ZZ says what it stands for."""
    return f"{location!r} (outside the EU, no country named)" if location == OUTSIDE_EU else repr(location)


def _iso(code: str) -> str:
    """The ISO 3166-1 code for ``code`` (``UK`` -> ``GB``, ``EL`` -> ``GR``)."""
    return knowledge.country_code_aliases().get(code, code)


def _member_state(code: str) -> str:
    """The state a country code belongs to: an outermost region belongs to its member state."""
    iso = _iso(code)
    region = knowledge.outermost_regions().get(iso)
    return region.part_of if region is not None else iso


def _in_eea(location: str) -> bool:
    return location in (EU, EEA) or _member_state(location) in knowledge.eea_countries()


def _covers(location: str, country: str) -> bool:
    """Whether the stated ``location`` includes a recipient established in ``country``."""
    state = _member_state(country)
    if location == EU:
        return state in knowledge.eu_countries()
    if location == EEA:
        return state in knowledge.eea_countries()
    if location == OUTSIDE_EU:
        return state not in knowledge.eu_countries()
    return _iso(country) == _iso(location) or state == _iso(location)


def _transfer_problem(location: str, mechanisms: list[str | None], today: dt.date | None) -> tuple[str, str] | None:
    """Why data may not go to ``location`` with the declared ``mechanisms``, with a hint; None if it may.

    An adequacy decision counts when it is in force on ``today``, the run's date that the
    engine hands in (without one, a decision counts as it is recorded).
    """
    if _in_eea(location):
        return None
    tools = knowledge.transfer_tools()
    declared = [mechanism for mechanism in mechanisms if mechanism is not None]
    decision = knowledge.adequacy_decisions().get(_iso(location))
    if decision is not None and today is not None and not decision.in_force_on(today):
        decision = None
    safeguards = ", ".join(key for key, tool in tools.items() if tool.kind != "adequacy")
    if decision is None:
        if any(mechanism in tools and tools[mechanism].kind != "adequacy" for mechanism in declared):
            return None
        if declared:
            message = "outside the EEA and no adequacy decision is in force for it, so the declared adequacy_decision"
            message += " does not apply"
        else:
            message = "outside the EEA, no adequacy decision is in force for it, and no transfer_mechanism is declared"
        return message, f"declare the recipient's transfer_mechanism: one of {safeguards}"
    if not decision.partial or declared:
        return None
    message = (
        f"outside the EEA; the adequacy decision for {decision.name} ({decision.reference}) has a limited "
        "scope and does not cover the transfer by itself, and no transfer_mechanism is declared"
    )
    hint = (
        f"the decision covers only: {decision.scope} If the recipient is within that scope, declare "
        f"transfer_mechanism: adequacy_decision; otherwise one of {safeguards}"
    )
    return message, hint


@rule(
    "TRF005",
    "known-recipient-outside-eea",
    severity=WARNING,
    articles=("GDPR 13(1)(f)", "GDPR 5(1)(a)", "GDPR 44", "GDPR 46"),
    hint="state that the data go to the group's companies outside the EEA (add the country to locations) "
    "and the transfer tool relied on (the recipient's transfer_mechanism, e.g. adequacy_decision for "
    "the EU-US Data Privacy Framework)",
)
def known_recipient_outside_eea(policy: Policy) -> Iterator[Hit]:
    """A recipient is known to process EU data outside the EEA, but the policy neither says so nor names a tool.

    Some recipients a notice names are the European company of a group that processes the
    data of European users in a third country: Meta Platforms Ireland shares them with Meta
    Platforms, Inc. in the United States, LinkedIn Ireland with LinkedIn Corporation. A
    sharing with such a recipient that says the data stay "within the EU" and names no
    transfer tool misleads the reader (GDPR 5(1)(a)) and omits what GDPR 13(1)(f) requires.
    The groups, their third-country processing and the tools they publish are in
    ``privlint/data/recipients.toml`` with their sources. A recipient whose name itself
    names a third country ("X (Verenigde Staten)") and that states no country is read the
    same way. A recipient that declares a ``transfer_mechanism``, or a processing whose
    locations already include the group's (or the named) country, is not reported; nor is
    one whose locations say "outside the EU" with no country named (``ZZ``): it does not hide
    the transfer, and TRF002 asks for its tool.

    Fails::

        recipients:
          - id: linkedin
            name: LinkedIn Ireland Unlimited Company
            role: joint_controller
        sharing:
          - id: social_media_linkedin
            locations: [EU]
            recipients: [linkedin]

    Passes::

        recipients:
          - id: linkedin
            name: LinkedIn Ireland Unlimited Company
            role: joint_controller
            transfer_mechanism: standard_contractual_clauses
        sharing:
          - id: social_media_linkedin
            locations: [EU, US]
            recipients: [linkedin]
    """
    recipients = _recipients_by_id(policy)
    for processing in policy.processings:
        if not processing.locations:
            continue  # TRF001's finding
        stated = [location.id for location in processing.locations]
        for ref in processing.recipients:
            recipient = recipients.get(ref.id)
            if recipient is None or recipient.name is None or recipient.transfer_mechanism is not None:
                continue
            named = knowledge.country_named_in(recipient.name) if recipient.country is None else None
            if named is not None and not any(_covers(location, named) for location in stated):
                yield Hit(
                    child(processing.pointer, "locations"),
                    f"{processing.owner} says the data are processed in "
                    f"{', '.join(location.id for location in processing.locations)}, but recipient "
                    f"{recipient.id!r} ({recipient.name}) names {named} in its name; no transfer tool is named",
                    hint="state the recipient's country and the transfer tool it relies on (transfer_mechanism)",
                )
                continue
            known = knowledge.recognise_recipient(recipient.name)
            if known is None or not known.processes_outside_eea:
                continue
            if any(_covers(location, country) for location in stated for country in known.processes_outside_eea):
                continue
            countries = ", ".join(known.processes_outside_eea)
            tools = "; ".join(known.transfer_tools) or "none published"
            yield Hit(
                child(processing.pointer, "locations"),
                f"{processing.owner} says the data are processed in "
                f"{', '.join(location.id for location in processing.locations)}, but recipient {recipient.id!r} "
                f"({recipient.name}) belongs to {known.group}, which processes EU data in {countries}; "
                f"no transfer tool is named (the group publishes: {tools})",
                hint=f"name the transfer and its tool. Source: {known.source}",
            )
