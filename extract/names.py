"""Entities as the article sees them: one label per name, partial names tied to full ones.

The model labels each mention on its own, so the same name can be a PERSON in one
sentence and an ORG in the next.  ``resolve_names`` (run by the pipeline component
``newsfeed_entity_repair`` right after ``ner``) decides per article:

1. *Lines that are not running text* (``extract.headlines``): a dateline's place is a
   GPE, the teams of a results line are ORGs (GPE for a country); the model's guesses
   inside a line in capitals are dropped, and so are the starts of job titles it took
   for organisations ("Home" of "Home Secretary") and a body's common noun opening a
   sentence ("Party leader ..."); a model entity over a spaced dash is two ("Team -
   Player" of a scorers line), a legal form it found alone takes the name before it.
2. *Mentions* (``extract.name_spans``) and their votes: the model's label (1 per
   mention), a context cue (``extract.name_context``, 2.5 per mention: it wins a tie
   with the model), and once per name the gazetteer (``extract.gazetteer``: 1 for a
   city of 100,000 people … 3 for a country).  A place cue holds for the whole list it
   stands in ("the districts of A, B and C"); a name listed among persons only, two or
   more, is a person ("Ansel Adams, Chuck Close, Walker Evans"); among organisations an
   organisation, unless the gazetteer knows it ("Ubisoft, Nintendo and Sony").
3. *Names*: mentions of the same name (case and dots aside) form one group, and the
   group's label is the one with most votes: coarse type first (person, organisation,
   place, group, other; ties in that order), then the fine label (GPE/LOC/FAC).  Context
   cues that all say the same ("the town of Qusair") outrank the model's votes.  A
   one-word "person" or "place" that the article also writes as a lower-case word
   ("Iodine" opening a sentence, "iodine" elsewhere), with no cue and unknown to the
   gazetteer, is a word, not a name; so is a one-word "place" found once, unknown to the
   gazetteer, with no cue, no preposition or article before it and no known place after
   it ("Agatha", not "in Kanata" or "Evanston, Illinois").
4. *Partial names* join their full form: a surname joins a person's full name ("Havel"
   → "Vaclav Havel", even where the model called "Havel" an ORG), a titled surname joins
   a full name whatever its label ("Ms Kayembe" → "Thérèse Kayembe"), the last word of a
   storm's or vehicle's name joins it ("Phailin" → "Cyclone Phailin"), a surname with its
   particles joins the full name in any case ("Ten Hag" → "Erik ten Hag"), an acronym joins the
   name it is defined after ("Unicef" → "United Nations Children's Fund"), a company's
   name joins its form with the legal form or its trade ("Nvidia" → "Nvidia Corp.",
   "Siemens" → "Siemens AG", "Dongbu" → "Dongbu Metals"), an initial and a surname the
   one full name they abbreviate ("C. Baptiste" → "Colin Baptiste").  When the full
   form is a person beyond doubt (a given name and a PERSON label) the cluster is that
   person; otherwise all votes count, the full form's twice.  A surname that fits two
   full names ("Wilkins") is a person, tied to neither.
5. *Missed mentions*: capitalised words the model left untagged that end in an
   organisation's, a league's or a newspaper's last word ("the Interior Ministry") are an
   ORG, and so is a stock index ("the DAX index"); a given name and a surname the text
   gives a country ("German Heike Sander", "Karolina Mest of Sweden") a PERSON; a name
   the article bears out (``_confirmed``), or a person's surname, written again where the
   model tagged nothing is tagged with its label; in a line in capitals the article's
   names (with persons' surnames and organisations' initials: "PLO") are found in any
   case, and countries, capitals and big cities from the gazetteer.

``NameCluster.confidence`` (0–1) rates the label, from what the dev sets showed each kind
of evidence to be worth: 0.95 a person with a given name; 0.8 a person's full name with
partial mentions, 0.6 without (0.45 when the model found it once); 0.85 a place the
gazetteer knows, 0.9 a dateline place (or a country in a results line), 0.55 a place only
the context says is one ("the town of Qusair"), 0.4 a "place" the gazetteer does not
know; an ORG 0.45 for one or two model votes (or none), 0.75 for three or more; +0.15 for
an agreeing context cue (below 0.8); −0.15 when the model itself mostly voted otherwise;
0.45 for a gazetteer place seen only in a capitals line; 0.45 for a one-word "person"
never named in full (0.55 when the model found it three times or more).  On the dev sets
the mentions of persons, organisations and places at 0.5 or above were right about 85 %
of the time, those below about 50 % (nationality words are not annotated there).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import NamedTuple

from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from newsfeed.extract import gazetteer
from newsfeed.extract.given_names import is_given_name
from newsfeed.extract.headlines import (
    caps_lines,
    dateline_places,
    results_teams,
    table_label,
    table_players,
)
from newsfeed.extract.headlines import lines as all_lines
from newsfeed.extract.name_context import (
    LEGAL_FORMS,
    ORG_LAST_WORDS,
    ORG_NOUNS,
    THING_LAST_WORDS,
    TRADE_WORDS,
    context_label,
    kind_of,
    team_sport,
    title_not_name,
)
from newsfeed.extract.name_spans import (
    LEADING_DROP,
    NAME_PARTICLES,
    ROLE_WORDS,
    NameMention,
    acronym_definitions,
    adjective_prefixed,
    find_untagged,
    initials,
    join_club_town,
    join_legal_form,
    join_particles,
    join_purpose,
    join_team_nickname,
    mention,
    name_key,
    places_in_capitals,
    split_at_article,
    split_bracketed,
    split_coordinated,
    split_dashed,
    untagged_addressees,
    untagged_countries,
    untagged_full_names,
    untagged_indices,
    untagged_nationals,
    untagged_organisations,
    untagged_titled_names,
    without_prefixed,
    without_role,
)

NAME_LABELS = {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT",
               "WORK_OF_ART", "LAW", "LANGUAGE"}
COARSE = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE",
          "NORP": "NORP"}
TIE_ORDER = ("PERSON", "ORG", "PLACE", "NORP", "OTHER")
FOUND_TYPES = ("PERSON", "ORG", "PLACE")  # the types whose missed mentions are looked for
MODEL_VOTE = 1.0
CUE_VOTE = 2.5
LIST_WORDS = {",", "and", "or"}
# Words for people that the model takes for a name when capitalised ("Men's singles")
PEOPLE_WORDS = {"men", "women", "boys", "girls", "ladies", "gentlemen"}
INITIAL = re.compile(r"^[A-Z]\.?$")  # "C." of "C. Baptiste"
PERSON_WORD = re.compile(r"^[^\W\d_][^\W\d_'’.-]*(?:['’-][^\W\d_]+)*\.?$")
CAPS_PLACE_CONFIDENCE = 0.45
COUNTRY_CONFIDENCE = 0.85  # a country's name the model left untagged in running text
# A dateline's place, a results line's team or a table's player named otherwise elsewhere.
FIXED_CONFIDENCE = {"PLACE": 0.9, "ORG": 0.6, "PERSON": 0.6, "NORP": 0.6, "OTHER": 0.6}


def coarse(label: str) -> str:
    """PERSON, ORG, PLACE, NORP or OTHER."""
    return COARSE.get(label, "OTHER")


@dataclass
class NameGroup:
    """All mentions of one name in the article."""

    key: str
    words: tuple[str, ...]
    text: str  # the name as the running text writes it
    mentions: list[NameMention] = field(default_factory=list)
    place: gazetteer.Place | None = None
    head: NameGroup | None = None  # the full form this partial name belongs to

    def votes(self, running: bool = False) -> Counter[str]:
        """Label → weight of the votes of this name's mentions and of the gazetteer;
        ``running``: of its mentions in running text only (not a dateline's, a results
        line's or a table's)."""
        votes: Counter[str] = Counter()
        for m in self.mentions:
            if running and m.fixed:
                continue
            if m.model:
                votes[m.model] += MODEL_VOTE
            if m.cue:
                votes[m.cue] += CUE_VOTE
        if self.place is not None:
            votes[self.place.label] += self.place.weight
        return votes

    @property
    def label(self) -> str | None:
        return decide(self.votes())

    def root(self) -> NameGroup:
        group = self
        while group.head is not None:
            group = group.head
        return group


class NameCluster(NamedTuple):
    """A name in the article with all its mentions: what ``extract.entities`` reports.

    A plain tuple, so that a Doc carrying it (``doc._.newsfeed_names``) still serialises.
    """

    name: str
    label: str
    confidence: float
    spans: list[tuple[int, int]]  # token offsets of the mentions, in text order


@dataclass
class _Cluster:
    """A name with its partial forms while the article is resolved."""

    members: list[NameGroup]
    head: NameGroup
    label: str

    @property
    def mentions(self) -> list[NameMention]:
        return [m for g in self.members for m in g.mentions]


def decide(votes: Counter[str]) -> str | None:
    """The winning label: coarse type first (ties: person, organisation, place, ...),
    then the fine label within it."""
    if not votes:
        return None
    by_coarse: Counter[str] = Counter()
    for label, weight in votes.items():
        by_coarse[coarse(label)] += weight
    best = max(by_coarse, key=lambda c: (by_coarse[c], -TIE_ORDER.index(c)))
    return max((label for label in votes if coarse(label) == best), key=lambda x: votes[x])


def person_like(words: tuple[str, ...]) -> bool:
    """Words that can be a person's full name: 2-4 capitalised words (a hyphenated one
    counts as one: "Vladimir Kara-Murza"), no organisation word, not the name of a road or
    a thing ("Castle Road")."""
    words = _hyphens_joined(words)
    return 2 <= len(words) <= 4 and words[-1].lower() not in THING_LAST_WORDS and all(
        PERSON_WORD.match(w) and w.lower() not in ORG_LAST_WORDS for w in words)


def _hyphens_joined(words: tuple[str, ...]) -> tuple[str, ...]:
    """ "Kara", "-", "Murza" → "Kara-Murza"."""
    out: list[str] = []
    for i, w in enumerate(words):
        if w == "-" and out and i + 1 < len(words):
            out[-1] += "-"
        elif out and out[-1].endswith("-"):
            out[-1] += w
        else:
            out.append(w)
    return tuple(out)


def known_person(group: NameGroup) -> bool:
    """A person's full name beyond doubt: a given name, more names, and a PERSON label."""
    return person_like(group.words) and is_given_name(group.words[0]) and \
        group.label == "PERSON"


def _place_evidence(group: NameGroup) -> bool:
    return group.place is not None or any(m.cue and coarse(m.cue) == "PLACE"
                                          for m in group.mentions)


def _partial_of(short: NameGroup, full: NameGroup) -> bool:
    """``short`` is the surname (last words) of ``full``, and belongs to it."""
    s, f = _particles_folded(short.words), _particles_folded(full.words)
    if len(s) >= len(f) or s != f[-len(s):] or not person_like(f):
        return False
    if kind_of(f) is not None:  # "Phailin" → "Cyclone Phailin"
        return True
    if full.label == "PERSON":  # "Havel" → "Vaclav Havel"; "Amsterdam" ↛ "Ajax Amsterdam"
        return known_person(full) or not any(m.cue and coarse(m.cue) == "PLACE"
                                             for m in short.mentions)
    # "Ms Kayembe" → "Thérèse Kayembe", whatever the model called her
    return any(m.cue == "PERSON" for m in short.mentions)


def _last_word_of(short: NameGroup, full: NameGroup) -> bool:
    """``short`` is the last word of the organisation ``full`` of two or three capitalised
    words (its legal form aside), and no place, role noun nor person's name: "Alliance" of
    "Civic Alliance", "Ericsson" of "LM Ericsson AB"."""
    words = company_name(full.words) or full.words
    return len(short.words) == 1 and 2 <= len(words) <= 3 and full.label == "ORG" and \
        words[-1] == short.words[0] and short.words[0][:1].isupper() and \
        short.words[0].lower() not in ROLE_WORDS and \
        all(w[:1].isupper() for w in words) and not _place_evidence(short) and \
        not any(m.cue == "PERSON" for m in short.mentions) and short.root() is not full.root()


def _particles_folded(words: tuple[str, ...]) -> tuple[str, ...]:
    """Surname particles in lower case: "Ten Hag" opening a sentence is "ten Hag"."""
    return tuple(w.lower() if w.lower() in NAME_PARTICLES else w for w in words)


def company_name(words: tuple[str, ...]) -> tuple[str, ...]:
    """A company's name without its legal form ("Siemens AG" → "Siemens"); () if none."""
    if len(words) < 2 or words[-1].lower().rstrip(".") not in LEGAL_FORMS:
        return ()
    short = words[:-1] if words[-2] != "," else words[:-2]  # "Acme, Inc."
    return short if short and short[-1].lower() not in {"&", "and"} else ()  # "Smith & Co"


def _short_forms(words: tuple[str, ...], by_key: dict[str, NameGroup]) -> list[NameGroup]:
    """The article's names that are shorter forms of a company's name: without its legal
    form, its trade, or both ("Ashcombe" of "Ashcombe Holdings Plc", "Meridex" of
    "Meridex Mining Corp")."""
    legal = company_name(words)
    forms = [legal, _trade_name(words), company_name(legal), _trade_name(legal)]
    return [by_key[name_key(f)] for f in forms if f and name_key(f) in by_key]


def _trade_name(words: tuple[str, ...]) -> tuple[str, ...]:
    """A company's name without the trade that ends it ("Dongbu Metals" → "Dongbu"), a
    party's without "Party" ("Motherland Party" → "Motherland"), not a place's name
    ("Singapore Airlines"); () if none."""
    if len(words) < 2 or words[-1].lower() not in TRADE_WORDS | {"party"} or not all(
            w[:1].isupper() for w in words[:-1]) or gazetteer.place(" ".join(words[:-1])):
        return ()
    return words[:-1]


def _country(group: NameGroup) -> bool:
    return group.place is not None and group.place.kind == "country"


def _initialisms(groups: list[NameGroup]) -> dict[str, str]:
    """Acronym key → name key, for a name in capitals that spells the initials of exactly
    one longer name of the article: "PLO" of "Palestine Liberation Organisation"."""
    spelled: dict[str, list[str]] = {}
    for g in groups:
        if len(g.words) >= 3:
            spelled.setdefault(initials(g.words), []).append(g.key)
    return {g.key: spelled[g.words[0]][0] for g in groups
            if len(g.words) == 1 and len(spelled.get(g.words[0], [])) == 1 and
            g.words[0].isupper() and len(g.words[0]) >= 3}


def _link(groups: list[NameGroup], aliases: dict[str, str]) -> None:
    """Tie acronyms to the names they are defined after, partial names to their full
    form when that is unambiguous."""
    by_key = {g.key: g for g in groups}
    aliases = {**_initialisms(groups), **aliases}
    for short, full in aliases.items():
        if short in by_key and full in by_key and by_key[full].root() is not by_key[short]:
            by_key[short].head = by_key[full]
    for full in groups:
        for short in _short_forms(full.words, by_key):
            if short is not full and short.head is None and full.root() is not short and \
                    not _country(short) and short.label != "NORP":  # not "Republican"
                short.head = full  # "Siemens" → "Siemens AG", "Nvidia" → "Nvidia Corp."
                break
    longest_first = sorted(groups, key=lambda g: -len(g.words))
    for short in longest_first:
        if short.head is not None:
            continue
        heads = {g.root().key: g.root() for g in longest_first
                 if len(g.words) > len(short.words) and _partial_of(short, g)}
        if len(heads) == 1:
            short.head = next(iter(heads.values()))
        elif heads and {h.label for h in heads.values()} == {"PERSON"}:
            for m in short.mentions:  # two Wilkinses: a person, but which one is unsure
                m.cue = m.cue or "PERSON"
    for short in groups:
        bodies = {g.root().key: g.root() for g in groups if _last_word_of(short, g)}
        if short.head is None and len(bodies) == 1:
            short.head = next(iter(bodies.values()))  # "Alliance" → "Civic Alliance"
    for short in groups:
        full = _initialled(short, groups) if short.head is None else None
        if full is not None and full.root() is not short:
            short.head = full


def _initialled(short: NameGroup, groups: list[NameGroup]) -> NameGroup | None:
    """The one full name that an initial and a surname abbreviate: "C. Baptiste" → "Colin
    Baptiste" (of a scorecard)."""
    words = short.words
    if len(words) < 2 or not INITIAL.match(words[0]):
        return None
    fulls = [g for g in groups if len(g.words) == len(words) and g.words[1:] == words[1:]
             and g.words[0][:1] == words[0][:1] and not INITIAL.match(g.words[0])
             and person_like(g.words)]
    return fulls[0] if len(fulls) == 1 else None


def _cluster_label(members: list[NameGroup], head: NameGroup) -> str | None:
    """A known person's partial names are that person; what the context says a name is,
    when it says one thing only ("the town of Qusair"), beats the model's guesses; else
    all the cluster's votes decide, the full form's counted twice.  A name the running
    text uses is what the running text says: a dateline's place or a results line's team
    of the same name keeps its own label (``_fixed_labels``)."""
    if len(members) > 1 and known_person(head):
        return "PERSON"
    running = any(not m.fixed for g in members for m in g.mentions)  # the text says
    cues = Counter(m.cue for g in members for m in g.mentions if m.cue and not (
        running and m.fixed))
    if len({coarse(c) for c in cues}) == 1:
        return cues.most_common(1)[0][0]
    votes = head.votes(running)
    for g in members:
        votes.update(g.votes(running))
    if _person_and_place(members, head):
        return "ORG"
    return decide(votes)


def _person_and_place(members: list[NameGroup], head: NameGroup) -> bool:
    """A one-word name that the model takes for a person and for a place, in a team
    sport's report, with no cue and no country of the name: a club ("Fiorentina")."""
    mentions = [m for g in members for m in g.mentions]
    if len(head.words) != 1 or _country(head) or any(m.cue for m in mentions):
        return False
    kinds = {coarse(m.model) for m in mentions if m.model}
    return {"PERSON", "PLACE"} <= kinds and team_sport(mentions[0].span.doc)


def _confidence(cluster: _Cluster) -> float:
    """How far the article bears the label out (scale in the module docstring)."""
    kind = coarse(cluster.label)
    mentions = cluster.mentions
    models = [coarse(m.model) for m in mentions if m.model]
    cue = any(m.cue and coarse(m.cue) == kind for m in mentions)
    if kind == "PERSON":
        if known_person(cluster.head):
            score = 0.95
        elif person_like(cluster.head.words):
            score = 0.8 if len(cluster.members) > 1 else 0.6 if len(models) > 1 else 0.45
        else:
            score = 0.55 if len(models) >= 3 else 0.45  # one word, never given in full
    elif kind == "PLACE":
        place = any(g.place and coarse(g.place.label) == kind for g in cluster.members)
        dateline = any(m.model is None and m.cue == cluster.label for m in mentions)
        score = 0.9 if dateline else 0.85 if place else 0.55 if cue else 0.4
    elif kind == "ORG":
        score = (0.45, 0.45, 0.45, 0.75)[min(len(models), 3)]
    else:
        score = 0.6
    if cue and score < 0.8:
        score += 0.15
    if models and models.count(kind) < 0.75 * len(models) and score < 0.95:
        score -= 0.15  # the model itself mostly voted otherwise
    return round(min(max(score, 0.05), 0.99), 2)


def _confirmed(cluster: _Cluster) -> bool:
    """The label is one the article bears out: a person's full name; a context cue or the
    gazetteer agreeing; or two model votes or more, at least half of them agreeing."""
    kind = coarse(cluster.label)
    if kind == "PERSON":
        return person_like(cluster.head.words)
    mentions = cluster.mentions
    if any(m.cue and coarse(m.cue) == kind for m in mentions):
        return True
    if any(g.place and coarse(g.place.label) == kind for g in cluster.members):
        return True
    models = [coarse(m.model) for m in mentions if m.model]
    return len(models) >= 2 and 2 * models.count(kind) >= len(models)


def _spread_place_cues(doc: Doc, ents: list[Span], cues: list[str | None]) -> None:
    """A place cue holds for the whole list: "the districts of Kurigram, Lalmonirhat and
    Gaibandha", "the Teesta and Brahmaputra rivers"."""
    chains: list[list[int]] = [[0]] if ents else []
    for i in range(1, len(ents)):
        gap = [t.lower_ for t in doc[ents[i - 1].end:ents[i].start]]
        if 1 <= len(gap) <= 2 and all(w in LIST_WORDS for w in gap):
            chains[-1].append(i)
        else:
            chains.append([i])
    for chain in chains:
        gaps = {t.lower_ for k in chain[1:] for t in doc[ents[k - 1].end:ents[k].start]}
        place = next((cues[i] for i in chain if cues[i] and coarse(cues[i]) == "PLACE"), None)
        if place and gaps & {"and", "or"}:
            for i in chain:
                cues[i] = cues[i] or place


def _spread_person_cues(doc: Doc, ents: list[Span], cues: list[str | None]) -> None:
    """A name listed among two persons or more, and only persons, is one: "Ansel Adams,
    Chuck Close, Walker Evans and ..." (where the model calls one of them an ORG); so with
    organisations, for a name no gazetteer place: "Ubisoft, Microsoft and Sony"."""
    chain: list[int] = []
    for i in range(len(ents) + 1):
        gap = [t.lower_ for t in doc[ents[i - 1].end:ents[i].start]] if 0 < i < len(ents) \
            else []
        if i < len(ents) and chain and 1 <= len(gap) <= 2 and all(w in LIST_WORDS for w in gap):
            chain.append(i)
            continue
        for label, wrong in (("PERSON", {"ORG", "GPE", "LOC", "NORP"}),
                             ("ORG", {"PERSON", "GPE", "LOC"})):
            same = [k for k in chain if ents[k].label_ == label or cues[k] == label]
            others = [k for k in chain if k not in same]
            if len(same) < 2 or len(others) != 1 or cues[others[0]] is not None:
                continue
            odd = ents[others[0]]
            if odd.label_ in wrong and not _possessive_after(doc, odd) and not (
                    label == "ORG" and gazetteer.place(odd.text) is not None):
                cues[others[0]] = label  # not "..., FTU's Alice Mak"
        chain = [i]


def _possessive_after(doc: Doc, ent: Span) -> bool:
    return ent.end < len(doc) and doc[ent.end].text in {"'s", "’s"} or ent[-1].text in {
        "'s", "’s"}


def _mentions(doc: Doc, caps: set[int], fixed: list[Span], prefixed: set[int]
              ) -> list[NameMention]:
    """The model's name entities outside capitals lines, with their context cues, and the
    fixed mentions (dateline places, results teams) in place of what they overlap; not
    words all in lower case ("the disco club"), which no name is, nor the name of an
    adjective ("pro-Beijing"), nor a word for people ("Men" of "Men's singles"), nor the
    start of a job title ("Home Secretary") unless the article names it elsewhere ("Nvidia
    Chief Executive Jensen Huang" after "Nvidia")."""
    fixed_tokens = {i for s in fixed for i in range(s.start, s.end)}
    named = [without_prefixed(e, prefixed) for e in doc.ents if e.label_ in NAME_LABELS]
    named = [e for e in named if e is not None and not _body_noun(e) and not table_label(e)
             and not (len(e) == 1 and e[0].lower_ in PEOPLE_WORDS)]
    titled = [e for e in named if _job_title(doc, e)]
    known = {name_key(tuple(t.text for t in e)) for e in named if e not in titled}
    known |= {name_key(company_name(tuple(t.text for t in e))) for e in named}
    joined = join_team_nickname(doc, join_particles(doc, join_legal_form(doc, named)))
    ents = [part for e in join_purpose(doc, join_club_town(doc, joined))
            if e.start not in caps and not fixed_tokens & set(range(e.start, e.end))
            and (e not in titled or name_key(tuple(t.text for t in e)) in known)
            for cut in split_at_article(e) for whole in split_bracketed(cut)
            for dashed in split_dashed(whole)
            for part in map(without_role, split_coordinated(dashed))]
    cues = [context_label(doc, e) for e in ents]
    _spread_place_cues(doc, ents, cues)
    _spread_person_cues(doc, ents, cues)
    found = [_fixed(mention(s, None, s.label_)) for s in fixed]
    found += [mention(e, e.label_, cue) for e, cue in zip(ents, cues, strict=True)]
    return [m for m in found if m is not None and any(c.isupper() for c in "".join(m.words))]


def _body_noun(ent: Span) -> bool:
    """The common noun of a body, capitalised as a sentence's first word: "Party leader
    Marek Zielonka said", "Ministry officials"; not when the article writes it so inside a
    sentence too ("20 Front activists")."""
    tok = ent[0]
    if len(ent) > 1 or not tok.is_sent_start or not tok.is_title or \
            tok.lower_ not in ORG_LAST_WORDS | ORG_NOUNS or ent.end >= len(ent.doc) or \
            not ent.doc[ent.end].is_lower:
        return False
    return not any(t.text == tok.text and not t.is_sent_start for t in ent.doc)


def _fixed(found: NameMention | None) -> NameMention | None:
    if found is not None:
        found.fixed = True
    return found


def _job_title(doc: Doc, ent: Span) -> bool:
    """ "Home" of "Home Secretary"; but not "NATO" of "NATO Secretary-General"."""
    return title_not_name(doc, ent) and not ent.text.isupper()


def _groups(mentions: list[NameMention]) -> list[NameGroup]:
    """Mentions by name."""
    groups: dict[str, NameGroup] = {}
    for m in mentions:
        if m.key not in groups:
            groups[m.key] = NameGroup(m.key, m.words, m.text)
        groups[m.key].mentions.append(m)
    for group in groups.values():
        written = _written_form(group)
        group.words, group.text = written.words, written.text
        if all(m.model is None for m in group.mentions) and group.text.isupper():
            group.text = group.text.title()  # "LONDON" of a dateline
        group.place = gazetteer.place(" ".join(group.words))
    return list(groups.values())


def _written_form(group: NameGroup) -> NameMention:
    """The mention that writes the name as running text does: not in capitals if any."""
    for m in group.mentions:
        if not all(w.isupper() for w in m.words if any(c.isalpha() for c in w)):
            return m
    return group.mentions[0]


def _clusters(groups: list[NameGroup], words: set[str]) -> list[_Cluster]:
    """The names with their partial forms; a one-word person or place that the article
    also writes as a word in lower case ("Iodine" at a sentence start, "iodine" elsewhere)
    is left out unless its context or the gazetteer says what it is."""
    members: dict[int, list[NameGroup]] = {}
    for g in groups:
        members.setdefault(id(g.root()), []).append(g)
    clusters = []
    for group in members.values():
        head = group[0].root()
        label = _cluster_label(group, head)
        if label is not None and not (coarse(label) != "ORG" and _common_word(group, words)) \
                and not (coarse(label) == "PLACE" and _lone_place_guess(group)):
            clusters.append(_Cluster(group, head, label))
    return clusters


def _lone_place_guess(members: list[NameGroup]) -> bool:
    """A one-word "place" the model found once, that neither the gazetteer nor a cue bears
    out, and that no preposition or article introduces ("in Kanata", "the Alps") nor a
    known place follows ("Evanston, Illinois"): "Agatha", "Survival"."""
    mentions = [m for g in members for m in g.mentions]
    if len(mentions) != 1 or len(mentions[0].words) != 1 or mentions[0].cue or any(
            g.place is not None for g in members):
        return False
    span = mentions[0].span
    doc = span.doc
    if span.start > 0 and doc[span.start - 1].pos_ in {"ADP", "DET"}:
        return False
    return not (span.end + 1 < len(doc) and doc[span.end].text == "," and
                gazetteer.place(doc[span.end + 1].text) is not None)


def _common_word(members: list[NameGroup], words: set[str]) -> bool:
    return all(len(g.words) == 1 and g.words[0].lower() in words and g.place is None
               and not any(m.cue for m in g.mentions) for g in members)


def _missed(doc: Doc, clusters: list[_Cluster], free: set[int]) -> list[tuple[Span, int]]:
    """Untagged mentions of the names the article bears out: (span, cluster index)."""
    forms: list[tuple[tuple[str, ...], int]] = []
    for index, cluster in enumerate(clusters):
        if coarse(cluster.label) not in FOUND_TYPES or not _confirmed(cluster):
            continue
        words = {m.words for m in cluster.mentions}
        words |= {company_name(w) for w in words} - {()}  # "Siemens" of "Siemens AG"
        words.update(_surname(cluster))
        forms += [(w, index) for w in words]
    return [(Span(doc, s, e, label=clusters[i].label), i)
            for s, e, i in find_untagged(doc, forms, free)]


def _initials_form(cluster: _Cluster) -> list[tuple[str, ...]]:
    """An organisation's initials, as the words of a form: ``[("PLO",)]``."""
    head = cluster.head.words
    if cluster.label != "ORG" or len(head) < 3:
        return []
    spelled = initials(head)
    vocab = cluster.head.mentions[0].span.doc.vocab
    return [] if vocab[spelled.lower()].is_stop else [(spelled,)]  # not "WHO" in "MAN WHO"


def _surname(cluster: _Cluster) -> list[tuple[str, ...]]:
    """A person's surname, as the words of a form: ``[("Sander",)]`` of "Heike Sander"."""
    head = cluster.head.words
    return [head[-1:]] if cluster.label == "PERSON" and len(head) > 1 else []


def _in_capitals(doc: Doc, lines: list[tuple[int, int]], clusters: list[_Cluster],
                 taken: set[int]) -> tuple[list[tuple[Span, int]], list[Span]]:
    """The article's names, and strong gazetteer places, in capitals lines, outside the
    ``taken`` tokens (a dateline's place: "NEW YORK 1996-12-06"); a one-word name that is
    also a word of the article's text is left alone there."""
    words = {t.lower_ for t in doc if t.is_lower or t.is_stop}  # "MAY" in "PRICES MAY RISE"
    forms = [(form, i) for i, c in enumerate(clusters) if coarse(c.label) in FOUND_TYPES
             for form in [w for m in c.mentions for w in (m.words, company_name(m.words))]
             + _surname(c) + _initials_form(c)
             if len(form) > 1 or form and form[0].casefold() not in words]
    known: list[tuple[Span, int]] = []
    places: list[Span] = []
    for start, end in lines:
        line = set(range(start, end)) - taken
        for s, e, i in find_untagged(doc, forms, line, folded=True):
            known.append((Span(doc, s, e, label=clusters[i].label), i))
            line -= set(range(s, e))
        places += places_in_capitals(doc, start, end, line)
    return known, places


def _fixed_spans(doc: Doc, text_lines: list[tuple[int, int]]) -> list[Span]:
    """Dateline places, results teams and the players of results tables, which outrank
    the model."""
    fixed = dateline_places(doc, text_lines)
    taken = {i for s in fixed for i in range(s.start, s.end)}
    for span in results_teams(doc, text_lines) + table_players(doc, text_lines):
        if not taken & set(range(span.start, span.end)):
            fixed.append(span)
            taken |= set(range(span.start, span.end))
    return fixed


def resolve_names(doc: Doc) -> list[NameCluster]:
    """Relabel ``doc.ents`` one label per name; return the article's name clusters."""
    text_lines = all_lines(doc)
    lines = caps_lines(doc, text_lines)
    fixed = _fixed_spans(doc, text_lines)
    caps = {i for s, e in lines for i in range(s, e)} - {
        i for s in fixed for i in range(s.start, s.end)}
    prefixed = adjective_prefixed(doc)
    mentions = _mentions(doc, caps, fixed, prefixed)
    defined, aliases = acronym_definitions(doc, mentions)
    mentions += defined
    groups = _groups(mentions)
    taken = {i for m in mentions for i in range(m.span.start, m.span.end)}
    taken |= {i for e in doc.ents for i in range(e.start, e.end)} | caps | prefixed
    surnames = {g.words[0] for g in groups if len(g.words) == 1 and g.label == "PERSON"}
    full_names = untagged_full_names(doc, surnames, taken)
    taken |= {i for m in full_names for i in range(m.span.start, m.span.end)}
    full_names += untagged_titled_names(doc, taken)
    taken |= {i for m in full_names for i in range(m.span.start, m.span.end)}
    full_names += untagged_nationals(doc, taken) + untagged_organisations(doc, taken)
    taken |= {i for m in full_names for i in range(m.span.start, m.span.end)}
    full_names += untagged_indices(doc, taken) + untagged_addressees(doc, taken)
    if full_names:
        mentions += full_names
        groups = _groups(mentions)
    _link(groups, aliases)
    clusters = _clusters(groups, {t.text for t in doc if t.is_lower and t.is_alpha})
    spans = [(Span(doc, m.span.start, m.span.end, label=c.label), i)
             for i, c in enumerate(clusters) for m in c.mentions]
    spans, own = _fixed_labels(spans, clusters, fixed)
    taken = {i for s, _ in spans for i in range(s.start, s.end)} | caps | prefixed | {
        i for e in doc.ents if e.label_ not in NAME_LABELS for i in range(e.start, e.end)}
    spans += _missed(doc, clusters, set(range(len(doc))) - taken)
    caps_spans, caps_places = _in_capitals(doc, lines, clusters,
                                           {i for s, _ in spans for i in range(s.start, s.end)})
    spans += caps_spans
    taken = {i for s, _ in spans for i in range(s.start, s.end)} | caps | prefixed | {
        i for e in doc.ents if e.label_ not in NAME_LABELS for i in range(e.start, e.end)} | {
        i for s in caps_places for i in range(s.start, s.end)}
    countries = untagged_countries(doc, taken)
    _set_entities(doc, [s for s, _ in spans] + caps_places + countries)
    kept = {(e.start, e.end) for e in doc.ents}
    found = [(c.head.text, c.label, _confidence(c), [(s.start, s.end) for s, j in spans if j == i])
             for i, c in enumerate(clusters)]
    found += own
    headline_places: dict[str, list[tuple[int, int]]] = {}
    for span in caps_places:
        headline_places.setdefault(span.text.title(), []).append((span.start, span.end))
    in_text: set[str] = set()
    for span in countries:
        headline_places.setdefault(span.text, []).append((span.start, span.end))
        in_text.add(span.text)
    found += [(name, gazetteer.place_in_capitals(name).label,
               COUNTRY_CONFIDENCE if name in in_text else CAPS_PLACE_CONFIDENCE, at)
              for name, at in headline_places.items()]
    result = []
    for name, label, confidence, at in found:
        at = sorted(s for s in at if s in kept)
        if at:
            result.append(NameCluster(name, label, confidence, at))
    return result


def _fixed_labels(spans: list[tuple[Span, int]], clusters: list[_Cluster], fixed: list[Span]
                  ) -> tuple[list[tuple[Span, int]], list[tuple[str, str, float, list]]]:
    """A mention whose place in the text fixes what it is keeps that label when its name
    is something else in the rest of the article: the dateline of "NEW YORK 1996-12-06"
    is the city where the New York team of the results is a club, and "BARCELONA" over a
    report on Barcelona's match the place.  Returns the spans, those mentions taken out of
    their cluster (index -1), and the mentions as names of their own."""
    labels = {(s.start, s.end): s.label_ for s in fixed}
    kept: list[tuple[Span, int]] = []
    own: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for span, i in spans:
        label = labels.get((span.start, span.end))
        if i < 0 or label is None or coarse(label) == coarse(clusters[i].label):
            kept.append((span, i))
            continue
        kept.append((Span(span.doc, span.start, span.end, label=label), -1))
        name = span.text.title() if span.text.isupper() else span.text
        own.setdefault((name, label), []).append((span.start, span.end))
    return kept, [(name, label, FIXED_CONFIDENCE[coarse(label)], at)
                  for (name, label), at in own.items()]


def _set_entities(doc: Doc, named: list[Span]) -> None:
    """``doc.ents``: the names, and the model's other entities (dates, numbers) they leave,
    without a leading article ("the 1990s" → "1990s", as ``extract.dates`` reads them)."""
    named_tokens = {i for s in named for i in range(s.start, s.end)}
    others = [_without_article(e) for e in doc.ents if e.label_ not in NAME_LABELS
              and not named_tokens & set(range(e.start, e.end))]
    doc.ents = filter_spans(named + others)


def _without_article(ent: Span) -> Span:
    start = ent.start
    while start < ent.end - 1 and ent.doc[start].lower_ in LEADING_DROP:
        start += 1
    return ent if start == ent.start else Span(ent.doc, start, ent.end, label=ent.label_)
