"""Geocoding precision on the place names of the open dev sets (../shared/devsets).

The gold (tests/geocoding_gold.tsv, made by hand: see the README, "Geocoding") gives, for
each distinct place name of each document, the GeoNames id (ISO code for a country or a
region GeoNames lacks here) it stands for, or "-" when it should stay unresolved. The dev
texts go through ``newsfeed extract``; every GPE/LOC entity is judged:

- precision: resolved names whose entry is the gold's / resolved names judged;
- coverage (recall): gold names with an entry that were resolved to it / all of them
  (a name the entity extractor missed counts as missed);
- unjudged: predicted names the gold does not list (the entity extractor changed).

Deterministic figures, so the floors are regression tests. Skipped when ../shared is absent.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pycountry
import pytest

from newsfeed.local import extract_files

DEVSETS = Path(__file__).resolve().parents[2] / "shared" / "devsets"
GOLD = Path(__file__).with_name("geocoding_gold.tsv")
SETS = ("gum_news", "gum_interview")
PRECISION_FLOOR = 0.98
COVERAGE_FLOOR = 0.90
MAX_UNJUDGED = 10


def read_gold() -> dict[tuple[str, str], set[str]]:
    """(doc, name) → the accepted entries ({"-"} when it should stay unresolved)."""
    lines = [line for line in GOLD.read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    return {(row["doc"], row["name"]): set(row["expected"].split("|"))
            for row in csv.DictReader(lines, delimiter="\t")}


def entry_key(location: dict) -> str:
    """The gold's spelling of a resolved entry: ISO code of a country, GeoNames id, else the
    ISO 3166-2 code of the region."""
    if location["feature_class"] == "country":
        return location["country_code"]
    if location["geonames_id"] is not None:
        return str(location["geonames_id"])
    for sub in pycountry.subdivisions.get(country_code=location["country_code"]) or []:
        if sub.name.startswith(location["name"]):
            return sub.code
    return f"?{location['name']}"


def judge(results: list[dict], gold: dict[tuple[str, str], set[str]]) -> dict:
    """Counts of right, wrong and missed resolutions over the extractor's place names."""
    counts: Counter = Counter()
    errors, found = [], set()
    for result in results:
        doc = Path(result["path"]).stem
        by_entity = {loc["entity_index"]: loc for loc in result["locations"]}
        for index, entity in enumerate(result["entities"]):
            if entity["label"] not in ("GPE", "LOC"):
                continue
            expected = gold.get((doc, entity["name"]))
            location = by_entity.get(index)
            if expected is None:
                counts["unjudged"] += 1
                errors.append(f"unjudged {doc}: {entity['name']}")
                continue
            key = entry_key(location) if location else None
            if key is not None:
                counts["resolved"] += 1
                counts["right"] += key in expected
                if key not in expected:
                    errors.append(f"wrong {doc}: {entity['name']} -> {key} ({location['name']})"
                                  f", expected {'|'.join(sorted(expected))}")
            if key in expected:
                found.add((doc, entity["name"]))
    docs = {Path(r["path"]).stem for r in results}
    resolvable = {k for k, v in gold.items() if k[0] in docs and v != {"-"}}
    counts["resolvable"] = len(resolvable)
    counts["covered"] = len(resolvable & found)
    return {"counts": counts, "errors": errors,
            "precision": counts["right"] / max(counts["resolved"], 1),
            "coverage": counts["covered"] / max(counts["resolvable"], 1)}


@pytest.fixture(scope="module")
def figures() -> dict:
    folders = [DEVSETS / name / "texts" for name in SETS]
    if not all(folder.is_dir() for folder in folders):
        pytest.skip(f"dev sets not found under {DEVSETS}")
    paths = sorted(p for folder in folders for p in folder.glob("*.txt"))
    return judge(extract_files(paths), read_gold())


def test_geocoding_precision_and_coverage_on_the_dev_sets(figures):
    counts = figures["counts"]
    print(f"\ngeocoding: precision {figures['precision']:.3f} ({counts['right']}/"
          f"{counts['resolved']}), coverage {figures['coverage']:.3f} ({counts['covered']}/"
          f"{counts['resolvable']}), unjudged {counts['unjudged']}")
    print("\n".join(figures["errors"]))
    assert figures["precision"] >= PRECISION_FLOOR, figures["errors"]
    assert figures["coverage"] >= COVERAGE_FLOOR, figures["errors"]
    assert counts["unjudged"] <= MAX_UNJUDGED, figures["errors"]


def test_the_gold_lists_each_name_once_with_a_known_kind_of_entry():
    rows = [line.split("\t") for line in GOLD.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")][1:]
    assert len({(r[0], r[1]) for r in rows}) == len(rows)
    for doc, _name, expected, _note in rows:
        assert doc.startswith(("news_", "interview_"))
        for value in expected.split("|"):
            assert value == "-" or value.isdigit() or pycountry.countries.get(
                alpha_2=value) or pycountry.subdivisions.get(code=value), value
