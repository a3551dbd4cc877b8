"""The speaker that the subject of a cue names: a person, a role, an organisation, a document.

A person named in the subject is the speaker, the words before the name or its apposition
being the role ("WFP spokeswoman"; "said Cpl. Ann Lee" is Ann Lee). An organisation speaks
only through a person with a role ("a spokesman for the UN" → speaker the UN, role
"spokesman"; "a Trump spokesman" → Trump, while "Price's wife" is someone unnamed, no
speaker); as the subject itself ("the ministry said", "the ministry's statement said") it is
only the role, a source without a speaker. A person's document ("Smith's letter said") is
that person, and so is one "his" or "her" refers to ("His message was blunt: ..."). Any
other person noun is a role alone ("a witness"), unless the article gave it to someone
before ("the minister", "the striker": ``speaker_people``). Pronouns: ``speaker_pronouns``.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Span, Token

from newsfeed.extract.speaker_article import Attribution
from newsfeed.extract.speaker_names import (
    ABBREVIATION,
    ORG_LABELS,
    TITLE_BREAK,
    is_abbreviation,
    untagged_person,
)
from newsfeed.extract.speaker_pronouns import Pronouns
from newsfeed.extract.speech_words import (
    DOCUMENT_NOUNS,
    FEMALE_WORDS,
    HONORIFICS,
    MALE_WORDS,
    ORG_NOUNS,
    PRONOUN_GENDER,
    SPEECH_VERBS,
    SPOKES_NOUNS,
    is_person_noun,
)

_POSSESSIVE_GENDER = {"his": "m", "her": "f"}


class Subjects(Pronouns):
    """The article's people, with the speakers that subjects name."""

    def from_subject(self, subject: Token, verb: str, rule: str, high: float) -> Attribution | None:
        """The speaker named by the subject of a speech verb (None: not a speaker)."""
        if subject.pos_ == "PRON":
            return self._pronoun(subject, verb, rule) or self._role_before(subject, verb, rule)
        tokens = self._subject_tokens(subject)
        person = self._person(tokens)
        if (
            person is None
            and is_abbreviation(subject.text)
            and TITLE_BREAK.search(" " + subject.text.rstrip(".") + ".")
        ):
            # "said Cpl. Anne Roy", cut after the title: the name that follows it
            named = [t for t in subject.doc[subject.i + 1 : subject.i + 4] if not t.is_punct]
            person = self._person(named)
            if person is not None:
                return Attribution(person[0], subject.text.rstrip(".") + ".", verb, rule, high)
        if person is not None and _owned_by(subject, person[1]) and self._governs(subject.head):
            # "a Trump spokesman": speaks for Trump; "Price's lawyer": someone unnamed
            if subject.lower_ not in SPOKES_NOUNS:
                return None
            owner = re.sub(r"['’]s?$", "", person[1].text).strip()
            return Attribution(owner, subject.lower_, verb, rule, high - 0.15)
        if person is not None:
            name, span = person
            return Attribution(name, self._role(tokens, span), verb, rule, high)
        head = subject.lower_
        if head in DOCUMENT_NOUNS:
            owner = self._owner(subject)
            poss = next((c.lower_ for c in subject.children if c.dep_ == "poss"), None)
            if owner is None and poss in _POSSESSIVE_GENDER:
                # 'His message was blunt: "..."': the person "his" refers to, or no one
                name, sure = self.antecedent(subject.idx, _POSSESSIVE_GENDER[poss])
                return Attribution(name, head, verb, rule, min(sure, high - 0.2)) if name else None
            if owner is None:  # 'a leaked letter says "..."': the document is the source
                return self._source(tokens, verb, rule, high)
            name, is_person = owner
            if is_person:
                return Attribution(name, head, verb, rule, high - 0.2)
            return self._source(tokens, verb, rule, high)
        appos = [c for c in subject.children if c.dep_ == "appos"]
        if head not in SPOKES_NOUNS and any(
            self._entity(tokens, ORG_LABELS, head=h) for h in [subject, *appos]
        ):
            return self._source(tokens, verb, rule, high)
        if head in ORG_NOUNS or head.rstrip("s") in ORG_NOUNS:
            return self._source(tokens, verb, rule, high)
        untagged = untagged_person(subject)
        if untagged is not None:
            name, role = untagged
            return Attribution(self.full_names.get(name, name), role, verb, rule, high - 0.1)
        aged = self._described_as(tokens) if head == "old" else None  # "the 34-year-old"
        if aged is not None:
            role = re.sub(r"^the\s+", "", " ".join(t.text for t in tokens)).replace(" - ", "-")
            return Attribution(aged, role, verb, rule, min(high, 0.7))
        if subject.pos_ == "PROPN" or not is_person_noun(head):
            return None
        role = self._role(tokens, None)
        if head in SPOKES_NOUNS:
            owner = self._owner(subject)
            if owner is not None and not owner[1]:
                return Attribution(owner[0], head, verb, rule, high - 0.15)
        determiners = {c.lower_ for c in subject.children if c.dep_ == "det"}
        if head in self.title_of and ("the" in determiners or subject.is_title):
            return Attribution(self.title_of[head], role, verb, rule, min(high, 0.7))
        described = self._described_as(tokens)
        if described is not None:
            return Attribution(described, role, verb, rule, min(high, 0.7))
        return Attribution(None, role, verb, rule, high - 0.15) if role else None

    def _governs(self, verb: Token) -> bool:
        """Is the verb the speech verb nearest above the quote being attributed (or is there
        no quote)?  A verb beside it ('Lee's sister pleaded with him, but he replied "..."')
        reports something else, and its subject's owner may be the one who speaks."""
        q = self._quote
        if q is None:
            return True
        sents = self.sentences(q.start, q.end)
        first = next((t for t in sents[0] if q.start <= t.idx), None) if sents else None
        nearest = next(
            (a for a in (first.ancestors if first is not None else []) if a.lower_ in SPEECH_VERBS),
            None,
        )
        return nearest is None or nearest == verb

    def _role_before(self, pron: Token, verb: str, rule: str) -> Attribution | None:
        """'A police spokesman said John Doe was arrested. "...," he said.': a "he"/"she"
        that names no one is the unnamed speaker (a role or an organisation's spokesman) of
        the main speech verb of the sentence before, in the same paragraph."""
        gender = PRONOUN_GENDER.get(pron.lower_)
        i = self.sents.index(self.sent_of(pron))
        if gender is None or i == 0 or "\n" in self.text[self.sents[i - 1].end_char : pron.idx]:
            return None
        root = self.sents[i - 1].root
        subjects = [
            c for c in root.children if c.dep_ == "nsubj" and c.pos_ == "NOUN" and c.tag_ == "NN"
        ]
        if root.lower_ not in SPEECH_VERBS or len(subjects) != 1 or self.in_quote(root.idx):
            return None
        head = subjects[0].lower_
        if head in (FEMALE_WORDS if gender == "m" else MALE_WORDS):
            return None
        found = self.from_subject(subjects[0], verb, rule, 0.9)
        if found is None or found.name and found.role not in SPOKES_NOUNS:
            return None
        return replace(found, confidence=0.5)

    def _subject_tokens(self, subject: Token) -> list[Token]:
        """The subject's words outside quotes and relative or adverbial clauses."""
        clause = {
            d.i for t in subject.subtree if t.dep_ in ("relcl", "acl", "advcl") for d in t.subtree
        }
        return [t for t in subject.subtree if not self.in_quote(t.idx) and t.i not in clause]

    def _source(self, tokens: list[Token], verb: str, rule: str, high: float) -> Attribution | None:
        """An organisation or its document as the source of a quote: a role, no speaker."""
        role = phrase(tokens)
        return Attribution(None, role, verb, rule, high - 0.25) if role else None

    def _owner(self, noun: Token) -> tuple[str, bool] | None:
        """Whose statement, letter or spokesman ("Smith's", "the Home Office", "for the UN"):
        the name, and whether it is a person."""
        parts = [c for c in noun.children if c.dep_ in ("poss", "compound")]
        parts += [
            g
            for c in noun.children
            if c.dep_ == "prep" and c.lower_ in ("for", "of", "by", "from", "at")
            for g in c.children
            if g.dep_ == "pobj"
        ]
        for part in parts:
            tokens = [t for t in part.subtree if not self.in_quote(t.idx)]
            person = self._person(tokens)
            if person is not None:
                return person[0], True
            org = self._entity(tokens, ORG_LABELS)
            if org is not None:
                return org[0], False
        return None

    def _role(self, tokens: list[Token], name: Span | None) -> str | None:
        """The role in a subject: the words right before the name ("ICRC spokeswoman"),
        else its apposition ("editor at the Gazette"); without a name, the noun phrase."""
        kept = tokens
        if name is not None:
            ids = {t.i for t in tokens}
            before = []
            i = name.start - 1
            while i in ids and self.doc[i].text not in (",", "(", "—"):
                before.insert(0, self.doc[i])
                i -= 1
            appos = [
                t
                for r in name
                for c in r.children
                if c.dep_ == "appos" and c.i >= name.end
                for t in c.subtree
                if t.i in ids
            ]
            kept = before if any(t.pos_ in ("NOUN", "PROPN") for t in before) else appos
        kept = _without_age(kept)
        if all(
            t.ent_type_ in ("GPE", "LOC") or t.is_punct or t.like_num or ABBREVIATION.match(t.text)
            for t in kept
        ):
            return None  # "Ruth Adams of Truro, N.S.", "Obi, 58": a place or an age, no role
        text = phrase(kept)
        return None if text is None or text.lower().rstrip(".") in HONORIFICS else text


def _without_age(tokens: list[Token]) -> list[Token]:
    """The tokens without an age at their start: "20-year-old Ali Ahmed" has no role, "the
    20-year-old student" has "student" (spaCy splits "20-year-old" at its hyphens)."""
    i = 1 if tokens and tokens[0].pos_ == "DET" else 0
    words = [t.lower_ for t in tokens[i : i + 5]]
    if len(words) == 5 and tokens[i].like_num and words[1] == words[3] == "-" \
            and words[2] in ("year", "years") and words[4] == "old":
        return tokens[:i] + tokens[i + 5 :]
    return tokens


def phrase(tokens: list[Token]) -> str | None:
    """The text of some tokens without edge words (determiners, numbers, possessive marks,
    prepositions, punctuation); None past ten words."""
    tokens = sorted(tokens, key=lambda t: t.i)
    edge = ("ADP", "CCONJ", "PRON", "PART", "PUNCT", "DET", "SPACE")
    while tokens and (tokens[0].pos_ in edge or tokens[0].dep_ in ("case", "poss", "nummod")):
        tokens = tokens[1:]
    while tokens and tokens[-1].pos_ in edge:
        tokens = tokens[:-1]
    if not tokens or len(tokens) > 10:
        return None
    doc = tokens[0].doc
    if all(b.i == a.i + 1 for a, b in zip(tokens, tokens[1:], strict=False)):
        text = doc[tokens[0].i : tokens[-1].i + 1].text
    else:
        text = " ".join(t.text for t in tokens)
    if text.count("(") > text.count(")"):
        text = text[: text.index("(")]
    return text.strip(" ,") or None


def _owned_by(subject: Token, name: Span) -> bool:
    """Is the subject a person noun that the name only modifies ("a Trump spokesman",
    "Price's lawyer"), so that the person named is not the one speaking?"""
    root = name.root
    return (
        subject.pos_ == "NOUN"
        and not name.start <= subject.i < name.end
        and root.dep_ in ("poss", "compound")
        and root.head == subject
        and is_person_noun(subject.lower_)
    )
