"""Where names stand in the text: the mentions ``extract.names`` works with.

A mention is a span with its cleaned words ("Gen Selim Idriss" → "Selim Idriss", "the
IOM's" → "IOM") and what votes for its label: the model's label, if the model found it,
and a context cue (``extract.name_context``).  Besides the model's entities, mentions come
from the forms of news writing that the model misses:

* an acronym defined in brackets names what stands before it: "Médecins Sans Frontières
  (MSF)" (the long name is added when its initials spell the acronym; a model entity that
  runs into the bracket, "World Health Organization (WHO", is split in two);
* a given name (or a capitalised word between commas) before a person's one-word name is
  that person's full name: ", Amadou Diallo," where "Mr Diallo" is a person;
* capitalised words ending in an organisation's or a newspaper's last word: "the Interior
  Ministry", "the Toronto Star";
* a name the article knows, or a known person's surname, written again where the model
  tagged nothing (``find_untagged``); in a line in capitals, in any case;
* a club the model found goes on with its town in a sentence with a score ("Vitesse" +
  "Arnhem", ``join_club_town``);
* an organisation's name goes on with what the body is for ("the ... Foundation" + "for the
  Visual Arts" → one name, ``join_purpose``); a name inside a "pro-"/"anti-" adjective
  ("the pro-Beijing camp") is no mention (``adjective_prefixed``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newsfeed.extract import gazetteer
from newsfeed.extract.given_names import is_given_name
from newsfeed.extract.name_context import (
    CITY_KINDS,
    HOLDING_WORDS,
    INDEX_NOUNS,
    LEAGUE_WORDS,
    LEGAL_FORMS,
    ORG_LAST_WORDS,
    PERSON_NOUNS,
    PERSON_TITLES,
    PLAYER_ROLES,
    TELL_FORMS,
    THING_LAST_WORDS,
    has_score,
    is_title,
    paper_name,
)
from newsfeed.extract.speech_words import (
    NOT_PERSON_NOUNS,
    PERSON_ROLE_NOUNS,
    PERSON_ROLE_SUFFIXES,
)
from newsfeed.extract.spelling import singular

LEADING_DROP = {"the", "a", "an"}
NATIONALITY_ENDINGS = ("an", "ese", "ish", "ch", "i")
NAME_PARTICLES = {"de", "van", "von", "der", "den", "da", "di", "du", "la", "le", "al", "el",
                  "bin", "ibn", "dos", "das", "del", "della", "ter", "ten"}
POSSESSIVE = {"'s", "’s", "'", "’"}
CONNECTORS = {"of", "the", "and", "for", "&", "de", "du", "des", "la", "le", "al"}
NAME_TOKEN = re.compile(r"^[A-Z0-9ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝŠŽČĆ]")
MAX_ACRONYM = 10
ADJECTIVE_PREFIXES = {"pro", "anti"}
# Last words of bodies whose names may go on with their purpose ("... Foundation for the
# Visual Arts", "... Council on Foreign Relations"), and the labels that purpose may carry.
BODY_WORDS = {"foundation", "council", "committee", "commission", "institute", "centre",
              "center", "association", "federation", "society", "agency", "fund", "league",
              "trust", "alliance", "board", "academy", "office", "bureau", "organisation",
              "organization", "coalition", "campaign", "network", "union"}
PURPOSE_LABELS = {"ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART",
                  "LAW", "LANGUAGE"}
INNER_WORDS = {"of", "for", "and", "&"}  # inside an organisation's name
SCORE = re.compile(r"^\d{1,2}[-–]\d{1,2}$")
# Job titles written after an organisation's name, no part of it: "the State Department
# Spokesperson", "the Bank Governor", "the agency's Director".
TRAILING_TITLES = {"spokesman", "spokeswoman", "spokesperson", "envoy", "president",
                   "governor", "director", "ambassador", "secretary", "chairman",
                   "chairwoman", "official", "prosecutor", "correspondent", "editor",
                   "adviser", "advisor", "administrator", "negotiator", "analyst",
                   "economist", "minister", "leader", "mayor", "commander"}
# Words of a job title that follow its title word: "Chief Executive", "Secretary General".
TITLE_TAIL_WORDS = PERSON_TITLES | PERSON_NOUNS | {"executive", "officer", "general", "elect",
                                                  "designate", "emeritus", "deputy"}
MAX_TITLED_WORDS = 3
# Capitalised words after a title that are no part of a person's name.
NOT_NAME_WORDS = ORG_LAST_WORDS | TITLE_TAIL_WORDS | set(THING_LAST_WORDS) | {
    "administration", "government", "cabinet", "senior", "junior", "jr", "sr"}
# Words that open a picture's caption or credit: "... in Washington D.C. Image: US Navy."
CAPTION_WORDS = {"image", "images", "photo", "photos", "picture", "photograph", "video",
                 "credit", "source", "file"}


@dataclass
class NameMention:
    """One mention: its span, its cleaned words and what votes for its label."""

    span: Span
    words: tuple[str, ...]
    model: str | None  # the model's label; None when the mention is not the model's
    cue: str | None = None  # the label its context (or the rule that found it) gives
    fixed: bool = False  # a dateline's place, a results line's team or a table's player

    @property
    def key(self) -> str:
        return name_key(self.words)

    @property
    def text(self) -> str:
        """The name as written (the span's own spacing), without a final full stop."""
        text = " ".join(self.span.text.split())
        return text[:-1] if self.words[-1] != self.span[-1].text else text


def name_key(words: tuple[str, ...]) -> str:
    """The name compared across mentions: case, dots and spacing aside."""
    return " ".join(words).casefold().replace(".", "")


def trim_span(span: Span, label: str) -> Span:
    """``span`` without leading lower-case words ("the", "the farm union FNSEA"), trailing
    line breaks, a sentence's opening "Shares of", trailing words of an organisation
    ("Interfax news agency", but "the Labour party"), punctuation at either end, a
    possessive, a score ("Valencia 2-1") or a number after a person's name ("Harwood 64"),
    a caption's first word ("Image:"), a job title after an organisation ("the State
    Department Spokesperson") or a title before a person's name."""
    doc = span.doc
    start, end = span.start, span.end
    while end - start > 1 and doc[end - 1].is_space:
        end -= 1  # the line break after "Major League" at a paragraph's end
    if end - start > 2 and doc[start].is_sent_start and doc[start].lower_ in HOLDING_WORDS \
            and doc[start + 1].lower_ == "of":
        start += 2  # "Shares of Hale & Dunmore Co rose"
    while start < end - 1 and (doc[start].lower_ in LEADING_DROP or doc[start].is_lower
                               and doc[start].text not in NAME_PARTICLES) and \
            not _the_in_name(doc[start:end]):
        start += 1  # "the farm union FNSEA", but "van Gaal", "The Hague"
    if label == "PERSON":
        while start < end - 1 and is_title(doc[start]) and doc[start + 1].is_title:
            start += 1
        if end - start >= 3 and _nationality_word(doc[start]) and \
                is_given_name(doc[start + 1].text):
            start += 1  # "Uruguayan Diego Ferreira"
    while end - start > 3 and doc[end - 1].like_num and doc[end - 2].text in {"-", "–"} \
            and doc[end - 3].like_num:
        end -= 3  # "Valencia 2-1", "Becker 6-4 6-3"
    while end - start > 1 and (SCORE.match(doc[end - 1].text) or label == "PERSON" and
                               doc[end - 1].text.isdigit()):
        end -= 1  # "Valencia 2-1"; "R. Harwood 64" of a scorecard
    if end - start > 1 and end < len(doc) and doc[end].text == ":" and \
            doc[end - 1].lower_ in CAPTION_WORDS:
        end -= 1  # "Washington D.C. Image: United States Navy."
    if label == "ORG" and end - start > 1 and doc[end - 1].is_title and \
            doc[end - 1].lower_ in TRAILING_TITLES and not any(
            t.lower_ in INNER_WORDS for t in doc[start:end - 1]):
        end -= 1  # "the State Department Spokesperson"; not "Office of the Prime Minister"
    while end > start + 1 and (doc[end - 1].text in POSSESSIVE or doc[end - 1].is_punct):
        end -= 1
    tail = end
    while tail > start + 1 and doc[tail - 1].is_lower and doc[tail - 1].is_alpha and \
            doc[tail - 2].whitespace_:  # not "Cheuk-ting"
        tail -= 1
    if tail < end and label == "ORG" and (end - tail > 1 or
                                          doc[end - 1].lower_ not in ORG_LAST_WORDS):
        end = tail  # "Interfax news agency" → "Interfax"; but "the Republican party"
    elif tail < end and label == "PERSON":
        end = tail  # "Peter Hansen de facto": no person's name ends in lower case
    while start < end - 1 and doc[start].is_punct:
        start += 1
    return Span(doc, start, end, label=label)


def _nationality_word(tok: Token) -> bool:
    """A capitalised word shaped like a nationality ("Uruguayan", "Japanese", "Danish",
    "Iraqi", "Dutch"), not a given name."""
    return tok.is_title and tok.is_alpha and not is_given_name(tok.text) and \
        tok.lower_.endswith(NATIONALITY_ENDINGS)


def _the_in_name(span: Span) -> bool:
    """ "The" belongs to the place's name: "The Hague" is one, "Hague" none; not "the
    Netherlands"."""
    if span[0].lower_ != "the" or len(span) < 2:
        return False
    text = " ".join(t.text for t in span)
    text = text.title() if text.isupper() else text
    rest = text.split(" ", 1)[1]
    return gazetteer.place("The " + rest) is not None and gazetteer.place(rest) is None


def mention(span: Span, model: str | None, cue: str | None) -> NameMention | None:
    """The mention written as ``span`` (trimmed), None when it holds no letters or only
    letters between slashes ("N / A")."""
    label = cue if cue == "PERSON" else span.label_
    span = trim_span(span, label)
    words = [t.text for t in span]
    if words[-1].endswith(".") and "." not in words[-1][:-1] and len(words[-1]) > 2:
        words[-1] = words[-1][:-1]  # "X." at the end of a sentence
    if not any(c.isalpha() for c in "".join(words)) or _letters_of_slashes(span):
        return None
    return NameMention(span, tuple(words), model, cue)


def _letters_of_slashes(span: Span) -> bool:
    """Single letters joined by slashes, "N / A" (not available) of a table, or one of
    them: no name."""
    doc = span.doc
    near = doc[max(span.start - 1, 0):min(span.end + 1, len(doc))]
    return any(t.text == "/" for t in near) and all(
        len(t.text) == 1 for t in span if t.text != "/")


def join_purpose(doc: Doc, ents: list[Span]) -> list[Span]:
    """An organisation's name that goes on with what the body is for or about, which the
    model cut off: "the Andy Warhol Foundation" + "for the Visual Arts", "the Joint
    Council" + "for the Welfare of Immigrants" → one ORG; not "the Council on Tuesday"."""
    starts = {e.start: e for e in ents}
    joined: list[Span] = []
    absorbed: set[int] = set()
    for ent in ents:
        if ent.start in absorbed:
            continue
        if ent.label_ == "ORG" and ent[-1].lower_ in BODY_WORDS:
            end = _purpose_end(doc, ent.end, starts)
            if end > ent.end:
                absorbed |= {e.start for e in ents if ent.end <= e.start < end}
                ent = Span(doc, ent.start, end, label="ORG")
        joined.append(ent)
    return joined


def join_club_town(doc: Doc, ents: list[Span]) -> list[Span]:
    """A club the model found, and the town it is named with that the model left out or
    took for a place of its own, as one ORG, in a sentence with a score: "PSV beat Vitesse"
    + "Arnhem 3-1" → "Vitesse Arnhem"; a country after it is no part of it."""
    by_start = {e.start: e for e in ents}
    joined: list[Span] = []
    absorbed: set[int] = set()
    for ent in ents:
        if ent.start in absorbed:
            continue
        town = doc[ent.end] if ent.end < len(doc) else None
        if ent.label_ == "ORG" and town is not None and town.is_title and \
                (not town.ent_type_ or by_start.get(town.i) is not None and
                 len(by_start[town.i]) == 1 and by_start[town.i].label_ == "GPE") and \
                not (town.i + 1 < len(doc) and doc[town.i + 1].is_title) and \
                (found := gazetteer.place(town.text)) is not None and \
                found.kind in CITY_KINDS and has_score(ent.sent):
            absorbed.add(town.i)
            ent = Span(doc, ent.start, ent.end + 1, label="ORG")
        joined.append(ent)
    return joined


def join_legal_form(doc: Doc, ents: list[Span]) -> list[Span]:
    """A company's legal form the model found alone, with the capitalised untagged words
    of the name before it, as one ORG: "telephone company Telenorte" + "SA" → "Telenorte
    SA" (up to three words, not a sentence's capitalised first word alone)."""
    out = []
    for ent in ents:
        start = ent.start
        if len(ent) == 1 and ent.label_ == "ORG" and ent[0].text.rstrip(".").lower() in \
                LEGAL_FORMS:
            while start > 0 and ent.start - start < MAX_TITLED_WORDS and \
                    doc[start - 1].is_title and not doc[start - 1].ent_type_ and \
                    doc[start - 1].pos_ == "PROPN":
                start -= 1
        out.append(ent if start == ent.start else Span(doc, start, ent.end, label="ORG"))
    return out


# Plurals after a town's name that name no team: agreements, events, and the parts of a
# place ("the Oslo Accords", "the Golan Heights", "Palm Springs").
NOT_NICKNAMES = {"accords", "conventions", "protocols", "agreements", "talks", "riots",
                 "attacks", "bombings", "games", "olympics", "islands", "isles", "hills",
                 "heights", "mountains", "falls", "springs", "gardens", "docks", "lakes",
                 "plains", "highlands", "fields", "sands", "woods", "downs", "flats",
                 "commons", "towers", "studios", "news", "times", "streets", "sessions",
                 "courts", "assizes", "police", "authorities", "residents", "citizens"}
NICKNAME_PARTS = {"", "ORG", "PERSON", "PRODUCT"}  # what the model may take a nickname for


def _nickname_end(doc: Doc, town: Span, starts: dict[int, Span]) -> int | None:
    """The end of the team whose town is ``town`` ("Houston" + "Comets"), or None."""
    nick = doc[town.end] if town.end < len(doc) else None
    if nick is None or not (nick.is_title and nick.is_alpha and len(nick) > 3) or \
            singular(nick.text) == nick.text or nick.lower_ in NOT_NICKNAMES or \
            nick.ent_type_ not in NICKNAME_PARTS or \
            nick.i in starts and len(starts[nick.i]) > 1 or \
            nick.i + 1 < len(doc) and (doc[nick.i + 1].is_title or
                                       doc[nick.i + 1].lower_ in INNER_WORDS):
        return None  # "Boston Friends of the Earth": the name goes on
    name = " ".join(t.text for t in town if t.lower_ != "the")
    found = gazetteer.place(name)
    if found is None or found.kind not in CITY_KINDS or \
            gazetteer.place(f"{name} {nick.text}") is not None:
        return None
    return nick.i + 1


def join_team_nickname(doc: Doc, ents: list[Span]) -> list[Span]:
    """A team named by its town and a plural nickname, which the model takes for the town
    alone or leaves out: "the Houston" + "Hornets", "the Memphis Comets" → ORG, as "the
    Denver Nuggets"; not "the Oslo Accords", "the Golan Heights", nor a nationality
    ("Gaza Palestinians")."""
    starts = {e.start: e for e in ents}
    joined: list[Span] = []
    end_at = 0
    for ent in ents:
        if ent.start < end_at:
            continue
        if ent.label_ in {"GPE", "LOC"} and (end := _nickname_end(doc, ent, starts)):
            end_at = end
            ent = Span(doc, ent.start, end, label="ORG")
        joined.append(ent)
    taken = {i for e in joined for i in range(e.start, e.end)}
    for tok in doc:
        if not tok.is_title or tok.ent_type_ or tok.i in taken:
            continue
        for n in (1, 2):  # a town the model left untagged: "Memphis", "San Antonio"
            nick = tok.i + n
            if nick >= len(doc) or not doc[nick].is_title or not doc[nick].text.endswith("s"):
                continue
            town = doc[tok.i:nick]
            if len(town) == n and all(t.is_title and not t.ent_type_ and t.i not in taken
                                      for t in town) and \
                    (end := _nickname_end(doc, town, starts)) and \
                    not any(i in taken for i in range(town.start, end)):
                joined.append(Span(doc, town.start, end, label="ORG"))
                taken |= set(range(town.start, end))
                break
    return sorted(joined, key=lambda e: e.start)


MAX_PARTICLES = 3  # "Ursula von der Leyen", "Edwin van der Sar"


def _particle_end(doc: Doc, at: int, lower: bool = True) -> int:
    """The end of "(von der) Leyen" at ``at``: up to three surname particles, the first
    capitalised when ``lower`` is False ("Von der Leyen" opening a sentence), then one
    capitalised word; ``at`` when there is none."""
    i = at
    while i < len(doc) and i - at < MAX_PARTICLES and doc[i].lower_ in NAME_PARTICLES and \
            (doc[i].is_lower or not lower and i == at and doc[i].is_title):
        i += 1
    if i == at or i >= len(doc) or not doc[i].is_title or not doc[i].is_alpha or \
            doc[i].is_sent_start:
        return at
    return i + 1


def _lower_particle(tok: Token) -> bool:
    return tok.is_lower and tok.lower_ in NAME_PARTICLES


def join_particles(doc: Doc, ents: list[Span]) -> list[Span]:
    """A person's name with its surname particles, which the model cuts off or leaves
    out: "Erik" + "ten Hag" → "Erik ten Hag", "Ursula von" + "der" + "Leyen" → "Ursula
    von der Leyen"; the surname so found, written again ("Ten Hag said", "Von der Leyen
    met"), is that person's too.  What the joined words held is no name of its own."""
    joined: list[Span] = []
    surnames: set[tuple[str, ...]] = set()
    end_at = 0
    for ent in ents:
        if ent.start < end_at:
            continue  # absorbed into the name before it
        back = ent.end
        while back - 1 > ent.start and _lower_particle(doc[back - 1]):
            back -= 1  # "Ursula von", "Edwin van der"
        if ent.label_ == "PERSON" or (back < ent.end or ent.label_ == "NORP") and \
                is_given_name(doc[back - 1].text):
            # also a given name the model took for a nationality: "Frans du" of "Frans du Toit"
            end = _particle_end(doc, back)
            if end > ent.end:
                end_at = end
                ent = Span(doc, ent.start, end, label="PERSON")
            first = next((t.i for t in ent[1:-1] if _lower_particle(t)), None)
            if first is not None and ent[-1].is_title:
                surnames.add(tuple(t.lower_ for t in doc[first:ent.end]))
        joined.append(ent)
    if not surnames:
        return joined
    taken = {i for e in joined if e.label_ == "PERSON" and len(e) > 2 for i in range(e.start,
                                                                                    e.end)}
    extra = []
    for tok in doc:
        end = _particle_end(doc, tok.i, lower=False)
        if end > tok.i and tok.i not in taken and \
                tuple(t.lower_ for t in doc[tok.i:end]) in surnames:
            extra.append(Span(doc, tok.i, end, label="PERSON"))
    if not extra:
        return joined
    covered = {i for e in extra for i in range(e.start, e.end)}
    kept = [e for e in joined if not covered & set(range(e.start, e.end))]
    return sorted(kept + extra, key=lambda e: e.start)


def _purpose_end(doc: Doc, at: int, starts: dict[int, Span]) -> int:
    """The end of "for (the) Capitalised Words" or "on ..." at ``at``, or ``at``."""
    i = at
    if i >= len(doc) or doc[i].lower_ not in {"for", "on"}:
        return at
    i += 1
    if i < len(doc) and doc[i].lower_ == "the":
        i += 1
    end = i
    while end < len(doc):
        tok = doc[end]
        if end in starts and starts[end].label_ not in PURPOSE_LABELS:
            break
        if tok.ent_type_ and tok.ent_type_ not in PURPOSE_LABELS:
            break
        word = tok.is_title or tok.is_upper and tok.is_alpha
        inner = tok.lower_ in INNER_WORDS | {"the"} and end + 1 < len(doc) and \
            doc[end + 1].is_title
        if not (word or inner):
            break
        end += 1
    return end if end > i and doc[end - 1].is_title else at


def adjective_prefixed(doc: Doc) -> set[int]:
    """Tokens of adjectives made of "pro-" or "anti-" and a name ("the pro-Beijing camp",
    "anti-American protests"): the prefix, its hyphen and the name's word, which does not
    name the place or person there."""
    found: set[int] = set()
    for tok in doc[2:]:
        dash, prefix = doc[tok.i - 1], doc[tok.i - 2]
        if dash.text == "-" and not prefix.whitespace_ and not dash.whitespace_ and \
                prefix.lower_ in ADJECTIVE_PREFIXES and tok.text[:1].isupper():
            found |= {prefix.i, dash.i, tok.i}
    return found


def without_prefixed(ent: Span, prefixed: set[int]) -> Span | None:
    """``ent`` without the adjective it starts with ("Pro-Beijing DAB" → "DAB"), None when
    nothing else is left; an organisation named so stays whole ("Anti-Defamation League")
    unless its adjective is made of a place ("Pro-Beijing DAB")."""
    start = ent.start
    while start < ent.end and start in prefixed:
        start += 1
    if start == ent.end:
        return None
    if start == ent.start or ent.label_ == "ORG" and gazetteer.place(
            ent.doc[start - 1].text) is None:
        return ent
    return Span(ent.doc, start, ent.end, label=ent.label_)


def initials(words: tuple[str, ...]) -> str:
    """ "International Committee of the Red Cross" → "ICRC"."""
    return "".join(w[0] for w in words if w.lower() not in CONNECTORS and w[:1].isalpha()).upper()


def acronym_definitions(doc: Doc, mentions: list[NameMention]
                        ) -> tuple[list[NameMention], dict[str, str]]:
    """Names followed by a bracketed acronym: "Médecins Sans Frontières (MSF)".

    Returns the long names the model missed (added when their initials spell the acronym)
    and the acronyms it left untagged, and acronym key → long name key.
    """
    ending = {m.span.end: m for m in mentions}
    starting = {m.span.start: m for m in mentions}
    found: list[NameMention] = []
    aliases: dict[str, str] = {}
    for i in range(1, len(doc) - 2):
        acronym = doc[i + 1].text
        if doc[i].text != "(" or doc[i + 2].text != ")" or not _acronym_like(acronym):
            continue
        long = ending.get(i) or _spelled_out(doc, i, acronym, starting)
        if long is None or len(long.words) < 2 or long.key == acronym.casefold() or \
                not _may_abbreviate(acronym, long):
            continue
        if ending.get(i) is not long:
            found.append(long)
        if i + 1 not in starting and not doc[i + 1].ent_type_:  # "( SPD )" left untagged
            label = long.model or long.cue or "ORG"
            found.append(NameMention(Span(doc, i + 1, i + 2, label=label), (acronym,), None,
                                     label))
        aliases[acronym.casefold()] = long.key
    return found, aliases


def _may_abbreviate(acronym: str, long: NameMention) -> bool:
    """A bracketed word can stand for the name before it: its initials ("Médecins Sans
    Frontières (MSF)"), or a short form of an organisation ("(Unicef)"); not a place or
    anything else after a person's name, as results give a player's country: "Goran
    Ivanisevic (Croatia)", "Ruth Adams (Kenya)"."""
    if initials(long.words) == acronym.upper():
        return True
    return long.model != "PERSON" and long.cue != "PERSON" and gazetteer.place(acronym) is None


def split_bracketed(ent: Span) -> list[Span]:
    """A model entity that runs into a bracketed acronym, as two: "The World Health
    Organization (WHO" → "The World Health Organization", "WHO"."""
    doc = ent.doc
    for i in range(ent.start + 1, ent.end - 1):
        if doc[i].text == "(" and _acronym_like(doc[i + 1].text) and \
                (i + 2 == ent.end or doc[i + 2].text == ")"):
            return [Span(doc, ent.start, i, label=ent.label_),
                    Span(doc, i + 1, i + 2, label=ent.label_)]
    return [ent]


def split_at_article(ent: Span) -> list[Span]:
    """A model entity that runs over a lower-case "the" straight after a name into a name
    of two words or more, as two: "told Reuters the Finance Ministry" → "Reuters", "Finance
    Ministry"; not "Bank of the West", nor "Alexander the Great"."""
    doc = ent.doc
    for i in range(ent.start + 1, ent.end - 2):
        if doc[i].text == "the" and doc[i - 1].is_title and \
                doc[i - 1].lower_ not in CONNECTORS and \
                all(t.is_title for t in doc[i + 1:ent.end]):
            return [Span(doc, ent.start, i, label=ent.label_),
                    Span(doc, i + 1, ent.end, label=ent.label_)]
    return [ent]


def split_dashed(ent: Span) -> list[Span]:
    """A model entity that runs over a dash between spaces, as two names: "Borussia
    Kettwig - Dieter Vogl" of a scorers line → the team, and the player (a person when a
    given name opens it, and then what stands before it, unless a person too, a team); a
    hyphen inside a name ("Al-Ain", "Kara-Murza") has no spaces."""
    doc = ent.doc
    for i in range(ent.start + 1, ent.end - 1):
        if doc[i].text in {"-", "–", "--"} and doc[i - 1].whitespace_ and doc[i].whitespace_ \
                and doc[i - 1].is_title and doc[i + 1].is_title:
            right = doc[i + 1:ent.end]
            person = 2 <= len(right) <= 3 and is_given_name(right[0].text) and \
                all(t.is_title for t in right)
            team = person and not is_given_name(doc[ent.start].text)  # "Team - Player"
            return [Span(doc, ent.start, i, label="ORG" if team else ent.label_),
                    Span(doc, i + 1, ent.end, label="PERSON" if person else ent.label_)]
    return [ent]


# Role nouns that a name may follow with no "the": "Constable Eilidh Grant", "Organiser
# Tamsin Rowe", "Striker Marcus Hale" (the model takes the whole for one name).
ROLE_WORDS = PERSON_TITLES | PERSON_NOUNS | PLAYER_ROLES | PERSON_ROLE_NOUNS | {
    "constable", "superintendent", "detective", "sergeant", "inspector", "officer",
    "coroner", "magistrate", "sheriff", "warden", "trooper", "councillor", "councilor"}


def role_word(tok: Token) -> bool:
    """A capitalised role noun ("Organiser", "Constable"), not a given name ("Hunter")."""
    low = tok.lower_
    return tok.is_title and tok.is_alpha and not is_given_name(tok.text) and (
        low in ROLE_WORDS or low.endswith(PERSON_ROLE_SUFFIXES) and low not in NOT_PERSON_NOUNS)


def without_role(ent: Span) -> Span:
    """A name after a role noun, as a person: "Organiser Tamsin Rowe" (what the model took
    for one organisation) → "Tamsin Rowe"; a given name and one or two more capitalised
    words must follow ("Coroner Services Board" stays whole)."""
    if len(ent) < 3 or len(ent) > 5 or not role_word(ent[0]) or \
            not (ent[1].is_title and is_given_name(ent[1].text)) or \
            not all(t.is_title or _lower_particle(t) for t in ent[2:]) or \
            not ent[-1].is_title or len(ent) == 5 and not any(map(_lower_particle, ent[2:])) or \
            any(t.lower_ in ORG_LAST_WORDS or t.lower_ in THING_LAST_WORDS for t in ent[1:]):
        return ent
    return Span(ent.doc, ent.start + 1, ent.end, label="PERSON")


def split_coordinated(ent: Span) -> list[Span]:
    """An organisation the model ran over "and" into the next, as two when each part is a
    name of two words or more ending in an organisation's last word: "Huawei Technologies
    and Tencent Holdings"; not "Department of Health and Human Services"."""
    doc = ent.doc
    for i in range(ent.start + 2, ent.end - 2):
        if doc[i].lower_ not in {"and", "&"}:
            continue
        left, right = doc[ent.start:i], doc[i + 1:ent.end]
        if all(len(part) >= 2 and part[-1].lower_.rstrip(".") in ORG_LAST_WORDS and
               part[0].is_title for part in (left, right)):
            return [Span(doc, left.start, left.end, label=ent.label_),
                    Span(doc, right.start, right.end, label=ent.label_)]
    return [ent]


def _acronym_like(text: str) -> bool:
    return text[:1].isupper() and text.isalnum() and 2 <= len(text) <= MAX_ACRONYM


def _spelled_out(doc: Doc, end: int, acronym: str, starting: dict[int, NameMention]
                 ) -> NameMention | None:
    """The untagged capitalised words before ``end`` whose initials spell ``acronym``."""
    start = end
    while start > 0 and (doc[start - 1].is_title or doc[start - 1].lower_ in CONNECTORS) \
            and not doc[start - 1].ent_type_:
        start -= 1
    while start < end and not doc[start].is_title:
        start += 1
    words = tuple(t.text for t in doc[start:end])
    if not words or start in starting or initials(words) != acronym.upper():
        return None
    short = starting.get(end + 1)
    label = short.model if short is not None and short.model else "ORG"
    return NameMention(Span(doc, start, end, label=label), words, None, label)


def untagged_titled_names(doc: Doc, taken: set[int]) -> list[NameMention]:
    """A person's full name the model left untagged after a title: "Defence Minister Rustem
    Umerov urged ...", "Secretary General Mark Rutte said": two or three capitalised proper
    nouns right after the title words, ending before a word that is not capitalised; none
    of them an organisation's, a thing's or a title's word."""
    found = []
    i = 0
    while i < len(doc):
        if not is_title(doc[i]) or i in taken:
            i += 1
            continue
        start = i + 1
        while start < len(doc) and doc[start].is_title and \
                doc[start].lower_.rstrip(".") in TITLE_TAIL_WORDS:
            start += 1
        end, words = start, 0
        while end < len(doc) and words <= MAX_TITLED_WORDS and end not in taken:
            if _name_hyphen(doc, end) and end > start:
                end += 1  # "Ahmed Al-Khatib"
            elif doc[end].is_title and doc[end].pos_ == "PROPN" and not doc[end].is_stop and \
                    doc[end].lower_ not in NOT_NAME_WORDS:
                end, words = end + 1, words + 1
            else:
                break
        after = doc[end] if end < len(doc) else None
        if 2 <= words <= MAX_TITLED_WORDS and doc[end - 1].text != "-" and (
                after is None or not (after.is_title or after.is_upper or end in taken)) and \
                gazetteer.place(doc[start:end].text) is None:
            span = without_role(Span(doc, start, end, label="PERSON"))  # "Chief Constable"
            found.append(NameMention(span, tuple(t.text for t in span), None, "PERSON"))
        i = max(end, i + 1)
    return found


def untagged_nationals(doc: Doc, taken: set[int]) -> list[NameMention]:
    """A person's full name the model left untagged that the text gives a country: a given
    name and one or two more capitalised proper nouns after a nationality ("German Heike
    Sander") or a country's possessive ("Sweden's Karolina Mest"), or before "of" or a
    bracket and a country ("Karolina Mest of Sweden", "Ernie Els ( South Africa )")."""
    found = []
    for tok in doc[1:]:
        start = tok.i
        if start in taken or not is_given_name(tok.text) or not _name_word(tok, given=True) or \
                doc[start - 1].is_title and doc[start - 1].ent_type_ != "NORP":
            continue
        end = start + 1
        while end < len(doc) and end - start < MAX_TITLED_WORDS and end not in taken and \
                _name_word(doc[end]):
            end += 1
        if end - start < 2 or end < len(doc) and (doc[end].is_title or end in taken) or \
                gazetteer.place(doc[start:end].text) is not None:
            continue
        if _nationality_before(doc, start) or _country_after(doc, end):
            span = Span(doc, start, end, label="PERSON")
            found.append(NameMention(span, tuple(t.text for t in span), None, "PERSON"))
    return found


def _name_word(tok: Token, given: bool = False) -> bool:
    """A word of a person's name: a capitalised proper noun (a given name may be tagged as
    a noun: "4 - Pablo Serrat")."""
    return tok.is_title and tok.pos_ in ({"PROPN", "NOUN"} if given else {"PROPN"}) and \
        not tok.is_stop and tok.lower_ not in NOT_NAME_WORDS


def _nationality_before(doc: Doc, start: int) -> bool:
    """ "German" or "Sweden's" right before ``start``."""
    before = doc[start - 1]
    if before.ent_type_ == "NORP" and before.ent_iob_ == "B" and before.is_title:
        return True
    if before.text not in POSSESSIVE or start < 2:
        return False
    country = gazetteer.place(doc[start - 2].text)
    return country is not None and country.kind == "country"


def _country_after(doc: Doc, end: int) -> bool:
    """ "of Sweden" or "( South Africa" right after ``end``."""
    if end + 1 >= len(doc) or doc[end].text not in {"of", "("}:
        return False
    for n in (3, 2, 1):
        words = doc[end + 1:end + 1 + n]
        country = gazetteer.place(words.text) if len(words) == n else None
        if country is not None and country.kind == "country":
            return True
    return False


def _name_hyphen(doc: Doc, i: int) -> bool:
    """A hyphen joining two capitalised parts of one name: "Al-Khatib"."""
    return doc[i].text == "-" and i + 1 < len(doc) and not doc[i - 1].whitespace_ and \
        not doc[i].whitespace_ and doc[i + 1].is_title


def untagged_countries(doc: Doc, taken: set[int]) -> list[Span]:
    """Countries the model left untagged in running text ("Wales coach Kevin Bowring
    named ..."), up to three words, as GPE spans: a name of its own, written as a proper
    noun, not a given name ("Chad", "Jordan")."""
    spans = []
    free = set(range(len(doc))) - taken
    firsts = gazetteer.country_first_words()
    candidates = [t.i for t in doc if t.i in free and t.text in firsts and t.is_title]
    for n in (3, 2, 1):
        for s in candidates:
            if s + n > len(doc) or not all(j in free for j in range(s, s + n)):
                continue
            found = gazetteer.place(doc[s:s + n].text)
            if found is None or found.kind != "country" or is_given_name(doc[s].text) or \
                    not _standalone(doc, s, s + n) or (n == 1 and doc[s].pos_ != "PROPN"):
                continue
            spans.append(Span(doc, s, s + n, label="GPE"))
            free -= set(range(s, s + n))
    return spans


def untagged_full_names(doc: Doc, surnames: set[str], taken: set[int]) -> list[NameMention]:
    """Full names of one-word persons that the model left untagged: a given name (or a
    capitalised word between commas, "the UNHCR's representative, Amadou Diallo,") right
    before the surname."""
    found = []
    taken = set(taken)
    for tok in doc[1:]:
        given = doc[tok.i - 1]
        if tok.text not in surnames or given.i in taken or not given.is_title or \
                given.pos_ != "PROPN" or given.is_stop:
            continue  # not "As Heald said"
        apposed = doc[given.i - 1].text == "," and tok.i + 1 < len(doc) and \
            doc[tok.i + 1].text in {",", "."}
        if is_given_name(given.text) or apposed:
            span = Span(doc, given.i, tok.i + 1, label="PERSON")
            found.append(NameMention(span, (given.text, tok.text), None, "PERSON"))
            taken |= {given.i, tok.i}
    return found


def untagged_organisations(doc: Doc, taken: set[int]) -> list[NameMention]:
    """Capitalised words the model left untagged that end in an organisation's last word, a
    league's or a newspaper's: "the Interior Ministry said", "National Hockey League
    games", "the Toronto Star", also after a name the
    model found: "Saudi Interior Ministry", "Kinross Minerals"; not the tail of a longer
    name ("Aviation & Space Museum", "Air and Space Museum")."""
    found = []
    i = 0
    while i < len(doc):
        start = i
        if i in taken and doc[i].ent_iob_ == "B":  # "Saudi" of "Saudi Interior Ministry",
            i += 1  # "Kinross" of "Kinross Minerals"
            while i < len(doc) and doc[i].ent_iob_ == "I":
                i += 1
            if doc[start].lower_ in LEADING_DROP:
                start += 1
            if i == start or not all(t.is_title or t.is_upper for t in doc[start:i]):
                i = max(i, start + 1)
                continue
        while i < len(doc) and i not in taken and (
                doc[i].is_title and doc[i].lower_ != "the" or doc[i].lower_ in INNER_WORDS
                and i > start and i + 1 < len(doc) and doc[i + 1].is_title):
            i += 1
        if start + 2 < i and doc[start].is_sent_start and doc[start].pos_ == "NOUN" and \
                doc[start + 1].lower_ in INNER_WORDS:
            start += 2  # "Results of National Hockey League games"
            before = None
        else:
            before = doc[start - 1] if start > 0 else None
        words = [t.text for t in doc[start:i]]
        joined = before is not None and (before.i in taken or before.is_title) and \
            not before.is_sent_start or before is not None and (
            before.lower_ in INNER_WORDS or not before.whitespace_ and not before.is_space)
        # "Sea-Air-Space Museum"
        if len(words) >= 2 and doc[i - 1].i not in taken and not joined and (
                words[-1].lower() in ORG_LAST_WORDS | LEAGUE_WORDS or paper_name(words)):
            found.append(NameMention(Span(doc, start, i, label="ORG"), tuple(words), None,
                                     "ORG"))
        i = max(i, start + 1)
    return found


def untagged_addressees(doc: Doc, taken: set[int]) -> list[NameMention]:
    """A body the model left untagged that someone told something: "Grundmann told the
    Bundestag the deficit would fall", "told the Sejm"; one to three capitalised words
    after "told the" (a person is told with no "the") or "news agency"."""
    found = []
    for tok in doc[:-2]:
        if tok.lower_ == "news" and doc[tok.i + 1].lower_ == "agency":
            start = end = tok.i + 2  # "the state news agency Kestpress said"
        elif tok.lower_ in TELL_FORMS and doc[tok.i + 1].text == "the":
            start = end = tok.i + 2
        else:
            continue
        while end < len(doc) and end - start < 3 and end not in taken and doc[end].is_title \
                and doc[end].is_alpha and doc[end].pos_ == "PROPN":
            end += 1
        if start < end and (end == len(doc) or not doc[end].is_title):
            found.append(NameMention(Span(doc, start, end, label="ORG"),
                                     tuple(t.text for t in doc[start:end]), None, "ORG"))
    return found


def untagged_indices(doc: Doc, taken: set[int]) -> list[NameMention]:
    """A stock index the model left untagged, as an ORG: the capitalised words (and
    numbers) between "the" and "index" or "average": "the DAX index", "the FTSE 100
    index", "the Nikkei average"."""
    found = []
    for tok in doc[2:]:
        if tok.lower_ not in INDEX_NOUNS or not tok.is_lower:
            continue
        start = tok.i
        while start > 0 and tok.i - start < MAX_TITLED_WORDS and start - 1 not in taken and \
                doc[start - 1].lower_ != "the" and (
                doc[start - 1].is_title or doc[start - 1].is_upper and doc[start - 1].is_alpha
                or doc[start - 1].like_num and start < tok.i):
            start -= 1
        if start == tok.i or start == 0 or doc[start - 1].lower_ != "the" or \
                doc[start].like_num or gazetteer.place(doc[start:tok.i].text) is not None:
            continue
        span = Span(doc, start, tok.i, label="ORG")
        found.append(NameMention(span, tuple(t.text for t in span), None, "ORG"))
    return found


def find_untagged(doc: Doc, forms: list[tuple[tuple[str, ...], int]], free: set[int],
                  folded: bool = False) -> list[tuple[int, int, int]]:
    """Where the names ``forms`` (words, owner) stand among the ``free`` tokens, longest
    first: (start, end, owner).  ``folded``: in any case (lines in capitals); else as
    written, as a name of their own (not inside a longer capitalised name)."""
    texts = [t.text.casefold() if folded else t.text for t in doc]
    words = {t.lower_ for t in doc if t.is_lower}
    free = set(free)
    found = []
    for words, owner in sorted(forms, key=lambda f: -len(f[0])):
        if not folded and not all(NAME_TOKEN.match(w) for w in words):
            continue
        target = [w.casefold() for w in words] if folded else list(words)
        n = len(target)
        for i in sorted(free):
            if texts[i:i + n] != target or not all(j in free for j in range(i, i + n)):
                continue
            if folded or _standalone(doc, i, i + n, words):
                found.append((i, i + n, owner))
                free -= set(range(i, i + n))
    return found


def _standalone(doc: Doc, start: int, end: int, words: set[str] | None = None) -> bool:
    """Not part of a longer capitalised name, and a proper noun (or an acronym in
    capitals, "WHO said") when one word; or a capitalised word the article never writes in
    lower case (``words``), which the tagger may take for a noun at a sentence's start
    ("Bowring said") or after a quote ('"...," Woods said'); not when a hyphen joins it to
    the next word ("Scientology-related")."""
    before = doc[start - 1] if start > 0 else None
    if before is not None and before.is_title and before.pos_ == "PROPN" and \
            not is_title(before) and not before.is_sent_start:
        return False
    if end < len(doc) and doc[end].is_title and doc[end].pos_ == "PROPN" and \
            doc[end].lower_ not in TITLE_TAIL_WORDS:  # but "PBOC Governor Pan Gongsheng"
        return False
    word = doc[start]
    return end - start > 1 or word.pos_ == "PROPN" or len(word) > 1 and word.is_upper or (
        words is not None and word.is_title and word.lower_ not in words
        and not _hyphened(doc, end))


def _hyphened(doc: Doc, end: int) -> bool:
    """Does a hyphen join the word before ``end`` to the next ("Scientology-related")?"""
    return end < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_


def places_in_capitals(doc: Doc, start: int, end: int, free: set[int]) -> list[Span]:
    """Countries, capitals and big cities in a capitals line ("SOCCER - JAPAN GET LUCKY
    WIN , CHINA IN SURPRISE DEFEAT"), up to three words long, among ``free`` tokens."""
    free = set(free)
    spans = []
    for n in (3, 2, 1):
        for s in range(start, end - n + 1):
            if not all(j in free for j in range(s, s + n)):
                continue
            text = doc[s:s + n].text
            found = gazetteer.place_in_capitals(text) if text.isupper() else None
            if found is not None:
                spans.append(Span(doc, s, s + n, label=found.label))
                free -= set(range(s, s + n))
    return spans
