"""YML — input: the policy file can be read safely and means what it seems to mean.

These rules are applied by the loader, before the schema and the checks: a file that
cannot be read safely is reported once, at the place where reading stopped, and nothing
in it is ever executed.

The errors (YML001, YML002, YML003) stop the compliance checks, so they can neither be
waived nor recorded in a baseline, and no ``select``/``ignore`` hides them: a run that
could not read the policy fails the gate, whatever else it says. The warning YML004
leaves the policy readable and checked; it may be waived (``pointer: ""``: its findings
are about a file, not a node of the model) or recorded in a baseline like any finding.
"""

from __future__ import annotations

from privlint.rules import ERROR, WARNING, Stage, describe

_READ = ("GDPR 5(2)",)  # accountability: the record of the declaration must be reliable

yaml_syntax_error = describe(
    "YML001",
    "yaml-syntax-error",
    stage=Stage.READING,
    severity=ERROR,
    articles=_READ,
    hint="fix the YAML at the reported place",
    doc="""The file is not well-formed YAML 1.2, not UTF-8, empty, or not a mapping of sections.

    privlint reads policy files as YAML 1.2 in UTF-8. A syntax error (for example a tab
    used for indentation, or an unclosed quote) stops the reading of that file; the
    finding points at the start of what is not closed (the opening quote, the ``[`` of a
    flow list) and says where the parser noticed. The top of every file must
    be a mapping of policy sections such as ``controller:`` or ``data_items:``. The
    characters U+0085, U+2028 and U+2029 are text in YAML 1.2 (YAML 1.1 tools break
    lines at them); in the rare file that also holds every private-use character, privlint
    cannot read them as text and asks for the escape (``"\\u2028"``) instead.

    Fails::

        controller:
        \tname: Smet-Jet NV

    Passes::

        controller:
          name: Smet-Jet NV
    """,
)

yaml_duplicate_key = describe(
    "YML002",
    "yaml-duplicate-key",
    stage=Stage.READING,
    severity=ERROR,
    articles=_READ,
    hint="remove or rename one of the two keys",
    doc="""A key appears twice in one mapping, or a section is defined in two files.

    YAML readers silently keep one of two duplicate keys, so a reviewer may read a
    value that the tool never sees. Both places are named so the right one can be kept.

    Fails::

        controller:
          name: Smet-Jet NV
          name: Smet Jet

    Passes::

        controller:
          name: Smet-Jet NV
    """,
)

yaml_refused_construct = describe(
    "YML003",
    "yaml-refused-construct",
    stage=Stage.READING,
    severity=ERROR,
    articles=_READ,
    hint="write plain data: no tags, anchors, aliases or %YAML directive other than 1.2",
    doc="""The file uses a YAML feature that privlint refuses for safety.

    A policy is plain data. Custom and language tags (``!!python/object``), anchors and
    aliases (which allow "billion laughs" memory bombs), files larger than 64 MiB (or
    than ``max_file_mib`` in the configuration), nesting deeper than 64 levels, integers of
    more than 4,300 digits and a ``%YAML`` directive for any version but 1.2 are refused
    before anything is built from them.

    Fails::

        controller: !!python/object/apply:os.system ["true"]

    Passes::

        controller:
          name: Smet-Jet NV
    """,
)

yaml11_boolean = describe(
    "YML004",
    "yaml11-boolean-lookalike",
    stage=Stage.READING,
    severity=WARNING,
    articles=_READ,
    hint="quote the value",
    doc="""An unquoted value such as ``NO``, ``yes`` or ``off`` means different things to different tools.

    privlint reads YAML 1.2, where ``NO`` (Norway) is a string. Many other tools read
    YAML 1.1, where it is the boolean false. Quoting the value makes every tool agree.

    Fails::

        recipients:
          - id: hosting
            country: NO

    Passes::

        recipients:
          - id: hosting
            country: "NO"
    """,
)
