"""The dataclasses that extraction returns: plain values, no I/O.

Every fact carries where it came from in the cleaned body: the sentence index,
the character span (``start``/``end``, offsets into the cleaned body) and the
sentence text (built by ``extract.location``), and a ``confidence`` between 0 and 1:
how strong the evidence of the rule that found it is (``CONFIDENT`` and above is what
the analyst views use).  ``storage`` turns these into rows; ``newsfeed extract`` into JSON.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime

# Facts at or above this confidence are the ones the analyst views count (storage views).
CONFIDENT = 0.5


@dataclass(frozen=True)
class Article:
    """What body extraction found on one page (or in one feed entry)."""

    body: str
    title: str | None = None
    author: str | None = None
    published: datetime | None = None
    site_name: str | None = None
    language: str | None = None
    facts: Facts | None = None  # set by newsfeed.extract(); None when facts were not extracted
    image_url: str | None = None  # the lead (sharing) image the page declares: og:image, ...
    image_caption: str | None = None  # its og:image:alt, else the figcaption of its figure
    canonical_url: str | None = None  # <link rel="canonical">, absolute http(s)


@dataclass(frozen=True)
class Mention:
    """One place in the body where an entity is named."""

    text: str
    sentence_index: int
    start: int
    end: int


@dataclass(frozen=True)
class Entity:
    """A person, organisation, place or group, one per canonical name per article."""

    name: str
    label: str  # PERSON, ORG, GPE, LOC, NORP, ...
    sentence_index: int  # of the first mention
    start: int
    end: int
    sentence: str
    mentions: list[Mention] = field(default_factory=list)
    confidence: float = 1.0  # of the label (and of being a name at all)

    @property
    def mention_count(self) -> int:
        return len(self.mentions)


@dataclass(frozen=True)
class Quantity:
    """A number with what it counts: "more than 80,000 people killed"."""

    text: str  # as written: "more than 80,000 people"
    value: float
    sentence_index: int
    start: int
    end: int
    sentence: str
    unit: str | None = None  # "USD", "%", "fraction", "km", "year" (durations), ...
    approximate: bool = False  # "hundreds", "dozens"
    qualifier: str | None = None  # normalised: "more than", "up to", "about", "estimated", ...
    counted: str | None = None  # the noun: "people", "villages"
    # killed, wounded, displaced, arrested, missing, population, distance, money, percentage
    category: str | None = None
    place: str | None = None
    source: str | None = None  # "the UN"
    value_max: float | None = None  # upper bound of a range: "between 10 and 20" → 10, 20
    confidence: float = 1.0  # of the value with its category, place and source


@dataclass(frozen=True)
class Quote:
    """A direct quotation and who said it."""

    text: str  # inside the quotation marks
    sentence_index: int
    start: int
    end: int
    sentence: str
    speaker: str | None = None
    speaker_role: str | None = None  # "ICRC spokeswoman"
    verb: str | None = None  # "told", "said"
    is_fragment: bool = False  # not speech: scare quote ("terrorists"), title, name, slogan
    confidence: float = 1.0  # of the speaker (of the quote itself when it has none)
    tone: float | None = None  # VADER compound of the quoted words, -1..1 (extract.tone)


@dataclass(frozen=True)
class DateMention:
    """A date in the text, resolved against the article's publication date."""

    text: str  # "on Tuesday", "in July", "last year"
    sentence_index: int
    start: int
    end: int
    sentence: str
    resolved: date | None = None
    granularity: str | None = None  # day, week, weekend, month, season, year, decade, century
    confidence: float = 1.0  # of the resolved date


@dataclass(frozen=True)
class Location:
    """The gazetteer entry (GeoNames) a place entity resolves to (``extract.geocode``)."""

    entity_index: int  # the place entity (position in Facts.entities)
    name: str  # the entry's name: "New York City" for "New York"
    feature_class: str  # country, region (first-level: state, province), city, continent
    country_code: str | None = None  # ISO 3166-1 alpha-2
    country_name: str | None = None
    admin1_code: str | None = None  # GeoNames first-level code: "TX", "ENG", "08"
    admin1_name: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geonames_id: int | None = None
    population: int | None = None
    confidence: float = 1.0  # of the entry being the place the article means
    reason: str = ""  # the evidence that decided it: "only candidate", "comma context", ...


@dataclass(frozen=True)
class Tone:
    """GDELT-style tone of a text from VADER's lexicon (exact definitions: ``extract.tone``)."""

    tone: float  # positive - negative, -100..100
    positive: float  # % of words with a positive valence, 0..100
    negative: float  # % of words with a negative valence, 0..100
    polarity: float  # positive + negative: % of words carrying any tone, 0..100
    word_count: int  # whitespace-separated words of the text scored


@dataclass(frozen=True)
class Facts:
    """Everything fact extraction found in one article body."""

    entities: list[Entity] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    locations: list[Location] = field(default_factory=list)  # of the place entities
    extractor: str = "newsfeed"
    extractor_version: str = "0"
    tone: Tone | None = None  # of the text facts come from; None when not measured

    def as_dict(self) -> dict:
        """JSON-ready dict (dates as ISO strings)."""
        out = asdict(self)
        for d in out["dates"]:
            if d["resolved"] is not None:
                d["resolved"] = d["resolved"].isoformat()
        for e, ent in zip(out["entities"], self.entities, strict=True):
            e["mention_count"] = ent.mention_count
        return out
