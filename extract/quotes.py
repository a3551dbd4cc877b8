"""Direct quotations: where they are, whether they are speech, and who said them.

Finding quotes (``find_quote_spans``): straight and curly double quotes, and single quotes
at top level, are paired with a stack so that nested quotes ('He said: "they told us
'leave'"') stay inside the outer quote.  A quotation is cut at paragraph ends: a paragraph
left open continues in the next one when that paragraph reopens the mark (the usual
multi-paragraph convention; the piece is marked ``continues``) or closes it without
reopening; otherwise it ends with its paragraph.  Unusual marks: typewriter ``...'' pairs
open and close a double quote; a short double quote that no double mark closes in its
paragraph ends at a single closing mark ('the "River Giant' ...'); one opened inside round
brackets ends, unclosed, with them ('(known as "Tempel 9)').  A paragraph without marks in
the first or second person and signed with a dash and a person's name ('We will fight this.
— Ann Lee') is a pull quote that lost its marks (kept only with that signature as speaker).

Speech or not (``is_fragment``): scare quotes, titles of works, slogans and short quoted
names are fragments, not quotations of speech:
- a title: the words in title case ("The Long Road Home"), or the quote is a headline
  followed by its source ('"..." — The Daily Star, May 2'), or a post title ending its
  paragraph after its source ('"..." Anonymous blogger, "Night of the outage"'), or named by
  the words before it ("titled", "called", "known as", "the word", "so-called", "the
  adage", "her memoir", "billed as"...);
- a slogan: chanted, or on a sign, banner or hashtag, or the words a thing says or reads
  ('shirts that said "..."', 'a placard reading "..."');
- a short quote (up to 4 words) unless it is a whole phrase said by an attributed speaker
  (said it was "dangerous"; called it "costly" and "reckless"): "parole" status, to
  "streamline" processing, a "formal update" are fragments.
Partial quotes of five words or more are speech ('called for "urgent action on the
matter"'), and so are whole sentences.

Speakers: ``extract.speakers.SpeakerModel`` (cue in the sentence, then its neighbours, then
the discourse: multi-paragraph quotes, runs of quote paragraphs).  A fragment keeps a
speaker only from a cue in its own sentence and never passes it on.

Confidence of a quote with a speaker: that of the speaker (see ``extract.speakers``).  Without
a speaker, the confidence that it is a real quotation: 0.6 a whole sentence, 0.45 a partial
quote, 0.3 a fragment (0.2 a title).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from newsfeed.extract.location import Sentences
from newsfeed.extract.speakers import Attribution, QuoteSite, SpeakerModel
from newsfeed.extract.speech_words import NAMING_VERBS, SPEECH_VERBS, verb_forms
from newsfeed.extract.types import Quote

_DOUBLE_OPEN = "“„«"
_DOUBLE_CLOSE = "”»"
_SINGLE_OPEN = "‘"
_OPENING_CONTEXT = set(" \t\n([{—–-:/\"'“‘")
_SMALL_WORDS = {"of", "the", "and", "for", "de", "la", "in", "on", "a", "an", "to", "at",
                "vs", "vs.", "with", "from", "by", "or", "&", "-", "–", "—", "is", "my",
                "as", "but", "nor", "yet", "so", "up", "into", "onto", "over", "off", "per",
                "via", "than", "out", "upon", "du", "des", "del", "van", "von"}
# Words right before a quote that make it a title, name or slogan ...
_TITLE_WORDS = {"titled", "entitled", "title", "headlined", "headline", "named", "dubbed",
                "nicknamed", "so-called", "word", "words", "term", "terms", "phrase",
                "slogan", "motto", "hashtag", "banner", "sign", "signs", "placard",
                "placards", "tagline", "chanting", "chanted", "chant", "chants", "reading",
                "caption", "captioned", "song", "album", "film", "movie", "book", "novel",
                "show", "series", "campaign", "programme", "program", "project", "operation",
                "adage", "saying", "proverb", "maxim", "mantra", "memoir", "documentary",
                "podcast", "musical", "opera", "exhibition", "painting", "episode", "sitcom",
                "anthem", "poem", "play", "essay", "ballad", "hymn", "single", "track",
                "sculpture", "installation", "game", "app", "talk", "lecture", "nickname",
                "moniker", "codename", "codenamed", "lyric", "lyrics", "chorus", "refrain",
                "jingle", "catchphrase", "buzzword", "sang", "sing", "sings", "singing",
                "sung", "hummed", "humming"}
# Works whose title stands in apposition after a comma ('the report, "Left Behind"').
_WORK_NOUNS = {"report", "study", "paper", "essay", "article", "poem", "play", "column",
               "editorial", "thesis", "strategy", "plan", "bill", "policy", "initiative",
               "scheme", "exhibition", "single", "track", "video", "book", "film", "album"}
# Things whose text is quoted as an inscription ('a banner that read "..."'), not speech.
_INSCRIBED = {"sign", "banner", "placard", "poster", "shirt", "t-shirt", "sticker", "billboard",
              "plaque", "badge", "tattoo", "graffiti", "mural", "headline", "hat", "cap"}
# What an inscribed thing does with its words: a banner reading / demanding "...".
_INSCRIBING = {form for lemma in ("say", "read", "demand", "proclaim", "declare", "urge",
                                  "ask", "announce", "promise", "warn")
               for form in verb_forms(lemma)}
# ... and those that do so only for a quote without a verb (listed it as "Hope").
_NAME_WORDS = {"as", "called", "read", "marked", "label", "labelled", "labeled"}
# Verbs that present a thing under a name or slogan: billed as "...", marketed as "...".
_BILLED = {form for lemma in ("bill", "brand", "rebrand", "market", "tout", "advertise",
                              "promote", "pitch", "sell", "style", "hype")
           for form in verb_forms(lemma)}
_CLITIC = re.compile(r"'(?:s|t|re|ve|ll|d|m)\b", re.IGNORECASE)  # tokenised "Peru 's"
_SHORT = 4  # words: a quote this short is a fragment unless it is attributed speech
_PARTIAL = 5  # words: a partial quote this long is speech ...
_UNSAID_PHRASE = 12  # ... if a speaker says it, or it has a verb, or is this long


@dataclass
class QuoteSpan:
    """Where a quotation sits: ``start``/``end`` bound the text inside the marks."""

    start: int
    end: int
    open_mark: int  # offset of the opening mark (the paragraph start for a continuation)
    close_mark: int  # offset just after the closing mark (or the paragraph end)
    continues: bool = False  # continues the quotation of the previous paragraph
    unmarked: bool = False  # a pull quote that lost its marks ('I did it. — Ann Lee')

    def text(self, body: str) -> str:
        return " ".join(body[self.start:self.end].split()).rstrip(" ,")

    def site(self) -> QuoteSite:
        return QuoteSite(self.start, self.end, self.open_mark, self.close_mark, self.continues)


def _kind(body: str, i: int, stack: list[tuple[str, int]]) -> tuple[str, str] | None:
    """Classify the quote character at ``i``: (double|single, open|close) or None."""
    ch = body[i]
    prev = body[i - 1] if i > 0 else "\n"
    nxt = body[i + 1] if i + 1 < len(body) else "\n"
    if ch in _DOUBLE_OPEN or ch == "`" and nxt == "`" and prev != "`":
        return "double", "open"  # `` and '' are the typewriter marks of some converted texts
    if ch == "`":
        return None
    if ch == "'" and nxt == "'" and any(k == "double" for k, _ in stack):
        return "double", "close"
    if ch in _DOUBLE_CLOSE:
        return "double", "close"
    if ch == '"':
        if prev.isspace() and nxt.isspace():
            # tokenised text ('" We won , " he said'): the marks alternate
            return "double", "close" if any(k == "double" for k, _ in stack) else "open"
        if prev in _OPENING_CONTEXT and not nxt.isspace():
            if stack and stack[-1][0] == "double" and prev not in " \n" and prev not in ":(":
                return "double", "close"
            return "double", "open"
        return "double", "close"
    if _ELISION.match(body, i) or i >= 2 and _ELISION.match(body, i - 2):
        return None  # the '90s, rock 'n' roll
    if ch == _SINGLE_OPEN:
        return "single", "open"
    if ch == "'" and prev in _OPENING_CONTEXT and (nxt.isalnum() or nxt in "“\"") and \
            not _CLITIC.match(body, i):
        return "single", "open"
    open_single = any(k == "single" for k, _ in stack)
    if open_single and not prev.isspace() and not nxt.isalnum() and \
            not _plural_possessive(body, i):
        return "single", "close"
    return None


_ELISION = re.compile(r"['‘’]\d\d(?:s|\b)|(?<= )['‘’]n['’](?= )")
_POSSESSED = re.compile(r"['’] [a-z]")


def _plural_possessive(body: str, i: int) -> bool:
    """Is the single mark at ``i`` the apostrophe of a plural possessive ('the fans’ support
    was...’): after "s", before a lower-case word, with a closing mark later in the
    paragraph before any opening one?"""
    if body[i - 1] not in "sS" or not _POSSESSED.match(body, i):
        return False
    end = body.find("\n", i)
    end = len(body) if end < 0 else end
    for j in range(i + 2, end):
        if body[j] == "‘" or body[j] == "'" and body[j - 1] in _OPENING_CONTEXT:
            return False  # the next mark opens a quote: this one closed its own
        if body[j] in "'’" and not body[j - 1].isspace() and (
                j + 1 >= end or not body[j + 1].isalnum()) and not (
                body[j - 1] in "sS" and _POSSESSED.match(body, j)):
            return True
    return False


def find_quote_spans(body: str) -> list[QuoteSpan]:
    """Top-level quotations in ``body``, one per paragraph piece, in order."""
    spans: list[QuoteSpan] = []
    left_open: str | None = None  # the previous paragraph ended inside this kind of quote
    for para in re.finditer(r"[^\n]+", body):
        was_open = left_open
        pieces, left_open = _paragraph_quotes(body, para.start(), para.end(), left_open)
        spans.extend(pieces)
        if not pieces and not was_open:
            spans.extend(_unmarked_pull_quote(body, para.start(), para.end()))
    return [s for s in spans if s.end > s.start and body[s.start:s.end].strip()]


_SIGNED = re.compile(r"(?P<q>[^\"“”„‘’`]{20,}?[.!?\]])[ \t]+[—–]{1,2}[ \t]*"
                     r"[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,3}[ \t]*")
_FIRST_PERSON = re.compile(r"\b(?:I|[Ww]e|[Mm]y|[Oo]ur|[Mm]e|[Uu]s|[Yy]ou|[Yy]our)\b")


def _unmarked_pull_quote(body: str, p_start: int, p_end: int) -> list[QuoteSpan]:
    """A paragraph without marks, in the first or second person, signed with a dash and a
    name ('We will rebuild. — Ann Lee'): a pull quote whose marks were lost.  It stays a
    quote only when the name is a person's (``extract_quotes``)."""
    m = _SIGNED.fullmatch(body, p_start, p_end)
    if m is None or not _FIRST_PERSON.search(m["q"]):
        return []
    return [QuoteSpan(p_start, m.end("q"), p_start, m.end("q"), unmarked=True)]


def _paragraph_quotes(body: str, p_start: int, p_end: int,
                      left_open: str | None) -> tuple[list[QuoteSpan], str | None]:
    """The quotations of one paragraph, and the kind of quote it ends inside, if any: a
    double quote, or a single one that opens the paragraph (British style, '‘We waited.')."""
    out: list[QuoteSpan] = []
    stack: list[tuple[str, int]] = []
    current: QuoteSpan | None = None
    i = p_start
    first = p_start + len(body[p_start:p_end]) - len(body[p_start:p_end].lstrip())
    if left_open and first < p_end and body[first] in _REOPEN[left_open]:
        stack.append((left_open, first))
        current = QuoteSpan(first + 1, first + 1, first, first + 1, continues=True)
        i = first + 1
    elif left_open == "double":
        close = _orphan_close(body, first, p_end)
        if close is not None:
            out.append(QuoteSpan(first, close, first, close + 1, continues=True))
            i = close + 1
    while i < p_end:
        if body[i] in "\"“”„«»'‘’`":
            kind = _kind(body, i, stack)
            if kind is None and _stray_single_close(body, i, stack, p_end):
                kind = "double", "close"
            if kind is not None:
                current = _mark(body, i, kind, stack, current, (p_start, p_end), out)
        elif body[i] == ")" and _bracket_closes(body, i, stack, p_start):
            current = _mark(body, i, ("double", "close"), stack, current, (p_start, p_end), out)
        i += 1
    if current is not None and stack and (stack[0][0] == "double" or _opens_paragraph(
            body, stack[0][1], p_start, p_end)):
        current.end = current.close_mark = p_end
        out.append(current)
        return out, stack[0][0]
    return out, None


_REOPEN = {"double": '"“', "single": "'‘"}


def _opens_paragraph(body: str, i: int, p_start: int, p_end: int) -> bool:
    """Does the single mark at ``i`` open a quote that runs to the end of its paragraph: it
    opens the paragraph (or follows a colon) before a capital, and the paragraph ends a
    sentence ('‘We waited for hours. Nobody came.')?"""
    before = body[p_start:i].strip()
    return (not before or before.endswith(":")) and body[i + 1:i + 2].isupper() and \
        body[p_start:p_end].rstrip().endswith((".", "!", "?", "…"))


def _mark(body: str, i: int, kind: tuple[str, str], stack: list[tuple[str, int]],
          current: QuoteSpan | None, para: tuple[int, int],
          out: list[QuoteSpan]) -> QuoteSpan | None:
    """Apply one quote mark to the stack; returns the quotation still open."""
    which, role = kind
    if role == "open":
        if which == "single" and not stack and not _closes_later(body, i, para[1]) and \
                not _opens_paragraph(body, i, *para):
            return current
        stack.append((which, i))
        if len(stack) == 1 and current is None:
            inner = i + 2 if body.startswith("``", i) else i + 1
            return QuoteSpan(inner, inner, i, inner)
        return current
    depth = next((d for d in range(len(stack) - 1, -1, -1) if stack[d][0] == which), None)
    if depth is None:
        return current
    del stack[depth:]
    if not stack and current is not None:
        current.end = i
        current.close_mark = i + 1
        out.append(current)
        return None
    return current


_CLOSING_DOUBLE = re.compile(r'”|(?<=\S)"(?!\w)')


def _stray_single_close(body: str, i: int, stack: list[tuple[str, int]], p_end: int) -> bool:
    """'the "Mets Fan' banner': a short double quote closed by a single mark, when no double
    mark closes it later in the paragraph."""
    if len(stack) != 1 or stack[0][0] != "double" or body[i] not in "'’":
        return False
    if not body[i - 1].isalnum() or i + 1 < len(body) and body[i + 1].isalnum():
        return False
    return len(_words(body[stack[0][1] + 1:i])) <= _SHORT and \
        not _CLOSING_DOUBLE.search(body, i + 1, p_end)


def _bracket_closes(body: str, i: int, stack: list[tuple[str, int]], p_start: int) -> bool:
    """'(known as "Big Blue) in...': a double quote opened inside brackets ends, unclosed,
    with them."""
    if len(stack) != 1 or stack[0][0] != "double":
        return False
    before, inside = body[p_start:stack[0][1]], body[stack[0][1] + 1:i]
    return before.count("(") > before.count(")") and inside.count("(") == inside.count(")")


def _orphan_close(body: str, start: int, p_end: int) -> int | None:
    """Offset of a closing double mark that no mark in the paragraph opened, if any."""
    stack: list[tuple[str, int]] = []
    for i in range(start, p_end):
        if body[i] in "\"“”":
            kind = _kind(body, i, stack)
            if kind == ("double", "open"):
                return None
            if kind == ("double", "close"):
                return i
    return None


def _closes_later(body: str, i: int, p_end: int) -> bool:
    """Does a single quote opened at ``i`` have a closing mark in its paragraph?"""
    for j in range(i + 2, p_end):
        if body[j] in "'’" and not body[j - 1].isspace() and (
            j + 1 >= len(body) or not body[j + 1].isalnum()
        ):
            return True
    return False


# ---------------------------------------------------------------------- speech or fragment
def _words(text: str) -> list[str]:
    return re.findall(r"[\w'’-]+", text)


def _is_title_case(text: str) -> bool:
    words = [w for w in _words(text) if any(c.isalpha() for c in w)]
    if not words or not words[0][0].isupper():
        return False
    content = [w for w in words if w.lower() not in _SMALL_WORDS]
    # "!" and "?" end a title of three words or more ("Who Wants to Be a Farmer?")
    return len(words) >= 2 and all(w[0].isupper() or w[0].isdigit() for w in content) and \
        (len(words) >= 3 or not text.rstrip().endswith(("!", "?")))


def _named_before(doc: Doc, body: str, q: QuoteSpan, has_verb: bool) -> bool:
    """Is the quote introduced as a title, name or slogan by the word right before it
    ("a film called "...""; "the slogan "...""; "chanting "...""; "billed as "..."")?
    "As" after a speech verb introduces speech: described it as "massive"."""
    before = _words(body[max(0, q.open_mark - 40):q.open_mark].lower())
    if before[-2:-1] and before[-2] in _BILLED and before[-1] == "as":
        return True
    if before[-1:] == ["as"] and _as_after_speech(doc, q) or before[-1:] == ["called"] and \
            _described_by_speaker(doc, q):
        return False
    if tuple(before[-2:]) in _CHARGED:
        return True  # charged with "causing death by dangerous driving": an offence
    if len(before) >= 2 and before[-1] in ("the", "a", "an"):
        before = before[:-1]
    if before[-1:] == ["saying"] and before[-2:-1] != ["old"] and (
            len(before) < 2 or before[-2] not in ("the", "a", "an", "that", "this", "popular")):
        return False  # 'quoted him as saying "..."': speech, not "the saying"
    if before[-1:] and before[-1] in _WORK_NOUNS and body[q.open_mark - 2:q.open_mark] == ", ":
        return True  # in apposition: 'the report, "Left Behind: ..."'
    return bool(before) and (before[-1] in _TITLE_WORDS and not _starts_finite(doc, q)
                             and not _closes_adverbial(doc, body, q)
                             or not has_verb and before[-1] in _NAME_WORDS)


def _closes_adverbial(doc: Doc, body: str, q: QuoteSpan) -> bool:
    """Is the word before the quote the end of a phrase of its own, set off by a comma or
    colon, before a quote attributed after it ('After the show, "I was exhausted," she
    said'), not the work the quote names ('What about the adage, "..."?')?"""
    mark = doc.char_span(q.open_mark, q.open_mark + 1, alignment_mode="expand")
    if mark is None:
        return False
    prev = next((t for t in reversed(doc[:mark.start]) if not t.is_punct), None)
    if prev is None or body[prev.idx + len(prev):q.open_mark].strip() not in (",", ":"):
        return False
    after = re.split(r"[.!?;\n]", body[q.close_mark:q.close_mark + 60], maxsplit=1)[0]
    return prev.dep_ == "pobj" and any(w.lower() in SPEECH_VERBS for w in _words(after)[:5])


_FINITE = {"VBD", "VBZ", "VBP", "MD"}
# The words that name an offence: charged with "...", found guilty of "...".
_CHARGED = {("charged", "with"), ("convicted", "of"), ("guilty", "of"), ("guilty", "to"),
            ("offence", "of"), ("offense", "of"), ("counts", "of"), ("count", "of"),
            ("acquitted", "of"), ("arrested", "for"), ("suspicion", "of")}


def _described_by_speaker(doc: Doc, q: QuoteSpan) -> bool:
    """'what police called "a significant haul"': "called" with a subject before a quote
    that opens with "a": somebody's description, not the name of a thing ('a dish called
    "A Taste of Home"')."""
    mark = doc.char_span(q.open_mark, q.open_mark + 1, alignment_mode="expand")
    if mark is None or mark.start == 0 or mark.end >= len(doc):
        return False
    verb = doc[mark.start - 1]
    return doc[mark.end].lower_ in ("a", "an") and any(c.dep_ == "nsubj" for c in verb.children)


def _starts_finite(doc: Doc, q: QuoteSpan) -> bool:
    """Does the quote open with a finite verb, the predicate of the noun before it (the
    campaign "was never about money")?"""
    span = doc.char_span(q.start, q.end, alignment_mode="expand")
    first = next((t for t in span if not t.is_punct), None) if span is not None else None
    return first is not None and (first.tag_ in _FINITE or first.dep_ == "neg")


def _as_after_speech(doc: Doc, q: QuoteSpan) -> bool:
    """Is the "as" before the quote that of a speech verb (described him as "...")?"""
    mark = doc.char_span(q.open_mark, q.open_mark + 1, alignment_mode="expand")
    if mark is None or mark.start == 0:
        return False
    verb = doc[mark.start - 1].head
    if verb.pos_ != "VERB" and verb.dep_ == "dobj":  # described [the decision as] "..."
        verb = verb.head
    return verb.lower_ in SPEECH_VERBS and verb.lower_ not in NAMING_VERBS


def _source_after(body: str, q: QuoteSpan) -> bool:
    """'"Headline" — Publisher, date': a title followed by its source."""
    after = body[q.close_mark:q.close_mark + 40]
    return bool(re.match(r"\s*[—–-]{1,2}\s*[A-Z0-9]", after))


def _source_before(doc: Doc, body: str, q: QuoteSpan) -> bool:
    """'"..." Anonymous blogger, "A Post Title"': a quote ending its paragraph without final
    punctuation, right after a source without a verb that follows another quote or starts
    the paragraph."""
    p_start = body.rfind("\n", 0, q.open_mark) + 1
    p_end = body.find("\n", q.close_mark)
    after = body[q.close_mark:len(body) if p_end < 0 else p_end]
    if after.strip(" .") or body[q.start:q.end].rstrip().endswith((".", "!", "?", ",")):
        return False
    last = max(body.rfind('"', p_start, q.open_mark), body.rfind("”", p_start, q.open_mark))
    seg_start = p_start if last < 0 else last + 1
    segment = body[seg_start:q.open_mark]
    if not re.fullmatch(r"\s*[—–-]?\s*[A-Z][^,;:.!?\"“”]{0,40},\s*", segment):
        return False
    span = doc.char_span(seg_start, q.open_mark, alignment_mode="contract")
    return span is not None and not any(t.pos_ in ("VERB", "AUX") for t in span)


def _quote_tokens(doc: Doc, q: QuoteSpan) -> list[Token]:
    span = doc.char_span(q.start, q.end, alignment_mode="expand")
    return [t for t in span if not t.is_punct] if span is not None else []


def _said_phrase(tokens: list[Token], body: str) -> bool:
    """Is a short quote a whole phrase of what an attributed speaker said?

    A single word must hang on the speech verb itself (called it "dangerous", or "costly" and
    "reckless", a quoted conjunct not counting as outside words); longer ones
    must be a whole constituent of the speech verb's clause or of its complement clause
    (said they backed the idea "for months"), not part of a phrase that starts outside the
    marks (a "formal update"); words in brackets after the quote do not count.  The verb
    needs a subject outside the quote.
    """
    if not tokens:
        return False
    inside = {t.i for t in tokens}
    heads = [t for t in tokens if t.head.i not in inside or t.head == t]
    if len(heads) != 1:
        return False
    head = heads[0]
    if head.dep_ in ("compound", "amod", "nmod", "poss", "npadvmod", "det") and not (
            head.head.lower_ == "as" and head.head.i < head.i):
        return False
    # another quoted phrase coordinated with this one ("costly" and "reckless") is no context
    other = {d.i for c in head.children if c.dep_ == "conj" and body[c.idx - 1:c.idx] in "\"“"
             for d in (*c.subtree, *(x for x in head.children if x.dep_ == "cc"))}
    # a quoted verb phrase keeps its subject and auxiliaries outside: said it would "study it"
    lead = {d.i for c in head.children if head.pos_ == "VERB" and c.i < tokens[0].i
            and c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "neg", "mark")
            for d in c.subtree}
    if any(t.i not in inside and t.i not in other and t.i not in lead and not t.is_punct
           and not t.is_space and not _in_brackets(t, body) for t in head.subtree):
        return False
    if len(tokens) == 1:
        first = head
        while first.dep_ == "conj" and first.head.i < first.i:
            first = first.head
        verb = first.head
        if verb.lower_ == "as" and verb.dep_ == "prep":  # described it as "massive"
            verb = verb.head
    else:
        # the clause of the quote is the speech verb's, or the complement clause of one
        verb = next((a for a in head.ancestors if a.pos_ in ("VERB", "AUX")), head)
        if verb.lower_ not in SPEECH_VERBS and verb.dep_ == "ccomp":
            verb = verb.head
    if verb.lower_ not in SPEECH_VERBS or verb.pos_ != "VERB":
        return False
    # "and called it", "wanted to call it", "..., describing it as": the subject is the head's
    clause = verb.head if verb.dep_ in ("conj", "xcomp") or verb.dep_ == "advcl" and \
        verb.tag_ == "VBG" else verb
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.i not in inside
               for c in (*verb.children, *clause.children))


def _in_brackets(tok: Token, body: str) -> bool:
    """Is the token inside round brackets in its paragraph?"""
    before = body[body.rfind("\n", 0, tok.idx) + 1:tok.idx]
    return before.count("(") > before.count(")")


def fragment_reason(doc: Doc, q: QuoteSpan, cue: Attribution | None = None,
                    body: str | None = None) -> str | None:
    """Why a quotation is not speech ("title", "scare"), or None when it is.

    ``cue`` is the speaker found around the quote itself, if any: a quote signed with a
    person's name ('"..." — Ann Lee') is speech, not a title with its source.  ``body`` is
    ``doc.text`` (pass it to save rebuilding it).
    """
    body = doc.text if body is None else body
    text = body[q.start:q.end].strip()
    words = _words(text)
    if not words:
        return "scare"
    if q.continues:
        return None
    tokens = _quote_tokens(doc, q)
    signed = cue is not None and cue.rule == "byline"
    if not signed and (_source_after(body, q) or _source_before(doc, body, q)
                       or _is_title_case(text) and len(words) <= 12
                       and (not text.endswith(".")
                            or not any(t.tag_ in _FINITE for t in tokens))):
        return "title"  # 'starred in "Murder on the Orient Express."': a title, US style
    has_verb = any(t.pos_ in ("VERB", "AUX") for t in tokens)
    if _named_before(doc, body, q, has_verb) and len(words) < 12 or _named_by_verb(tokens, text) \
            or _inscription(tokens):
        return "title"
    if len(words) <= _SHORT and not _is_sentence(tokens, text) and not _is_clause(tokens, text) \
            and not _said_phrase(tokens, body):
        return "scare"
    finite = any(t.tag_ in _FINITE for t in tokens)
    if cue is None and len(words) < _UNSAID_PHRASE and not finite and _unsaid(tokens, text):
        return "scare"  # 'a question like "the best player in the world"': a phrase, no speech
    return None


def _unsaid(tokens: list[Token], text: str) -> bool:
    """A phrase quoted as a phrase: lower case, no end of a sentence inside the marks
    ('address "a gap between us."' quotes a sentence's end), and no speech verb before it
    governs it ('They call for "urgent action on salt"')."""
    if text[:1].isupper() or text.rstrip("'’\"”").endswith((".", "!", "?")):
        return False
    inside = {t.i for t in tokens}
    return not any(a.lower_ in SPEECH_VERBS and a.i < tokens[0].i for t in tokens
                   if t.head.i not in inside for a in t.ancestors)


def _named_by_verb(tokens: list[Token], text: str) -> bool:
    """'dubbed the conflict "Scientology vs. the Internet"', 'call the road "the Strip"': a
    capitalised phrase without a verb that a naming verb governs; or a term without a verb
    introduced by "what": 'what they call "robot rules"', 'what experts describe as "..."'."""
    if not tokens or len(tokens) > 8 or any(t.pos_ in ("VERB", "AUX") for t in tokens):
        return False
    inside = {t.i for t in tokens}
    heads = [t for t in tokens if t.head.i not in inside]
    words = text.split()
    capitalised = text[:1].isupper() or len(words) > 1 and words[0] in ("the", "a", "an") \
        and words[1][:1].isupper()
    if capitalised and any(h.head.lower_ in NAMING_VERBS for h in heads):
        return True
    if tokens[0].pos_ == "DET" or tokens[0].dep_ == "poss":
        return False  # what police called "a significant haul": a description, said
    governors = [h.head.head if h.head.lower_ == "as" else h.head for h in heads]
    return any(c.lower_ == "what" and c.dep_ == "dobj" and c.i < tokens[0].i
               for g in governors for c in g.children)


def _inscription(tokens: list[Token]) -> bool:
    """'shirts that said "..."', 'a sign reading "..."': the words on a thing, a slogan."""
    inside = {t.i for t in tokens}
    verb = next((h.head for h in tokens if h.head.i not in inside), None)
    if verb is None or verb.lower_ not in _INSCRIBING:
        return False
    if verb.dep_ in ("acl", "relcl") or verb.lower_.endswith("ing"):
        subj: Token | None = verb.head
    else:  # '"Enough is enough," read a sign': inverted, the thing follows its verb
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None) or next(
            (c for c in verb.rights if c.dep_ in ("dobj", "attr")), None)
    if subj is not None and subj.lower_ in ("that", "which"):
        sent = subj.sent
        subj = next((t for t in reversed(sent[:subj.i - sent.start]) if t.pos_ == "NOUN"), None)
    return subj is not None and subj.lower_.removesuffix("s") in _INSCRIBED


def _is_sentence(tokens: list[Token], text: str) -> bool:
    """A whole sentence: capitalised, ends with . ! or ?, has a verb ("I smacked them.")."""
    return text[:1].isupper() and text.rstrip().endswith((".", "!", "?")) and any(
        t.pos_ in ("VERB", "AUX") for t in tokens)


def _is_clause(tokens: list[Token], text: str) -> bool:
    """A whole clause, capitalised, with a finite verb and its subject ("We won," she said)."""
    inside = {t.i for t in tokens}
    return text[:1].isupper() and any(
        t.tag_ in _FINITE and any(c.dep_ in ("nsubj", "nsubjpass", "expl") and c.i in inside
                                  for c in t.children) for t in tokens)


def _is_long_sentence(text: str) -> bool:
    """Capitalised and at least five words: more likely a real quotation."""
    first = next((c for c in text if c.isalpha()), "")
    return bool(first) and first.isupper() and len(_words(text)) >= _PARTIAL


# ---------------------------------------------------------------------- assembly
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
        if reason == "unsigned" or not q.continues and _is_quoted_name(_words(q.text(body)),
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
    return [_words(doc[start:end].text) for start, end in names]


def _confidence(text: str, reason: str | None, speaker: Attribution | None) -> float:
    if speaker is not None:
        return round(speaker.confidence if reason is None else min(speaker.confidence, 0.4), 2)
    if reason is not None:
        return 0.2 if reason == "title" else 0.3
    return 0.6 if _is_long_sentence(text) else 0.45

