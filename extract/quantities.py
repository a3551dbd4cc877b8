"""Quantities: numbers with what they count, normalised and categorised.

Candidates are spaCy's CARDINAL, QUANTITY, MONEY and PERCENT entities plus vague
number words the model leaves out ("hundreds", "dozens").  Dates, years, times,
durations ("two weeks"), ages ("two-year-old", "Ingrid Solberg, 34,"), ordinals,
ratios ("one in four"), the pronoun-like "one" and parenthetical unit conversions
("10km (six miles)") are deliberately NOT quantities.

Each quantity gets: ``value`` (words and multipliers resolved: "1.5 million" →
1500000, "two dozen" → 24; vague words get a representative value and
``approximate=True``: hundreds → 200), ``value_max`` for ranges, ``unit``,
``qualifier`` ("more than", "up to", "estimated" ...), ``counted`` noun,
``category`` from the dependency parse (killed, wounded, displaced, arrested,
population, distance, money, percentage or None), ``place`` and ``source``.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token
from text_to_num import text2num

from newsfeed.extract.location import Sentences
from newsfeed.extract.types import Quantity

NUMBER_LABELS = {"CARDINAL", "QUANTITY", "MONEY", "PERCENT"}
BLOCKING_LABELS = {"DATE", "TIME", "ORDINAL"}

APPROXIMATE_WORDS = {
    "dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2000, "millions": 2_000_000,
    "billions": 2_000_000_000, "tens": 20,
}
VAGUE_MODIFIERS = {"several": 3, "a few": 3, "few": 3, "many": 3}
MULTIPLIERS = {
    "hundred": 100, "thousand": 1_000, "k": 1_000, "million": 1_000_000, "m": 1_000_000,
    "mn": 1_000_000, "billion": 1_000_000_000, "bn": 1_000_000_000, "trillion": 10**12,
    "tn": 10**12, "dozen": 12,
}
QUALIFIERS = [
    "more than", "less than", "fewer than", "at least", "at most", "up to", "as many as",
    "as few as", "an estimated", "estimated", "some", "about", "around", "nearly", "almost",
    "roughly", "approximately", "over", "under", "just over", "just under", "close to",
    "between", "only", "just",
]
CURRENCY_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR"}
CURRENCY_WORDS = {
    "dollars": "USD", "dollar": "USD", "euros": "EUR", "euro": "EUR", "pounds": "GBP",
    "sterling": "GBP", "taka": "BDT", "reais": "BRL", "real": "BRL", "shillings": "KES",
    "shilling": "KES", "soles": "PEN", "sol": "PEN", "yuan": "CNY", "rupees": "INR",
    "naira": "NGN", "rand": "ZAR", "yen": "JPY", "francs": "CHF", "roubles": "RUB",
    "rubles": "RUB", "pesos": "MXN", "lira": "TRY", "dinars": "DZD", "riyals": "SAR",
}
UNITS = {
    "km": "km", "kilometres": "km", "kilometers": "km", "kilometre": "km", "kilometer": "km",
    "miles": "mi", "mile": "mi", "mi": "mi", "metres": "m", "meters": "m", "metre": "m",
    "meter": "m", "m": "m", "cm": "cm", "mm": "mm", "kg": "kg", "kilograms": "kg",
    "tonnes": "t", "tons": "t", "hectares": "ha", "acres": "acre", "feet": "ft", "ft": "ft",
    "%": "%", "percent": "%", "per cent": "%", "percentage points": "pp", "litres": "l",
    "barrels": "bbl", "sq km": "km2",
}
DISTANCE_UNITS = {"km", "mi", "m", "cm", "ft"}
PERCENT_UNITS = {"%", "pp"}

CATEGORY_WORDS = {
    "killed": {
        "killed", "kill", "kills", "killing", "dead", "died", "die", "dies", "dying", "death",
        "deaths", "fatalities", "lives", "perished", "drowned", "massacred", "executed",
        "murdered", "bodies", "toll",
    },
    "wounded": {
        "wounded", "wounding", "injured", "injuring", "injuries", "hurt", "hospital",
        "hospitalised", "hospitalized", "casualties", "maimed", "wounds",
    },
    "displaced": {
        "fled", "flee", "fleeing", "flees", "displaced", "displacing", "refugees", "refugee",
        "homeless", "evacuated", "uprooted", "shelters", "shelter", "exodus", "displacement",
        "asylum",
    },
    "arrested": {
        "arrested", "arrest", "arrests", "detained", "detainees", "detentions", "jailed",
        "imprisoned", "custody", "rounded",
    },
    "population": {"population", "inhabitants"},
}
SPEECH_VERBS = {
    "say", "says", "said", "saying", "report", "reports", "reported", "estimate", "estimates",
    "estimated", "told", "tells", "announced", "announces", "stated", "states", "added",
    "believes", "counted", "recorded", "confirmed", "confirms", "according",
}
TIME_NOUNS = {
    "years", "year", "months", "month", "weeks", "week", "days", "day", "hours", "hour",
    "minutes", "decades", "centuries", "seconds", "nights",
}
PLACE_PREPS = {"in", "across", "inside", "into", "throughout", "within", "at", "near"}
RELATION_PREPS = {"from", "of", "to"}


def _lower_texts(tokens: list[Token]) -> str:
    return " ".join(t.lower_ for t in tokens)


def parse_number(words: list[str]) -> tuple[float, bool] | None:
    """Value of a number written in digits and/or words; (value, approximate)."""
    words = [w.lower().replace(",", "") for w in words if w not in {"-", "of", "and"}]
    if not words:
        return None
    phrase = " ".join(words)
    if phrase in ("tens thousands", "tens of thousands"):
        return 20_000.0, True
    if phrase in ("hundreds thousands", "hundreds of thousands"):
        return 200_000.0, True
    if words[0] in APPROXIMATE_WORDS:
        value = float(APPROXIMATE_WORDS[words[0]])
        for w in words[1:]:
            value *= MULTIPLIERS.get(w, 1)
        return value, True
    approximate = False
    if words[0] in ("several", "few") or phrase.startswith("a few"):
        approximate = True
        words = [w for w in words if w not in ("several", "few", "a")]
        base = 3.0
    elif words[0] in ("a", "an"):
        words = words[1:]
        base = 1.0
    else:
        base = None
    value: float | None = base
    rest = words
    if rest and base is None:
        match = re.fullmatch(r"(\d+(?:\.\d+)?)(bn|m|mn|k|tn|million|billion)?", rest[0])
        if match:
            value = float(match.group(1)) * MULTIPLIERS.get(match.group(2) or "", 1)
            rest = rest[1:]
        else:
            number_words = []
            while rest and rest[0] not in MULTIPLIERS or (rest and rest[0] == "hundred"):
                number_words.append(rest[0])
                rest = rest[1:]
            tail = [w for w in rest if w in ("hundred", "thousand", "million", "billion")]
            try:
                value = float(text2num(" ".join(number_words + tail), "en"))
                rest = [w for w in rest if w not in tail]
            except ValueError:
                try:
                    value = float(text2num(" ".join(number_words), "en"))
                except ValueError:
                    return None
    if value is None:
        return None
    for w in rest:
        if w in MULTIPLIERS:
            value *= MULTIPLIERS[w]
        elif w == "half":
            value *= 0.5
    return value, approximate


def _is_number_word(token: Token) -> bool:
    low = token.lower_
    return (
        token.like_num
        or low in MULTIPLIERS
        or low in APPROXIMATE_WORDS
        or bool(re.fullmatch(r"\d+(?:\.\d+)?(?:bn|m|mn|k|tn)", low))
        or low in ("dozen", "several", "few", "-")
    )


class _Candidate:
    """Token span of one quantity while it is being worked out."""

    def __init__(self, doc: Doc, start: int, end: int) -> None:
        self.doc = doc
        self.start = start  # first token incl. qualifier / currency symbol
        self.end = end  # exclusive, incl. unit
        self.num_start = start
        self.num_end = end
        self.qualifier: str | None = None
        self.unit: str | None = None
        self.value_max: float | None = None


def _blocked_tokens(doc: Doc) -> set[int]:
    return {i for e in doc.ents if e.label_ in BLOCKING_LABELS for i in range(e.start, e.end)}


def _candidate_spans(doc: Doc) -> list[tuple[int, int]]:
    blocked = _blocked_tokens(doc)
    spans: list[tuple[int, int]] = []
    covered: set[int] = set()
    for ent in doc.ents:
        if ent.label_ == "DATE" and _numeric_date(ent):
            blocked.difference_update(range(ent.start, ent.end))
            spans.append((ent.start, ent.end))
            covered.update(range(ent.start, ent.end))
            continue
        if ent.label_ in NUMBER_LABELS:
            spans.append((ent.start, ent.end))
            covered.update(range(ent.start, ent.end))
    for tok in doc:
        if tok.i in covered or tok.i in blocked:
            continue
        if tok.lower_ in APPROXIMATE_WORDS or (tok.like_num and tok.pos_ == "NUM"):
            followed_by_of = tok.i + 2 < len(doc) and doc[tok.i + 1].lower_ == "of"
            if tok.lower_ == "tens" and not followed_by_of:
                continue
            spans.append((tok.i, tok.i + 1))
    return sorted(spans)


def _numeric_date(ent: Span) -> bool:
    """A DATE entity that is only numbers before a counted noun ("Between 10 and 20 villages")."""
    words = [t for t in ent if t.lower_ not in ("between", "and", "to", "-")]
    if not words or not all(t.like_num for t in words):
        return False
    if any(re.fullmatch(r"(1[89]|20)\d\d", t.text) for t in words):
        return False
    nxt = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    return nxt is not None and nxt.pos_ == "NOUN" and nxt.lower_ not in TIME_NOUNS


def _number_core(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """The sub-span of number tokens inside an entity span."""
    idx = [i for i in range(start, end) if _is_number_word(doc[i]) and doc[i].text != "-"]
    if not idx:
        return None
    first = idx[0]
    if first > start and doc[first - 1].lower_ in ("a", "an", "several", "few") and \
            doc[first].lower_ in MULTIPLIERS:
        first -= 1
    if first > start + 0 and doc[first - 1].lower_ == "a" and doc[first].lower_ == "few":
        first -= 1
    return first, idx[-1] + 1


def _build(doc: Doc, start: int, end: int) -> _Candidate | None:
    core = _number_core(doc, start, end)
    if core is None:
        return None
    cand = _Candidate(doc, start, end)
    cand.num_start, cand.num_end = core
    # Extend right over multipliers/number words the entity left out, then a unit.
    j = cand.num_end
    while j < len(doc) and doc[j].lower_ in MULTIPLIERS and doc[j].lower_ not in ("m",):
        j += 1
    cand.num_end = max(cand.num_end, j)
    # "hundreds of thousands", "tens of thousands"
    if (
        cand.num_end + 1 < len(doc) and doc[cand.num_end - 1].lower_ in APPROXIMATE_WORDS
        and doc[cand.num_end].lower_ == "of" and doc[cand.num_end + 1].lower_ in APPROXIMATE_WORDS
    ):
        cand.num_end += 2
    end = max(end, cand.num_end)
    # Unit directly after the number (or inside the entity).
    k = cand.num_end
    if k < len(doc):
        two = _lower_texts(list(doc[k:k + 2]))
        one = doc[k].lower_
        if two in UNITS and k + 2 <= len(doc):
            cand.unit, end = UNITS[two], max(end, k + 2)
        elif one in CURRENCY_WORDS:
            cand.unit, end = CURRENCY_WORDS[one], max(end, k + 1)
        elif one == "m" and k > 0 and cand.num_start > 0 and doc[cand.num_start - 1].text in \
                CURRENCY_SYMBOLS:
            cand.num_end, end = k + 1, max(end, k + 1)  # "$240m": m is million
        elif one in UNITS:
            cand.unit, end = UNITS[one], max(end, k + 1)
    # Currency symbol and qualifier to the left.
    s = min(start, cand.num_start)
    # Entity spans sometimes include the qualifier: find it inside too.
    inside = _lower_texts(list(doc[start:cand.num_start]))
    if cand.num_start > 0 and doc[cand.num_start - 1].text in CURRENCY_SYMBOLS:
        cand.unit = CURRENCY_SYMBOLS[doc[cand.num_start - 1].text]
        s = min(s, cand.num_start - 1)
    left_end = s
    before = [t.lower_ for t in doc[max(0, left_end - 3):left_end]]
    for q in sorted(QUALIFIERS, key=len, reverse=True):
        qw = q.split()
        if inside.endswith(q) or inside == q:
            cand.qualifier = q
            break
        if before[-len(qw):] == qw:
            cand.qualifier = q
            s = left_end - len(qw)
            break
    if cand.qualifier in ("an estimated",):
        cand.qualifier = "estimated"
    cand.start, cand.end = s, end
    return cand


def _anchor(cand: _Candidate) -> Token:
    """The token that carries the syntax of the number (its head is the counted noun)."""
    tokens = list(cand.doc[cand.num_start:cand.num_end])
    for tok in reversed(tokens):
        if tok.head.i < cand.num_start or tok.head.i >= cand.num_end:
            return tok
    return tokens[-1]


def _counted_noun(cand: _Candidate, anchor: Token) -> Token | None:
    doc = cand.doc
    for child in anchor.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs and objs[0].pos_ in ("NOUN", "PROPN", "ADJ", "PRON"):
                return objs[0]
    head = anchor.head
    if (
        anchor.dep_ in ("nummod", "compound", "amod", "quantmod", "nmod", "npadvmod")
        and head.pos_ in ("NOUN", "PROPN")
        and not (cand.start <= head.i < cand.end)
        and head.i > anchor.i
    ):
        return head
    nxt = cand.end
    if nxt < len(doc) and doc[nxt].pos_ == "NOUN" and doc[nxt].head.i != anchor.i and not cand.unit:
        return doc[nxt]
    return None


def _context_tokens(node: Token) -> list[Token]:
    """Tokens that say what ``node`` counts, nearest first."""
    out: list[Token] = [node]
    for child in node.children:
        if child.dep_ in ("relcl", "acl", "amod", "compound"):
            out.append(child)
            out.extend(c for c in child.children if c.dep_ in ("acomp", "oprd", "xcomp"))
    cur = node
    for _ in range(5):
        if cur.head is cur:
            break
        if cur.dep_ == "conj" and cur.head.pos_ in ("NOUN", "PROPN", "NUM"):
            cur = cur.head
            continue
        cur = cur.head
        out.append(cur)
        if cur.pos_ in ("VERB", "AUX"):
            for child in cur.children:
                if child.dep_ in ("acomp", "oprd", "xcomp", "attr", "dobj", "agent"):
                    out.append(child)
                if child.dep_ == "prep":
                    out.extend(c for c in child.children if c.dep_ == "pobj")
            break
        if cur.pos_ in ("NOUN", "PROPN"):
            out.extend(c for c in cur.children if c.dep_ == "compound")
    return out


def _category(unit: str | None, context: list[Token]) -> str | None:
    if unit in DISTANCE_UNITS:
        return "distance"
    if unit in PERCENT_UNITS:
        return "percentage"
    if unit and unit.isupper() and len(unit) == 3:
        return "money"
    for tok in context:
        low = tok.lower_
        for category, words in CATEGORY_WORDS.items():
            if low in words:
                return category
    return None


def _np_text(token: Token) -> str:
    """A short noun phrase for ``token``: its left modifiers and itself, no determiner."""
    left = [t for t in token.lefts if t.dep_ in ("compound", "amod", "nmod", "poss")]
    words = [t for t in [*left, token]]
    start = min(t.i for t in words)
    span = token.doc[start:token.i + 1]
    return " ".join(t.text for t in span if t.dep_ != "det" and t.text not in ("'s", "’s"))


def _entity_in(tokens: list[Token], names: dict[tuple[int, int], tuple[str, str]],
               labels: set[str]) -> str | None:
    idx = {t.i for t in tokens}
    for (start, end), (name, label) in names.items():
        if label in labels and any(i in idx for i in range(start, end)):
            return name
    return None


def _place(cand: _Candidate, context: list[Token], sent: Span,
           names: dict[tuple[int, int], tuple[str, str]]) -> str | None:
    if cand.unit in DISTANCE_UNITS:
        unit_tok = cand.doc[cand.end - 1]
        for tok in [unit_tok, *[c for c in unit_tok.children if c.dep_ in ("advmod", "npadvmod")],
                    unit_tok.head]:
            for child in tok.children:
                if child.dep_ == "prep" and child.lower_ in RELATION_PREPS:
                    objs = [c for c in child.children if c.dep_ == "pobj"]
                    if objs:
                        obj = objs[0]
                        found = _entity_in(list(obj.subtree), names, {"GPE", "LOC"})
                        return found or _np_text(obj)
        return None
    context_ids = {t.i for t in context}
    for (start, end), (name, label) in names.items():
        if label not in ("GPE", "LOC") or not (sent.start <= start < sent.end):
            continue
        root = cand.doc[start:end].root
        prep = root.head
        if prep.dep_ == "prep" and prep.lower_ in PLACE_PREPS and prep.head.i in context_ids:
            return name
    return None


def _source(cand: _Candidate, anchor: Token, sent: Span,
            names: dict[tuple[int, int], tuple[str, str]]) -> str | None:
    doc = cand.doc
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < sent.end and doc[tok.i + 1].lower_ == "to":
            objs = [c for c in doc[tok.i + 1].children if c.dep_ == "pobj"]
            if objs:
                found = _entity_in(list(objs[0].subtree), names, {"ORG", "PERSON", "GPE", "NORP"})
                return found or _np_text(objs[0])
    candidates = [a for a in anchor.ancestors if a.lower_ in SPEECH_VERBS]
    candidates += [t for t in sent if t.lower_ in SPEECH_VERBS and t not in candidates]
    for verb in candidates:
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not subjects:
            continue
        subject = subjects[0]
        subtree = list(subject.subtree)
        if anchor in subtree or subject.pos_ == "PRON":
            continue
        found = _entity_in(subtree, names, {"ORG", "PERSON", "GPE", "NORP"})
        return found or _np_text(subject)
    return None


def _skip(cand: _Candidate, anchor: Token, counted: Token | None, value: float) -> bool:
    doc = cand.doc
    tokens = list(doc[cand.num_start:cand.num_end])
    split = next((k for k, t in enumerate(tokens) if t.lower_ in ("and", "to")), len(tokens))
    tokens = [t for t in tokens[:split] if t.text not in ("%", "$", "€", "£")]
    words = [t.lower_ for t in tokens]
    text = " ".join(t.text for t in tokens)
    if words == ["one"] and not cand.unit:
        return True
    if any(not (t.like_num or t.lower_ in MULTIPLIERS or t.lower_ in APPROXIMATE_WORDS
                or re.fullmatch(r"\d+(?:\.\d+)?(?:bn|m|mn|k|tn)", t.lower_)
                or t.lower_ in ("dozen", "several", "few", "a", "-", "of", "and"))
           for t in tokens):
        return True
    if re.fullmatch(r"(1[89]|20)\d\d", text) and not cand.unit and counted is None:
        return True  # a year
    before = doc[cand.start - 1] if cand.start > 0 else None
    after = doc[cand.end] if cand.end < len(doc) else None
    if before is not None and before.lower_ == "in" and cand.start >= 2 \
            and doc[cand.start - 2].like_num:
        return True  # "one in four"
    if after is not None and after.lower_ == "in" and cand.end + 1 < len(doc) \
            and doc[cand.end + 1].like_num:
        return True
    if before is not None and before.lower_ in ("aged", "under", "over", "age") \
            and counted is None and cand.qualifier is None:
        return True  # an age
    if cand.qualifier in ("under", "over") and counted is None and cand.start > 0 \
            and doc[cand.start - 1].pos_ == "NOUN":
        return True  # "children under five"
    if before is not None and before.lower_ in ("the", "these", "those", "both") and value < 10:
        return True  # "the two sides": a reference, not a count
    if before is not None and before.text == "," and after is not None \
            and after.text in (",", ".") \
            and cand.start >= 2 and doc[cand.start - 2].ent_type_ == "PERSON":
        return True  # "Ingrid Solberg, 34,"
    if before is not None and before.text == "(" and after is not None and after.text == ")":
        return True  # a unit conversion in brackets
    return ":" in text


def extract_quantities(doc: Doc, where: Sentences,
                       names: dict[tuple[int, int], tuple[str, str]]) -> list[Quantity]:
    """All quantities in ``doc`` (see the module docstring for what counts)."""
    cands = [c for s, e in _candidate_spans(doc) if (c := _build(doc, s, e)) is not None]
    # Ranges: "between 10 and 20", "10 to 20", "2.5% and 7.5%" after "between".
    merged: list[_Candidate] = []
    skip_next = False
    for i, cand in enumerate(cands):
        if skip_next:
            skip_next = False
            continue
        nxt = cands[i + 1] if i + 1 < len(cands) else None
        joiner = doc[cand.end].lower_ if cand.end < len(doc) else ""
        if nxt is not None and nxt.start == cand.end + 1 and joiner in ("and", "to", "-"):
            change = cand.start > 0 and doc[cand.start - 1].lower_ in ("by", "from")
            same_unit = cand.unit is None or cand.unit == nxt.unit
            if cand.qualifier == "between" or (joiner != "and" and same_unit and not change):
                words = [t.text for t in doc[nxt.num_start:nxt.num_end]]
                parsed = parse_number(words)
                if parsed:
                    cand.value_max = parsed[0]
                    cand.end = nxt.end
                    cand.unit = cand.unit or nxt.unit
                    skip_next = True
        # Ranges inside one entity: "between 10 and 20"
        inner = [t for t in doc[cand.num_start:cand.num_end]]
        if any(t.lower_ in ("and", "to") for t in inner):
            pass
        merged.append(cand)
    out: list[Quantity] = []
    for cand in merged:
        tokens = list(doc[cand.num_start:cand.num_end])
        split = next((k for k, t in enumerate(tokens) if t.lower_ in ("and", "to")), None)
        first_words = [t.text for t in (tokens[:split] if split is not None else tokens)]
        parsed = parse_number(first_words)
        if parsed is None:
            continue
        value, approximate = parsed
        if split is not None:
            upper = parse_number([t.text for t in tokens[split + 1:]])
            if upper:
                cand.value_max = upper[0]
        anchor = _anchor(cand)
        counted = _counted_noun(cand, anchor)
        if _skip(cand, anchor, counted, value):
            continue
        node = counted if counted is not None else anchor
        context = _context_tokens(node)
        if counted is not None and counted.i > anchor.i:
            context = [*context, *_context_tokens(anchor)[1:]]
        qualifier = cand.qualifier
        if qualifier is None and any(
            c.lower_ == "estimated" for t in (node, node.head) for c in t.children
        ):
            qualifier = "estimated"
        if qualifier is None and cand.start >= 2 and doc[cand.start - 2].lower_ == "estimated" \
                and doc[cand.start - 1].lower_ == "at":
            qualifier = "estimated"
        if qualifier is None and node.head.lower_ == "of" and any(
            c.lower_ == "estimated" for c in node.head.head.children
        ):
            qualifier = "estimated"
        sent = doc[cand.start].sent
        unit = cand.unit
        category = _category(unit, context)
        span = doc[cand.start:cand.end]
        out.append(
            Quantity(
                text=span.text,
                value=value,
                **where.location(span),
                unit=unit,
                approximate=approximate,
                qualifier=qualifier,
                counted=counted.lower_ if counted is not None else None,
                category=category,
                place=_place(cand, context, sent, names),
                source=_source(cand, anchor, sent, names),
                value_max=cand.value_max,
            )
        )
    return out
