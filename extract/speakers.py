"""Who says a quotation: a small discourse model over one article.

Each quotation is attributed by the first of these rules that finds a speaker:

1. **cue**: a speech verb outside the quote, in a sentence it touches ('"...," said Ann Lee');
2. **after**: a bare cue sentence right after the quote ('"..." She said.'), or a named
   person reporting more in the next sentence of the paragraph the quote opens;
3. **introduced**: a colon or "said," introducing the quote ('Lee told reporters: "..."');
4. **byline**: a signed pull quote ('"..." — Mayor Ann Lee') or quote headline;
5. **interview**: quoted answers in a question-and-answer article belong to the interviewee;
6. **chain**: the paragraphs of a multi-paragraph quotation share the speaker found for any.
7. **run**: a quote that is a sentence of its own keeps the previous quote's speaker when
   nothing but that speaker's cue lies between them (same or next paragraph): a run of quote
   paragraphs belongs to its speaker, not to the last person named.
8. **before**: a quote that is a sentence of its own continues the speech reported in the
   sentence just before it ('Lee said the plan failed. "It is a disaster."'), in its
   paragraph or at the end of the previous one.
9. **next**: a paragraph that is only a quote takes the cue of the quote opening the next
   paragraph ('"We were never told." / "Nobody asked us," said Lee.').
Scare quotes and titles (``quotes.fragment_reason``) take part in rule 1 only.
Precision first: no speaker rather than a guess.

The model is built in layers, each a module and a class adding to the one before:
``speaker_names`` (which names can be speakers) → ``speaker_article.Article`` (quotes,
sentences, paragraphs, mentions; bylines and credits left out) → ``speaker_people.People``
(gender, titles, descriptions) → ``speaker_pronouns.Pronouns`` ("he", "she", "it") →
``speaker_subjects.Subjects`` (the speaker a cue's subject names) → ``speaker_cues.Cues``
(rules 1-3) → ``speaker_interview.Interviews`` (rules 4-5) → ``SpeakerModel`` here (the
passes, rules 6-9).

Confidence of a speaker (``Attribution.confidence``): 0.9 a person named in the subject of
the cue; 0.85 "according to"; 0.8 the sentence after, the phrase between quote and verb, an
untagged name; 0.75 a role alone, a spokesman of an organisation, a colon introduction; 0.7
a title ("the minister"), a signed pull quote, the owner of a statement, a person reporting
more in the sentence after; 0.65 an organisation as the source, a pronoun of known gender;
0.6 a run continuation, an interview answer; 0.55 the sentence before (0.5 from the
previous paragraph), the next paragraph's cue, a pronoun of unknown gender (0.5 when
several people fit). A chain paragraph: 0.05 below the paragraph whose cue it takes, at
most 0.7.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace

from newsfeed.extract.speaker_article import Attribution, QuoteSite
from newsfeed.extract.speaker_interview import Interviews
from newsfeed.extract.speaker_names import SPEAKER_LABELS
from newsfeed.extract.speech_words import SPEECH_VERBS

__all__ = ["Attribution", "QuoteSite", "SpeakerModel"]


class SpeakerModel(Interviews):
    """Speakers of the quotations of one article (see the module docstring).

    ``local()`` applies rules 1-4 to every quote, in order; ``discourse()`` rules 5-9 to the
    quotes that are speech.
    """

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

    def discourse(
        self, local: list[Attribution | None], speech: list[bool]
    ) -> list[Attribution | None]:
        """Rules 5-9 for the quotes that are speech (not scare quotes or titles)."""
        found = list(local)
        for i, speaker in self.interview(local, speech).items():
            found[i] = speaker
        for chain in _chains(self.quotes):
            chain = [i for i in chain if speech[i]]
            given = next((found[i] for i in chain if found[i] is not None), None)
            for i in chain:
                if found[i] is None and given is not None:
                    found[i] = replace(
                        given, rule="chain", confidence=min(given.confidence - 0.05, 0.7)
                    )
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
        for i in range(len(self.quotes) - 1):
            if speech[i] and speech[i + 1] and found[i] is None:
                earlier = next(
                    ((self.quotes[j], found[j]) for j in range(i - 1, -1, -1) if found[j]), None
                )
                found[i] = self.next_paragraph(
                    self.quotes[i], self.quotes[i + 1], local[i + 1], earlier
                )
        return found

    def run(self, previous: tuple[QuoteSite, Attribution], q: QuoteSite) -> Attribution | None:
        """Rule 7: continue the previous speaker when nothing but that speaker's cue lies
        between (same or next paragraph)."""
        prev_q, speaker = previous
        if (
            not speaker.name
            or self.paragraph(q.open_mark) - self.paragraph(prev_q.close_mark) > 1
            or not self._bare(q)
            or not self.only_cues_between(prev_q.close_mark, q.open_mark, speaker)
        ):
            return None
        return replace(speaker, rule="run", confidence=min(speaker.confidence, 0.6))

    def before(self, q: QuoteSite) -> Attribution | None:
        """Rule 8: the speech reported in the sentence right before a quote of its own."""
        if not self._bare(q):
            return None
        i = bisect_right(self._sent_chars, q.open_mark)
        prev = [s for s in self.sents[max(0, i - 2) : i] if s.end_char <= q.open_mark][-1:]
        if not prev or self.in_quote(prev[0].start_char):
            return None
        sent = prev[0]
        gap = self.paragraph(q.open_mark) - self.paragraph(sent.end_char - 1)
        if gap > 1 or self.paragraph(sent.start_char) != self.paragraph(sent.end_char - 1):
            return None
        for verb in self._cue_verbs([sent], q):
            if verb.lower_ == "according" or any(
                a.lower_ in SPEECH_VERBS and a.pos_ in ("VERB", "AUX") for a in verb.ancestors
            ):
                continue  # 'He said the owner had promised ...': the owner's is reported speech
            found = self._from_verb(verb, None, "before")
            if found is None or not found.name:
                continue
            if any(
                m.char > verb.idx and m.name != found.name and m.label in SPEAKER_LABELS
                for m in self.mentions
                if sent.start_char <= m.char < sent.end_char
            ):
                return None  # someone else named after the cue
            return replace(found, confidence=min(found.confidence, 0.55 - 0.05 * gap))
        return None

    def next_paragraph(
        self,
        q: QuoteSite,
        nxt: QuoteSite,
        speaker: Attribution | None,
        earlier: tuple[QuoteSite, Attribution] | None,
    ) -> Attribution | None:
        """Rule 9: a paragraph that is nothing but a quote, left without a speaker, belongs
        to the speaker named by the cue of the quote opening the next paragraph ('"We were
        never told." / "Nobody asked us," said Ann Lee.'); not a question (a dialogue), nor
        when another speaker was quoted in the three paragraphs before (whose it may be)."""
        if speaker is None or not speaker.name or speaker.rule not in ("cue", "after"):
            return None
        if (
            earlier is not None
            and earlier[1].name != speaker.name
            and (self.paragraph(q.open_mark) - self.paragraph(earlier[0].close_mark) <= 3)
        ):
            return None
        if self.text[q.start : q.end].rstrip(" .,").endswith("?"):
            return None
        end = self.text.find("\n", q.close_mark)
        end = len(self.text) if end < 0 else end
        if (
            not self._opens_paragraph(q)
            or not self._bare(q)
            or self.text[q.close_mark : end].strip(" .,")
            or self.paragraph(nxt.open_mark) != self.paragraph(q.close_mark) + 1
            or not self._opens_paragraph(nxt)
        ):
            return None
        return replace(speaker, rule="next", confidence=min(speaker.confidence, 0.55))

    def only_cues_between(self, start: int, end: int, speaker: Attribution) -> bool:
        """Is every sentence between two quotes a cue of ``speaker``, no one else named?"""
        if any(
            m.label in SPEAKER_LABELS and m.name != speaker.name
            for m in self.mentions
            if start <= m.char < end
        ):
            return False
        words = self._outside(start, end)
        for sent in {self.sent_of(t).start: self.sent_of(t) for t in words}.values():
            cues = [
                self._from_verb(t, None, "cue")
                for t in words
                if self.sent_of(t).start == sent.start
                and t.pos_ in ("VERB", "AUX")
                and t.lower_ in SPEECH_VERBS
            ]
            cues = [c for c in cues if c is not None]
            if not cues or any(c.name != speaker.name for c in cues):
                return False
        return True


def _chains(quotes: list[QuoteSite]) -> list[list[int]]:
    """Indices of the pieces of each multi-paragraph quotation."""
    chains: list[list[int]] = []
    for i, q in enumerate(quotes):
        if q.continues and chains and chains[-1][-1] == i - 1:
            chains[-1].append(i)
        else:
            chains.append([i])
    return [c for c in chains if len(c) > 1]
