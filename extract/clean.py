"""Clean an article body: one paragraph per block, blocks separated by a blank line.

Steps (each small and rule-based, see ``clean_body``):

1. normalise unicode (NFC) and whitespace; curly quotes are kept as they are;
2. drop site boilerplate lines ("Continue reading the main story", ...);
3. join hard-wrapped lines into paragraphs, keeping list items and short headings;
4. repair sentences run together ("Hezbollah.State TV" -> "Hezbollah. State TV") and
   split off subheadings glued to a sentence ("planned.'Clear message' The ...");
5. drop boilerplate sentences and repeated paragraphs / sentences (first one wins).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

DEFAULT_BOILERPLATE_PATTERNS: tuple[str, ...] = (
    r"^continue reading( the)? (main|full|rest of the) (story|article)",
    r"send us your (comments|views|pictures|photos|stories)",
    r"using the form below",
    r"^share (this|the) (page|article|story|video)",
    r"^share (on|via|to) (facebook|twitter|x|whatsapp|e-?mail|linkedin|messenger)",
    r"^(share|tweet|e-?mail|print)( this)?$",
    r"^related (topics|stories|articles|content|coverage|links|internet links)\b",
    r"^(more|top|latest) (on this story|stories|news)$",
    r"^most (read|popular|watched|shared)$",
    r"^(advert(isement)?s?|anzeige|werbung|publicit[ée]|publicidad|pubblicit[àa])$",
    r"^(sponsored( content)?|promoted|partner content)$",
    r"^image (caption|copyright|source)\b",
    r"^(media|video) (playback|caption) is (unsupported|not supported)",
    r"^(read|see) more:?$",
    r"^(read|see) more (about|on|here|stories)\b.{0,80}$",
    r"\bwe use cookies\b",
    r"\b(accept|manage|reject) (all )?cookies\b",
    r"\bcookie (policy|settings|preferences|consent)\b",
    r"^subscribe( now| today| here)?\b.{0,80}$",
    r"\bsign up (for|to) (our|the) (\w+ )?newsletters?\b",
    r"\b(get|receive) (our|the) (\w+ )?newsletters?\b",
    r"^(sign|log) in to (comment|continue|read)",
    r"^already a subscriber\b",
    r"^follow (us|\w+) on (twitter|facebook|x|instagram|tiktok|youtube)\b",
    r"^(click|tap) here\b",
    r"^skip to (main )?content$",
    r"^back to top$",
    r"\ball rights reserved\.?$",
    r"^(copyright )?©",
    r"^\d+ comments?$",
    r"^comments? \(\d+\)$",
    r"^(show|view|hide|load more) comments?$",
    r"^listen to this article\b",
    # a byline standing alone: "By Jane Doe", "Von Markus Weiß", "Par Claire Dubois, à Lyon"
    r"^(by|von|par|por|di|door|av|af) (?-i:[A-ZÀ-ÖØ-Þ][^\s,.;:!?]*)"
    r"( (?-i:[A-ZÀ-ÖØ-Þ][^\s,.;:!?]*)| (and|und|et|y|e|en|og)){0,6}(,[^.!?]{0,60})?$",
)


@dataclass(frozen=True)
class CleanSettings:
    """Tunable knobs of ``clean_body``; the defaults suit English news pages."""

    boilerplate_patterns: tuple[str, ...] = DEFAULT_BOILERPLATE_PATTERNS
    # a paragraph at most this long is dropped whole when a pattern matches it;
    # in longer paragraphs only the matching sentences go
    max_boilerplate_chars: int = 200
    # a line at most this long, without end punctuation, standing alone may be a heading
    max_heading_chars: int = 70
    # sentences shorter than this are never treated as repeats ("Analysis", "- Yes")
    min_repeat_chars: int = 20
    # "split": a subheading glued to a sentence becomes its own paragraph; "drop": removed
    glued_headings: str = "split"
    dedupe: bool = True


DEFAULT_SETTINGS = CleanSettings()

# A hard-wrapped text: at least this many wrapped lines, this share of them within
# WRAP_SLACK characters of the longest; paragraphs separated by blank lines when it has
# at least MIN_BLANK_LINES of them.
MIN_WRAPPED_LINES = 5
WRAP_SLACK = 20
MIN_NEAR_WIDTH = 0.6
MIN_BLANK_LINES = 2

_TERMINAL = ".!?…"
_CLOSERS = "\"'”’»)]"
_OPENING_QUOTES = "\"'“‘"
_MATCHING_QUOTE = {'"': '"”', "'": "'’", "“": "”\"", "‘": "’'"}
_BULLET_RE = re.compile(r"^(?:[-*•·▪–—]|\d{1,2}[.)])\s+")
_INVISIBLE_RE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_SPACE_RE = re.compile(r"[^\S\n]+")
# URLs and e-mail addresses, starting at a token start (keeps the scan linear)
_URL_RE = re.compile(
    r"(?<![^\s(\[<\"'“‘])(?:(?:https?://|www\.)\S+|[^\s@()\[\]<>\"'“‘]+@[\w-]+(?:\.[\w-]+)+)",
    re.IGNORECASE,
)
# A lower-case letter, digit or closing bracket, end punctuation, then a capitalised word.
_RUN_ON_RE = re.compile(r"(?<=[a-z0-9\)\]])([.!?])(?=[A-Z](?:[a-z]|\s))")
# The same with a quote between: 'weak."The' -> 'weak." The', 'paused.“We' -> 'paused. “We'
_RUN_ON_QUOTE_RE = re.compile(r"(?<=[a-z0-9][.!?])([\"'”’“‘])(?=[A-Z][a-z])")
# 'planned.'Clear message' The ...': end punctuation, a short quoted capitalised phrase
# without end punctuation, then a new sentence or the end of the paragraph.
_GLUED_HEADING_RE = re.compile(
    r"(?<=[a-z0-9\)][.!?])([\"'“‘])([A-Z][^.!?\"'“”‘’\n]{0,78}[^\s.!?\"'“”‘’])([\"'”’])"
    r"(?=\s+[\"“‘']?[A-Z0-9]|\s*$)"
)
_FUNCTION_WORDS = frozenset(
    "a an the and or but nor of in on at to for from by with as than that which who whom "  # noqa: SIM905
    "whose into onto over under about after before between against during without within "
    "its their his her our your my is are was were be been has have had will would could "
    "should may might must not also said says".split()
)
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen col lt sgt capt cmdr adm gov sen rep rev st mt jr sr "  # noqa: SIM905
    "inc ltd corp co vs etc approx no nos fig dept est jan feb mar apr jun jul aug "
    "sep sept oct nov dec".split()
)
_SENTENCE_END_RE = re.compile(r"[.!?…][\"'”’»)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")
_KEY_DROP_RE = re.compile(r"[\W_]+")
# a field of a results or standings table: "74", ".556", "5 1/2", "4-38", "-" (none)
_TABLE_FIELD_RE = re.compile(r"^(?:[-+]?\d*[.,:/]?\d+(?:[-/:]\d+)*%?|[-–—])$")
MIN_TABLE_FIELDS = 2


def clean_body(text: str, settings: CleanSettings | None = None) -> str:
    """Return ``text`` cleaned, paragraphs separated by one blank line ("\\n\\n").

    Joins hard-wrapped lines, repairs run-on sentences ("victory.But" ->
    "victory. But") without touching "U.S.", "1.5", "bbc.co.uk" or URLs, splits
    off glued subheadings, drops boilerplate (``CleanSettings.boilerplate_patterns``)
    and every paragraph or sentence already seen earlier in the text.
    """
    settings = settings or DEFAULT_SETTINGS
    boilerplate = _compile(settings.boilerplate_patterns)
    lines = _drop_boilerplate_lines(_normalise(text).split("\n"), boilerplate, settings)
    paragraphs: list[str] = []
    for paragraph in _join_wrapped_lines(lines, settings):
        paragraphs.extend(_repair_run_ons(paragraph, settings))
    paragraphs = _drop_boilerplate(paragraphs, boilerplate, settings)
    if settings.dedupe:
        paragraphs = _drop_repeats(paragraphs, settings)
    return "\n\n".join(paragraphs)


def split_paragraphs(body: str) -> list[str]:
    """The paragraphs of a cleaned body."""
    return [p for p in body.split("\n\n") if p.strip()]


def split_sentences(paragraph: str) -> list[str]:
    """Split one paragraph into sentences (rule-based; abbreviations and initials kept)."""
    sentences: list[str] = []
    start = 0
    for match in _SENTENCE_END_RE.finditer(paragraph):
        if _ends_with_abbreviation(paragraph[max(start, match.start() - 40) : match.start() + 1]):
            continue
        sentences.append(paragraph[start : match.end()].strip())
        start = match.end()
    tail = paragraph[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


@functools.lru_cache(maxsize=8)
def _compile(patterns: tuple[str, ...]) -> list[re.Pattern[str]]:
    return [re.compile(p, re.IGNORECASE) for p in patterns]


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = _INVISIBLE_RE.sub("", text)
    return "\n".join(_SPACE_RE.sub(" ", line).strip() for line in text.split("\n"))


def _is_boilerplate(text: str, patterns: list[re.Pattern[str]], settings: CleanSettings) -> bool:
    return len(text) <= settings.max_boilerplate_chars and any(p.search(text) for p in patterns)


def _drop_boilerplate_lines(
    lines: list[str], patterns: list[re.Pattern[str]], settings: CleanSettings
) -> list[str]:
    """Drop boilerplate lines that stand alone, not fragments of a wrapped sentence.

    A line goes when it matches a pattern end to end, or when it matches, does
    not start in lower case and follows a blank line or the end of a sentence.
    """
    kept: list[str] = []
    for line in lines:
        if line and _is_boilerplate(line, patterns, settings):
            whole = any(
                (m := p.search(line)) and m.start() == 0 and m.end() == len(line) for p in patterns
            )
            previous = kept[-1] if kept else ""
            standalone = not line[0].islower() and (not previous or _ends_sentence(previous))
            if whole or standalone:
                continue
        kept.append(line)
    return kept


def _is_list_item(line: str) -> bool:
    return bool(_BULLET_RE.match(line))


def _ends_sentence(line: str) -> bool:
    stripped = line.rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in _TERMINAL + ":;"


def _last_word(line: str) -> str:
    words = line.split()
    return words[-1].strip(_CLOSERS + ",;:").casefold() if words else ""


def _wrap_width(lines: list[str]) -> int | None:
    """The width a text was hard-wrapped at, or None when its lines were not wrapped.

    Wrapped lines (those followed by another line of the same block) then come close to
    one width; lines that are whole paragraphs vary.
    """
    inner = [len(line) for line, nxt in zip(lines, lines[1:], strict=False) if line and nxt]
    if len(inner) < MIN_WRAPPED_LINES:
        return None
    width = max(inner)
    near = sum(length >= width - WRAP_SLACK for length in inner)
    return width if near >= len(inner) * MIN_NEAR_WIDTH else None


def _wrapped_at(current: str, nxt: str, width: int | None, blank_lines: bool) -> bool:
    """Whether the break after ``current`` is the wrap of a hard-wrapped text: the next
    word would not have fitted on the line.  Where blank lines separate the paragraphs,
    that holds after a sentence's end too."""
    if width is None or len(current) + 1 + len(nxt.split(maxsplit=1)[0]) <= width:
        return False
    return blank_lines or not _ends_sentence(current)


def _is_table_row(line: str) -> bool:
    """Whether ``line`` is a row of a table: a name, then only numbers ("BOSTON 69 65 .515 5 1/2",
    "Lazio 17 10 4 3 29 14 34", "Somerset 4-38 -")."""
    words = line.split()
    fields = 0
    for word in reversed(words):
        if not _TABLE_FIELD_RE.match(word):
            break
        fields += 1
    return fields >= MIN_TABLE_FIELDS and fields < len(words)


def _continues(current: str, nxt: str, in_paragraph: bool, settings: CleanSettings) -> bool:
    """Whether line ``nxt`` (not a list item) continues the sentence of line ``current``."""
    first = nxt[0]
    if _is_table_row(current) or _is_table_row(nxt):
        return False
    if _ends_sentence(current):
        # a sentence never starts in lower case: the wrap fell after "U.S." or "Gen."
        return first.islower()
    if first.islower() or first in "(&%":
        return True
    if _is_list_item(current):
        return False
    return (
        in_paragraph
        or current[-1] in ",-–—(/"
        or current.rstrip(_CLOSERS)[-1:] == ","  # '"... are safe,"' + 'the mayor said.'
        or _last_word(current) in _FUNCTION_WORDS and not current.split()[-1][:1].isupper()
        or len(current) > settings.max_heading_chars
    )


def _join_wrapped_lines(lines: list[str], settings: CleanSettings) -> Iterator[str]:
    """Merge lines into paragraphs; blank lines always end a paragraph."""
    width = _wrap_width(lines)
    blank_lines = lines.count("") >= MIN_BLANK_LINES
    parts: list[str] = []
    for line in lines:
        if not line:
            if parts:
                yield " ".join(parts)
                parts = []
            continue
        if _BULLET_RE.match(line):
            line = "- " + _BULLET_RE.sub("", line, count=1) if line[0] in "*•·▪–—" else line
        if parts and not _is_list_item(line) and (
                _continues(parts[-1], line, len(parts) > 1, settings)
                or _wrapped_at(parts[-1], line, width, blank_lines)):
            previous = parts[-1]
            if len(previous) > 1 and previous[-1] == "-" and previous[-2].isalpha():
                parts[-1] = previous + line  # "pre-" + "conditions"
            else:
                parts.append(line)
            continue
        if parts:
            yield " ".join(parts)
        parts = [line]
    if parts:
        yield " ".join(parts)


def _repair_run_ons(paragraph: str, settings: CleanSettings) -> list[str]:
    """Split off glued subheadings, then insert missing spaces after sentence ends."""
    pieces: list[str] = []
    cursor = 0
    for heading in _GLUED_HEADING_RE.finditer(paragraph):
        if heading.group(3) not in _MATCHING_QUOTE[heading.group(1)]:
            continue
        pieces.append(paragraph[cursor : heading.start()])
        if settings.glued_headings == "split":
            pieces.append(heading.group(2))
        cursor = heading.end()
    pieces.append(paragraph[cursor:])
    return [_repair_outside_urls(p.strip()) for p in pieces if p.strip()]


def _repair_outside_urls(text: str) -> str:
    pieces: list[str] = []
    cursor = 0
    for url in _URL_RE.finditer(text):
        pieces.append(_repair_span(text[cursor : url.start()]))
        pieces.append(url.group())
        cursor = url.end()
    pieces.append(_repair_span(text[cursor:]))
    return "".join(pieces)


def _repair_span(span: str) -> str:
    span = _RUN_ON_RE.sub(r"\1 ", span)
    return _RUN_ON_QUOTE_RE.sub(_space_around_quote, span)


def _space_around_quote(match: re.Match[str]) -> str:
    """Space after a closing quote, before an opening one (a straight quote opens
    when a closing twin follows later in the text)."""
    quote = match.group(1)
    if quote in "“‘":
        return " " + quote
    if quote in "\"'":
        rest = match.string[match.end() : match.end() + 400]
        if re.search(re.escape(quote) + r"(?![A-Za-z])", rest):
            return " " + quote
    return quote + " "


def _ends_with_abbreviation(text: str) -> bool:
    """'... Gen.' / '... U.S.' / '... J.' : a full stop that does not end the sentence."""
    if not text.endswith("."):
        return False
    word = text[:-1].rsplit(None, 1)[-1] if text[:-1].split() else ""
    word = word.lstrip(_OPENING_QUOTES + "(")
    if word.casefold() in _ABBREVIATIONS:
        return True
    return bool(re.fullmatch(r"(?:[A-Za-z]\.)*[A-Z]", word))  # initials: "J.", "U.S."


def _drop_boilerplate(
    paragraphs: list[str], patterns: list[re.Pattern[str]], settings: CleanSettings
) -> list[str]:
    kept: list[str] = []
    for paragraph in paragraphs:
        if _is_boilerplate(paragraph, patterns, settings):
            continue
        if len(paragraph) > settings.max_boilerplate_chars:
            sentences = split_sentences(paragraph)
            remaining = [s for s in sentences if not _is_boilerplate(s, patterns, settings)]
            if len(remaining) != len(sentences):
                paragraph = " ".join(remaining)
        if paragraph:
            kept.append(paragraph)
    return kept


def _repeat_key(text: str) -> str:
    return _KEY_DROP_RE.sub(" ", text.casefold()).strip()


def _drop_repeats(paragraphs: list[str], settings: CleanSettings) -> list[str]:
    """Keep the first occurrence of each paragraph and of each sentence."""
    seen_paragraphs: set[str] = set()
    seen_sentences: set[str] = set()
    kept: list[str] = []
    for paragraph in paragraphs:
        key = _repeat_key(paragraph)
        if len(key) >= settings.min_repeat_chars and key in seen_paragraphs:
            continue
        seen_paragraphs.add(key)
        sentences = split_sentences(paragraph)
        fresh: list[str] = []
        for sentence in sentences:
            skey = _repeat_key(sentence)
            if len(skey) >= settings.min_repeat_chars:
                if skey in seen_sentences:
                    continue
                seen_sentences.add(skey)
            fresh.append(sentence)
        if not fresh:
            continue
        kept.append(paragraph if len(fresh) == len(sentences) else " ".join(fresh))
    return kept
