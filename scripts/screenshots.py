"""Regenerate the report screenshots in docs/ (what a legal team sees), from the bundled policy.

    python scripts/screenshots.py

Writes docs/report-nl.png (the Dutch report in Debian's Chromium, top of the page) and
docs/report-pdf-page1.png (page 1 of the same report printed to PDF, rendered by poppler's
pdftoppm). The report is written with --no-baseline, so the findings show as new.
"""  # noqa: INP001 - a script run by path, not a package module

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs"
CHROMIUM = "/usr/bin/chromium"


def main() -> int:
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    privlint = Path(sys.executable).with_name("privlint")
    with tempfile.TemporaryDirectory() as folder:
        report, pdf = Path(folder) / "report.html", Path(folder) / "report.pdf"
        subprocess.run([str(privlint), "report", "-o", str(report), "--no-baseline"], check=True, cwd=REPO)  # noqa: S603
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page(viewport={"width": 1200, "height": 1500}, device_scale_factor=0.6)
            page.goto(report.as_uri())
            page.screenshot(path=str(DOCS / "report-nl.png"))
            page.emulate_media(media="print")
            page.pdf(path=str(pdf), prefer_css_page_size=True)
            browser.close()
        prefix = Path(folder) / "page"
        subprocess.run(["pdftoppm", "-r", "60", "-f", "1", "-l", "1", "-png", str(pdf), str(prefix)], check=True)  # noqa: S603, S607
        (DOCS / "report-pdf-page1.png").write_bytes(next(Path(folder).glob("page*.png")).read_bytes())
    return 0


if __name__ == "__main__":
    sys.exit(main())
