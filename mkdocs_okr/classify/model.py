"""The fitted model: a weight per feature and level, and the confidence each answer needs.

The weights and thresholds are fitted (fit.py) and stored in data/model.json; nothing here is
tuned by hand. The model gives a probability to each of the three levels; the most probable one is
the answer only when its probability reaches that level's threshold, else the answer is unknown.
"Outside your control" has the highest threshold, because a false one fails a strict build.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache

from ..datafiles import text
from ..model import Level
from .features import Features

LEVELS = (Level.CUSTOMER, Level.CUSTOMERS_USERS, Level.TEAM)
MODEL_FILE = "classify/data/model.json"
SIGNAL_KINDS = ("actor", "metric", "team-verb", "deadline", "reporter")  # every kind of signal a reading finds
TELLING = 0.1  # a word whose weight for a level is above this is evidence for it
Answerable = tuple[bool, bool, bool]  # whether a key result holds evidence for each level


@dataclass(frozen=True)
class Model:
    weights: dict[str, tuple[float, float, float]]
    bias: tuple[float, float, float]
    thresholds: tuple[float, float, float]
    # each feature's weights and, as bits, the levels it is evidence for (worked out once, at load)
    table: dict[str, tuple[float, float, float, int]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        table = {
            f"{kind}:{level.value}": (0.0, 0.0, 0.0, 1 << k) for kind in SIGNAL_KINDS for k, level in enumerate(LEVELS)
        }
        for name, w in self.weights.items():
            bits = table[name][3] if name in table else 0
            if name.startswith("word:"):
                bits = sum(1 << k for k in range(3) if w[k] > TELLING)
            table[name] = (*w, bits)
        object.__setattr__(self, "table", table)

    def weigh(self, x: Features) -> tuple[list[float], Answerable]:
        """Each level's probability, and which levels the key result holds evidence for: a signal of
        that level, or a word whose weight points to it. Without evidence, the model's prior alone
        is a guess, not a reading. One pass over the features gives both."""
        c, u, t = self.bias
        table, found = self.table, 0
        for name in x:
            w = table.get(name)
            if w is not None:
                c += w[0]
                u += w[1]
                t += w[2]
                found |= w[3]
        return softmax([c, u, t]), (bool(found & 1), bool(found & 2), bool(found & 4))

    def decide(self, x: Features) -> Level:
        """The most probable level when it is confident enough and has evidence, else unknown."""
        p, can = self.weigh(x)
        best = max(range(3), key=p.__getitem__)
        return LEVELS[best] if p[best] >= self.thresholds[best] and can[best] else Level.UNKNOWN


def softmax(scores: list[float]) -> list[float]:
    top = max(scores)
    e = [math.exp(s - top) for s in scores]
    total = sum(e)
    return [v / total for v in e]


def from_json(data: dict) -> Model:
    weights = {name: (w[0], w[1], w[2]) for name, w in data["weights"].items()}
    return Model(weights, tuple(data["bias"]), tuple(data["thresholds"]))


@lru_cache(maxsize=1)
def model() -> Model:
    """The shipped model, read once."""
    return from_json(json.loads(text(MODEL_FILE)))
