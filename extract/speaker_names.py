"""Which names can be speakers: the tagger's names, repaired for the speaker rules.

Before any rule runs, the article's names are made whole and relabelled: a surname particle
the tagger cut off is put back ("Erik" of "Erik ten Hag"), role words it put in a person's
name are dropped ("Teenager Sean Kelly" → "Sean Kelly"), a "person" the article names as a
place of work or as a thing is an organisation ("an analyst at Hargreaves Lansdown",
"Johnson Matthey, which makes ..."), and a given name and surname the tagger missed that
stands as a subject is a person ("Organiser Aroha Pene told ..."), and so is one whose
surname alone is the subject of a speech verb ("Jamal Hughes" as an organisation, then
"Hughes said"). A one-word name stands for the one full name of the article it ends or
starts ("Lee" → "Ann Lee"). Never a speaker's name: an abbreviation ("N.S.", "Ont.", "BC"),
a title alone ("Cpl"), a plural person noun the tagger took for a name ("Campaigners").
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from newsfeed.extract.given_names import is_given_name, is_surname
from newsfeed.extract.name_context import ORG_LAST_WORDS
from newsfeed.extract.name_spans import NAME_PARTICLES
from newsfeed.extract.speech_words import (
    HONORIFICS,
    PERSON_ROLE_NOUNS,
    SPEECH_VERBS,
    is_person_noun,
)
from newsfeed.extract.spelling import singular

SPEAKER_LABELS = {"PERSON"}
ORG_LABELS = {"ORG"}
# labels the tagger gives the people it misses ("Democrat Helen Ward" as a place)
MISTAKEN_LABELS = {"ORG", "GPE", "LOC", "FAC", "NORP"}

# An abbreviated title or rank that the sentence splitter takes for a full stop ("Sgt. Mark
# Bell said"): the sentence goes on with the name.
TITLE_BREAK = re.compile(
    r"(?:^|\s)(?:Sgt|S/Sgt|Const|Cst|Cpl|Lt|Capt|Col|Maj|Gen|Adm|Insp|Supt|"
    r"Det|Cmdr|Gov|Sen|Rep|Rev|Prof|Dr|Mr|Mrs|Ms|Hon|Atty|Sup|Pte)\.$"
)
ABBREVIATION = re.compile(r"^(?:[A-Z]\.)+$|^[A-Z][a-z]{1,4}\.$|^[A-Z]{2,3}$")  # N.S., Ont., BC
TITLE_WORDS = {
    "sgt",
    "const",
    "cst",
    "cpl",
    "lt",
    "capt",
    "col",
    "maj",
    "gen",
    "adm",
    "insp",
    "supt",
    "det",
    "cmdr",
    "gov",
    "sen",
    "rep",
    "rev",
    "prof",
    "hon",
    "sir",
    "dame",
    "lord",
    "lady",
}
_NOT_PEOPLE = {"ORG", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "NORP", "LOC"}


def full_names(names: dict[tuple[int, int], tuple[str, str]]) -> dict[str, str]:
    """A one-word person name is the one longer person name it ends ("Lee" → "Ann Lee"),
    else the one it starts ("Ann" → "Ann Lee")."""
    people = {name for name, label in names.values() if label in SPEAKER_LABELS}
    longer = [n for n in people if " " in n]
    out = {}
    for name in people - set(longer):
        match = {n for n in longer if n.split()[-1] == name} or {
            n for n in longer if n.split()[0] == name
        }
        if len(match) == 1:
            out[name] = match.pop()
    return out


def is_abbreviation(name: str) -> bool:
    """ "N.S.", "Ont.", "BC": a place abbreviation, never a speaker; nor a title alone ("Cpl")."""
    name = name.strip()
    return bool(ABBREVIATION.match(name) or TITLE_BREAK.search(" " + name.rstrip(".") + "."))


def not_a_name(name: str) -> bool:
    """A "person" that is no one's name: an abbreviation or title alone ("N.S.", "Cpl"), or
    a plural noun for people that the tagger took for a name ("Campaigners", "Residents")."""
    words = name.split()
    return (
        is_abbreviation(name)
        or len(words) == 1
        and words[0].endswith("s")
        and is_person_noun(singular(words[0].lower()))
        and not is_given_name(words[0])
    )


def role_word(tok: Token) -> bool:
    """A capitalised common noun or title before a name ("Teenager", "Judge"; as a proper
    noun, a listed role such as "Constable", or a role noun or a word that is no one's name
    before a given name: "Goalkeeper Sam Hill", "Reeve Alan Dufresne"), not a given name."""
    low = tok.lower_.rstrip(".")
    return (
        tok.is_title
        and not is_given_name(tok.text)
        and (
            low in HONORIFICS
            or low in TITLE_WORDS
            or low in PERSON_ROLE_NOUNS
            or tok.pos_ == "NOUN"
            and is_person_noun(low)
            or tok.pos_ == "PROPN"
            and (is_person_noun(low) or not is_surname(tok.text))
            and tok.i + 1 < len(tok.doc)
            and is_given_name(tok.doc[tok.i + 1].text)
        )
    )


def within_lines(
    doc: Doc, names: dict[tuple[int, int], tuple[str, str]]
) -> dict[tuple[int, int], tuple[str, str]]:
    """Names cut at the line break the tagger ran them across ("Kelly" of "Kelly\n\n")."""
    out = {}
    for (start, end), (name, label) in names.items():
        cut = next((i for i in range(start, end) if "\n" in doc[i].text), None)
        if cut is None:
            out[(start, end)] = (name, label)
        elif cut > start:
            out[(start, cut)] = (doc[start:cut].text, label)
    return out


def with_particles(
    doc: Doc, names: dict[tuple[int, int], tuple[str, str]]
) -> dict[tuple[int, int], tuple[str, str]]:
    """Person names the tagger cut before a lower-case surname particle ("Erik" of "Erik
    ten Hag", "Ursula" of "Ursula von der Leyen") or before the surname ("Neil" of "Neil
    Farraday"), made whole; role words dropped from the front ("Teenager Sean Kelly")."""
    out = {}
    renamed = {}
    owned = {i for start, end in names for i in range(start, end)}
    for span, (name, label) in names.items():
        start, end = span
        if (
            label in SPEAKER_LABELS
            and end - start == 1
            and end < len(doc)
            and is_given_name(name)
            and doc[start].head.i == end
            and doc[end].is_title
            and doc[end].pos_ == "PROPN"
            and end not in owned
            and doc[start].whitespace_ == " "
        ):  # the tagger cut the surname off: "[Neil] Farraday rejected"
            end, name = end + 1, doc[start : end + 1].text
        i = end
        while label in SPEAKER_LABELS and i < len(doc) and doc[i].text in NAME_PARTICLES:
            i += 1
        if (
            i > end
            and i < len(doc)
            and doc[i].is_title
            and doc[i].pos_ == "PROPN"
            and doc[end - 1].whitespace_
            and "\n" not in doc[end : i + 1].text
        ):
            end, name = i + 1, doc[start : i + 1].text
        while label in SPEAKER_LABELS and end - start > 2 and role_word(doc[start]):
            start += 1  # "Teenager Sean Kelly" → "Sean Kelly"
            renamed[names[span]] = name = doc[start:end].text
        out[(start, end)] = (name, label)
    # the other mentions resolved to the name with the role word ("Dufresne")
    return {span: (renamed.get((name, label), name), label) for span, (name, label) in out.items()}


def untagged_person(subject: Token, as_org: bool = False) -> tuple[str, str | None] | None:
    """A subject the tagger left without a person label that is a given name and a surname,
    maybe after a title ("said Chief Constable Iain Livingstone"): the name and the title.
    ``as_org``: the tagger called it an organisation or a place, so only after a role noun
    ("Organiser Aroha Pene", "Democrat Helen Ward")."""
    chain = [c for c in subject.children if c.dep_ == "compound" and c.i < subject.i]
    words = [*chain, subject]
    first = next((k for k, t in enumerate(words) if is_given_name(t.text)), None)
    if first is None or not 2 <= len(words) - first <= 3:
        return None
    if [t.i for t in words] != list(range(words[0].i, subject.i + 1)) or any(
        k >= first
        and not t.is_title
        or t.ent_type_ in _NOT_PEOPLE
        and not as_org
        or t.pos_ != "PROPN"
        and not (k < first and t.pos_ == "NOUN" and is_person_noun(t.lower_))
        for k, t in enumerate(words)
    ):
        return None  # a role noun may open it: "Resident Kiran Bhatt"
    if as_org and (
        first == 0
        or not all(is_person_noun(t.lower_) or t.lower_ in TITLE_WORDS for t in words[:first])
    ):
        return None
    role = " ".join(t.text for t in words[:first]) or None
    return " ".join(t.text for t in words[first:]), role


def untagged_people(
    doc: Doc, names: dict[tuple[int, int], tuple[str, str]]
) -> dict[tuple[int, int], tuple[str, str]]:
    """The names, with the people the tagger missed that are the subject of a verb or follow
    "according to" ("Organiser Aroha Pene told the crowd"; see ``untagged_person``)."""
    owner = {i: span for span, (_, label) in names.items() for i in range(*span)}
    out = dict(names)
    for tok in doc:
        according = (
            tok.dep_ == "pobj" and tok.head.lower_ == "to" and tok.head.head.lower_ == "according"
        )
        if tok.dep_ not in ("nsubj", "nsubjpass") and not according or tok.pos_ != "PROPN":
            continue
        span = owner.get(tok.i)
        if span is not None and (names[span][1] not in MISTAKEN_LABELS or span[1] != tok.i + 1):
            continue
        found = untagged_person(tok, as_org=span is not None)
        if found is not None:
            size = len(found[0].split())
            out.pop(span, None)
            out[(tok.i + 1 - size, tok.i + 1)] = (found[0], "PERSON")
    return out


def people_by_surname(
    doc: Doc, names: dict[tuple[int, int], tuple[str, str]]
) -> dict[tuple[int, int], tuple[str, str]]:
    """Names the tagger took for organisations or places that are a given name and a surname
    ("Jamal Hughes" as ORG) when the surname alone is the subject of a speech verb ("Hughes
    said"; a firm is not called by its last word), or whose given name is unlisted when a
    person noun describes it ("Deshmukh, a mother of two"): people, in every mention, the
    surname alone standing for the full name."""
    owner = {i for start, end in names for i in range(start + 1, end)}
    speakers = {
        t.text
        for t in doc
        if t.dep_ in ("nsubj", "nsubjpass")
        and t.pos_ in ("PROPN", "NOUN")
        and t.text[:1].isupper()
        and not t.is_upper  # "Hughes", "McTavish"; not "BBC"
        and t.head.lower_ in SPEECH_VERBS
        and t.i not in owner
        and all(_title_noun(c) for c in t.children if c.dep_ == "compound")
    }
    # "Deshmukh, a mother of two, said": a person, whatever the given name
    described = {
        t.text
        for t in doc
        if t.pos_ == "PROPN"
        and any(
            c.dep_ == "appos" and c.pos_ == "NOUN" and is_person_noun(c.lower_) for c in t.children
        )
    }
    full = {}
    grown = {}
    for (start, end), (name, label) in names.items():
        before = doc[start - 1] if start else None
        if (
            before is not None
            and end - start == 1
            and before.is_title
            and not before.is_stop
            and is_given_name(before.text)
            and before.i not in owner
            and (before.i, before.i + 1) not in names
            and "\n" not in before.whitespace_
        ):  # the tagger left the given name out: "Aileen [McTavish], 47, teaches"
            grown[(start, end)] = (start - 1, f"{before.text} {name}")
            name = grown[(start, end)][1]
        words = name.split()
        titled = len(words) == 3 and _title_noun(doc[start]) and end - start == 3
        if titled:  # "Councillor Haruto Sato", then "Councillor Sato said"
            words = words[1:]
            grown[(start, end)] = (start + 1, " ".join(words))
            name = grown[(start, end)][1]
        if (
            label in MISTAKEN_LABELS
            and 2 <= len(words) <= 3
            and words[-1] in speakers
            and (is_given_name(words[0]) or words[-1] in described or titled)
            and all(w[:1].isupper() for w in words)
            and words[-1].lower() not in ORG_LAST_WORDS
        ):
            full.setdefault(words[-1], set()).add(name)
    full = {surname: found.pop() for surname, found in full.items() if len(found) == 1}
    if not full:
        return names
    out = {}
    for span, (name, label) in names.items():
        if span in grown and grown[span][1] in full.values():
            out[(grown[span][0], span[1])] = (grown[span][1], "PERSON")
        elif label in MISTAKEN_LABELS and (name in full.values() or name in full):
            out[span] = (full.get(name, name), "PERSON")
        else:
            out[span] = (name, label)
    return out


def _title_noun(tok: Token) -> bool:
    """A capitalised person noun used as a title ("Councillor"), not a given name."""
    low = tok.lower_
    return (
        tok.is_title
        and singular(low) == low  # not "Farmers Union"
        and is_person_noun(low)
        and not is_given_name(tok.text)
    )


def places_of_work(
    doc: Doc, names: dict[tuple[int, int], tuple[str, str]]
) -> dict[tuple[int, int], tuple[str, str]]:
    """Person names that the article also uses as a place of work ("an analyst at
    Hargreaves Lansdown") or as a thing ("Johnson Matthey, which makes ..."): an
    organisation the tagger took for a person, in every mention; so is a one-word "person"
    that starts an organisation's name ("Aldermoor" of "Aldermoor Resources")."""
    at = {
        name
        for (start, end), (name, label) in names.items()
        if label in SPEAKER_LABELS
        and (
            doc[start:end].root.dep_ == "pobj"
            and doc[start:end].root.head.lower_ == "at"
            and doc[start:end].root.head.head.pos_ == "NOUN"
            and is_person_noun(doc[start:end].root.head.head.lower_)
            or end + 1 < len(doc)
            and doc[end].text == ","
            and doc[end + 1].lower_ == "which"
        )
    }
    # "Aldermoor" said, after "the mining company Aldermoor Resources": the firm, short
    people = [n.split() for n, label in names.values() if label in SPEAKER_LABELS]
    at |= {
        name
        for name, label in names.values()
        if label in SPEAKER_LABELS
        and " " not in name
        and not any(len(w) > 1 and name in (w[0], w[-1]) for w in people)
        and any(
            other.split()[0] == name and " " in other
            for other, kind in names.values()
            if kind in ORG_LABELS
        )
    }
    if not at:
        return names
    return {span: (name, "ORG" if name in at else label) for span, (name, label) in names.items()}
