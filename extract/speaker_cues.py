"""Rules 1-3: the speech verbs around a quote, and the speakers their subjects name.

1. **cue**: a speech verb (said, told, added ...) outside the quote, in a sentence the quote
   touches, whose subject is outside the quote ('"...," said Ann Lee'; 'Lee said: "..."'),
   or "according to X", or "quoted X as saying".  Verbs governing the quote come first; a
   role alone ("her captors told her") yields to a named speaker of an outer verb ("Lee said
   her captors told her"), never to a verb outside it ('In a statement read by his
   sister, Niamh Doyle, the family said').  A verb left without a subject after the quote
   takes the noun phrase between them ('"...," the council's chief executive, Helen Park,
   said').
2. **after**: the quote ends its sentence and the next one is a bare cue ('"..." She said.')
   or names whose words they were ('"..." That was the verdict of Ann Lee.'), or is a
   paragraph of its own after the quote's ('"..." / He said.'),
   unless a speech verb of its own sentence governs it (its speaker is that verb's or none).
3. **introduced**: the text before the quote ends with ":" after a clause with a speaker as
   subject ('Lee told reporters: / "..."'), or with a speech verb and a comma ("Lee said, /").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace

from spacy.tokens import Span, Token

from newsfeed.extract.speaker_article import Attribution, QuoteSite
from newsfeed.extract.speaker_names import SPEAKER_LABELS, role_word
from newsfeed.extract.speaker_subjects import Subjects, phrase
from newsfeed.extract.speech_words import (
    SPEECH_VERBS,
    is_person_noun,
)

# 'That was the verdict of Ann Lee': nouns for what someone said
_VERDICT_NOUNS = {
    "verdict",
    "view",
    "assessment",
    "message",
    "warning",
    "opinion",
    "reaction",
    "response",
    "conclusion",
    "advice",
    "words",
    "plea",
    "prediction",
    "judgment",
    "judgement",
    "diagnosis",
    "assurance",
    "promise",
    "claim",
}
_QUOTED = {"quoted", "quotes", "quoting", "quote", "cited", "cites", "citing"}


class Cues(Subjects):
    """The article's subjects, with the cues of each quote."""

    def _cue_verbs(self, sents: list[Span], q: QuoteSite) -> list[Token]:
        """Speech verbs outside the quote in ``sents``, the quote's governors first."""
        candidates = [
            tok
            for sent in sents
            for tok in sent
            if not self.in_quote(tok.idx)
            and (
                tok.lower_ == "according"
                or tok.lower_ in SPEECH_VERBS
                and tok.pos_ in ("VERB", "AUX")
            )
        ]
        governing = self._governors(sents, q)

        def distance(tok: Token) -> int:
            return min(abs(tok.idx - q.open_mark), abs(tok.idx - q.close_mark))

        return sorted(candidates, key=lambda t: (t.i not in governing, distance(t)))

    def _governors(self, sents: list[Span], q: QuoteSite) -> set[int]:
        """Token indices of the heads above the quote's first word."""
        first = next((t for s in sents for t in s if q.start <= t.idx < q.end), None)
        return {a.i for a in first.ancestors} if first is not None else set()

    def _from_verb(self, verb: Token, q: QuoteSite | None, rule: str) -> Attribution | None:
        """The speaker of a speech verb (or of "according to")."""
        if verb.lower_ == "according":
            objs = [c for t in verb.children for c in t.children if c.dep_ == "pobj"]
            return self.from_subject(objs[0], "according to", rule, 0.85) if objs else None
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        quoted = verb.head.head if verb.head.lower_ == "as" else verb.head
        if not subjects and verb.lower_ == "saying" and quoted.lower_ in _QUOTED:
            # 'the statement quoted Ford as saying': the one quoted
            subjects = [c for c in quoted.children if c.dep_ == "dobj"]
        if not subjects and verb.dep_ in ("conj", "xcomp", "advcl"):
            subjects = [c for c in verb.head.children if c.dep_ == "nsubj"]
        if (
            not subjects
            and q is not None
            and not self.text[q.close_mark : verb.idx].strip(" ,.;—–-")
        ):
            # '"...," added KCNA.' parsed without a subject: the noun right after the verb
            subjects = [
                c
                for c in verb.children
                if c.i == verb.i + 1
                or (
                    c.left_edge.i == verb.i + 1
                    and c.dep_ in ("dobj", "attr", "npadvmod", "appos", "dep")
                )
            ]
        subjects = [
            s
            for s in subjects
            if not self.in_quote(s.idx)
            and not (q is not None and s.left_edge.idx <= q.start < s.right_edge.idx + 1)
        ]
        found = [
            a
            for a in (self.from_subject(s, verb.lower_, rule, 0.9) for s in subjects)
            if a is not None
        ]
        if not subjects and verb.lower_ != "according" and verb.tag_ in ("VBD", "VBZ", "VBP"):
            found = self._named_before_verb(verb, rule)  # a finite verb, not "shouting"
            if not found and q is not None:
                found = self._phrase_before_verb(verb, q, rule)
            if not found and q is not None:
                found = self._named_after_verb(verb, q, rule)
        return next((a for a in found if a.name), found[0] if found else None)

    def _phrase_before_verb(self, verb: Token, q: QuoteSite, rule: str) -> list[Attribution]:
        """'"...," the council's chief executive, Helen Park, said.' with the words between
        the quote and the verb parsed into the quote: they are the subject when they are a
        noun phrase naming a person or a person's role."""
        span = self.doc.char_span(q.close_mark, verb.idx, alignment_mode="contract")
        if span is None or "\n" in span.text:
            return []
        tokens = [t for t in span if not (t.is_punct or t.is_space)]
        if not 1 <= len(tokens) <= 10 or any(t.pos_ in ("VERB", "AUX") for t in tokens):
            return []
        person = self._person(tokens)
        if person is not None:
            return [Attribution(person[0], self._role(tokens, person[1]), verb.lower_, rule, 0.8)]
        described = self._described_as(list(span))
        if described is not None:
            role = re.sub(r"^[\W]*the\s+", "", span.text, flags=re.IGNORECASE).strip(" ,")
            return [Attribution(described, role, verb.lower_, rule, 0.7)]
        nouns = [t for t in tokens if t.pos_ == "NOUN" and is_person_noun(t.lower_)]
        role = phrase(tokens) if nouns else None
        return [Attribution(None, role, verb.lower_, rule, 0.7)] if role else []

    def _named_after_verb(self, verb: Token, q: QuoteSite, rule: str) -> list[Attribution]:
        """'"...," said Joseph Mensah, chief of the village, as ...' with the name parsed as
        the subject of a later verb: the person named right after a verb that follows the
        quote, maybe after a title ("said Chief Joseph Mensah") or a description ("said the
        26-year-old Keller, ranked 65th")."""
        if self.text[q.close_mark : verb.idx].strip(" ,.;—–-"):
            return []
        sent = self.sent_of(verb)
        for m in self.mentions:
            if m.start <= verb.i or m.start > verb.i + 8 or m.start >= sent.end:
                continue
            between = list(self.doc[verb.i + 1 : m.start])
            roles = [t for t in between if t.text == "." or role_word(t)]
            if m.label not in SPEAKER_LABELS or not (
                len(roles) == len(between) or _described(between, roles)
            ):
                return []
            role = " ".join(t.text for t in roles).replace(" .", ".") or None
            return [Attribution(m.name, role, verb.lower_, rule, 0.8)]
        return []

    def _named_before_verb(self, verb: Token, rule: str) -> list[Attribution]:
        """'In a paper Lee and colleagues describe ...' parsed without a subject: the person
        named right before the verb, maybe with a common-noun conjunct ("and colleagues")."""
        sent = verb.sent
        for m in self.mentions:
            if m.label not in SPEAKER_LABELS or not sent.start <= m.start < m.end <= verb.i:
                continue
            between = list(self.doc[m.end : verb.i])
            if (
                not between
                or between[0].lower_ == "and"
                and len(between) <= 3
                and all(t.pos_ in ("CCONJ", "DET", "PRON", "NOUN") for t in between)
            ):
                return [Attribution(m.name, None, verb.lower_, rule, 0.75)]
        return []

    def cue(self, q: QuoteSite) -> Attribution | None:
        """Rule 1: a speech verb with a speaker subject in the sentences of the quote."""
        sents = self.sentences(q.open_mark, q.close_mark)
        governing = self._governors(sents, q)
        role_only, role_verb = None, None
        for verb in self._cue_verbs(sents, q):
            found = self._from_verb(verb, q, "cue")
            if found is None:
                continue
            if role_verb is not None and found.name and verb not in role_verb.ancestors:
                continue  # 'In a statement read by his sister, the family said': the family
            if found.name or verb.i not in governing:
                return found if found.name or role_only is None else role_only
            role_only, role_verb = role_only or found, role_verb or verb
        return role_only

    def after(self, q: QuoteSite) -> Attribution | None:
        """Rule 2: '"..." He said.' — a bare cue sentence right after the quote, unless a
        speech verb of the quote's own sentence governs it ('She said, "..."'); or, for a
        quote opening its paragraph, a named person reporting more speech in the next
        sentence ('"We have had no deliveries." Grocer Sam Hill said his shop would close.')."""
        i = bisect_left(self._sent_chars, q.close_mark)
        if i >= len(self.sents):
            return None
        own = self.sentences(q.open_mark, q.close_mark)
        if self._governors(own, q) & {t.i for t in self._cue_verbs(own, q)}:
            return None
        nxt = self.sents[i]
        if (
            self.paragraph(nxt.start_char) != self.paragraph(q.close_mark)
            and not self._lone_cue(nxt, q)
            or self.text[q.close_mark : nxt.start_char].strip(" ,.\n")
            or self.in_quote(nxt.start_char)
        ):
            return None
        verdict = self._verdict(nxt)
        if verdict is not None:
            return verdict
        reported = len([t for t in nxt if not t.is_punct]) > 6
        if reported and not (self._opens_paragraph(q) and self._bare(q)):
            return None
        for verb in self._cue_verbs([nxt], q):
            if reported and verb != nxt.root:
                continue
            found = self._from_verb(verb, None, "after")
            if found is not None and reported:
                return replace(found, confidence=0.7) if found.name else None
            if found is not None:
                return replace(found, confidence=min(found.confidence, 0.8))
        return None

    def _lone_cue(self, sent: Span, q: QuoteSite) -> bool:
        """Is ``sent`` a paragraph of a pronoun or name and a verb ("He said.") right after
        the paragraph the quote ends?"""
        words = [t for t in sent if not (t.is_punct or t.is_space)]
        line = self.text[sent.start_char :].split("\n", 1)[0].strip()
        return (
            self.paragraph(sent.start_char) == self.paragraph(q.close_mark) + 1
            and not self.text[q.close_mark :].split("\n", 1)[0].strip(" ,.")
            and line == sent.text.strip()
            and len(words) == 2
            and words[1].lower_ in SPEECH_VERBS
        )

    def _verdict(self, sent: Span) -> Attribution | None:
        """'"..." That was the verdict of Ann Lee, ...': the one whose words they were."""
        roots = [
            t
            for t in sent
            if t.lemma_ == "be"
            and (t.dep_ == "ROOT" or t.head == sent.root and self.in_quote(t.head.idx))
            and not self.in_quote(t.idx)
            and any(c.dep_ == "nsubj" and c.lower_ in ("that", "this", "such") for c in t.children)
        ]
        for attr in (c for r in roots for c in r.children if c.dep_ == "attr"):
            if attr.lower_ not in _VERDICT_NOUNS:
                continue
            for prep in (c for c in attr.children if c.dep_ == "prep" and c.lower_ == "of"):
                for obj in (c for c in prep.children if c.dep_ == "pobj"):
                    found = self.from_subject(obj, attr.lower_, "after", 0.8)
                    if found is not None and found.name:
                        return replace(found, confidence=min(found.confidence, 0.8))
        return None

    def _opens_paragraph(self, q: QuoteSite) -> bool:
        """Does the quote open its paragraph, after no colon or open quotation?"""
        start = self.text.rfind("\n", 0, q.open_mark) + 1
        return not (
            q.continues
            or self.text[start : q.open_mark].strip()
            or self.text[:start].rstrip().endswith((":", ","))
        )

    def introduced(self, q: QuoteSite) -> Attribution | None:
        """Rule 3: a colon after a clause with a speaker, or "said," before the quote."""
        before = self.text[: q.open_mark].rstrip(" \n")
        if not before.endswith((":", ",")):
            return None
        mark = self.doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
        if mark is None or mark[0].i == 0:
            return None
        if before.endswith(","):
            verb = self.doc[mark[0].i - 1]
            if verb.lower_ not in SPEECH_VERBS or self.in_quote(verb.idx):
                return None
            found = self._from_verb(verb, None, "introduced")
        else:
            sent = self.sent_of(mark[0])
            verbs = [
                t
                for t in sent
                if t.pos_ in ("VERB", "AUX") and t.idx < len(before) and not self.in_quote(t.idx)
            ]
            ordered = sorted(verbs, key=lambda v: (v is not sent.root, -v.i))
            subject = next(
                (c for v in ordered for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), None
            )
            verb = subject.head if subject is not None else None
            found = (
                self.from_subject(subject, verb.lower_, "introduced", 0.75)
                if subject is not None and verb is not None
                else None
            ) or self._verdict(sent)  # 'That was the verdict of Ann Lee: "..."'

        return replace(found, confidence=min(found.confidence, 0.75)) if found else None


def _described(between: list[Token], roles: list[Token]) -> bool:
    """ "the 26-year-old", "the hard-serving striker": words describing the person named
    after them (a determiner, then an age or adjectives), maybe ending with role words."""
    described = len(between) - len(roles)
    if described <= 0 or between[described:] != roles:
        return False
    return between[0].lower_ == "the" and all(
        t.pos_ in ("NUM", "ADJ", "PUNCT") or t.lower_ in ("year", "years", "old")
        for t in between[1:described]
    )
