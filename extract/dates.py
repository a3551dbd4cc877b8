"""Dates: the date expressions of a text, resolved against the publication date.

Candidates are spaCy DATE entities, plus the date of the article's dateline
(``extract.dateline``).  Each candidate is trimmed (spaces, a possessive "'s"), widened
to a deictic word spaCy left out ("this" in "this year's") and to a directly preceding
preposition ("on Tuesday"), and split at a range ("from November 20 to December 11" gives
two dates).  Not dates, and dropped: ages ("Smith, 42,", "aged 14", "19-year-old"),
durations ("two weeks", "the last five months of her life"), recurrences ("every year",
"daily") and expressions with nothing that fixes a time ("the first half", "a very
emotional day": no number, month, weekday, name or deictic word such as "last", "ago").

Resolution goes against ``published``; when it is unknown, the dateline's date stands in.
Explicit dates are read by ``dateparser`` (absolute parsing, no clock); relative ones are
computed from the publication date, with the tense of the governing verb choosing between
the last and the next occurrence ("said on Friday" / "will meet on Friday"); without a
tense a weekday is the last one (or the publication day itself) and a month or a day of
the month without a year the occurrence nearest the publication date.
``resolved`` is the first day of the period; ``granularity`` is one of day, week, weekend,
month, season (northern meteorological seasons), year, decade, century.

Confidence (of the resolved value):

- 0.95 an explicit date with its year ("5 June 2013", "September 2010") or the dateline;
- 0.9  a year ("in 2009"), a decade or a century named in full;
- 0.8  day and month, year from the publication date ("on May 16");
- 0.75 a deictic day or period counted from publication ("yesterday", "last year",
  "two years ago");
- 0.7  a weekday or a bare month placed by tense or by default ("on Tuesday", "in March");
- 0.6  a season, a weekend, the end of a period, a period ending now ("the past 30 days"),
  a two-digit year, a year taken from a name ("RecentChangesCamp 2008");
- 0.4  a vague count ("a few months ago", "several years ago": 3 assumed, 2 for "couple");
- 0.3  a date that could not be resolved (relative, no publication date; or no rule).
"""

from __future__ import annotations

import calendar
import functools
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from typing import NamedTuple

from dateparser.date import DateDataParser
from spacy.tokens import Doc, Span, Token

from newsfeed.extract.dateline import Dateline, find_dateline
from newsfeed.extract.location import Sentences
from newsfeed.extract.types import DateMention

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = [
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
]
SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
DECADE_WORDS = {"twenties": 1920, "thirties": 1930, "forties": 1940, "fifties": 1950,
                "sixties": 1960, "seventies": 1970, "eighties": 1980, "nineties": 1990}
UNRESOLVED = 0.3

_LEADING_PREPS = {"on", "in", "since", "until", "by", "from", "during", "between"}
_YEAR_PREPS = {"in", "since", "of", "by", "and", "from", "until", "to", "'", "’", "between"}
_STRIP_WORDS = re.compile(
    r"^(?:(?:on|in|since|until|till|by|from|during|between|before|after|of|at|as of|"
    r"the|early|mid|late|around|about|earlier|later|nearly|almost|just|only|roughly|some|"
    r"over|more than|less than|at least|exactly)\s+)+"
)
_DEICTIC = {"this", "last", "next", "past", "previous", "coming", "following", "recent"}
# words that fix a time (besides numbers, month and weekday names, and proper names)
_ANCHORS = _DEICTIC | {
    "today", "tonight", "yesterday", "tomorrow", "ago", "back", "earlier", "later", "before",
    "after", "end", "beginning", "start", "middle", "century", "centuries", "millennium",
    "now", "current", "present", "weekend", *DECADE_WORDS, *WEEKDAYS,
}
_MONTH_NAMES = {*MONTHS, *(m[:3] for m in MONTHS), "sept"}
_UNITS = r"(?:years?|months?|weeks?|days?|hours?|minutes?|decades?|centur(?:y|ies)|nights?)"
_AGE = re.compile(r"-old\b|\bold$|^(?:aged?|age of)\b|\byears? of age\b", re.IGNORECASE)
_RECURRING = re.compile(
    r"\b(?:every|each|per|annual(?:ly)?|daily|weekly|monthly|yearly|hourly|nightly|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)days|weekends)\b",
    re.IGNORECASE,
)
_RELATIVE_COUNT = re.compile(r"\b(?:ago|back|earlier|later|before|after|hence|from now)$")
_PERIOD_TO_NOW = re.compile(rf"^(?:the )?(?:past|last|previous) (.+ {_UNITS})$")
_UNIT_NOUN = re.compile(_UNITS)
_COUNT_WORDS = {"a", "an", "few", "several", "many", "couple", "dozen", "dozens"}
_VAGUE = {"a couple of": "2", "couple of": "2", "a few": "3", "few": "3", "several": "3",
          "many": "3", "some": "3"}
# a TIME entity that names a day: "24 hours ago", "last night", "this morning"
_DAY_IN_TIME = re.compile(r"\bago\b|\b(?:yesterday|today|tomorrow|tonight|last night)\b|"
                          r"\bthis (?:morning|afternoon|evening)\b|"
                          r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", re.IGNORECASE)
_YEAR = re.compile(r"\b(1[0-9]\d\d|20\d\d)\b")
_RANGE_WORDS = {"to", "through", "thru", "until", "till", "and", "-", "–", "—"}
_FUTURE_MARKERS = {"will", "'ll", "shall", "wo"}
_FUTURE_VERBS = {"plan", "schedule", "expect", "due", "set", "intend", "hope", "aim"}
_UNIT_HEADS = {"day", "week", "month", "start", "beginning", "end", "opening", "night",
               "half", "quarter", "anniversary", "eve"}


class Resolved(NamedTuple):
    """A resolved date: first day of the period, its granularity, the confidence."""

    value: date
    granularity: str
    confidence: float


def extract_dates(doc: Doc, where: Sentences,
                  published: datetime | None) -> list[DateMention]:
    """Date mentions in ``doc``; ages, durations and recurrences are left out."""
    dateline = find_dateline(doc.text)
    base = _naive_utc(published)
    if base is None and dateline is not None and dateline.date is not None:
        base = datetime.combine(dateline.date, time())
    out: list[DateMention] = []
    for span, year_hint in _candidates(doc, dateline):
        if not _is_date(span):
            continue
        resolved = _resolve_span(span, base, dateline, year_hint)
        out.append(DateMention(
            text=span.text,
            **where.location(span),
            resolved=resolved.value if resolved else None,
            granularity=resolved.granularity if resolved else None,
            confidence=resolved.confidence if resolved else UNRESOLVED,
        ))
    return out


def resolve_date(text: str, published: datetime | None,
                 tense: str | None = None) -> Resolved | None:
    """Resolve one date expression against ``published``; ``tense`` is "past"/"future"."""
    low = _normalise(text)
    if not low:
        return None
    explicit = _explicit(low)
    if explicit is not None:
        return explicit
    base = _naive_utc(published)
    if base is not None:
        for rule in (_deictic_day, _weekday, _month_day, _month_alone, _this_last_next,
                     _season, _weekend, _end_of, _counted, _two_digit_year):
            found = rule(low, base, tense)
            if found is not None:
                return _part_of_month(text, found)
    return _year_in_name(low)


def _naive_utc(published: datetime | None) -> datetime | None:
    """The publication time as naive UTC (what the date arithmetic and dateparser use)."""
    if published is None or published.tzinfo is None:
        return published
    return published.astimezone(UTC).replace(tzinfo=None)


# ---------------------------------------------------------------- candidates


def _candidates(doc: Doc, dateline: Dateline | None) -> Iterator[tuple[Span, int | None]]:
    """Candidate spans in text order, each with the year its range gives it, if it has
    none of its own ("January 23" of "January 23 - March 9 2014")."""
    spans = [_with_range_end(_trimmed(ent)) for ent in doc.ents
             if ent.label_ == "DATE" or ent.label_ == "TIME" and _DAY_IN_TIME.search(ent.text)]
    extra = _dateline_span(doc, dateline)
    if extra is not None and not any(s.start < extra.end and extra.start < s.end for s in spans):
        spans.append(extra)
    for span in sorted((s for s in spans if len(s)), key=lambda s: s.start):
        parts = _split_range(span)
        years = [_YEAR.search(p.text) for p in parts]
        last_year = next((int(y.group()) for y in reversed(years) if y), None)
        for part, year in zip(parts, years, strict=True):
            yield _widened(part), (None if year else last_year)


def _with_range_end(span: Span) -> Span:
    """A year range the tagger cut short ("from 2004" of "from 2004 to 2009"), or a count
    without its "back" ("a couple of years" back)."""
    doc, end = span.doc, span.end
    if end < len(doc) and doc[end].lower_ in {"ago", "back"} and doc[end].ent_type_ == "":
        return doc[span.start:end + 1]
    if (len(span) and _YEAR.fullmatch(span[-1].text) and end + 1 < len(doc)
            and doc[end].lower_ in _RANGE_WORDS and _YEAR.fullmatch(doc[end + 1].text)
            and doc[end + 1].ent_type_ in {"", "CARDINAL"}):
        return doc[span.start:end + 2]
    return span


def _dateline_span(doc: Doc, dateline: Dateline | None) -> Span | None:
    if dateline is None or dateline.date is None or dateline.date_start is None:
        return None
    return doc.char_span(dateline.date_start, dateline.date_end, alignment_mode="expand")


def _trimmed(span: Span) -> Span:
    """Without surrounding spaces and punctuation, brackets, or a trailing possessive."""
    doc, start, end = span.doc, span.start, span.end
    while start < end and (doc[start].is_space or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].is_space or doc[end - 1].is_punct
                           or doc[end - 1].tag_ == "POS"):
        end -= 1
    # a decade written with an apostrophe: "the 1930's", "1930’s"
    if (end < len(doc) and doc[end].lower_ in {"'s", "’s"} and not doc[end - 1].whitespace_
            and re.fullmatch(r"1\d\d0|20\d0", doc[end - 1].text)):
        end += 1
    return doc[start:end]


def _split_range(span: Span) -> list[Span]:
    """The dates of a range ("November 20 to December 11"), or the span itself."""
    parts: list[Span] = []
    start = span.start
    for token in span:
        if _splits_range(token, span) and _anchored(span.doc[start:token.i]):
            rest = span.doc[token.i + 1:span.end]
            if _anchored(rest) and _starts_with_date_word(rest, span.doc[start:token.i]):
                parts.append(span.doc[start:token.i])
                start = token.i + 1
    parts.append(span.doc[start:span.end])
    return [_trimmed(p) for p in parts] if len(parts) > 1 else [span]


def _splits_range(token: Token, span: Span) -> bool:
    """A range word inside ``span``; a dash without spaces only between years ("2004-09"
    of "1996-08-22" is one date, "2004-2009" two)."""
    if token.lower_ not in _RANGE_WORDS or not span.start < token.i < span.end - 1:
        return False
    before, after = token.doc[token.i - 1], token.doc[token.i + 1]
    if before.whitespace_ or token.whitespace_:
        return True
    return bool(_YEAR.fullmatch(before.text) and _YEAR.fullmatch(after.text))


def _starts_with_date_word(span: Span, left: Span) -> bool:
    """The second part of a range is a date of its own: "December 11", "2009", "next week"
    ("5, 2014" of "May 3 - 5, 2014" is not; "92" of "88 and 92" is)."""
    first = span[0]
    low = first.lower_.rstrip(".")
    if low in _MONTH_NAMES or low in WEEKDAYS or low in _DEICTIC or _YEAR.fullmatch(low):
        return True
    if len(span) > 1 and span[1].lower_.rstrip(".") in _MONTH_NAMES:
        return first.like_num  # "5 May"
    return len(span) == len(left) == 1 and first.like_num and left[0].like_num


def _widened(span: Span) -> Span:
    """With a deictic word left out by the tagger ("this" year) and a preceding preposition."""
    doc, start = span.doc, span.start
    if start > 0 and doc[start - 1].lower_ in _DEICTIC and span[0].lower_ not in _DEICTIC:
        start -= 1
    if start > 0 and doc[start - 1].lower_ in _LEADING_PREPS:
        start -= 1
    return doc[start:span.end]


# ---------------------------------------------------------------- filters


def _is_date(span: Span) -> bool:
    """False for ages, counts, durations, recurrences, names and times that fix no date."""
    core = _normalise(span.text)
    if not core or _RECURRING.search(span.text) or not _anchored(span):
        return False
    if any(t.pos_ == "VERB" and t.tag_ in {"VBD", "VBZ", "VBP"} for t in span):
        return False  # a tagger slip over a clause: "first half ended 1"
    return not (_is_number(span) or _is_duration(core, span) or _in_name_or_habit(span)
                or (core == "today" and _generic_today(span)))


def _is_number(span: Span) -> bool:
    """An age ("Smith, 42,", "aged 14", "19-year-old") or a count ("1709 schoolchildren")."""
    core = [t for t in span if t.lower_ not in _LEADING_PREPS and any(c.isalnum() for c in t.text)]
    if not core:
        return False
    doc, first = span.doc, core[0]
    before = [doc[first.i - k].lower_ for k in (1, 2) if first.i - k >= 0]
    if _AGE.search(span.text) or before[:1] in (["aged"], ["age"]) or before == ["of", "age"]:
        return True
    if len(core) != 1 or not first.like_num:
        return False
    after_preposition = bool(before) and before[0] in _YEAR_PREPS
    counted = span.end < len(doc) and doc[span.end].tag_ in {"NNS", "NNPS"}
    if _YEAR.fullmatch(first.text):  # a 4-digit number before 1800: a count, unless "in 1709"
        return int(first.text) < 1800 and (counted or not after_preposition)
    return counted or not after_preposition  # two digits: a year only as "in 84", "and 92"


def _in_name_or_habit(span: Span) -> bool:
    """ "Saturday Night Live", "on a Monday": a weekday that is part of a name or a habit."""
    doc = span.doc
    for token in span:
        if token.lower_ not in WEEKDAYS:
            continue
        after = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if after is not None and after.is_title and after.i not in range(span.start, span.end) \
                and after.lower_ not in _MONTH_NAMES:
            return True
        if token.i > 0 and doc[token.i - 1].lower_ in {"a", "an", "every", "any"}:
            return True
    first = span[0]
    # "USA Today", "News Today": a capitalised "Today" after a capitalised word is a name
    return first.text == "Today" and first.i > 0 and doc[first.i - 1].is_title \
        and not first.is_sent_start


def _generic_today(span: Span) -> bool:
    """ "today" as "nowadays": in a question, or with a verb in the present simple."""
    if span.sent.text.rstrip().endswith("?"):
        return True
    today = next(t for t in span if t.lower_ == "today")
    if today.dep_ == "poss":  # "today's announcement"
        return False
    after = span.doc[today.i + 1] if today.i + 1 < len(span.doc) else None
    if after is not None and after.lower_ in {"than", "as"}:
        return True  # "more magicians working today than ever", "as strong today as"
    verb = next((t for t in today.ancestors if t.pos_ in {"VERB", "AUX"}), None)
    if verb is None or any(c.dep_ == "xcomp" or c.lower_ == "to" for c in verb.children):
        return False  # "is to begin issuing questionnaires today"
    modal = any(c.tag_ == "MD" and c.lower_ in {"would", "could", "might"} for c in verb.children)
    return verb.tag_ in {"VBZ", "VBP"} or modal


def _is_duration(core: str, span: Span) -> bool:
    """ "two weeks", "roughly four months", "8-10 years": a count of units, not a time."""
    if _RELATIVE_COUNT.search(core):
        return False  # "two years ago"
    if _PERIOD_TO_NOW.match(core):  # "the past 30 days" ends now, "the last days of X" not
        return span.end < len(span.doc) and span.doc[span.end].lower_ == "of"
    tokens = list(span)
    return any(
        (token.pos_ == "NUM" or token.lower_ in _COUNT_WORDS)
        and any(_UNIT_NOUN.fullmatch(t.lower_) for t in tokens[i + 1:i + 4])
        for i, token in enumerate(tokens)
    )


def _anchored(span: Span) -> bool:
    """Something in the span fixes a time: a number, a month or weekday, a name, "ago" ..."""
    for token in span:
        low = token.lower_
        if any(ch.isdigit() for ch in low) or low in _ANCHORS or low.rstrip(".") in _MONTH_NAMES:
            return True
        if token.pos_ == "PROPN" and low not in SEASONS:
            return True
    return False


# ---------------------------------------------------------------- resolution of a span


def _resolve_span(span: Span, base: datetime | None, dateline: Dateline | None,
                  year_hint: int | None) -> Resolved | None:
    if (dateline is not None and dateline.date is not None and dateline.date_start is not None
            and span.start_char <= dateline.date_start < span.end_char):
        return Resolved(dateline.date, "day", 0.95)
    text = span.text
    if year_hint is not None and not _YEAR.search(text) and _month_of(_normalise(text)):
        text = f"{text} {year_hint}"  # "January 23" of "January 23 - March 9 2014"
    return resolve_date(text, base, _tense(span))


def _tense(span: Span) -> str | None:
    """ "past" or "future" from the verb the date hangs on; None when it says neither."""
    verb = next((t for t in [span.root, *span.root.ancestors] if t.pos_ in {"VERB", "AUX"}),
                None)
    if verb is None:
        return None
    auxes = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    if any(a.lower_ in _FUTURE_MARKERS for a in auxes) or verb.lower_ in _FUTURE_MARKERS:
        return "future"
    if any(a.lower_ == "to" for a in auxes) and verb.head is not verb and (
            verb.head.lemma_ in _FUTURE_VERBS | {"be", "go"}):
        return "future"  # "is to be held", "is scheduled to open", "going to meet"
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" or a.lemma_ == "have" for a in auxes):
        return "past"
    return None


# ---------------------------------------------------------------- resolution of a text


def _normalise(text: str) -> str:
    low = " ".join(text.lower().replace("’", "'").split())
    low = re.sub(r"[\[\]()]", "", low)
    low = re.sub(r"'s$", "", low).strip(" ,.;:")
    low = re.sub(r"\bthis (year|month|week)s\b", r"this \1", low)  # "this years festival"
    return _STRIP_WORDS.sub("", low).strip()


def _explicit(low: str) -> Resolved | None:
    """Dates that need no publication date: full dates, month and year, years, decades."""
    decade = re.fullmatch(r"'?((?:1\d|20)\d0)'?s|'(\d0)s", low)
    if decade is not None:
        year = int(decade.group(1)) if decade.group(1) else 1900 + int(decade.group(2))
        return Resolved(date(year, 1, 1), "decade", 0.9)
    if low in DECADE_WORDS:
        return Resolved(date(DECADE_WORDS[low], 1, 1), "decade", 0.8)
    century = re.fullmatch(r"(\d\d?)(?:st|nd|rd|th) century", low)
    if century is not None:
        return Resolved(date(100 * (int(century.group(1)) - 1), 1, 1), "century", 0.9)
    if _YEAR.fullmatch(low):
        return Resolved(date(int(low), 1, 1), "year", 0.9)
    if not _YEAR.search(low):
        return None
    full = _parser("strict").get_date_data(low)
    if full.date_obj is not None:
        return Resolved(full.date_obj.date(), "day", 0.95)
    month = _parser("month-year").get_date_data(low)
    if month.date_obj is not None and month.period == "month":
        return Resolved(month.date_obj.date().replace(day=1), "month", 0.95)
    return _season(low, None, None)


def _deictic_day(low: str, base: datetime, tense: str | None) -> Resolved | None:
    offset = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0,
              "this evening": 0, "yesterday": -1, "last night": -1, "tomorrow": 1,
              "the day before yesterday": -2, "day before yesterday": -2}.get(low)
    if offset is None:
        return None
    return Resolved((base + timedelta(days=offset)).date(), "day", 0.75)


def _weekday(low: str, base: datetime, tense: str | None) -> Resolved | None:
    words = re.findall(r"[a-z]+", low)
    days = [w for w in words if w in WEEKDAYS]
    if len(days) != 1 or any(w in MONTHS for w in words) or re.search(r"\d", low):
        return None
    weekday = WEEKDAYS.index(days[0])
    before = words[words.index(days[0]) - 1] if words.index(days[0]) > 0 else ""
    if before in {"next", "coming"} or (tense == "future" and before not in {"last", "past"}):
        ahead = (weekday - base.weekday()) % 7 or 7
        return Resolved((base + timedelta(days=ahead)).date(), "day", 0.7)
    back = (base.weekday() - weekday) % 7
    if before in {"last", "past"} and back == 0:
        back = 7
    return Resolved((base - timedelta(days=back)).date(), "day", 0.7)


def _month_day(low: str, base: datetime, tense: str | None) -> Resolved | None:
    if not re.search(r"\d", low) or _YEAR.search(low) or not _month_of(low):
        return None
    parsed = _parser("day-month").get_date_data(low)
    if parsed.date_obj is None:
        return None
    day = parsed.date_obj.date()
    try:
        found = day.replace(year=base.year)
    except ValueError:  # 29 February
        return None
    found = _by_tense(found, base.date(), tense, days=7)
    return Resolved(found, "day", 0.8)


def _month_alone(low: str, base: datetime, tense: str | None) -> Resolved | None:
    if low not in MONTHS:
        return None
    found = _by_tense(date(base.year, MONTHS.index(low) + 1, 1),
                      base.date().replace(day=1), tense, days=0)
    return Resolved(found, "month", 0.7)


def _by_tense(found: date, base: date, tense: str | None, days: int) -> date:
    """The year of a day or month given without one: the last occurrence (past tense),
    the next one (future), else the nearest; ``days`` of slack around ``base``."""
    if tense == "past" and found > base + timedelta(days=days):
        return found.replace(year=found.year - 1)
    if tense == "future" and found < base - timedelta(days=days):
        return found.replace(year=found.year + 1)
    if tense is None:
        options = [found.replace(year=found.year + step) for step in (0, -1, 1)]
        return min(options, key=lambda d: abs((d - base).days))
    return found


def _this_last_next(low: str, base: datetime, tense: str | None) -> Resolved | None:
    match = re.fullmatch(r"(this|last|next|past|previous|coming|this past) "
                         r"(year|month|week|decade|century)", low)
    if match is None:
        return None
    step = {"last": -1, "past": -1, "previous": -1, "this past": -1, "next": 1,
            "coming": 1}.get(match.group(1), 0)
    unit, today = match.group(2), base.date()
    if unit == "year":
        return Resolved(date(today.year + step, 1, 1), "year", 0.75)
    if unit == "month":
        month = today.year * 12 + today.month - 1 + step
        return Resolved(date(month // 12, month % 12 + 1, 1), "month", 0.75)
    if unit == "week":
        monday = today - timedelta(days=today.weekday()) + timedelta(weeks=step)
        return Resolved(monday, "week", 0.75)
    if unit == "decade":
        return Resolved(date(today.year // 10 * 10 + 10 * step, 1, 1), "decade", 0.75)
    return Resolved(date(today.year // 100 * 100 + 100 * step, 1, 1), "century", 0.75)


def _season(low: str, base: datetime | None, tense: str | None) -> Resolved | None:
    match = re.fullmatch(r"(?:(this|last|next|past|coming) )?(spring|summer|autumn|fall|winter)"
                         r"(?: of)?(?: (\d{4}))?", low)
    if match is None or not (match.group(1) or match.group(3)):
        return None
    month = SEASONS[match.group(2)]
    if match.group(3):
        return Resolved(date(int(match.group(3)), month, 1), "season", 0.8)
    if base is None:
        return None
    today = base.date()
    this = date(today.year if today.month >= month or month != 12 else today.year - 1, month, 1)
    if month == 12 and today.month == 12:
        this = date(today.year, 12, 1)
    step = {"last": -1, "past": -1, "next": 1, "coming": 1}.get(match.group(1), 0)
    if step == -1 and this > today - timedelta(days=90):  # not yet over: the one before
        this = this.replace(year=this.year - 1)
    elif step == 1 and this <= today:
        this = this.replace(year=this.year + 1)
    return Resolved(this, "season", 0.6)


def _weekend(low: str, base: datetime, tense: str | None) -> Resolved | None:
    match = re.fullmatch(r"(?:(this|last|next|past|coming|this past) )?weekend", low)
    if match is None:
        return None
    today = base.date()
    saturday = today - timedelta(days=(today.weekday() - 5) % 7)  # latest Saturday, or today
    if match.group(1) in {"next", "coming"} or (tense == "future" and match.group(1) != "last"):
        if saturday < today - timedelta(days=1) or saturday == today - timedelta(days=1) \
                and match.group(1) in {"next", "coming"}:
            saturday += timedelta(weeks=1)
    elif match.group(1) in {"last", "past", "this past"} and saturday >= today - timedelta(days=1):
        saturday -= timedelta(weeks=1)
    return Resolved(saturday, "weekend", 0.6)


def _end_of(low: str, base: datetime, tense: str | None) -> Resolved | None:
    match = re.fullmatch(r"(?:the )?end of (?:the|this) (year|month)|(year|month)[- ]end", low)
    if match is None:
        return None
    today = base.date()
    if (match.group(1) or match.group(2)) == "year":
        return Resolved(date(today.year, 12, 31), "day", 0.6)
    last = calendar.monthrange(today.year, today.month)[1]
    return Resolved(today.replace(day=last), "day", 0.6)


def _counted(low: str, base: datetime, tense: str | None) -> Resolved | None:
    """ "two years ago", "a couple of years back", "the past 30 days" (the start of it)."""
    confidence = 0.75
    period = _PERIOD_TO_NOW.match(low)
    if period is not None:
        low, confidence = f"{period.group(1)} ago", 0.6
    match = re.fullmatch(rf"(.+?) ({_UNITS}) (?:ago|back)", low)
    if match is None:
        return None
    count, unit = match.group(1), match.group(2)
    if count in _VAGUE:
        count, confidence = _VAGUE[count], 0.4
    parsed = _parser("relative", base).get_date_data(f"{count} {unit} ago")
    if parsed.date_obj is None:
        return None
    found = parsed.date_obj.date()
    if unit.startswith(("year", "decade", "centur")):
        return Resolved(date(found.year, 1, 1), "year", confidence)
    if unit.startswith("month"):
        return Resolved(found.replace(day=1), "month", confidence)
    return Resolved(found, "day", confidence)


def _two_digit_year(low: str, base: datetime, tense: str | None) -> Resolved | None:
    match = re.fullmatch(r"'?(\d\d)", low)
    if match is None:
        return None
    year = base.year // 100 * 100 + int(match.group(1))
    if year > base.year:
        year -= 100
    return Resolved(date(year, 1, 1), "year", 0.6)


def _year_in_name(low: str) -> Resolved | None:
    """ "RecentChangesCamp 2008": the year of a named thing, unless a day of it is meant."""
    years = _YEAR.findall(low)
    if len(set(years)) != 1 or set(re.findall(r"[a-z]+", low)) & _UNIT_HEADS:
        return None
    return Resolved(date(int(years[0]), 1, 1), "year", 0.6)


def _part_of_month(text: str, found: Resolved) -> Resolved:
    """ "early/mid/late March": the first day of that third of the month."""
    part = re.search(r"\b(early|mid|late)[- ]+[a-z]", text.lower())
    if part is None or found.granularity != "month":
        return found
    day = {"early": 1, "mid": 11, "late": 21}[part.group(1)]
    return found._replace(value=found.value.replace(day=day))


def _month_of(low: str) -> bool:
    return any(w in _MONTH_NAMES for w in re.findall(r"[a-z]+", low))


@functools.lru_cache(maxsize=64)
def _parser(kind: str, base: datetime | None = None) -> DateDataParser:
    """dateparser instances: explicit dates (no clock involved) and counts back from ``base``."""
    settings: dict = {"RETURN_AS_TIMEZONE_AWARE": False, "PARSERS": ["absolute-time"]}
    if kind == "strict":
        settings["STRICT_PARSING"] = True
    elif kind == "month-year":
        settings["REQUIRE_PARTS"] = ["month", "year"]
    elif kind == "day-month":
        settings.update(REQUIRE_PARTS=["day", "month"], RELATIVE_BASE=datetime(2000, 1, 1))
    else:
        settings.update(PARSERS=["relative-time"], RELATIVE_BASE=base)
    return DateDataParser(languages=["en"], settings=settings)


