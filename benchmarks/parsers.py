"""The faster YAML parsers issue 16 names, measured beside privlint's reader (issue 16).

    pip install rapidyaml yaml-rs      # not dependencies of privlint: only for this script
    python benchmarks/parsers.py       # 10,000 activities
    python benchmarks/parsers.py benchmarks/out/policy-1000.yaml

CPU seconds (``time.process_time``), the best of ``--repeat`` runs, garbage collector off.
A candidate could replace the reader only if it keeps the reader's contract: YAML 1.2 core
schema (``NO`` is a string), duplicate keys refused where they are, tags and aliases refused,
and the line and column of every node for the findings. The script probes the first four on
small texts; the positions are read off each library's Python API (named in ``_POSITIONS``).
A library that is not installed is left out of the table.
"""

from __future__ import annotations

import argparse
import gc
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import generate

# What each library's Python API gives of a node's place in the text (read 2026-12-05 off
# rapidyaml 0.15.2 and yaml-rs 0.1.6): rapidyaml's Tree has no location method for a node
# (``ryml.Location`` is only filled in for parse errors); yaml_rs.loads returns plain objects.
_POSITIONS = {
    "privlint's reader": "every node and key",
    "libyaml events handed to Python (PyYAML)": "every event (its marks)",
    "yaml-rs (yaml_rs.loads)": "none",
    "rapidyaml (ryml.parse_in_arena)": "none for nodes",
    "rapidyaml, tree walked from Python": "none for nodes",
}

_PROBES = {  # what the reader must refuse or keep, each as a small text
    "1.2 'NO' string": "a: NO\n",
    "duplicate key refused": "a: 1\na: 2\n",
    "alias refused": "a: &x [1]\nb: *x\n",
    "unknown tag refused": "a: !custom x\n",
}


def best(action: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.process_time()
        action()
        times.append(time.process_time() - start)
    return min(times)


def privlint_reader(text: str) -> Callable[[], Any]:
    from privlint import yaml_reader  # noqa: PLC0415

    return lambda: yaml_reader.read(text)


def libyaml_events(text: str) -> Callable[[], Any]:
    from yaml import _yaml  # noqa: PLC0415

    def run() -> None:
        parser = _yaml.CParser(text)
        while parser.get_event() is not None:
            pass

    return run


def yaml_rs_loads(text: str) -> Callable[[], Any]:
    import yaml_rs  # noqa: PLC0415

    return lambda: yaml_rs.loads(text, parse_datetime=False)


def ryml_parse(text: str) -> Callable[[], Any]:
    import ryml  # noqa: PLC0415

    encoded = text.encode("utf-8")
    return lambda: ryml.parse_in_arena(encoded)


def ryml_walk(text: str) -> Callable[[], Any]:
    """rapidyaml's tree, each node's kind, key and value read from Python: the least a reader on it does."""
    import ryml  # noqa: PLC0415

    tree = ryml.parse_in_arena(text.encode("utf-8"))

    def run() -> None:
        for node, _level in ryml.walk(tree):
            tree.is_map(node)
            if tree.has_key(node):
                bytes(tree.key(node))
            if tree.has_val(node):
                bytes(tree.val(node))

    return run


_CANDIDATES: dict[str, Callable[[str], Callable[[], Any]]] = {
    "privlint's reader": privlint_reader,
    "libyaml events handed to Python (PyYAML)": libyaml_events,
    "yaml-rs (yaml_rs.loads)": yaml_rs_loads,
    "rapidyaml (ryml.parse_in_arena)": ryml_parse,
    "rapidyaml, tree walked from Python": ryml_walk,
}


def _read_by_privlint(text: str) -> Any:
    from privlint import yaml_reader  # noqa: PLC0415

    document = yaml_reader.read(text)
    if document.problems:
        raise ValueError(document.problems[0].message)
    return document.data


def _read_by_yaml_rs(text: str) -> Any:
    import yaml_rs  # noqa: PLC0415

    return yaml_rs.loads(text, parse_datetime=False)


def _read_by_ryml(text: str) -> Any:
    import ryml  # noqa: PLC0415

    return " ".join(ryml.emit_json(ryml.parse_in_arena(text.encode("utf-8"))).split())


_READERS: dict[str, Callable[[str], Any]] = {
    "privlint's reader": _read_by_privlint,
    "yaml-rs (yaml_rs.loads)": _read_by_yaml_rs,
    "rapidyaml (ryml.parse_in_arena)": _read_by_ryml,
}


def probe(read: Callable[[str], Any], text: str) -> str:
    """What ``read`` does with ``text``: 'refused' or the value it reads."""
    try:
        return repr(read(text))
    except ImportError:
        raise
    except Exception:  # noqa: BLE001 - a parser's refusal is what is probed
        return "refused"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("policy", nargs="?", type=Path, help="a policy file (default: 10,000 activities)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; the least time counts")
    options = parser.parse_args(argv)
    path = options.policy or generate.write(10_000)
    text = path.read_text(encoding="utf-8")
    gc.disable()
    print(f"{path.name}: {path.stat().st_size / 2**20:.1f} MiB; CPU seconds (best of {options.repeat})")
    for name, prepare in _CANDIDATES.items():
        try:
            action = prepare(text)
        except ImportError:
            print(f"{name:<44} not installed")
            continue
        seconds = best(action, options.repeat)
        print(f"{name:<44} {seconds:8.3f}   positions: {_POSITIONS.get(name, '-')}")
    print()
    for name, read in _READERS.items():
        try:
            answers = "; ".join(f"{what}: {probe(read, text)}" for what, text in _PROBES.items())
        except ImportError:
            continue
        print(f"{name:<32} {answers}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
