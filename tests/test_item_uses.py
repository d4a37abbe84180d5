"""``ItemKeywords``: a keyword list asked about the names under which a processing uses an item."""

from __future__ import annotations

from privlint.item_uses import ItemKeywords
from privlint.model import Policy

from support import lint_files

POLICY = """\
data_items:
  - id: contact_name
    name: {nl: Naam}
  - id: work_email
    name: {nl: Werk e-mailadres, en: Work email}
  - id: invoice_number
    name: {nl: Factuurnummer}
processing_activities:
  - id: delivery
    data_items: [contact_name, work_email, invoice_number, contactpersoon]
    data_item_names:
      contact_name: {nl: Naam van de contactpersoon}
      work_email: {nl: Zakelijk e-mailadres}
      invoice_number: {nl: Nummer van de factuur}
  - id: invoicing
    data_items: [contact_name, work_email]
"""


def _policy() -> Policy:
    policy = lint_files({"policy.yaml": POLICY}).policy
    assert policy is not None
    return policy


def _matched(policy: Policy) -> list[list[str | None]]:
    """The name matched for each item of each processing, all asked of one ``ItemKeywords``."""
    uses = ItemKeywords("contact_person_items", policy)
    return [
        [(found.name if found else None) for found in (uses.match(processing, ref) for ref in processing.data_items)]
        for processing in policy.processings
    ]


def test_the_processings_own_wording_is_asked_first_then_the_declared_names_then_the_id():
    delivery, _invoicing = _matched(_policy())
    # contact_name: only the wording of 'delivery' holds a keyword; work_email: both do, and
    # the wording comes first; invoice_number: neither its wording nor its names;
    # 'contactpersoon' is not declared, so its id is all there is.
    assert delivery == ["Naam van de contactpersoon", "Zakelijk e-mailadres", None, "contactpersoon"]


def test_a_processing_without_its_own_wording_gets_the_declared_names_not_another_processings_wording():
    _delivery, invoicing = _matched(_policy())
    assert invoicing == [None, "Werk e-mailadres"]


def test_each_item_is_matched_once_however_many_processings_use_it():
    policy = _policy()
    uses = ItemKeywords("contact_person_items", policy)
    for processing in policy.processings:
        for ref in processing.data_items:
            uses.match(processing, ref)
    assert sorted(uses._declared) == ["contact_name", "contactpersoon", "invoice_number", "work_email"]  # noqa: SLF001
