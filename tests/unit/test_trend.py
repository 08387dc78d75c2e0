"""The trend line a key result's check-ins draw on its card."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from mkdocs_okr.model import CheckIn, KeyResult
from mkdocs_okr.show.trend import HEIGHT, WIDTH, confidence, key_result_trend, points, trend

pytestmark = pytest.mark.unit

POINTS = [("2026-01-05", 81.0), ("2026-01-19", 84.0), ("2026-02-02", 85.0)]
SVG = "{http://www.w3.org/2000/svg}"


def parsed(svg: str) -> ET.Element:
    return ET.fromstring(svg.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1))


def test_one_point_draws_no_line() -> None:
    assert trend(POINTS[:1], 90) == "" and trend([], None) == ""


def test_the_line_runs_by_date_inside_its_box_and_the_target_is_drawn_above_it() -> None:
    svg = parsed(trend(POINTS, 90, "%"))
    xs, ys = zip(*(map(float, p.split(",")) for p in svg.find(f"{SVG}polyline").get("points").split()))
    assert all(0 <= x <= WIDTH for x in xs) and all(0 <= y <= HEIGHT for y in ys)
    assert xs[0] < xs[1] < xs[2] and xs[1] - xs[0] == pytest.approx(xs[2] - xs[1])  # two weeks apart, twice
    assert ys[0] > ys[1] > ys[2]  # rising values climb: SVG's y grows downwards
    target = svg.find(f"{SVG}line")
    assert float(target.get("y1")) < min(ys) and len(svg.findall(f"{SVG}circle")) == 3


def test_its_numbers_are_in_words_for_a_screen_reader_and_a_hover() -> None:
    svg = trend(POINTS, 90, "%")
    words = "Check-ins: 81% on 2026-01-05, 84% on 2026-01-19, 85% on 2026-02-02; target 90%"
    assert f'role="img" aria-label="{words}"' in svg and f"<title>{words}</title>" in svg
    assert "days on" in trend([("2026-01-05", 3), ("2026-02-05", 2)], 1, "days")


def test_it_is_drawn_in_the_texts_colour_and_the_same_every_time() -> None:
    svg = trend(POINTS, None)
    assert not re.search(r"#[0-9a-fA-F]{3,6}|rgb\(", svg)  # colours come from the stylesheet: currentColor
    assert "<line" not in svg and svg == trend(list(POINTS), None)


def test_a_flat_line_and_a_note_with_markup_are_safe() -> None:
    svg = trend([("2026-01-05", 5), ("2026-01-05", 5)], None, '<b onmouseover="x">')
    parsed(svg)  # well-formed: the unit is escaped
    assert "<b " not in svg


def key_result(confidence_now: float | None, *checkins: CheckIn) -> KeyResult:
    return KeyResult(
        "KR1",
        "Raise renewals",
        "/okr/objectives/0/key_results/0",
        9,
        11,
        target=90,
        unit="%",
        confidence=confidence_now,
        checkins=list(checkins),
    )


def test_the_card_draws_the_check_ins_that_carry_a_value() -> None:
    kr = key_result(None, CheckIn("2026-01-05", 81), CheckIn("2026-01-12", confidence=6), CheckIn("2026-01-19", 84))
    assert points(kr) == [("2026-01-05", 81), ("2026-01-19", 84)]
    assert key_result_trend(kr) == trend(points(kr), 90, "%") != ""
    assert key_result_trend(key_result(None, CheckIn("2026-01-05", 81))) == ""


@pytest.mark.parametrize(
    ("now", "checkins", "shown"),
    [
        (None, (), None),
        (None, (CheckIn("2026-01-05", 81, 7), CheckIn("2026-01-19", 84)), (7, "2026-01-05")),  # the latest given
        (4, (CheckIn("2026-01-05", 81, 7), CheckIn("2026-01-19", 84, 4)), (4, "2026-01-19")),  # the page's, dated
        (5, (CheckIn("2026-01-05", 81, 7),), (5, None)),  # written since the last check-in: no date to give
    ],
)
def test_the_latest_confidence_is_the_pages_dated_by_the_check_in_that_gave_it(
    now: float | None, checkins: tuple[CheckIn, ...], shown: tuple[float, str | None] | None
) -> None:
    assert confidence(key_result(now, *checkins)) == shown
