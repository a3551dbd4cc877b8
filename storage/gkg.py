"""``newsfeed export --format gkg``: one GDELT GKG 2.1 row per article, for GKG tooling.

The file is tab-separated, UTF-8, one line per article, no header and no quoting (as GDELT's
own ``*.gkg.csv`` files), with the 27 columns of the GKG 2.1 codebook in their order
(``GKG_COLUMNS``). Sub-fields use the codebook's delimiters (``;`` between blocks, ``#``,
``,`` or ``|`` within one, ``#`` between quotations); tabs, line breaks and those delimiters
are replaced by a space inside values, so every row splits cleanly. Offsets are character
offsets into ``articles.body``. Only facts of confidence 0.5 or more are written (as in the
analyst views); the full-fact tables have the rest. Which columns stay empty, and why: README,
"GDELT GKG export".
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import duckdb

from newsfeed.extract.geocode import fips_country_code

GKG_COLUMNS = (
    "GKGRECORDID", "V2.1DATE", "V2SOURCECOLLECTIONIDENTIFIER", "V2SOURCECOMMONNAME",
    "V2DOCUMENTIDENTIFIER", "V1COUNTS", "V2.1COUNTS", "V1THEMES", "V2ENHANCEDTHEMES",
    "V1LOCATIONS", "V2ENHANCEDLOCATIONS", "V1PERSONS", "V2ENHANCEDPERSONS", "V1ORGANIZATIONS",
    "V2ENHANCEDORGANIZATIONS", "V1.5TONE", "V2.1ENHANCEDDATES", "V2GCAM", "V2.1SHARINGIMAGE",
    "V2.1RELATEDIMAGES", "V2.1SOCIALIMAGEEMBEDS", "V2.1SOCIALVIDEOEMBEDS", "V2.1QUOTATIONS",
    "V2.1ALLNAMES", "V2.1AMOUNTS", "V2.1TRANSLATIONINFO", "V2EXTRASXML",
)
WEB_COLLECTION = 1  # V2SOURCECOLLECTIONIDENTIFIER: the document identifier is a web URL
# quantities.category -> GKG count type; GDELT has none for missing, population, money, ...
COUNT_TYPES = {"killed": "KILL", "wounded": "WOUND", "arrested": "ARREST",
               "displaced": "AFFECT"}
# dates.granularity -> GKG date resolution (4 day, 2 month and year, 1 year); others left out
DATE_RESOLUTIONS = {"day": 4, "month": 2, "year": 1}
CONFIDENT = 0.5
BATCH_ROWS = 1000
_DELIMITERS = "\t\r\n;#,|"
_SPACES = re.compile(r"\s+")

GKG_SQL = f"""
WITH ok_entities AS (
    SELECT article_id, entity_index, name, label FROM entities
    WHERE coalesce(confidence, 1) >= {CONFIDENT}
), names AS (
    SELECT m.article_id,
           list({{'name': e.name, 'label': e.label, 'offset': m.char_start}}
                ORDER BY m.char_start, e.entity_index) AS names
    FROM entity_mentions AS m JOIN ok_entities AS e USING (article_id, entity_index)
    GROUP BY m.article_id
), places AS (  -- each mention of a place entity, with its gazetteer entry when geocoded
    SELECT m.article_id,
           list({{'name': e.name, 'offset': m.char_start, 'feature_class': l.feature_class,
                  'entry': l.name, 'admin1_name': l.admin1_name,
                  'country_name': l.country_name, 'country_code': l.country_code,
                  'admin1_code': l.admin1_code, 'latitude': l.latitude,
                  'longitude': l.longitude, 'geonames_id': l.geonames_id}}
                ORDER BY m.char_start, e.entity_index) AS places
    FROM entity_mentions AS m JOIN ok_entities AS e USING (article_id, entity_index)
    LEFT JOIN locations AS l
           ON l.article_id = e.article_id AND l.entity_index = e.entity_index
          AND coalesce(l.confidence, 1) >= {CONFIDENT}
    WHERE e.label IN ('GPE', 'LOC')
    GROUP BY m.article_id
), counts AS (
    SELECT article_id,
           list({{'category': category, 'value': value, 'counted': counted, 'unit': unit,
                  'place': place, 'offset': char_start}} ORDER BY quantity_index) AS amounts
    FROM quantities WHERE coalesce(confidence, 1) >= {CONFIDENT}
    GROUP BY article_id
), said AS (
    SELECT article_id,
           list({{'offset': char_start, 'length': char_end - char_start, 'verb': verb,
                  'text': text}} ORDER BY quote_index) AS quotes
    FROM quotes WHERE NOT is_fragment AND coalesce(confidence, 1) >= {CONFIDENT}
    GROUP BY article_id
), dated AS (
    SELECT article_id,
           list({{'resolved': resolved, 'granularity': granularity, 'offset': char_start}}
                ORDER BY date_index) AS dates
    FROM dates WHERE resolved IS NOT NULL AND coalesce(confidence, 1) >= {CONFIDENT}
    GROUP BY article_id
)
SELECT a.article_id, coalesce(a.published_at, a.extracted_at) AS day,
       coalesce(a.final_url, a.url) AS url, a.title, a.author, a.word_count, a.tone,
       a.tone_positive, a.tone_negative, a.tone_polarity, a.image_url,
       coalesce(n.names, []) AS names, coalesce(p.places, []) AS places,
       coalesce(c.amounts, []) AS amounts,
       coalesce(s.quotes, []) AS quotes, coalesce(d.dates, []) AS dates
FROM articles AS a
LEFT JOIN names AS n USING (article_id) LEFT JOIN places AS p USING (article_id)
LEFT JOIN counts AS c USING (article_id)
LEFT JOIN said AS s USING (article_id) LEFT JOIN dated AS d USING (article_id)
WHERE $since IS NULL OR timezone('UTC', coalesce(a.published_at, a.extracted_at)) >= $since
ORDER BY day, a.article_id
"""


def gkg_rows(con: duckdb.DuckDBPyConnection,
             since: dt.date | None = None) -> Iterator[list[str]]:
    """The GKG rows of the database's articles (27 fields each), oldest first."""
    since_ts = dt.datetime(since.year, since.month, since.day) if since else None
    cursor = con.execute(GKG_SQL, {"since": since_ts})
    names = [d[0] for d in cursor.description]
    while batch := cursor.fetchmany(BATCH_ROWS):
        for values in batch:
            yield gkg_row(dict(zip(names, values, strict=True)))


def write_gkg(rows: Iterable[list[str]], path: Path, header: bool = False) -> int:
    """Write GKG rows to ``path``, tab-separated, one per line (after a line of the column
    names when ``header``: GDELT's files have none); how many rows were written."""
    count = 0
    with path.open("w", encoding="utf-8", newline="\n") as out:
        if header:
            out.write("\t".join(GKG_COLUMNS) + "\n")
        for row in rows:
            out.write("\t".join(row) + "\n")
            count += 1
    return count


def clean(value: object) -> str:
    """A value fit for a sub-field: no tab, line break or GKG delimiter, spaces collapsed."""
    text = "" if value is None else str(value)
    for char in _DELIMITERS:
        text = text.replace(char, " ")
    return _SPACES.sub(" ", text).strip()


def number(value: float | None) -> str:
    """A figure as GDELT writes it: whole numbers without a decimal point."""
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def gkg_row(a: dict[str, Any]) -> list[str]:
    """The 27 GKG fields of one article (``GKG_SQL`` row as a dict)."""
    stamp = a["day"].astimezone(dt.UTC).strftime("%Y%m%d%H%M%S")
    persons = [n for n in a["names"] if n["label"] == "PERSON"]
    orgs = [n for n in a["names"] if n["label"] == "ORG"]
    counts = [q for q in a["amounts"] if q["category"] in COUNT_TYPES]
    fields = {
        "GKGRECORDID": f"{stamp}-{a['article_id']}",
        "V2.1DATE": stamp,
        "V2SOURCECOLLECTIONIDENTIFIER": str(WEB_COLLECTION),
        "V2SOURCECOMMONNAME": source_name(a["url"]),
        "V2DOCUMENTIDENTIFIER": clean_url(a["url"]),
        "V1COUNTS": ";".join(_count(q) for q in counts),
        "V2.1COUNTS": ";".join(f"{_count(q)}#{q['offset']}" for q in counts),
        "V1LOCATIONS": ";".join(_distinct(loc[:-1] for loc in place_locations(a["places"]))),
        "V2ENHANCEDLOCATIONS": ";".join(
            "#".join(loc[:4] + ["", *loc[4:]]) for loc in place_locations(a["places"])),
        "V1PERSONS": ";".join(_distinct(clean(n["name"]) for n in persons)),
        "V2ENHANCEDPERSONS": ";".join(f"{clean(n['name'])},{n['offset']}" for n in persons),
        "V1ORGANIZATIONS": ";".join(_distinct(clean(n["name"]) for n in orgs)),
        "V2ENHANCEDORGANIZATIONS": ";".join(f"{clean(n['name'])},{n['offset']}" for n in orgs),
        "V1.5TONE": tone_block(a),
        "V2.1ENHANCEDDATES": ";".join(_date(d) for d in a["dates"]
                                      if d["granularity"] in DATE_RESOLUTIONS),
        "V2GCAM": f"wc:{a['word_count']}",
        "V2.1SHARINGIMAGE": clean_url(a["image_url"]),
        "V2.1QUOTATIONS": "#".join(
            f"{q['offset']}|{q['length']}|{clean(q['verb'])}|{clean(q['text'])}"
            for q in a["quotes"]),
        "V2.1ALLNAMES": ";".join(f"{clean(n['name'])},{n['offset']}" for n in a["names"]),
        "V2.1AMOUNTS": ";".join(
            f"{number(q['value'])},{clean(q['counted'] or q['unit'])},{q['offset']}"
            for q in a["amounts"]),
        "V2EXTRASXML": extras_xml(a["title"], a["author"]),
    }
    return [fields.get(column, "") for column in GKG_COLUMNS]


def place_locations(places: list[dict[str, Any]]) -> list[list[str]]:
    """V2ENHANCEDLOCATIONS blocks without ADM2: type, full name, country, ADM1, latitude,
    longitude, feature id, offset (one per mention of a place entity, ``places`` of GKG_SQL).

    Geocoded places (the ``locations`` table) get GKG's type (1 country, 2 US state, 3 US
    city, 4 world city, 5 world state), a "city, region, country" name, the FIPS 10-4 country
    code GDELT uses, FIPS country + first-level code as ADM1, the point and the GeoNames id
    (GDELT's own feature ids are GNS/GNIS ones); the others, and continents, their name only.
    """
    return [_place_location(p) for p in places]


def _place_location(p: dict[str, Any]) -> list[str]:
    kind = _LOCATION_TYPES.get((p["feature_class"], p["country_code"] == "US")
                               if p["feature_class"] != "country" else ("country", False))
    if kind is None:
        return ["", clean(p["name"]), "", "", "", "", "", str(p["offset"])]
    fips = fips_country_code(p["country_code"] or "") or ""
    parts = [p["entry"]] if kind == 1 else [p["entry"], p["admin1_name"], p["country_name"]]
    full_name = ", ".join(dict.fromkeys(clean(part) for part in parts if part))
    adm1 = fips + (p["admin1_code"] or "") if kind != 1 and p["admin1_code"] else fips
    return [str(kind), full_name, fips, adm1, _coordinate(p["latitude"]),
            _coordinate(p["longitude"]), str(p["geonames_id"] or ""), str(p["offset"])]


_LOCATION_TYPES = {("country", False): 1, ("region", True): 2, ("city", True): 3,
                   ("city", False): 4, ("region", False): 5}


def _coordinate(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}"


def tone_block(a: dict[str, Any]) -> str:
    """V1.5TONE: tone, positive, negative, polarity, activity and self/group reference
    densities (not measured: empty), word count; empty when the tone was not measured."""
    if a["tone"] is None:
        return ""
    values = [a["tone"], a["tone_positive"], a["tone_negative"], a["tone_polarity"]]
    return ",".join([*(f"{v + 0.0:.4f}".rstrip("0").rstrip(".") for v in values), "", "",
                     str(a["word_count"])])


def source_name(url: str | None) -> str:
    """V2SOURCECOMMONNAME: the host of the URL without ``www.`` (GDELT's domain names)."""
    from urllib.parse import urlsplit

    try:
        host = urlsplit(url or "").hostname or ""
    except ValueError:
        return ""
    return clean(host.removeprefix("www."))


def clean_url(url: str | None) -> str:
    """A URL with no whitespace (GDELT fields hold URLs as they are)."""
    return "".join((url or "").split())


def extras_xml(title: str | None, author: str | None) -> str:
    """V2EXTRASXML: the page title and authors, as GDELT writes them."""
    parts = []
    if title:
        parts.append(f"<PAGE_TITLE>{escape(_SPACES.sub(' ', title).strip())}</PAGE_TITLE>")
    if author:
        parts.append(f"<PAGE_AUTHORS>{escape(_SPACES.sub(' ', author).strip())}</PAGE_AUTHORS>")
    return "".join(parts)


def _count(q: dict[str, Any]) -> str:
    """A V1COUNTS block: type, number, object, then the location fields (place name only)."""
    place = clean(q["place"])
    return "#".join([COUNT_TYPES[q["category"]], number(q["value"]), clean(q["counted"]),
                     "", place, "", "", "", "", ""])


def _date(d: dict[str, Any]) -> str:
    """A V2.1ENHANCEDDATES block: resolution, month, day, year, offset."""
    resolution = DATE_RESOLUTIONS[d["granularity"]]
    day: dt.date = d["resolved"]
    month = day.month if resolution >= 2 else 0
    return f"{resolution}#{month}#{day.day if resolution == 4 else 0}#{day.year}#{d['offset']}"


def _distinct(values: Iterable[Any]) -> list[Any]:
    """Values in first-seen order, each once (lists compared as tuples)."""
    seen: dict[Any, Any] = {}
    for value in values:
        seen.setdefault(tuple(value) if isinstance(value, list) else value, value)
    return ["#".join(v) if isinstance(v, list) else v for v in seen.values()]
