"""Who is who among the people an article names: gender, titles, descriptions, names in words.

Gender comes from titles and role words ("Mr", "spokeswoman"), from the article's own
"he"/"she" after a person (not one in a clause the person reports: 'Judge Ann Lee said he
lied'), then from the given name (``speech_words.name_gender``).  "The minister" is the person
introduced with that title; "the striker" or "the 34-year-old" the latest person the article
described with that role noun or age before, in apposition or right before the name ("striker
Tom Jones", "Jones, the striker", "Sam Hill, 34,"), and nobody when no one was (a plural, "the
officers", never is).  The person in some words is one named there (by the article's full
name), the one person named in full with that surname, or a given name and surname apposed to
a role noun whatever the tagger's label ("the council's chief executive, Helen Park").
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from newsfeed.extract.given_names import is_given_name
from newsfeed.extract.name_spans import NAME_PARTICLES
from newsfeed.extract.speaker_article import Article, Mention, QuoteSite
from newsfeed.extract.speaker_names import (
    SPEAKER_LABELS,
    not_a_name,
)
from newsfeed.extract.speech_words import (
    FEMALE_WORDS,
    MALE_WORDS,
    PRONOUN_GENDER,
    SPEECH_VERBS,
    is_person_noun,
    name_gender,
)
from newsfeed.extract.spelling import singular


class People(Article):
    """The article with what it says about its people."""

    def __init__(
        self, doc: Doc, names: dict[tuple[int, int], tuple[str, str]], quotes: list[QuoteSite]
    ) -> None:
        super().__init__(doc, names, quotes)
        self.gender: dict[str, str] = {}
        self.title_of: dict[str, str] = {}
        self.described: list[tuple[int, str, str]] = []  # (char, role noun or age, person)
        self._learn_people()

    def _learn_people(self) -> None:
        """Gender and titles of the people named."""
        doc = self.doc
        for m in self.mentions:
            if m.label not in SPEAKER_LABELS:
                continue
            for word in self._gender_words(m):
                if word in FEMALE_WORDS:
                    self.gender.setdefault(m.name, "f")
                elif word in MALE_WORDS:
                    self.gender.setdefault(m.name, "m")
            prev = doc[m.start - 1] if m.start > 0 else None
            if prev is not None and prev.is_title and prev.pos_ in ("PROPN", "NOUN"):
                self.title_of.setdefault(prev.lower_, m.name)
            if prev is not None and prev.text == ",":
                # "Congo's Foreign Minister, Thérèse Kayembe," → "minister"
                for tok in reversed(list(doc[max(0, m.start - 4) : m.start - 1])):
                    if tok.pos_ == "NOUN" or tok.is_title:
                        self.title_of.setdefault(tok.lower_, m.name)
                        break
        self._learn_descriptions()
        self._learn_gender_from_pronouns()
        for m in self.mentions:
            if m.label in SPEAKER_LABELS and m.name not in self.gender:
                gender = name_gender(m.name)
                if gender is not None:
                    self.gender[m.name] = gender

    def _learn_descriptions(self) -> None:
        """Role nouns and ages the article gives a named person, by apposition or right
        before the name ("striker Tom Jones", "Jones, the striker,", "the striker, Tom
        Jones", "Sam Hill, 34,"), for a later "the striker said" or "the 34-year-old said"."""
        doc = self.doc
        for m in self.mentions:
            if m.label not in SPEAKER_LABELS:
                continue
            root = doc[m.start : m.end].root
            nouns = [t for t in doc[m.start : m.end] if t.pos_ == "NOUN"]
            if m.start > 0 and doc[m.start - 1].pos_ == "NOUN" and doc[m.start - 1].head == root:
                nouns.append(doc[m.start - 1])
            nouns += [c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
            if root.dep_ == "appos" and root.head.pos_ == "NOUN":
                nouns.append(root.head)
            for noun in nouns:
                if is_person_noun(noun.lower_):
                    self.described.append((m.char, singular(noun.lower_), m.name))
            if (
                m.end + 2 < len(doc)
                and doc[m.end].text == ","
                and doc[m.end + 1].like_num
                and doc[m.end + 2].text in (",", ".")
                and doc[m.end + 1].text.isdigit()
            ):
                self.described.append((m.char, f"{doc[m.end + 1].text}-year-old", m.name))

    def _described_as(self, tokens: list[Token]) -> str | None:
        """The person a definite description names ("the striker", "the 34-year-old"): the
        latest one the article described so before it, not one named inside the quote."""
        words = [t for t in tokens if not t.is_space]
        if (
            len(words) < 2
            or words[0].lower_ != "the"
            or any(t.dep_ in ("prep", "relcl", "acl", "poss") or t.pos_ == "PROPN" for t in words)
        ):
            return None
        text = "".join(t.text_with_ws for t in words[1:]).strip().lower()
        if re.fullmatch(r"\d{1,3}-year-old", text):
            key = text
        elif len(words) == 2 and words[1].tag_ == "NN" and is_person_noun(words[1].lower_):
            key = singular(words[1].lower_)
        else:
            return None
        at = words[0].idx
        inside = self._named_inside(self._quote)
        found = [(c, n) for c, k, n in self.described if k == key and c < at]
        if not found:
            return None
        name = max(found)[1]
        return None if name in inside or name.split()[-1] in inside else name

    def _gender_words(self, m: Mention) -> list[str]:
        """Titles and role nouns of a mention: in it, right before it, or in apposition."""
        doc = self.doc
        words = [t.lower_.rstrip(".") for t in doc[m.start : m.end]]
        i = m.start - 1
        while (
            i >= 0 and m.start - i <= 3 and (doc[i].pos_ in ("NOUN", "PROPN") or doc[i].text == ".")
        ):
            words.append(doc[i].lower_.rstrip("."))
            i -= 1
        for tok in doc[m.start : m.end]:
            for appos in (c for c in tok.children if c.dep_ == "appos"):
                words += [t.lower_ for t in appos.subtree if t.i <= appos.i]
        return words

    def _learn_gender_from_pronouns(self) -> None:
        """A sentence naming one person, followed (in it or the next sentence, outside
        quotes) by a subject "he" or "she", votes for that person's gender."""
        people_by_sent: dict[int, set[str]] = {}
        for m in self.mentions:
            if m.label in SPEAKER_LABELS:
                people_by_sent.setdefault(self.sent_of(self.doc[m.start]).start, set()).add(m.name)
        votes: dict[str, set[str]] = {}
        for i, sent in enumerate(self.sents):
            people = people_by_sent.get(sent.start, set())
            if len(people) != 1:
                continue
            window = [
                t
                for s in self.sents[i : i + 2]
                for t in s
                if t.i > sent.start and not self.in_quote(t.idx)
            ]
            pron = next(
                (
                    t
                    for t in window
                    if t.dep_ in ("nsubj", "nsubjpass")
                    and t.lower_ in PRONOUN_GENDER
                    and not _reported(t)
                ),
                None,
            )
            if pron is None or people_by_sent.get(self.sent_of(pron).start, people) != people:
                continue
            votes.setdefault(next(iter(people)), set()).add(PRONOUN_GENDER[pron.lower_])
        for name, genders in votes.items():
            if len(genders) == 1:
                self.gender.setdefault(name, genders.pop())

    def _entity(
        self, tokens: list[Token], labels: set[str], head: Token | None = None
    ) -> tuple[str, Span] | None:
        """The entity of ``labels`` among ``tokens``: the one holding ``head`` if given,
        else the first that is not a possessor ("Unicef's representative, Ann Lee")."""
        idx = {t.i for t in tokens}
        found = []
        for (start, end), (name, label) in sorted(self.names.items()):
            if (
                label not in labels
                or self._excluded(self.doc[start].idx)
                or label in SPEAKER_LABELS
                and not_a_name(name)
            ):
                continue
            span = self.doc[start:end]
            if head is not None and start <= head.i < end:
                return self.full_names.get(name, name), span
            if start in idx:
                owner = span.root.dep_ == "poss" or span[-1].text in ("'s", "’s")
                found.append((owner, self.full_names.get(name, name), span))
        if head is not None or not found:
            return None
        _, name, span = min(found, key=lambda f: f[0])
        return name, span

    def _by_surname(self, tokens: list[Token]) -> tuple[str, Span] | None:
        """A proper noun that is the surname of one person named in the article."""
        for tok in tokens:
            particle = tok.i > 0 and self.doc[tok.i - 1].text in NAME_PARTICLES  # "ten Hag"
            if tok.pos_ != "PROPN" and not particle or not tok.is_title:
                continue
            people = {
                m.name
                for m in self.mentions
                if m.label in SPEAKER_LABELS
                and " " in m.name
                and m.name.split()[-1] == tok.text
                and (not particle or m.name.split()[-2] == self.doc[tok.i - 1].text)
            }
            if len(people) == 1:
                return people.pop(), self.doc[tok.i : tok.i + 1]
        return None

    def _person(self, tokens: list[Token]) -> tuple[str, Span] | None:
        return (
            self._entity(tokens, SPEAKER_LABELS)
            or self._by_surname(tokens)
            or self._apposed_name(tokens)
        )

    def _apposed_name(self, tokens: list[Token]) -> tuple[str, Span] | None:
        """A given name and surname in apposition to a role noun, whatever label the tagger
        gave it ("the council's chief executive, Helen Park")."""
        idx = {t.i for t in tokens}
        for tok in tokens:
            if (
                tok.dep_ != "appos"
                or tok.pos_ != "PROPN"
                or tok.head.pos_ != "NOUN"
                or not is_person_noun(tok.head.lower_)
            ):
                continue
            start = tok.i
            while (
                start - 1 in idx
                and self.doc[start - 1].dep_ == "compound"
                and self.doc[start - 1].pos_ == "PROPN"
            ):
                start -= 1
            span = self.doc[start : tok.i + 1]
            if (
                2 <= len(span) <= 3
                and is_given_name(span[0].text)
                and all(t.is_title for t in span)
            ):
                return self.full_names.get(span.text, span.text), span
        return None


def _reported(pron: Token) -> bool:
    """Is the pronoun the subject of a clause reported by a speech verb with another subject
    ('Judge Ann Lee said he had lied': "he" is someone else, no vote for Lee's gender)?"""
    clause = pron.head
    while clause.dep_ in ("conj", "xcomp") and clause.head != clause:
        clause = clause.head
    return (
        clause.dep_ == "ccomp"
        and clause.head.lower_ in SPEECH_VERBS
        and any(
            c.dep_ in ("nsubj", "nsubjpass") and c.lower_ != pron.lower_
            for c in clause.head.children
        )
    )
