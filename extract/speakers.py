"""Who says a quotation: a small discourse model over one article.

Each quotation is attributed by the first of these rules that finds a speaker:

1. **cue**: a speech verb (said, told, added ...) outside the quote, in a sentence the quote
   touches, whose subject is outside the quote ('"...," said Ann Lee'; 'Lee said: "..."'),
   or "according to X", or "quoted X as saying".  Verbs governing the quote come first; a
   role alone ("her captors told her") yields to a named speaker of an outer verb ("Lee said
   her captors told her").  A verb left without a subject after the quote takes the noun
   phrase between them ('"...," the council's chief executive, Helen Park, said').
2. **after**: the quote ends its sentence and the next one is a bare cue ('"..." She said.'),
   unless a speech verb of its own sentence governs it (its speaker is that verb's or none).
3. **introduced**: the text before the quote ends with ":" after a clause with a speaker as
   subject ('Lee told reporters: / "..."'), or with a speech verb and a comma ("Lee said, /").
4. **byline**: a pull quote signed with a person's name, maybe after a role ('"..." — Mayor
   Ann Lee'), or a headline opening with the quote, a colon and the person ('"...": Ann Lee
   on ...').
5. **interview**: in a question-and-answer article, quoted answers right after a question
   paragraph belong to its one interviewee (``SpeakerModel.interview``); a transcript
   without quote marks ("Q: ... / A: ...") has no quotes to attribute.
6. **chain**: the paragraphs of a multi-paragraph quotation share the speaker found for any.
7. **run**: a quote that is a sentence of its own keeps the previous quote's speaker when
   nothing but that speaker's cue lies between them (same or next paragraph): a run of quote
   paragraphs belongs to its speaker, not to the last person named.
8. **before**: a quote that is a sentence of its own continues the speech reported in the
   sentence just before it ('Lee said the plan failed. "It is a disaster."'), in its
   paragraph or at the end of the previous one.
Scare quotes and titles (``quotes.fragment_reason``) take part in rule 1 only.

A subject resolves to a speaker as follows. A person named in it is the speaker, by the
article's full name ("Lee" → "Ann Lee", "ten Hag" → "Erik ten Hag"; role words the tagger
put in the name dropped: "Teenager Sean Kelly" → "Sean Kelly"), the words before the name or
its apposition being the role ("WFP spokeswoman"). A given name and surname count as a
person whatever the tagger's label when apposed to a role noun or standing as a subject
("said Chief Constable Iain Livingstone", "Organiser Aroha Pene told"; then also for later
pronouns and surnames). "He"/"she" is the previous speaker until another person of that
gender is named, else the latest subject (never an object: 'Police arrested John Doe. "...,"
he said' is not Doe) of that gender in the paragraph. Excluded: people named inside the
quote (nobody quotes themselves by name) or in the clause the pronoun's verb reports ('She
said the minister was ...' is not the minister). No one when several people fit and the
quote speaks of a third person of that gender ('"He has a future," he said'), and only
people named after a person the tagger missed who acts in between ("MacLeod is not
convinced."; a proper-noun subject without a person label). Gender comes from titles and
role words ("Mr", "spokeswoman"), from the article's own "he"/"she" after a person (not one
in a clause the person reports: 'Judge Ann Lee said he lied'), then from the given name
(``speech_words.name_gender``). "The minister" is the person introduced with that title;
else "the striker" or "the 34-year-old" is the latest person the article described with that
role noun or age before, in apposition or right before the name ("striker Tom Jones",
"Jones, the striker", "Sam Hill, 34,"), and nobody when no one was (a plural, "the
officers", never is). An organisation speaks only through a person with a role ("a spokesman
for the UN" → speaker the UN, role "spokesman"); as the subject itself ("the ministry said",
"the ministry's statement said") it is only the role, a source without a speaker. Any other
person noun is a role alone ("a witness"); a plural one the tagger took for a name
("Campaigners") is no speaker, nor a "person" the article names as a place of work ("an
analyst at Hargreaves Lansdown") or as a thing ("Johnson Matthey, which makes ..."). "It" is
the organisation quoted just before, unless another subject is named in between. Names in
bylines, credits and captions ("Jane Doe · CBC News", "Photo: Jane Doe/Reuters"), places,
abbreviations and a title alone ("Cpl") are never speakers; "said Cpl. Ann Lee" is Ann Lee.
A sentence the splitter cut after an abbreviated title ("Sgt.") or a place abbreviation
right after a quote ('"...," Sask.') is joined to the next one. Precision first: no speaker
rather than a guess.

Confidence of a speaker (``Attribution.confidence``): 0.9 a person named in the subject of
the cue; 0.85 "according to"; 0.8 the sentence after, the phrase between quote and verb, an
untagged name; 0.75 a role alone, a spokesman of an organisation, a colon introduction; 0.7
a title ("the minister"), a signed pull quote, the owner of a statement; 0.65 an
organisation as the source, a pronoun of known gender; 0.6 a run continuation, an interview
answer; 0.55 the sentence before (0.5 from the previous paragraph), a pronoun of unknown
gender (0.5 when several people fit). A chain paragraph: 0.05 below the paragraph whose cue
it takes, at most 0.7.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from newsfeed.extract.given_names import is_given_name
from newsfeed.extract.name_spans import NAME_PARTICLES
from newsfeed.extract.speech_words import (
    DOCUMENT_NOUNS,
    FEMALE_WORDS,
    HONORIFICS,
    MALE_WORDS,
    ORG_NOUNS,
    PERSON_ROLE_NOUNS,
    PRONOUN_GENDER,
    SPEECH_VERBS,
    SPOKES_NOUNS,
    is_person_noun,
    name_gender,
)
from newsfeed.extract.spelling import singular

SPEAKER_LABELS = {"PERSON"}
ORG_LABELS = {"ORG"}
_CREDIT = re.compile(r"\b(?:Image|Photo|Photograph|Picture|Video|Audio|Credit|Source|By)\s*:",
                     re.IGNORECASE)
# An abbreviated title or rank that the sentence splitter takes for a full stop ("Sgt. Mark
# Bell said"): the sentence goes on with the name.
_TITLE_BREAK = re.compile(r"(?:^|\s)(?:Sgt|S/Sgt|Const|Cst|Cpl|Lt|Capt|Col|Maj|Gen|Adm|Insp|Supt|"
                          r"Det|Cmdr|Gov|Sen|Rep|Rev|Prof|Dr|Mr|Mrs|Ms|Hon|Atty|Sup|Pte)\.$")
# ... or a place abbreviation right after a quote ('"...," Sask. Premier Ann Lee said').
_QUOTE_THEN_ABBREVIATION = re.compile(r"[\"”][ \t]+(?:[A-Z][a-z]{0,4}\.|(?:[A-Z]\.){1,3})$")
_ABBREVIATION = re.compile(r"^(?:[A-Z]\.)+$|^[A-Z][a-z]{1,4}\.$|^[A-Z]{2,3}$")  # N.S., Ont., BC


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
class _Mention:
    """A person or organisation named outside quotes, bylines and credits."""

    name: str
    label: str
    start: int  # token index
    end: int
    char: int
    is_subject: bool


class SpeakerModel:
    """Speakers of the quotations of one article (see the module docstring).

    ``local()`` applies rules 1-4 to every quote, in order; ``discourse()`` rules 5-8 to the
    quotes that are speech.
    """

    def __init__(self, doc: Doc, names: dict[tuple[int, int], tuple[str, str]],
                 quotes: list[QuoteSite]) -> None:
        self.doc = doc
        self.text = doc.text
        self.names = _untagged_people(doc, _places_of_work(doc, _with_particles(doc, names)))
        self.quotes = quotes
        self.marks = [(q.open_mark, q.close_mark) for q in quotes]
        self.sents = _join_title_breaks(list(doc.sents), self.text)
        self._sent_tokens = [s.start for s in self.sents]
        self._sent_chars = [s.start_char for s in self.sents]
        self._paragraphs = [0] + [m.end() for m in re.finditer(r"\n+", self.text)]
        self.excluded = self._credit_lines()
        self.full_names = _full_names(names)
        self.mentions = self._mentions()
        self.gender: dict[str, str] = {}
        self.title_of: dict[str, str] = {}
        self.described: list[tuple[int, str, str]] = []  # (char, role noun or age, person)
        self._learn_people()
        self._blockers: list[int] | None = None  # see _people_unsure_of
        self._spoken: list[tuple[int, str]] = []  # (end of quote, speaker named), in order
        self._last: Attribution | None = None  # the last attribution found
        self._last_at = 0  # where its quote ends
        self._quote: QuoteSite | None = None  # the quote being attributed

    # ------------------------------------------------------------------ the two passes
    def local(self) -> list[Attribution | None]:
        """Rules 1-4 for every quote: the cues around the quote itself."""
        out: list[Attribution | None] = []
        for q in self.quotes:
            self._quote = q
            found = self.cue(q) or self.after(q) or self.introduced(q) or self.byline(q)
            if found is not None and not (found.name or found.role):
                found = None
            out.append(found)
            if found is not None:
                self._last, self._last_at = found, q.close_mark
                if found.name:
                    self._spoken.append((q.close_mark, found.name))
        self._quote = None
        return out

    def discourse(self, local: list[Attribution | None], speech: list[bool]
                  ) -> list[Attribution | None]:
        """Rules 5-8 for the quotes that are speech (not scare quotes or titles)."""
        found = list(local)
        for i, speaker in self.interview(local, speech).items():
            found[i] = speaker
        for chain in _chains(self.quotes):
            chain = [i for i in chain if speech[i]]
            given = next((found[i] for i in chain if found[i] is not None), None)
            for i in chain:
                if found[i] is None and given is not None:
                    found[i] = replace(given, rule="chain",
                                       confidence=min(given.confidence - 0.05, 0.7))
        previous: tuple[QuoteSite, Attribution] | None = None
        for i, q in enumerate(self.quotes):
            if not speech[i]:
                continue
            if found[i] is None and previous is not None:
                found[i] = self.run(previous, q)
            if found[i] is None:
                found[i] = self.before(q)
            if found[i] is not None:
                previous = (q, found[i])
        return found

    # ------------------------------------------------------------------ the article
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
                    t.pos_ in ("VERB", "AUX") and t.lower_ not in ("posted", "updated")
                    for t in words):
                out.append((m.start(), m.end()))
        return out

    def _excluded(self, char: int) -> bool:
        return any(s <= char < e for s, e in self.excluded)

    def _mentions(self) -> list[_Mention]:
        out = []
        doc = self.doc
        for (start, end), (name, label) in sorted(self.names.items()):
            char = doc[start].idx
            credit = "/" in (doc[start - 1].text if start else "",
                             doc[end].text[:1] if end < len(doc) else "")  # "Jane Doe/AP"
            if self.in_quote(char) or self._excluded(char) or credit or (
                    label in SPEAKER_LABELS and _not_a_name(name)):
                continue
            root = doc[start:end].root
            while root.dep_ == "appos" and root.head != root:
                root = root.head  # "the charity's chief executive, Rachel Evans, said"
            is_subject = root.dep_ in ("nsubj", "nsubjpass")
            out.append(_Mention(self.full_names.get(name, name), label, start, end, char,
                                is_subject))
        return out

    # ------------------------------------------------------------------ people
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
                for tok in reversed(list(doc[max(0, m.start - 4):m.start - 1])):
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
            root = doc[m.start:m.end].root
            nouns = [t for t in doc[m.start:m.end] if t.pos_ == "NOUN"]
            if m.start > 0 and doc[m.start - 1].pos_ == "NOUN" and doc[m.start - 1].head == root:
                nouns.append(doc[m.start - 1])
            nouns += [c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
            if root.dep_ == "appos" and root.head.pos_ == "NOUN":
                nouns.append(root.head)
            for noun in nouns:
                if is_person_noun(noun.lower_):
                    self.described.append((m.char, singular(noun.lower_), m.name))
            if m.end + 2 < len(doc) and doc[m.end].text == "," and doc[m.end + 1].like_num \
                    and doc[m.end + 2].text in (",", ".") and doc[m.end + 1].text.isdigit():
                self.described.append((m.char, f"{doc[m.end + 1].text}-year-old", m.name))

    def _described_as(self, tokens: list[Token]) -> str | None:
        """The person a definite description names ("the striker", "the 34-year-old"): the
        latest one the article described so before it, not one named inside the quote."""
        words = [t for t in tokens if not t.is_space]
        if len(words) < 2 or words[0].lower_ != "the" or any(
                t.dep_ in ("prep", "relcl", "acl", "poss") or t.pos_ == "PROPN" for t in words):
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

    def _gender_words(self, m: _Mention) -> list[str]:
        """Titles and role nouns of a mention: in it, right before it, or in apposition."""
        doc = self.doc
        words = [t.lower_.rstrip(".") for t in doc[m.start:m.end]]
        i = m.start - 1
        while i >= 0 and m.start - i <= 3 and (doc[i].pos_ in ("NOUN", "PROPN")
                                               or doc[i].text == "."):
            words.append(doc[i].lower_.rstrip("."))
            i -= 1
        for tok in doc[m.start:m.end]:
            for appos in (c for c in tok.children if c.dep_ == "appos"):
                words += [t.lower_ for t in appos.subtree if t.i <= appos.i]
        return words

    def _learn_gender_from_pronouns(self) -> None:
        """A sentence naming one person, followed (in it or the next sentence, outside
        quotes) by a subject "he" or "she", votes for that person's gender."""
        people_by_sent: dict[int, set[str]] = {}
        for m in self.mentions:
            if m.label in SPEAKER_LABELS:
                people_by_sent.setdefault(self.sent_of(self.doc[m.start]).start,
                                          set()).add(m.name)
        votes: dict[str, set[str]] = {}
        for i, sent in enumerate(self.sents):
            people = people_by_sent.get(sent.start, set())
            if len(people) != 1:
                continue
            window = [t for s in self.sents[i:i + 2] for t in s
                      if t.i > sent.start and not self.in_quote(t.idx)]
            pron = next((t for t in window if t.dep_ in ("nsubj", "nsubjpass")
                         and t.lower_ in PRONOUN_GENDER and not _reported(t)), None)
            if pron is None or people_by_sent.get(self.sent_of(pron).start, people) != people:
                continue
            votes.setdefault(next(iter(people)), set()).add(PRONOUN_GENDER[pron.lower_])
        for name, genders in votes.items():
            if len(genders) == 1:
                self.gender.setdefault(name, genders.pop())

    def _entity(self, tokens: list[Token], labels: set[str],
                head: Token | None = None) -> tuple[str, Span] | None:
        """The entity of ``labels`` among ``tokens``: the one holding ``head`` if given,
        else the first that is not a possessor ("Unicef's representative, Ann Lee")."""
        idx = {t.i for t in tokens}
        found = []
        for (start, end), (name, label) in sorted(self.names.items()):
            if label not in labels or self._excluded(self.doc[start].idx) or \
                    label in SPEAKER_LABELS and _not_a_name(name):
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
            people = {m.name for m in self.mentions if m.label in SPEAKER_LABELS
                      and " " in m.name and m.name.split()[-1] == tok.text
                      and (not particle or m.name.split()[-2] == self.doc[tok.i - 1].text)}
            if len(people) == 1:
                return people.pop(), self.doc[tok.i:tok.i + 1]
        return None

    def _person(self, tokens: list[Token]) -> tuple[str, Span] | None:
        return self._entity(tokens, SPEAKER_LABELS) or self._by_surname(tokens) or \
            self._apposed_name(tokens)

    def _apposed_name(self, tokens: list[Token]) -> tuple[str, Span] | None:
        """A given name and surname in apposition to a role noun, whatever label the tagger
        gave it ("the council's chief executive, Helen Park")."""
        idx = {t.i for t in tokens}
        for tok in tokens:
            if tok.dep_ != "appos" or tok.pos_ != "PROPN" or tok.head.pos_ != "NOUN" or \
                    not is_person_noun(tok.head.lower_):
                continue
            start = tok.i
            while start - 1 in idx and self.doc[start - 1].dep_ == "compound" and \
                    self.doc[start - 1].pos_ == "PROPN":
                start -= 1
            span = self.doc[start:tok.i + 1]
            if 2 <= len(span) <= 3 and is_given_name(span[0].text) and \
                    all(t.is_title for t in span):
                return self.full_names.get(span.text, span.text), span
        return None

    def _named_inside(self, q: QuoteSite | None) -> set[str]:
        """Names and surnames of the people named inside a quote."""
        if q is None:
            return set()
        names = {self.full_names.get(name, name) for (start, _), (name, _) in self.names.items()
                 if q.start <= self.doc[start].idx < q.end}
        return names | {n.split()[-1] for n in names}

    # ------------------------------------------------------------------ subjects
    def from_subject(self, subject: Token, verb: str, rule: str, high: float
                     ) -> Attribution | None:
        """The speaker named by the subject of a speech verb (None: not a speaker)."""
        if subject.pos_ == "PRON":
            return self._pronoun(subject, verb, rule)
        tokens = self._subject_tokens(subject)
        person = self._person(tokens)
        if person is None and _is_abbreviation(subject.text) and \
                _TITLE_BREAK.search(" " + subject.text.rstrip(".") + "."):
            # "said Cpl. Anne Roy", cut after the title: the name that follows it
            named = [t for t in subject.doc[subject.i + 1:subject.i + 4] if not t.is_punct]
            person = self._person(named)
            if person is not None:
                return Attribution(person[0], subject.text.rstrip(".") + ".", verb, rule, high)
        if person is not None:
            name, span = person
            return Attribution(name, self._role(tokens, span), verb, rule, high)
        head = subject.lower_
        if head in DOCUMENT_NOUNS:
            owner = self._owner(subject)
            if owner is None:  # 'a leaked letter says "..."': the document is the source
                return self._source(tokens, verb, rule, high)
            name, is_person = owner
            if is_person:
                return Attribution(name, head, verb, rule, high - 0.2)
            return self._source(tokens, verb, rule, high)
        appos = [c for c in subject.children if c.dep_ == "appos"]
        if head not in SPOKES_NOUNS and any(self._entity(tokens, ORG_LABELS, head=h)
                                            for h in [subject, *appos]):
            return self._source(tokens, verb, rule, high)
        if head in ORG_NOUNS or head.rstrip("s") in ORG_NOUNS:
            return self._source(tokens, verb, rule, high)
        untagged = _untagged_person(subject)
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

    def _subject_tokens(self, subject: Token) -> list[Token]:
        """The subject's words outside quotes and relative or adverbial clauses."""
        clause = {d.i for t in subject.subtree if t.dep_ in ("relcl", "acl", "advcl")
                  for d in t.subtree}
        return [t for t in subject.subtree if not self.in_quote(t.idx) and t.i not in clause]

    def _source(self, tokens: list[Token], verb: str, rule: str, high: float
                ) -> Attribution | None:
        """An organisation or its document as the source of a quote: a role, no speaker."""
        role = _phrase(tokens)
        return Attribution(None, role, verb, rule, high - 0.25) if role else None

    def _owner(self, noun: Token) -> tuple[str, bool] | None:
        """Whose statement, letter or spokesman ("Smith's", "the Home Office", "for the UN"):
        the name, and whether it is a person."""
        parts = [c for c in noun.children if c.dep_ in ("poss", "compound")]
        parts += [g for c in noun.children
                  if c.dep_ == "prep" and c.lower_ in ("for", "of", "by", "from", "at")
                  for g in c.children if g.dep_ == "pobj"]
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
            appos = [t for r in name for c in r.children if c.dep_ == "appos"
                     and c.i >= name.end for t in c.subtree if t.i in ids]
            kept = before if any(t.pos_ in ("NOUN", "PROPN") for t in before) else appos
        if all(t.ent_type_ in ("GPE", "LOC") or t.is_punct or _ABBREVIATION.match(t.text)
               for t in kept):
            return None  # "Ruth Adams of Truro, N.S.": a place (or its abbreviation), no role
        text = _phrase(kept)
        return None if text is None or text.lower().rstrip(".") in HONORIFICS else text

    def _pronoun(self, pron: Token, verb: str, rule: str) -> Attribution | None:
        low = pron.lower_
        if low == "it" and self._last is not None and self._last.name is None:
            # '"...," it added': the organisation quoted just before, unless another one
            # acts in between ("M&S said sales rose. "...," it said.")
            source = self._last.role or ""
            if any(m.is_subject and self._last_at < m.char < pron.idx
                   and self.doc[m.start:m.end].text not in source for m in self.mentions):
                return None
            return replace(self._last, verb=verb, rule=rule, confidence=0.55)
        if low not in PRONOUN_GENDER:
            return None
        name, confidence = self.antecedent(pron.idx, PRONOUN_GENDER[low],
                                           self._named_in_report(pron))
        return Attribution(name, None, verb, rule, confidence) if name else None

    def _named_in_report(self, pron: Token) -> set[str]:
        """The people a pronoun's speech verb reports on, by name or title ('She said the
        minister was wrong': she is not the minister)."""
        verb = pron.head
        if verb.lower_ not in SPEECH_VERBS:
            return set()
        words = [t for c in verb.children if c.dep_ == "ccomp" for t in c.subtree
                 if not self.in_quote(t.idx)]
        if not words:
            return set()
        first, last = min(t.i for t in words), max(t.i for t in words)
        named = {m.name for m in self.mentions if first <= m.start <= last}
        named |= {self.title_of[t.lower_] for t in words if t.lower_ in self.title_of
                  and any(c.lower_ == "the" for c in t.children)}
        return named | {n.split()[-1] for n in named}

    def antecedent(self, char: int, gender: str, others: frozenset[str] | set[str] = frozenset()
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
        compatible = [m for m in self.mentions if m.label in SPEAKER_LABELS and m.char < char
                      and self.paragraph(m.char) >= para - 3 and m.name not in inside
                      and m.name.split()[-1] not in inside
                      and self.gender.get(m.name, gender) == gender]
        previous, since = self._speaker_before(char)
        blocker = max((c for c in self._people_unsure_of() if since < c < char), default=-1)
        if previous is not None and blocker >= 0:
            # someone the tagger did not take for a person acts in between: only people
            # named after that
            previous = None
            compatible = [m for m in compatible if m.char > blocker]
        if previous is not None and previous not in inside and \
                self.gender.get(previous, gender) == gender and \
                all(m.name == previous for m in compatible if m.char > since):
            return previous, 0.65 if self.gender.get(previous) == gender else 0.55
        if not compatible:
            return None, 0.0
        known = {m.name for m in compatible if self.gender.get(m.name) == gender}
        pool = [m for m in compatible if self.paragraph(m.char) == para] or compatible
        pool = [m for m in pool if m.name in known] or pool
        subjects = [m for m in pool if m.is_subject]
        if not subjects:
            return None, 0.0  # 'Police arrested John Doe. "...," he said.': not Doe
        if len({m.name for m in compatible}) > 1 and self._quote is not None and \
                _THIRD_PERSON[gender].search(self.text, self._quote.start, self._quote.end):
            return None, 0.0  # '"He has a future," he said.': one of them is the topic
        pick = max(subjects, key=lambda m: m.char).name
        if len({m.name for m in compatible}) == 1:
            return pick, 0.65 if pick in known else 0.55
        return pick, 0.6 if pick in known else 0.5

    def _people_unsure_of(self) -> list[int]:
        """Where someone who may be a person the tagger missed is a subject (computed once,
        when a pronoun first needs it)."""
        if self._blockers is None:
            self._blockers = [m.char for m in self._unsure_people() if m.is_subject] + \
                self._unnamed()
        return self._blockers

    def _unnamed(self) -> list[int]:
        """Where a proper noun outside quotes and names is a subject ("Pene dismissed
        that."): maybe a person the tagger missed."""
        named = {i for start, end in self.names for i in range(start, end)}
        surnames = {n.split()[-1] for n, label in self.names.values()
                    if label in SPEAKER_LABELS}
        return [t.idx for t in self.doc if t.dep_ in ("nsubj", "nsubjpass")
                and t.pos_ == "PROPN" and t.i not in named and t.is_title
                and t.text not in surnames
                and not self.in_quote(t.idx) and not self._excluded(t.idx)]

    def _unsure_people(self) -> list[_Mention]:
        """Mentions not labelled as people that name one: a given name and a surname
        ("Angus MacLeod" as ORG), or that surname alone later."""
        full = {m.name for m in self.mentions if m.label not in SPEAKER_LABELS
                and 2 <= len(m.name.split()) <= 3 and is_given_name(m.name.split()[0])
                and all(w[:1].isupper() for w in m.name.split())}
        surnames = {n.split()[-1] for n in full}
        return [m for m in self.mentions if m.label not in SPEAKER_LABELS
                and (m.name in full or m.name in surnames)]

    def _speaker_before(self, char: int) -> tuple[str | None, int]:
        """The last speaker named for a quote that ends before ``char``, and where."""
        i = bisect_right(self._spoken, (char, "\uffff"))
        return (self._spoken[i - 1][1], self._spoken[i - 1][0]) if i else (None, 0)

    # ------------------------------------------------------------------ cues
    def _cue_verbs(self, sents: list[Span], q: QuoteSite) -> list[Token]:
        """Speech verbs outside the quote in ``sents``, the quote's governors first."""
        candidates = [tok for sent in sents for tok in sent if not self.in_quote(tok.idx) and (
            tok.lower_ == "according"
            or tok.lower_ in SPEECH_VERBS and tok.pos_ in ("VERB", "AUX"))]
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
        if not subjects and q is not None and \
                not self.text[q.close_mark:verb.idx].strip(" ,.;—–-"):
            # '"...," added KCNA.' parsed without a subject: the noun right after the verb
            subjects = [c for c in verb.children if c.i == verb.i + 1 or (
                c.left_edge.i == verb.i + 1
                and c.dep_ in ("dobj", "attr", "npadvmod", "appos", "dep"))]
        subjects = [s for s in subjects if not self.in_quote(s.idx) and not (
            q is not None and s.left_edge.idx <= q.start < s.right_edge.idx + 1)]
        found = [a for a in (self.from_subject(s, verb.lower_, rule, 0.9) for s in subjects)
                 if a is not None]
        if not subjects and verb.lower_ != "according" and verb.tag_ in ("VBD", "VBZ", "VBP"):
            found = self._named_before_verb(verb, rule)  # a finite verb, not "shouting"
            if not found and q is not None:
                found = self._phrase_before_verb(verb, q, rule)
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
            return [Attribution(person[0], self._role(tokens, person[1]), verb.lower_, rule,
                                0.8)]
        described = self._described_as(list(span))
        if described is not None:
            role = re.sub(r"^[\W]*the\s+", "", span.text, flags=re.IGNORECASE).strip(" ,")
            return [Attribution(described, role, verb.lower_, rule, 0.7)]
        nouns = [t for t in tokens if t.pos_ == "NOUN" and is_person_noun(t.lower_)]
        role = _phrase(tokens) if nouns else None
        return [Attribution(None, role, verb.lower_, rule, 0.7)] if role else []

    def _named_before_verb(self, verb: Token, rule: str) -> list[Attribution]:
        """'In a paper Lee and colleagues describe ...' parsed without a subject: the person
        named right before the verb, maybe with a common-noun conjunct ("and colleagues")."""
        sent = verb.sent
        for m in self.mentions:
            if m.label not in SPEAKER_LABELS or not sent.start <= m.start < m.end <= verb.i:
                continue
            between = list(self.doc[m.end:verb.i])
            if not between or between[0].lower_ == "and" and len(between) <= 3 and all(
                    t.pos_ in ("CCONJ", "DET", "PRON", "NOUN") for t in between):
                return [Attribution(m.name, None, verb.lower_, rule, 0.75)]
        return []

    def cue(self, q: QuoteSite) -> Attribution | None:
        """Rule 1: a speech verb with a speaker subject in the sentences of the quote."""
        sents = self.sentences(q.open_mark, q.close_mark)
        governing = self._governors(sents, q)
        role_only = None
        for verb in self._cue_verbs(sents, q):
            found = self._from_verb(verb, q, "cue")
            if found is None:
                continue
            if found.name or verb.i not in governing:
                return found if found.name or role_only is None else role_only
            role_only = role_only or found
        return role_only

    def after(self, q: QuoteSite) -> Attribution | None:
        """Rule 2: '"..." He said.' — a bare cue sentence right after the quote, unless a
        speech verb of the quote's own sentence governs it ('She said, "..."')."""
        i = bisect_left(self._sent_chars, q.close_mark)
        if i >= len(self.sents):
            return None
        own = self.sentences(q.open_mark, q.close_mark)
        if self._governors(own, q) & {t.i for t in self._cue_verbs(own, q)}:
            return None
        nxt = self.sents[i]
        if self.paragraph(nxt.start_char) != self.paragraph(q.close_mark) or \
                self.text[q.close_mark:nxt.start_char].strip(" ,.") or \
                len([t for t in nxt if not t.is_punct]) > 6 or self.in_quote(nxt.start_char):
            return None
        for verb in self._cue_verbs([nxt], q):
            found = self._from_verb(verb, None, "after")
            if found is not None:
                return replace(found, confidence=min(found.confidence, 0.8))
        return None

    def introduced(self, q: QuoteSite) -> Attribution | None:
        """Rule 3: a colon after a clause with a speaker, or "said," before the quote."""
        before = self.text[:q.open_mark].rstrip(" \n")
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
            verbs = [t for t in sent if t.pos_ in ("VERB", "AUX") and t.idx < len(before)
                     and not self.in_quote(t.idx)]
            ordered = sorted(verbs, key=lambda v: (v is not sent.root, -v.i))
            subject = next((c for v in ordered for c in v.children
                            if c.dep_ in ("nsubj", "nsubjpass")), None)
            verb = subject.head if subject is not None else None
            found = self.from_subject(subject, verb.lower_, "introduced", 0.75) \
                if subject is not None and verb is not None else None
        return replace(found, confidence=min(found.confidence, 0.75)) if found else None

    def byline(self, q: QuoteSite) -> Attribution | None:
        """Rule 4: '"..." — Ann Lee', a pull quote signed with a person's name, maybe after
        a role ("— Mayor Karen Doyle"; not a headline with its source and date), or a
        headline opening its paragraph with the quote, a colon and the person ('"...": Chef
        Nadia Karim on fame and failure')."""
        opens_line = not self.text[self.text.rfind("\n", 0, q.open_mark) + 1:
                                   q.open_mark].strip()
        mark = r"[ \t]*(?:[—–-]{1,2}|:)[ \t]*" if opens_line else r"[ \t]*[—–-]{1,2}[ \t]*"
        dash = re.match(mark, self.text[q.close_mark:])
        if dash is None:
            return None
        at = q.close_mark + dash.end()
        signed = next((m for m in self.mentions if m.char >= at
                       and m.label in SPEAKER_LABELS and self._only_roles(at, m.start)), None)
        if signed is None:
            return None
        rest = self.text[self.doc[signed.end - 1].idx:].split("\n", 1)[0]
        if any(c.isdigit() for c in rest):
            return None
        colon = ":" in dash.group()
        if colon and not re.match(r"[\w.'’-]*(?:[ \t]+on\b|[ \t]*[,:]|[ \t]*$)", rest):
            return None  # '"...": Ann Lee on ...' or the name alone, not a headline's story
        role = self.doc[self.doc.char_span(at, at + 1, alignment_mode="expand").start:
                        signed.start].text.strip() or None
        return Attribution(signed.name, role, None, "byline", 0.7)

    def _only_roles(self, char: int, end: int) -> bool:
        """Are the words from ``char`` to token ``end`` role words or titles only ("Mayor",
        "Chief Constable"), at most three, on the same line?"""
        span = self.doc.char_span(char, char + 1, alignment_mode="expand")
        if span is None:
            return False
        words = list(self.doc[span.start:end])
        return len(words) <= 3 and all(t.text == "." or _role_word(t) for t in words) and \
            "\n" not in self.doc[span.start:end].text

    # ------------------------------------------------------------------ discourse
    def run(self, previous: tuple[QuoteSite, Attribution], q: QuoteSite
            ) -> Attribution | None:
        """Rule 7: continue the previous speaker when nothing but that speaker's cue lies
        between (same or next paragraph)."""
        prev_q, speaker = previous
        if not speaker.name or self.paragraph(q.open_mark) - self.paragraph(
                prev_q.close_mark) > 1 or not self._bare(q) or \
                not self.only_cues_between(prev_q.close_mark, q.open_mark, speaker):
            return None
        return replace(speaker, rule="run", confidence=min(speaker.confidence, 0.6))

    def before(self, q: QuoteSite) -> Attribution | None:
        """Rule 8: the speech reported in the sentence right before a quote of its own."""
        if not self._bare(q):
            return None
        i = bisect_right(self._sent_chars, q.open_mark)
        prev = [s for s in self.sents[max(0, i - 2):i] if s.end_char <= q.open_mark][-1:]
        if not prev or self.in_quote(prev[0].start_char):
            return None
        sent = prev[0]
        gap = self.paragraph(q.open_mark) - self.paragraph(sent.end_char - 1)
        if gap > 1 or self.paragraph(sent.start_char) != self.paragraph(sent.end_char - 1):
            return None
        for verb in self._cue_verbs([sent], q):
            if verb.lower_ == "according":
                continue
            found = self._from_verb(verb, None, "before")
            if found is None or not found.name:
                continue
            if any(m.char > verb.idx and m.name != found.name and m.label in SPEAKER_LABELS
                   for m in self.mentions if sent.start_char <= m.char < sent.end_char):
                return None  # someone else named after the cue
            return replace(found, confidence=min(found.confidence, 0.55 - 0.05 * gap))
        return None

    def interview(self, local: list[Attribution | None], speech: list[bool]
                  ) -> dict[int, Attribution]:
        """Rule 5: in a question-and-answer article, the quoted answers without a cue of
        their own belong to the interviewee.

        An answer is a quote paragraph (maybe after "A:") right after a question paragraph
        (a line ending with "?" or starting "Q:", without quote marks).  The article must
        have two such answers without a cue, no answer with another speaker's cue, say it
        is an interview (a headline pull quote, "Q:" questions, or "interview", "Q&A", "spoke
        to" ... before the first question), and have one interviewee: the person of a
        headline pull quote ('"...": Ann Lee on ...'), else the one person named before the
        first question who is not its interviewer (spoken to, interviewed by; "the Gazette"
        is no person).  An answer naming that person is left alone.
        """
        answers = [i for i, q in enumerate(self.quotes)
                   if speech[i] and self._question_at(q) >= 0]
        bare = [i for i in answers if local[i] is None]
        if len(bare) < 2:
            return {}
        first = self._question_at(self.quotes[answers[0]])
        signed = next((a for a, q in zip(local, self.quotes, strict=True)
                       if a is not None and a.rule == "byline" and q.close_mark < first), None)
        if signed is None and not _INTERVIEW_WORDS.search(self.text, 0, first) and not any(
                _QUESTION_PREFIX.match(self.text, self._question_at(self.quotes[i]))
                for i in answers):
            return {}  # questions and quotes, but nothing says it is an interview
        if signed is not None:
            people = {signed.name}
        else:
            people = {m.name for m in self.mentions if m.label in SPEAKER_LABELS
                      and m.char < first and not self._interviewer(m)
                      and not (m.start and self.doc[m.start - 1].lower_ == "the")}
        if len(people) != 1:
            return {}
        name = people.pop()
        if any(local[i] is not None and local[i].name not in (None, name) for i in answers):
            return {}
        out = {}
        for i in bare:
            inside = self._named_inside(self.quotes[i])
            if name not in inside and name.split()[-1] not in inside:
                out[i] = Attribution(name, None, None, "interview", 0.6)
        return out

    def _question_at(self, q: QuoteSite) -> int:
        """Where the question paragraph starts that the quote answers, as a paragraph of its
        own right after it; -1 when it is no answer."""
        start = self.text.rfind("\n", 0, q.open_mark) + 1
        end = self.text.find("\n", q.close_mark)
        end = len(self.text) if end < 0 else end
        if q.continues or not _ANSWER_PREFIX.fullmatch(self.text, start, q.open_mark) or \
                self.text[q.close_mark:end].strip(" .,"):
            return -1
        prev_end = len(self.text[:start].rstrip())
        at = self.text.rfind("\n", 0, prev_end) + 1
        question = self.text[at:prev_end].strip()
        if question and not any(c in question for c in "\"“”„") and (
                question.endswith("?") or _QUESTION_PREFIX.match(question) is not None):
            return at
        return -1

    def _interviewer(self, m: _Mention) -> bool:
        """Is the mention the interviewer: spoken to by "he"/"she" ("She spoke to Mark
        Ellis"), the agent of "interviewed by", or a reporter ("our reporter, Peter
        Mullan")?"""
        span = self.doc[m.start:m.end]
        if any(w in _REPORTER_NOUNS for w in self._gender_words(m)):
            return True
        root = span.root
        while root.dep_ == "appos" and root.head != root:
            root = root.head
            if root.lower_ in _REPORTER_NOUNS:
                return True
        prep = root.head
        if root.dep_ != "pobj" or prep.lower_ not in ("to", "with", "by"):
            return False
        verb = prep.head
        return verb.lower_ in _INTERVIEW_VERBS and (prep.lower_ == "by" or any(
            c.dep_ == "nsubj" and c.pos_ == "PRON" for c in verb.children))

    def only_cues_between(self, start: int, end: int, speaker: Attribution) -> bool:
        """Is every sentence between two quotes a cue of ``speaker``, no one else named?"""
        if any(m.label in SPEAKER_LABELS and m.name != speaker.name
               for m in self.mentions if start <= m.char < end):
            return False
        words = self._outside(start, end)
        for sent in {self.sent_of(t).start: self.sent_of(t) for t in words}.values():
            cues = [self._from_verb(t, None, "cue") for t in words
                    if self.sent_of(t).start == sent.start
                    and t.pos_ in ("VERB", "AUX") and t.lower_ in SPEECH_VERBS]
            cues = [c for c in cues if c is not None]
            if not cues or any(c.name != speaker.name for c in cues):
                return False
        return True

    def _outside(self, start: int, end: int) -> list[Token]:
        """The words between two offsets that are not inside any quote."""
        span = self.doc.char_span(start, end, alignment_mode="contract")
        return [t for t in span or [] if not (t.is_punct or t.is_space or self.in_quote(t.idx))]

    def _bare(self, q: QuoteSite) -> bool:
        """Does the quote fill its sentences (nothing but punctuation outside the marks)?"""
        sents = self.sentences(q.open_mark, q.close_mark)
        return bool(sents) and not self._outside(sents[0].start_char, sents[-1].end_char)


def _reported(pron: Token) -> bool:
    """Is the pronoun the subject of a clause reported by a speech verb with another subject
    ('Judge Ann Lee said he had lied': "he" is someone else, no vote for Lee's gender)?"""
    clause = pron.head
    while clause.dep_ in ("conj", "xcomp") and clause.head != clause:
        clause = clause.head
    return clause.dep_ == "ccomp" and clause.head.lower_ in SPEECH_VERBS and any(
        c.dep_ in ("nsubj", "nsubjpass") and c.lower_ != pron.lower_
        for c in clause.head.children)


def _join_title_breaks(sents: list[Span], text: str) -> list[Span]:
    """The sentences, with those cut right after an abbreviated title ("Const.") or a place
    abbreviation just after a quote ('"...," N.S. Premier') joined to the next one when it
    goes on in the same paragraph with a capitalised word."""
    out: list[Span] = []
    for sent in sents:
        prev = out[-1] if out else None
        if prev is not None and (_TITLE_BREAK.search(text, prev.start_char, prev.end_char)
                                 or _QUOTE_THEN_ABBREVIATION.search(text, prev.start_char,
                                                                    prev.end_char)) and \
                "\n" not in text[prev.end_char:sent.start_char] and sent.text[:1].isupper():
            out[-1] = prev.doc[prev.start:sent.end]
        else:
            out.append(sent)
    return out


def _phrase(tokens: list[Token]) -> str | None:
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
        text = doc[tokens[0].i:tokens[-1].i + 1].text
    else:
        text = " ".join(t.text for t in tokens)
    if text.count("(") > text.count(")"):
        text = text[:text.index("(")]
    return text.strip(" ,") or None


def _full_names(names: dict[tuple[int, int], tuple[str, str]]) -> dict[str, str]:
    """A one-word person name is the one longer person name it ends ("Lee" → "Ann Lee"),
    else the one it starts ("Ann" → "Ann Lee")."""
    people = {name for name, label in names.values() if label in SPEAKER_LABELS}
    longer = [n for n in people if " " in n]
    out = {}
    for name in people - set(longer):
        match = {n for n in longer if n.split()[-1] == name} or {
            n for n in longer if n.split()[0] == name}
        if len(match) == 1:
            out[name] = match.pop()
    return out


def _is_abbreviation(name: str) -> bool:
    """"N.S.", "Ont.", "BC": a place abbreviation, never a speaker; nor a title alone ("Cpl")."""
    name = name.strip()
    return bool(_ABBREVIATION.match(name) or _TITLE_BREAK.search(" " + name.rstrip(".") + "."))


_ANSWER_PREFIX = re.compile(r"[ \t]*(?:(?:A|Answer)[ \t]*[:.][ \t]*)?")
_QUESTION_PREFIX = re.compile(r"(?:Q|Question|Interviewer)[ \t]*:")
_INTERVIEW_VERBS = {"spoke", "speaks", "speaking", "talked", "talks", "talking", "chatted",
                    "interviewed", "sat", "met"}
_INTERVIEW_WORDS = re.compile(r"\b(?:Q ?& ?A|Q and A|[Ii]nterview(?:s|ed)?|(?:spoke|speaks|talked|"
                              r"talks|chatted) (?:to|with)|sat down with)\b")
_REPORTER_NOUNS = {"reporter", "correspondent", "journalist", "interviewer", "editor",
                   "writer", "presenter", "host"}
_THIRD_PERSON = {"m": re.compile(r"\b(?:[Hh]e|[Hh]im|[Hh]is|[Hh]imself)\b"),
                 "f": re.compile(r"\b(?:[Ss]he|[Hh]er|[Hh]ers|[Hh]erself)\b")}
_TITLE_WORDS = {"sgt", "const", "cst", "cpl", "lt", "capt", "col", "maj", "gen", "adm", "insp",
                "supt", "det", "cmdr", "gov", "sen", "rep", "rev", "prof", "hon", "sir", "dame",
                "lord", "lady"}
_QUOTED = {"quoted", "quotes", "quoting", "quote", "cited", "cites", "citing"}


def _with_particles(doc: Doc, names: dict[tuple[int, int], tuple[str, str]]
                    ) -> dict[tuple[int, int], tuple[str, str]]:
    """Person names the tagger cut before a lower-case surname particle ("Erik" of "Erik
    ten Hag", "Ursula" of "Ursula von der Leyen"), made whole."""
    out = {}
    for (start, end), (name, label) in names.items():
        i = end
        while label in SPEAKER_LABELS and i < len(doc) and doc[i].text in NAME_PARTICLES:
            i += 1
        if i > end and i < len(doc) and doc[i].is_title and doc[i].pos_ == "PROPN" and \
                doc[end - 1].whitespace_ and "\n" not in doc[end:i + 1].text:
            end, name = i + 1, doc[start:i + 1].text
        while label in SPEAKER_LABELS and end - start > 2 and _role_word(doc[start]):
            start += 1  # "Teenager Sean Kelly" → "Sean Kelly"
            name = doc[start:end].text
        out[(start, end)] = (name, label)
    return out


_NOT_PEOPLE = {"ORG", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "NORP", "LOC"}


def _untagged_person(subject: Token, as_org: bool = False) -> tuple[str, str | None] | None:
    """A subject the tagger left without a person label that is a given name and a surname,
    maybe after a title ("said Chief Constable Iain Livingstone"): the name and the title.
    ``as_org``: the tagger called it an organisation, so only after a role noun ("Organiser
    Aroha Pene")."""
    chain = [c for c in subject.children if c.dep_ == "compound" and c.i < subject.i]
    words = [*chain, subject]
    if [t.i for t in words] != list(range(words[0].i, subject.i + 1)) or any(
            t.pos_ != "PROPN" or not t.is_title or t.ent_type_ in _NOT_PEOPLE and not as_org
            for t in words):
        return None
    first = next((k for k, t in enumerate(words) if is_given_name(t.text)), None)
    if first is None or not 2 <= len(words) - first <= 3:
        return None
    if as_org and (first == 0 or not all(
            is_person_noun(t.lower_) or t.lower_ in _TITLE_WORDS for t in words[:first])):
        return None
    role = " ".join(t.text for t in words[:first]) or None
    return " ".join(t.text for t in words[first:]), role


def _untagged_people(doc: Doc, names: dict[tuple[int, int], tuple[str, str]]
                     ) -> dict[tuple[int, int], tuple[str, str]]:
    """The names, with the people the tagger missed that are the subject of a verb
    ("Organiser Aroha Pene told the crowd"; see ``_untagged_person``)."""
    owner = {i: span for span, (_, label) in names.items() for i in range(*span)}
    out = dict(names)
    for tok in doc:
        if tok.dep_ not in ("nsubj", "nsubjpass") or tok.pos_ != "PROPN":
            continue
        span = owner.get(tok.i)
        if span is not None and (names[span][1] not in ORG_LABELS or span[1] != tok.i + 1):
            continue
        found = _untagged_person(tok, as_org=span is not None)
        if found is not None:
            size = len(found[0].split())
            out.pop(span, None)
            out[(tok.i + 1 - size, tok.i + 1)] = (found[0], "PERSON")
    return out


def _places_of_work(doc: Doc, names: dict[tuple[int, int], tuple[str, str]]
                    ) -> dict[tuple[int, int], tuple[str, str]]:
    """Person names that the article also uses as a place of work ("an analyst at
    Hargreaves Lansdown") or as a thing ("Johnson Matthey, which makes ..."): an
    organisation the tagger took for a person, in every mention."""
    at = {name for (start, end), (name, label) in names.items() if label in SPEAKER_LABELS
          and (doc[start:end].root.dep_ == "pobj" and doc[start:end].root.head.lower_ == "at"
               and doc[start:end].root.head.head.pos_ == "NOUN"
               and is_person_noun(doc[start:end].root.head.head.lower_)
               or end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].lower_ == "which")}
    if not at:
        return names
    return {span: (name, "ORG" if name in at else label)
            for span, (name, label) in names.items()}


def _role_word(tok: Token) -> bool:
    """A capitalised common noun or title before a name ("Teenager", "Judge"; as a proper
    noun, a listed role such as "Constable" or a role noun before a given name: "Goalkeeper
    Sam Hill"), not a given name."""
    low = tok.lower_.rstrip(".")
    return tok.is_title and not is_given_name(tok.text) and (
        low in HONORIFICS or low in _TITLE_WORDS or low in PERSON_ROLE_NOUNS
        or tok.pos_ == "NOUN" and is_person_noun(low)
        or tok.pos_ == "PROPN" and is_person_noun(low) and tok.i + 1 < len(tok.doc)
        and is_given_name(tok.doc[tok.i + 1].text))


def _not_a_name(name: str) -> bool:
    """A "person" that is no one's name: an abbreviation or title alone ("N.S.", "Cpl"), or
    a plural noun for people that the tagger took for a name ("Campaigners", "Residents")."""
    words = name.split()
    return _is_abbreviation(name) or len(words) == 1 and words[0].endswith("s") and \
        is_person_noun(singular(words[0].lower())) and not is_given_name(words[0])


def _chains(quotes: list[QuoteSite]) -> list[list[int]]:
    """Indices of the pieces of each multi-paragraph quotation."""
    chains: list[list[int]] = []
    for i, q in enumerate(quotes):
        if q.continues and chains and chains[-1][-1] == i - 1:
            chains[-1].append(i)
        else:
            chains.append([i])
    return [c for c in chains if len(c) > 1]
