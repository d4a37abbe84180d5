"""Property: for generated policies, import(render(policy)) gives back the policy.

"The policy" means every field the template can express: names, descriptions, purposes,
legal bases, retention (text, and the duration/trigger/extension it states), data items by
name, locations, recipients by name, rights and their wording, controller, contact and
supervisory authority, the title and the sections' prose. Ids are not written in a notice,
so the comparison goes by name (``expressible``). The same generated policies also show that
a rendered notice never drifts from the model it was rendered from.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from privlint import model, schema
from privlint.loading import load
from privlint.model import Policy, Text
from privlint.notice.importer import import_notice, import_text
from privlint.notice.render import render_notice, retention_phrase
from privlint.notice.template import template

from notice_support import compare, model_of

# --- a strategy for policies in the template's vocabulary ---------------------------------------------
# Words are drawn from small Dutch vocabularies so that failures shrink to readable policies.
# Generated prose never uses the template's own sentence shapes (it has no colons, no
# "Wij zijn ...", no "... ontvangt de data"), as a real notice's prose does not either.

ITEM_WORDS = ["Naam", "klant", "adres", "Telefoonnummer", "werk", "Foto's", "beelden", "Datum", "tijd", "BTW"]
ITEM_WORDS += ["Essentiële", "cookies", "rekening", "Geboortedatum", "Loon-", "contract", "e-mailadres"]
SENTENCES = [
    "Wij hechten belang aan jouw privacy.",
    "Lees deze verklaring aandachtig.",
    "Gegevens worden veilig bewaard.",
    "Wij verzamelen zo weinig mogelijk gegevens.",
    "Laat ons weten wanneer gegevens veranderen.",
    "Het beleid kan in de toekomst wijzigen.",
]
FREE_RETENTION = [
    "Gedurende de verjaringstermijn en / of verjaringstermijnen relevant voor juridische actie",
    "Zolang de klantrelatie loopt",
    "Bewaring gedurende de wettelijke periode",
]
LOCATIONS = ["EU", "EEA", "BE", "NL", "NO", "US", "CH", "GB"]
EVENTS = [event.value for event in template().events]
LEGAL_BASES = [basis.value for basis in template().legal_bases]
ROLES = [role.value for role in template().contact_roles]
RIGHTS = [right.value for right in template().rights]
SECTION_IDS = [section.id for section in template().sections]


def words(pool: list[str], low: int = 1, high: int = 3) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(pool), min_size=low, max_size=high).map(" ".join)


item_names = words(ITEM_WORDS)
comma_names = st.tuples(words(ITEM_WORDS, 1, 2), words(ITEM_WORDS, 1, 2)).map(", ".join)
sentences = st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=3).map(" ".join)
prose = st.lists(sentences, min_size=1, max_size=3).map("\n\n".join)
durations = st.lists(
    st.tuples(st.integers(1, 24), st.sampled_from("YMWD")), min_size=1, max_size=2, unique_by=lambda p: p[1]
).map(lambda parts: "P" + "".join(f"{n}{d}" for d in "YMWD" for n, u in parts if u == d))


@st.composite
def retentions(draw: st.DrawFn) -> dict[str, Any]:
    if draw(st.booleans()):
        return {"text": {"nl": draw(st.sampled_from(FREE_RETENTION))}}
    facts = {
        "duration": draw(st.none() | durations),
        "trigger": draw(st.none() | st.sampled_from(EVENTS)),
        "extension": draw(st.none() | st.sampled_from(EVENTS)),
    }
    facts = {key: value for key, value in facts.items() if value is not None} or {"duration": "P1Y"}
    phrase = retention_phrase(facts.get("duration"), facts.get("trigger"), facts.get("extension"), "nl")
    return {**facts, "text": {"nl": phrase}}


@st.composite
def policies(draw: st.DrawFn) -> dict[str, Any]:
    declared = draw(st.lists(item_names | comma_names, max_size=6, unique_by=str.casefold))
    undeclared = draw(st.lists(item_names, max_size=3, unique_by=str.casefold))
    undeclared = [name for name in undeclared if name.casefold() not in {d.casefold() for d in declared}]
    # A comma name whose parts are other names would read as two items: no notice can tell.
    others = set(declared) | set(undeclared)
    declared = [n for n in declared if not set(n.split(", ")) & (others - {n})]
    items = [{"id": f"item_{i}", "name": {"nl": name}} for i, name in enumerate(declared)]
    references = [(f"item_{i}", None) for i in range(len(declared))]
    references += [(f"undeclared_{i}", name) for i, name in enumerate(undeclared)]
    recipients = [
        {"id": f"recipient_{i}", "name": name}
        for i, name in enumerate(draw(st.lists(words(ITEM_WORDS).map(lambda w: f"{w} NV"), max_size=3, unique=True)))
    ]
    names = draw(st.lists(words([*ITEM_WORDS, "Facturatie", "Levering"]), min_size=0, max_size=5, unique=True))
    processings = [draw(processing(f"p_{i}", name, references, recipients)) for i, name in enumerate(names)]
    split = draw(st.integers(0, len(processings)))
    data: dict[str, Any] = {"notice": draw(notices())}
    if draw(st.booleans()):
        data["controller"] = draw(controllers())
    if items:
        data["data_items"] = items
    if processings[:split]:
        data["processing_activities"] = processings[:split]
    if processings[split:]:
        data["sharing"] = processings[split:]
    used = {r for p in processings for r in p.get("recipients", [])}
    if used:
        data["recipients"] = [r for r in recipients if r["id"] in used]
    rights = draw(st.lists(st.sampled_from(RIGHTS), unique=True))
    if rights:
        data["rights"] = [draw(right(value)) for value in rights]
    if draw(st.booleans()):
        data["supervisory_authority"] = draw(authorities())
    return data


@st.composite
def processing(
    draw: st.DrawFn, processing_id: str, name: str, references: list[tuple[str, str | None]], recipients: list[Any]
) -> dict[str, Any]:
    entry: dict[str, Any] = {"id": processing_id, "name": {"nl": name}}
    if draw(st.booleans()):
        entry["description"] = {"nl": draw(sentences)}
    purposes = draw(st.lists(sentences, max_size=2, unique=True))
    if purposes:
        entry["purposes"] = [{"nl": purpose} for purpose in purposes]
    basis = draw(st.none() | st.sampled_from(LEGAL_BASES))
    if basis:
        entry["legal_basis"] = basis
    used = draw(st.lists(st.sampled_from(references), unique=True)) if references else []
    if used:
        entry["data_items"] = [item_id for item_id, _ in used]
        wording = {item_id: {"nl": name} for item_id, name in used if name is not None}
        if wording:
            entry["data_item_names"] = wording
    if draw(st.booleans()):
        entry["retention"] = draw(retentions())
    locations = draw(st.lists(st.sampled_from(LOCATIONS), unique=True, max_size=3))
    if locations:
        entry["locations"] = locations
    chosen = draw(st.lists(st.sampled_from(recipients), unique_by=lambda r: r["id"])) if recipients else []
    if chosen:
        entry["recipients"] = [r["id"] for r in chosen]
    return entry


@st.composite
def notices(draw: st.DrawFn) -> dict[str, Any]:
    title = draw(st.sampled_from(["KLANTEN PRIVACY VERKLARING", "PRIVACYVERKLARING LEVERANCIERS", "PRIVACYVERKLARING"]))
    sections = []
    for section in template().sections:
        if draw(st.booleans()):
            entry: dict[str, Any] = {"id": section.id, "heading": {"nl": section.heading["nl"]}}
            if draw(st.booleans()):
                entry["text"] = {"nl": draw(prose)}
            sections.append(entry)
    if draw(st.booleans()):
        custom = {"id": "algemeen", "heading": {"nl": "ALGEMENE BEPALINGEN"}, "text": {"nl": draw(prose)}}
        sections.insert(draw(st.integers(0, len(sections))), custom)
    notice: dict[str, Any] = {"title": {"nl": title}}
    if sections:
        notice["sections"] = sections
    return notice


@st.composite
def addresses(draw: st.DrawFn, *, country: bool = True) -> dict[str, Any]:
    address = {
        "street": f"{draw(st.sampled_from(['Kerkstraat', 'Nijverheidsstraat', 'Markt']))} {draw(st.integers(1, 999))}",
        "postcode": str(draw(st.integers(1000, 9999))),
        "city": draw(st.sampled_from(["Westerlo", "Brussel", "Sint-Niklaas", "Gent"])),
    }
    if country and draw(st.booleans()):
        address["country"] = draw(st.sampled_from(["BE", "NL", "FR", "LU"]))
    return address


@st.composite
def controllers(draw: st.DrawFn) -> dict[str, Any]:
    legal_form = draw(st.none() | st.sampled_from(["NV", "BV", "VZW"]))
    name = draw(st.sampled_from(["Smet-Jet", "De Bakkerij", "Janssens & Co"])) + (
        f" {legal_form}" if legal_form else ""
    )
    controller: dict[str, Any] = {"name": name}
    if legal_form:
        controller["legal_form"] = legal_form
    if draw(st.booleans()):
        controller["address"] = draw(addresses())
    if draw(st.booleans()):
        controller["enterprise_number"] = draw(st.sampled_from(["BE0414.321.345", "0123.456.749"]))
    if draw(st.booleans()):
        controller["privacy_contact"] = {
            "name": draw(st.sampled_from(["Cartiche Tournier", "An Peeters"])),
            "role": draw(st.sampled_from(ROLES)),
            "email": draw(st.sampled_from(["cto@smetjet.be", "privacy@example.be"])),
        }
    return controller


@st.composite
def right(draw: st.DrawFn, value: str) -> dict[str, Any]:
    if draw(st.booleans()):
        known = template().right(value)
        assert known is not None
        return {"right": value, "text": {"nl": known.text["nl"]}}
    return {"right": value}


@st.composite
def authorities(draw: st.DrawFn) -> dict[str, Any]:
    authority: dict[str, Any] = {"name": "Gegevensbeschermingsautoriteit"}
    if draw(st.booleans()):
        authority["address"] = draw(addresses())
    if draw(st.booleans()):
        authority["url"] = "https://www.gegevensbeschermingsautoriteit.be"
    if draw(st.booleans()):
        authority["email"] = "contact@apd-gba.be"
    return authority


# --- what the template can express --------------------------------------------------------------------


def nl(text: Text | None) -> str | None:
    return text.get("nl") if text is not None else None


def expressible(policy: Policy) -> dict[str, Any]:
    """The facts of ``policy`` that its notice expresses, keyed by name rather than id."""
    items = {item.id: item for item in policy.data_items}
    recipients = {r.id: r.name for r in policy.recipients}

    def item_name(processing: model.Processing, item_id: str) -> str | None:
        return nl(processing.data_item_names.get(item_id)) or nl(items[item_id].name if item_id in items else None)

    def entry(processing: model.Processing) -> tuple[Any, ...]:
        retention = processing.retention
        return (
            nl(processing.name),
            nl(processing.description),
            [nl(p) for p in processing.purposes],
            processing.legal_basis,
            (retention.duration, retention.trigger, retention.extension, nl(retention.text)) if retention else None,
            [item_name(processing, ref.id) for ref in processing.data_items],
            [ref.id for ref in processing.locations],
            [recipients.get(ref.id) for ref in processing.recipients],
        )

    def default_text(right: model.Right) -> str | None:
        known = template().right(right.right)
        return nl(right.text) or (known.text["nl"] if known else None)

    controller = policy.controller
    contact = controller.privacy_contact if controller else None
    authority = policy.supervisory_authority
    sections = policy.notice.sections if policy.notice else ()
    return {
        "title": nl(policy.notice.title) if policy.notice else None,
        "sections": [(nl(s.heading), nl(s.text)) for s in sections if s.text is not None],
        "controller": (
            controller.name,
            controller.legal_form,
            _address(controller.address),
            controller.enterprise_number,
        )
        if controller
        else None,
        "contact": (contact.name, contact.role, contact.email) if contact else None,
        "data_items": [nl(item.name) for item in policy.data_items],
        "processing_activities": [entry(p) for p in policy.processing_activities],
        "sharing": [entry(p) for p in policy.sharing],
        "rights": [(r.right, default_text(r)) for r in policy.rights if r.right != "lodge_complaint"],
        "complaint": [default_text(r) for r in policy.rights if r.right == "lodge_complaint"],
        "authority": (authority.name, _address(authority.address), authority.url, authority.email)
        if authority
        else None,
    }


def _address(address: model.Address | None) -> tuple[str | None, ...] | None:
    return (address.street, address.postcode, address.city, address.country) if address else None


def policy_of(data: dict[str, Any]) -> tuple[Policy, Path, tempfile.TemporaryDirectory[str]]:
    folder = tempfile.TemporaryDirectory()
    path = Path(folder.name)
    (path / "policy").mkdir()
    (path / "policy" / "policy.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    policy, _ = model_of(path / "policy")
    return policy, path, folder


SEED_LIKE = {
    "notice": {"title": {"nl": "KLANTEN PRIVACY VERKLARING"}},
    "data_items": [
        {"id": "payment", "name": {"nl": "Betalingsoverzicht, klantenrekening"}},
        {"id": "customer_name", "name": {"nl": "Naam van de klant"}},
    ],
    "processing_activities": [
        {
            "id": "invoicing",
            "name": {"nl": "Klanten facturatie en boekhouding"},
            "legal_basis": "contract",
            "data_items": ["customer_name", "payment", "cookies"],
            "data_item_names": {"cookies": {"nl": "Essentiele cookies"}},
            "retention": {
                "duration": "P10Y",
                "trigger": "contract_end",
                "text": {"nl": "Maximaal 10 jaar, vanaf beëindiging van het contract"},
            },
            "locations": ["EU"],
        }
    ],
}


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(policies())
@example(SEED_LIKE)
def test_importing_the_rendered_notice_gives_back_the_policy(data: dict[str, Any]):
    assert schema.validate(data) == [], data
    policy, folder, keep = policy_of(data)
    with keep:
        text = render_notice(policy, lang="nl", output_format="txt")
        imported = import_text(text)
        assert [(at.line, at.text) for at in imported.unplaced] == [], text
        assert schema.validate(imported.data()) == []
        again = model.build(imported.data())
        assert expressible(again) == expressible(policy), text
        (folder / "notice.txt").write_text(text, encoding="utf-8")
        assert [
            f"{f.line}:{f.column} {f.code} {f.message}" for f in compare(folder / "policy", folder / "notice.txt")
        ] == []
        # The written YAML reads back (with privlint's own reader) as the imported data, without warnings.
        import_notice(folder / "notice.txt", folder / "imported", overwrite=False)
        written = load([folder / "imported"])
        assert [(p.code, p.message) for p in (*written.problems, *written.warnings)] == []
        assert written.data == imported.data()


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])
@given(policies(), st.sampled_from(["Data items: ", "Bewaringstermijn: "]))
def test_changing_a_rendered_fact_is_drift_at_its_line(data: dict[str, Any], label: str):
    policy, folder, keep = policy_of(data)
    with keep:
        lines = render_notice(policy, lang="nl", output_format="txt").splitlines()
        number = next((n for n, line in enumerate(lines, 1) if line.startswith(label)), None)
        assume(number is not None)
        assert number is not None
        lines[number - 1] = f"{label}Onbekend gegeven"
        (folder / "notice.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        findings = compare(folder / "policy", folder / "notice.txt")
        expected = "DRF001" if label == "Data items: " else "DRF006"
        assert (expected, number, len(label) + 1) in [(f.code, f.line, f.column) for f in findings]
        assert {f.line for f in findings} == {number}
