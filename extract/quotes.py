"""Direct quotations: where they are, whether they are speech, and who said them.

Finding quotes: ``extract.quote_marks.find_quote_spans`` (pairs of marks, paragraphs,
multi-paragraph quotations, pull quotes that lost their marks).

Speech or not (``is_fragment``): ``extract.quote_fragments.fragment_reason`` (scare quotes,
titles of works, names, terms and slogans are fragments; they are kept, flagged).

Speakers: ``extract.speakers.SpeakerModel`` (cue in the sentence, then its neighbours, then
the discourse: multi-paragraph quotes, runs of quote paragraphs).  A fragment keeps a
speaker only from a cue in its own sentence and never passes it on.

Confidence of a quote with a speaker: that of the speaker (see ``extract.speakers``).  Without
a speaker, the confidence that it is a real quotation: 0.6 a whole sentence, 0.45 a partial
quote, 0.3 a fragment (0.2 a title).
"""

from __future__ import annotations

from spacy.tokens import Doc

from newsfeed.extract.location import Sentences
from newsfeed.extract.quote_fragments import fragment_reason
from newsfeed.extract.quote_marks import QuoteSpan, find_quote_spans, quote_words
from newsfeed.extract.speakers import Attribution, SpeakerModel
from newsfeed.extract.types import Quote

__all__ = ["QuoteSpan", "extract_quotes", "find_quote_spans", "fragment_reason"]

_PARTIAL = 5  # words: a capitalised quote this long is more likely a real quotation


def _is_long_sentence(text: str) -> bool:
    """Capitalised and at least five words: more likely a real quotation."""
    first = next((c for c in text if c.isalpha()), "")
    return bool(first) and first.isupper() and len(quote_words(text)) >= _PARTIAL


def extract_quotes(doc: Doc, where: Sentences,
                   names: dict[tuple[int, int], tuple[str, str]]) -> list[Quote]:
    """Quotations in ``doc`` with speaker, role, verb, fragment flag and confidence.

    Each paragraph of a multi-paragraph quotation is a quote of its own, with the speaker
    of the quotation; a quoted name that is a named entity ("Ring of Fire") is no quote.
    """
    body = doc.text
    spans = find_quote_spans(body)
    model = SpeakerModel(doc, names, [q.site() for q in spans])
    local = model.local()
    reasons = [fragment_reason(doc, q, a, body) for q, a in zip(spans, local, strict=True)]
    reasons = ["unsigned" if q.unmarked and (a is None or a.rule != "byline") else r
               for q, a, r in zip(spans, local, reasons, strict=True)]
    speech = [r is None for r in reasons]
    local = [a if s or (a is not None and a.rule == "cue") else None
             for a, s in zip(local, speech, strict=True)]
    speakers = model.discourse(local, speech)
    named = _entity_texts(doc, names)
    out = []
    for q, reason, speaker in zip(spans, reasons, speakers, strict=True):
        if reason == "unsigned" or not q.continues and _is_quoted_name(quote_words(q.text(body)),
                                                                        named):
            continue
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is None or not len(span):
            span = doc[:1]
        out.append(Quote(
            text=q.text(body),
            **where.location(span, q.start, q.end),
            speaker=speaker.name if speaker else None,
            speaker_role=speaker.role if speaker else None,
            verb=speaker.verb if speaker else None,
            is_fragment=reason is not None,
            confidence=_confidence(body[q.start:q.end], reason, speaker),
        ))
    return out


def _is_quoted_name(words: list[str], names: list[list[str]]) -> bool:
    """Are the quote's words (part of) a named-entity mention: the Pacific "Ring of Fire"?"""
    n = len(words)
    return n > 0 and any(name[i:i + n] == words for name in names
                         for i in range(len(name) - n + 1))


def _entity_texts(doc: Doc, names: dict[tuple[int, int], tuple[str, str]]) -> list[list[str]]:
    """The words of every named-entity mention, to recognise quoted names."""
    return [quote_words(doc[start:end].text) for start, end in names]


def _confidence(text: str, reason: str | None, speaker: Attribution | None) -> float:
    if speaker is not None:
        return round(speaker.confidence if reason is None else min(speaker.confidence, 0.4), 2)
    if reason is not None:
        return 0.2 if reason == "title" else 0.3
    return 0.6 if _is_long_sentence(text) else 0.45

