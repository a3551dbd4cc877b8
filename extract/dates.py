"""Dates: explicit and relative date expressions resolved against publication time.

Candidates are spaCy DATE entities.  Durations and ages ("more than two weeks",
"two-year-old", "five months") are not dates and are dropped.  The text keeps a
directly preceding "on"/"in"/"since" ("on Tuesday").  Weekdays resolve to the
latest such day on or before the publication date; months without a year to that
month of the publication year; everything else goes through ``dateparser`` with
``RELATIVE_BASE`` = publication time and past dates preferred.  Without a
publication time only absolute dates (with a year) are resolved.  ``resolved`` is
the first day of the period for month and year granularity.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from dateparser.date import DateDataParser
from spacy.tokens import Doc

from newsfeed.extract.location import Sentences
from newsfeed.extract.types import DateMention

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = [
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
]
_DURATION = re.compile(
    r"\b(?:year|month|week|day|hour|minute|decade|centur)[a-z]*-old\b|"
    r"^(?:more than|less than|over|nearly|almost|about|some|the past|the last|the next|"
    r"the first|the)?\s*(?:\w+\s+)?(?:years|months|weeks|days|decades|hours|minutes)\b(?!\s+ago)|"
    r"^(?:more than|less than|over|nearly|almost|about)\b|"
    r"^(?:a|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:year|month|week|day|decade)s?$",
    re.IGNORECASE,
)
_LEADING_PREPS = {"on", "in", "since", "until", "by", "from", "during"}
_PARSER_SETTINGS = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}


def _granularity(period: str | None) -> str:
    return {"year": "year", "month": "month"}.get(period or "", "day")


def resolve_date(text: str, published: datetime | None) -> tuple[date | None, str | None]:
    """Resolve one date expression; (date, granularity) or (None, None)."""
    low = text.lower().strip()
    low = re.sub(r"^(?:on|in|since|until|by|from|during|the)\s+", "", low)
    words = low.split()
    if low in WEEKDAYS:
        if published is None:
            return None, None
        back = (published.weekday() - WEEKDAYS.index(low)) % 7
        return (published - timedelta(days=back)).date(), "day"
    if words and all(w in MONTHS for w in words[:1]) and len(words) == 1:
        if published is None:
            return None, None
        return date(published.year, MONTHS.index(words[0]) + 1, 1), "month"
    has_year = bool(re.search(r"\b(1[89]|20)\d\d\b", low))
    if published is None and not has_year:
        return None, None
    if re.fullmatch(r"(1[89]|20)\d\d", low):
        return date(int(low), 1, 1), "year"
    settings = dict(_PARSER_SETTINGS)
    if published is not None:
        settings["RELATIVE_BASE"] = published.replace(tzinfo=None)
    data = DateDataParser(languages=["en"], settings=settings).get_date_data(low)
    if data.date_obj is None:
        return None, None
    granularity = _granularity(data.period)
    found = data.date_obj.date()
    if granularity == "month":
        found = found.replace(day=1)
    elif granularity == "year":
        found = date(found.year, 1, 1)
    return found, granularity


def extract_dates(doc: Doc, where: Sentences,
                  published: datetime | None) -> list[DateMention]:
    """Date mentions in ``doc``; durations and ages are left out."""
    out: list[DateMention] = []
    for ent in doc.ents:
        if ent.label_ != "DATE":
            continue
        text = ent.text.strip()
        if _DURATION.search(text) or not any(ch.isalnum() for ch in text):
            continue
        start = ent.start
        if start > 0 and doc[start - 1].lower_ in _LEADING_PREPS:
            start -= 1
        span = doc[start:ent.end]
        resolved, granularity = resolve_date(span.text, published)
        out.append(
            DateMention(
                text=span.text,
                **where.location(span),
                resolved=resolved,
                granularity=granularity,
            )
        )
    return out
