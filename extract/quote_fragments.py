"""Speech or not: scare quotes, titles of works, slogans and quoted names are fragments.

- a title: the words in title case ("The Long Road Home", "As Good as It Gets", "Murder on
  the Orient Express." with a final period and no finite verb), or the quote is a headline
  followed by its source ('"..." — The Daily Star, May 2'), or a post title ending its
  paragraph after its source ('"..." Anonymous blogger, "Night of the outage"'), or a linked
  headline alone in its paragraph ('Read more: "Council tax to rise"'), or a capitalised
  word written or read (wrote "Imagine"), or named by the words before it ("titled",
  "called", "known as", "the word", "so-called", "the adage", "her memoir", "the report,
  ...", "billed as", "charged with"...), unless the quote opens with a finite verb that
  makes the word its subject (the campaign "was never about money") or the word ends an
  introductory phrase before an attributed quote ('After the show, "I was exhausted," she
  said');
- a name or term: given by a naming verb ('call the bypass "the Strip"'), or introduced by
  "what" ('what they call "robot rules"'; but 'what police called "a big haul"' is said);
- a slogan: chanted or sung, or on a sign, banner or hashtag, or the words a thing says,
  reads or demands ('shirts that said "..."', '"Enough is enough," read a sign');
- a short quote (up to 4 words) unless it is a whole clause with its subject ("We won," she
  said) or a whole phrase said by an attributed speaker (said it would "study the findings";
  said it was "dangerous"; described it as "massive", but not the passive "was described as";
  called it "costly" and "reckless"): "parole" status, to "streamline" processing, a
  "formal update" are fragments;
- a phrase without a finite verb that nobody says ('a title like "the best mayor in the
  state"', 'the "right to be forgotten"').
Partial quotes of five words or more are speech ('called for "urgent action on the
matter"'), and so are whole sentences.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from newsfeed.extract.quote_marks import FIRST_PERSON, SHORT, QuoteSpan, quote_words
from newsfeed.extract.speakers import Attribution
from newsfeed.extract.speech_words import NAMING_VERBS, SPEECH_VERBS, verb_forms

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
# Verbs whose object may be a work: wrote "Imagine".
_AUTHORING = verb_forms("write") | verb_forms("read")
_UNSAID_PHRASE = 12  # words: a phrase this long is speech even if nobody says it


def _is_title_case(text: str) -> bool:
    words = [w for w in quote_words(text) if any(c.isalpha() for c in w)]
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
    before = quote_words(body[max(0, q.open_mark - 40):q.open_mark].lower())
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
    return prev.dep_ == "pobj" and any(w.lower() in SPEECH_VERBS for w in quote_words(after)[:5])


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
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children) or \
        verb.tag_ == "VBN" and verb.dep_ in ("acl", "relcl")
    # "was often described as": a label with nobody saying it
    return verb.lower_ in SPEECH_VERBS and verb.lower_ not in NAMING_VERBS and not passive


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
    "reckless", a quoted conjunct not counting as outside words) or be the predicate of its
    complement clause (said it was "dangerous"); longer ones must be a whole constituent of
    the speech verb's clause or of its complement clause (said they backed the idea "for
    months"), not part of a phrase that starts outside the marks (a "formal update"); words
    in brackets after the quote, and a phrase completing it after the marks (was
    "disappointed" by the result), do not count.  The verb needs a subject outside the
    quote.
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
    tail = {d.i for t in tokens for c in t.children if c.i > tokens[-1].i
            and c.dep_ in ("prep", "acl", "relcl", "advcl") for d in c.subtree}
    if any(t.i not in inside and t.i not in other and t.i not in lead and t.i not in tail
           and not t.is_punct and not t.is_space and not _in_brackets(t, body)
           for t in head.subtree):
        return False
    if len(tokens) == 1:
        first = head
        while first.dep_ == "conj" and first.head.i < first.i:
            first = first.head
        verb = first.head
        # described it as "massive"; said it was "dangerous"
        if verb.lower_ == "as" and verb.dep_ == "prep" or first.dep_ in ("acomp", "attr") \
                and verb.dep_ == "ccomp":
            verb = verb.head
        if head.text[:1].isupper() and head.dep_ == "dobj" and verb.lower_ in _AUTHORING:
            return False  # wrote "Imagine": the title of a work
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
    words = quote_words(text)
    if not words:
        return "scare"
    if q.continues:
        return None
    tokens = _quote_tokens(doc, q)
    signed = cue is not None and cue.rule == "byline"
    if not signed and (_source_after(body, q) or _source_before(doc, body, q)
                       or cue is None and _headline_paragraph(body, q, text)
                       or _is_title_case(text) and len(words) <= 12
                       and (not text.endswith(".")
                            or not any(t.tag_ in _FINITE for t in tokens))):
        return "title"  # 'starred in "Murder on the Orient Express."': a title, US style
    has_verb = any(t.pos_ in ("VERB", "AUX") for t in tokens)
    if _named_before(doc, body, q, has_verb) and len(words) < 12 or _named_by_verb(tokens, text) \
            or _inscription(tokens):
        return "title"
    if len(words) <= SHORT and not _is_sentence(tokens, text) and not _is_clause(tokens, text) \
            and not _said_phrase(tokens, body):
        return "scare"
    finite = any(t.tag_ in _FINITE for t in tokens)
    if cue is None and len(words) < _UNSAID_PHRASE and not finite and _unsaid(tokens, text):
        return "scare"  # 'a question like "the best player in the world"': a phrase, no speech
    return None


def _headline_paragraph(body: str, q: QuoteSpan, text: str) -> bool:
    """A paragraph of one quote in the third person without final punctuation, perhaps after
    a label ('Read more: "Council tax to rise by 5%"'): the headline of a linked story, not
    speech (a pull quote speaks: '"I have no doubt there will be more cases"')."""
    if FIRST_PERSON.search(text):
        return False
    p_start = body.rfind("\n", 0, q.open_mark) + 1
    p_end = body.find("\n", q.close_mark)
    before = body[p_start:q.open_mark].strip()
    after = body[q.close_mark:len(body) if p_end < 0 else p_end].strip()
    return not after and (not before or before.endswith(":") and len(quote_words(before)) <= 3) \
        and not text.rstrip("'’\"”").endswith((".", "!", "?", "…", ",", ":", ";"))


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
