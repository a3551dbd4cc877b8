"""Whom the pronoun subject of a speech verb refers to ('"...," she said', '"...," it added').

"He"/"she" is the previous speaker until another person of that gender is named, else the
latest subject (never an object: 'Police arrested John Doe. "...," he said' is not Doe) of
that gender in the paragraph (or the three before; not one of a relative clause), or, when
the paragraph goes on about a "she" or "he" named before it, the latest subject before it.
Excluded: people named inside the quote (nobody quotes themselves by name) or in the clause
the pronoun's verb reports ('She said the minister was ...' is not the minister). No one
when several people fit and the quote speaks of a third person of that gender ('"He has a
future," he said'), and only people named after a person the tagger missed who acts in
between ("MacLeod is not convinced."; a proper-noun subject without a person label). A
"he"/"she" that names no one is the unnamed speaker of the sentence before ('A police
spokesman said John Doe was arrested. "...," he said': the spokesman; a subject of reported
speech or of a relative clause is no antecedent). "It" is the organisation quoted just
before, unless another subject is named in between.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace

from spacy.tokens import Doc, Token

from newsfeed.extract.given_names import is_given_name
from newsfeed.extract.speaker_article import Attribution, Mention, QuoteSite
from newsfeed.extract.speaker_names import (
    SPEAKER_LABELS,
)
from newsfeed.extract.speaker_people import People
from newsfeed.extract.speech_words import (
    PRONOUN_GENDER,
    SPEECH_VERBS,
)

_THIRD_PERSON = {
    "m": re.compile(r"\b(?:[Hh]e|[Hh]im|[Hh]is|[Hh]imself)\b"),
    "f": re.compile(r"\b(?:[Ss]he|[Hh]er|[Hh]ers|[Hh]erself)\b"),
}


class Pronouns(People):
    """The people of the article, with the antecedents of pronouns."""

    def __init__(
        self, doc: Doc, names: dict[tuple[int, int], tuple[str, str]], quotes: list[QuoteSite]
    ) -> None:
        super().__init__(doc, names, quotes)
        self._blockers: list[int] | None = None  # see _people_unsure_of

    def _pronoun(self, pron: Token, verb: str, rule: str) -> Attribution | None:
        low = pron.lower_
        if low == "it" and self._last is not None and self._last.name is None:
            # '"...," it added': the organisation quoted just before, unless another one
            # acts in between ("M&S said sales rose. "...," it said.")
            source = self._last.role or ""
            if any(
                m.is_subject
                and self._last_at < m.char < pron.idx
                and self.doc[m.start : m.end].text not in source
                for m in self.mentions
            ):
                return None
            return replace(self._last, verb=verb, rule=rule, confidence=0.55)
        if low not in PRONOUN_GENDER:
            return None
        name, confidence = self.antecedent(
            pron.idx, PRONOUN_GENDER[low], self._named_in_report(pron)
        )
        return Attribution(name, None, verb, rule, confidence) if name else None

    def _named_in_report(self, pron: Token) -> set[str]:
        """The people a pronoun's speech verb reports on, by name or title ('She said the
        minister was wrong': she is not the minister)."""
        verb = pron.head
        if verb.lower_ not in SPEECH_VERBS:
            return set()
        words = [
            t
            for c in verb.children
            if c.dep_ == "ccomp"
            for t in c.subtree
            if not self.in_quote(t.idx)
        ]
        if not words:
            return set()
        first, last = min(t.i for t in words), max(t.i for t in words)
        named = {m.name for m in self.mentions if first <= m.start <= last}
        named |= {
            self.title_of[t.lower_]
            for t in words
            if t.lower_ in self.title_of and any(c.lower_ == "the" for c in t.children)
        }
        return named | {n.split()[-1] for n in named}

    def antecedent(
        self, char: int, gender: str, others: frozenset[str] | set[str] = frozenset()
    ) -> tuple[str | None, float]:
        """The person "he"/"she" at ``char`` refers to, and how sure that is.

        The previous speaker, until another person of a compatible gender is named; else the
        latest subject among the people of a compatible gender named in this paragraph (or
        the three before), preferring those of known gender.  Nobody named inside the quote
        being attributed, nor ``others`` (those the pronoun's own verb reports on).  Nobody
        when a person the tagger missed ("Pene dismissed that.") acts in between.
        """
        para = self.paragraph(char)
        inside = self._named_inside(self._quote) | set(others)
        compatible = [
            m
            for m in self.mentions
            if m.label in SPEAKER_LABELS
            and m.char < char
            and self.paragraph(m.char) >= para - 3
            and m.name not in inside
            and m.name.split()[-1] not in inside
            and self.gender.get(m.name, gender) == gender
        ]
        previous, since = self._speaker_before(char)
        blocker = max((c for c in self._people_unsure_of() if since < c < char), default=-1)
        if previous is not None and blocker >= 0:
            # someone the tagger did not take for a person acts in between: only people
            # named after that
            previous = None
            compatible = [m for m in compatible if m.char > blocker]
        if (
            previous is not None
            and previous not in inside
            and self.gender.get(previous, gender) == gender
            and all(m.name == previous for m in compatible if m.char > since)
        ):
            return previous, 0.65 if self.gender.get(previous) == gender else 0.55
        if not compatible:
            return None, 0.0
        known = {m.name for m in compatible if self.gender.get(m.name) == gender}
        pool = [m for m in compatible if self.paragraph(m.char) == para] or compatible
        pool = [m for m in pool if m.name in known] or pool
        subjects = [m for m in pool if m.is_subject]
        if not subjects and self._topic_pronoun(char, gender):
            # 'She cared for a baby whose mother, Ann Lee, ... "...," she said': the paragraph
            # goes on about a person named before it
            earlier = [m for m in compatible if m.is_subject and self.paragraph(m.char) < para]
            subjects = [m for m in earlier if m.name in known] or earlier
        if not subjects:
            return None, 0.0
        if (
            len({m.name for m in compatible}) > 1
            and self._quote is not None
            and _THIRD_PERSON[gender].search(self.text, self._quote.start, self._quote.end)
        ):
            return None, 0.0  # '"He has a future," he said.': one of them is the topic
        pick = max(subjects, key=lambda m: m.char).name
        if len({m.name for m in compatible}) == 1:
            return pick, 0.65 if pick in known else 0.55
        return pick, 0.6 if pick in known else 0.5

    def _topic_pronoun(self, char: int, gender: str) -> bool:
        """Is a "he"/"she" of ``gender`` the subject of a main clause earlier in the paragraph
        of ``char``, outside quotes (the paragraph names no one new as its topic)?"""
        start = self._paragraphs[self.paragraph(char)]
        span = self.doc.char_span(start, char, alignment_mode="contract")
        return any(
            t.dep_ == "nsubj"
            and PRONOUN_GENDER.get(t.lower_) == gender
            and t.head.dep_ not in ("relcl", "ccomp", "advcl")
            and not self.in_quote(t.idx)
            for t in span or []
        )

    def _people_unsure_of(self) -> list[int]:
        """Where someone who may be a person the tagger missed is a subject (computed once,
        when a pronoun first needs it)."""
        if self._blockers is None:
            self._blockers = [
                m.char for m in self._unsure_people() if m.is_subject
            ] + self._unnamed()
        return self._blockers

    def _unnamed(self) -> list[int]:
        """Where a proper noun outside quotes and names is a subject ("Pene dismissed
        that."): maybe a person the tagger missed."""
        named = {i for start, end in self.names for i in range(start, end)}
        surnames = {n.split()[-1] for n, label in self.names.values() if label in SPEAKER_LABELS}
        return [
            t.idx
            for t in self.doc
            if t.dep_ in ("nsubj", "nsubjpass")
            and t.pos_ == "PROPN"
            and t.i not in named
            and t.is_title
            and t.text not in surnames
            and not self.in_quote(t.idx)
            and not self._excluded(t.idx)
        ]

    def _unsure_people(self) -> list[Mention]:
        """Mentions not labelled as people that name one: a given name and a surname
        ("Angus MacLeod" as ORG), or that surname alone later."""
        full = {
            m.name
            for m in self.mentions
            if m.label not in SPEAKER_LABELS
            and 2 <= len(m.name.split()) <= 3
            and is_given_name(m.name.split()[0])
            and all(w[:1].isupper() for w in m.name.split())
        }
        surnames = {n.split()[-1] for n in full}
        return [
            m
            for m in self.mentions
            if m.label not in SPEAKER_LABELS and (m.name in full or m.name in surnames)
        ]

    def _speaker_before(self, char: int) -> tuple[str | None, int]:
        """The last speaker named for a quote that ends before ``char``, and where."""
        i = bisect_right(self._spoken, (char, "\uffff"))
        return (self._spoken[i - 1][1], self._spoken[i - 1][0]) if i else (None, 0)
