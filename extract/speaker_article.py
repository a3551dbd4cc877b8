"""The article as the speaker rules see it: quotes, sentences, paragraphs and named mentions.

``Article`` holds one article's parse, its quotation sites (``QuoteSite``) and the people
and organisations named outside quotes (``Mention``), and answers the layout questions every
rule asks: is a character inside a quote, which sentence or paragraph holds it.  Bylines,
credits and captions ("Jane Doe · CBC News", "Photo: Jane Doe/Reuters", short lines without a
verb) are left out: nobody named there is a speaker.  A sentence the splitter cut after an
abbreviated title ("Sgt.") or a place abbreviation right after a quote ('"...," Sask.') is
joined to the next one.  ``Attribution`` is what every rule answers.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newsfeed.extract.speaker_names import (
    SPEAKER_LABELS,
    TITLE_BREAK,
    full_names,
    not_a_name,
    people_by_surname,
    places_of_work,
    untagged_people,
    with_particles,
    within_lines,
)
from newsfeed.extract.speech_words import SPEECH_VERBS

_CREDIT = re.compile(
    r"\b(?:Image|Photo|Photograph|Picture|Video|Audio|Credit|Source|By)\s*:", re.IGNORECASE
)
# A place abbreviation that the splitter takes for a full stop right after a quote ('"...,"
# Sask. Premier Ann Lee said'): the sentence goes on.
_QUOTE_THEN_ABBREVIATION = re.compile(r"[\"”][ \t]+(?:[A-Z][a-z]{0,4}\.|(?:[A-Z]\.){1,3})$")


@dataclass(frozen=True)
class Attribution:
    """A quotation's speaker: a canonical name and/or a role, the verb, the rule, how sure."""

    name: str | None
    role: str | None
    verb: str | None
    rule: str
    confidence: float


@dataclass(frozen=True)
class QuoteSite:
    """Where a quotation sits, as the speaker model needs it (offsets into the body)."""

    start: int  # inside the marks
    end: int
    open_mark: int
    close_mark: int
    continues: bool  # continues a quotation left open at the end of the previous paragraph


@dataclass(frozen=True)
class Mention:
    """A person or organisation named outside quotes, bylines and credits."""

    name: str
    label: str
    start: int  # token index
    end: int
    char: int
    is_subject: bool


class Article:
    """One article, its quotes and its mentions (see the module docstring)."""

    def __init__(
        self, doc: Doc, names: dict[tuple[int, int], tuple[str, str]], quotes: list[QuoteSite]
    ) -> None:
        self.doc = doc
        self.text = doc.text
        names = within_lines(doc, names)
        names = people_by_surname(doc, with_particles(doc, names))
        self.names = untagged_people(doc, places_of_work(doc, names))
        self.quotes = quotes
        self.marks = [(q.open_mark, q.close_mark) for q in quotes]
        self.sents = _join_title_breaks(list(doc.sents), self.text)
        self._sent_tokens = [s.start for s in self.sents]
        self._sent_chars = [s.start_char for s in self.sents]
        self._paragraphs = [0] + [m.end() for m in re.finditer(r"\n+", self.text)]
        self.excluded = self._credit_lines()
        self.full_names = full_names(self.names)
        self.mentions = self._mentions()
        # the state of the pass over the quotes (``SpeakerModel.local``)
        self._spoken: list[tuple[int, str]] = []  # (end of quote, speaker named), in order
        self._last: Attribution | None = None  # the last attribution found
        self._last_at = 0  # where its quote ends
        self._quote: QuoteSite | None = None  # the quote being attributed

    def in_quote(self, char: int) -> bool:
        return any(s <= char < e for s, e in self.marks)

    def sent_of(self, tok: Token) -> Span:
        """The sentence of a token (faster than ``Token.sent``)."""
        return self.sents[bisect_right(self._sent_tokens, tok.i) - 1]

    def sentences(self, start: int, end: int) -> list[Span]:
        """The sentences that overlap the characters ``start``-``end``."""
        first = max(0, bisect_right(self._sent_chars, start) - 1)
        last = bisect_left(self._sent_chars, end)
        return [s for s in self.sents[first:last] if s.end_char > start]

    def paragraph(self, char: int) -> int:
        """Number of the paragraph (line) holding ``char``."""
        return bisect_right(self._paragraphs, char) - 1

    def _credit_lines(self) -> list[tuple[int, int]]:
        """Character ranges of bylines, credits, captions and source lines: from a credit
        word ("Photo:", "Image:") to the line end, and short lines with no verb."""
        out = []
        for m in re.finditer(r"[^\n]+", self.text):
            credit = _CREDIT.search(m.group())
            if credit:
                out.append((m.start() + credit.start(), m.end()))
                continue
            line = self.doc.char_span(m.start(), m.end(), alignment_mode="expand")
            words = [t for t in line or [] if not (t.is_punct or t.is_space)]
            if len(words) <= 12 and not any(
                t.pos_ in ("VERB", "AUX") and t.lower_ not in ("posted", "updated") for t in words
            ):
                out.append((m.start(), m.end()))
        return out

    def _excluded(self, char: int) -> bool:
        return any(s <= char < e for s, e in self.excluded)

    def _mentions(self) -> list[Mention]:
        out = []
        doc = self.doc
        for (start, end), (name, label) in sorted(self.names.items()):
            char = doc[start].idx
            credit = "/" in (
                doc[start - 1].text if start else "",
                doc[end].text[:1] if end < len(doc) else "",
            )  # "Jane Doe/AP"
            if (
                self.in_quote(char)
                or self._excluded(char)
                or credit
                or (label in SPEAKER_LABELS and not_a_name(name))
            ):
                continue
            root = doc[start:end].root
            while root.dep_ == "appos" and root.head != root:
                root = root.head  # "the charity's chief executive, Rachel Evans, said"
            # a subject of a relative clause or of reported speech is no topic ("a baby whose
            # mother, Ann Lee, had ...", "Police said John Doe was arrested")
            clause = root.head
            while clause.dep_ == "conj" and clause.head != clause:
                clause = clause.head
            is_subject = root.dep_ in ("nsubj", "nsubjpass") and not (
                clause.dep_ == "relcl" or _reported_by(clause)
            )
            out.append(
                Mention(self.full_names.get(name, name), label, start, end, char, is_subject)
            )
        return out

    def _outside(self, start: int, end: int) -> list[Token]:
        """The words between two offsets that are not inside any quote."""
        span = self.doc.char_span(start, end, alignment_mode="contract")
        return [t for t in span or [] if not (t.is_punct or t.is_space or self.in_quote(t.idx))]

    def _bare(self, q: QuoteSite) -> bool:
        """Does the quote fill its sentences (nothing but punctuation outside the marks)?"""
        sents = self.sentences(q.open_mark, q.close_mark)
        return bool(sents) and not self._outside(sents[0].start_char, sents[-1].end_char)

    def _named_inside(self, q: QuoteSite | None) -> set[str]:
        """Names and surnames of the people named inside a quote."""
        if q is None:
            return set()
        names = {
            self.full_names.get(name, name)
            for (start, _), (name, _) in self.names.items()
            if q.start <= self.doc[start].idx < q.end
        }
        return names | {n.split()[-1] for n in names}


def _reported_by(clause: Token) -> bool:
    """Is the clause reported by a speech verb: one before it ("Police said Doe was ..."),
    or one after it with a subject that is no pronoun ("Doe was arrested, police said"; not
    a quote's own cue the parser hung the sentence before on)?"""
    verb = clause.head
    return (
        clause.dep_ == "ccomp"
        and verb.lower_ in SPEECH_VERBS
        and (
            verb.i < clause.i or any(c.dep_ == "nsubj" and c.pos_ != "PRON" for c in verb.children)
        )
    )


def _join_title_breaks(sents: list[Span], text: str) -> list[Span]:
    """The sentences, with those cut right after an abbreviated title ("Const.") or a place
    abbreviation just after a quote ('"...," N.S. Premier') joined to the next one when it
    goes on in the same paragraph with a capitalised word."""
    out: list[Span] = []
    for sent in sents:
        prev = out[-1] if out else None
        if (
            prev is not None
            and (
                TITLE_BREAK.search(text, prev.start_char, prev.end_char)
                or _QUOTE_THEN_ABBREVIATION.search(text, prev.start_char, prev.end_char)
            )
            and "\n" not in text[prev.end_char : sent.start_char]
            and sent.text[:1].isupper()
        ):
            out[-1] = prev.doc[prev.start : sent.end]
        else:
            out.append(sent)
    return out
