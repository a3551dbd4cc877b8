"""Lines that are not running text: headlines in capitals and datelines.

Wire copy carries its headline inside the text, often in capitals ("SOCCER - JAPAN GET
LUCKY WIN , CHINA IN SURPRISE DEFEAT ."), and a dateline naming where the story was filed
("LONDON 1996-12-06", "AL-AIN , United Arab Emirates 1996-12-06", "PARIS, Dec 6
(Reuters) - ...").  The statistical model reads capitals badly (a headline word becomes
a place, the whole headline an organisation), so ``extract.names`` does not trust its
guesses there: names in a capitals line are the names the rest of the article knows, or
strong gazetteer places.  The place of a dateline is a place (GPE) whatever the model says.
Sports results and standings ("Ajax 1 Feyenoord 1", "Lazio 17 10 4 3 29 14 34") name
teams: organisations, or countries for national sides; the other lines of a results table
("66 Greg Norman", "68 Ernie Els ( South Africa )", "M. Taylor c Lara b Walsh 18",
"Bowling : Ambrose 28-6-73-3") name players.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from spacy.tokens import Doc, Span

from newsfeed.extract import gazetteer
from newsfeed.extract.dateline import find_dateline
from newsfeed.extract.given_names import is_given_name
from newsfeed.extract.name_context import team_sport

Lines = list[tuple[int, int]] | None  # the doc's ``lines``, when the caller has them
SHORT_DOC = 64  # tokens; longer docs read their offsets as an array
CAPS_SHARE = 0.8  # of the cased words of a line, in capitals
MIN_CAPS_WORDS = 2
DATELINE_LINES = 4  # a dateline stands among the first lines of the text
STANDINGS_NUMBERS = 5  # "Lazio 17 10 4 3 29 14 34": played, won, drawn, lost, for, against, points
MAX_TEAM_WORDS = 4
FIXTURE_WORDS = {"at", "v", "vs", "v.", "vs."}
PERCENTAGE = re.compile(r"^[01]?\.\d{3}$")  # a standings percentage: ".778", "1.000"
TEAM_CONNECTORS = {"de", "van", "der", "den", "la", "le", "del", "of", "the", "&", "-", "st",
                   "st."}


def lines(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges (start, end) of the lines of ``doc``, without the line breaks."""
    starts = [t.idx for t in doc] if len(doc) < SHORT_DOC else doc.to_array("IDX").tolist()
    out: list[tuple[int, int]] = []
    start = 0
    last = -1
    for match in re.finditer("\n", doc.text):
        i = bisect.bisect_right(starts, match.start()) - 1
        if i < 0 or i == last:
            continue
        last = i
        if match.start() < starts[i] + len(doc[i].text):  # a token of line breaks
            if i > start:
                out.append((start, i))
        else:  # the break follows token i
            out.append((start, i + 1))
        start = i + 1
    if start < len(doc):
        out.append((start, len(doc)))
    return out


def in_capitals(doc: Doc, start: int, end: int) -> bool:
    """The line ``doc[start:end]`` is written in capitals (two words or more)."""
    cased = [t for t in doc[start:end] if any(c.isalpha() for c in t.text) and len(t.text) > 1]
    upper = [t for t in cased if t.is_upper]
    return len(upper) >= MIN_CAPS_WORDS and len(upper) >= CAPS_SHARE * len(cased)


def caps_lines(doc: Doc, found: Lines = None) -> list[tuple[int, int]]:
    """Token ranges of the lines written in capitals."""
    return [(s, e) for s, e in found or lines(doc) if in_capitals(doc, s, e)]


def dateline_places(doc: Doc, found: Lines = None) -> list[Span]:
    """The place names of a dateline among the first lines, as GPE spans.

    "AL-AIN , United Arab Emirates 1996-12-06" gives "AL-AIN" and "United Arab Emirates".
    """
    for start, end in (found or lines(doc))[:DATELINE_LINES]:
        line = doc[start:end]
        found = find_dateline(line.text)
        if found is None or not found.place:
            continue
        at = line.start_char + found.start + found.text.find(found.place)
        spans = []
        offset = 0
        for part in found.place.split(","):
            name = part.strip()
            begin = at + offset + part.find(name) if name else -1
            offset += len(part) + 1
            span = doc.char_span(begin, begin + len(name), label="GPE") if name else None
            if span is not None:
                spans.append(span)
        return spans
    return []


def results_teams(doc: Doc, found: Lines = None) -> list[Span]:
    """Team names of sports results and standings lines, as ORG (GPE for a country), and
    the scorers named in brackets after a score, as PERSON.

    "Ajax 1 Feyenoord 1 , PSV Eindhoven 3 Vitesse Arnhem 0" (name, score, name, score),
    "Real Madrid 2 ( Suker 23 , Raul 67 ) Atletico 1 ( Kiko 55 )" and "Lazio 17 10 4 3 29
    14 34" (a name, then five numbers or more to the line's end), "MIAMI 14 4 .778 -" (won,
    lost, percentage); the fixtures of a schedule, "TORONTO AT PHILADELPHIA"; in a team
    sport's report, a cricket team's innings, "Essex 340 ( N. Hussain 100 )", and the
    ground before it, "At Chelmsford :", as a GPE.
    """
    spans: list[Span] = []
    players: list[Span] = []
    venues: list[Span] = []
    for start, end in found or lines(doc):
        fixture = _fixture(doc, start, end)
        if fixture:
            spans += fixture
            continue
        resume = start  # past the teams and scorers of a result already read
        innings = False
        sport = team_sport(doc)
        for first in _line_names(doc, start, end):
            if first.start < resume:
                continue
            if sport and _venue(doc, first, start, end):
                venues.append(Span(doc, first.start + 1, first.end, label="GPE"))
                continue
            after = first.end
            numbers = after
            while numbers < end and _score(doc[numbers].text):
                numbers += 1
            if numbers - after >= STANDINGS_NUMBERS and numbers == end or \
                    _percentage_standings(doc, after, end):
                spans.append(first)
                break
            scorers, at = _scorers(doc, after + 1, end)
            second = _team_name(doc, at, start, end) if numbers - after == 1 else None
            if second is not None and second.end < end and _score(doc[second.end].text):
                more, stop = _scorers(doc, second.end + 1, end)
                spans += [first, second]
                players += scorers + more
                resume = stop
            elif sport and (_innings(doc, first.end, end) or
                            innings and doc[first.start - 1].text == "v"):
                innings = True  # "Essex 340 ( N. Hussain 100 )", "... v Sussex"
                if _place_side(doc, first, found or lines(doc)):
                    venues.append(Span(doc, first.start, first.end, label="GPE"))
                else:
                    spans.append(first)
    return [Span(doc, s.start, s.end, label=_team_label(s.text)) for s in spans] + players + \
        venues


def _place_side(doc: Doc, name: Span, text_lines: list[tuple[int, int]]) -> bool:
    """A side the gazetteer does not know that the running text calls a place: a national
    side, "West Indies 222-6 ( ... )"."""
    return gazetteer.place(name.text) is None and name.text in _running_places(doc, text_lines)


def _innings(doc: Doc, at: int, end: int) -> bool:
    """A cricket team's innings at ``at``: runs, or runs and wickets, then its scorers in
    brackets: "340 ( N. Hussain 100 )", "205-6 ( C. White 66 )"."""
    if at >= end or not _score(doc[at].text):
        return False
    nxt = at + 1
    if nxt + 1 < end and doc[nxt].text == "-" and doc[nxt + 1].text.isdigit():
        nxt += 2
    return nxt < end and doc[nxt].text == "("


def _venue(doc: Doc, name: Span, start: int, end: int) -> bool:
    """The ground of a match at a line's start: "At Chelmsford : Essex 340 ..."."""
    return name.start == start and len(name) > 1 and name[0].lower_ == "at" and \
        name.end < end and doc[name.end].text == ":"


def _fixture(doc: Doc, start: int, end: int) -> list[Span]:
    """The two teams of a fixture line, "TORONTO AT PHILADELPHIA", "Bath v Leicester":
    a line of two places the gazetteer knows and "at", "v" or "vs" between them."""
    at = next((i for i in range(start + 1, end - 1) if doc[i].lower_ in FIXTURE_WORDS), None)
    if at is None:
        return []
    teams = [doc[start:at], doc[at + 1:end]]
    if any(len(s) > MAX_TEAM_WORDS or not all(_capitalised(t.text) for t in s) or
           gazetteer.place(s.text.title() if s.text.isupper() else s.text) is None
           for s in teams):
        return []
    return teams


def _percentage_standings(doc: Doc, at: int, end: int) -> bool:
    """The rest of a standings line of won, lost, percentage and games behind: "MIAMI 14 4
    .778 -", "NEW YORK 10 6 .625 3" (two counts, a fraction, then numbers or dashes)."""
    rest = [t.text for t in doc[at:end]]
    return len(rest) >= 3 and all(_score(w) for w in rest[:2]) and \
        PERCENTAGE.match(rest[2]) is not None and all(
            _score(w) or w in {"-", "–"} or PERCENTAGE.match(w) for w in rest[3:])


def _scorers(doc: Doc, at: int, end: int) -> tuple[list[Span], int]:
    """The players of a bracket after a team's score, "( Davor Suker 23 , Kiko 55 pen )",
    as PERSON spans, and where the bracket ends (``at`` when there is none)."""
    if at >= end or doc[at].text != "(":
        return [], at
    close = next((j for j in range(at + 1, end) if doc[j].text == ")"), None)
    if close is None:
        return [], at
    players = []
    item = at + 1
    for j in range(at + 1, close + 1):
        if doc[j].text not in {",", ";", ")"}:
            continue
        name = _team_name(doc, item, item, j)
        if name is None or name.end == j or not doc[name.end].like_num:
            return [], at  # not a list of scorers: "( home team in CAPS )"
        players.append(Span(doc, name.start, name.end, label="PERSON"))
        item = j + 1
    return players, close + 1


# The labels that open the lines of a results table ("Attendance 22,000", "Extras ( lb-4 )
# 7", "Scorers :"): common nouns, never names.
TABLE_LABELS = {"attendance", "halftime", "half-time", "extras", "total", "scorers",
                "bowling", "referee", "result", "results", "standings", "fall"}
# Lower-case words of a cricket scorecard line: "c Healy b McGrath", "lbw b Ambrose", "st",
# "run out", "not out"; and the connectors of names.
DISMISSALS = {"c", "b", "st"}
TABLE_WORDS = DISMISSALS | {"lbw", "run", "out", "not", "and", "beat", "bt"} | TEAM_CONNECTORS \
    | {"seconds", "secs", "minutes", "metres", "meters", "points", "pts"}  # "50.31 seconds"
MAX_TABLE_TOKENS = 40


def table_players(doc: Doc, found: Lines = None) -> list[Span]:
    """Players named in the lines of a results table (a line with a number and no running
    text), as PERSON spans: a name after a dismissal ("c Lara", "b Walsh") or before one
    (the batsman of "M. Taylor c Lara b Walsh 18", "B. Hartley lbw b Rafiq"), before bowling
    figures ("Ambrose 28-6-73-3"), beginning with a given name ("66 Greg Norman", "Ernie
    Els ( South Africa )", not a place the gazetteer knows), or before a country in brackets
    outside team sports ("Tegla Marut ( Kenya ) 15:01.21"); a name that the model takes
    for a place in the article's running text stays one there, as a GPE ("West Indies
    222-6" of a scorecard)."""
    places = _running_places(doc, found or lines(doc))
    spans: list[Span] = []
    for start, end in found or lines(doc):
        if not _table_line(doc, start, end):
            continue
        person_end = -1  # where the last person of the line ends
        for name in _line_names(doc, start, end):
            if _club_bracket(doc, name, end, person_end):
                spans.append(Span(doc, name.start, name.end, label="ORG"))
                continue  # the club of "Ian Wrigley ( Castleford )"
            if name.text in places:
                spans.append(Span(doc, name.start, name.end, label="GPE"))
                continue
            if _after_country(doc, name.start, start) and name.end < end and any(
                    c.isdigit() for c in doc[name.end].text):
                spans.append(Span(doc, name.start, name.end, label="ORG"))
                continue  # the team of "Jean-Marc Devaux ( France ) Ferrali 1:26.230"
            after_dismissal = name.start > start and doc[name.start - 1].text in DISMISSALS
            batsman = name.end < end and doc[name.end].text in DISMISSALS | {"lbw"} or \
                name.end + 1 < end and doc[name.end].text in {"run", "not"} and \
                doc[name.end + 1].text == "out"
            if after_dismissal or batsman or _figures(doc, name.end, end) or (
                    len(name) > 1 and gazetteer.place(name.text) is None and (
                        is_given_name(name[0].text) or _country_after(doc, name.end, end)
                        and not team_sport(doc))):
                spans.append(Span(doc, name.start, name.end, label="PERSON"))
                person_end = name.end
    return spans


def _club_bracket(doc: Doc, name: Span, end: int, person_end: int) -> bool:
    """A name alone in brackets right after a person's in a team sport's report, not a
    country's nor a region's: the player's club in a table of scorers ("Ian Wrigley (
    Castleford )"; "( Northern Ireland )" is a national side's)."""
    at = name.start - 1
    if at < 1 or doc[at].text != "(" or name.end >= end or doc[name.end].text != ")":
        return False
    if at != person_end and doc[at - 1].ent_type_ != "PERSON" or not team_sport(doc):
        return False  # an athlete's, a golfer's or a driver's bracket holds a country
    found = gazetteer.place(name.text.title() if name.text.isupper() else name.text)
    return found is None or found.kind not in {"country", "continent", "region"}


def _country_after(doc: Doc, at: int, end: int) -> bool:
    """A country in brackets at ``at``: the athlete's of "Tegla Marut ( Kenya ) 15:01.21"."""
    if at >= end or doc[at].text != "(":
        return False
    closing = next((j for j in range(at + 2, min(end, at + 6)) if doc[j].text == ")"), None)
    found = gazetteer.place(doc[at + 1:closing].text) if closing is not None else None
    return found is not None and found.kind == "country"


def _after_country(doc: Doc, at: int, line_start: int) -> bool:
    """A country in brackets right before ``at``: "( France )"."""
    if at - line_start < 3 or doc[at - 1].text != ")":
        return False
    opening = next((j for j in range(at - 2, max(line_start, at - 6) - 1, -1)
                    if doc[j].text == "("), None)
    found = gazetteer.place(doc[opening + 1:at - 1].text) if opening is not None else None
    return found is not None and found.kind == "country"


def _running_places(doc: Doc, text_lines: list[tuple[int, int]]) -> set[str]:
    """The names the model takes for places (GPE, LOC) in the lines of running text."""
    places = set()
    for start, end in text_lines:
        if not _table_line(doc, start, end) and not in_capitals(doc, start, end):
            places |= {e.text for e in doc[start:end].ents if e.label_ in {"GPE", "LOC"}}
    return places


def table_label(ent: Span) -> bool:
    """A table line's label the model took for a name: "Attendance" of "Attendance
    22,000", "Extras" of "Extras ( lb-4 w-3 ) 7"."""
    doc = ent.doc
    if len(ent) != 1 or ent[0].lower_ not in TABLE_LABELS or ent.end >= len(doc):
        return False
    nxt = doc[ent.end]
    line_start = ent.start == 0 or "\n" in doc[ent.start - 1].text_with_ws or \
        doc[ent.start - 1].text in {".", ";"}
    return line_start and (nxt.like_num or nxt.text in {":", "("})


def _table_line(doc: Doc, start: int, end: int) -> bool:
    """A line of a results table: numbers, names and brackets, no running text."""
    toks = doc[start:end]
    return 0 < len(toks) <= MAX_TABLE_TOKENS and any(t.like_num for t in toks) and all(
        t.lower_ in TABLE_WORDS for t in toks if t.is_alpha and t.is_lower) and not \
        in_capitals(doc, start, end) and toks[-1].text not in {"?", "!"} and \
        sum(t.is_alpha and t.is_lower for t in toks) < len(toks) / 2


def _figures(doc: Doc, at: int, end: int) -> bool:
    """Bowling figures at ``at``: overs-maidens-runs-wickets, "28-6-73-3"."""
    parts = [t.text for t in doc[at:min(at + 7, end)]]
    return len(parts) == 7 and all(p.isdigit() for p in parts[::2]) and \
        all(p == "-" for p in parts[1::2])


def _score(text: str) -> bool:
    return text.isdigit() and len(text) <= 3


def _line_names(doc: Doc, start: int, end: int) -> Iterator[Span]:
    """The capitalised names (``_team_name``) of the line ``doc[start:end]``, left to right."""
    i = start
    while i < end:
        name = _team_name(doc, i, start, end)
        if name is None:
            i += 1
        else:
            yield name
            i = name.end


def _team_name(doc: Doc, start: int, line_start: int, end: int) -> Span | None:
    """The capitalised name starting at ``start`` (up to four words) of the line
    ``doc[line_start:end]``, if one does."""
    if start >= end or not _capitalised(doc[start].text):
        return None
    if start > line_start and _capitalised(doc[start - 1].text):
        return None  # inside a longer name
    stop = start + 1
    while stop < end and stop - start < MAX_TEAM_WORDS and (
            _capitalised(doc[stop].text) or doc[stop].lower_ in TEAM_CONNECTORS):
        stop += 1
    while stop > start + 1 and doc[stop - 1].lower_ in TEAM_CONNECTORS:
        stop -= 1
    return doc[start:stop]


def _capitalised(text: str) -> bool:
    return text[:1].isupper() and any(c.isalpha() for c in text)


def _team_label(name: str) -> str:
    found = gazetteer.place(name)
    return "GPE" if found is not None and found.kind == "country" else "ORG"
