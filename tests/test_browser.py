"""The legal report in a real browser: headless Debian Chromium driven by Playwright.

Skipped only when ``/usr/bin/chromium`` is absent (``.ci/run`` installs it). The browser
runs without network: every request that is not for the report file itself is refused
and recorded, and the test fails if there was any.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from test_report_html import XSS, write

from support import run

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian's chromium is not installed (.ci/run installs it)"
)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield launched
        launched.close()


@dataclass
class Visit:
    page: Any
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)


def visit(browser: Any, report: Path) -> Visit:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    seen = Visit(page)
    page.on("console", lambda message: seen.console_errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: seen.page_errors.append(str(error)))

    def refuse(dialog: Any) -> None:
        seen.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", refuse)

    def only_the_report(route: Any) -> None:
        if route.request.url == report.as_uri():
            route.continue_()
        else:
            seen.requests.append(route.request.url)
            route.abort()

    page.route("**/*", only_the_report)
    page.goto(report.as_uri())
    page.wait_for_load_state("load")
    return seen


def assert_quiet(seen: Visit) -> None:
    assert seen.console_errors == []
    assert seen.page_errors == []
    assert seen.dialogs == []
    assert seen.requests == []


def visible_text(page: Any, selector: str) -> str:
    return str(page.locator(selector).first.inner_text())


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_report_renders_and_switches_language(browser: Any, tmp_path: Path, lang: str):
    report = tmp_path / "report.html"
    written = run("report", "-o", str(report), "--lang", lang, "--no-baseline", "--no-waivers")
    assert written.returncode == 0, written.stderr
    seen = visit(browser, report)
    page = seen.page
    other = "en" if lang == "nl" else "nl"
    verdicts = {
        "nl": "Niet in orde: ",
        "en": "Not in order: ",
    }
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator("#verdict").is_visible()
    assert visible_text(page, "#verdict .verdict-line").startswith(verdicts[lang])
    payroll = page.locator('#findings details.group[data-group="/sharing/0"]')
    finding = payroll.locator('article[data-code="REF001"]')
    assert finding.count() == 1  # one card for the cause, however many items
    assert finding.is_visible()
    titles = {"nl": "Gegevens gebruikt maar niet opgesomd", "en": "A processing or sharing uses a data item"}
    groups = {"nl": "Verstrekking: Lonen en remuneratie werknemers", "en": "Sharing: Lonen en remuneratie werknemers"}
    assert titles[lang] in finding.locator("h4").inner_text()
    assert payroll.locator("summary h3").inner_text().startswith(groups[lang])
    first = finding.locator(".places li").first
    assert first.locator(".label").inner_text() == "Bankrekening"  # the notice's word, not the id
    assert first.locator(".where").inner_text() == "policy/sharing.yaml:76:9"
    page.screenshot(path=str(tmp_path / f"report-{lang}.png"), full_page=False)

    page.locator(f'button[data-set-lang="{other}"]').click()
    assert page.locator("html").get_attribute("lang") == other
    assert page.locator(f'button[data-set-lang="{other}"]').get_attribute("aria-pressed") == "true"
    assert page.locator(f'button[data-set-lang="{lang}"]').get_attribute("aria-pressed") == "false"
    assert visible_text(page, "#verdict .verdict-line").startswith(verdicts[other])
    assert titles[other] in finding.locator("h4").inner_text()
    assert payroll.locator("summary h3").inner_text().startswith(groups[other])
    assert page.locator(f'#verdict .verdict-line [data-l="{lang}"]').is_hidden()
    page.screenshot(path=str(tmp_path / f"report-{lang}-switched.png"), full_page=False)
    for name in (f"report-{lang}.png", f"report-{lang}-switched.png"):
        assert (tmp_path / name).stat().st_size > 10_000
    assert_quiet(seen)


def test_policy_text_never_runs_in_the_page(browser: Any, tmp_path: Path):
    folder = write(tmp_path / "policy", XSS.replace("' onmouseover='window.__pwned=6", "<b onclick=alert(7)>x</b>"))
    report = tmp_path / "report.html"
    assert run("report", str(folder), "-o", str(report)).returncode == 0
    seen = visit(browser, report)
    page = seen.page
    page.locator("#overview td", has_text="onclick=alert(7)").first.click()
    page.locator('button[data-set-lang="en"]').click()
    page.mouse.move(10, 10)
    assert page.evaluate("window.__pwned") is None
    assert page.locator("#data-map img, #data-map svg, #data-map iframe, #data-map b").count() == 0
    assert page.locator("script").count() == 1
    assert visible_text(page, "header.page .subtitle") == "Controller: <script>window.__pwned = 1</script>"
    assert '"><svg onload=window.__pwned=3>' in visible_text(page, "#data-map tbody th")
    page.screenshot(path=str(tmp_path / "xss.png"), full_page=True)
    assert (tmp_path / "xss.png").stat().st_size > 10_000
    assert_quiet(seen)


def test_printing_opens_every_detail(browser: Any, tmp_path: Path):
    report = tmp_path / "report.html"
    assert run("report", "-o", str(report), "--no-baseline").returncode == 0
    seen = visit(browser, report)
    page = seen.page
    closed = page.locator("details:not([open])").count()
    assert closed > 0
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.locator("details:not([open])").count() == 0
    page.emulate_media(media="print")
    assert page.locator(".switch").is_hidden()
    pdf = page.pdf(path=str(tmp_path / "report.pdf"))
    assert pdf.startswith(b"%PDF")
    assert_quiet(seen)


# --- issue 14: verdict states, grouping, print, the Dutch page ------------------------------------

SNAKE = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")
ENGLISH = re.compile(
    r"\b(?:the|processing|sharing|finding|data item|not stated|legal basis|retention)\b", re.IGNORECASE
)
NOT_YET = ("Nog niet in orde: de controle faalt niet, maar ", "Not yet in order: the check passes, but ")
CLEAN = ("In orde: er staan geen bevindingen open.", "In order: no findings are open.")


def report_file(tmp_path: Path, name: str, *args: str) -> Path:
    target = tmp_path / f"{name}.html"
    done = run("report", "-o", str(target), *args)
    assert done.returncode == 0, done.stderr
    return target


@pytest.mark.parametrize(
    ("args", "state", "nl", "en", "colour"),
    [
        (("--no-baseline",), "new", "Niet in orde: ", "Not in order: ", "rgb(180, 35, 24)"),
        (("--fail-on", "error"), "known", *NOT_YET, "rgb(154, 91, 0)"),  # known and below-threshold ones open
        (("tests/fixtures/compliant",), "clean", *CLEAN, "rgb(31, 122, 58)"),
    ],
)
def test_the_three_verdict_states_in_words(
    browser: Any, tmp_path: Path, args: tuple[str, ...], state: str, nl: str, en: str, colour: str
):
    seen = visit(browser, report_file(tmp_path, state, *args))
    page = seen.page
    verdict = page.locator("#verdict")
    assert verdict.get_attribute("data-state") == state
    line = page.locator("#verdict .verdict-line")
    assert line.inner_text().startswith(nl)
    assert line.evaluate("e => getComputedStyle(e).color") == colour  # never green while findings are open
    page.locator('button[data-set-lang="en"]').click()
    assert line.inner_text().startswith(en)
    assert_quiet(seen)


def test_findings_are_grouped_per_processing_with_one_card_per_cause(browser: Any, tmp_path: Path):
    checked = run("check", "--no-baseline", "--format", "json")
    findings = json.loads(checked.stdout)["findings"]
    on_payroll = [f for f in findings if f["code"] == "REF001" and f["pointer"].startswith("/sharing/0/")]
    seen = visit(browser, report_file(tmp_path, "grouped", "--no-baseline"))
    page = seen.page
    groups = page.locator("#findings details.group")
    keys = [groups.nth(i).get_attribute("data-group") for i in range(groups.count())]
    processings = [k for k in keys if k and k.startswith(("/processing_activities/", "/sharing/"))]
    activities = [k for k in processings if k.startswith("/processing_activities/")]
    assert processings[: len(activities)] == activities  # activities first, then sharing
    card = page.locator('#findings details.group[data-group="/sharing/0"] article[data-code="REF001"]')
    assert card.count() == 1
    assert card.locator(".places li").count() == len(on_payroll) >= 2
    labels = card.locator(".places .label").all_inner_texts()
    assert "Dagen ziekteverzuim" in labels
    assert not any(SNAKE.search(label) for label in labels)
    assert_quiet(seen)


def visible_dutch(page: Any) -> str:
    """The text a Dutch reader sees, without the policy's file names."""
    text = str(page.locator("body").inner_text())
    return re.sub(r"\S+\.ya?ml(?::\d+:\d+)?", "", text)


def test_the_dutch_page_has_no_ids_no_english_and_says_doorgifte_only_for_transfers(browser: Any, tmp_path: Path):
    seen = visit(browser, report_file(tmp_path, "dutch", "--no-baseline", "--old", "policy"))
    page = seen.page
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    page.locator("details.technical").first.wait_for(state="hidden")
    text = visible_dutch(page)
    assert SNAKE.findall(text) == []
    assert ENGLISH.findall(text.replace("privlint register", "")) == []
    for line in text.splitlines():
        if re.search(r"doorgifte", line, re.IGNORECASE):
            assert re.search(r"derde land|buiten de EER|doorgiftemechanisme", line), line
    assert "Verstrekking: Lonen en remuneratie werknemers" in text
    months = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
    assert re.search(rf"Opgesteld op \d{{1,2}} ({months}) \d{{4}}", text)
    assert_quiet(seen)


def pdf_pages(pdf: Path) -> list[str]:
    done = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True)
    return done.stdout.split("\f")[:-1]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed (.ci/run installs it)")
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_report_prints_on_a4_with_page_numbers_and_no_stranded_heading(browser: Any, tmp_path: Path, lang: str):
    seen = visit(browser, report_file(tmp_path, f"print-{lang}", "--lang", lang, "--old", "policy"))
    page = seen.page
    page.emulate_media(media="print")
    headings = [" ".join(h.split()) for h in page.locator("h1, h2, h3, h4").all_inner_texts()]
    pdf = tmp_path / f"report-{lang}.pdf"
    data = page.pdf(path=str(pdf), prefer_css_page_size=True)
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([0-9.]+) ([0-9.]+)\s*\]", data)
    pages = pdf_pages(pdf)
    assert len(pages) == len(boxes) >= 3
    assert all(abs(float(w) - 595.3) < 1.5 and abs(float(h) - 841.9) < 1.5 for w, h in boxes)  # A4 in points
    for number, text in enumerate(pages, start=1):
        lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
        assert lines[-1] == f"{number} / {len(pages)}"  # the page number at the foot
        body = lines[:-1]
        assert body, f"page {number} is empty"
        assert body[-1] not in headings, f"page {number} ends with the heading {body[-1]!r}"
    assert_quiet(seen)
