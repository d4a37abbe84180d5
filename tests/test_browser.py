"""The legal report in a real browser: headless Debian Chromium driven by Playwright.

Skipped only when ``/usr/bin/chromium`` is absent (``.ci/run`` installs it). The browser
runs without network: every request that is not for the report file itself is refused
and recorded, and the test fails if there was any.
"""

from __future__ import annotations

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
    finding = page.locator('#findings article[data-code="REF001"]').first
    assert finding.is_visible()
    titles = {"nl": "Gegevens gebruikt maar niet opgesomd", "en": "A processing or sharing uses a data item"}
    concerns = {  # \u203a: the single right-pointing angle quotation mark between the parts
        "nl": "Verwerkingen \u203a Bedrijfswebsite (company_website) \u203a persoonsgegevens \u203a essentiele_cookies",
        "en": (
            "Processing activities \u203a Bedrijfswebsite (company_website) \u203a data items \u203a essentiele_cookies"
        ),
    }
    assert titles[lang] in finding.locator("h4").inner_text()
    assert finding.locator(".crumbs").inner_text() == concerns[lang]
    assert finding.locator(".where").inner_text() == "policy/processing.yaml:175:9"
    page.screenshot(path=str(tmp_path / f"report-{lang}.png"), full_page=False)

    page.locator(f'button[data-set-lang="{other}"]').click()
    assert page.locator("html").get_attribute("lang") == other
    assert page.locator(f'button[data-set-lang="{other}"]').get_attribute("aria-pressed") == "true"
    assert page.locator(f'button[data-set-lang="{lang}"]').get_attribute("aria-pressed") == "false"
    assert visible_text(page, "#verdict .verdict-line").startswith(verdicts[other])
    assert titles[other] in finding.locator("h4").inner_text()
    assert finding.locator(".crumbs").inner_text() == concerns[other]
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
    page.locator("#data-map td", has_text="onclick=alert(7)").first.click()
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
