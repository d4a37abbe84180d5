"""WVR — waivers: every exception to a rule is current, explained and still needed.

A waiver (``policy/waivers.yaml``, or the file named by ``waivers`` in ``[tool.privlint]``)
lets one finding pass the gate while it stays visible in every report. Waivers are
records of decisions, so GDPR 5(2) (accountability) applies to them too: each says why
(``reason``), who decided (``owner``) and until when (``expires``). These rules are
applied by the engine after the checks, not by a check of the model. Their examples
are waiver files for ``EXAMPLE_POLICY``, whose one finding is REF001 at
``/processing_activities/0/data_items/1``.

A waiver for a rule that did not run (``--select``, ``--ignore``, or checks skipped because
the policy could not be read) is never called unused: nothing could have matched it.

A waiver cannot suppress a reading or schema error (YML001, YML002, YML003, SCH001): the
compliance checks do not run past them, so such a waiver is refused as a shape error of
the waivers file (SCH001 there) and the run fails. The warning YML004 can be waived.
"""

from __future__ import annotations

from privlint.rules import ERROR, INFO, WARNING, Stage, describe

EXAMPLE_POLICY = """\
data_items:
  - id: customer_name
processing_activities:
  - id: invoicing
    data_items: [customer_name, bank_account]
"""

_ACCOUNTABILITY = ("GDPR 5(2)",)

waiver_unused = describe(
    "WVR001",
    "waiver-unused",
    stage=Stage.WAIVERS,
    severity=WARNING,
    articles=_ACCOUNTABILITY,
    hint="remove the waiver, or correct its code, pointer or id",
    doc="""A waiver matches no finding: the problem was fixed, or the waiver points at the wrong place.

    An unused waiver is a silent exception waiting for a new problem to hide: if the
    same rule later fires at that place, nobody decides about it again. Remove waivers
    that are no longer needed. A waiver for a rule that did not run is not reported.

    Fails::

        waivers:
          - code: REF001
            pointer: /processing_activities/0/data_items/0
            reason: the bank account is declared in the supplier notice
            owner: legal@smetjet.be
            expires: 2999-12-31

    Passes::

        waivers:
          - code: REF001
            pointer: /processing_activities/0/data_items/1
            reason: the bank account is declared in the supplier notice
            owner: legal@smetjet.be
            expires: 2999-12-31
    """,
)

waiver_expired = describe(
    "WVR002",
    "waiver-expired",
    stage=Stage.WAIVERS,
    severity=ERROR,
    articles=_ACCOUNTABILITY,
    hint="fix the finding, or renew the waiver with a new decision and a later expires date",
    doc="""A waiver's ``expires`` date has passed; it no longer suppresses its finding.

    A waiver is a decision for a limited time ("we fix the retention text before the
    next release"). On the day after ``expires`` the decision must be taken again:
    the waived finding fails the gate again, and so does this reminder.

    Fails::

        waivers:
          - code: REF001
            pointer: /processing_activities/0/data_items/1
            reason: the bank account is declared in the supplier notice
            owner: legal@smetjet.be
            expires: 2000-01-01

    Passes::

        waivers:
          - code: REF001
            pointer: /processing_activities/0/data_items/1
            reason: the bank account is declared in the supplier notice
            owner: legal@smetjet.be
            expires: 2999-12-31
    """,
)

waiver_without_reason = describe(
    "WVR003",
    "waiver-without-reason",
    stage=Stage.WAIVERS,
    severity=ERROR,
    articles=_ACCOUNTABILITY,
    hint="add reason: why the finding is acceptable, in words a reviewer can check",
    doc="""A waiver gives no reason; it does not suppress its finding until it does.

    Accepting a compliance gap is a decision someone must be able to account for
    later, for example to the supervisory authority. A waiver without a reason
    documents nothing, so privlint does not honour it.

    Fails::

        waivers:
          - code: REF001
            pointer: /processing_activities/0/data_items/1
            owner: legal@smetjet.be
            expires: 2999-12-31

    Passes::

        waivers:
          - code: REF001
            pointer: /processing_activities/0/data_items/1
            reason: the bank account is declared in the supplier notice
            owner: legal@smetjet.be
            expires: 2999-12-31
    """,
)

waiver_unbound = describe(
    "WVR004",
    "waiver-unbound",
    stage=Stage.WAIVERS,
    severity=INFO,
    articles=_ACCOUNTABILITY,
    hint="add the id named in the message to the waiver, beside its pointer",
    doc="""A waiver names a list position (``pointer``) but not the id of the entry it was written for.

    A pointer such as ``/processing_activities/3/retention`` names a position: when the
    entry at position 3 is removed, the next one moves into its place, and a waiver
    without an ``id`` would silently waive that neighbour's finding. With ``id:`` beside
    the pointer the waiver is bound to its entry, and matches nothing (WVR001) once that
    entry is gone. Waivers without an id keep working; this note names the entry the
    waiver is bound to today, so that the line can be added.

    Fails::

        waivers:
          - code: REF001
            pointer: /processing_activities/0/data_items/1
            reason: the bank account is declared in the supplier notice
            owner: legal@smetjet.be
            expires: 2999-12-31

    Passes::

        waivers:
          - code: REF001
            pointer: /processing_activities/0/data_items/1
            id: invoicing
            reason: the bank account is declared in the supplier notice
            owner: legal@smetjet.be
            expires: 2999-12-31
    """,
)
