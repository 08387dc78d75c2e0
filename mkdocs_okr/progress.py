"""How far a key result has come: toward its target, whichever way the target lies, within its band,
or, for a milestone or a baseline to establish, done or not."""

from __future__ import annotations

KINDS = ("metric", "milestone", "baseline")
DIRECTIONS = ("increase", "decrease", "maintain", "within")


def fraction(baseline: float | None, target: float | None, current: float | None) -> float | None:
    """0.0 at the baseline, 1.0 at the target or beyond it; None without all three numbers, or
    when baseline and target are one number (which says no way to go).

    "Cut the time to publish from 3 days to 1" at 2 days is 0.5: the target may lie below the
    baseline. A current value past the target is complete (1.0), not 130 %; one that moved the
    wrong way is 0.0.
    """
    if baseline is None or target is None or current is None or target == baseline:
        return None
    share = (current - baseline) / (target - baseline)
    return min(1.0, max(0.0, share))


def direction_of(
    declared: str | None,
    baseline: float | None,
    target: float | None,
    least: float | None,
    most: float | None,
) -> tuple[str | None, str | None]:
    """Which way a key result goes, and who says so: the page (`declared`) or, when it does not,
    its numbers (`inferred`): a target above the baseline is an increase, below it a decrease, equal
    to it maintain; without both, a band of `min` and `max` is within, one of them maintain."""
    if declared is not None:
        return declared, "declared"
    if baseline is not None and target is not None:
        way = "increase" if target > baseline else "decrease" if target < baseline else "maintain"
        return way, "inferred"
    if least is not None and most is not None:
        return "within", "inferred"
    if least is not None or most is not None:
        return "maintain", "inferred"
    return None, None


def goes(direction: str, baseline: float, target: float) -> bool:
    """Whether a target lies the way an increase or a decrease says, from the baseline."""
    return target > baseline if direction == "increase" else target < baseline


def progress(
    kind: str,
    direction: str | None,
    baseline: float | None,
    target: float | None,
    current: float | None,
    least: float | None,
    most: float | None,
    done: bool | None,
) -> float | None:
    """0.0 to 1.0, or None when the key result's numbers cannot say.

    A milestone is 1.0 when done and 0.0 until then; a baseline to establish is 1.0 once the page
    writes the `baseline` it measured. An increase or a decrease is the `fraction` of the way from
    baseline to target, and None when the target lies the other way (the `direction` rule says
    so). A key result to maintain, or to keep within a band, is 1.0 while `current` is inside its
    `min` and `max` and 0.0 outside.
    """
    if kind == "milestone":
        return 1.0 if done else 0.0
    if kind == "baseline":
        return 0.0 if baseline is None else 1.0
    if direction in ("maintain", "within"):
        if current is None or (least is None and most is None):
            return None
        inside = (least is None or current >= least) and (most is None or current <= most)
        return 1.0 if inside else 0.0
    if direction is None or baseline is None or target is None or not goes(direction, baseline, target):
        return None
    return fraction(baseline, target, current)
