"""Where a fact is in the body: the one place that builds the location fields of a fact.

Every fact (entity mention, quantity, quote, date) carries the same four fields:
``sentence_index`` (0-based spaCy sentence), ``start`` and ``end`` (character offsets into
the cleaned body) and ``sentence`` (that sentence's text).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token


class Sentences:
    """The sentences of one parsed body, numbered; builds the location fields of facts."""

    def __init__(self, doc: Doc) -> None:
        self._index = {sent.start: i for i, sent in enumerate(doc.sents)}

    def index(self, at: Span | Token) -> int:
        """Sentence number of a span (its first token) or a token."""
        return self._index[at.sent.start]

    def location(self, span: Span, start: int | None = None,
                 end: int | None = None) -> dict[str, int | str]:
        """The location fields of a fact written as ``span``.

        ``start``/``end`` override the span's own character offsets (a quote's marks, say);
        the sentence is that of the span's first token.
        """
        sent = span[0].sent if len(span) else span.sent
        return {
            "sentence_index": self._index[sent.start],
            "start": span.start_char if start is None else start,
            "end": span.end_char if end is None else end,
            "sentence": sent.text.strip(),
        }
