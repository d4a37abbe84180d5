"""Hostile input: every file gives a located finding, in bounded time and memory, and executes nothing.

Each input runs through the installed ``privlint check FILE --format json`` in a subprocess
with an address-space and a CPU-time limit, a wall-clock timeout, a file-size limit of zero
(no file may receive a byte), its working directory, ``HOME`` and ``TMPDIR`` inside the test's
temporary directory, and an audit hook (``sitecustomize``) that ends the process if anything
opens a file for writing outside that directory, starts a process or touches the network.
The answer must be JSON with findings located inside the file and exit code 1: never 2 (an
internal error) and never a traceback. The small inputs live in ``tests/data/hostile/``; the
large ones (20 MB, a 2 MB line, 20,000-deep nesting, more than the size limit) are written
into the temporary directory at test time.
"""

from __future__ import annotations

import json
import os
import random
import resource
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from privlint import schema

from strategies import yaml_lines
from support import PRIVLINT, REPO

HOSTILE = Path(__file__).with_name("data") / "hostile"
MEMORY = 2 * 1024**3  # bytes of address space
CPU_SECONDS = 60  # the 20 MB policy takes about 17 s on the 2-core CI machines
TIMEOUT = 120
MARKERS = ("pwned_apply", "pwned_popen", "pwned_exec", "pwned_second", "pwned_ls")
OUTSIDE_MARKER = Path("/tmp/privlint-hostile-pwned")  # noqa: S108 - what a payload would try to create

GUARD = '''
"""Installed by tests/test_hostile.py: stop the process at the first sign of a side effect."""
import os, sys

_ROOT = os.path.realpath(os.environ["PRIVLINT_HOSTILE_ROOT"])
_FORBIDDEN = ("os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.fork", "os.forkpty", "pty.spawn",
              "subprocess.Popen", "socket.connect", "socket.getaddrinfo", "socket.bind", "socket.sendto",
              "urllib.Request", "webbrowser.open", "ftplib.connect", "http.client.connect", "smtplib.connect")
_CHANGES = ("os.remove", "os.rename", "os.mkdir", "os.rmdir", "os.symlink", "os.link", "os.truncate",
            "os.chmod", "os.chown", "os.utime", "shutil.rmtree", "shutil.copyfile", "shutil.move")
_WRITING = os.O_WRONLY | os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_TRUNC


def _stop(event, args):
    os.write(2, f"privlint-hostile-guard: {event} {args!r}\\n".encode("utf-8", "replace"))
    os._exit(97)


def _inside(path):
    if isinstance(path, int):
        return True  # an open file descriptor: opened (and checked) before
    name = os.fsdecode(path)
    return os.path.realpath(name).startswith(_ROOT + os.sep)


def _hook(event, args):
    if event.startswith(_FORBIDDEN):
        _stop(event, args)
    elif event == "open":
        path, mode, flags = (tuple(args) + (None, None))[:3]
        writing = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
            isinstance(flags, int) and flags & _WRITING
        )
        if writing and path is not None and not _inside(path):
            _stop(event, args)
    elif event in _CHANGES and args and not _inside(args[0]):
        _stop(event, args)


sys.addaudithook(_hook)
'''


def limits() -> None:
    """Run in the child before ``privlint`` starts: bound memory, CPU time and file writes."""
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))


def listing(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns) for p in sorted(folder.rglob("*"))}


def run_check(tmp_path: Path, policy: Path) -> tuple[subprocess.CompletedProcess[str], list[dict]]:
    """``privlint check POLICY --format json`` under the limits and the guard; its findings."""
    completed = run_guarded(tmp_path, "check", str(policy), "--format", "json")
    assert completed.returncode == 1, (completed.returncode, completed.stderr[-2000:])
    assert completed.stderr == ""
    findings = json.loads(completed.stdout)["findings"]
    assert findings
    return completed, findings


def run_guarded(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``privlint ARGS`` under the limits and the guard, with no traceback and no side effect."""
    work, home, temp, guard = (tmp_path / name for name in ("work", "home", "tmp", "guard"))
    for folder in (work, home, temp, guard):
        folder.mkdir(exist_ok=True)
    (guard / "sitecustomize.py").write_text(GUARD, encoding="utf-8")
    environment = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "TMPDIR": str(temp),
        "PYTHONPATH": str(guard),
        "PYTHONDONTWRITEBYTECODE": "1",  # the interpreter's own cache is not the input's doing
        "PRIVLINT_HOSTILE_ROOT": str(tmp_path),
        "NO_COLOR": "1",
    }
    before = listing(tmp_path)
    completed = subprocess.run(
        [str(PRIVLINT), *args],
        cwd=work,
        env=environment,
        preexec_fn=limits,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert listing(tmp_path) == before, "the run wrote into the temporary directory"
    assert not any((work / marker).exists() or (home / marker).exists() for marker in MARKERS)
    assert not OUTSIDE_MARKER.exists()
    assert "Traceback" not in completed.stdout + completed.stderr
    return completed


def assert_located(findings: list[dict], policy: Path) -> None:
    """Every finding names the file and a place in it: a character, or just after its line's last one."""
    lines = yaml_lines(policy.read_bytes())
    for finding in findings:
        assert Path(finding["file"]).name == policy.name
        assert 1 <= finding["line"] <= len(lines), finding
        assert 1 <= finding["column"] <= len(lines[finding["line"] - 1]) + 1, finding


# (code, line, column, words in the message) of the finding each committed input must give.
EXPECTED = {
    "alias_bomb.yaml": ("YML003", 2, 8, "alias '*a' is not allowed"),
    "merge_key.yaml": ("YML003", 3, 7, "alias '*base' is not allowed"),
    "python_apply.yaml": ("YML003", 1, 13, "python/object/apply:os.system' is not allowed"),
    "python_new.yaml": ("YML003", 1, 13, "python/object/new:subprocess.Popen' is not allowed"),
    "python_name.yaml": ("YML003", 2, 9, "python/name:os.system' is not allowed"),
    "python_module.yaml": ("YML003", 1, 13, "python/module:os' is not allowed"),
    "python_in_sequence.yaml": ("YML003", 3, 5, "python/object/apply:builtins.exec' is not allowed"),
    "custom_tag.yaml": ("YML003", 2, 9, "tag '!include' is not allowed"),
    "verbatim_tag.yaml": ("YML003", 1, 13, "tag 'tag:example.com,2000:app/foo' is not allowed"),
    "tag_directive.yaml": ("YML003", 3, 13, "tag 'tag:example.com,2000:app/foo' is not allowed"),
    "two_documents.yaml": ("YML001", 2, 1, "more than one YAML document"),
    "duplicate_keys.yaml": ("YML002", 5, 5, "duplicate key 'city' (first defined at line 4, column 5)"),
    "latin1.yaml": ("YML001", 3, 19, "not UTF-8: byte 0xe9"),
    "utf16.yaml": ("YML001", 1, 1, "not UTF-8: byte 0xff"),
    "nul_byte.yaml": ("YML001", 2, 13, "control characters are not allowed (character #x0000)"),
    "tabs.yaml": ("YML001", 2, 1, "a tab is used where YAML allows only spaces"),
    "yaml11_no.yaml": ("YML003", 1, 1, "declares %YAML 1.1; privlint reads YAML 1.2 only"),
    "yaml12_no.yaml": ("YML004", 3, 14, "'NO' is the string 'NO' in YAML 1.2"),
    "yaml13.yaml": ("YML003", 1, 1, "declares %YAML 1.3; privlint reads YAML 1.2 only"),
    "anchor_without_alias.yaml": ("YML003", 2, 5, "anchor '&vat' is not allowed"),
    "huge_integer.yaml": ("YML003", 2, 22, "an integer of 4,301 digits; privlint reads integers of at most 4,300"),
    # A syntax error is placed where the unclosed construct starts, not at the end of the file.
    "unclosed_quote.yaml": ("YML001", 2, 9, "(while scanning a quoted scalar that starts here)"),
    "unclosed_flow_sequence.yaml": ("YML001", 1, 11, "(while parsing a flow sequence that starts here)"),
    "escaped_surrogate.yaml": ("YML001", 2, 17, "invalid Unicode character escape code"),
    # The byte-order mark does not count: the unused item on line 1 is at the column an editor shows.
    "bom.yaml": ("REF002", 1, 32, "'fax_number' is used by no processing"),
    "escaped_controls.yaml": ("TRN001", 2, 3, "is not fully identified"),
    # Lines end at CR LF, lone CR and LF, as an editor counts them: CR LF is one line break.
    "cr_line_breaks.yaml": ("REF002", 4, 5, "'fax_number' is used by no processing"),
    # NEL, LS and PS are text in YAML 1.2: the tag after the LS stays in the comment, no line is shifted.
    "yaml11_line_breaks.yaml": ("REF002", 4, 14, "'unused_item' is used by no processing"),
}


def test_every_committed_input_has_an_expectation():
    assert sorted(p.name for p in HOSTILE.glob("*.yaml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_committed_hostile_input_gives_its_located_finding(tmp_path: Path, name: str):
    policy = tmp_path / "input" / name
    policy.parent.mkdir()
    policy.write_bytes((HOSTILE / name).read_bytes())
    _, findings = run_check(tmp_path, policy)
    assert_located(findings, policy)
    code, line, column, words = EXPECTED[name]
    matching = [f for f in findings if (f["code"], f["line"], f["column"]) == (code, line, column)]
    assert matching, [(f["code"], f["line"], f["column"], f["message"]) for f in findings]
    assert words in matching[0]["message"]
    if code.startswith("YML") and code != "YML004":
        assert [f["code"] for f in findings] == [code], "reading stops at the first refused construct"


def _big_policy(size: int) -> str:
    """A realistic policy of about ``size`` bytes: declared items, activities using them, nothing else."""
    items, activities, written, number = ["data_items:\n"], ["processing_activities:\n"], 0, 0
    while written < size:
        item = f'  - id: item_{number}\n    name: {{nl: "Gegeven {number}", en: "Data item {number}"}}\n'
        activity = (
            f'  - id: activity_{number}\n    name: {{nl: "Verwerking {number}"}}\n'
            f'    purposes: [{{nl: "Doel {number}"}}]\n    legal_basis: contract\n    data_items: [item_{number}]\n'
            "    retention: {duration: P1Y, trigger: contract_end}\n    locations: [EU]\n"
        )
        items.append(item)
        activities.append(activity)
        written += len(item) + len(activity)
        number += 1
    return "".join(items) + "".join(activities)


# name -> (how to make the file, the finding it must give: code, line, column, words)
GENERATED = {
    "deep_flow_sequences.yaml": (
        lambda: "controller: " + "[" * 20_000 + "]" * 20_000 + "\n",
        ("YML003", 1, None, "nesting is deeper"),
    ),
    "deep_flow_mappings.yaml": (
        lambda: "controller: " + "{a: " * 20_000 + "x" + "}" * 20_000 + "\n",
        ("YML003", 1, None, "nesting is deeper"),
    ),
    "deep_block_sequences.yaml": (lambda: "controller:\n" + "- " * 20_000 + "x\n", ("YML003", 2, None, "nesting")),
    "deep_alias_bomb.yaml": (
        lambda: (
            "a: &a ["
            + ", ".join(["x"] * 50)
            + "]\n"
            + "".join(
                f"l{n}: &l{n} [" + ", ".join([f"*{'a' if n == 0 else f'l{n - 1}'}"] * 50) + "]\n" for n in range(30)
            )
            + "controller: *l29\n"
        ),
        ("YML003", 2, 10, "alias '*a' is not allowed"),
    ),
    "two_megabyte_line.yaml": (
        lambda: 'data_items: [{id: "' + "a" * 2_000_000 + '"}]\n',
        ("REF002", 1, 14, "is used by no processing"),
    ),
    "two_megabyte_key.yaml": (lambda: "a" * 2_000_000 + ": x\n", ("YML001", 1, None, "syntax error")),
    "twenty_megabytes.yaml": (lambda: _big_policy(20_000_000), ("TRN001", 1, 1, "the policy has no controller")),
    "over_the_size_limit.yaml": (
        lambda: "# " + "x" * (65 * 1024 * 1024) + "\n",
        ("YML003", 1, 1, "the limit is 67,108,864"),
    ),
}


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_a_generated_hostile_input_gives_its_located_finding(tmp_path: Path, name: str):
    make, (code, line, column, words) = GENERATED[name]
    policy = tmp_path / "input" / name
    policy.parent.mkdir()
    policy.write_text(make(), encoding="utf-8")
    _, findings = run_check(tmp_path, policy)
    assert_located(findings, policy)
    matching = [f for f in findings if f["code"] == code and f["line"] == line and column in (None, f["column"])]
    assert matching, [(f["code"], f["line"], f["column"], f["message"][:80]) for f in findings]
    assert words in matching[0]["message"]


def test_a_sparse_five_gigabyte_file_is_refused_without_being_read(tmp_path: Path):
    """The size limit applies while reading: the file is never read whole (the child has 2 GiB)."""
    policy = tmp_path / "input" / "sparse.yaml"
    policy.parent.mkdir()
    with policy.open("wb") as stream:
        stream.truncate(5 * 1024**3)  # a hole: no disk space, but reading it yields 5 GiB of NUL bytes
    _, findings = run_check(tmp_path, policy)
    assert [(f["code"], f["line"], f["column"]) for f in findings] == [("YML003", 1, 1)]
    assert findings[0]["message"] == "file is 5,368,709,120 bytes; the limit is 67,108,864"


def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def _link_to_dev_zero(path: Path) -> Path:
    path.symlink_to("/dev/zero")
    return path


# What is neither a regular file nor a folder is refused before it is opened: a FIFO would
# block until a writer comes, a device would be read without end.
NOT_FILES = {"fifo.yaml": _fifo, "zero.yaml": _link_to_dev_zero}


@pytest.mark.parametrize("name", sorted(NOT_FILES))
def test_what_is_not_a_regular_file_is_a_usage_error_and_never_read(tmp_path: Path, name: str):
    policy = NOT_FILES[name](tmp_path / name)
    completed = run_guarded(tmp_path, "check", str(policy), "--format", "json")
    assert completed.returncode == 2, completed.stderr
    assert completed.stdout == ""
    assert completed.stderr == f"privlint: {policy} is not a regular file or folder\n"


def test_dev_zero_itself_is_a_usage_error(tmp_path: Path):
    completed = run_guarded(tmp_path, "check", "/dev/zero")
    assert completed.returncode == 2
    assert completed.stderr == "privlint: /dev/zero is not a regular file or folder\n"


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_random_bytes_give_a_located_finding(tmp_path: Path, seed: int):
    policy = tmp_path / "input" / f"random_{seed}.yaml"
    policy.parent.mkdir()
    policy.write_bytes(random.Random(seed).randbytes(64 * 1024))  # noqa: S311 - seeded: the same bytes every run
    _, findings = run_check(tmp_path, policy)
    assert_located(findings, policy)
    assert [f["code"] for f in findings] == ["YML001"]


def test_the_guard_itself_stops_a_write_outside_the_temporary_directory(tmp_path: Path):
    """The audit hook is live in the child: without this, a passing corpus would prove little."""
    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(GUARD, encoding="utf-8")
    environment = {"PYTHONPATH": str(guard), "PRIVLINT_HOSTILE_ROOT": str(tmp_path), "PYTHONDONTWRITEBYTECODE": "1"}
    code = "open('/tmp/privlint-hostile-guard-check', 'w')"
    completed = subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, timeout=30, check=False
    )
    assert completed.returncode == 97
    assert "privlint-hostile-guard: open" in completed.stderr
    assert not Path("/tmp/privlint-hostile-guard-check").exists()  # noqa: S108


REMOTE_REFERENCES = [
    {"$ref": "https://example.com/policy.schema.json"},
    {"$defs": {"x": {"$ref": "http://example.com/x.json#/y"}}},
    {"allOf": [{"type": "object"}, {"$ref": "//example.com/x.json"}]},
    {"properties": {"a": {"items": {"$ref": "file:///etc/passwd"}}}},
    {"$ref": "other.schema.json#/$defs/id"},
    {"$ref": "urn:example:elsewhere"},
]


@pytest.mark.parametrize("document", REMOTE_REFERENCES, ids=lambda d: json.dumps(d)[:40])
def test_a_schema_with_a_remote_reference_is_refused(document):
    with pytest.raises(schema.SchemaError, match="remote schemas are refused"):
        schema.refuse_remote_refs(document)


def test_the_bundled_schema_is_local_and_refusing_needs_no_network(tmp_path: Path):
    """Refusing, and validating against an unresolvable reference, happen with the network guarded."""
    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(GUARD, encoding="utf-8")
    script = textwrap.dedent(
        """
        import json, sys
        from jsonschema import Draft202012Validator
        from referencing import Registry
        from referencing.exceptions import Unresolvable
        from privlint import schema

        schema.refuse_remote_refs(schema.policy_schema())
        for document in json.loads(sys.argv[1]):
            try:
                schema.refuse_remote_refs(document)
            except schema.SchemaError:
                pass
            else:
                raise SystemExit(f"not refused: {document}")
            try:  # what privlint's validator would do with it: no retrieval, an error
                Draft202012Validator(document, registry=Registry()).is_valid({})
            except Unresolvable:
                pass
        # $dynamicRef is not checked by refuse_remote_refs, but the empty registry resolves nothing.
        try:
            Draft202012Validator({"$dynamicRef": "https://example.com/x"}, registry=Registry()).is_valid({})
        except Unresolvable:
            pass
        print("refused offline")
        """
    )
    environment = {
        "PYTHONPATH": os.pathsep.join([str(guard), str(REPO)]),
        "PRIVLINT_HOSTILE_ROOT": str(tmp_path),
        "PYTHONDONTWRITEBYTECODE": "1",
        "HOME": str(tmp_path),
    }
    completed = subprocess.run(
        [sys.executable, "-c", script, json.dumps(REMOTE_REFERENCES)],
        env=environment,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout == "refused offline\n"
