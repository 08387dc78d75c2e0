"""The fitted model: a weight per feature and level, and the confidence each answer needs.

The weights and thresholds are fitted (fit.py) and stored in data/model.json; nothing here is
tuned by hand. The model gives a probability to each of the three levels; the most probable one is
the answer only when its probability reaches that level's threshold, else the answer is unknown.
"Outside your control" has the highest threshold, because a false one fails a strict build.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache

from ..datafiles import text
from ..model import Level
from .features import Features

LEVELS = (Level.CUSTOMER, Level.CUSTOMERS_USERS, Level.TEAM)
MODEL_FILE = "classify/data/model.json"
SIGNAL_KINDS = ("actor", "metric", "team-verb", "deadline", "reporter")  # every kind of signal a reading finds
TELLING = 0.1  # a word whose weight for a level is above this is evidence for it


@dataclass(frozen=True)
class Model:
    weights: dict[str, tuple[float, float, float]]
    bias: tuple[float, float, float]
    thresholds: tuple[float, float, float]

    def scores(self, x: Features) -> list[float]:
        """Each level's score: the bias and the weight of every feature present."""
        c, u, t = self.bias
        weights = self.weights
        for name, value in x.items():
            w = weights.get(name)
            if w is not None:
                c += w[0] * value
                u += w[1] * value
                t += w[2] * value
        return [c, u, t]

    def probabilities(self, x: Features) -> list[float]:
        return softmax(self.scores(x))

    def answerable(self, x: Features) -> tuple[bool, bool, bool]:
        """Which levels the key result holds evidence for: a signal of that level, or a word whose
        weight points to it. Without evidence, the model's prior alone is a guess, not a reading."""
        found = []
        for k, level in enumerate(LEVELS):
            signal = any(f"{kind}:{level.value}" in x for kind in SIGNAL_KINDS)
            found.append(signal or any(name.startswith("word:") and self.weights.get(name, (0.0, 0.0, 0.0))[k] > TELLING for name in x))
        return found[0], found[1], found[2]

    def decide(self, x: Features) -> Level:
        """The most probable level when it is confident enough and has evidence, else unknown."""
        p = self.probabilities(x)
        best = max(range(3), key=p.__getitem__)
        return LEVELS[best] if p[best] >= self.thresholds[best] and self.answerable(x)[best] else Level.UNKNOWN


def softmax(scores: list[float]) -> list[float]:
    top = max(scores)
    e = [math.exp(s - top) for s in scores]
    total = sum(e)
    return [v / total for v in e]


def from_json(data: dict) -> Model:
    weights = {name: (w[0], w[1], w[2]) for name, w in data["weights"].items()}
    return Model(weights, tuple(data["bias"]), tuple(data["thresholds"]))  # type: ignore[arg-type]  # three floats


@lru_cache(maxsize=1)
def model() -> Model:
    """The shipped model, read once."""
    return from_json(json.loads(text(MODEL_FILE)))
