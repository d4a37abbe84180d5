"""DPIA screening (issue 14): each trigger fires on the facts it reads and stays quiet without them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from privlint import dpia, model
from privlint.engine import lint

from support import POLICY, run


def activity(**fields: Any) -> dict[str, Any]:
    return {"id": "work", "name": {"nl": "Werk"}, "data_items": ["name"], **fields}


def policy_with(processing: dict[str, Any], *, sharing: bool = False, **top: Any) -> model.Policy:
    data: dict[str, Any] = {
        "data_items": [
            {"id": "name", "name": {"nl": "Naam"}},
            {"id": "health_file", "name": {"nl": "Medisch dossier"}, "special_category": "health"},
            {"id": "fingerprint", "name": {"nl": "Vingerafdruk"}, "special_category": "biometric"},
            {"id": "footage", "name": {"nl": "Camerabeelden"}},
        ],
        "data_subjects": [{"id": "staff", "name": {"nl": "Werknemers"}}, {"id": "clients", "name": {"nl": "Klanten"}}],
        "recipients": [
            {"id": "partner", "name": "Partner NV", "role": "controller"},
            {"id": "processor", "name": "Verwerker NV", "role": "processor"},
        ],
        ("sharing" if sharing else "processing_activities"): [processing],
        **top,
    }
    return model.build(data)


def screened(processing: dict[str, Any], **options: Any) -> dpia.Screening:
    policy = policy_with(processing, **options)
    return dpia.screen(policy)[0]


def statuses(screening: dpia.Screening) -> dict[str, str]:
    return {reason.trigger.id: reason.status for reason in screening.reasons}


LARGE = {"dpia_facts": {"scale": "large"}}
SMALL = {"dpia_facts": {"scale": "small"}}

# trigger -> (processing that meets it, options) and (the same without the fact, options)
CASES: dict[str, tuple[tuple[dict[str, Any], dict[str, Any]], tuple[dict[str, Any], dict[str, Any]]]] = {
    "gdpr_35_3_a": (
        (activity(), {"automated_decision_making": {"used": True}}),
        (activity(), {"automated_decision_making": {"used": False}}),
    ),
    "gdpr_35_3_b": (
        (activity(data_items=["health_file"], **LARGE), {}),
        (activity(data_items=["health_file"], **SMALL), {}),
    ),
    "gdpr_35_3_c": (
        (activity(data_items=["footage"], dpia_facts={"scale": "large", "publicly_accessible_area": True}), {}),
        (activity(data_items=["footage"], dpia_facts={"scale": "large", "publicly_accessible_area": False}), {}),
    ),
    "gba_1": (
        (activity(data_items=["fingerprint"], dpia_facts={"publicly_accessible_area": True}), {}),
        (activity(data_items=["fingerprint"], dpia_facts={"publicly_accessible_area": False}), {}),
    ),
    "gba_5": (
        (activity(data_items=["health_file"], recipients=["partner"]), {"sharing": True}),
        (activity(data_items=["health_file"], recipients=["processor"]), {"sharing": True}),
    ),
    "gba_8": (
        (activity(dpia_facts={"systematic_monitoring": True, "scale": "large"}), {}),
        (activity(dpia_facts={"systematic_monitoring": False, "scale": "large"}), {}),
    ),
    "wp248_2": (
        (activity(), {"automated_decision_making": {"used": True}}),
        (activity(), {"automated_decision_making": {"used": False}}),
    ),
    "wp248_3": ((activity(data_items=["footage"]), {}), (activity(dpia_facts={"systematic_monitoring": False}), {})),
    "wp248_4": ((activity(data_items=["health_file"]), {}), (activity(data_items=["name"]), {})),
    "wp248_5": ((activity(**LARGE), {}), (activity(**SMALL), {})),
    "wp248_6": (
        (activity(dpia_facts={"matching_data_sets": True}), {}),
        (activity(dpia_facts={"matching_data_sets": False}), {}),
    ),
    "wp248_7": ((activity(data_subjects=["staff"]), {}), (activity(data_subjects=["clients"]), {})),
    "wp248_8": (
        (activity(dpia_facts={"innovative_technology": True}), {}),
        (activity(dpia_facts={"innovative_technology": False}), {}),
    ),
}
# Automated decision-making is stated for the whole notice, not per activity: the screening
# cannot say which activity makes the decisions, so the trigger stays open rather than met.
OPEN_ONLY = {"gdpr_35_3_a", "wp248_2"}


def test_every_evaluated_trigger_has_a_test_and_a_case():
    evaluated = {t.id for t in dpia.triggers().triggers if t.evaluated}
    assert evaluated == set(dpia.TESTS) == set(CASES)
    assert {t.id for t in dpia.not_screened()} == {"gba_2", "gba_3", "gba_4", "gba_6", "gba_7", "wp248_1", "wp248_9"}


@pytest.mark.parametrize("trigger", sorted(CASES))
def test_trigger_fires_on_its_facts(trigger: str):
    (processing, options), _ = CASES[trigger]
    assert statuses(screened(processing, **options)).get(trigger) == ("open" if trigger in OPEN_ONLY else "met")


@pytest.mark.parametrize("trigger", sorted(CASES))
def test_trigger_is_quiet_without_its_facts(trigger: str):
    _, (processing, options) = CASES[trigger]
    assert trigger not in statuses(screened(processing, **options))


def test_unstated_scale_leaves_a_mandatory_case_open_and_names_the_missing_fact():
    screening = screened(activity(data_items=["health_file"]))
    (reason,) = [r for r in screening.reasons if r.trigger.id == "gdpr_35_3_b"]
    assert (reason.status, reason.evidence, reason.missing) == ("open", ("Medisch dossier",), ("scale",))
    assert screening.verdict == "likely"  # one criterion (sensitive data) and a mandatory case open
    assert dpia.explain(reason, "nl") == (
        "Grootschalige verwerking van bijzondere persoonsgegevens (art. 9 AVG) of van strafrechtelijke gegevens"
        " (art. 10 AVG) (art. 35.3.b AVG): „Medisch dossier” — niet vermeld in het beleid: schaal van de verwerking"
    )


@pytest.mark.parametrize(
    ("processing", "expected"),
    [
        (activity(), "none"),
        (activity(**SMALL), "none"),
        (activity(dpia_facts={"innovative_technology": True}), "none"),  # one criterion, nothing open
        (activity(data_subjects=["staff"], dpia_facts={"innovative_technology": True}), "likely"),  # two
        (activity(data_items=["health_file"], **LARGE), "required"),
        (activity(data_items=["health_file"], **SMALL), "none"),  # one criterion, scale settles 35(3)(b)
    ],
)
def test_verdicts(processing: dict[str, Any], expected: str):
    assert screened(processing).verdict == expected


@pytest.fixture(scope="module")
def bundled() -> dict[str, dpia.Screening]:
    result = lint([POLICY])
    assert result.policy is not None
    return {s.processing.id: s for s in dpia.screen(result.policy)}


def test_the_bundled_camera_is_marked_for_its_systematic_monitoring(bundled: dict[str, dpia.Screening]):
    camera = bundled["cctv"]
    assert camera.verdict == "likely"
    assert [(r.trigger.id, r.evidence) for r in camera.met] == [("wp248_3", ("Veiligheidscamera beelden",))]
    assert ("gdpr_35_3_c", ("publicly_accessible_area", "scale")) in [(r.trigger.id, r.missing) for r in camera.open]


def test_the_bundled_payroll_sharing_is_marked_for_health_data_of_employees(bundled: dict[str, dpia.Screening]):
    payroll = bundled["payroll"]
    assert payroll.verdict == "likely"
    met = {r.trigger.id: r.evidence for r in payroll.met}
    assert "Dagen ziekteverzuim" in met["wp248_4"]  # the notice's wording; Art. 9 health data
    assert met["wp248_7"] == ("werknemers",)  # the subject id: the notice's heading says "werknemers"


def test_the_bundled_customer_activities_show_no_indication(bundled: dict[str, dpia.Screening]):
    for ident in ("client_file", "customer_appointments", "delivery", "invoicing"):
        assert bundled[ident].verdict == "none", ident


def test_cli_json_is_the_documented_structure():
    done = run("dpia", "--format", "json", str(POLICY))
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert (data["format"], data["version"]) == ("privlint-dpia", 1)
    entries = {a["id"]: a for a in data["activities"]}
    assert entries["payroll"]["kind"] == "sharing"
    assert entries["payroll"]["verdict"] == "likely"
    assert {r["trigger"] for r in entries["payroll"]["reasons"] if r["status"] == "met"} >= {"wp248_4", "wp248_7"}
    assert set(entries["cctv"]["reasons"][0]) == {
        "trigger", "kind", "source", "source_confirmed", "status", "text", "evidence", "missing_facts",
    }  # fmt: skip


def test_cli_text_escapes_policy_text(tmp_path: Path):
    (tmp_path / "policy.yaml").write_text(
        'data_items: [{id: cam, name: {nl: "Camera\\e[2J"}}]\nprocessing_activities: [{id: x, data_items: [cam]}]\n',
        encoding="utf-8",
    )
    done = run("dpia", str(tmp_path), "--lang", "nl")
    assert done.returncode == 0, done.stderr
    assert "\x1b" not in done.stdout
    assert "„Camera\\x1b[2J”" in done.stdout
    assert done.stdout.startswith("x: GEB waarschijnlijk nodig\n")  # a camera, and 35(3)(c) open


@pytest.mark.parametrize(
    "name", ["Veiligheidscamera", "Bewakingscamera's", "Beveiligingscamera parking", "Security camera", "CCTV"]
)
def test_a_camera_named_in_a_dutch_compound_is_systematic_monitoring(name: str):
    # "camera" ends the Dutch compounds: a word-start match alone misses them.
    screening = screened(activity(id="site", name={"nl": name}))
    assert statuses(screening).get("wp248_3") == "met"
    assert [(r.trigger.id, r.evidence) for r in screening.met] == [("wp248_3", (name,))]
