"""The ``privlint`` command line: parse options, call the engine, set the exit code.

Exit codes (like ruff): 0 nothing at or above ``--fail-on``; 1 findings; 2 usage,
configuration or internal error. Heavy modules are imported inside the commands,
because pre-commit pays for every import on every commit.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from privlint import __version__

if TYPE_CHECKING:
    from privlint.config import Config
    from privlint.result import Result

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
SEVERITIES = ("error", "warning", "info")
LANGUAGES = ("nl", "en")

CHECK_EPILOG = """\b
Examples:
  privlint check                         check ./policy (or [tool.privlint] paths)
  privlint check policy/sharing.yaml     check one file
  privlint check --format json > out.json
  privlint check --select REF,RET --fail-on error
  privlint check --format sarif:privlint.sarif --format text
  privlint check --format junit -o junit.xml
  privlint check --write-baseline privlint-baseline.json

\b
--format NAME:FILE writes that format to FILE; at most one format goes to standard
output, or to the file named by --output. In GitHub Actions the default format is github.
Waived findings and findings in the baseline are reported but do not fail the gate;
--no-waivers --no-baseline shows every finding as new.

\b
Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or internal error.
"""


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="privlint")
def cli() -> None:
    """privlint: test a GDPR privacy declaration written as a YAML policy model."""


class OutputFormat(click.ParamType):  # type: ignore[type-arg]  # generic only from click 8.2 on
    """``NAME`` or ``NAME:FILE``: an output format of ``privlint.reporters.REPORTERS``, and where it goes."""

    name = "format"

    def __init__(self, names: Sequence[str]) -> None:
        self.names = tuple(names)

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str:
        del param, ctx
        return f"[{'|'.join(self.names)}][:FILE]"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> tuple[str, Path | None]:
        if isinstance(value, tuple):
            return value
        name, colon, file = str(value).partition(":")
        if name not in self.names:
            self.fail(f"{name!r} is not one of {', '.join(map(repr, self.names))}", param, ctx)
        if colon and not file:
            self.fail(f"{value!r}: name the file after the colon ({name}:FILE)", param, ctx)
        return name, Path(file) if file else None


def output_plan(formats: Sequence[tuple[str, Path | None]], output: Path | None) -> list[tuple[str, Path | None]]:
    """Where each format goes: its own file, the ``--output`` file, or standard output (at most one)."""
    plan = list(formats) or [(_default_format(), None)]
    unplaced = [name for name, path in plan if path is None]
    if output is not None:
        if len(unplaced) != 1:
            wanted = "a format without its own file" if not unplaced else f"one format, not {' and '.join(unplaced)}"
            raise click.UsageError(f"--output {output} needs {wanted}; write the others as --format NAME:FILE")
        plan = [(name, output if path is None else path) for name, path in plan]
    elif len(unplaced) > 1:
        raise click.UsageError(
            f"only one format can go to standard output, not {' and '.join(unplaced)}; "
            "give the others a file (--format NAME:FILE)"
        )
    return plan


def _default_format() -> str:
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def _format_options(command: Any) -> Any:
    """--format NAME[:FILE] (repeatable) and -o/--output FILE, for the commands that report findings."""
    from privlint.reporters import REPORTERS  # noqa: PLC0415 - a table of names; no reporter is imported

    options = (
        click.option(
            "--format",
            "formats",
            type=OutputFormat(tuple(REPORTERS)),
            multiple=True,
            help="Output format, optionally with the file it goes to (repeatable; default text, github in Actions).",
        ),
        click.option(
            "-o",
            "--output",
            type=click.Path(dir_okay=False, path_type=Path),
            help="Write the one format that names no file here instead of standard output.",
        ),
    )
    for option in reversed(options):
        command = option(command)
    return command


def _config_option(command: Any) -> Any:
    return click.option(
        "--config",
        "config_path",
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        help="Configuration file (default: nearest pyproject.toml with [tool.privlint] or privlint.toml).",
    )(command)


def _suppression_options(command: Any) -> Any:
    """--baseline/--no-baseline and --waivers/--no-waivers, shared by `check` and `report`."""
    options = (
        click.option(
            "--baseline",
            "baseline",
            type=click.Path(dir_okay=False, path_type=Path),
            help="Known findings that do not fail the gate (default: [tool.privlint] baseline).",
        ),
        click.option("--no-baseline", is_flag=True, help="Ignore the baseline: every finding is new."),
        click.option(
            "--waivers",
            "waivers",
            type=click.Path(exists=True, dir_okay=False, path_type=Path),
            help="Waivers file (default: [tool.privlint] waivers, else waivers.yaml in the policy directory).",
        ),
        click.option("--no-waivers", is_flag=True, help="Ignore waivers: waived findings count again."),
    )
    for option in reversed(options):
        command = option(command)
    return command


@cli.command(epilog=CHECK_EPILOG)
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@_format_options
@click.option("--fail-on", type=click.Choice(SEVERITIES), help="Lowest severity that fails (default: warning).")
@click.option(
    "--select", multiple=True, metavar="CODES", help="Only these codes or prefixes (comma-separated, repeatable)."
)
@click.option("--ignore", multiple=True, metavar="CODES", help="Skip these codes or prefixes.")
@_config_option
@_suppression_options
@click.option(
    "--write-baseline",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Record the current findings (not waived ones) as the baseline in this file, then report with it.",
)
def check(  # noqa: PLR0913 - one parameter per command-line option
    paths: tuple[Path, ...],
    formats: tuple[tuple[str, Path | None], ...],
    output: Path | None,
    fail_on: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    config_path: Path | None,
    baseline: Path | None,
    no_baseline: bool,
    waivers: Path | None,
    no_waivers: bool,
    write_baseline: Path | None,
) -> int:
    """Check the policy in PATHS (files or directories; default ./policy)."""
    from privlint import config as configuration  # noqa: PLC0415
    from privlint import engine  # noqa: PLC0415
    from privlint.findings import Severity  # noqa: PLC0415

    plan = output_plan(formats, output)
    settings = _configuration(config_path).with_options(
        select=configuration.codes(select) or None,
        ignore=configuration.codes(ignore) or None,
        fail_on=Severity.parse(fail_on) if fail_on else None,
    )
    settings = _suppression(settings, baseline, no_baseline or write_baseline is not None, waivers, no_waivers)
    result = engine.lint(_targets(paths, settings), settings)
    if write_baseline is not None:
        written = engine.write_baseline(result, write_baseline)
        engine.apply_baseline(result, write_baseline)
        click.echo(f"privlint: recorded {written} finding{'s' if written != 1 else ''} in {write_baseline}", err=True)
    _write_reports(plan, result)
    return EXIT_FINDINGS if result.fails(settings.fail_on) else EXIT_CLEAN


@cli.command("report")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Write the HTML file here (default: standard output).",
)
@click.option("--lang", type=click.Choice(LANGUAGES), default="nl", show_default=True, help="Language shown first.")
@click.option("--fail-on", type=click.Choice(SEVERITIES), help="Lowest severity the verdict counts (default: warning).")
@_config_option
@_suppression_options
def report(  # noqa: PLR0913 - one parameter per command-line option
    paths: tuple[Path, ...],
    output: Path | None,
    lang: str,
    fail_on: str | None,
    config_path: Path | None,
    baseline: Path | None,
    no_baseline: bool,
    waivers: Path | None,
    no_waivers: bool,
) -> int:
    """Write the legal team's report: one self-contained HTML page in Dutch and English.

    The page shows the verdict, the findings by theme with the GDPR article, what to do and
    where, the Art. 13/14 checklist, the data map, waived findings and known (baseline) ones.
    It needs no network; print it from the browser for a PDF. Exit code 0 once written.
    """
    from privlint.engine import lint  # noqa: PLC0415
    from privlint.findings import Severity  # noqa: PLC0415
    from privlint.report import render_report  # noqa: PLC0415

    settings = _configuration(config_path).with_options(fail_on=Severity.parse(fail_on) if fail_on else None)
    settings = _suppression(settings, baseline, no_baseline, waivers, no_waivers)
    result = lint(_targets(paths, settings), settings)
    _emit(render_report(result, lang=lang), output)
    return EXIT_CLEAN


def _targets(paths: tuple[Path, ...], settings: Config) -> list[Path]:
    targets = list(paths) or [Path(p) for p in settings.paths]
    missing = [str(p) for p in targets if not p.exists()]
    if missing:
        raise click.UsageError(f"no such file or directory: {', '.join(missing)}")
    return targets


def _suppression(
    settings: Config, baseline: Path | None, no_baseline: bool, waivers: Path | None, no_waivers: bool
) -> Config:
    return settings.with_options(
        baseline=str(baseline) if baseline is not None else None,
        waivers=str(waivers) if waivers is not None else None,
        use_baseline=False if no_baseline else None,
        use_waivers=False if no_waivers else None,
    )


def _write_reports(plan: Sequence[tuple[str, Path | None]], result: Result) -> None:
    from privlint.reporters import reporter  # noqa: PLC0415

    for output_format, output in plan:
        render = reporter(output_format)
        if output is None:
            click.echo(render(result, color=output_format == "text" and _color(sys.stdout)), nl=False)
            continue
        try:
            output.write_text(render(result), encoding="utf-8")
        except OSError as error:
            raise click.FileError(str(output), error.strerror) from None


@cli.command("rules")
@click.option("--format", "output_format", type=click.Choice(("text", "json")), default="text", show_default=True)
def list_rules(output_format: str) -> int:
    """List every rule: code, name, default severity, articles and summary."""
    from privlint import ruledocs  # noqa: PLC0415

    click.echo(ruledocs.catalogue(output_format), nl=False)
    return EXIT_CLEAN


@cli.command("rule")
@click.argument("code")
def explain_rule(code: str) -> int:
    """Explain one rule, like `ruff rule`: what it checks, why, and how to fix it."""
    from privlint import catalogue, ruledocs  # noqa: PLC0415

    found = catalogue.registry().get(code.upper())
    if found is None:
        raise click.UsageError(f"unknown rule {code!r}; `privlint rules` lists them all")
    click.echo(ruledocs.explain(found), nl=False)
    return EXIT_CLEAN


@cli.command("import")
@click.argument("notice", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Directory for the policy files.",
)
@click.option("--force", is_flag=True, help="Overwrite policy files that already exist.")
@click.option(
    "--lang",
    type=click.Choice(("nl", "fr", "en")),
    default=None,
    help="The notice's language (default: told from the text).",
)
@click.option("--explain", is_flag=True, help="Print, for every line of the notice, where it went in the model.")
def import_notice(notice: Path, out_dir: Path, force: bool, lang: str | None, explain: bool) -> int:
    """Turn a notice written in the Smet-Jet template into a policy directory.

    Exit code 0 when every line of the notice was placed in the model, 1 when some were
    not (they are listed, each with the reason), 2 on bad input.
    """
    from privlint.notice import importer  # noqa: PLC0415

    report = importer.import_notice(notice, out_dir, overwrite=force, language=lang)
    for line, text in importer.summary_lines(report, str(notice), explain=explain):
        click.echo(text, err=not line)
    return EXIT_FINDINGS if report.unplaced else EXIT_CLEAN


@cli.command("render")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--lang", type=click.Choice(("nl", "en")), default="nl", show_default=True)
@click.option("--format", "output_format", type=click.Choice(("txt", "md", "html")), default="txt", show_default=True)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Write here instead of standard output.",
)
def render(paths: tuple[Path, ...], lang: str, output_format: str, output: Path | None) -> int:
    """Write the privacy notice from the policy model."""
    from privlint.notice import render as rendering  # noqa: PLC0415

    result = _readable_policy(paths)
    if result.policy is None:
        return EXIT_FINDINGS
    _emit(rendering.render_notice(result.policy, lang=lang, output_format=output_format), output)
    return EXIT_CLEAN


@cli.command("diff")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.argument("notice", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_format_options
@click.option("--fail-on", type=click.Choice(SEVERITIES), help="Lowest severity that fails (default: warning).")
@_config_option
@_suppression_options
def diff(  # noqa: PLR0913 - one parameter per command-line option
    paths: tuple[Path, ...],
    notice: Path,
    formats: tuple[tuple[str, Path | None], ...],
    output: Path | None,
    fail_on: str | None,
    config_path: Path | None,
    baseline: Path | None,
    no_baseline: bool,
    waivers: Path | None,
    no_waivers: bool,
) -> int:
    """Report drift between the policy in PATHS and the published NOTICE text (the DRF rules).

    The findings go through the same configuration as `privlint check`: severities,
    select/ignore, waivers and the baseline apply to DRF codes as to any other.
    """
    from privlint import engine  # noqa: PLC0415
    from privlint.findings import Severity  # noqa: PLC0415

    plan = output_plan(formats, output)
    settings = _configuration(config_path).with_options(fail_on=Severity.parse(fail_on) if fail_on else None)
    settings = _suppression(settings, baseline, no_baseline, waivers, no_waivers)
    result = engine.diff(_targets(paths, settings), notice, settings)
    _write_reports(plan, result)
    return EXIT_FINDINGS if result.fails(settings.fail_on) else EXIT_CLEAN


@cli.command("schema")
def print_schema() -> int:
    """Print the JSON Schema of the policy model."""
    from privlint import schema  # noqa: PLC0415

    click.echo(schema.schema_text(), nl=False)
    return EXIT_CLEAN


def _readable_policy(paths: tuple[Path, ...]) -> Result:
    """Lint the policy; when it has no model (unreadable or invalid shape) say why on stderr.

    Only the model is wanted, so neither waivers nor the baseline are read.
    """
    from privlint.engine import lint  # noqa: PLC0415
    from privlint.reporters import reporter  # noqa: PLC0415

    settings = _configuration(None).with_options(use_baseline=False, use_waivers=False)
    result = lint(_targets(paths, settings), settings)
    if result.policy is None:
        click.echo(reporter("text")(result, color=_color(sys.stderr)), nl=False, err=True)
    return result


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")


def _configuration(path: Path | None) -> Config:
    from privlint import config as configuration  # noqa: PLC0415

    return configuration.load(path or configuration.discover(Path.cwd()))


def _color(stream: object) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code."""
    from privlint.config import ConfigError  # noqa: PLC0415

    try:
        code = cli.main(args=list(argv) if argv is not None else None, prog_name="privlint", standalone_mode=False)
    except click.ClickException as error:
        error.show()
        return EXIT_ERROR
    except click.exceptions.Abort:
        click.echo("privlint: aborted", err=True)
        return EXIT_ERROR
    except ConfigError as error:
        click.echo(f"privlint: configuration error: {error}", err=True)
        return EXIT_ERROR
    except Exception as error:  # noqa: BLE001 - the last line of defence: no traceback for users
        click.echo(f"privlint: internal error: {type(error).__name__}: {error}", err=True)
        click.echo("Please report this with the command you ran and the input file.", err=True)
        return EXIT_ERROR
    return code if isinstance(code, int) else EXIT_CLEAN


def entry() -> None:
    """Console-script entry point."""
    sys.exit(main())


if __name__ == "__main__":
    entry()
