"""Fuzzing the command line with mutated policies: never a traceback, never a hang, exit 0, 1 or 2.

The seeds are the policies of the rule case files and the bundled policy in one file. Each
mutant gets one to three mutations of the kinds careless editors and hostile inputs make:
flipped bytes, deleted lines, shifted indentation, duplicated keys, values of the wrong
type, control and bidi characters, huge numbers and refused YAML constructs; every fourth
mutant also has a mutated waivers file (from the WVR case files) beside it. The run is
deterministic (a fixed seed): a failure names the mutant, which reproduces it.

The mutants run in-process through ``privlint.cli.main`` (a subprocess each would take
minutes on two cores), with an alarm as the hang guard; a few dozen also run as the
installed command in a subprocess with a timeout. The number of mutants is ten times the
Hypothesis profile's ``max_examples``: 2,000 in the ``ci`` profile, 500 locally.
"""

from __future__ import annotations

import contextlib
import io
import random
import signal
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml
from hypothesis import settings

from privlint.cli import main
from privlint.reporters import REPORTERS

from support import POLICY, PRIVLINT, REPO

SEED = 20261203
HANG_SECONDS = 10
MUTANTS = 10 * (settings.default.max_examples or 50)
FORMATS = [name for name in REPORTERS if name != "html"]  # html (jinja) is slower: every 50th mutant
NOTICE = REPO / "notice" / "klanten-privacyverklaring.txt"

CONTROL = ["\x00", "\x07", "\x1b[2J", "\x1b]52;c;aGk=\x07", "\r", "\x0b", "\x0c", "\x7f", "\x85", "\ufeff"]
BIDI = ["\u202e", "\u202d", "\u2066", "\u2067", "\u2069", "\u200f", "\u2028", "\u2029"]
VALUES = ["[]", "{}", "null", "~", "true", "NO", "1", "-0", "1.5e309", ".nan", "'x'", "[1, [2, {a: b}]]", '""']
CONSTRUCTS = ["&a x", "*a", "!!python/object/apply:os.system ['true']", "!custom x", "? [a, b]", "|-", ">+"]
HEADERS = ["%YAML 1.1\n---\n", "---\n", "...\n", "%TAG ! tag:example.com,2000:\n---\n"]


def seeds(field: str = "policy") -> list[str]:
    """The ``field`` texts (``policy`` or ``waivers``) of the rule case files; for policies, also the bundled one."""
    texts = [
        case[field]
        for path in sorted((REPO / "tests" / "checks" / "cases").glob("*.yaml"))
        for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]
        if field in case
    ]
    if field == "policy":
        texts.append("".join(p.read_text(encoding="utf-8") + "\n" for p in sorted(POLICY.glob("*.yaml"))))
    return texts


# --- mutations: each takes the text and the random source, returns bytes or text -------------


def flip_byte(text: str, rng: random.Random) -> bytes:
    data = bytearray(text.encode("utf-8") or b"\n")
    for _ in range(rng.randint(1, 4)):
        data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
    return bytes(data)


def _lines(text: str) -> list[str]:
    return text.splitlines(keepends=True) or ["\n"]


def delete_lines(text: str, rng: random.Random) -> str:
    lines = _lines(text)
    start = rng.randrange(len(lines))
    del lines[start : start + rng.randint(1, 3)]
    return "".join(lines)


def shift_indentation(text: str, rng: random.Random) -> str:
    lines = _lines(text)
    index = rng.randrange(len(lines))
    shift = rng.choice([" ", "  ", "\t", "-1", "-2"])
    if shift.startswith("-"):
        lines[index] = lines[index][int(shift[1:]) :] if lines[index].startswith(" ") else lines[index]
    else:
        lines[index] = shift + lines[index]
    return "".join(lines)


def duplicate_key(text: str, rng: random.Random) -> str:
    lines = _lines(text)
    keyed = [i for i, line in enumerate(lines) if ":" in line] or [0]
    index = rng.choice(keyed)
    lines.insert(index + 1, lines[index] if lines[index].endswith("\n") else lines[index] + "\n")
    return "".join(lines)


def swap_type(text: str, rng: random.Random) -> str:
    lines = _lines(text)
    valued = [i for i, line in enumerate(lines) if ": " in line] or [0]
    index = rng.choice(valued)
    head, _, _ = lines[index].partition(": ")
    lines[index] = f"{head}: {rng.choice(VALUES + CONSTRUCTS)}\n"
    return "".join(lines)


def insert_character(text: str, rng: random.Random) -> str:
    position = rng.randrange(len(text) + 1)
    return text[:position] + rng.choice(CONTROL + BIDI) + text[position:]


def huge_number(text: str, rng: random.Random) -> str:
    # Up to 4,300 digits: past that, int() refuses to convert (see the reader's own tests).
    number = rng.choice(["9" * rng.randint(100, 4300), "1e" + "9" * 50, "0x" + "f" * 2000, "-" + "1" * 3000])
    lines = _lines(text)
    valued = [i for i, line in enumerate(lines) if ": " in line] or [0]
    index = rng.choice(valued)
    head, _, _ = lines[index].partition(": ")
    lines[index] = f"{head}: {number}\n"
    return "".join(lines)


def refused_construct(text: str, rng: random.Random) -> str:
    if rng.random() < 0.3:
        return rng.choice(HEADERS) + text
    if rng.random() < 0.5:
        return text + "deep: " + "[" * rng.randint(60, 200) + "]" * rng.randint(0, 200) + "\n"
    return swap_type(text, rng)


MUTATIONS: list[Callable[[str, random.Random], str | bytes]] = [
    flip_byte,
    delete_lines,
    shift_indentation,
    duplicate_key,
    swap_type,
    insert_character,
    huge_number,
    refused_construct,
]


def mutants(count: int, field: str = "policy", seed: int = SEED) -> Iterator[tuple[int, bytes]]:
    rng = random.Random(seed)  # noqa: S311 - reproducible mutants, not secrets
    corpus = seeds(field)
    for number in range(count):
        data: str | bytes = rng.choice(corpus)
        # Mostly one mutation, so that many mutants still read and reach the schema and the checks.
        for mutation in rng.sample(MUTATIONS, rng.choices([1, 2, 3], weights=[6, 3, 1])[0]):
            text = data if isinstance(data, str) else data.decode("utf-8", errors="replace")
            data = mutation(text, rng)
        yield number, data if isinstance(data, bytes) else data.encode("utf-8", errors="surrogatepass")


class Hang(BaseException):  # not an Exception: main() must not catch it
    """A mutant ran longer than HANG_SECONDS."""


def _alarm(_signum: int, _frame: object) -> None:
    raise Hang


def run_in_process(args: list[str]) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(HANG_SECONDS)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(args)
    except Hang:
        code, err = -1, io.StringIO(f"hung for more than {HANG_SECONDS} s")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    return code, err.getvalue()


def commands(number: int) -> list[list[str]]:
    check = ["check", "policy", "--no-baseline", "--format", FORMATS[number % len(FORMATS)]]
    runs = [check]
    if number % 50 == 0:
        runs.append(["check", "policy", "--no-baseline", "--format", "html"])
    if number % 10 == 0:
        runs.append(["render", "policy", "--format", "md"])
    if number % 25 == 0:
        runs.append(["diff", "policy", str(NOTICE), "--no-baseline"])
    return runs


def test_mutated_policies_never_crash_or_hang(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    (tmp_path / "policy").mkdir()
    monkeypatch.chdir(tmp_path)
    for name in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY"):
        monkeypatch.delenv(name, raising=False)
    target = tmp_path / "policy" / "policy.yaml"
    waivers = tmp_path / "policy" / "waivers.yaml"
    waiver_mutants = mutants(MUTANTS, "waivers", SEED + 1)
    failures = []
    for number, data in mutants(MUTANTS):
        target.write_bytes(data)
        _, waiver_data = next(waiver_mutants)
        if number % 4 == 0:  # a mutated waivers file beside every fourth policy
            waivers.write_bytes(waiver_data)
        else:
            waivers.unlink(missing_ok=True)
        for args in commands(number):
            code, err = run_in_process(args)
            if code not in {0, 1, 2} or "internal error" in err or "Traceback" in err:
                failures.append(f"mutant {number} ({' '.join(args)}): exit {code}: {err[-300:]!r}\n{data[:300]!r}")
    assert failures == [], f"{len(failures)} of {MUTANTS} mutants failed; first:\n" + "\n".join(failures[:5])


def test_some_mutants_through_the_installed_command_with_a_timeout(tmp_path: Path):
    (tmp_path / "policy").mkdir()
    target = tmp_path / "policy" / "policy.yaml"
    for number, data in mutants(24):
        target.write_bytes(data)
        result = subprocess.run(
            [str(PRIVLINT), "check", "policy", "--no-baseline"],
            cwd=tmp_path,
            capture_output=True,
            timeout=HANG_SECONDS,
            check=False,
        )
        assert result.returncode in {0, 1, 2}, (number, data[:300])
        assert b"Traceback" not in result.stderr, (number, result.stderr[-300:])
        assert b"internal error" not in result.stderr, (number, result.stderr[-300:])
