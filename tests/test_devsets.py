"""Quality floors on the open dev sets of real news (../shared/devsets, annotated by others).

The figures are deterministic (same text, same model, same code), so a floor is a
regression test, not a timing test: a change that lowers one fails here and must be
justified by the figures. Skipped when ../shared is absent (the sets are not copied here).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsfeed.devset import evaluate_devset

DEVSETS = Path(__file__).resolve().parents[2] / "shared" / "devsets"
# (figure path in score.py's JSON, floor); precision and recall each, precision first
FLOORS = {
    "gum_news": {
        ("entities_core", "p"): 0.76, ("entities_core", "r"): 0.77,
        ("quotes", "p"): 0.67, ("quotes", "r"): 0.80,
        ("speakers", "p"): 0.97, ("speakers", "r"): 0.84,
        ("dates", "p"): 0.96, ("dates", "r"): 0.92,
        ("quantities", "p"): 0.83, ("quantities", "r"): 0.98,
    },
    "gum_interview": {
        ("entities_core", "p"): 0.72, ("entities_core", "r"): 0.78,
        ("quotes", "p"): 0.59, ("quotes", "r"): 0.91,
        ("speakers", "p"): 0.95, ("speakers", "r"): 0.87,
        ("dates", "p"): 0.93, ("dates", "r"): 0.92,
        ("quantities", "p"): 0.89, ("quantities", "r"): 0.95,
    },
}
# share of the dates found that resolve to the gold's day (the text's dateline as anchor)
RESOLVED_FLOORS = {"gum_news": 0.95, "gum_interview": 0.80}


@pytest.fixture(scope="module", params=sorted(FLOORS))
def devset(request) -> tuple[str, dict]:
    folder = DEVSETS / request.param
    if not (folder / "gold.jsonl").is_file():
        pytest.skip(f"dev set not found at {folder}")
    return request.param, evaluate_devset(folder).figures


def test_devset_figures_stay_above_their_floors(devset):
    name, figures = devset
    low = {f"{kind}.{measure}": round(figures[kind][measure], 3)
           for (kind, measure), floor in FLOORS[name].items()
           if figures[kind][measure] < floor}
    assert not low, f"{name}: below the floor: {low}"


def test_dates_resolve_against_the_dateline(devset):
    name, figures = devset
    dates = figures["dates"]
    assert dates["resolved_ok"] >= RESOLVED_FLOORS[name] * dates["tp"]
