"""Quantities: numbers with what they count, normalised and categorised.

Each sentence is scanned token by token for number phrases (``numbers.read_number``: digits,
words, scales, signs, currencies, vague plurals, fractions, ratios), each followed by its
unit (``numbers.read_unit``) and joined with a second number into a range or an alternative
("between 10 and 20", "10-20", "$8-10 million", "eight or nine euros": value 8, value_max 9;
"from 5% to 4.5%" stays two figures, a change, and so does "X to Y" after a verb of change
when X has its own unit: "gold gained $12 to $1,950" is the change and the new level, while
"prices rose 2 to 3 percent" is a range).  A qualifier before ("more than", "up to",
"nearly", normalised: "over" → "more than", "some" → "about") or after ("or more") is kept;
"over" heading a time span ("spread over four years") means "during" and is dropped.
What is counted comes from the dependency parse, falling back on the noun right after;
the category, place and source rules are in ``quantity_roles``.

Durations are quantities with a time unit ("for five months": 5 month; "a 14-year-old":
14 year), as in news-quantity annotations; they never get a category.

Not quantities: dates, years and times (spaCy DATE/TIME), numbers inside names ("Internet
Explorer 6", "Apollo 11", "30 Rock", "737 MAX"), identifiers ("posts 542 and 543", "#2",
"day five of"), scores ("1 – 0", "a 3-0 win"; but a vote tally, "voted 52-48", gives
both sides as counts), list markers ("2)"), ages ("Ingrid
Solberg, 34,", "when I was ten"), the pronoun "one" ("one of them", "on the one hand"),
and bare numbers that no verb or figure noun
makes a count ("it's 1").

Fields: ``value`` (signed; vague plurals get a representative value, twice the scale:
"hundreds" 200, "tens of thousands" 20,000, with ``approximate``; a fraction or ratio is its
share of one: "two-thirds" 0.667, "one in five" 0.2, unit "fraction"); ``value_max`` for
ranges and alternatives; ``unit``: an ISO 4217 code ("$" = USD unless "A$", "$A", "HK$" ...),
"pence", "cent" or "paise" for hundredths ("95p", "73 cents"), "%",
"pp" (percentage points), "bp", "fraction", km, mi, m, m2, ha, kg, t, l, bbl, km/h, MW, °C,
GB, magnitude ...; ``counted``: the noun counted, for figures without a unit; ``category``:
money, percentage or distance from the unit, or, for plain counts, what happened to what is
counted, only when a verb, adjective or noun tied to it by the parse says so: killed,
wounded, displaced, arrested, missing, population ("12 people were killed", "killing 107",
"left 300 homeless", "taken to hospital", "a death toll of 80"; the agent of "killed" and
"save tens of thousands of lives" are no deaths); ``place``: a GPE/LOC entity the clause
ties to the figure (for a distance, what it is measured from; never a compass word);
``source``: who the figure is attributed to.

Confidence (0-1), the lower of the value's and the category's:
  value: 1.0 digits or number words with a unit or a counted noun; 0.9 "$" read as US
  dollars, a fraction or ratio; 0.8 "one" as a count; 0.7 "m" read as metres; 0.6 a vague
  number ("hundreds"), a bare number that a verb makes a count ("killing 107").
  category: 1.0 from the unit or a word tied to the figure by the parse; 0.4 from a cue
  word only near it in the clause (kept in the table, left out of the views, which keep
  confidence >= 0.5).
  A bracketed conversion ("10km (six miles)", "£1.5bn ($2bn)") is kept at 0.4: it is a
  quantity of the text, but the same amount again, so the views do not count it twice.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newsfeed.extract.location import Sentences
from newsfeed.extract.numbers import (
    DURATION,
    GROUP_SPACES,
    MONEY,
    TIME_UNITS,
    NumberPhrase,
    read_number,
    read_unit,
)
from newsfeed.extract.quantity_roles import (
    COMPASS,
    COUNTED_NOUNS,
    CUE_WORDS,
    FIGURE_SUBJECTS,
    PLACE_LABELS,
    PLACE_PREPS,
    RELATION_PREPS,
    STATE_ADJECTIVES,
    clause_tokens,
    dependency,
    event_clause,
    figure_source,
    lemma_of,
    relation_place,
    strong_category,
)
from newsfeed.extract.types import Quantity

QUALIFIERS = {
    "more than": "more than", "over": "more than", "above": "more than",
    "in excess of": "more than", "upwards of": "more than", "less than": "less than",
    "fewer than": "less than", "under": "less than", "below": "less than",
    "at least": "at least", "no fewer than": "at least", "no less than": "at least",
    "at most": "at most", "no more than": "at most", "up to": "up to", "as many as": "up to",
    "as much as": "up to", "as high as": "up to", "as few as": "as few as",
    "an estimated": "estimated", "estimated": "estimated", "some": "about", "about": "about",
    "around": "about", "roughly": "about", "approximately": "about", "almost": "nearly",
    "nearly": "nearly", "close to": "nearly", "just over": "more than",
    "just under": "less than", "between": "between", "only": "only", "just": "only",
}
AFTER_QUALIFIERS = {("or", "more"): "at least", ("or", "so"): "about", ("+",): "more than",
                    ("plus",): "more than", ("or", "less"): "at most"}
SCORE_NOUNS = {"win", "victory", "defeat", "loss", "draw", "lead", "decision", "vote", "ruling",
               "scoreline", "margin", "result", "majority", "split", "verdict", "home", "away"}
RANGE_WORDS = {"to", "-", "–", "—", "and", "or"}
# Verbs of change: "gained $12 to $1,950" is a change and the new level, not a range.
CHANGE_VERBS = {
    "rise", "fall", "gain", "drop", "climb", "slip", "increase", "decrease", "cut", "jump",
    "surge", "soar", "plunge", "plummet", "tumble", "slide", "sink", "decline", "grow",
    "shrink", "lose", "add", "edge", "ease", "dip", "slump", "rally", "advance", "retreat",
    "raise", "lower", "boost", "reduce", "widen", "narrow", "swell", "spike", "leap", "shed",
    "trim", "hike", "lift", "expand", "contract", "slash", "crash", "rebound", "recover",
    "firm", "weaken", "strengthen", "improve", "worsen", "go", "move",
}
CHANGE_FORMS = {"rose": "rise", "risen": "rise", "fell": "fall", "fallen": "fall",
                "grew": "grow", "grown": "grow", "shrank": "shrink", "shrunk": "shrink",
                "lost": "lose", "sank": "sink", "sunk": "sink", "slid": "slide",
                "swollen": "swell", "leapt": "leap", "went": "go", "gone": "go",
                "up": "rise", "down": "fall"}
CHANGE_FILLERS = {"by", "a", "an", "further", "another", "some", "about", "around", "nearly",
                  "almost", "just", "only", "roughly"}
DASHES = {"-", "–", "—"}
# Words before a tally that make it one of votes: "voted 52-48", "approved the bill 219-211".
VOTE_WORDS = {"voted", "vote", "votes", "voting", "ballot"}
VOTE_VERBS = {"approved", "passed", "rejected", "confirmed", "adopted", "ratified", "endorsed"}
WEIGHT_WORDS = {"weigh", "weighs", "weighed", "weighing", "weight", "weights", "heavy",
                "heavier", "lighter", "obese", "overweight"}  # "pounds" is then lb
NAME_LABELS = {"PERSON", "ORG", "PRODUCT", "EVENT", "WORK_OF_ART", "FAC", "LAW", "GPE", "LOC",
               "NORP", "LANGUAGE"}
BLOCKING_LABELS = {"DATE", "TIME"}
CLOCK_WORDS = {"am", "pm", "a.m.", "p.m.", "gmt", "bst", "utc", "cet", "et", "edt", "est",
               "pdt", "pst", "ist", "aest"}
# After a number word and a hyphen, words that make an idiom, not a count: "one-off".
HYPHEN_IDIOMS = {"off", "way", "time", "sided", "stop", "liner", "liners", "upmanship"}
AGE_NOUNS = {"age", "ages"}  # "at the age of 60" is an age
# Verbs after which unscaled "pounds" are body weight: "the cyclist lost 20 pounds".
WEIGHT_VERBS = {"lose", "shed", "gain", "put", "drop"}
IDENTIFIER_WORDS = {"#", "no", "no.", "number", "nos", "nos.", "No", "No."}
PERSON_PRONOUNS = {"i", "he", "she", "we", "they", "you"}
CONVERSION_CONFIDENCE = 0.4  # a bracketed conversion: below the views' threshold (0.5)
UNIT_CATEGORIES = {"money", "percentage", "distance"}  # other units: the unit alone says it
DISTANCE_UNITS = {"km", "mi", "m", "ft", "yd", "nmi"}  # how far; not rainfall in mm


@dataclass
class _Reading:
    """One quantity while it is worked out: token spans and the parsed number."""

    start: int  # first token, qualifier included
    end: int  # exclusive, unit and range included
    num_start: int
    num_end: int
    number: NumberPhrase
    unit: str | None = None
    kind: str | None = None  # money, percentage, duration, distance, ...
    value_max: float | None = None
    qualifier: str | None = None
    hyphen_noun: int | None = None  # "six-member team": the token after the hyphen
    unit_confidence: float = 1.0
    dropped: bool = False  # a score: consumed but not a quantity
    tally: bool = False  # one side of a vote tally: "voted 52-48"


def _blocked(doc: Doc) -> set[int]:
    return {i for e in doc.ents if e.label_ in BLOCKING_LABELS for i in range(e.start, e.end)}


def _qualifier_before(lows: list[str], start: int) -> tuple[str | None, int]:
    for size in (3, 2, 1):
        if start - size < 0:
            continue
        phrase = " ".join(lows[start - size:start])
        if phrase in QUALIFIERS:
            return QUALIFIERS[phrase], start - size
    return None, start


def _unit_after(texts: list[str], tags: list[str], number: NumberPhrase,
                k: int) -> tuple[str | None, str | None, int, int | None]:
    """(unit, kind, end, hyphen noun) after the number ending at ``k``."""
    if number.currency:
        return number.currency, MONEY, k, None
    if number.unit:
        found = read_unit([number.unit], 0)
        return number.unit, found[1] if found else None, k, None
    if number.fraction:
        return "fraction", "fraction", k, None
    if k < len(texts) and texts[k] in DASHES and k + 1 < len(texts):
        found = read_unit(texts, k + 1)
        if found and found[1] == MONEY and not number.fraction:
            return found[0], MONEY, found[2], None  # "a two-billion-dollar fund"
        if found and (found[1] not in (MONEY, "percentage") or found[0] in ("bp", "pp")):
            unit, kind, end = found
            if texts[end:end + 2] in (["-", "old"], ["-", "long"]):
                end += 2
            return unit, kind, end, None
        if texts[k + 1].isalpha() and tags[k + 1].startswith("NN"):
            return None, None, k, k + 1
        if texts[k + 1].lower() == "strong" and k + 2 < len(texts) and \
                tags[k + 2].startswith("NN") and not number.in_words:
            return None, None, k + 2, k + 2  # "a 10,000-strong crowd"
        return None, None, k, None
    found = read_unit(texts, k, after_scale=number.scaled)
    if found is None and k + 1 < len(texts) and texts[k] in GROUP_SPACES:
        found = read_unit(texts, k + 1, after_scale=number.scaled)  # "12 per cent", no-break
    if found:
        unit, kind, end = found
        if texts[end:end + 1] == ["old"] and kind == DURATION:
            end += 1
        return unit, kind, end, None
    if number.approximate and number.scaled and texts[k:k + 1] == ["of"]:
        found = read_unit(texts, k + 1)
        if found and found[1] == MONEY:  # "tens of millions of dollars"
            return found[0], MONEY, found[2], None
    return None, None, k, None


def _read_at(texts: list[str], tags: list[str], i: int,
             lows: list[str] | None = None) -> _Reading | None:
    number = read_number(texts, tags, i, lows)
    if number is None:
        return None
    unit, kind, end, hyphen = _unit_after(texts, tags, number, number.end)
    if unit == "GBP" and texts[end - 1].lower() in ("pound", "pounds") and not number.scaled \
            and (texts[number.end] in DASHES or WEIGHT_WORDS & {t.lower() for t in texts}
                 or (number.value < 1000 and _weight_change(texts, i))):
        unit, kind = "lb", "weight"  # "weighed 300 pounds", "a 300-pound man"
    reading = _Reading(i, end, number.start, number.end, number, unit, kind,
                       value_max=number.value_max, hyphen_noun=hyphen)
    if unit == "USD" and texts[number.start] == "$":
        reading.unit_confidence = 0.9
    if unit == "m" and texts[end - 1].lower() == "m":
        reading.unit_confidence = 0.7  # "m" read as metres, not million
    return reading


def _weight_change(texts: list[str], i: int) -> bool:
    """"lost 20 pounds", "has put on 12 pounds": unscaled pounds after a weight verb."""
    j = i - 1
    if j >= 0 and texts[j].lower() == "on":
        j -= 1
    return j >= 0 and _change_lemma(texts[j].lower()) in WEIGHT_VERBS or (
        j >= 0 and texts[j].lower() in ("put", "puts", "putting"))


def _score(first: _Reading, second: _Reading, lows: list[str]) -> bool:
    """Two whole numbers joined by a dash that are no range: "1 – 0", "a 2-1 defeat"."""
    a, b = first.number, second.number
    if a.in_words or first.unit or second.unit or a.value != int(a.value) \
            or b.value != int(b.value) or (first.start > 0 and lows[first.start - 1] in (
                "aged", "ages", "between")):
        return False
    if b.value <= a.value:
        return True
    following = lows[second.end] if second.end < len(lows) else ""
    return b.value < 30 and (following in SCORE_NOUNS or not following.isalpha())


def _vote(lows: list[str], first: _Reading, second: _Reading) -> bool:
    """A tally of votes: "voted 7-2", "a 52-48 vote", "passed 219-211" (after a verb of
    adoption only with two-digit sides: not "confirmed with a 3-0 win"), not "a 5-4 decision"."""
    before = lows[max(0, first.start - 3):first.start]
    return any(w in VOTE_WORDS for w in before) or lows[second.end:second.end + 1] in (
        ["vote"], ["votes"]) or (any(w in VOTE_VERBS for w in before)
                                 and second.number.value >= 10)


def _change_lemma(low: str) -> str | None:
    """The verb of change ``low`` is a form of ("rose" → rise), or None."""
    if low in CHANGE_FORMS:
        return CHANGE_FORMS[low]
    for suffix in ("", "s", "es", "d", "ed", "ped", "ted", "med", "ing", "ping", "ting"):
        if suffix and low.endswith(suffix) and low[:-len(suffix)] in CHANGE_VERBS:
            return low[:-len(suffix)]
        if suffix in ("d", "ed", "s", "ing") and low.endswith(suffix) and \
                low[:-len(suffix)] + "e" in CHANGE_VERBS:
            return low[:-len(suffix)] + "e"  # "eased", "rising"
    return low if low in CHANGE_VERBS else None


def _after_change_verb(lows: list[str], tags: list[str], start: int) -> bool:
    """The figure at ``start`` is the amount of a reported change: "gained $12", "fell
    sharply by 5%", "up 3 points" (adverbs and "by" may come between)."""
    j = start - 1
    while j >= 0 and (lows[j] in CHANGE_FILLERS or tags[j].startswith("RB")) \
            and lows[j] not in ("up", "down"):
        j -= 1
    if j < 0:
        return False
    # a reported change ("rose", "has gained"), not a forecast in the base form ("could rise
    # 2C to 3C", "is expected to grow 5% to 7%"), whose "X to Y" is a range
    return _change_lemma(lows[j]) is not None and (
        (tags[j].startswith("VB") and tags[j] != "VB") or lows[j] in ("up", "down"))


def _join_second(reading: _Reading, texts: list[str], tags: list[str], lows: list[str]) -> None:
    """Make ``reading`` a range or alternative with the number after it, or mark a score."""
    k = reading.end
    if k + 1 >= len(texts) or lows[k] not in RANGE_WORDS:
        return
    second = _read_at(texts, tags, k + 1, lows)
    if second is None or second.number.fraction != reading.number.fraction:
        return
    first = reading.number
    joiner = lows[k]
    before = lows[reading.start - 1] if reading.start > 0 else ""
    if joiner in DASHES and _score(reading, second, lows):
        if _vote(lows, reading, second):
            reading.tally = True  # "voted 52-48": two counts of votes, read one by one
            return
        reading.dropped = True  # a score: "1 – 0", "a 3-0 win", "the 5-4 decision"
        reading.end = second.end
        while reading.end + 1 < len(texts) and texts[reading.end] in DASHES and \
                texts[reading.end + 1].isdigit():
            reading.end += 2  # a formation: "4-4-2"
        return
    if joiner == "and" and reading.qualifier != "between":
        return
    spread = reading.start > 1 and lows[reading.start - 2] in ("range", "ranging", "ranges",
                                                                 "ranged", "vary", "varies")
    by_to = before == "by" and joiner == "to" and (reading.unit or second.kind != "percentage")
    if (before == "from" or by_to) and joiner != "and" and not spread:
        if joiner == "to" and not first.scaled and not first.fraction:
            if reading.unit is None and second.unit:
                reading.unit, reading.kind = second.unit, second.kind  # "from 28 to 33%"
            if second.number.scaled and reading.unit in (None, second.unit) and \
                    first.value * second.number.scale <= second.number.value:
                first.value *= second.number.scale  # "from 2 to 3.5 million barrels", not
                # "by 1.9 per cent to 8.6 million"
        return  # "from 9 to 10", "by 50,000 to 1.4 million": a change and the new level;
        # but "ranging from 5 to 10", "by 3-4%", "by 3 to 4 per cent"
    if joiner == "to" and reading.unit and _after_change_verb(lows, tags, reading.start):
        return  # "gained $12 to $1,950", "rose 1.2% to 4,567.8 points": change, new level
    if reading.unit and second.unit and reading.unit != second.unit:
        return
    value = first.value
    if second.number.scaled and not first.scaled and value * second.number.scale <= \
            second.number.value:
        value *= second.number.scale  # "between 3 and 5 million", "$8-10 million"
    high = second.number.value
    if high < value < 0:
        value, high = high, value  # "−5 to −10 degrees": the range from −10 to −5
    elif high <= value:
        return
    first.value = value
    reading.value_max = high
    reading.unit = reading.unit or second.unit
    reading.kind = reading.kind or second.kind
    reading.end = second.end


def _readings(sent: Span) -> list[_Reading]:
    """The number phrases of one sentence, with units, qualifiers and ranges; doc offsets."""
    texts = [t.text for t in sent]
    tags = [t.tag_ for t in sent]
    lows = [t.lower() for t in texts]
    out: list[_Reading] = []
    i = 0
    while i < len(texts):
        reading = _read_at(texts, tags, i, lows)
        if reading is None:
            i += 1
            continue
        if reading.unit is None and (
                (reading.start and lows[reading.start - 1] == "magnitude")
                or lows[reading.end:reading.end + 3] == ["on", "the", "richter"]):
            reading.unit, reading.kind = "magnitude", "magnitude"  # "of magnitude 4.8"
        reading.qualifier, reading.start = _qualifier_before(lows, reading.start)
        _join_second(reading, texts, tags, lows)
        after = tuple(lows[reading.end:reading.end + 2])
        for words, qualifier in AFTER_QUALIFIERS.items():
            if after[:len(words)] == words and reading.qualifier is None:
                reading.qualifier = qualifier
                reading.end += len(words)
                break
        if out and out[-1].tally and reading.start == out[-1].end + 1 - sent.start:
            reading.tally = True  # the other side: "52-48"
        for attr in ("start", "end", "num_start", "num_end"):
            setattr(reading, attr, getattr(reading, attr) + sent.start)
        if reading.hyphen_noun is not None:
            reading.hyphen_noun += sent.start
        out.append(reading)
        i = max(reading.end - sent.start, i + 1)
    return out


# ---------------------------------------------------------------- syntax around a figure

def _anchor(doc: Doc, reading: _Reading) -> Token:
    """The token that carries the syntax of the number (its head is outside the number)."""
    tokens = list(doc[reading.num_start:reading.num_end])
    outside = [t for t in tokens if not reading.num_start <= t.head.i < reading.num_end]
    for tok in reversed(outside):
        if tok.dep_ != "punct":  # "230 m iPhones": "m" parsed as punctuation
            return tok
    return outside[-1] if outside else tokens[-1]


def _np_head(token: Token) -> Token:
    """Climb compounds to the head noun ("asylum seekers" → seekers)."""
    while token.dep_ == "compound" and token.head.i > token.i and token.head.pos_ in (
            "NOUN", "PROPN"):
        token = token.head
    return token


def _counted(doc: Doc, reading: _Reading, anchor: Token) -> Token | None:
    """The noun the number counts, for numbers without a unit."""
    if reading.unit and reading.kind != "fraction":
        return None
    if reading.hyphen_noun is not None:
        return doc[reading.hyphen_noun]
    ofs = [c for t in doc[reading.num_start:reading.num_end] for c in t.children
           if c.dep_ == "prep" and c.lower_ == "of"]
    if reading.end < len(doc) and doc[reading.end].lower_ == "of":
        ofs.append(doc[reading.end])
    for of in ofs:
        objs = [c for c in of.children if c.dep_ == "pobj"]
        if objs and (objs[0].pos_ in ("NOUN", "PROPN", "PRON") or objs[0].lower_ in (
                *STATE_ADJECTIVES, *COUNTED_NOUNS)):  # "two of the dead"
            return objs[0]
    nxt = reading.end
    if nxt < len(doc) and doc[nxt].pos_ == "NOUN":
        return _np_head(doc[nxt])
    if nxt + 1 < len(doc) and _model(doc[nxt]) and doc[nxt + 1].pos_ == "NOUN":
        return _np_head(doc[nxt + 1])  # "24 F-35A aircraft", "12 A320neo jets"
    head = anchor.head
    if anchor.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod", "npadvmod", "appos") \
            and head.pos_ in ("NOUN", "PROPN") and head.i >= reading.end and not (
                head.ent_type_ in BLOCKING_LABELS and anchor.ent_type_ not in BLOCKING_LABELS):
        return _np_head(head)  # not "shrank by 837,000 last year": a date is no count
    return None


def _model(token: Token) -> bool:
    """A model designation: capitals and digits in one token ("F-35A", "A320neo")."""
    text = token.text
    return any(c.isdigit() for c in text) and text[:1].isupper() and any(
        c.isalpha() for c in text)


def _occasions(reading: _Reading, counted: Token | None) -> bool:
    """"N times" right after a name counts occasions: "visited Paris 12 times"."""
    return counted is not None and counted.i == reading.end and counted.lower_ in (
        "times", "occasions")


def _in_name(doc: Doc, reading: _Reading) -> bool:
    """The number is part of a name entity that has words of its own ("Studio 54")."""
    core = range(reading.num_start, reading.num_end)
    for ent in doc.ents:
        if ent.label_ not in NAME_LABELS or not any(ent.start <= i < ent.end for i in core):
            continue
        if any(t.is_alpha and not reading.start <= t.i < reading.end for t in ent):
            return True
    return False


def _identifier(doc: Doc, reading: _Reading, counted: Token | None) -> bool:
    """A number that names rather than counts: "Explorer 6", "posts 542", "#2", "30 Rock"."""
    before = doc[reading.start - 1] if reading.start > doc[reading.start].sent.start else None
    after = doc[reading.end] if reading.end < len(doc) else None
    if before is not None and before.text in IDENTIFIER_WORDS:
        return True
    if after is not None and after.lower_ in CLOCK_WORDS and not reading.unit:
        return True  # a time the parser missed: "at 4 pm"
    if before is not None and before.is_alpha and any(c.isupper() for c in before.text[1:]) \
            and not before.is_upper and not reading.unit:
        return True  # after a camel-case name: "iOS 17", "PlayStation 5"
    last = doc[reading.num_end - 1]
    if not last.whitespace_ and after is not None and after.is_alpha and len(after.text) <= 2 \
            and after.text[0].isupper() and not reading.unit:
        return True  # "5G", "4K", "3D"
    if reading.unit or reading.number.approximate or reading.number.fraction:
        return False
    if before is not None and before.pos_ == "PROPN" and reading.qualifier is None \
            and not _occasions(reading, counted):
        return True  # "Internet Explorer 6", "Apollo 11 astronauts"
    digits = doc[reading.num_start:reading.num_end].text
    if digits.isdigit() and len(digits) >= 3 and after is not None and after.tag_ == "NNP" \
            and after.text[:1].isupper() and after.ent_type_ not in ("NORP", "GPE"):
        return True  # a model: "737 MAX jets"
    if before is not None and before.pos_ == "NOUN" and reading.qualifier is None \
            and before.lower_ != "record" and (
            counted is None or (after is not None and after.lower_ == "of")):
        return True  # "posts 542", "page 3", "day five of the World Cup"
    if after is not None and after.tag_ == "NNP" and after.text[:1].isupper() \
            and reading.number.value != 1 and after.ent_type_ not in ("NORP", "GPE") \
            and (counted is None or counted.tag_ == "NNP"):
        return True  # "30 Rock", "20 Downing Street"
    if before is not None and before.text in DASHES and reading.start >= 2 \
            and doc[reading.start - 2].is_alpha and reading.number.in_words:
        return True  # "a high-five", "Catch-22"
    if reading.number.in_words and after is not None and after.text in DASHES and \
            reading.end + 1 < len(doc) and doc[reading.end + 1].lower_ in HYPHEN_IDIOMS:
        return True  # "a one-off payment", "a two-way race"
    return after is not None and after.text == ")" and (before is None or before.text != "(")


def _year(reading: _Reading, doc: Doc) -> bool:
    text = doc[reading.num_start:reading.num_end].text
    return len(text) == 4 and text.isdigit() and 1800 <= int(text) <= 2100


def _is_age(doc: Doc, reading: _Reading, anchor: Token) -> bool:
    before = doc[reading.start - 1] if reading.start > 0 else None
    after = doc[reading.end] if reading.end < len(doc) else None
    if before is not None and before.lower_ in ("aged", "age"):
        return True
    if before is not None and before.text == "," and after is not None \
            and after.text in (",", ".") and reading.start >= 2 \
            and doc[reading.start - 2].ent_type_ == "PERSON":
        return True  # "Ingrid Solberg, 34,"
    if anchor.dep_ in ("attr", "acomp") and lemma_of(anchor.head) == "be":
        subjects = [c for c in anchor.head.children if c.dep_ == "nsubj"]
        return bool(subjects) and (subjects[0].lower_ in PERSON_PRONOUNS
                                   or subjects[0].ent_type_ == "PERSON")
    return False


def _counts_something(anchor: Token) -> bool:
    """A bare number that a verb or a figure noun makes a count ("killing 107", "toll of 80")."""
    dep, head = dependency(anchor), anchor.head
    doc = anchor.doc
    if anchor.i + 2 < len(doc) and doc[anchor.i + 1].lower_ in ("a", "an", "per", "every") \
            and doc[anchor.i + 2].lower_ in TIME_UNITS:
        return True  # a rate: "about 1,600 a week"
    if dep in ("nummod", "npadvmod", "quantmod") and head.lower_ in ("more", "others") \
            and head.i == anchor.i + 1:
        return _counts_something(head)  # "injured 5,500 more"
    if dep == "nummod" and head.lower_ == "record" and head.i < anchor.i:
        return _counts_something(head) or head.dep_ in ("dobj", "attr", "pobj")  # "a record 450"
    if dep == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN" and any(
            c.dep_ == "det" and c.lower_ in ("a", "an", "the") for c in head.head.children) \
            and head.head.lower_ not in AGE_NOUNS:
        return True  # "a majority of 1,205", "a crowd of 50,000", "the rescue team of 60"
    if any(c.dep_ in ("acl", "relcl") and c.pos_ == "VERB" for c in anchor.children):
        return True  # "more than 300,000 displaced", "2.3 million forced from their homes"
    if dep in ("nsubj", "nsubjpass", "dobj"):
        return head.pos_ in ("VERB", "AUX")
    if dep == "attr":  # "the toll was 80", "the final score was 98", not "it's 1"
        subjects = [c for c in head.children if c.dep_ == "nsubj"]
        return bool(subjects) and (lemma_of(subjects[0]) in FIGURE_SUBJECTS or (
            subjects[0].pos_ == "NOUN" and subjects[0].ent_type_ == "" and lemma_of(head) == "be"))
    if dep == "nummod" and head.ent_type_ in BLOCKING_LABELS and head.i > anchor.i \
            and anchor.ent_type_ not in BLOCKING_LABELS:
        return (head.dep_ == "npadvmod" and head.head.pos_ == "VERB") or _counts_something(
            head)  # "shrank by 837,000 last year", "arrested 12 last night": hung on the date
    if dep in ("conj", "quantmod") and head.pos_ == "NUM" and head.i > anchor.i:
        return _counts_something(head)  # "rose by 50,000 to 1.4 million"
    if dep == "conj":
        return head.pos_ == "NUM" and head is not anchor and _counts_something(head)
    if dep == "pobj" and head.lower_ in ("to", "of", "at", "by", "from"):
        return head.head.pos_ in ("VERB", "AUX") or lemma_of(head.head) in FIGURE_SUBJECTS or (
            head.head.lower_ in ("up", "down"))  # "down from 20", "closed down 1% at 7,412"
    return False


def _skip(doc: Doc, reading: _Reading, anchor: Token, counted: Token | None,
          blocked: set[int]) -> bool:
    number = reading.number
    core = range(reading.num_start, reading.num_end)
    if reading.dropped or (_in_name(doc, reading) and not _occasions(reading, counted)):
        return True
    if reading.start > 0 and doc[reading.start - 1].lower_ == "per" and number.in_words \
            and not reading.unit and reading.num_end - reading.num_start == 1:
        return True  # a rate's denominator: "$3.10 per million British thermal units"
    if any(i in blocked for i in core) and not reading.unit and not reading.tally and not (
            counted is not None and counted.pos_ == "NOUN" and not _year(reading, doc)):
        return True  # a date or a time, not "two weeks", "40C", "10 villages"
    if _year(reading, doc) and not reading.unit and (
            counted is None or doc[reading.start - 1].lower_ in ("in", "since", "by", "until")):
        return True
    before = doc[reading.start - 1] if reading.start > 0 else None
    after = doc[reading.end] if reading.end < len(doc) else None
    if not reading.unit and _is_age(doc, reading, anchor):
        return True
    if number.value == 1 and number.in_words and not reading.unit and not number.fraction:
        if counted is None or counted.pos_ == "PRON" or (before is not None and before.lower_ in (
                "the", "no", "every", "each", "any")):
            return True  # "one of them", "on the one hand", "no one"
        if after is not None and after.lower_ in ("another", "of"):
            return True
    if counted is None and not reading.unit:
        if reading.tally:
            return False
        if before is not None and before.lower_ in ("up", "down") and before.dep_ == "advmod":
            return False  # a change: "300 patients a week, up 50 from last year"
        return not _counts_something(anchor)
    return False


# ---------------------------------------------------------------- category

def _category(reading: _Reading, node: Token, anchor: Token,
              counted: Token | None) -> tuple[str | None, float]:
    """(category, confidence of it); ``node`` is the counted noun or the number."""
    if reading.unit:
        if reading.kind == "distance" and reading.unit not in DISTANCE_UNITS:
            return None, 1.0
        return (reading.kind if reading.kind in UNIT_CATEGORIES else None), 1.0
    for holder in dict.fromkeys((node, anchor)):  # "hundreds of people that were wounded"
        strong = strong_category(holder, counted)
        if strong:
            return strong, 1.0
    if counted is not None and counted.lower_ == "lives":
        return None, 1.0
    for tok in clause_tokens(node):
        found = CUE_WORDS.get(tok.lower_) or CUE_WORDS.get(lemma_of(tok))
        if found:
            return found, 0.4
    return None, 1.0


# ---------------------------------------------------------------- place and source

def _distance_place(doc: Doc, reading: _Reading,
                    names: dict[tuple[int, int], tuple[str, str]]) -> str | None:
    unit_tok = doc[reading.end - 1]
    near = [unit_tok, *[c for c in unit_tok.children if c.dep_ in ("advmod", "npadvmod")],
            unit_tok.head]
    if unit_tok.head.lower_ in COMPASS or unit_tok.head.dep_ == "compound":
        near.append(unit_tok.head.head)  # "40 miles north-east of Kathmandu"
    following = doc[unit_tok.i + 1] if unit_tok.i + 1 < len(doc) else None
    if following is not None and following.lower_ in COMPASS:  # "miles" and "north-east"
        near.append(following.head if following.dep_ == "compound" else following)  # siblings
    head = unit_tok.head
    if head.dep_ == "prep" and head.lower_ in RELATION_PREPS and unit_tok.i < head.i:
        objs = [c for c in head.children if c.dep_ == "pobj"]  # "15 miles from the border"
        if objs:
            return relation_place(objs[0], names)
    for tok in near:
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ in RELATION_PREPS:
                objs = [c for c in child.children if c.dep_ == "pobj"]
                if objs:
                    return relation_place(objs[0], names)
    return None


def _place(doc: Doc, reading: _Reading, context: list[Token],
           names: dict[tuple[int, int], tuple[str, str]]) -> str | None:
    if reading.kind == "distance":
        return _distance_place(doc, reading, names)
    sent = doc[reading.start].sent
    verbs = [t for t in context if t.pos_ in ("VERB", "AUX")]
    verbs += [c for t in verbs for c in t.children if c.dep_ == "conj" and c.pos_ == "VERB"]
    verbs += [c for t in verbs for c in t.children if event_clause(c)]
    context_ids = {t.i for t in [*context, *verbs]}
    for (start, end), (name, label) in names.items():
        if label not in PLACE_LABELS or not sent.start <= start < sent.end:
            continue
        root = doc[start:end].root
        prep = root.head
        if prep.dep_ == "prep" and prep.lower_ in PLACE_PREPS and prep.head.i in context_ids \
                and name.lower() not in COMPASS:
            return name
    return None


def _estimated(doc: Doc, reading: _Reading, node: Token) -> bool:
    """"an estimated population of 30,000", "estimated at 5,000"."""
    if any(c.lower_ == "estimated" for t in (node, node.head) for c in t.children):
        return True
    if reading.start >= 2 and doc[reading.start - 2].lower_ == "estimated" \
            and doc[reading.start - 1].lower_ == "at":
        return True
    return node.head.lower_ == "of" and any(
        c.lower_ == "estimated" for c in node.head.head.children)


def _value_confidence(reading: _Reading, counted: Token | None) -> float:
    """How sure the value and its unit are (the scale in the module docstring)."""
    number = reading.number
    if number.approximate or (counted is None and not reading.unit):
        return 0.6
    if number.value == 1 and number.in_words and not number.fraction:
        return 0.8
    if number.fraction:
        return 0.9
    return reading.unit_confidence


def _paired(doc: Doc, first: _Reading, second: _Reading | None) -> bool:
    """Two figures joined by "to", "or", "and" or a comma: "from ten to 32 pages"."""
    return second is not None and second.start == first.end + 1 and doc[first.end].lower_ in (
        *RANGE_WORDS, ",")


def _quantity(doc: Doc, reading: _Reading, counted: Token | None, where: Sentences,
              names: dict[tuple[int, int], tuple[str, str]]) -> Quantity:
    anchor = _anchor(doc, reading)
    node = counted if counted is not None and counted.i != reading.hyphen_noun else anchor
    category, category_confidence = _category(reading, node, anchor, counted)
    if category not in (None, *UNIT_CATEGORIES) and _rate(doc, reading, counted):
        category = None  # "5 deaths per 100,000 people": a rate, not a toll
    qualifier = reading.qualifier
    start = reading.start
    if _during(doc, reading):
        qualifier, start = None, start + 1  # "spend $4bn over four years": during, not more
    if qualifier is None and _estimated(doc, reading, node):
        qualifier = "estimated"
    context = clause_tokens(node)
    span = doc[start:reading.end]
    return Quantity(
        text=span.text,
        value=reading.number.value,
        **where.location(span),
        unit=reading.unit,
        approximate=reading.number.approximate,
        qualifier=qualifier,
        counted=counted.lower_ if counted is not None else None,
        category=category,
        place=_place(doc, reading, context, names),
        source=figure_source(anchor, doc[reading.start].sent, names),
        value_max=reading.value_max,
        confidence=min(_value_confidence(reading, counted), category_confidence,
                       CONVERSION_CONFIDENCE if _conversion(doc, reading) else 1.0),
    )


def _during(doc: Doc, reading: _Reading) -> bool:
    """"over four years" as the preposition of a time span ("phased in over five years"),
    not the qualifier "more than" ("jailed for over four years", "took over three hours")."""
    over = doc[reading.start]
    return reading.qualifier == "more than" and reading.kind == DURATION and \
        over.lower_ == "over" and over.dep_ == "prep" and reading.start + 1 == reading.num_start


def _rate(doc: Doc, reading: _Reading, counted: Token | None) -> bool:
    """The figure is a rate or its denominator: "5 deaths per 100,000 people"."""
    if reading.start > 0 and doc[reading.start - 1].lower_ == "per":
        return True
    last = counted.i if counted is not None and counted.i >= reading.end else reading.end - 1
    return last + 2 < len(doc) and doc[last + 1].lower_ == "per" and doc[last + 2].like_num


def _conversion(doc: Doc, reading: _Reading) -> bool:
    """A figure in brackets with a unit right after another: "10km (six miles)", "£1.5bn
    ($2bn)": the same amount again, kept below the views' threshold so it is not counted
    twice."""
    start, end = reading.start, reading.end
    return reading.unit is not None and start >= 2 and doc[start - 1].text == "(" and \
        end < len(doc) and doc[end].text == ")" and (doc[start - 2].like_num or any(
            t.like_num or t.text in ("$", "£", "€") for t in doc[max(0, start - 4):start - 1]))


def _counted_nearby(doc: Doc, readings: list[_Reading], n: int,
                    previous: Token | None) -> Token | None:
    """The counted noun of a bare figure joined to a neighbour: "ten to 32 pages", "312
    votes to 250" (``previous``: the counted noun of the figure before)."""
    reading = readings[n]
    partner = readings[n + 1] if n + 1 < len(readings) else None
    if _paired(doc, reading, partner):
        return _counted(doc, partner, _anchor(doc, partner))
    if n and (_paired(doc, readings[n - 1], reading) or (
            previous is not None and reading.start == previous.i + 2
            and doc[previous.i + 1].lower_ in ("to", "or"))):
        return previous
    return None


def extract_quantities(doc: Doc, where: Sentences,
                       names: dict[tuple[int, int], tuple[str, str]]) -> list[Quantity]:
    """All quantities in ``doc`` (see the module docstring for what counts)."""
    blocked = _blocked(doc)
    out: list[Quantity] = []
    for sent in doc.sents:
        readings = _readings(sent)
        named = False  # the figure before was an identifier: "posts 542 and 543"
        counted: Token | None = None
        for n, reading in enumerate(readings):
            anchor = _anchor(doc, reading)
            previous, counted = counted, _counted(doc, reading, anchor)
            if counted is None and not reading.unit:
                counted = _counted_nearby(doc, readings, n, previous)
            bare = counted is None and not reading.unit
            if not reading.tally and _identifier(doc, reading, counted) or (
                    named and bare and _paired(doc, readings[n - 1], reading)):
                named = True
                continue
            named = False
            if not _skip(doc, reading, anchor, counted, blocked):
                out.append(_quantity(doc, reading, counted, where, names))
    return out
