"""Metamorphic properties: break a compliant policy one rule's way, and that rule fires exactly there.

Every rule with a check has a *break* here: a function that takes a compliant policy (on which
every rule is silent) and changes it the way the rule is about, returning the broken policy,
the JSON Pointers where the rule must now fire (all of them, and nowhere else), and a
*repaired* policy, fixed the way the rule's hint suggests, on which the rule is silent again.
A meta-test makes sure no rule in the registry is left without one.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from privlint import catalogue, pointers
from privlint.config import Config
from privlint.model import Settings

from property_support import examples, hits, lint_written, rule_hits, schema_errors
from strategies import gba, large_policies, policies, safeguards, third_countries, write

PROCESSINGS = ("processing_activities", "sharing")


@dataclass
class Case:
    broken: dict[str, Any]
    expected: list[str]  # where the rule fires on ``broken``
    repaired: dict[str, Any]
    eu_only: bool = True  # the organisation setting for ``broken``
    repaired_eu_only: bool = True


Break = Callable[[st.DrawFn, dict[str, Any]], Case]
BREAKS: dict[str, Break] = {}


def breaks(code: str) -> Callable[[Break], Break]:
    def register(function: Break) -> Break:
        BREAKS[code] = function
        return function

    return register


# --- navigating plain policy data ----------------------------------------------------------------


def processings(policy: dict[str, Any], keys: tuple[str, ...] = PROCESSINGS) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every processing activity and sharing with its pointer."""
    for key in keys:
        for index, entry in enumerate(policy.get(key, ())):
            yield pointers.join(key, index), entry


def references(policy: dict[str, Any], item: str) -> list[str]:
    """The pointers of every reference to data item ``item`` (processings and the website)."""
    found = [
        pointers.join(*pointers.tokens(where), "data_items", index)
        for where, entry in processings(policy)
        for index, ref in enumerate(entry.get("data_items", ()))
        if ref == item
    ]
    for use in ("cookies", "server_logs"):
        for index, ref in enumerate(policy.get("website", {}).get(use, {}).get("data_items", ())):
            if ref == item:
                found.append(pointers.join("website", use, index))
    return found


def pick(draw: st.DrawFn, choices: list[Any]) -> Any:
    return draw(st.sampled_from(choices))


def pick_processing(
    draw: st.DrawFn, policy: dict[str, Any], keys: tuple[str, ...] = PROCESSINGS
) -> tuple[str, dict[str, Any]]:
    return pick(draw, list(processings(policy, keys)))


def fresh_id(policy: dict[str, Any], prefix: str) -> str:
    taken = {
        entry.get("id")
        for key in policy
        if isinstance(policy[key], list)
        for entry in policy[key]
        if isinstance(entry, dict)
    }
    number = 0
    while f"{prefix}{number}" in taken:
        number += 1
    return f"{prefix}{number}"


def without_right(policy: dict[str, Any], right: str) -> dict[str, Any]:
    broken = copy.deepcopy(policy)
    broken["rights"] = [entry for entry in broken["rights"] if entry["right"] != right]
    return broken


def right_pointer(policy: dict[str, Any], right: str) -> str:
    index = next(i for i, entry in enumerate(policy["rights"]) if entry["right"] == right)
    return pointers.join("rights", index)


def entry_at(policy: dict[str, Any], pointer: str) -> Any:
    value: Any = policy
    for token in pointers.tokens(pointer):
        value = value[int(token)] if isinstance(value, list) else value[token]
    return value


# --- REF -------------------------------------------------------------------------------------------


@breaks("REF001")
def delete_a_used_item(draw: st.DrawFn, policy: dict[str, Any]) -> Case:
    used = [item["id"] for item in policy["data_items"] if references(policy, item["id"])]
    if not used:
        used_item = {"id": fresh_id(policy, "d_new")}
        policy["data_items"].append(used_item)
        policy["processing_activities"][0].setdefault("data_items", []).append(used_item["id"])
        used = [used_item["id"]]
    victim = pick(draw, used)
    broken = copy.deepcopy(policy)
    broken["data_items"] = [item for item in broken["data_items"] if item["id"] != victim]
    return Case(broken, references(policy, victim), policy)


@breaks("REF002")
def add_an_unused_item(draw: st.DrawFn, policy: dict[str, Any]) -> Case:
    item = fresh_id(policy, "d_unused")
    broken = copy.deepcopy(policy)
    broken["data_items"].append({"id": item})
    repaired = copy.deepcopy(broken)
    where, _ = pick_processing(draw, repaired, ("processing_activities",))
    entry_at(repaired, where).setdefault("data_items", []).append(item)
    return Case(broken, [pointers.join("data_items", len(broken["data_items"]) - 1)], repaired)


@breaks("REF003")
def reference_an_undeclared_recipient(draw: st.DrawFn, policy: dict[str, Any]) -> Case:
    recipient = fresh_id(policy, "r_unknown")
    broken = copy.deepcopy(policy)
    where, entry = pick_processing(draw, broken)
    refs = entry.setdefault("recipients", [])
    refs.append(recipient)
    repaired = copy.deepcopy(broken)
    repaired.setdefault("recipients", []).append(
        {"id": recipient, "role": "processor", "country": "BE", "processor_agreement": {"nl": "Overeenkomst"}}
    )
    return Case(broken, [pointers.join(*pointers.tokens(where), "recipients", len(refs) - 1)], repaired)


@breaks("REF004")
def duplicate_an_item_id(draw: st.DrawFn, policy: dict[str, Any]) -> Case:
    if not policy["data_items"]:
        policy["data_items"].append({"id": "d_only"})
        policy["processing_activities"][0].setdefault("data_items", []).append("d_only")
    original = pick(draw, policy["data_items"])
    broken = copy.deepcopy(policy)
    broken["data_items"].append(copy.deepcopy(original))
    index = len(broken["data_items"]) - 1
    repaired = copy.deepcopy(broken)
    renamed = fresh_id(repaired, "d_renamed")
    repaired["data_items"][index]["id"] = renamed
    repaired["processing_activities"][0].setdefault("data_items", []).append(renamed)
    return Case(broken, [pointers.join("data_items", index, "id")], repaired)


@breaks("REF005")
def share_an_item_nobody_collects(draw: st.DrawFn, policy: dict[str, Any]) -> Case:
    item = fresh_id(policy, "d_shared")
    broken = copy.deepcopy(policy)
    broken["data_items"].append({"id": item})
    if not broken.get("sharing"):
        broken.setdefault("recipients", []).append({"id": "r_shared", "role": "controller", "country": "BE"})
        broken["sharing"] = [
            {
                "id": "x_new",
                "legal_basis": "contract",
                "locations": ["EEA"],
                "recipients": ["r_shared"],
                "retention": {"duration": "P1Y", "trigger": "collection"},
            }
        ]
    index = draw(st.integers(0, len(broken["sharing"]) - 1))
    refs = broken["sharing"][index].setdefault("data_items", [])
    refs.append(item)
    repaired = copy.deepcopy(broken)
    repaired["processing_activities"][0].setdefault("data_items", []).append(item)
    return Case(broken, [pointers.join("sharing", index, "data_items", len(refs) - 1)], repaired)


# --- LB --------------------------------------------------------------------------------------------


@breaks("LB001")
def drop_a_legal_basis(draw: st.DrawFn, policy: dict[str, Any]) -> Case:
    broken = copy.deepcopy(policy)
    where, entry = pick_processing(draw, broken)
    for key in ("legal_basis", "legitimate_interest", "legal_obligation"):
        entry.pop(key, None)
    return Case(broken, [where], policy)


@breaks("LB002")
def switch_to_legitimate_interest_without_interest(draw: st.DrawFn, policy: dict[str, Any]) -> Case:
    broken = copy.deepcopy(policy)
    where, entry = pick_processing(draw, broken)
    entry["legal_basis"] = "legitimate_interest"
    entry.pop("legitimate_interest", None)
    repaired = copy.deepcopy(broken)
    entry_at(repaired, where)["legitimate_interest"] = {"nl": "Bewaking van de gebouwen"}
    return Case(broken, [where + "/legal_basis"], repaired)


def consent_places(policy: dict[str, Any]) -> list[str]:
    found = []
    for where, entry in processings(policy):
        if entry.get("legal_basis") == "consent":
            found.append(where + "/legal_basis")
        if entry.get("special_category_condition") == "explicit_consent":
            found.append(where + "/special_category_condition")
    return found


@breaks("LB003")
def drop_the_withdrawal_right(_draw: st.DrawFn, policy: dict[str, Any]) -> Case:
    broken = without_right(policy, "withdraw_consent")
    return Case(broken, consent_places(broken), policy)


@breaks("LB004")
def drop_the_objection_right(draw: st.DrawFn, policy: dict[str, Any]) -> Case:
    broken = without_right(policy, "objection")
    _, entry = pick_processing(draw, broken)
    entry["legal_basis"] = draw(st.sampled_from(("public_task", "legitimate_interest")))
    if entry["legal_basis"] == "legitimate_interest":
        entry["legitimate_interest"] = {"nl": "Fraudepreventie"}
    expected = [
        where + "/legal_basis"
        for where, entry in processings(broken)
        if entry.get("legal_basis") in ("public_task", "legitimate_interest")
    ]
    repaired = copy.deepcopy(broken)
    repaired["rights"].append({"right": "objection"})
    return Case(broken, expected, repaired)


@breaks("LB005")
def switch_to_legal_obligation_without_the_law(draw: st.DrawFn, policy: dict[str, Any]) -> Case:
    broken = copy.deepcopy(policy)
    where, entry = pick_processing(draw, broken)
    entry["legal_basis"] = "legal_obligation"
    entry.pop("legal_obligation", None)
    repaired = copy.deepcopy(broken)
    entry_at(repaired, where)["legal_obligation"] = {
        "law": "Wetboek van de belasting over de toegevoegde waarde",
        "provision": "art. 60",
    }
    return Case(broken, [where + "/legal_basis"], repaired)


@breaks("LB006")
def stop_relying_on_consent(draw: st.DrawFn, policy: dict[str, Any]) -> Case:
    broken = copy.deepcopy(policy)
    for _, entry in processings(broken):
        if entry.get("legal_basis") == "consent":
            entry["legal_basis"] = "contract"
        if entry.get("special_category_condition") == "explicit_consent":
            entry["special_category_condition"] = "legal_claims"
    repaired = copy.deepcopy(broken)
    where, _ = pick_processing(draw, repaired)
    entry = entry_at(repaired, where)
    entry["legal_basis"] = "consent"
    return Case(broken, [right_pointer(broken, "withdraw_consent")], repaired)


# --- SPC -------------------------------------------------------------------------------------------


def used_items(policy: dict[str, Any]) -> list[str]:
    return [item["id"] for item in policy["data_items"] if any(True for _ in _users(policy, item["id"]))]


def _users(policy: dict[str, Any], item: str) -> Iterator[tuple[str, dict[str, Any]]]:
    return ((where, entry) for where, entry in processings(policy) if item in entry.get("data_items", ()))


def ensure_used_item(policy: dict[str, Any]) -> None:
    if not used_items(policy):
        policy["data_items"].append({"id": "d_used"})
        policy["processing_activities"][0].setdefault("data_items", []).append("d_used")


@breaks("SPC001")
def mark_an_item_as_health_data(draw: st.DrawFn, policy: dict[str, Any]) -> Case:
    ensure_used_item(policy)
    item = pick(draw, used_items(policy))
    broken = copy.deepcopy(policy)
    next(entry for entry in broken["data_items"] if entry["id"] == item)["special_category"] = "health"
    special = {entry["id"] for entry in broken["data_items"] if entry.get("special_category")}
    expected = []
    for where, entry in _users(broken, item):
        entry.pop("special_category_condition", None)
        expected += [f"{where}/data_items/{i}" for i, ref in enumerate(entry["data_items"]) if ref in special]
    repaired = copy.deepcopy(broken)
    for where, _ in _users(broken, item):
        entry_at(repaired, where)["special_category_condition"] = "employment_social_security"
    return Case(broken, expected, repaired)


@breaks("SPC002")
def name_an_item_like_health_data(draw: st.DrawFn, policy: dict[str, Any]) -> Case:
    ensure_used_item(policy)
    index = draw(st.integers(0, len(policy["data_items"]) - 1))
    broken = copy.deepcopy(policy)
    item = broken["data_items"][index]
    item.pop("special_category", None)
    item["name"] = {"nl": draw(st.sampled_from(("Dagen ziekteverzuim", "Medisch attest", "Doktersattest")))}
    repaired = copy.deepcopy(broken)
    repaired["data_items"][index]["special_category"] = "health"
    for where, _ in _users(repaired, item["id"]):
        entry_at(repaired, where)["special_category_condition"] = "employment_social_security"
    return Case(broken, [pointers.join("data_items", index)], repaired)


@breaks("SPC003")
def mark_an_item_as_criminal_data(draw: st.DrawFn, policy: dict[str, Any]) -> Case:
    ensure_used_item(policy)
    item = pick(draw, used_items(policy))
    broken = copy.deepcopy(policy)
    next(entry for entry in broken["data_items"] if entry["id"] == item)["criminal_offence_data"] = True
    criminal = {entry["id"] for entry in broken["data_items"] if entry.get("criminal_offence_data")}
    expected = []
    for where, entry in _users(broken, item):
        entry.pop("criminal_data_basis", None)
        expected += [f"{where}/data_items/{i}" for i, ref in enumerate(entry["data_items"]) if ref in criminal]
    repaired = copy.deepcopy(broken)
    for where, _ in _users(broken, item):
        entry_at(repaired, where)["criminal_data_basis"] = {"law": "Wet van 8 december 1992", "provision": "art. 8"}
    return Case(broken, expected, repaired)


# --- TRF -------------------------------------------------------------------------------------------


@breaks("TRF001")
def drop_the_locations(draw: st.DrawFn, policy: dict[str, Any]) -> Case:
    broken = copy.deepcopy(policy)
    where, entry = pick_processing(draw, broken)
    if draw(st.booleans()):
        del entry["locations"]
    else:
        entry["locations"] = []
    return Case(broken, [where], policy)


@breaks("TRF002")
def add_a_third_country_without_safeguard(draw: st.DrawFn, policy: dict[str, Any]) -> Case:
    broken = copy.deepcopy(policy)
    where, entry = pick_processing(draw, broken)
    entry["locations"].append(draw(st.sampled_from(third_countries())))
    repaired = copy.deepcopy(broken)
    importer = fresh_id(repaired, "r_importer")
    repaired.setdefault("recipients", []).append(
        {
            "id": importer,
            "role": "processor",
            "country": "BE",
            "transfer_mechanism": draw(st.sampled_from(safeguards())),
            "processor_agreement": {"nl": "Verwerkersovereenkomst"},
        }
    )
    entry_at(repaired, where).setdefault("recipients", []).append(importer)
    return Case(
        broken, [f"{where}/locations/{len(entry['locations']) - 1}"], repaired, eu_only=False, repaired_eu_only=False
    )


@breaks("TRF003")
def process_outside_the_eu(draw: st.DrawFn, policy: dict[str, Any]) -> Case:
    broken = copy.deepcopy(policy)
    where, entry = pick_processing(draw, broken)
    entry["locations"].append(draw(st.sampled_from(("CH", "GB", "JP", "US", *third_countries()))))
    return Case(broken, [f"{where}/locations/{len(entry['locations']) - 1}"], broken, repaired_eu_only=False)


@breaks("TRF004")
def move_a_recipient_outside_the_locations(draw: st.DrawFn, policy: dict[str, Any]) -> Case:
    ensure_recipient(policy)
    with_recipients = [(w, e) for w, e in processings(policy) if e.get("recipients")]
    where, _ = pick(draw, with_recipients)
    broken = copy.deepcopy(policy)
    entry = entry_at(broken, where)
    entry["locations"] = ["BE"]
    countries = {r["id"]: r.get("country") for r in broken.get("recipients", ())}
    moved = pick(draw, entry["recipients"])
    if countries[moved] == "BE":
        next(r for r in broken["recipients"] if r["id"] == moved)["country"] = "NL"
        countries[moved] = "NL"
    expected = [f"{where}/recipients/{i}" for i, ref in enumerate(entry["recipients"]) if countries[ref] != "BE"]
    repaired = copy.deepcopy(broken)
    entry_at(repaired, where)["locations"] = ["EEA"]
    return Case(broken, expected, repaired)


# --- RCP -------------------------------------------------------------------------------------------


def ensure_sharing(policy: dict[str, Any]) -> None:
    if not policy.get("sharing"):
        policy.setdefault("recipients", []).append({"id": "r_partner", "role": "controller", "country": "BE"})
        policy["sharing"] = [
            {
                "id": "x_partner",
                "legal_basis": "contract",
                "locations": ["EEA"],
                "recipients": ["r_partner"],
                "retention": {"duration": "P1Y", "trigger": "collection"},
            }
        ]


@breaks("RCP001")
def drop_a_sharings_recipients(draw: st.DrawFn, policy: dict[str, Any]) -> Case:
    ensure_sharing(policy)
    broken = copy.deepcopy(policy)
    where, entry = pick_processing(draw, broken, ("sharing",))
    if draw(st.booleans()):
        del entry["recipients"]
    else:
        entry["recipients"] = []
    return Case(broken, [where], policy)


def ensure_recipient(policy: dict[str, Any]) -> None:
    if not policy.get("recipients"):
        ensure_sharing(policy)


@breaks("RCP002")
def drop_a_recipients_role(draw: st.DrawFn, policy: dict[str, Any]) -> Case:
    ensure_recipient(policy)
    broken = copy.deepcopy(policy)
    index = draw(st.integers(0, len(broken["recipients"]) - 1))
    del broken["recipients"][index]["role"]
    return Case(broken, [pointers.join("recipients", index)], policy)


@breaks("RCP003")
def add_an_unused_recipient(draw: st.DrawFn, policy: dict[str, Any]) -> Case:
    broken = copy.deepcopy(policy)
    recipient = fresh_id(broken, "r_idle")
    broken.setdefault("recipients", []).append({"id": recipient, "role": "controller", "country": "BE"})
    repaired = copy.deepcopy(broken)
    where, _ = pick_processing(draw, repaired)
    entry_at(repaired, where).setdefault("recipients", []).append(recipient)
    return Case(broken, [pointers.join("recipients", len(broken["recipients"]) - 1)], repaired)


@breaks("RCP004")
def make_a_joint_controller_without_arrangement(draw: st.DrawFn, policy: dict[str, Any]) -> Case:
    ensure_recipient(policy)
    broken = copy.deepcopy(policy)
    index = draw(st.integers(0, len(broken["recipients"]) - 1))
    broken["recipients"][index]["role"] = "joint_controller"
    broken["recipients"][index].pop("joint_arrangement", None)
    repaired = copy.deepcopy(broken)
    repaired["recipients"][index]["joint_arrangement"] = {"nl": "De kern van de regeling staat op de website"}
    return Case(broken, [pointers.join("recipients", index, "role")], repaired)


# --- RET -------------------------------------------------------------------------------------------


@breaks("RET001")
def drop_the_retention(draw: st.DrawFn, policy: dict[str, Any]) -> Case:
    broken = copy.deepcopy(policy)
    where, entry = pick_processing(draw, broken)
    del entry["retention"]
    return Case(broken, [where], policy)


@breaks("RET002")
def drop_the_duration_or_trigger(draw: st.DrawFn, policy: dict[str, Any]) -> Case:
    broken = copy.deepcopy(policy)
    where, entry = pick_processing(draw, broken)
    for part in draw(st.sampled_from((("duration",), ("trigger",), ("duration", "trigger")))):
        del entry["retention"][part]
    return Case(broken, [where + "/retention"], policy)


@breaks("RET003")
def keep_camera_images_too_long(draw: st.DrawFn, policy: dict[str, Any]) -> Case:
    broken = copy.deepcopy(policy)
    where, entry = pick_processing(draw, broken)
    entry["name"] = {"nl": draw(st.sampled_from(("Camerabewaking", "Veiligheidscamera", "CCTV")))}
    entry["retention"]["duration"] = draw(st.sampled_from(("P2M", "P5W", "P1Y", "P32D")))
    repaired = copy.deepcopy(broken)
    entry_at(repaired, where)["retention"]["duration"] = draw(st.sampled_from(("P4W", "P1M", "P28D")))
    return Case(broken, [where + "/retention/duration"], repaired)


@breaks("RET004")
def run_retention_from_a_contract_without_one(draw: st.DrawFn, policy: dict[str, Any]) -> Case:
    broken = copy.deepcopy(policy)
    where, entry = pick_processing(draw, broken)
    if entry["legal_basis"] == "contract":
        entry["legal_basis"] = "legitimate_interest"
        entry["legitimate_interest"] = {"nl": "Klantenrelatie"}
    entry["retention"]["trigger"] = "contract_end"
    repaired = copy.deepcopy(broken)
    repaired_entry = entry_at(repaired, where)
    for key in ("legitimate_interest", "legal_obligation"):
        repaired_entry.pop(key, None)
    repaired_entry["legal_basis"] = "contract"
    return Case(broken, [where + "/retention/trigger"], repaired)


@breaks("RET005")
def delete_invoices_too_early(draw: st.DrawFn, policy: dict[str, Any]) -> Case:
    broken = copy.deepcopy(policy)
    where, entry = pick_processing(draw, broken)
    entry["name"] = {"nl": draw(st.sampled_from(("Facturatie", "Boekhouding", "Invoicing")))}
    repaired = copy.deepcopy(broken)
    entry_at(repaired, where)["retention"]["duration"] = draw(st.sampled_from(("P10Y", "P11Y", "P120M")))
    if draw(st.booleans()):  # the retention states no duration at all: the minimum cannot be shown
        del entry["retention"]["duration"]
        return Case(broken, [where + "/retention"], repaired)
    entry["retention"]["duration"] = draw(st.sampled_from(("P1Y", "P5Y", "P6M", "P9Y11M")))
    return Case(broken, [where + "/retention/duration"], repaired)


# --- TRN -------------------------------------------------------------------------------------------


@breaks("TRN001")
def drop_part_of_the_controller_identity(draw: st.DrawFn, policy: dict[str, Any]) -> Case:
    broken = copy.deepcopy(policy)
    part = draw(st.sampled_from(("name", "address", "street", "postcode", "city", "country")))
    if part in ("name", "address"):
        del broken["controller"][part]
    else:
        del broken["controller"]["address"][part]
    return Case(broken, ["/controller"], policy)


@breaks("TRN002")
def drop_the_contact_email(_draw: st.DrawFn, policy: dict[str, Any]) -> Case:
    broken = copy.deepcopy(policy)
    del broken["controller"]["privacy_contact"]["email"]
    broken["controller"]["dpo"] = {"designated": False}
    return Case(broken, ["/controller/privacy_contact"], policy)


@breaks("TRN003")
def drop_a_right(draw: st.DrawFn, policy: dict[str, Any]) -> Case:
    right = draw(st.sampled_from(("access", "rectification", "erasure", "restriction", "objection", "portability")))
    return Case(without_right(policy, right), ["/rights"], policy)


@breaks("TRN004")
def drop_the_complaint_right_or_authority(draw: st.DrawFn, policy: dict[str, Any]) -> Case:
    broken = copy.deepcopy(policy)
    how = draw(st.sampled_from(("authority", "name", "right")))
    if how == "authority":
        del broken["supervisory_authority"]
        expected = [""]
    elif how == "name":
        del broken["supervisory_authority"]["name"]
        expected = ["/supervisory_authority"]
    else:
        broken = without_right(broken, "lodge_complaint")
        expected = ["/rights"]
    return Case(broken, expected, policy)


@breaks("TRN005")
def drop_the_automated_decision_statement(draw: st.DrawFn, policy: dict[str, Any]) -> Case:
    broken = copy.deepcopy(policy)
    if draw(st.booleans()):
        del broken["automated_decision_making"]
        expected = [right_pointer(broken, "no_automated_decision")]
    else:
        broken["automated_decision_making"] = {"used": True}
        expected = ["/automated_decision_making"]
    return Case(broken, expected, policy)


@breaks("TRN006")
def drop_the_dpo_statement(draw: st.DrawFn, policy: dict[str, Any]) -> Case:
    broken = copy.deepcopy(policy)
    if draw(st.booleans()):
        del broken["controller"]["dpo"]
        expected = ["/controller"]
    else:
        broken["controller"]["dpo"] = {"designated": True, "name": "Functionaris"}
        expected = ["/controller/dpo"]
    return Case(broken, expected, policy)


@breaks("TRN007")
def drop_the_version_or_date(draw: st.DrawFn, policy: dict[str, Any]) -> Case:
    broken = copy.deepcopy(policy)
    for part in draw(st.sampled_from((("version",), ("date",), ("version", "date")))):
        del broken["notice"][part]
    return Case(broken, ["/notice"], policy)


# --- BE and AUD ------------------------------------------------------------------------------------


@breaks("BE001")
def mistype_the_enterprise_number(draw: st.DrawFn, policy: dict[str, Any]) -> Case:
    broken = copy.deepcopy(policy)
    number = broken["controller"]["enterprise_number"]
    check = int(number[-2:])
    broken["controller"]["enterprise_number"] = number[:-2] + f"{(check + draw(st.integers(1, 96))) % 97:02d}"
    return Case(broken, ["/controller/enterprise_number"], policy)


@breaks("BE002")
def name_another_authority_website(draw: st.DrawFn, policy: dict[str, Any]) -> Case:
    broken = copy.deepcopy(policy)
    part, value = draw(
        st.sampled_from(
            (
                ("url", "https://www.example.org"),
                ("url", "http://www.gegevensbeschermingsautoriteit.be"),  # the authority's, without https
                ("email", "info@example.org"),
                ("name", "Privacycommissie"),
                ("phone", "+32 2 000 00 00"),
                ("email", None),  # left out
                ("phone", None),
            )
        )
    )
    if value is None:
        del broken["supervisory_authority"][part]
        expected = "/supervisory_authority"
    else:
        broken["supervisory_authority"][part] = value
        expected = f"/supervisory_authority/{part}"
    repaired = copy.deepcopy(broken)
    repaired["supervisory_authority"] = gba()
    return Case(broken, [expected], repaired)


@breaks("BE004")
def write_the_enterprise_number_as_a_vat_number(draw: st.DrawFn, policy: dict[str, Any]) -> Case:
    broken = copy.deepcopy(policy)
    number = broken["controller"]["enterprise_number"]
    broken["controller"]["enterprise_number"] = draw(st.sampled_from(("BE", "BE ", "be"))) + number
    return Case(broken, ["/controller/enterprise_number"], policy)


@breaks("AUD001")
def process_data_of_people_outside_the_audience(draw: st.DrawFn, policy: dict[str, Any]) -> Case:
    broken = copy.deepcopy(policy)
    kind = draw(st.sampled_from(("subject", "camera", "events")))
    if kind == "camera":  # cameras film people the policy does not name
        where, entry = pick_processing(draw, broken)
        entry.pop("data_subjects", None)
        item = fresh_id(broken, "d_camera")
        broken["data_items"].append({"id": item, "name": {"nl": "Camerabeelden"}})
        entry.setdefault("data_items", []).append(item)
        repaired = copy.deepcopy(broken)
        entry_at(repaired, where)["data_subjects"] = list(repaired["audience"][:1])
        return Case(broken, [where], repaired)
    if kind == "events":  # event photos concern the attendees
        broken.setdefault("social_media", {})["events"] = {"text": {"nl": "Op onze evenementen worden foto's gemaakt."}}
        repaired = copy.deepcopy(broken)
        repaired["social_media"]["events"]["data_subjects"] = list(repaired["audience"][:1])
        return Case(broken, ["/social_media/events"], repaired)
    outsider = fresh_id(broken, "s_outside")
    broken["data_subjects"].append({"id": outsider, "name": {"nl": "Werknemers"}})
    where, entry = pick_processing(draw, broken)
    refs = entry.setdefault("data_subjects", [])
    refs.append(outsider)
    repaired = copy.deepcopy(broken)
    repaired["audience"].append(outsider)
    return Case(broken, [f"{where}/data_subjects/{len(refs) - 1}"], repaired)


# --- PRO and LANG ----------------------------------------------------------------------------------

OPEN_LIST_MARKERS = ("...", "…", " enz.", " e.d.", " etc.", " en zo verder")
HEDGES = ("mogelijk", "sommige", "doorgaans", "vaak", "mogelijks")
# (wrong in Dutch, right in Dutch) for LANG001
DUTCH_TERMS = (
    ("Werk emailadres", "E-mailadres op het werk"),
    ("BTW nummer", "Btw-nummer"),
    ("Privacy coördinator", "Privacycoördinator"),
    ("Adres in Belgium", "Adres in België"),
    ("PERSOONSgegevens", "Persoonsgegevens"),
    ("Goederen een/of diensten", "Goederen en/of diensten"),
)


@breaks("PRO001")
def leave_a_purpose_list_open(draw: st.DrawFn, policy: dict[str, Any]) -> Case:
    broken = copy.deepcopy(policy)
    where, entry = pick_processing(draw, broken)
    purposes = entry.setdefault("purposes", [])
    listed = "Alfa, bravo, delta"
    purposes.append({"nl": listed + draw(st.sampled_from(OPEN_LIST_MARKERS))})
    repaired = copy.deepcopy(broken)
    entry_at(repaired, where)["purposes"][-1] = {"nl": listed}
    return Case(broken, [f"{where}/purposes/{len(purposes) - 1}/nl"], repaired)


@breaks("PRO002")
def hedge_a_text(draw: st.DrawFn, policy: dict[str, Any]) -> Case:
    broken = copy.deepcopy(policy)
    where, entry = pick_processing(draw, broken)
    field = draw(st.sampled_from(("description", "purpose")))
    hedged = {"nl": f"Wij delen {draw(st.sampled_from(HEDGES))} gegevens met partners"}
    # Wording with a listed word that is not a hedge: the repair keeps "mogelijk".
    plain = {"nl": "Wij delen zo weinig mogelijk gegevens met partners", "en": "You may object at any time"}
    if field == "description":
        entry["description"] = hedged
        pointer = f"{where}/description/nl"
    else:
        entry.setdefault("purposes", []).append(hedged)
        pointer = f"{where}/purposes/{len(entry['purposes']) - 1}/nl"
    repaired = copy.deepcopy(broken)
    entry_at(repaired, pointers.parent(pointer)).clear()
    entry_at(repaired, pointers.parent(pointer)).update(plain)
    return Case(broken, [pointer], repaired)


@breaks("LANG001")
def misspell_a_data_item(draw: st.DrawFn, policy: dict[str, Any]) -> Case:
    ensure_used_item(policy)
    index = draw(st.integers(0, len(policy["data_items"]) - 1))
    wrong, right = draw(st.sampled_from(DUTCH_TERMS))
    broken = copy.deepcopy(policy)
    broken["data_items"][index]["name"] = {"nl": wrong}
    repaired = copy.deepcopy(broken)
    # The wrong form in a text that is not Dutch is not judged by the Dutch list.
    repaired["data_items"][index]["name"] = {"nl": right, "en": wrong}
    return Case(broken, [f"/data_items/{index}/name/nl"], repaired)


@breaks("LANG002")
def write_a_contents_entry_unlike_its_heading(draw: st.DrawFn, policy: dict[str, Any]) -> Case:
    repaired = copy.deepcopy(policy)
    sections = repaired["notice"].setdefault("sections", [])
    if not sections:
        sections.append({"id": fresh_id(repaired, "n_new")})
    for number, section in enumerate(sections, 1):
        section.setdefault("heading", {"nl": f"Hoofdstuk {number}"})
    repaired["notice"]["table_of_contents"] = [
        {"nl": f"{number}. {section['heading']['nl']}"} for number, section in enumerate(sections, 1)
    ]
    broken = copy.deepcopy(repaired)
    index = draw(st.integers(0, len(sections) - 1))
    broken["notice"]["table_of_contents"][index] = {"nl": f"{index + 1}. {sections[index]['heading']['nl'].swapcase()}"}
    return Case(broken, [f"/notice/table_of_contents/{index}/nl"], repaired)


# --- issue 12: prose, vocabulary, recipients, cookies ---------------------------------------------


def add_prose(draw: st.DrawFn, policy: dict[str, Any], sentence: str) -> tuple[dict[str, Any], str]:
    """``policy`` with ``sentence`` as the text of a new notice section; the pointer of that text."""
    broken = copy.deepcopy(policy)
    sections = broken.setdefault("notice", {}).setdefault("sections", [])
    sections.append({"id": fresh_section(broken), "text": {"nl": f"{draw(st.sampled_from(PREFACES))} {sentence}"}})
    return broken, pointers.join("notice", "sections", len(sections) - 1, "text", "nl")


PREFACES = ("Wij hechten belang aan jouw privacy.", "Lees dit aandachtig.", "Welkom.")


def fresh_section(policy: dict[str, Any]) -> str:
    taken = {section["id"] for section in policy.get("notice", {}).get("sections", ())}
    return next(f"n_new{number}" for number in range(len(taken) + 1) if f"n_new{number}" not in taken)


def new_used_item(policy: dict[str, Any], where: str, name: str) -> str:
    """Declare an item named ``name`` and add it to the processing at ``where``; its reference's pointer."""
    item = fresh_id(policy, "d_new")
    policy["data_items"].append({"id": item, "name": {"nl": name}})
    refs = entry_at(policy, where).setdefault("data_items", [])
    refs.append(item)
    return f"{where}/data_items/{len(refs) - 1}"


@breaks("REF006")
def put_a_comma_in_an_item_name(draw: st.DrawFn, policy: dict[str, Any]) -> Case:
    ensure_used_item(policy)
    item = pick(draw, used_items(policy))
    broken = copy.deepcopy(policy)
    index = next(i for i, entry in enumerate(broken["data_items"]) if entry["id"] == item)
    broken["data_items"][index]["name"] = {
        "nl": draw(st.sampled_from(("Betalingsoverzicht, klantenrekening", "Naam; adres")))
    }
    expected = [pointers.join("data_items", index, "name", "nl")]
    expected += [
        f"{where}/data_items/{i}"
        for where, entry in _users(broken, item)
        for i, ref in enumerate(entry["data_items"])
        if ref == item
    ]
    repaired = copy.deepcopy(broken)
    repaired["data_items"][index]["name"] = {"nl": "Betalingsoverzicht en klantenrekening"}
    return Case(broken, expected, repaired)


@breaks("LB007")
def claim_consent_by_purchase(draw: st.DrawFn, policy: dict[str, Any]) -> Case:
    sentence = draw(st.sampled_from(IMPLIED_CONSENT))
    broken, where = add_prose(draw, policy, sentence)
    return Case(broken, [where], policy)


IMPLIED_CONSENT = (
    "Door onze producten aan te schaffen geef je aan ermee akkoord te gaan dat we je gegevens verwerken.",
    "Door onze website te gebruiken geef je toestemming voor de verwerking.",
)


@breaks("LB008")
def invoice_under_a_contract_only(draw: st.DrawFn, policy: dict[str, Any]) -> Case:
    broken = copy.deepcopy(policy)
    where, entry = pick_processing(draw, broken)
    entry["name"] = {"nl": draw(st.sampled_from(("Facturatie", "Boekhouding", "Klanten facturatie en boekhouding")))}
    entry["legal_basis"] = "contract"
    for key in ("legitimate_interest", "legal_obligation"):
        entry.pop(key, None)
    repaired = copy.deepcopy(broken)
    entry_at(repaired, where).update({"legal_basis": "legal_obligation", "legal_obligation": {"law": "BTW-Wetboek"}})
    return Case(broken, [where + "/legal_basis"], repaired)


@breaks("LB009")
def rely_on_a_contract_for_contact_persons(draw: st.DrawFn, policy: dict[str, Any]) -> Case:
    broken = copy.deepcopy(policy)
    where, entry = pick_processing(draw, broken)
    entry["legal_basis"] = "contract"
    for key in ("legitimate_interest", "legal_obligation"):
        entry.pop(key, None)
    ref = new_used_item(broken, where, draw(st.sampled_from(("Werk emailadres", "Professioneel telefoonnummer"))))
    repaired = copy.deepcopy(broken)
    entry_at(repaired, where).update(
        {"legal_basis": "legitimate_interest", "legitimate_interest": {"nl": "Klantcontact"}}
    )
    return Case(broken, [ref], repaired)


@breaks("LB010")
def add_feedback_to_a_contract(draw: st.DrawFn, policy: dict[str, Any]) -> Case:
    broken = copy.deepcopy(policy)
    where, entry = pick_processing(draw, broken)
    entry["legal_basis"] = "contract"
    for key in ("legitimate_interest", "legal_obligation"):
        entry.pop(key, None)
    purposes = entry.setdefault("purposes", [])
    purposes.append({"nl": draw(st.sampled_from(("Feedback van klanten", "Marketing", "Promotie van onze diensten")))})
    repaired = copy.deepcopy(broken)
    entry_at(repaired, where)["purposes"].pop()
    return Case(broken, [f"{where}/purposes/{len(purposes) - 1}/nl"], repaired)


@breaks("LB011")
def answer_an_objection_by_ending_the_service(draw: st.DrawFn, policy: dict[str, Any]) -> Case:
    sentence = "Wanneer je je verzet tegen het delen van je data, evalueren we of een contractuele relatie mogelijk is."
    broken, where = add_prose(draw, policy, sentence)
    return Case(broken, [where], policy)


@breaks("TRN008")
def drop_the_provision_requirement(draw: st.DrawFn, policy: dict[str, Any]) -> Case:
    ensure_used_item(policy)
    broken = copy.deepcopy(policy)
    with_items = [(w, e) for w, e in processings(broken, ("processing_activities",)) if e.get("data_items")]
    where, entry = pick(draw, with_items)
    entry.pop("provision_requirement", None)
    entry.pop("data_source", None)
    return Case(broken, [where], policy)


@breaks("TRN009")
def use_data_of_an_involved_party(draw: st.DrawFn, policy: dict[str, Any]) -> Case:
    broken = copy.deepcopy(policy)
    where, entry = pick_processing(draw, broken)
    entry.pop("data_source", None)
    new_used_item(broken, where, draw(st.sampled_from(("Naam van de betrokken partij", "Getuigenverklaring"))))
    repaired = copy.deepcopy(broken)
    entry_at(repaired, where)["data_source"] = {
        "obtained_from": "third_party",
        "source": {"nl": "de klant"},
        "publicly_accessible": False,
    }
    if where.startswith("/processing_activities"):
        entry_at(repaired, where)["provision_requirement"] = {"requirement": "none"}
    return Case(broken, [where], repaired)


@breaks("TRN010")
def ask_to_reread_the_notice(draw: st.DrawFn, policy: dict[str, Any]) -> Case:
    sentence = "We vragen je om de privacyverklaring op regelmatige basis opnieuw te lezen."
    broken, where = add_prose(draw, policy, sentence)
    return Case(broken, [where], policy)


@breaks("BE003")
def publish_photos_without_consent(draw: st.DrawFn, policy: dict[str, Any]) -> Case:
    broken = copy.deepcopy(policy)
    where, entry = pick_processing(draw, broken)
    entry["legal_basis"] = "legitimate_interest"
    entry["legitimate_interest"] = {"nl": "Naambekendheid"}
    entry.pop("legal_obligation", None)
    new_used_item(broken, where, "Foto's / beelden")
    entry.setdefault("purposes", []).append({"nl": "Promotie op sociale media"})
    repaired = copy.deepcopy(broken)
    entry_at(repaired, where)["legal_basis"] = "consent"
    return Case(broken, [where + "/legal_basis"], repaired)


@breaks("BE005")
def ask_for_the_national_register_number_under_a_contract(draw: st.DrawFn, policy: dict[str, Any]) -> Case:
    broken = copy.deepcopy(policy)
    where, entry = pick_processing(draw, broken)
    entry["legal_basis"] = draw(st.sampled_from(("contract", "consent")))
    for key in ("legitimate_interest", "legal_obligation"):
        entry.pop(key, None)
    name = draw(st.sampled_from(("Rijksregisternummer", "INSZ", "Numéro de registre national", "NISS")))
    ref = new_used_item(broken, where, name)
    repaired = copy.deepcopy(broken)
    entry_at(repaired, where).update(
        {"legal_basis": "legal_obligation", "legal_obligation": {"law": "Wet van 27 juni 1969 (RSZ-wet)"}}
    )
    return Case(broken, [ref], repaired)


@breaks("TRF005")
def share_with_meta_said_to_be_in_the_eu(draw: st.DrawFn, policy: dict[str, Any]) -> Case:
    broken = copy.deepcopy(policy)
    recipient = fresh_id(broken, "r_meta")
    name = draw(st.sampled_from(("META PLATFORMS IRELAND LIMITED", "LinkedIn Ireland Unlimited Company")))
    broken.setdefault("recipients", []).append({"id": recipient, "name": name, "role": "joint_controller"})
    where, entry = pick_processing(draw, broken)
    entry["locations"] = [draw(st.sampled_from(("EU", "EEA", "BE", "IE")))]
    entry.setdefault("recipients", []).append(recipient)
    repaired = copy.deepcopy(broken)
    repaired["recipients"][-1]["transfer_mechanism"] = "standard_contractual_clauses"
    return Case(broken, [where + "/locations"], repaired)


@breaks("RCP005")
def name_a_category_without_sharing(draw: st.DrawFn, policy: dict[str, Any]) -> Case:
    ensure_sharing(policy)
    broken = copy.deepcopy(policy)
    categories = broken.setdefault("named_recipient_categories", [])
    categories.append({"name": {"nl": draw(st.sampled_from(("accountancy partners", "juridische adviseurs")))}})
    repaired = copy.deepcopy(broken)
    repaired["named_recipient_categories"][-1]["sharing"] = [pick(draw, [s["id"] for s in repaired["sharing"]])]
    return Case(broken, [pointers.join("named_recipient_categories", len(categories) - 1)], repaired)


@breaks("RCP006")
def call_an_insurer_a_processor(draw: st.DrawFn, policy: dict[str, Any]) -> Case:
    ensure_recipient(policy)
    broken = copy.deepcopy(policy)
    index = draw(st.integers(0, len(broken["recipients"]) - 1))
    recipient = broken["recipients"][index]
    recipient["name"] = draw(st.sampled_from(("D'hondt Insurance NV", "Advocatenkantoor Peeters", "Lokale politie")))
    recipient["role"] = "processor"
    repaired = copy.deepcopy(broken)
    repaired["recipients"][index]["role"] = "controller"
    return Case(broken, [pointers.join("recipients", index, "role")], repaired)


@breaks("COO001")
def ask_cookie_consent_without_cookies(draw: st.DrawFn, policy: dict[str, Any]) -> Case:
    broken = copy.deepcopy(policy)
    broken["website"] = {"cookies": {"consent_requested": True}}
    if draw(st.booleans()):
        broken["website"]["cookies"]["cookie_list"] = [{"name": "session", "category": "essential", "session": True}]
    repaired = copy.deepcopy(broken)
    repaired["website"]["cookies"].setdefault("cookie_list", []).append(
        {"name": "_ga", "category": "analytics", "party": "third", "duration": "P13M"}
    )
    return Case(broken, ["/website/cookies/consent_requested"], repaired)


@breaks("COO002")
def add_an_unmodelled_social_plugin(draw: st.DrawFn, policy: dict[str, Any]) -> Case:
    broken = copy.deepcopy(policy)
    broken["website"] = {"social_plugins": [{"platform": "Facebook", "hedged": draw(st.booleans())}]}
    repaired = copy.deepcopy(broken)
    platform = fresh_id(repaired, "r_platform")
    activity = fresh_id(repaired, "p_plugin")
    repaired.setdefault("recipients", []).append(
        {"id": platform, "role": "joint_controller", "joint_arrangement": {"nl": "Addendum"}}
    )
    repaired["processing_activities"].append({"id": activity, "legal_basis": "consent", "recipients": [platform]})
    repaired["website"]["social_plugins"][0].update(
        {"recipient": platform, "processing": activity, "loaded_before_consent": False}
    )
    return Case(broken, ["/website/social_plugins/0"], repaired)


@breaks("SPC004")
def collect_the_marital_status(draw: st.DrawFn, policy: dict[str, Any]) -> Case:
    broken = copy.deepcopy(policy)
    where, _ = pick_processing(draw, broken)
    new_used_item(broken, where, draw(st.sampled_from(("Huwelijkse staat", "Verlof / vakantiedagen", "Dieetwensen"))))
    index = len(broken["data_items"]) - 1
    repaired = copy.deepcopy(broken)
    repaired["data_items"][index]["special_category"] = "health"
    entry_at(repaired, where)["special_category_condition"] = "employment_social_security"
    return Case(broken, [pointers.join("data_items", index)], repaired)


@breaks("RET006")
def keep_appointments_for_the_limitation_period(draw: st.DrawFn, policy: dict[str, Any]) -> Case:
    broken = copy.deepcopy(policy)
    where, entry = pick_processing(draw, broken)
    entry["name"] = {"nl": draw(st.sampled_from(("Klantenafspraken", "Agenda", "Serverlogbestanden")))}
    entry["retention"]["text"] = {"nl": "Bewaring gedurende de verjaringstermijn"}
    repaired = copy.deepcopy(broken)
    entry_at(repaired, where)["retention"]["text"] = {"nl": "Bewaring gedurende een jaar"}
    return Case(broken, [where + "/retention"], repaired)


@breaks("RET007")
def word_the_same_start_differently(_draw: st.DrawFn, policy: dict[str, Any]) -> Case:
    broken = copy.deepcopy(policy)
    same = {"duration": "P1Y", "trigger": "last_contact", "text": {"nl": "Vanaf het laatste contact, een jaar"}}
    for _, entry in processings(broken):
        entry["retention"] = copy.deepcopy(same)
    if len(list(processings(broken))) < 2:  # the common wording must be the majority
        broken["processing_activities"].append({"id": fresh_id(broken, "p_same"), "retention": copy.deepcopy(same)})
    other = {"id": fresh_id(broken, "p_other"), "retention": copy.deepcopy(same)}
    other["retention"]["text"] = {"nl": "Na het laatste contact, een jaar"}
    broken["processing_activities"].append(other)
    where = pointers.join("processing_activities", len(broken["processing_activities"]) - 1)
    repaired = copy.deepcopy(broken)
    entry_at(repaired, where)["retention"]["text"] = {"nl": "vanaf het laatste contact, een jaar"}
    return Case(broken, [where + "/retention/text/nl"], repaired)


# --- the properties --------------------------------------------------------------------------------

CHECKED = sorted(code for code, rule in catalogue.registry().items() if rule.check is not None)


def test_every_rule_with_a_check_has_a_break():
    assert [code for code in CHECKED if code not in BREAKS] == []


@settings(max_examples=examples(0.5))
@given(policies(compliant=True))
def test_a_compliant_policy_is_silent(policy):
    assert schema_errors(policy) == []
    assert list(hits(policy)) == []


@pytest.mark.parametrize("code", sorted(BREAKS))
@settings(max_examples=examples(0.2))
@given(data=st.data())
def test_breaking_fires_the_rule_exactly_there_and_repairing_silences_it(code, data):
    policy = data.draw(policies(compliant=True), label="policy")
    case = BREAKS[code](data.draw, copy.deepcopy(policy))
    assert rule_hits(code, policy) == []
    assert schema_errors(case.broken) == []
    assert case.expected, "a break must break something"
    fired = rule_hits(code, case.broken, Settings(eu_only=case.eu_only))
    assert sorted(fired) == sorted(case.expected)
    assert schema_errors(case.repaired) == []
    assert rule_hits(code, case.repaired, Settings(eu_only=case.repaired_eu_only)) == []


@pytest.mark.parametrize("code", sorted(BREAKS))
@settings(max_examples=examples(0.05))
@given(data=st.data())
def test_the_broken_place_is_reported_at_its_line_and_column(code, data):
    """The same, through the real loader: the finding sits where the broken node was written."""
    policy = data.draw(policies(compliant=True), label="policy")
    case = BREAKS[code](data.draw, copy.deepcopy(policy))
    written = write(case.broken)
    config = Config(select=(code,), eu_only=case.eu_only)
    findings = lint_written(written, config).findings
    assert sorted(f.pointer for f in findings) == sorted(case.expected)
    for finding in findings:
        pointer = finding.pointer
        while pointer and pointer not in written.nodes:
            pointer = pointers.parent(pointer)
        expected = written.nodes[pointer] if pointer else ("policy.yaml", 1, 1)
        assert (finding.file, finding.line, finding.column) == expected


@settings(max_examples=examples(0.2))
@given(data=st.data())
def test_a_large_policy_breaks_and_repairs_like_a_small_one(data):
    """Hundreds of entries (a compliant policy scaled up): one rule's break fires it at the broken place only."""
    policy = data.draw(large_policies(st.integers(5, 30)), label="policy")
    assert schema_errors(policy) == []
    assert list(hits(policy)) == []
    code = data.draw(st.sampled_from(sorted(BREAKS)), label="code")
    case = BREAKS[code](data.draw, copy.deepcopy(policy))
    assert sorted(rule_hits(code, case.broken, Settings(eu_only=case.eu_only))) == sorted(case.expected)
    assert rule_hits(code, case.repaired, Settings(eu_only=case.repaired_eu_only)) == []
