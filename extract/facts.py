"""Fact extraction: entities, quantities, quotes, dates and the places' gazetteer entries
(``extract.geocode``) from one cleaned body, and tone.

``extract_facts`` handles one body; ``extract_facts_batch`` many (``nlp.pipe``),
which is what worker processes call.  Offsets in every fact point into the body
passed in; ``sentence_index`` counts spaCy sentences (a line break always starts a
new sentence).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from spacy.tokens import Doc

from newsfeed.extract.dates import extract_dates
from newsfeed.extract.entities import extract_entities, span_names
from newsfeed.extract.geocode import geocode
from newsfeed.extract.location import Sentences
from newsfeed.extract.nlp import load_nlp
from newsfeed.extract.quantities import extract_quantities
from newsfeed.extract.quotes import extract_quotes
from newsfeed.extract.tone import quote_tone, text_tone
from newsfeed.extract.types import Facts

EXTRACTOR_NAME = "newsfeed.facts"
# 0.5: wire ORG cues, speaker discourse, quote fragments, rewrapping; 0.5.1: the language of
# a results table, surnames the tagger reads as nouns, ages kept out of speakers' roles
EXTRACTOR_VERSION = "0.5.1"
BATCH_SIZE = 32


def facts_from_doc(doc: Doc, published: datetime | None = None) -> Facts:
    """All facts of one parsed document, with the tone of its text and of each quote."""
    where = Sentences(doc)
    names = span_names(doc)
    entities = extract_entities(doc, where)
    quotes = [replace(q, tone=quote_tone(q.text)) for q in extract_quotes(doc, where, names)]
    return Facts(
        entities=entities,
        quantities=extract_quantities(doc, where, names),
        quotes=quotes,
        dates=extract_dates(doc, where, published),
        locations=geocode(entities, doc.text),
        extractor=EXTRACTOR_NAME,
        extractor_version=EXTRACTOR_VERSION,
        tone=text_tone(doc.text, (s.text for s in doc.sents)),
    )


def extract_facts(body: str, published: datetime | None = None,
                  model: str | None = None) -> Facts:
    """Facts of one cleaned article body; relative dates resolve against ``published``.

    ``model`` names the spaCy pipeline (None: the default, see ``extract.nlp.load_nlp``).
    """
    return facts_from_doc(load_nlp(model)(body), published)


def extract_facts_batch(items: list[tuple[str, datetime | None]],
                        model: str | None = None) -> list[Facts]:
    """Facts of many (body, published) pairs, parsed with ``nlp.pipe`` in batches."""
    nlp = load_nlp(model)
    docs = nlp.pipe((body for body, _ in items), batch_size=BATCH_SIZE)
    return [facts_from_doc(doc, published) for doc, (_, published) in zip(docs, items, strict=True)]
