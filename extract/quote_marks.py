"""Quote marks: where each quotation starts and ends in an article body.

Straight and curly double quotes, guillemets, and single quotes at top level are paired with
a stack so that nested quotes ('He said: "they told us 'leave'"') stay inside the outer
quote.  Apostrophes are no marks: a plural possessive inside single quotes ('‘the fans’
support was...’' when a closing mark follows), elided years ('90s) and rock 'n' roll.  A
quotation is cut at paragraph ends: a paragraph left open continues in the next one when that
paragraph reopens the mark (the usual multi-paragraph convention; the piece is marked
``continues``) or closes a double quote without reopening; otherwise it ends with its
paragraph.  A single quote left open runs to its paragraph's end only when it opens the
paragraph (British style, '‘We waited.').  Unusual marks: typewriter ``...'' pairs open and
close a double quote; a short double quote that no double mark closes in its paragraph ends
at a single closing mark ('the "River Giant' ...'); one opened inside round brackets ends,
unclosed, with them ('(known as "Tempel 9)').  A paragraph without marks in the first or
second person and signed with a dash and a person's name ('We will fight this. — Ann Lee')
is a pull quote that lost its marks (kept only with that signature as speaker).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsfeed.extract.speakers import QuoteSite

_DOUBLE_OPEN = "“„«"
_DOUBLE_CLOSE = "”»"
_SINGLE_OPEN = "‘"
_OPENING_CONTEXT = set(" \t\n([{—–-:/\"'“‘")
_CLITIC = re.compile(r"'(?:s|t|re|ve|ll|d|m)\b", re.IGNORECASE)  # tokenised "Peru 's"
SHORT = 4  # words: a quote this short is a fragment unless it is attributed speech


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
FIRST_PERSON = re.compile(r"\b(?:I|[Ww]e|[Mm]y|[Oo]ur|[Mm]e|[Uu]s|[Yy]ou|[Yy]our)\b")


def _unmarked_pull_quote(body: str, p_start: int, p_end: int) -> list[QuoteSpan]:
    """A paragraph without marks, in the first or second person, signed with a dash and a
    name ('We will rebuild. — Ann Lee'): a pull quote whose marks were lost.  It stays a
    quote only when the name is a person's (``extract_quotes``)."""
    m = _SIGNED.fullmatch(body, p_start, p_end)
    if m is None or not FIRST_PERSON.search(m["q"]):
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
    return len(quote_words(body[stack[0][1] + 1:i])) <= SHORT and \
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


def quote_words(text: str) -> list[str]:
    """The words of a text (letters, digits, apostrophes and hyphens)."""
    return re.findall(r"[\w'’-]+", text)
