"""The legal team's report: one self-contained HTML page, in Dutch and English.

``render_report(result, lang="nl")`` returns the page; ``privlint report`` writes it and
``privlint check --format html`` uses ``render``. The page loads nothing from the network:
its CSS and JavaScript are inline and a Content-Security-Policy allows only those two
(by hash), so even text that slipped past escaping could not run. Jinja2 autoescapes
every value; policy text is never marked safe.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from typing import TYPE_CHECKING

# At the top, unlike jinja2: t() below is called three times per finding, and an import
# statement in it cost every call a lookup (0.15 s of the page at 80,000 findings). This
# package is imported only to make a report (or by the DPIA screening, for its texts).
from markupsafe import Markup, escape

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from jinja2 import Environment

    from privlint.changes import Change
    from privlint.result import Result

TEMPLATE = "report.html.j2"


def _environment() -> Environment:
    import jinja2  # noqa: PLC0415 - only the report needs it

    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("privlint.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.globals["t"] = in_both_languages
    return environment


def in_both_languages(text: Mapping[str, object]) -> Markup:
    """A text in Dutch and English for the page's language switch, escaped; once when both are the same.

    The template's most called piece (three times per finding): a Python function, not a
    Jinja macro, whose every call builds a context (at 80,000 findings: 3.42 s for the report
    instead of 3.69 s, issue 16). Its output is what the macro wrote. Both texts are escaped
    first and joined with an f-string: ``Markup.format`` goes through ``string.Formatter``,
    in pure Python, which took a third of the report at 80,000 findings.
    """
    dutch, english = text["nl"], text["en"]
    if dutch == english:
        return escape(dutch)
    both = f'<span data-l="nl" lang="nl">{escape(dutch)}</span><span data-l="en" lang="en">{escape(english)}</span>'
    return Markup(both)  # noqa: S704 - both texts are escaped above, the rest is this function's own markup


def _inline(environment: Environment, name: str) -> str:
    loader = environment.loader
    assert loader is not None  # noqa: S101 - set above
    text, _, _ = loader.get_source(environment, name)
    closing = "</style" if name.endswith(".css") else "</script"
    if closing in text.lower():
        raise ValueError(f"{name} must not contain {closing}")
    return text


def _digest(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def render_report(
    result: Result,
    *,
    lang: str = "nl",
    today: dt.date | None = None,
    changes: tuple[Sequence[Change], str] | None = None,
) -> str:
    """The report page for ``result``, showing ``lang`` first (nl or en), with ``changes`` when given."""
    from privlint import printable  # noqa: PLC0415
    from privlint.report import view  # noqa: PLC0415

    environment = _environment()
    style, script = _inline(environment, "report.css"), _inline(environment, "report.js")
    policy = (
        "default-src 'none'; "
        f"style-src '{_digest(style)}'; script-src '{_digest(script)}'; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    page = environment.get_template(TEMPLATE).render(
        report=view.build(result, lang=lang, today=today, changes=changes),
        style=Markup(style),  # noqa: S704 - our own stylesheet, checked to contain no </style
        script=Markup(script),  # noqa: S704 - our own script, checked to contain no </script
        csp=policy,
    )
    return printable.document(page, colon="&#58;")  # control characters of the policy shown, not passed on


def render(result: Result, *, color: bool = False) -> str:
    """The ``--format html`` reporter: the report in Dutch (the page switches to English)."""
    del color
    return render_report(result, lang="nl")
