"""The `health` rule: each health metric of a page stays within its band."""

from __future__ import annotations

from ..model import OKR, Finding, Positions
from .direction import as_written


def health(okr: OKR, positions: Positions) -> list[Finding]:
    """A `health` finding for each metric outside its band, and for a band whose ends are swapped."""
    findings = []
    for metric in okr.health:
        name = f'health "{metric.name}"'
        if metric.least is not None and metric.most is not None and metric.least > metric.most:
            message = f"{name}: min {as_written(metric.least)} is above max {as_written(metric.most)}; swap them"
            findings.append(Finding("health", positions.position(f"{metric.pointer}/min"), message, metric.pointer))
        elif metric.status != "within":
            end, bound = ("min", metric.least) if metric.status == "below" else ("max", metric.most)
            message = (
                f"{name}: {as_written(metric.value)} is {metric.status} its {end} of {as_written(bound)}; bring it back "
                "within its band before pushing the key results further"
            )
            findings.append(Finding("health", positions.position(f"{metric.pointer}/value"), message, metric.pointer))
    return findings
