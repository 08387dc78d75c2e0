"""The classifier's fit, run afresh on every labelled set under tests/data, as it was run to make
mkdocs_okr/classify/data/model.json: the model shipped is what it gives, and the figure for domains
it never saw (the classifier itself: tests/unit/test_classify.py)."""

from __future__ import annotations

import pytest

from fixtures.sites import DATA, record_figure
from mkdocs_okr.classify import fit

pytestmark = pytest.mark.long(10)  # the fit, run afresh: started first (tests/conftest.py)


@pytest.fixture(scope="module")
def fitted() -> tuple[fit.Model, list[fit.Example], list[list[tuple[list[float], fit.Answerable]]]]:
    """The fit, run afresh on every labelled set (about ten seconds)."""
    return fit.fitted(DATA)


def test_the_shipped_model_is_what_the_fit_gives(fitted) -> None:
    """The weights and thresholds in data/model.json come from the fit, not from a hand."""
    model, _, _ = fitted
    assert fit.to_json(model) == (fit.Path(fit.__file__).parent / "data" / "model.json").read_text(encoding="utf-8")


def test_held_out_domains(fitted) -> None:
    """Each domain answered by a model fitted without it: the figure that carries over."""
    model, found, deals = fitted
    shown = fit.figures(*fit.pooled(found, deals, model.thresholds))
    record_figure(
        f"classifier, domains held out: {len(found)} key results, "
        + ", ".join(f"{k} {v:.3f}" for k, v in shown.items())
    )
    assert len({e.domain for e in found}) >= 880
    # 0.735 over 8,114 key results from 887 domains, each domain once in each of three deals into
    # folds, with false alarms held to 1.5 % (each fold fitted from nothing, L2 chosen by `--tune`);
    # 0.781 over the 4,271 from 446 domains before train_15 to train_21 came in: their writers' key
    # results are harder to read (0.59 to 0.73 at first sight), so the figure over all of them is
    # lower, and the sets never fitted on are not
    assert len(found) >= 8100
    assert shown["accuracy"] >= 0.725 and shown["false_alarms"] <= fit.MAX_FALSE_ALARMS and shown["unknown"] <= 0.125, (
        shown
    )
