"""BE — Belgium: the Belgian identifiers and authority a Belgian controller's notice names are right.

A Belgian controller identifies itself with its enterprise number (ondernemingsnummer /
numéro d'entreprise), which Belgian law requires on all its documents (Code of Economic
Law, WER art. III.25) and, for legal persons, also on their websites (Code of Companies and
Associations, WVV art. 2:20); it lets a reader find the controller in the Crossroads Bank for
Enterprises (KBO/BCE), which makes the identity the notice must give (GDPR 13(1)(a)) unambiguous. The supervisory
authority people may complain to (GDPR 13(2)(d), 77) is, in Belgium, the Data Protection
Authority (Gegevensbeschermingsautoriteit, GBA) created by the Law of 3 December 2017. The
national register number identifies people, and Belgian law says who may use it (GDPR 87). These
rules apply when the controller's address is in Belgium; the number is checked by
python-stdnum and the authority's details come from ``privlint/data`` (see
``privlint.knowledge``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from privlint import knowledge
from privlint.item_uses import ItemKeywords
from privlint.model import Address, Controller, Policy, SupervisoryAuthority
from privlint.pointers import child
from privlint.rules import ERROR, INFO, WARNING, Hit, rule

_BELGIUM = "BE"


def _belgian(controller: Controller | None) -> bool:
    """Whether the controller's address is in Belgium."""
    return controller is not None and controller.address is not None and controller.address.country == _BELGIUM


def enterprise_number_problem(number: str) -> str | None:
    """Why ``number`` is not a valid Belgian enterprise number (python-stdnum decides), or None."""
    from stdnum import exceptions  # noqa: PLC0415 - only needed for Belgian controllers
    from stdnum.be import vat  # noqa: PLC0415

    shape = knowledge.be_enterprise_number_format()
    try:
        vat.validate(number)
    except exceptions.InvalidChecksum:
        return "its check digits are wrong (the mod-97 check fails); look for a typing error"
    except exceptions.InvalidComponent:
        first = " or ".join(shape.first_digits)
        return f"it must start with {first} (numbers starting with another digit are not enterprise numbers)"
    except exceptions.InvalidLength:
        return f"it must have {shape.digits} digits ({shape.display_format})"
    except exceptions.ValidationError:
        written = f"written like {shape.display_format}, optionally after {shape.vat_prefix}"
        return f"it must be {shape.digits} digits, {written}"
    return None


def _host(url: str) -> str:
    """The host of ``url`` in lower case, without a leading ``www.``; the scheme may be left out."""
    text = url.strip()
    try:
        host = urlsplit(text if "//" in text else f"//{text}").hostname or ""
    except ValueError:  # e.g. an unbalanced "[" (IPv6 syntax): not a host of the authority either
        host = text.casefold()
    return host.rstrip(".").removeprefix("www.")


def _official_names(authority: knowledge.SupervisoryAuthority) -> frozenset[str]:
    """The authority's names, normalised, alone or followed by an abbreviation ("... (GBA)")."""
    names = {knowledge.normalise(name) for name in authority.names.values()}
    abbreviations = {knowledge.normalise(abbreviation) for abbreviation in authority.abbreviations.values()}
    return frozenset(names | {f"{name} {abbreviation}" for name in names for abbreviation in abbreviations})


@rule(
    "BE001",
    "enterprise-number-invalid",
    severity=ERROR,
    articles=("Belgian WER art. III.25", "Belgian WVV art. 2:20", "GDPR 13(1)(a)"),
    hint='copy the enterprise number exactly as the KBO/BCE lists it (ten digits, e.g. "0414.321.345")',
)
def enterprise_number_invalid(policy: Policy) -> Iterator[Hit]:
    """A Belgian controller's enterprise number is missing or is not a valid enterprise number.

    Every enterprise that must register in the Belgian Crossroads Bank for Enterprises
    (KBO/BCE) has a ten-digit enterprise number and must mention it on its acts, invoices,
    letters and other documents (WER art. III.25); companies and other legal persons must
    also mention it on their websites (WVV art. 2:20). The notice must identify the
    controller (GDPR 13(1)(a)), and the enterprise number makes that identification
    unambiguous: anyone can look it up in the KBO. The last two digits are check digits, so a
    mistyped number can be detected: "BE0414.321.345", "0414.321.345" and "0414321345" are
    all accepted, "0414.321.346" is not. The rule applies when the controller's address is
    in Belgium; it also fires when the number is missing.

    Fails::

        controller:
          name: Smet-Jet NV
          address: {country: BE}
          enterprise_number: "0414.321.346"

    Passes::

        controller:
          name: Smet-Jet NV
          address: {country: BE}
          enterprise_number: "BE0414.321.345"
    """
    controller = policy.controller
    if controller is None or not _belgian(controller):
        return
    number = controller.enterprise_number
    who = f"controller {controller.name!r}" if controller.name else "the controller"
    if number is None:
        yield Hit(controller.pointer, f"{who} has a Belgian address but states no enterprise number")
        return
    problem = enterprise_number_problem(number)
    if problem is not None:
        pointer = child(controller.pointer, "enterprise_number")
        yield Hit(pointer, f"enterprise number {number!r} of {who} is not a valid Belgian enterprise number: {problem}")


@rule(
    "BE002",
    "supervisory-authority-details-differ",
    severity=ERROR,
    articles=("GDPR 13(2)(d)", "GDPR 77", "Law of 3 December 2017 creating the Data Protection Authority, art. 3"),
    hint="write the detail as the message gives it: the authority's official name, address, website, e-mail and phone",
)
def supervisory_authority_details_differ(policy: Policy) -> Iterator[Hit]:
    """A Belgian controller's supervisory authority differs from the Belgian one, or its contact details are incomplete.

    People may complain to a data protection supervisory authority (GDPR 77), and the
    notice must tell them so (GDPR 13(2)(d)). For a controller in Belgium that authority is
    the Data Protection Authority (Gegevensbeschermingsautoriteit, GBA; Autorité de
    protection des données, APD), created by the Law of 3 December 2017. A notice that
    names it differently, gives an old or wrong address, or links to a website, email
    domain or phone number that is not the authority's sends people to the wrong place:
    an error. Each detail that is given is compared with privlint's dated copy of the
    authority's official details (name in Dutch, French, German or English; street and
    postcode; website, with or without "https://" and "www."; email domain; phone number,
    however it is written). Remarks (info, as the lawyer's audit classes them): the
    website is given with "http://" (the authority serves it over https), or the
    authority's e-mail address or phone number is not given at all, so a reader has only
    the post to reach it. The e-mail address privlint suggests is marked unconfirmed in
    its data file: check it on the authority's website before publishing it.

    Fails::

        controller:
          name: Smet-Jet NV
          address: {country: BE}
        supervisory_authority:
          name: Commissie voor de bescherming van de persoonlijke levenssfeer

    Passes::

        controller:
          name: Smet-Jet NV
          address: {country: BE}
        supervisory_authority:
          name: Gegevensbeschermingsautoriteit
          address: {street: Drukpersstraat 35, postcode: "1000", city: Brussel}
          url: https://www.gegevensbeschermingsautoriteit.be
          email: contact@apd-gba.be
          phone: +32 (0)2 274 48 00
    """
    given = policy.supervisory_authority
    known = knowledge.supervisory_authority(_BELGIUM)
    if given is None or known is None or not _belgian(policy.controller):
        return
    label = known.names.get("nl") or next(iter(known.names.values()))
    if given.name and knowledge.normalise(given.name) not in _official_names(known):
        official = ", ".join(known.names.values())
        yield Hit(child(given.pointer, "name"), f"{given.name!r} is not an official name of the {label}: {official}")
    yield from _authority_address(given.address, known, label)
    yield from _authority_website(given, known, label)
    yield from _authority_email(given, known, label)
    yield from _authority_phone(given, known, label)


def _authority_address(address: Address | None, known: knowledge.SupervisoryAuthority, label: str) -> Iterator[Hit]:
    if address is None:
        return
    streets = {knowledge.normalise(street) for street in known.street.values()}
    if address.street and knowledge.normalise(address.street) not in streets:
        expected = " / ".join(dict.fromkeys(known.street.values()))
        pointer = child(address.pointer, "street")
        yield Hit(pointer, f"street {address.street!r} differs from the {label}'s address: {expected}")
    if address.postcode and address.postcode.strip() != known.postcode:
        pointer = child(address.pointer, "postcode")
        yield Hit(pointer, f"postcode {address.postcode!r} differs from the {label}'s postcode {known.postcode}")


def _authority_website(given: SupervisoryAuthority, known: knowledge.SupervisoryAuthority, label: str) -> Iterator[Hit]:
    if not given.url:
        return
    pointer = child(given.pointer, "url")
    hosts = {_host(website) for website in known.websites}
    if _host(given.url) not in hosts:
        yield Hit(pointer, f"website {given.url!r} is not one of the {label}'s websites: {', '.join(sorted(hosts))}")
    elif given.url.strip().lower().startswith("http://"):
        yield Hit(
            pointer,
            f"website {given.url!r} is given with http://; write it with https:// ({known.websites[0]})",
            severity=INFO,
        )


def _authority_email(given: SupervisoryAuthority, known: knowledge.SupervisoryAuthority, label: str) -> Iterator[Hit]:
    if given.email is None:
        yield Hit(
            given.pointer,
            f"the {label}'s e-mail address is not given "
            f"({known.email}, unconfirmed: check it on the authority's website)",
            severity=INFO,
        )
    elif given.email.rpartition("@")[2].lower() not in known.domains:
        pointer = child(given.pointer, "email")
        yield Hit(pointer, f"email {given.email!r} is not at one of the {label}'s domains: {', '.join(known.domains)}")


def _authority_phone(given: SupervisoryAuthority, known: knowledge.SupervisoryAuthority, label: str) -> Iterator[Hit]:
    if given.phone is None:
        yield Hit(given.pointer, f"the {label}'s phone number is not given ({known.phone})", severity=INFO)
    elif _national_number(given.phone) != _national_number(known.phone):
        pointer = child(given.pointer, "phone")
        yield Hit(pointer, f"phone {given.phone!r} is not the {label}'s phone number: {known.phone}")


def _national_number(phone: str) -> str:
    """The digits of a Belgian phone number without country code and trunk 0 ("+32 (0)2 274 48 00" -> "22744800")."""
    digits = re.sub(r"\D", "", phone.replace("(0)", ""))
    for prefix in ("0032", "32"):
        if digits.startswith(prefix):
            return digits.removeprefix(prefix)
    return digits.removeprefix("0")


@rule(
    "BE004",
    "enterprise-number-in-vat-form",
    severity=INFO,
    articles=("Belgian WER art. III.25", "GDPR 13(1)(a)"),
    hint='write the enterprise number without the prefix BE (e.g. "0414.321.345"); "BE0414.321.345" is the VAT number',
)
def enterprise_number_in_vat_form(policy: Policy) -> Iterator[Hit]:
    """A Belgian controller's enterprise number is written in the VAT form, with the prefix BE.

    The enterprise number (ondernemingsnummer / numéro d'entreprise) is the ten-digit
    number of the Crossroads Bank for Enterprises, written "0414.321.345"; the VAT number is
    the same number with the country prefix BE ("BE0414.321.345"). A notice that gives
    "ondernemingsnummer BE0414.321.345" mixes the two: the number is right (BE001 checks
    it), its label is not. This is a remark on the form, not on the identity: the rule
    fires only when the number is otherwise valid.

    Fails::

        controller:
          name: Smet-Jet NV
          address: {country: BE}
          enterprise_number: "BE0414.321.345"

    Passes::

        controller:
          name: Smet-Jet NV
          address: {country: BE}
          enterprise_number: "0414.321.345"
    """
    controller = policy.controller
    if controller is None or not _belgian(controller) or controller.enterprise_number is None:
        return
    number = controller.enterprise_number
    prefix = knowledge.be_enterprise_number_format().vat_prefix
    if number.strip().upper().startswith(prefix) and enterprise_number_problem(number) is None:
        digits = re.sub(r"\D", "", number)
        written = f"{digits[:4]}.{digits[4:7]}.{digits[7:]}"
        yield Hit(
            child(controller.pointer, "enterprise_number"),
            f"enterprise number {number!r} is written as a VAT number (prefix {prefix}); "
            f"the enterprise number is {written!r}",
        )


# The bases that rest on a law, which is where an authorisation to use the number comes from.
_BASES_IN_LAW = ("legal_obligation", "public_task")


@rule(
    "BE005",
    "national-register-number-without-law",
    severity=WARNING,
    articles=("GDPR 87", "GDPR 6(1)(c)", "GDPR 6(3)", "Belgian Law of 8 August 1983 on the National Register, art. 8"),
    hint="name the law that allows the use of the national register number (legal_basis: legal_obligation, "
    "with the law under legal_obligation), or identify people without it",
)
def national_register_number_without_law(policy: Policy) -> Iterator[Hit]:
    """The national register number is used on a basis that rests on no law (a contract, consent).

    GDPR 87 leaves the conditions for processing a national identification number to the
    member states. In Belgium, the number of the National Register (rijksregisternummer,
    INSZ; numéro de registre national, NISS) may only be used by those whom a law, or an
    authorisation given under the law, allows to use it (Law of 8 August 1983 organising a
    National Register of natural persons, art. 8; unconfirmed: the article and its later
    amendments were not re-read for this rule, see ``privlint/data/phrases.toml``,
    ``national_register_number_items``). A shop, gym or webshop that asks for the number to
    identify a customer, on a contract or consent, has no such authorisation. The rule
    reports each use of an item that looks like the number by a processing activity or
    sharing whose legal basis is not a legal obligation (6(1)(c)) or a task in the public
    interest (6(1)(e)), the bases that rest on a law; a legal obligation that names no law
    is LB005's finding. It applies when the controller's address is in Belgium.

    Fails::

        controller: {name: Fit & Vitaal BV, address: {country: BE}}
        data_items:
          - id: national_number
            name: {nl: Rijksregisternummer}
        processing_activities:
          - id: membership
            legal_basis: contract
            data_items: [national_number]

    Passes::

        controller: {name: Fit & Vitaal BV, address: {country: BE}}
        data_items:
          - id: national_number
            name: {nl: Rijksregisternummer}
        processing_activities:
          - id: payroll
            legal_basis: legal_obligation
            legal_obligation: {law: Wet van 27 juni 1969 (RSZ-wet)}
            data_items: [national_number]
    """
    if not _belgian(policy.controller):
        return
    numbers = ItemKeywords("national_register_number_items", policy)
    for processing in policy.processings:
        if processing.legal_basis in _BASES_IN_LAW:
            continue
        for ref in processing.data_items:
            found = numbers.match(processing, ref)
            if found is not None:
                basis = processing.legal_basis or "not stated"
                yield Hit(
                    ref.pointer,
                    f"{processing.owner} uses {found.name!r}, the national register number, on the basis of "
                    f"{basis}: in Belgium the number may only be used where a law allows it",
                )
