"""The badge words follow one frame (after Gothelf, 2023): you control your own work, you can
influence your customers, and your customers' users are outside your control. Badge, reason,
finding and meaning of each level say the same thing about the same party."""

from __future__ import annotations

import pytest

from mkdocs_okr.levels import levels

# what each level's words must say, and what they must not (the words of another party's place)
FRAME = {
    "customer": ("influence", ["in your control", "outside your control"]),
    "customers_users": ("outside your control", ["can influence", "what you control"]),
    "team": ("in your control", ["can influence", "outside your control"]),
}


@pytest.mark.parametrize("level", FRAME)
def test_each_levels_words_place_its_party_in_one_frame(level: str) -> None:
    words = levels()[level]
    said, unsaid = FRAME[level]
    texts = {key: words[key].lower() for key in ("label", "reason", "finding", "meaning")}
    # the badge of the team's work names it as an output; its reason and meaning say it is in your control
    carriers = ["reason", "meaning"] if level == "team" else ["label", "meaning"]
    assert all(said in texts[key] for key in carriers), texts
    assert not [(key, w) for key, text in texts.items() for w in unsaid if w in text], texts


def test_the_customers_users_reason_says_why_they_are_outside_your_control() -> None:
    assert "only through your customers" in levels()["customers_users"]["reason"]
    assert "can influence" in levels()["customer"]["reason"] and "can influence" in levels()["customer"]["finding"]
