"""How far a key result has come: from its baseline toward its target, whichever way the target lies."""

from __future__ import annotations


def fraction(baseline: float | None, target: float | None, current: float | None) -> float | None:
    """0.0 at the baseline, 1.0 at the target or beyond it; None without all three numbers.

    "Cut the time to publish from 3 days to 1" at 2 days is 0.5: the target may lie below the
    baseline. A current value past the target is complete (1.0), not 130 %; one that moved the
    wrong way is 0.0.
    """
    if baseline is None or target is None or current is None:
        return None
    if target == baseline:
        return 1.0 if (current >= target if target >= 0 else current <= target) else 0.0
    share = (current - baseline) / (target - baseline)
    return min(1.0, max(0.0, share))
