"""Named entities: one canonical name per article with all its mentions.

Canonical names: titles and a leading "the" are dropped ("Gen Selim Idriss" →
"Selim Idriss"); a short person name that ends a longer one in the same article
is that person ("Mr Fabius" → "Laurent Fabius"); an acronym defined in brackets
after a name is that name ("ICRC" → "International Committee of the Red Cross").
The label of an entity is the most frequent label among its mentions.
"""

from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Doc, Span

from newsfeed.extract.location import Sentences
from newsfeed.extract.nlp import PERSON_TITLES
from newsfeed.extract.types import Entity, Mention

KEPT_LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP")
_LEADING_DROP = {"the", "a", "an"}
_MULTIWORD_TITLES = re.compile(
    r"^(?:(?:foreign|prime|defence|defense|interior|finance|health|transport|deputy|vice|"
    r"former|acting|chief|general|state|supreme)\s+)+"
    r"(?:minister|secretary|president|leader|prosecutor|commander|governor|guide)\s+",
    re.IGNORECASE,
)


def clean_name(span: Span) -> str:
    """The entity's name without titles, articles or a possessive ending."""
    tokens = list(span)
    while tokens and tokens[0].lower_ in _LEADING_DROP:
        tokens = tokens[1:]
    if span.label_ == "PERSON":
        while len(tokens) > 1 and tokens[0].lower_.rstrip(".") in PERSON_TITLES:
            tokens = tokens[1:]
    while tokens and tokens[-1].text in {"'s", "’s", "'", "’"}:
        tokens = tokens[:-1]
    if not tokens:
        return span.text
    text = span.doc[tokens[0].i:tokens[-1].i + 1].text
    if span.label_ == "PERSON":
        text = _MULTIWORD_TITLES.sub("", text)
    text = " ".join(text.split())
    if text.endswith(".") and "." not in text[:-1]:
        text = text[:-1]  # "X." at the end of a sentence
    return text


def _initials(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Za-zÀ-ÿ][\w'’-]*", name) if w[0].isupper())


def acronym_aliases(doc: Doc) -> dict[str, str]:
    """Acronyms defined in brackets right after an entity: {"ICRC": "International ..."}."""
    aliases: dict[str, str] = {}
    for ent in doc.ents:
        end = ent.end
        if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")":
            acronym = doc[end + 1].text
            name = clean_name(ent)
            if (
                acronym.isalnum() and acronym[0].isupper() and len(acronym) <= 10
                and name != acronym and len(name.split()) > 1
            ):
                aliases[acronym] = name
    return aliases


def canonical_names(doc: Doc, spans: list[Span]) -> dict[int, str]:
    """Map each span (by index in ``spans``) to its canonical name in this article."""
    aliases = acronym_aliases(doc)
    names = [aliases.get(clean_name(s), clean_name(s)) for s in spans]
    full_people = [
        n for s, n in zip(spans, names, strict=True) if s.label_ == "PERSON" and " " in n
    ]
    result: dict[int, str] = {}
    for i, (span, name) in enumerate(zip(spans, names, strict=True)):
        if span.label_ == "PERSON" and " " not in name:
            longer = [n for n in full_people if n.split()[-1] == name]
            if len(set(longer)) == 1:
                name = longer[0]
        result[i] = name
    return result


def extract_entities(doc: Doc, where: Sentences) -> list[Entity]:
    """Entities of the kept labels, one per canonical name, in order of first mention."""
    spans = [e for e in doc.ents if e.label_ in KEPT_LABELS]
    names = canonical_names(doc, spans)
    groups: dict[str, list[Span]] = {}
    for i, span in enumerate(spans):
        name = names[i]
        if not name or not any(c.isalpha() for c in name):
            continue
        groups.setdefault(name, []).append(span)
    entities: list[Entity] = []
    for name, members in groups.items():
        labels = Counter(s.label_ for s in members)
        label = labels.most_common(1)[0][0]
        mentions = [
            Mention(s.text, where.index(s), s.start_char, s.end_char) for s in members
        ]
        entities.append(
            Entity(name=name, label=label, **where.location(members[0]), mentions=mentions)
        )
    return entities


def span_names(doc: Doc) -> dict[tuple[int, int], tuple[str, str]]:
    """Every kept entity span (start, end) → (canonical name, label of the group)."""
    spans = [e for e in doc.ents if e.label_ in KEPT_LABELS]
    names = canonical_names(doc, spans)
    votes: dict[str, Counter] = {}
    for i, span in enumerate(spans):
        votes.setdefault(names[i], Counter())[span.label_] += 1
    return {
        (s.start, s.end): (names[i], votes[names[i]].most_common(1)[0][0])
        for i, s in enumerate(spans)
    }
