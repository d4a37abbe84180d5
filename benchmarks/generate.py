"""Deterministic synthetic policies in privlint's model, for the benchmark and the linearity test.

A policy of ``n`` processing activities looks like a large organisation's register: three
data items per activity (every one used, a few Art. 9 items with their condition), a
recipient per ten activities and a sharing per five, retention with ISO 8601 durations,
EU/EEA and adequacy-country locations, and the sections a notice needs (controller, rights,
supervisory authority, website, notice metadata). About one activity in a hundred has a
realistic mistake (an undeclared data item, a missing retention, a legitimate interest not
stated, a location outside the EEA, an unknown recipient, a duplicated id) and one recipient in
twenty-five has no role, so the run also exercises locating and reporting findings.

The same ``n`` always gives the same bytes. The text is written directly (not through a YAML
dumper) so that generating 10,000 activities (~20 MB) takes about a second.

    python benchmarks/generate.py            # writes benchmarks/out/policy-{7,100,1000,10000}.yaml
    python benchmarks/generate.py 50 500     # other sizes
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"
SIZES = (7, 100, 1_000, 10_000)

ITEMS_PER_ACTIVITY = 3
MISTAKE_EVERY = 100  # one activity in this many carries a realistic mistake

# Words for names: (nl, en). Chosen so that none of them looks like Art. 9/10 data or
# triggers a statutory retention limit by accident; those cases are added on purpose.
_THINGS = (
    ("klantnaam", "customer name"),
    ("leveringsadres", "delivery address"),
    ("telefoonnummer", "phone number"),
    ("e-mailadres", "email address"),
    ("bestelnummer", "order number"),
    ("contractnummer", "contract number"),
    ("ondernemingsnummer", "enterprise number"),
    ("bankrekening", "bank account"),
    ("handtekening", "signature"),
    ("inlogtijdstip", "login time"),
    ("ip-adres", "IP address"),
    ("voorkeurstaal", "preferred language"),
    ("serienummer toestel", "device serial number"),
    ("keuringsattest", "inspection certificate"),
    ("werfadres", "site address"),
    ("offerte", "quotation"),
)
_ACTIVITIES = (
    ("Klantendossier", "Client file"),
    ("Herstellingen", "Repairs"),
    ("Onderhoudsplanning", "Maintenance planning"),
    ("Klantenafspraken", "Customer appointments"),
    ("Nieuwsbrief", "Newsletter"),
    ("Leveranciersbeheer", "Supplier management"),
    ("Klachtenbehandeling", "Complaint handling"),
    ("Garantieaanvragen", "Warranty claims"),
)
_BASES = ("contract", "contract", "legitimate_interest", "legal_obligation", "consent")
_TRIGGERS = {
    "contract": "contract_end",
    "legitimate_interest": "last_contact",
    "legal_obligation": "collection",
    "consent": "consent_withdrawal",
}
_DURATIONS = ("P1Y", "P2Y", "P6M", "P5Y", "P3Y", "P18M")
_LOCATIONS = (("EU",), ("EU",), ("EU", "EEA"), ("EU",), ("BE", "EU"))
_COUNTRIES = ("BE", "NL", "DE", "FR", "LU", "IE")
_ROLES = ("processor", "processor", "processor", "controller", "joint_controller")
# Every right the schema knows, in its order: the schema's enum is the one list to keep.
_SCHEMA = json.loads((OUT.parent.parent / "schemas" / "policy.schema.json").read_text(encoding="utf-8"))
_RIGHTS: tuple[str, ...] = tuple(_SCHEMA["$defs"]["right"]["properties"]["right"]["enum"])


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML 1.2)."""
    return json.dumps(text, ensure_ascii=False)


def item_id(index: int) -> str:
    return f"item_{index:05d}"


def activity_id(index: int) -> str:
    return f"activity_{index:05d}"


def recipient_id(index: int) -> str:
    return f"recipient_{index:04d}"


def counts(activities: int) -> dict[str, int]:
    """How many of each kind of entry a policy of ``activities`` processing activities has."""
    return {
        "processing_activities": activities,
        "data_items": activities * ITEMS_PER_ACTIVITY,
        "recipients": max(4, activities // 10),
        "sharing": max(4, activities // 5),
    }


def policy(activities: int, mistake_every: int = MISTAKE_EVERY) -> str:
    """The YAML text of a synthetic policy with ``activities`` processing activities.

    One activity in ``mistake_every`` carries a mistake (the linearity test makes them
    frequent, so that the work of reporting them counts too).
    """
    return "".join(_lines(activities, mistake_every))


def _lines(activities: int, mistake_every: int) -> Iterator[str]:
    sizes = counts(activities)
    yield f"# Synthetic policy: {activities} processing activities (benchmarks/generate.py).\n"
    yield from _header()
    yield "data_items:\n"
    for index in range(sizes["data_items"]):
        yield from _data_item(index)
    yield "processing_activities:\n"
    for index in range(activities):
        yield from _activity(index, sizes, mistake_every)
    yield "recipients:\n"
    for index in range(sizes["recipients"]):
        yield from _recipient(index)
    yield "sharing:\n"
    for index in range(sizes["sharing"]):
        yield from _sharing(index, sizes)
    yield from _footer(sizes)


def _header() -> Iterator[str]:
    yield """\
notice:
  title:
    nl: Privacyverklaring
    en: Privacy notice
  language: nl
  version: "2.1"
  date: "2025-01-15"
controller:
  name: Voorbeeld Logistiek NV
  legal_form: NV
  address:
    street: Nijverheidsstraat 3
    postcode: "2260"
    city: Westerlo
    country: BE
  enterprise_number: "0414.321.345"
  privacy_contact:
    name: Privacyteam
    role: privacy_coordinator
    email: privacy@example.be
  dpo:
    designated: false
audience: [customers, suppliers, website_visitors]
data_subjects:
  - id: customers
    name: {nl: Klanten, en: Customers}
  - id: suppliers
    name: {nl: Leveranciers, en: Suppliers}
  - id: website_visitors
    name: {nl: Websitebezoekers, en: Website visitors}
"""


def _data_item(index: int) -> Iterator[str]:
    nl, en = _THINGS[index % len(_THINGS)]
    yield f"  - id: {item_id(index)}\n"
    yield "    name:\n"
    yield f"      nl: {_q(f'{nl} {index}')}\n"
    yield f"      en: {_q(f'{en} {index}')}\n"
    yield f"    subjects: [{('customers', 'suppliers', 'website_visitors')[index % 3]}]\n"
    yield "    text:\n"
    yield f"      nl: {_q(f'Gegevens die we bijhouden in ons register (item {index}).')}\n"
    if index % 250 == 17:
        yield "    special_category: health\n"


# GDPR 13(2)(e), stated for every activity as a careful register states it.
_PROVISION_REQUIREMENT = (
    "    provision_requirement:\n"
    "      requirement: contractual\n"
    "      obliged: true\n"
    "      consequence:\n"
    "        nl: Zonder deze gegevens kunnen wij de dienst niet leveren\n"
    "        en: Without these data we cannot deliver the service\n"
)


def _activity(index: int, sizes: dict[str, int], mistake_every: int) -> Iterator[str]:
    nl, en = _ACTIVITIES[index % len(_ACTIVITIES)]
    mistake = index % mistake_every == mistake_every - 1
    basis = "legitimate_interest" if mistake else _BASES[index % len(_BASES)]
    variant = index // mistake_every % 3  # which further mistake, if any
    duplicate = mistake and variant == 2 and index > 0
    yield f"  - id: {activity_id(index - 1 if duplicate else index)}\n"  # REF004 when duplicated
    yield "    name:\n"
    yield f"      nl: {_q(f'{nl} {index}')}\n"
    yield f"      en: {_q(f'{en} {index}')}\n"
    yield "    description:\n"
    yield f"      nl: {_q(f'{nl}: registratie, opvolging en archivering van de gegevens (register {index}).')}\n"
    yield f"      en: {_q(f'{en}: recording, follow-up and archiving of the data (register {index}).')}\n"
    yield "    purposes:\n"
    yield f"      - nl: {_q(f'Uitvoeren van de dienstverlening voor {nl.lower()}')}\n"
    yield f"        en: {_q(f'Delivering the service for {en.lower()}')}\n"
    yield "      - nl: Opvolging van de klantrelatie en kwaliteitscontrole\n"
    yield "        en: Following up the customer relationship and quality control\n"
    yield f"    legal_basis: {basis}\n"
    if basis == "legitimate_interest" and not mistake:
        yield "    legitimate_interest:\n"
        yield "      nl: Een efficiënte en veilige bedrijfsvoering\n"
        yield "      en: Running the business efficiently and securely\n"
    if basis == "legal_obligation":
        yield "    legal_obligation:\n"
        yield "      law: Wetboek van economisch recht\n"
        yield "      provision: art. III.82\n"
    yield "    data_subjects: [customers]\n" + _PROVISION_REQUIREMENT
    yield "    data_items:\n"
    first = index * ITEMS_PER_ACTIVITY
    used = [first + offset for offset in range(ITEMS_PER_ACTIVITY)]
    used += [(first + 7 * offset + 5) % sizes["data_items"] for offset in range(1, 4)]
    health = [item for item in used if item % 250 == 17]
    for item in dict.fromkeys(used):
        yield f"      - {item_id(item)}\n"
    if mistake:
        yield f"      - item_{index:05d}_typo\n"  # undeclared: REF001 with a suggestion
    if health:
        yield "    special_category_condition: health_or_social_care\n"
    if not (mistake and index % (2 * mistake_every) == mistake_every - 1):
        yield "    retention:\n"
        yield f"      duration: {_DURATIONS[index % len(_DURATIONS)]}\n"
        yield f"      trigger: {_TRIGGERS[basis]}\n"
        yield "      text:\n"
        yield "        nl: Zolang de relatie loopt en daarna tot het einde van de wettelijke termijn\n"
        yield "        en: For as long as the relationship lasts, then until the end of the statutory period\n"
    locations = ("EU", "US") if mistake else _LOCATIONS[index % len(_LOCATIONS)]
    yield f"    locations: [{', '.join(locations)}]\n"
    if mistake and variant == 1:
        yield f"    recipients: [recipient_{index:04d}_typo]\n"  # REF003 with a suggestion
    elif index % 3 == 0:
        yield f"    recipients: [{recipient_id(index // 10 % sizes['recipients'])}]\n"


def _recipient(index: int) -> Iterator[str]:
    role = _ROLES[index % len(_ROLES)]
    country = _COUNTRIES[index % len(_COUNTRIES)]
    yield f"  - id: {recipient_id(index)}\n"
    yield f"    name: {_q(f'Dienstverlener {index} BV')}\n"
    if index % 25 != 9:  # RCP002 now and then: a recipient without a role
        yield f"    role: {role}\n"
    yield f"    country: {country}\n"
    if role == "processor":
        yield "    processor_agreement:\n"
        yield "      nl: Verwerkersovereenkomst volgens artikel 28 AVG\n"
    if role == "joint_controller":
        yield "    joint_arrangement:\n"
        yield "      nl: Elke partij behandelt de verzoeken over de gegevens die zij verzamelt\n"


def _sharing(index: int, sizes: dict[str, int]) -> Iterator[str]:
    first = (index * 5 * ITEMS_PER_ACTIVITY) % sizes["data_items"]
    items = sorted({(first + offset) % sizes["data_items"] for offset in (0, 1, 2)})
    yield f"  - id: sharing_{index:05d}\n"
    yield "    name:\n"
    yield f"      nl: {_q(f'Doorgifte aan dienstverlener {index}')}\n"
    yield "    purposes:\n"
    yield "      - nl: Uitbesteding van ondersteunende diensten\n"
    yield "    legal_basis: contract\n"
    yield f"    data_items: [{', '.join(item_id(item) for item in items)}]\n"
    if any(item % 250 == 17 for item in items):
        yield "    special_category_condition: health_or_social_care\n"
    yield "    retention:\n"
    yield "      duration: P1Y\n"
    yield "      trigger: contract_end\n"
    yield "    locations: [EU]\n"
    yield f"    recipients: [{recipient_id(index % sizes['recipients'])}]\n"


def _footer(sizes: dict[str, int]) -> Iterator[str]:
    yield "website:\n"
    yield "  cookies:\n"
    yield "    consent_requested: true\n"
    yield f"    data_items: [{item_id(0)}, {item_id(1)}]\n"
    yield "  server_logs:\n"
    yield f"    data_items: [{item_id(2)}]\n"
    joint = [recipient_id(i) for i in range(sizes["recipients"]) if _ROLES[i % len(_ROLES)] == "joint_controller"]
    yield "social_media:\n"
    yield f"  joint_controllers: [{', '.join(joint[:3])}]\n"
    yield "rights:\n"
    for right in _RIGHTS:
        yield f"  - right: {right}\n"
        yield "    text:\n"
        yield f"      nl: {_q(f'Je kan je recht ({right}) uitoefenen door ons te mailen.')}\n"
    yield """\
automated_decision_making:
  used: false
supervisory_authority:
  name: Gegevensbeschermingsautoriteit
  address:
    street: Drukpersstraat 35
    postcode: "1000"
    city: Brussel
    country: BE
  url: https://www.gegevensbeschermingsautoriteit.be
  email: contact@apd-gba.be
"""


def unused_items(count: int) -> str:
    """A policy that declares ``count`` data items and uses none: ``count`` REF002 findings."""
    lines = ["data_items:"]
    lines.extend(f"  - id: {item_id(index)}\n    name: {{nl: {_q(f'gegeven {index}')}}}" for index in range(count))
    return "\n".join(lines) + "\n"


def write_unused_items(count: int) -> Path:
    """Write the policy of ``unused_items(count)`` (unless an identical file is there) and return its path."""
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"unused-items-{count}.yaml"
    text = unused_items(count).encode("utf-8")
    if not path.is_file() or path.read_bytes() != text:
        path.write_bytes(text)
    return path


def path_for(activities: int) -> Path:
    return OUT / f"policy-{activities}.yaml"


def write(activities: int) -> Path:
    """Write the policy of ``activities`` activities (unless an identical file is there) and return its path."""
    OUT.mkdir(parents=True, exist_ok=True)
    path = path_for(activities)
    text = policy(activities).encode("utf-8")
    if not path.is_file() or path.read_bytes() != text:
        path.write_bytes(text)
    return path


def main(argv: list[str]) -> int:
    for activities in [int(arg) for arg in argv] or SIZES:
        path = write(activities)
        print(f"{path}: {activities} activities, {path.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
