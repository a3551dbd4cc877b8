"""Rules 4-5: signed pull quotes, quote headlines and question-and-answer interviews.

4. **byline**: a pull quote signed with a person's name, maybe after a role ('"..." — Mayor
   Ann Lee'), or a headline opening with the quote, a colon and the person ('"...": Ann Lee
   on ...').
5. **interview**: in a question-and-answer article, quoted answers right after a question
   paragraph belong to its one interviewee (``Interviews.interview``); a transcript without
   quote marks ("Q: ... / A: ...") has no quotes to attribute.
"""

from __future__ import annotations

import re

from newsfeed.extract.speaker_article import Attribution, Mention, QuoteSite
from newsfeed.extract.speaker_cues import Cues
from newsfeed.extract.speaker_names import (
    SPEAKER_LABELS,
    role_word,
)

_ANSWER_PREFIX = re.compile(r"[ \t]*(?:(?:A|Answer)[ \t]*[:.][ \t]*)?")
_QUESTION_PREFIX = re.compile(r"(?:Q|Question|Interviewer)[ \t]*:")
_INTERVIEW_VERBS = {
    "spoke",
    "speaks",
    "speaking",
    "talked",
    "talks",
    "talking",
    "chatted",
    "interviewed",
    "sat",
    "met",
}
_INTERVIEW_WORDS = re.compile(
    r"\b(?:Q ?& ?A|Q and A|[Ii]nterview(?:s|ed)?|(?:spoke|speaks|talked|"
    r"talks|chatted) (?:to|with)|sat down with)\b"
)
_REPORTER_NOUNS = {
    "reporter",
    "correspondent",
    "journalist",
    "interviewer",
    "editor",
    "writer",
    "presenter",
    "host",
}


class Interviews(Cues):
    """The article's cues, with the rules for pull quotes and interviews."""

    def byline(self, q: QuoteSite) -> Attribution | None:
        """Rule 4: '"..." — Ann Lee', a pull quote signed with a person's name, maybe after
        a role ("— Mayor Karen Doyle"; not a headline with its source and date), or a
        headline opening its paragraph with the quote, a colon and the person ('"...": Chef
        Nadia Karim on fame and failure')."""
        opens_line = not self.text[self.text.rfind("\n", 0, q.open_mark) + 1 : q.open_mark].strip()
        mark = r"[ \t]*(?:[—–-]{1,2}|:)[ \t]*" if opens_line else r"[ \t]*[—–-]{1,2}[ \t]*"
        dash = re.match(mark, self.text[q.close_mark :])
        if dash is None:
            return None
        at = q.close_mark + dash.end()
        signed = next(
            (
                m
                for m in self.mentions
                if m.char >= at and m.label in SPEAKER_LABELS and self._only_roles(at, m.start)
            ),
            None,
        )
        if signed is None:
            return None
        rest = self.text[self.doc[signed.end - 1].idx :].split("\n", 1)[0]
        if any(c.isdigit() for c in rest):
            return None
        colon = ":" in dash.group()
        if colon and not re.match(r"[\w.'’-]*(?:[ \t]+on\b|[ \t]*[,:]|[ \t]*$)", rest):
            return None  # '"...": Ann Lee on ...' or the name alone, not a headline's story
        role = (
            self.doc[
                self.doc.char_span(at, at + 1, alignment_mode="expand").start : signed.start
            ].text.strip()
            or None
        )
        return Attribution(signed.name, role, None, "byline", 0.7)

    def _only_roles(self, char: int, end: int) -> bool:
        """Are the words from ``char`` to token ``end`` role words or titles only ("Mayor",
        "Chief Constable"), at most three, on the same line?"""
        span = self.doc.char_span(char, char + 1, alignment_mode="expand")
        if span is None:
            return False
        words = list(self.doc[span.start : end])
        return (
            len(words) <= 3
            and all(t.text == "." or role_word(t) for t in words)
            and "\n" not in self.doc[span.start : end].text
        )

    def interview(
        self, local: list[Attribution | None], speech: list[bool]
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
        answers = [i for i, q in enumerate(self.quotes) if speech[i] and self._question_at(q) >= 0]
        bare = [i for i in answers if local[i] is None]
        if len(bare) < 2:
            return {}
        first = self._question_at(self.quotes[answers[0]])
        signed = next(
            (
                a
                for a, q in zip(local, self.quotes, strict=True)
                if a is not None and a.rule == "byline" and q.close_mark < first
            ),
            None,
        )
        if (
            signed is None
            and not _INTERVIEW_WORDS.search(self.text, 0, first)
            and not any(
                _QUESTION_PREFIX.match(self.text, self._question_at(self.quotes[i]))
                for i in answers
            )
        ):
            return {}  # questions and quotes, but nothing says it is an interview
        if signed is not None:
            people = {signed.name}
        else:
            people = {
                m.name
                for m in self.mentions
                if m.label in SPEAKER_LABELS
                and m.char < first
                and not self._interviewer(m)
                and not (m.start and self.doc[m.start - 1].lower_ == "the")
            }
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
        if (
            q.continues
            or not _ANSWER_PREFIX.fullmatch(self.text, start, q.open_mark)
            or self.text[q.close_mark : end].strip(" .,")
        ):
            return -1
        prev_end = len(self.text[:start].rstrip())
        at = self.text.rfind("\n", 0, prev_end) + 1
        question = self.text[at:prev_end].strip()
        if (
            question
            and not any(c in question for c in '"“”„')
            and (question.endswith("?") or _QUESTION_PREFIX.match(question) is not None)
        ):
            return at
        return -1

    def _interviewer(self, m: Mention) -> bool:
        """Is the mention the interviewer: spoken to by "he"/"she" ("She spoke to Mark
        Ellis"), the agent of "interviewed by", or a reporter ("our reporter, Peter
        Mullan")?"""
        span = self.doc[m.start : m.end]
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
        return verb.lower_ in _INTERVIEW_VERBS and (
            prep.lower_ == "by"
            or any(c.dep_ == "nsubj" and c.pos_ == "PRON" for c in verb.children)
        )
