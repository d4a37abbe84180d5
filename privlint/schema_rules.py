"""SCH — schema: the policy has the shape of the policy model.

Applied by the engine after reading and before the compliance checks: the checks run
only on a policy whose shape is valid, so a shape error is fixed first. For the same
reason SCH001 can neither be waived nor recorded in a baseline, and no selection hides
it: while the shape is wrong nothing else was checked, and the gate fails.
"""

from __future__ import annotations

from privlint.rules import ERROR, Stage, describe

schema_violation = describe(
    "SCH001",
    "schema-violation",
    stage=Stage.SCHEMA,
    severity=ERROR,
    articles=("GDPR 5(2)", "GDPR 30"),
    hint="correct the key or value named in the message (`privlint schema` prints the model)",
    doc="""A key or value does not fit the policy model.

    The model says which sections and keys exist, which values a key may take (for
    example the six legal bases of GDPR article 6(1)) and how ids are written. The
    message names the key, what was found and what is allowed.

    Fails::

        processing_activities:
          - id: invoicing
            legal_basis: contrct

    Passes::

        processing_activities:
          - id: invoicing
            legal_basis: contract
    """,
)
