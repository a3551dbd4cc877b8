"""Named entities: one entity per name per article, with all its mentions.

The names are resolved in the pipeline (``extract.names``, component
``newsfeed_entity_repair``): every mention of a name carries one label, partial names
("Havel", "Mr Kopper", "IOM") belong to their full form ("Vaclav Havel", "Hilmar
Kopper", "International Organization for Migration"), which is the entity's name.
Mentions keep the text as written.  ``Entity.confidence`` is that of the label (see
``extract.names``): about 0.3–0.45 for a name seen only in a headline in capitals or a
single unconfirmed model guess, 0.55–0.7 for names only the context confirms, 0.75 and
above for names the article confirms.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from newsfeed.extract.location import Sentences
from newsfeed.extract.names import NameCluster, resolve_names
from newsfeed.extract.nlp import NAMES_ATTR
from newsfeed.extract.types import Entity, Mention

KEPT_LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC")


def name_clusters(doc: Doc) -> list[NameCluster]:
    """The article's names: those the pipeline resolved, else resolved now."""
    clusters = doc._.get(NAMES_ATTR)
    if clusters is None:
        clusters = resolve_names(doc)
        doc._.set(NAMES_ATTR, clusters)
    return [NameCluster(name, label, confidence, [tuple(s) for s in spans])
            for name, label, confidence, spans in clusters]  # lists after a Doc round trip


def _kept(doc: Doc) -> list[NameCluster]:
    return [c for c in name_clusters(doc) if c.label in KEPT_LABELS and c.spans]


def extract_entities(doc: Doc, where: Sentences) -> list[Entity]:
    """Entities of the kept labels, one per name, in order of first mention."""
    entities = []
    for cluster in sorted(_kept(doc), key=lambda c: c.spans[0]):
        spans = [Span(doc, start, end) for start, end in cluster.spans]
        mentions = [Mention(s.text, where.index(s), s.start_char, s.end_char) for s in spans]
        entities.append(Entity(name=cluster.name, label=cluster.label,
                               **where.location(spans[0]), mentions=mentions,
                               confidence=cluster.confidence))
    return entities


def span_names(doc: Doc) -> dict[tuple[int, int], tuple[str, str]]:
    """Every kept entity span (start, end) → (canonical name, label of the name)."""
    return {span: (c.name, c.label) for c in _kept(doc) for span in c.spans}
