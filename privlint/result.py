"""What a run found: the findings and everything a reporter needs to show them.

Light on purpose: reporters import this module, never the engine, the validators or the
rule registry (the rules a reporter shows travel on the result).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from privlint.findings import Finding, Severity

if TYPE_CHECKING:
    from privlint.loading import Source
    from privlint.model import Policy
    from privlint.rules import Rule
    from privlint.waivers import Waiver


@dataclass(slots=True)
class Result:
    findings: list[Finding] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    rules_run: int = 0
    checks_skipped: str | None = None
    policy: Policy | None = None  # the model, when the policy could be read and has a valid shape
    source: Source | None = None  # the merged data and where each node was written
    fail_on: Severity = Severity.WARNING  # the gate's threshold, for reporters that show a verdict
    rules_applied: list[str] = field(default_factory=list)  # codes of the rules that ran
    rules_not_run: list[str] = field(default_factory=list)  # selected codes skipped (see checks_skipped)
    waivers_file: str | None = None
    waivers_data: Any = None
    waivers: list[Waiver] = field(default_factory=list)
    waived_by: dict[Finding, Waiver] = field(default_factory=dict)
    baseline_file: str | None = None
    baseline_stale: int = 0  # baseline entries that matched no finding (of the rules and files that ran)
    root: str | None = None  # the project root (folder of the configuration file); None: the working directory
    whole_policy: bool = True  # the paths checked are the configured policy
    complete: bool = True  # ... and every rule ran (no select/ignore)
    rules: Mapping[str, Rule] = field(default_factory=dict)  # the catalogue, by code, for reporters
    families: Mapping[str, str] = field(default_factory=dict)  # family code -> title ("REF — integrity")

    def count(self, severity: Severity, *, blocking_only: bool = True) -> int:
        return sum(1 for f in self.findings if f.severity == severity and (f.blocking or not blocking_only))

    def fails(self, threshold: Severity) -> bool:
        """Whether any blocking finding is at or above ``threshold``, or the checks could not run.

        A run whose compliance checks were skipped checked nothing: it fails whatever the
        waivers, the baseline or ``threshold`` say.
        """
        if self.checks_skipped:
            return True
        return any(f.blocking and f.severity >= threshold for f in self.findings)

    @property
    def blocking(self) -> list[Finding]:
        return [f for f in self.findings if f.blocking]

    @property
    def waived(self) -> list[Finding]:
        return [f for f in self.findings if f.waived]

    @property
    def known(self) -> list[Finding]:
        """Findings the baseline knows (still open, but not failing the gate)."""
        return [f for f in self.findings if f.baseline]

    def data_of(self, finding: Finding) -> Any:
        """The document ``finding.pointer`` points into: the waivers file or the merged policy."""
        if self.waivers_file is not None and finding.file == self.waivers_file:
            return self.waivers_data
        return self.source.data if self.source is not None else None

    def fingerprints(self) -> list[str]:
        """Line-independent fingerprints of ``findings``, in order (see ``privlint.baseline``)."""
        from privlint import baseline  # noqa: PLC0415

        return baseline.fingerprints(self.findings, self.data_of)
