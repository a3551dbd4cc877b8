"""`newsfeed export --format gkg`: one GDELT GKG 2.1 row per article, read back with csv."""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

import pytest
from demo_db import build_demo_db
from typer.testing import CliRunner

from newsfeed.cli import app
from newsfeed.storage.export import ExportError, export
from newsfeed.storage.gkg import GKG_COLUMNS, clean, gkg_row
from newsfeed.storage.readonly import open_read_only

COLUMN = {name: i for i, name in enumerate(GKG_COLUMNS)}


@pytest.fixture(scope="module")
def db(prefect_harness, tmp_path_factory) -> Path:
    return build_demo_db(tmp_path_factory)


@pytest.fixture(scope="module")
def exported(db, tmp_path_factory) -> tuple[list[list[str]], int]:
    out = tmp_path_factory.mktemp("gkg") / "demo.gkg.csv"
    with open_read_only(db, lock_down=False) as con:
        (written,) = export(con, out, "gkg")
        articles = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert written.path == out and written.rows == articles > 0
    with out.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    return rows, articles


def column(rows: list[list[str]], name: str) -> list[str]:
    return [row[COLUMN[name]] for row in rows]


def test_every_row_has_the_27_columns_of_gkg_2_1(exported) -> None:
    rows, articles = exported
    assert len(GKG_COLUMNS) == 27 and GKG_COLUMNS[15] == "V1.5TONE"
    assert len(rows) == articles
    assert all(len(row) == 27 for row in rows)
    assert not any(row[0] == "GKGRECORDID" for row in rows)  # no header, as GDELT's files


def test_ids_dates_sources_and_urls(exported) -> None:
    rows, _ = exported
    ids = column(rows, "GKGRECORDID")
    assert len(set(ids)) == len(ids)
    for row in rows:
        assert re.fullmatch(r"\d{14}", row[COLUMN["V2.1DATE"]])
        assert row[COLUMN["GKGRECORDID"]].startswith(row[COLUMN["V2.1DATE"]] + "-")
        assert row[COLUMN["V2SOURCECOLLECTIONIDENTIFIER"]] == "1"
        assert row[COLUMN["V2DOCUMENTIDENTIFIER"]].startswith("http://127.0.0.1")
        assert row[COLUMN["V2SOURCECOMMONNAME"]] == "127.0.0.1"


def test_tone_block_parses_and_is_in_range(exported) -> None:
    rows, _ = exported
    blocks = [b for b in column(rows, "V1.5TONE") if b]
    assert blocks
    for block in blocks:
        parts = block.split(",")
        assert len(parts) == 7 and parts[4] == parts[5] == ""
        tone, positive, negative, polarity = map(float, parts[:4])
        assert -100 <= tone <= 100 and 0 <= positive <= 100 and 0 <= negative <= 100
        assert tone == pytest.approx(positive - negative, abs=1e-3)
        assert polarity == pytest.approx(positive + negative, abs=1e-3)
        assert int(parts[6]) > 0


def test_names_with_offsets_and_locations(exported) -> None:
    rows, _ = exported
    for name in ("V2ENHANCEDPERSONS", "V2ENHANCEDORGANIZATIONS", "V2.1ALLNAMES"):
        blocks = [b for cell in column(rows, name) if cell for b in cell.split(";")]
        assert blocks, name
        for block in blocks:
            entity, offset = block.split(",")
            assert entity and int(offset) >= 0
    persons = {p for cell in column(rows, "V1PERSONS") if cell for p in cell.split(";")}
    assert persons
    locations = [b for cell in column(rows, "V2ENHANCEDLOCATIONS") if cell
                 for b in cell.split(";")]
    assert locations
    for block in locations:
        fields = block.split("#")
        assert len(fields) == 9 and fields[1] and int(fields[8]) >= 0
    oslo = [b.split("#") for b in locations if b.startswith("4#Oslo")]  # geocoded in the demo
    assert oslo and all(f[2] == "NO" and float(f[5]) > 59 and int(f[7]) > 0 for f in oslo)
    for cell in column(rows, "V1LOCATIONS"):
        assert all(len(b.split("#")) == 7 for b in cell.split(";") if cell)


def test_counts_amounts_quotes_dates_and_images_parse(exported) -> None:
    rows, _ = exported
    counts = [b for cell in column(rows, "V2.1COUNTS") if cell for b in cell.split(";")]
    assert counts
    for block in counts:
        fields = block.split("#")
        assert len(fields) == 11 and fields[0] in {"KILL", "WOUND", "ARREST", "AFFECT"}
        assert float(fields[1]) >= 0 and int(fields[10]) >= 0
    amounts = [b for cell in column(rows, "V2.1AMOUNTS") if cell for b in cell.split(";")]
    assert amounts
    for block in amounts:
        value, _, offset = block.split(",")
        float(value), int(offset)
    quotes = [b for cell in column(rows, "V2.1QUOTATIONS") if cell for b in cell.split("#")]
    assert quotes
    for block in quotes:
        offset, length, _, text = block.split("|")
        assert int(offset) >= 0 and int(length) > 0 and text
    dates = [b for cell in column(rows, "V2.1ENHANCEDDATES") if cell for b in cell.split(";")]
    assert dates
    for block in dates:
        resolution, month, day, year, offset = map(int, block.split("#"))
        assert resolution in (1, 2, 4) and 0 < year < 10000 and offset >= 0
        assert (resolution == 4) == (day > 0)
    images = [c for c in column(rows, "V2.1SHARINGIMAGE") if c]
    assert images and all(i.startswith("http://127.0.0.1") for i in images)
    assert all(c.startswith("wc:") for c in column(rows, "V2GCAM"))
    assert any("<PAGE_TITLE>" in c for c in column(rows, "V2EXTRASXML"))
    for empty in ("V1THEMES", "V2ENHANCEDTHEMES", "V2.1RELATEDIMAGES",
                  "V2.1SOCIALIMAGEEMBEDS", "V2.1SOCIALVIDEOEMBEDS", "V2.1TRANSLATIONINFO"):
        assert set(column(rows, empty)) == {""}, empty


NOT_GEOCODED = dict.fromkeys(("feature_class", "entry", "admin1_name", "country_name",
                              "country_code", "admin1_code", "latitude", "longitude",
                              "geonames_id"))
LYON = {"feature_class": "city", "entry": "Lyon", "admin1_name": "Auvergne-Rhone-Alpes",
        "country_name": "France", "country_code": "FR", "admin1_code": "84",
        "latitude": 45.74846, "longitude": 4.84671, "geonames_id": 2996944}


def test_delimiters_inside_values_never_break_a_row() -> None:
    assert clean("a;b#c,d|e\tf\ng") == "a b c d e f g"
    row = gkg_row({
        "article_id": "abc", "day": dt.datetime(2026, 11, 17, 8, 30, tzinfo=dt.UTC),
        "url": "https://www.example.org/a", "title": "A\ttitle <b>", "author": None,
        "word_count": 10, "tone": -2.5, "tone_positive": 1.0, "tone_negative": 3.5,
        "tone_polarity": 4.5, "image_url": None,
        "names": [{"name": "Smith; Jones#2", "label": "PERSON", "offset": 3}],
        "places": [{"name": "Sake", "offset": 40, **NOT_GEOCODED},
                   {"name": "Lyon", "offset": 50, **LYON}],
        "amounts": [], "dates": [],
        "quotes": [{"offset": 5, "length": 9, "verb": "said", "text": 'a|b#c\n"d"'}],
    })
    assert len(row) == 27 and not any(c in cell for cell in row for c in "\t\n")
    assert row[COLUMN["V2SOURCECOMMONNAME"]] == "example.org"
    assert row[COLUMN["V2ENHANCEDPERSONS"]] == "Smith Jones 2,3"
    assert row[COLUMN["V1LOCATIONS"]] == (
        "#Sake#####;4#Lyon, Auvergne-Rhone-Alpes, France#FR#FR84#45.7485#4.8467#2996944")
    assert row[COLUMN["V2ENHANCEDLOCATIONS"]] == (
        "#Sake#######40;4#Lyon, Auvergne-Rhone-Alpes, France#FR#FR84##45.7485#4.8467#2996944#50")
    assert row[COLUMN["V2.1QUOTATIONS"]] == '5|9|said|a b c "d"'
    assert row[COLUMN["V1.5TONE"]] == "-2.5,1,3.5,4.5,,,10"
    assert row[COLUMN["V2EXTRASXML"]] == "<PAGE_TITLE>A title &lt;b&gt;</PAGE_TITLE>"


def test_gkg_export_command_and_its_errors(db, tmp_path) -> None:
    runner = CliRunner()
    out = tmp_path / "news.gkg.csv"
    args = ["export", "--format", "gkg", "--out", str(out), "--db", str(db)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "gkg" in result.output and out.is_file()
    again = runner.invoke(app, args)
    assert again.exit_code == 1 and "--overwrite" in again.output
    assert runner.invoke(app, [*args, "--overwrite"]).exit_code == 0
    headed = runner.invoke(app, [*args, "--overwrite", "--header"])
    assert headed.exit_code == 0
    first, *rest = out.read_text(encoding="utf-8").splitlines()
    assert first.split("\t") == list(GKG_COLUMNS) and rest
    later = runner.invoke(app, [*args, "--overwrite", "--since", "2100-01-01"])
    assert later.exit_code == 0 and out.read_text(encoding="utf-8") == ""
    with open_read_only(db, lock_down=False) as con, pytest.raises(ExportError):
        export(con, tmp_path, "gkg")  # a directory is not a file name
