"""The ``privlint`` command line: parse options, call the engine, set the exit code.

Exit codes (like ruff): 0 nothing at or above ``--fail-on``; 1 findings; 2 usage,
configuration or internal error. Heavy modules are imported inside the commands,
because pre-commit pays for every import on every commit.
"""

from __future__ import annotations

import gc
import os
import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import click

from privlint import __version__

if TYPE_CHECKING:
    from privlint.config import Config
    from privlint.findings import Severity
    from privlint.result import Result

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
COLOR_MODES = ("auto", "always", "never")
PROGRESS_AFTER = 1.0  # seconds of work before progress is shown (on a terminal only)
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
@click.version_option(__version__, "--version", "-V", prog_name="privlint")
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


def _display_options(command: Any) -> Any:
    """How the findings are shown and whether they set the exit code (``check`` and ``diff``)."""
    options = (
        click.option("-q", "--quiet", is_flag=True, help="Print only the summary line (text format)."),
        click.option(
            "--statistics", is_flag=True, help="Print the number of findings per rule instead of each one (text)."
        ),
        click.option(
            "--show-source/--no-show-source",
            default=None,
            help="Show the offending line with a caret under the place (default: on a terminal).",
        ),
        click.option(
            "--color",
            "color_mode",
            type=click.Choice(COLOR_MODES),
            default="auto",
            show_default=True,
            help="Colour the text output; auto colours a terminal and honours NO_COLOR and FORCE_COLOR.",
        ),
        click.option(
            "--exit-zero", is_flag=True, help="Exit 0 even when findings fail the gate (errors still exit 2)."
        ),
    )
    for option in reversed(options):
        command = option(command)
    return command


class Display(NamedTuple):
    """The display options of one run (see ``_display_options``)."""

    quiet: bool = False
    statistics: bool = False
    show_source: bool | None = None
    color_mode: str = "auto"
    exit_zero: bool = False

    def verdict(self, result: Result, threshold: Severity) -> int:
        if result.fails(threshold) and not self.exit_zero:
            return EXIT_FINDINGS
        return EXIT_CLEAN


@cli.command(epilog=CHECK_EPILOG)
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@_format_options
@_display_options
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
    quiet: bool,
    statistics: bool,
    show_source: bool | None,
    color_mode: str,
    exit_zero: bool,
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
        select=_codes_option("--select", configuration.codes(select)) or None,
        ignore=_codes_option("--ignore", configuration.codes(ignore)) or None,
        fail_on=Severity.parse(fail_on) if fail_on else None,
    )
    settings = _suppression(settings, baseline, no_baseline or write_baseline is not None, waivers, no_waivers)
    _require_rules(settings, "model")
    targets = _targets(paths, settings)
    outputs = [(f"the {name} report", path) for name, path in plan if path is not None]
    _guard_outputs(targets, settings, [*outputs, *([("the baseline", write_baseline)] if write_baseline else [])])
    with _progress(f"checking {_plural(len(targets), 'path')}"):
        result = engine.lint(targets, settings)
    if write_baseline is not None:
        written, kept = engine.write_baseline(result, write_baseline)
        engine.apply_baseline(result, write_baseline)
        merged = f" (kept {kept} of rules or files this run did not check)" if kept else ""
        recorded = f"{written} finding{'s' if written != 1 else ''}"
        click.echo(f"privlint: recorded {recorded} in {write_baseline}{merged}", err=True)
    display = Display(quiet, statistics, show_source, color_mode, exit_zero)
    _write_reports(plan, result, display)
    return display.verdict(result, settings.fail_on)


@cli.command("report")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
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
@click.option("--since", "revision", metavar="REV", help="Add what changed since this git revision.")
@click.option("--old", type=click.Path(exists=True, path_type=Path), help="Add what changed since the policy here.")
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
    revision: str | None,
    old: Path | None,
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
    targets = _targets(paths, settings)
    _guard_outputs(targets, settings, [("the report", output)] if output else [])
    with _progress("writing the report"):
        result = lint(targets, settings)
        found = _changes_since(result, paths, revision, old) if revision or old else None
        page = render_report(result, lang=lang, changes=found)
    _emit(page, output)
    return EXIT_CLEAN


def _policy_folder(paths: tuple[Path, ...]) -> Path:
    """The policy whose history git is asked for: the first PATH, else the configured one."""
    return (list(paths) or [Path(p) for p in _configuration(None).paths] or [Path("policy")])[0]


def _changes_since(result: Result, paths: tuple[Path, ...], revision: str | None, old: Path | None) -> Any:
    """The changes from the policy at ``revision`` (git) or in ``old`` to ``result``'s, and what they compare with."""
    from privlint import changes as diffing  # noqa: PLC0415

    if revision and old:
        raise click.UsageError("give at most one of --since REV and --old DIR")
    with diffing.temporary_folder() as folder:
        try:
            old_path = old or diffing.old_policy_at(str(revision), _policy_folder(paths), Path(folder))
        except diffing.ChangesError as error:
            raise click.UsageError(str(error)) from None
        earlier = _readable_policy((old_path,))
    if earlier.policy is None or result.policy is None:
        raise click.UsageError("the old or the new policy cannot be read, so nothing can be compared")
    return diffing.compare(earlier.policy, result.policy), revision or str(old)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


def _codes_option(option: str, codes: tuple[str, ...]) -> tuple[str, ...]:
    """``codes`` when each names a rule or a prefix of one; else a usage error with a did-you-mean."""
    from privlint import catalogue, selection  # noqa: PLC0415

    problems = selection.unknown(codes, catalogue.registry())
    if problems:
        raise click.UsageError(f"{option}: {problems[0]}")
    return codes


def _require_rules(settings: Config, stage: str) -> None:
    from privlint import catalogue, selection  # noqa: PLC0415
    from privlint.rules import Stage  # noqa: PLC0415

    rules = catalogue.registry()
    selection.check(settings, rules)
    selection.require_rules(settings, rules, Stage(stage))


def _targets(paths: tuple[Path, ...], settings: Config) -> list[Path]:
    """The policy paths of the run, each one a policy (``loading.policy_members`` decides: ``PolicyPathError``).

    Asked here, before the engine, so that a path no file can have (a name too long, a loop
    of links) is a usage error rather than an error wherever it is first touched. The
    baseline and waivers files are checked alike (``configuration error``).
    """
    from privlint import loading  # noqa: PLC0415

    targets = list(paths) or [Path(p) for p in settings.paths]
    loading.policy_members(targets)
    _usable(settings.baseline, "the baseline")
    _usable(settings.waivers, "the waivers file")
    return targets


def _usable(path: str | None, what: str) -> None:
    """Refuse (``ConfigError``) a configured file that no file can be at: a loop of links, a name too long."""
    from privlint.config import ConfigError  # noqa: PLC0415

    if path is None:
        return
    try:
        Path(path).stat()
    except FileNotFoundError:
        return  # said where it is used, with what to do
    except OSError as error:
        raise ConfigError(f"{path}: cannot read {what}: {error.strerror or error}") from None


def _guard_outputs(
    targets: Sequence[Path], settings: Config, outputs: Sequence[tuple[str, Path]], *, notice: Path | None = None
) -> None:
    """Refuse (``WriteError``) an output that would replace a file privlint reads, or another output.

    Policy files, the waivers file, the baseline, the configuration and the notice are what
    the user keeps: a report written onto one of them would lose it. ``--write-baseline``
    may rewrite the configured baseline, which is what it is for.
    """
    from privlint import engine, loading  # noqa: PLC0415
    from privlint.files import WriteError, check_writable  # noqa: PLC0415

    for _, path in outputs:
        check_writable(path)
    inputs = {_identity(m.path): "a policy file" for m in loading.policy_members(targets)}
    for what, kept in (
        ("the waivers file", engine.waivers_file(targets, settings)),
        ("the baseline", settings.baseline),
        ("the configuration file", settings.source),
        ("the notice", notice),
    ):
        if kept is not None:
            inputs[_identity(Path(kept))] = what
    inputs.pop(None, None)  # a stream is never replaced (privlint.files), so it loses nothing
    written: dict[object, str] = {}
    for label, path in outputs:
        found = _identity(path)
        read = inputs.get(found)
        if read is not None and not (label == read == "the baseline"):
            raise WriteError(f"not writing {label} to {path}: it is {read}, which privlint reads")
        if found is not None and found in written:
            raise WriteError(f"not writing {label} to {path}: {written[found]} is written there")
        if found is not None:
            written[found] = label


def _identity(path: Path) -> object:
    """What tells files apart (device and inode: links and ``./`` alike); None for a stream such as /dev/stdout."""
    import stat  # noqa: PLC0415

    try:
        status = path.stat()
    except (OSError, ValueError):  # not there (yet): the path as written, without its links
        return os.path.realpath(path)
    return (status.st_dev, status.st_ino) if stat.S_ISREG(status.st_mode) else None


def _suppression(
    settings: Config, baseline: Path | None, no_baseline: bool, waivers: Path | None, no_waivers: bool
) -> Config:
    return settings.with_options(
        baseline=str(baseline) if baseline is not None else None,
        waivers=str(waivers) if waivers is not None else None,
        use_baseline=False if no_baseline else None,
        use_waivers=False if no_waivers else None,
    )


def _write_reports(plan: Sequence[tuple[str, Path | None]], result: Result, display: Display) -> None:
    from privlint.reporters import reporter, text  # noqa: PLC0415

    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_file and any(name == "github" for name, _ in plan):
        from privlint import files  # noqa: PLC0415

        files.append_text(Path(summary_file), reporter("markdown")(result))
    for output_format, output in plan:
        if output_format == "text":
            on_terminal = output is None and _is_terminal(sys.stdout)
            color = output is None and _colored(display.color_mode, sys.stdout)
            show_source = on_terminal if display.show_source is None else display.show_source
            options = text.Options(color, show_source, display.quiet, display.statistics)
            rendered = text.report(result, options)
        else:
            color, rendered = False, reporter(output_format)(result)
        if output is None:
            click.echo(rendered, nl=False, color=color)
        else:
            _emit(rendered, output)


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
    from privlint import printable  # noqa: PLC0415
    from privlint.files import WriteError  # noqa: PLC0415
    from privlint.notice import importer  # noqa: PLC0415

    try:
        out_dir.stat()
    except FileNotFoundError:
        pass  # the importer makes it
    except OSError as error:  # a name too long, a loop of links
        raise WriteError(f"cannot write {out_dir}: {error.strerror or error}") from None
    with _progress(f"importing {notice.name}"):
        report = importer.import_notice(notice, out_dir, overwrite=force, language=lang)
    for line, text in importer.summary_lines(report, printable.line(str(notice)), explain=explain):
        click.echo(text, err=not line)
    return EXIT_FINDINGS if report.unplaced else EXIT_CLEAN


@cli.command("render")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
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

    if output is not None:
        _guard_outputs(_targets(paths, _configuration(None)), _configuration(None), [("the notice", output)])
    result = _readable_policy(paths)
    if result.policy is None:
        return EXIT_FINDINGS
    with _progress("rendering the notice"):
        text = rendering.render_notice(result.policy, lang=lang, output_format=output_format)
    _emit(text, output)
    return EXIT_CLEAN


@cli.command("diff")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.argument("notice", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_format_options
@_display_options
@click.option("--fail-on", type=click.Choice(SEVERITIES), help="Lowest severity that fails (default: warning).")
@_config_option
@_suppression_options
def diff(  # noqa: PLR0913 - one parameter per command-line option
    paths: tuple[Path, ...],
    notice: Path,
    formats: tuple[tuple[str, Path | None], ...],
    output: Path | None,
    quiet: bool,
    statistics: bool,
    show_source: bool | None,
    color_mode: str,
    exit_zero: bool,
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
    _require_rules(settings, "notice")
    targets = _targets(paths, settings)
    outputs = [(f"the {name} report", path) for name, path in plan if path is not None]
    _guard_outputs(targets, settings, outputs, notice=notice)
    with _progress(f"comparing {_plural(len(targets), 'path')} with {notice.name}"):
        result = engine.diff(targets, notice, settings)
    display = Display(quiet, statistics, show_source, color_mode, exit_zero)
    _write_reports(plan, result, display)
    return display.verdict(result, settings.fail_on)


REGISTER_FORMATS = ("xlsx", "csv", "json")


@cli.command("register")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True, path_type=Path), help="Write here.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(REGISTER_FORMATS),
    help="xlsx, csv or json [default: from the -o file's suffix, else xlsx]",
)
@click.option("--lang", type=click.Choice(("nl", "fr", "en")), default="nl", show_default=True, help="Headings.")
def register(paths: tuple[Path, ...], output: Path | None, output_format: str | None, lang: str) -> int:
    """Write the record of processing activities (GDPR 30) in the GBA's register model.

    xlsx needs -o FILE; csv and json go to standard output without it. The JSON structure
    (format "privlint-register", version 1) is described in the README.
    """
    from privlint import register as records  # noqa: PLC0415

    output_format = _register_format(output_format, output)
    if output_format == "xlsx" and output is None:
        raise click.UsageError("--format xlsx writes a workbook: give -o FILE.xlsx (or use --format csv)")
    if output is not None:
        _guard_outputs(_targets(paths, _configuration(None)), _configuration(None), [("the register", output)])
    result = _readable_policy(paths)
    if result.policy is None:
        return EXIT_FINDINGS
    built = records.build(result, lang)
    if output is not None and output_format == "xlsx":
        from privlint.register import xlsx  # noqa: PLC0415

        try:
            xlsx.write(built, output)
        except OSError as error:
            raise click.FileError(str(output), error.strerror) from None
        return EXIT_CLEAN
    _emit(records.text(built, output_format, terminal=output is None), output)
    return EXIT_CLEAN


def _register_format(given: str | None, output: Path | None) -> str:
    """The register's format: as given, else the one the output file's suffix names, else xlsx.

    ``-o register.csv`` alone writes CSV, not a workbook under a .csv name; a suffix that
    names another format than the one given is a usage error.
    """
    suffix = output.suffix.lower().lstrip(".") if output is not None else ""
    named = suffix if suffix in REGISTER_FORMATS else None
    if given is not None and named is not None and given != named:
        raise click.UsageError(f"--format {given} does not match the output file {output} (.{suffix})")
    return given or named or "xlsx"


@cli.command("dpia")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "output_format", type=click.Choice(("text", "json")), default="text", show_default=True)
@click.option("--lang", type=click.Choice(LANGUAGES), default="en", show_default=True, help="Language of the text.")
def dpia(paths: tuple[Path, ...], output_format: str, lang: str) -> int:
    """DPIA screening per activity: required, likely or no indication, with reasons (GDPR 35, WP248, GBA list).

    The JSON structure (format "privlint-dpia", version 1) is described in the README.
    """
    import json  # noqa: PLC0415

    from privlint import dpia as screening  # noqa: PLC0415

    result = _readable_policy(paths)
    if result.policy is None:
        return EXIT_FINDINGS
    screenings = screening.screen(result.policy)
    if output_format == "json":
        click.echo(json.dumps(screening.as_json(screenings), ensure_ascii=False, indent=2))
    else:
        click.echo(screening.as_text(screenings, lang), nl=False)
    return EXIT_CLEAN


@cli.command("changes")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--since", "revision", metavar="REV", help="Compare with the policy as git has it at this revision.")
@click.option("--old", type=click.Path(exists=True, path_type=Path), help="Compare with the policy in this folder.")
@click.option("--format", "output_format", type=click.Choice(("text", "markdown", "json")), default="text")
@click.option("--lang", type=click.Choice(LANGUAGES), default="en", show_default=True)
def changes(paths: tuple[Path, ...], revision: str | None, old: Path | None, output_format: str, lang: str) -> int:
    """What changed since REV (or the --old folder): material changes (announce first, WP260) and editorial ones.

    The JSON structure (format "privlint-changes", version 1) is described in the README.
    """
    from privlint import changes as diffing  # noqa: PLC0415

    if (revision is None) == (old is None):
        raise click.UsageError("give exactly one of --since REV and --old DIR")
    new_result = _readable_policy(paths)
    with diffing.temporary_folder() as folder:
        try:
            old_path = old or diffing.old_policy_at(str(revision), _policy_folder(paths), Path(folder))
        except diffing.ChangesError as error:
            raise click.UsageError(str(error)) from None
        old_result = _readable_policy((old_path,))
    if new_result.policy is None or old_result.policy is None:
        return EXIT_FINDINGS
    found = diffing.compare(old_result.policy, new_result.policy)
    click.echo(diffing.render(found, output_format, lang, old=revision or str(old)), nl=False)
    return EXIT_CLEAN


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

    # The model is all these commands use: a configured baseline or waivers file is not read.
    settings = _configuration(None).with_options(use_baseline=False, use_waivers=False)
    result = lint(_targets(paths, settings), settings)
    if result.policy is None:
        color = _colored("auto", sys.stderr)
        click.echo(reporter("text")(result, color=color), nl=False, err=True, color=color)
    return result


def _emit(text: str, output: Path | None) -> None:
    """``text`` on standard output, or in the file ``output`` (atomically: see ``privlint.files``)."""
    from privlint import files  # noqa: PLC0415

    if output is None:
        click.echo(text, nl=False)
    else:
        files.write_text(output, text)


def _configuration(path: Path | None) -> Config:
    from privlint import config as configuration  # noqa: PLC0415

    return configuration.load(path or configuration.discover(Path.cwd()))


def _colored(mode: str, stream: object) -> bool:
    """Whether to colour ``stream``: ``--color always|never``, else NO_COLOR, FORCE_COLOR, a terminal."""
    if mode != "auto":
        return mode == "always"
    if os.environ.get("NO_COLOR"):  # https://no-color.org: set and not empty
        return False
    if os.environ.get("FORCE_COLOR", "0") not in {"", "0"}:
        return True
    return _is_terminal(stream)


@contextmanager
def _progress(label: str) -> Iterator[None]:
    """Say on stderr what is being done when it takes over ``PROGRESS_AFTER`` seconds; only on a terminal.

    Piped or in CI, stderr stays clean for the messages that matter.
    """
    if not _is_terminal(sys.stderr):
        yield
        return
    lock = threading.Lock()
    state = {"done": False, "shown": False}

    def show() -> None:
        with lock:
            if not state["done"]:
                click.echo(f"privlint: {label}...", err=True, nl=False)
                state["shown"] = True

    timer = threading.Timer(PROGRESS_AFTER, show)
    timer.daemon = True
    if PROGRESS_AFTER <= 0:
        show()
    else:
        timer.start()
    try:
        yield
    finally:
        with lock:
            state["done"] = True
            timer.cancel()
            if state["shown"]:
                click.echo(" done", err=True)


def _is_terminal(stream: object) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code."""
    from privlint.config import ConfigError  # noqa: PLC0415
    from privlint.files import WriteError  # noqa: PLC0415
    from privlint.loading import PolicyPathError  # noqa: PLC0415
    from privlint.printable import line as printable  # noqa: PLC0415 - messages may quote the config or paths

    try:
        code = cli.main(args=list(argv) if argv is not None else None, prog_name="privlint", standalone_mode=False)
    except click.ClickException as error:
        error.message = printable(error.message)  # type: ignore[misc]  # Final in click's stubs; shown once, here
        error.show()
        return EXIT_ERROR
    except click.exceptions.Abort:
        click.echo("privlint: aborted", err=True)
        return EXIT_ERROR
    except ConfigError as error:
        click.echo(f"privlint: configuration error: {printable(str(error))}", err=True)
        return EXIT_ERROR
    except (WriteError, PolicyPathError) as error:  # a file not written, a path that is no policy: one line
        click.echo(f"privlint: {printable(str(error))}", err=True)
        return EXIT_ERROR
    except Exception as error:  # noqa: BLE001 - the last line of defence: no traceback for users
        return _unexpected(error)
    return code if isinstance(code, int) else EXIT_CLEAN


_MAPPED_PACKAGES = ("privlint.checks", "privlint.schemas")


def _unexpected(error: Exception) -> int:
    """Say what went wrong in one line or two; exit code 2."""
    from privlint.printable import line as printable  # noqa: PLC0415

    if isinstance(error, OSError) and error.filename is None:
        # Standard output cannot take it (a full disk, /dev/full): no file of privlint's own,
        # which each name the file. A reader that went away (EPIPE) is handled by click.
        click.echo(f"privlint: cannot write output: {error.strerror or error}", err=True)
        return EXIT_ERROR
    if isinstance(error, ModuleNotFoundError) and error.name in _MAPPED_PACKAGES:
        # ``python -m privlint`` or ``python cli.py`` in a checkout put the checkout's
        # privlint/ folder before the installed package; only an install maps checks/ and
        # schemas/ into it (pyproject.toml, [tool.setuptools.package-dir]).
        click.echo(
            f"privlint: {error.name} is missing: this privlint package is a checkout's source folder "
            "found before the installed one; run the installed privlint command, "
            "or install the checkout with pip install -e .",
            err=True,
        )
        return EXIT_ERROR
    click.echo(f"privlint: internal error: {type(error).__name__}: {printable(str(error))}", err=True)
    click.echo("Please report this with the command you ran and the input file.", err=True)
    return EXIT_ERROR


def entry() -> None:
    """Console-script entry point: one command, then the process ends (``leave``).

    The cyclic garbage collector stays off for the run. What a command builds (the policy's
    nodes, model and findings) lives until the end and holds almost no cycles, so the
    collector would only rescan it: turned back on after the check of 10,000 activities, its
    first passes took 1.4 s (measured 2026-12-04). ``loading.collector_paused`` pauses it
    around the work for callers that keep running (tests, library use).
    """
    gc.disable()
    leave(main())


def leave(code: int) -> None:
    """End the process with ``code`` once the output is flushed, without tearing the interpreter down.

    A normal exit frees every module, rule and cached record one by one and runs the cyclic
    collector over them: 25-30 ms after a seed-sized check had already said everything
    (measured 2026-12-04), a seventh of the run that pre-commit pays on every commit. Nothing
    is left to do then: privlint's files are written and closed (``privlint.files``) and it
    registers no exit handlers. mypy ends its runs the same way (``mypy.util.hard_exit``).
    """
    for stream in (sys.stdout, sys.stderr):
        # click.echo flushes each write and pacifies a reader that went away (``privlint
        # check | head``); a write that did not go through it may still be buffered here.
        try:
            stream.flush()
        except BrokenPipeError:
            pass
        except OSError as error:  # a full disk: said once (main has said it if it saw it first)
            if code != EXIT_ERROR and stream is sys.stdout:
                with suppress(OSError):
                    sys.stderr.write(f"privlint: cannot write output: {error.strerror or error}\n")
                    sys.stderr.flush()
                code = EXIT_ERROR
    os._exit(code)


if __name__ == "__main__":
    entry()
