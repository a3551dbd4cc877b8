"""Extraction quality on the hand-annotated evaluation set (tests/eval)."""

import json
from pathlib import Path

import pytest

from newsfeed.evaluate import evaluate, format_report

EVAL_DIR = Path(__file__).parent / "eval"
TARGETS = {"entities": (0.85, 0.8), "quantities": (0.9, 0.8), "quotes": (0.9, 0.8)}


@pytest.fixture(scope="module")
def result() -> dict:
    return evaluate(EVAL_DIR)


def test_eval_set_is_complete() -> None:
    annotations = sorted(EVAL_DIR.glob("*.json"))
    assert len(annotations) >= 6
    for path in annotations:
        data = json.loads(path.read_text(encoding="utf-8"))
        assert (EVAL_DIR / data["article"]).exists()
        assert {"entities", "quantities", "quotes"} <= data.keys()


@pytest.mark.parametrize("kind", sorted(TARGETS))
def test_targets(result: dict, kind: str) -> None:
    precision, recall = TARGETS[kind]
    score = result["scores"][kind]
    assert score["precision"] >= precision, format_report(result, details=True)
    assert score["recall"] >= recall, format_report(result, details=True)


def test_report_lists_every_type(result: dict) -> None:
    report = format_report(result)
    for kind in TARGETS:
        assert kind in report
