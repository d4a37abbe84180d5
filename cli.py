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
from typing import TYPE_CHECKING

import click

from privlint import __version__

if TYPE_CHECKING:
    from privlint.config import Config
    from privlint.engine import Result

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
FORMATS = ("text", "json")
SEVERITIES = ("error", "warning", "info")

CHECK_EPILOG = """\b
Examples:
  privlint check                         check ./policy (or [tool.privlint] paths)
  privlint check policy/sharing.yaml     check one file
  privlint check --format json > out.json
  privlint check --select REF,RET --fail-on error

\b
Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or internal error.
"""


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="privlint")
def cli() -> None:
    """privlint: test a GDPR privacy declaration written as a YAML policy model."""


@cli.command(epilog=CHECK_EPILOG)
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Write here instead of standard output.",
)
@click.option("--fail-on", type=click.Choice(SEVERITIES), help="Lowest severity that fails (default: warning).")
@click.option(
    "--select", multiple=True, metavar="CODES", help="Only these codes or prefixes (comma-separated, repeatable)."
)
@click.option("--ignore", multiple=True, metavar="CODES", help="Skip these codes or prefixes.")
@click.option(
    "--config",
    "config_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Configuration file (default: nearest pyproject.toml with [tool.privlint] or privlint.toml).",
)
def check(
    paths: tuple[Path, ...],
    output_format: str,
    output: Path | None,
    fail_on: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    config_path: Path | None,
) -> int:
    """Check the policy in PATHS (files or directories; default ./policy)."""
    from privlint import config as configuration  # noqa: PLC0415
    from privlint.engine import lint  # noqa: PLC0415
    from privlint.findings import Severity  # noqa: PLC0415
    from privlint.reporters import reporter  # noqa: PLC0415

    settings = _configuration(config_path)
    settings = settings.with_options(
        select=configuration.codes(select) or None,
        ignore=configuration.codes(ignore) or None,
        fail_on=Severity.parse(fail_on) if fail_on else None,
    )
    targets = list(paths) or [Path(p) for p in settings.paths]
    missing = [str(p) for p in targets if not p.exists()]
    if missing:
        raise click.UsageError(f"no such file or directory: {', '.join(missing)}")
    result = lint(targets, settings)
    render = reporter(output_format)
    if output is None:
        click.echo(render(result, color=_color(sys.stdout)), nl=False)
    else:
        output.write_text(render(result), encoding="utf-8")
    return EXIT_FINDINGS if result.fails(settings.fail_on) else EXIT_CLEAN


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
    import checks  # noqa: PLC0415
    from privlint import ruledocs  # noqa: PLC0415

    found = checks.registry().get(code.upper())
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
def import_notice(notice: Path, out_dir: Path, force: bool) -> int:
    """Turn a notice written in the Smet-Jet template into a policy directory."""
    from privlint.notice import importer  # noqa: PLC0415

    report = importer.import_notice(notice, out_dir, overwrite=force)
    for line_number, text in report.unplaced:
        click.echo(f"{notice}:{line_number}: not placed in the model: {text}", err=True)
    click.echo(f"Wrote {len(report.files)} policy files to {out_dir} ({len(report.unplaced)} lines not placed).")
    return EXIT_CLEAN


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
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="text", show_default=True)
def diff(paths: tuple[Path, ...], notice: Path, output_format: str) -> int:
    """Report drift between the policy in PATHS and the published NOTICE text."""
    from privlint.engine import Result  # noqa: PLC0415
    from privlint.notice import drift  # noqa: PLC0415
    from privlint.reporters import reporter  # noqa: PLC0415

    result = _readable_policy(paths)
    if result.policy is None or result.source is None:
        return EXIT_FINDINGS
    findings = drift.compare(result.policy, result.source, notice)
    drifted = Result(findings=findings, files=[*result.files, str(notice)], rules_run=1)
    click.echo(reporter(output_format)(drifted, color=_color(sys.stdout)), nl=False)
    return EXIT_FINDINGS if findings else EXIT_CLEAN


@cli.command("schema")
def print_schema() -> int:
    """Print the JSON Schema of the policy model."""
    from privlint import schema  # noqa: PLC0415

    click.echo(schema.schema_text(), nl=False)
    return EXIT_CLEAN


def _readable_policy(paths: tuple[Path, ...]) -> Result:
    """Lint the policy; when it has no model (unreadable or invalid shape) say why on stderr."""
    from privlint.engine import lint  # noqa: PLC0415
    from privlint.reporters import reporter  # noqa: PLC0415

    settings = _configuration(None)
    result = lint(list(paths) or [Path(p) for p in settings.paths], settings)
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
