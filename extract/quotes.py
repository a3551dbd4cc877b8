"""Direct quotations and their speakers.

Finding quotes (``find_quote_spans``): straight and curly double quotes, and
single quotes at top level, are paired with a stack so that nested quotes
('He said: "they told us 'leave'"') stay inside the outer quote.  A quote whose
paragraph ends before it is closed continues into the next paragraph when that
paragraph opens with a quote mark (the usual multi-paragraph convention);
otherwise it ends with its paragraph.  Quoted proper names ("Ring of Fire") are
not quotes.

Speakers: the nearest speech verb (said, told, added ...) outside the quote in the
sentences the quote touches; its subject gives the speaker.  A person in the
subject is the speaker and the rest of the subject the role ("ICRC spokeswoman");
an organisation that heads the subject (or is apposed to it) is the speaker; any
other noun phrase is only a role ("Hezbollah fighter"), unless a person was
introduced with that title ("the mayor" → "Mayor Ricardo Almeida").  "he"/"she"
resolve to the most recent person of compatible gender (titles and role words
give gender).  A quote without attribution continues the previous quote's speaker
(same or previous paragraph) or takes the one announced with a colon.
``is_fragment`` marks partial and scare quotes: lowercase start, or a short quote
inside a running sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from newsfeed.extract.location import Sentences
from newsfeed.extract.types import Quote

SPEECH_VERBS = {
    "say", "says", "said", "saying", "tell", "tells", "told", "add", "adds", "added",
    "ask", "asks", "asked", "reply", "replies", "replied", "explain", "explains", "explained",
    "warn", "warns", "warned", "insist", "insists", "insisted", "write", "writes", "wrote",
    "tweet", "tweeted", "declare", "declared", "state", "stated", "describe", "describes",
    "described", "call", "calls", "called", "urge", "urges", "urged", "accuse", "accused",
    "note", "noted", "recall", "recalled", "report", "reports", "reported", "continue",
    "continued", "argue", "argued", "claim", "claimed", "announce", "announced", "admit",
    "admitted", "promise", "promised", "vow", "vowed", "quip", "quipped", "according",
    "refer", "refers", "dub", "dubbed", "branded", "labelled", "hailed", "condemned",
    "acknowledged", "conceded", "remarked", "shouted", "whispered",
}
FEMALE_WORDS = {
    "ms", "mrs", "miss", "madam", "dame", "lady", "spokeswoman", "chairwoman", "woman",
    "mother", "wife", "daughter", "sister", "queen", "princess", "actress", "businesswoman",
    "congresswoman", "grandmother", "aunt", "girl", "she", "her",
}
MALE_WORDS = {
    "mr", "sir", "lord", "spokesman", "chairman", "man", "father", "husband", "son",
    "brother", "king", "prince", "businessman", "congressman", "grandfather", "uncle", "boy",
    "he", "his", "him",
}
_DOUBLE_OPEN = "“„"
_DOUBLE_CLOSE = "”"
_SINGLE_OPEN = "‘"
_SINGLE_CLOSE = "’"
_OPENING_CONTEXT = set(" \t\n([{—–-:/\"'“‘")
_NAME_SMALL_WORDS = {"of", "the", "and", "for", "de", "la", "in", "on", "a"}


@dataclass
class QuoteSpan:
    """Where a quotation sits: ``start``/``end`` bound the text inside the marks."""

    start: int
    end: int
    open_mark: int  # offset of the opening mark
    close_mark: int  # offset just after the closing mark (or the paragraph end)
    parts: list[tuple[int, int]] = field(default_factory=list)

    def text(self, body: str) -> str:
        return " ".join(body[s:e].strip() for s, e in self.parts).rstrip(" ,")


def _kind(body: str, i: int, stack: list[tuple[str, int]]) -> tuple[str, str] | None:
    """Classify the quote character at ``i``: (double|single, open|close) or None."""
    ch = body[i]
    prev = body[i - 1] if i > 0 else "\n"
    nxt = body[i + 1] if i + 1 < len(body) else "\n"
    if ch in _DOUBLE_OPEN:
        return "double", "open"
    if ch in _DOUBLE_CLOSE:
        return "double", "close"
    if ch == '"':
        if prev in _OPENING_CONTEXT and not nxt.isspace():
            if stack and stack[-1][0] == "double" and prev not in " \n" and prev not in ":(":
                return "double", "close"
            return "double", "open"
        return "double", "close"
    if ch == _SINGLE_OPEN:
        return "single", "open"
    if ch == "'" and prev in _OPENING_CONTEXT and (nxt.isalnum() or nxt in "“\""):
        return "single", "open"
    open_single = any(k == "single" for k, _ in stack)
    if open_single and not prev.isspace() and not nxt.isalnum():
        return "single", "close"
    return None


HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "mx"}


def _contiguous(tokens: list[Token]) -> bool:
    return all(b.i == a.i + 1 for a, b in zip(tokens, tokens[1:], strict=False))


def find_quote_spans(body: str) -> list[QuoteSpan]:
    """Top-level quotations in ``body`` (nested ones stay inside their outer quote)."""
    spans: list[QuoteSpan] = []
    paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", body)]
    carry: QuoteSpan | None = None
    for p_start, p_end in paragraphs:
        stack: list[tuple[str, int]] = []
        current = carry
        carry = None
        i = p_start
        if current is not None:
            # The paragraph must reopen the quote to continue it.
            first = p_start + len(body[p_start:p_end]) - len(body[p_start:p_end].lstrip())
            if first < p_end and body[first] in '"“':
                stack.append(("double", first))
                i = first + 1
                current.parts.append((first + 1, p_end))
            else:
                spans.append(current)
                current = None
        while i < p_end:
            ch = body[i]
            if ch in "\"“”„'‘’":
                kind = _kind(body, i, stack)
                if kind is not None:
                    which, role = kind
                    if role == "open":
                        if which == "single" and not stack and not _closes_later(body, i, p_end):
                            i += 1
                            continue
                        stack.append((which, i))
                        if len(stack) == 1 and current is None:
                            current = QuoteSpan(i + 1, i + 1, i, i + 1, [(i + 1, i + 1)])
                    else:
                        depth = next(
                            (d for d in range(len(stack) - 1, -1, -1) if stack[d][0] == which),
                            None,
                        )
                        if depth is not None:
                            del stack[depth:]
                            if not stack and current is not None:
                                s, _ = current.parts[-1]
                                current.parts[-1] = (s, i)
                                current.start = current.parts[0][0]
                                current.end = i
                                current.close_mark = i + 1
                                spans.append(current)
                                current = None
            i += 1
        if current is not None and stack and stack[0][0] == "double":
            s, _ = current.parts[-1]
            current.parts[-1] = (s, p_end)
            current.start, current.end = current.parts[0][0], p_end
            current.close_mark = p_end
            carry = current
    if carry is not None:
        spans.append(carry)
    return [s for s in spans if s.end > s.start and body[s.start:s.end].strip()]


def _closes_later(body: str, i: int, p_end: int) -> bool:
    """Does a single quote opened at ``i`` have a closing mark in its paragraph?"""
    for j in range(i + 2, p_end):
        if body[j] in "'’" and not body[j - 1].isspace() and (
            j + 1 >= len(body) or not body[j + 1].isalnum()
        ):
            return True
    return False


def _is_name(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= 5 and all(
        w[0].isupper() or w.lower() in _NAME_SMALL_WORDS for w in words
    ) and words[0][0].isupper() and not text.rstrip().endswith((".", "!", "?", ","))


def _is_fragment(body: str, q: QuoteSpan) -> bool:
    text = body[q.start:q.end].strip()
    first_alpha = next((c for c in text if c.isalpha()), "")
    if first_alpha and first_alpha.islower():
        return True
    before = body[:q.open_mark].rstrip(" ")
    prev = before[-1:] if before else "\n"
    return len(text.split()) <= 3 and prev.isalpha()


@dataclass
class _Speaker:
    name: str | None
    role: str | None
    verb: str | None


class _SpeakerResolver:
    """Resolves speakers over one document, remembering earlier speakers."""

    def __init__(self, doc: Doc, names: dict[tuple[int, int], tuple[str, str]],
                 quotes: list[QuoteSpan]) -> None:
        self.doc = doc
        self.names = names
        self.quotes = quotes
        self.inside = [(q.open_mark, q.close_mark) for q in quotes]
        self.gender: dict[str, str] = {}
        self.title_of: dict[str, str] = {}
        self._learn_people()

    def _in_quote(self, char: int) -> bool:
        return any(s <= char < e for s, e in self.inside)

    def _learn_people(self) -> None:
        doc = self.doc
        for (start, end), (name, label) in self.names.items():
            if label != "PERSON":
                continue
            window = [t.lower_.rstrip(".") for t in doc[max(0, start - 3):start]]
            window += [t.lower_ for t in doc[end:min(len(doc), end + 4)] if t.pos_ == "NOUN"]
            for w in window:
                if w in FEMALE_WORDS - {"she", "her"}:
                    self.gender.setdefault(name, "f")
                elif w in MALE_WORDS - {"he", "his", "him"}:
                    self.gender.setdefault(name, "m")
            if start > 0 and doc[start - 1].is_title and doc[start - 1].pos_ in ("PROPN", "NOUN"):
                self.title_of.setdefault(doc[start - 1].lower_, name)
            if start > 0 and doc[start - 1].text == ",":
                # "Congo's Foreign Minister, Thérèse Kayembe," → "minister"
                for tok in reversed(list(doc[max(0, start - 4):start - 1])):
                    if tok.pos_ == "NOUN" or tok.is_title:
                        self.title_of.setdefault(tok.lower_, name)
                        break

    def _person_before(self, char: int, gender: str | None) -> str | None:
        best: tuple[int, str] | None = None
        for (start, _end), (name, label) in self.names.items():
            if label != "PERSON":
                continue
            offset = self.doc[start].idx
            if offset >= char or self._in_quote(offset):
                continue
            known = self.gender.get(name)
            if gender and known and known != gender:
                continue
            if best is None or offset > best[0]:
                best = (offset, name)
        return best[1] if best else None

    def _entity_of(self, tokens: list[Token], labels: set[str],
                   head: Token | None = None) -> tuple[str, Span] | None:
        idx = {t.i for t in tokens}
        if head is not None:
            for (start, end), (name, label) in self.names.items():
                if label in labels and start <= head.i < end:
                    return name, self.doc[start:end]
        for (start, end), (name, label) in sorted(self.names.items()):
            if label in labels and start in idx:
                return name, self.doc[start:end]
        return None

    def _role(self, tokens: list[Token], exclude: Span | None) -> str | None:
        kept = [
            t for t in tokens
            if not (exclude is not None and exclude.start <= t.i < exclude.end)
            and t.dep_ not in ("det", "nummod", "punct", "predet")
            and not self._in_quote(t.idx)
            and t.lower_ not in ("who", "which", "that")
        ]
        # Drop a trailing relative clause or apposition tail.
        while kept and kept[-1].pos_ in ("ADP", "CCONJ", "PRON"):
            kept.pop()
        if not kept or all(t.lower_.rstrip(".") in HONORIFICS for t in kept):
            return None
        text = self.doc[kept[0].i:kept[-1].i + 1].text if _contiguous(kept) else " ".join(
            t.text for t in kept
        )
        return text.strip(" ,") or None

    def from_subject(self, subject: Token, verb: Token, quote_char: int) -> _Speaker:
        tokens = [t for t in subject.subtree if not self._in_quote(t.idx)]
        verb_text = verb.lower_
        if subject.pos_ == "PRON":
            low = subject.lower_
            gender = "f" if low == "she" else "m" if low == "he" else None
            if gender is None:
                return _Speaker(None, None, verb_text)
            return _Speaker(self._person_before(subject.idx, gender), None, verb_text)
        person = self._entity_of(tokens, {"PERSON"})
        if person is not None:
            name, span = person
            rel = [t for t in tokens if not (t.dep_ in ("relcl",) or t.i > span.end + 8)]
            relcl = {d.i for t in tokens if t.dep_ == "relcl" for d in t.subtree}
            role = self._role([t for t in rel if t.i not in relcl], span)
            return _Speaker(name, role, verb_text)
        org = self._entity_of(tokens, {"ORG", "GPE", "NORP"}, head=subject)
        if org is not None:
            name, span = org
            appos = [c for c in subject.children if c.dep_ == "appos"]
            if span.start <= subject.i < span.end or any(
                span.start <= a.i < span.end for a in appos
            ):
                return _Speaker(name, None, verb_text)
        relcl = {d.i for t in tokens if t.dep_ in ("relcl", "acl") for d in t.subtree}
        role = self._role([t for t in tokens if t.i not in relcl], None)
        head = subject.lower_
        determiners = {c.lower_ for c in subject.children if c.dep_ == "det"}
        if head in self.title_of and ("the" in determiners or subject.is_title):
            return _Speaker(self.title_of[head], role, verb_text)
        return _Speaker(None, role, verb_text)

    def attribution(self, q: QuoteSpan) -> _Speaker | None:
        doc = self.doc
        sents = [s for s in doc.sents if s.start_char < q.close_mark and s.end_char > q.open_mark]
        if not sents:
            return None
        candidates: list[tuple[int, Token]] = []
        for sent in sents:
            for tok in sent:
                if tok.lower_ in SPEECH_VERBS and tok.pos_ in ("VERB", "AUX", "NOUN") and \
                        not self._in_quote(tok.idx):
                    distance = min(abs(tok.idx - q.open_mark), abs(tok.idx - q.close_mark))
                    candidates.append((distance, tok))
        quote_tokens = [t for sent in sents for t in sent if q.start <= t.idx < q.end]
        governing = {a.i for t in quote_tokens[:1] for a in t.ancestors}
        ordered = sorted(candidates, key=lambda c: (c[1].i not in governing, c[0]))
        for _, verb in ordered:
            if verb.lower_ == "according":
                objs = [c for t in verb.children for c in t.children if c.dep_ == "pobj"]
                if objs:
                    return self.from_subject(objs[0], verb, q.open_mark)
                continue
            subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
            if not subjects and verb.dep_ in ("conj", "xcomp", "advcl"):
                subjects = [c for c in verb.head.children if c.dep_ == "nsubj"]
            subjects = [
                s for s in subjects
                if not self._in_quote(s.idx)
                and not (s.left_edge.idx <= q.start < s.right_edge.idx + len(s.right_edge))
            ]
            if subjects:
                return self.from_subject(subjects[0], verb, q.open_mark)
            # "Speaking to journalists, ... she said" with a broken parse: nearest person
            window = doc[max(sents[0].start, verb.i - 4):min(sents[-1].end, verb.i + 5)]
            person = self._entity_of(list(window), {"PERSON"})
            if person is not None:
                return _Speaker(person[0], None, verb.lower_)
        return None


def extract_quotes(doc: Doc, where: Sentences,
                   names: dict[tuple[int, int], tuple[str, str]]) -> list[Quote]:
    """Quotations in ``doc`` with speaker, role, verb and fragment flag."""
    body = doc.text
    spans = [q for q in find_quote_spans(body) if not _is_name(body[q.start:q.end].strip())]
    resolver = _SpeakerResolver(doc, names, spans)
    out: list[Quote] = []
    previous: tuple[QuoteSpan, _Speaker] | None = None
    for q in spans:
        speaker = resolver.attribution(q)
        if speaker is None or (speaker.name is None and speaker.role is None):
            speaker = _fallback(body, q, previous) or speaker
        if speaker is not None and (speaker.name or speaker.role):
            previous = (q, speaker)
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is None or not len(span):
            span = next(iter(doc.sents))
        out.append(
            Quote(
                text=q.text(body),
                **where.location(span, q.start, q.end),
                speaker=speaker.name if speaker else None,
                speaker_role=speaker.role if speaker else None,
                verb=speaker.verb if speaker else None,
                is_fragment=_is_fragment(body, q),
            )
        )
    return out


def _fallback(body: str, q: QuoteSpan,
              previous: tuple[QuoteSpan, _Speaker] | None) -> _Speaker | None:
    """Unattributed quote: continues the previous speaker when close enough."""
    if previous is None:
        return None
    prev_q, prev_speaker = previous
    between = body[prev_q.close_mark:q.open_mark]
    if between.count("\n\n") + between.count("\n") <= 2 and len(between) < 400:
        return _Speaker(prev_speaker.name, prev_speaker.role, prev_speaker.verb)
    return None
