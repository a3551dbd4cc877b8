"""The dateline at the top of an article body: when and where the story was filed.

News copy states its own date and place before the first sentence, in one of a few forms:

- a paragraph that is only a date: "Friday, July 21, 2017" (web pages, text dumps), maybe
  after a byline or a caption, and maybe labelled ("Published: 3 March 2019");
- a date opening the first paragraph: "Thursday, March 15, 2012 Officials said ...";
- a wire dateline: "LONDON, Dec 6 (Reuters) - ...", "WASHINGTON (AP) — ...",
  "NEW DELHI — ...", or on its own line "LONDON 1996-12-06",
  "AL-AIN , United Arab Emirates 1996-12-06" (CoNLL/Reuters).

The structure (place in capitals, agency in brackets, a dash) is read with small patterns;
whether a piece of text is a date, and which date, is up to ``dateparser`` with
absolute-time parsing only, so nothing depends on the clock.  A date without a year
("Dec 6") is reported as text with ``date=None``.  ``find_dateline`` is pure: text in,
``Dateline`` out.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date

from dateparser.date import DateDataParser

# how far down the body a dateline may stand: paragraphs before the lede, at most
MAX_PARAGRAPHS = 3
MAX_DATE_CHARS = 60  # a whole-paragraph dateline ("Wednesday, September 7, 2016, 10:45 GMT")
MAX_PREFIX_WORDS = 6  # a date opening a paragraph: "Thursday, March 15, 2012"
MAX_WIRE_HEAD = 90  # "AL-AIN , United Arab Emirates 1996-12-06" and the like
LEDE_WORDS = 12  # a paragraph this long ending a sentence is the story: no dateline below

_LABEL = re.compile(r"^(?:published|posted|dated?)(?:\s+on)?\s*:?\s+", re.IGNORECASE)
_YEAR = re.compile(r"\b(?:1[5-9]|20)\d\d\b")
_WIRE_SEPARATOR = re.compile(r"\s+(?:--|-|—|–)\s+|\s*(?:—|–)\s*")
_AGENCY = re.compile(r"\s*\(([A-Z][A-Za-z0-9 .&/'-]{0,40})\)\s*$")
# a wire place: one or more words in capitals, then maybe ", Region Name" parts
_PLACE = re.compile(
    r"[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]*)*"
    r"(?:\s*,\s*[A-Z][A-Za-z.'’-]*(?: (?:[A-Z][A-Za-z.'’-]*|of|and|de))*)*"
)


@dataclass(frozen=True)
class Dateline:
    """What the dateline says; offsets are character offsets into the text searched."""

    start: int
    end: int
    text: str
    date: date | None = None  # None when the dateline gives no date with a year
    date_text: str | None = None  # the date as written: "Dec 6", "1996-12-06"
    date_start: int | None = None
    date_end: int | None = None
    place: str | None = None  # "LONDON", "AL-AIN , United Arab Emirates"
    agency: str | None = None  # "Reuters", "AP"


def find_dateline(text: str) -> Dateline | None:
    """The dateline at the top of ``text`` (a body, paragraphs split by blank lines), if any.

    A dated one wins over a place alone found higher up.
    """
    undated: Dateline | None = None
    for index, (offset, paragraph) in enumerate(_top_paragraphs(text)):
        found = _date_paragraph(paragraph, offset) or _place_date_paragraph(paragraph, offset)
        if found is None and index == 0:
            found = _wire_dateline(paragraph, offset) or _date_prefix(paragraph, offset)
        if found is not None and found.date is not None:
            return found
        undated = undated or found
        if _is_story(paragraph):
            break
    return undated


def is_date_only(paragraph: str) -> bool:
    """True when ``paragraph`` is nothing but a full date (a dateline, not a headline)."""
    return _date_paragraph(paragraph.strip(), 0) is not None


def trailing_date(text: str) -> tuple[date, int] | None:
    """A full date ending ``text`` ("... the 'Mets Poet' Wednesday, October 3, 2007").

    Returns the date and the offset where it starts.
    """
    words = list(re.finditer(r"\S+", text))
    if not words or not _YEAR.search(words[-1].group()):
        return None
    for first in range(max(0, len(words) - MAX_PREFIX_WORDS), len(words)):
        found = full_date(text[words[first].start():])
        if found is not None:
            return found, words[first].start()
    return None


def full_date(text: str) -> date | None:
    """The date ``text`` names with day, month and year, if that is all it is."""
    text = text.strip().rstrip(".,;:")
    if not text or len(text) > MAX_DATE_CHARS or not _YEAR.search(text):
        return None
    data = _strict_parser().get_date_data(text)
    return data.date_obj.date() if data.date_obj is not None else None


def _top_paragraphs(text: str) -> list[tuple[int, str]]:
    """The first paragraphs with their offsets, surrounding whitespace trimmed."""
    out: list[tuple[int, str]] = []
    for match in re.finditer(r"(?:[^\n]|\n(?![ \t]*\n))+", text):
        paragraph = match.group()
        stripped = paragraph.strip()
        if not stripped:
            continue
        out.append((match.start() + paragraph.index(stripped[0]), stripped))
        if len(out) == MAX_PARAGRAPHS:
            break
    return out


def _date_paragraph(paragraph: str, offset: int) -> Dateline | None:
    """A paragraph that is only a date, maybe labelled ("Published: 3 March 2019")."""
    label = _LABEL.match(paragraph)
    skip = label.end() if label else 0
    found = full_date(paragraph[skip:])
    if found is None:
        return None
    date_text = paragraph[skip:].rstrip(".,;: ")
    return Dateline(offset, offset + len(paragraph), paragraph, found, date_text,
                    offset + skip, offset + skip + len(date_text))


def _place_date_paragraph(paragraph: str, offset: int) -> Dateline | None:
    """A paragraph of a place and a date: "LONDON 1996-12-06", "ROME, March 3, 1996"."""
    if len(paragraph) > MAX_WIRE_HEAD or "\n" in paragraph:
        return None
    split = _place_and_date(paragraph)
    if split is None or not split[1]:
        return None
    place, date_at = split
    found = full_date(paragraph[date_at:])
    if found is None:
        return None
    date_text = paragraph[date_at:].rstrip(".,;: ")
    return Dateline(offset, offset + len(paragraph), paragraph, found, date_text,
                    offset + date_at, offset + date_at + len(date_text), place=place)


def _wire_dateline(paragraph: str, offset: int) -> Dateline | None:
    """ "PLACE[, DATE] [(AGENCY)] - " opening the first paragraph."""
    separator = _WIRE_SEPARATOR.search(paragraph[:MAX_WIRE_HEAD])
    if separator is None or separator.start() == 0:
        return None
    head, story = paragraph[:separator.start()], paragraph[separator.end():]
    if not re.search(r"[a-z]", story):
        return None  # "SOCCER - JAPAN GET LUCKY WIN": a headline in capitals
    agency = _AGENCY.search(head)
    if agency is not None:
        head = head[:agency.start()]
    split = _place_and_date(head)
    if split is None:
        return None
    place, date_at = split
    if agency is None and not date_at and not _capital_word(place.split(",")[0], whole=True):
        return None  # "NEW DELHI — ", "KYIV, Ukraine — ", but not "Officials in Delhi — "
    date_text = head[date_at:].rstrip(" ,") if date_at else None
    return Dateline(
        offset, offset + separator.end(), paragraph[:separator.end()].strip(),
        full_date(date_text) if date_text else None, date_text,
        offset + date_at if date_text else None,
        offset + date_at + len(date_text) if date_text else None,
        place=place, agency=agency.group(1) if agency else None,
    )


def _place_and_date(head: str) -> tuple[str, int] | None:
    """Split "PLACE[,] [DATE]" into the place and where the date starts (0: no date).

    The date is the longest tail that ``dateparser`` reads as a day and month; what is
    left must be a wire place (first word in capitals).
    """
    words = list(re.finditer(r"[^\s,]+", head))
    date_at = 0
    for word in words[1:]:
        if _is_date(head[word.start():]):
            date_at = word.start()
            break
    place = (head[:date_at] if date_at else head).strip(" ,")
    if not _PLACE.fullmatch(place) or not _capital_word(place):
        return None
    return place, date_at


def _date_prefix(paragraph: str, offset: int) -> Dateline | None:
    """A full date opening the first paragraph, the story running on after it."""
    words = list(re.finditer(r"\S+", paragraph[:MAX_WIRE_HEAD]))[:MAX_PREFIX_WORDS]
    for last in range(len(words) - 1, 0, -1):
        if not _YEAR.search(words[last].group()):
            continue
        date_text = paragraph[:words[last].end()].rstrip(".,;:")
        found = full_date(date_text)
        if found is not None:
            return Dateline(offset, offset + len(date_text), date_text, found, date_text,
                            offset, offset + len(date_text))
    return None


def _is_story(paragraph: str) -> bool:
    """A paragraph of running text (the lede), not a headline, byline or caption."""
    words = paragraph.split()
    return len(words) > LEDE_WORDS and paragraph.rstrip("\"'”’)").endswith((".", "!", "?"))


def _capital_word(place: str, whole: bool = False) -> bool:
    """The place starts with a word in capitals ("LONDON"); ``whole``: all of it is."""
    words = re.findall(r"[A-Za-z][A-Za-z.'’-]*", place)
    if not words:
        return False
    checked = words if whole else words[:1]
    return all(len(re.sub(r"\W", "", w)) >= 2 and w.isupper() for w in checked)


def _is_date(text: str) -> bool:
    """``text`` is a date (with or without a year): "Dec 6", "March 3, 1996"."""
    if not re.search(r"\d", text):
        return False
    return _partial_parser().get_date_data(text).date_obj is not None


@functools.cache
def _strict_parser() -> DateDataParser:
    return DateDataParser(languages=["en"], settings={
        "STRICT_PARSING": True, "PARSERS": ["absolute-time"],
        "RETURN_AS_TIMEZONE_AWARE": False,
    })


@functools.cache
def _partial_parser() -> DateDataParser:
    return DateDataParser(languages=["en"], settings={
        "REQUIRE_PARTS": ["day", "month"], "PARSERS": ["absolute-time"],
        "RETURN_AS_TIMEZONE_AWARE": False,
    })
