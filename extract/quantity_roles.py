"""What the parse says about a figure: what happened to what it counts (its category:
killed, wounded, displaced, arrested, missing, population), and the place and source the
clause ties to it.  Used by ``quantities``; the word lists are English news usage."""

from __future__ import annotations

import functools

from spacy.tokens import Span, Token

PLACE_LABELS = {"GPE", "LOC", "FAC"}
COMPASS = {"north", "south", "east", "west", "northeast", "northwest", "southeast",
           "southwest", "north-east", "north-west", "south-east", "south-west", "northern",
           "southern", "eastern", "western"}
GEO_NOUNS = {"border", "frontier", "coast", "capital", "city", "town", "village", "port",
             "airport", "island", "shore", "coastline", "mainland"}
PLACE_PREPS = {"in", "across", "inside", "into", "throughout", "within", "at", "near"}
RELATION_PREPS = {"from", "of", "to", "off"}

# What happens to what is counted: verbs done TO it (object, passive subject, participle).
PATIENT_VERBS = {
    "kill": "killed", "murder": "killed", "massacre": "killed", "execute": "killed",
    "slay": "killed", "behead": "killed", "slaughter": "killed",
    "injure": "wounded", "wound": "wounded", "hurt": "wounded", "maim": "wounded",
    "hospitalise": "wounded", "hospitalize": "wounded",
    "displace": "displaced", "evacuate": "displaced", "uproot": "displaced",
    "arrest": "arrested", "detain": "arrested", "jail": "arrested", "imprison": "arrested",
}
# Verbs whose subject it is ("80 people died", "1.5 million have fled").
SUBJECT_VERBS = {"die": "killed", "perish": "killed", "drown": "killed", "flee": "displaced",
                 "disappear": "missing"}
STATE_ADJECTIVES = {"dead": "killed", "injured": "wounded", "wounded": "wounded",
                    "hurt": "wounded", "missing": "missing", "homeless": "displaced",
                    "displaced": "displaced", "unaccounted": "missing"}
COUNTED_NOUNS = {"deaths": "killed", "fatalities": "killed", "dead": "killed",
                 "injuries": "wounded", "refugees": "displaced", "evacuees": "displaced",
                 "arrests": "arrested", "detainees": "arrested", "inhabitants": "population"}
# Nouns whose "of" complement or subject-complement is the figure ("a death toll of 80").
FIGURE_NOUNS = {"toll": "killed", "population": "population"}
FIGURE_SUBJECTS = {*FIGURE_NOUNS, "total", "number", "tally", "figure", "count"}
EVENT_NOUNS = {"deaths": "killed", "killing": "killed", "killings": "killed",
               "massacre": "killed", "arrest": "arrested", "arrests": "arrested",
               "evacuation": "displaced", "displacement": "displaced"}
DESTINATIONS = {"hospital": "wounded", "hospitals": "wounded", "shelter": "displaced",
                "shelters": "displaced", "camp": "displaced", "camps": "displaced"}
STAYING_VERBS = {"be", "remain", "stay", "sleep", "live"}  # "1,000 remain in shelters"
LIFE_VERBS = {"claim", "cost", "take", "lose"}  # "claimed 300 lives"
FORCING_VERBS = {"force", "drive", "push", "chase"}  # "forced from their homes"
HOME_NOUNS = {"home", "house", "village", "town", "land"}
SETTLEMENT_NOUNS = {"city", "town", "village", "country", "nation", "island", "region",
                    "district", "province", "municipality", "state"}
CUE_WORDS = {**PATIENT_VERBS, **SUBJECT_VERBS, **STATE_ADJECTIVES, **COUNTED_NOUNS,
             **FIGURE_NOUNS, "death": "killed"}
# Verbs whose subject is a figure's source: reporting verbs (not every speech verb: the
# subject of "posted a $5m profit" or "called for 500 troops" is no source).
SPEECH_VERBS = {
    "say", "report", "estimate", "tell", "announce", "state", "add", "believe", "count",
    "record", "confirm", "according", "warn", "claim", "allege", "note", "stress", "write",
    "tweet", "declare", "explain", "insist", "reveal", "testify", "caution",
}


def dependency(token: Token) -> str:
    """The dependency of ``token``, with a number the parser hung on the verb right after it
    read as that verb's subject ("and 12 remain unaccounted for")."""
    head = token.head
    before = token.doc[token.i - 1] if token.i > 0 else None
    if token.dep_ == "nummod" and token.pos_ == "NUM" and head.pos_ in ("VERB", "AUX") \
            and head.i == token.i + 1 and (before is None or before.pos_ != "PRON"):
        return "nsubj"  # not "how did you two meet"
    return token.dep_


def _inflections(lemma: str) -> set[str]:
    """Regular forms of a verb or noun: kill, kills, killed, killing."""
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    return {lemma, lemma + "s", stem + "ed", stem + "ing"}


IRREGULAR = {"fled": "flee", "fleeing": "flee", "died": "die", "dying": "die", "dies": "die",
             "slew": "slay", "slain": "slay", "drove": "drive", "driven": "drive",
             "took": "take", "taken": "take", "lost": "lose", "said": "say", "told": "tell",
             "cost": "cost", "hurt": "hurt", "held": "hold", "houses": "house",
             "is": "be", "are": "be", "was": "be", "were": "be", "been": "be", "being": "be",
             "'s": "be", "'re": "be", "am": "be", "'m": "be", "tolls": "toll"}


@functools.cache
def _forms() -> dict[str, str]:
    """Inflected form → lemma for the words the category and source rules look up (the
    pipeline runs without a lemmatizer)."""
    lemmas = {*PATIENT_VERBS, *SUBJECT_VERBS, *LIFE_VERBS, *FORCING_VERBS, *SPEECH_VERBS,
              *HOME_NOUNS, *FIGURE_SUBJECTS, *STAYING_VERBS, "round", "leave", "evacuate"}
    out = {form: lemma for lemma in lemmas for form in _inflections(lemma)}
    out.update(IRREGULAR)
    return out


def lemma_of(token: Token) -> str:
    """The lemma of ``token`` for the words these rules look up, else its lower case."""
    low = token.lower_
    return _forms().get(low, low)


def _state_of(token: Token) -> str | None:
    """A state adjective predicated of ``token``: "left 300 homeless", "10 were dead"."""
    head = token.head
    candidates = [c for c in token.children if c.dep_ in ("amod", "acomp", "oprd")]
    if dependency(token) in ("nsubj", "nsubjpass", "dobj"):
        candidates += [c for c in head.children if c.dep_ in ("acomp", "oprd", "ccomp", "xcomp")]
    conjuncts = [c.i for c in token.children if c.dep_ == "conj"]
    for cand in candidates:
        subjects = [c for c in cand.children if c.dep_ in ("nsubj", "nsubjpass")]
        nearer = any(token.i < i < cand.i for i in conjuncts)
        if cand.lower_ in STATE_ADJECTIVES and all(c.i == token.i for c in subjects) \
                and not nearer:
            return STATE_ADJECTIVES[cand.lower_]  # not "left 20 shops burnt and 5 people dead"
    return None


def _forced_out(verb: Token) -> bool:
    """"forced from their homes", "driven out", "forced to flee"."""
    if lemma_of(verb) not in FORCING_VERBS:
        return False
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in ("from", "out") and any(
                lemma_of(c) in HOME_NOUNS for c in child.children if c.dep_ == "pobj"):
            return True
        if child.dep_ == "xcomp" and lemma_of(child) in ("flee", "leave", "evacuate"):
            return True
        if child.dep_ == "prt" and child.lower_ == "out":
            return True
    return False


def _verb_category(verb: Token, role: str) -> str | None:
    """Category a verb gives its ``role`` (patient or subject) argument."""
    lemma = lemma_of(verb)
    if role == "patient" and lemma in PATIENT_VERBS:
        return PATIENT_VERBS[lemma]
    if role == "subject" and lemma in SUBJECT_VERBS:
        return SUBJECT_VERBS[lemma]
    if role == "patient" and lemma == "round" and any(
            c.dep_ == "prt" and c.lower_ == "up" for c in verb.children):
        return "arrested"
    if role == "patient" and _forced_out(verb):
        return "displaced"
    if role == "patient" or lemma in STAYING_VERBS:
        return _sent_to(verb)
    return None


def _sent_to(verb: Token) -> str | None:
    """"taken to hospital", "treated in hospital" → wounded; "moved to shelters" → displaced."""
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("to", "in", "into")):
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            if lemma_of(obj) in DESTINATIONS:
                return DESTINATIONS[lemma_of(obj)]
    return None


def _passive(verb: Token) -> bool:
    """"were killed", and the reduced "2,000 people evacuated" (a participle, no auxiliary)."""
    return any(c.dep_ == "auxpass" for c in verb.children) or (
        verb.tag_ == "VBN" and not any(c.dep_ == "aux" for c in verb.children))


def strong_category(node: Token, counted: Token | None) -> str | None:
    """Category from a word the parse ties to the figure (``node``: counted noun or number)."""
    if counted is not None and counted.lower_ in COUNTED_NOUNS:
        return COUNTED_NOUNS[counted.lower_]
    head = node.head
    if counted is not None and counted.lower_ == "lives":
        return "killed" if node.dep_ == "dobj" and lemma_of(head) in LIFE_VERBS else None
    state = _state_of(node)
    if state:
        return state
    if node.dep_ in ("dobj", "nsubjpass") or (node.dep_ == "npadvmod" and head.pos_ == "VERB"):
        found = _verb_category(head, "patient")  # npadvmod: "taken to hospital, six of them"
        if found:
            return found
    if dependency(node) in ("nsubj", "nsubjpass") and head.lower_ in STATE_ADJECTIVES:
        return STATE_ADJECTIVES[head.lower_]  # "200 people are missing"
    if dependency(node) == "nsubj":
        found = _verb_category(head, "patient" if _passive(head) else "subject")
        if found:
            return found
    for child in node.children:  # "people killed", "people who died"
        if child.dep_ in ("acl", "relcl") and child.pos_ == "VERB":
            rel_subject = [c for c in child.children if c.dep_ in ("nsubj", "nsubjpass")]
            role = "subject" if child.dep_ == "relcl" and rel_subject and \
                rel_subject[0].dep_ == "nsubj" else "patient"
            found = _verb_category(child, role)
            if found:
                return found
    if head.lower_ == "of" and head.head.lower_ in EVENT_NOUNS:
        return EVENT_NOUNS[head.head.lower_]
    if head.lower_ == "of" and lemma_of(head.head) in FIGURE_NOUNS:
        return FIGURE_NOUNS[lemma_of(head.head)]
    if head.lower_ == "of" and lemma_of(head.head) in SETTLEMENT_NOUNS and (
            counted is None or counted.lower_ in ("people", "residents", "inhabitants")):
        return "population"  # "a town of 30,000 (people)"
    if node.dep_ in ("attr", "pobj", "dobj"):  # "the toll rose to 80", "numbers pass 600,000"
        verb = head.head if node.dep_ == "pobj" else head
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if subjects and lemma_of(subjects[0]) in FIGURE_SUBJECTS:
            return _figure_category(subjects[0])  # "the toll rose to 80"
    return None


def _figure_category(noun: Token) -> str | None:
    """What a figure noun counts: "death toll", "the number of dead", "number of refugees"."""
    if lemma_of(noun) in FIGURE_NOUNS:
        return FIGURE_NOUNS[lemma_of(noun)]
    for compound in (c for c in noun.children if c.dep_ == "compound"):
        found = COUNTED_NOUNS.get(compound.lower_) or COUNTED_NOUNS.get(compound.lower_ + "s")
        if found:
            return found  # "refugee numbers", "casualty figures"
    for of in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"):
        for obj in (c for c in of.children if c.dep_ == "pobj"):
            found = COUNTED_NOUNS.get(obj.lower_) or STATE_ADJECTIVES.get(obj.lower_)
            if found:
                return found
            if obj.pos_ in ("NOUN", "PROPN"):
                return strong_category(obj, obj)  # "the number of people killed"
    return None


def clause_tokens(node: Token) -> list[Token]:
    """Words near ``node`` up to its clause verb (for the weak category and the place)."""
    out = [node, *(c for c in node.children if c.dep_ in ("amod", "acl", "relcl", "compound"))]
    cur = node
    for _ in range(4):
        if cur.head is cur:
            break
        if cur.dep_ == "nsubj" and lemma_of(cur.head) in PATIENT_VERBS and not _passive(cur.head):
            break  # the agent: "three gunmen killed five villagers"
        cur = cur.head
        out.append(cur)
        if cur.pos_ in ("VERB", "AUX"):
            out.extend(c for c in cur.children if c.dep_ in ("acomp", "oprd", "xcomp", "attr"))
            break
    return out


def entity_in(tokens: list[Token], names: dict[tuple[int, int], tuple[str, str]],
               labels: set[str]) -> str | None:
    idx = {t.i for t in tokens}
    for (start, end), (name, label) in names.items():
        if label in labels and any(i in idx for i in range(start, end)):
            return name
    return None


def _np_text(token: Token) -> str:
    """A short noun phrase for ``token``: its left modifiers and itself, no determiner."""
    left = [t for t in token.lefts if t.dep_ in ("compound", "amod", "nmod", "poss")]
    start = min([t.i for t in left] + [token.i])
    span = token.doc[start:token.i + 1]
    return " ".join(t.text for t in span if t.dep_ != "det" and t.text not in ("'s", "’s"))


def relation_place(obj: Token, names: dict[tuple[int, int], tuple[str, str]]) -> str | None:
    """The place a distance is measured from: an entity, or "the Lebanese border"."""
    if obj.lower_ in COMPASS:  # "to the south of the capital, Lima": never "south"
        return entity_in([t for t in obj.subtree if t.i != obj.i], names, PLACE_LABELS)
    found = entity_in(list(obj.subtree), names, PLACE_LABELS)
    if found:
        return found
    if lemma_of(obj) in GEO_NOUNS and any(t.ent_type_ in ("NORP", "GPE") for t in obj.lefts):
        return _np_text(obj)
    if obj.pos_ == "PROPN" and obj.ent_type_ == "" and obj.head.head.lower_ in COMPASS:
        return _np_text(obj)  # "west of the Azores", a place the tagger missed
    return None


def event_clause(verb: Token) -> bool:
    """An adverbial clause that tells the event: "... when a bomb exploded in Kabul"."""
    return verb.dep_ == "advcl" and any(
        c.dep_ in ("mark", "advmod") and c.lower_ in ("when", "as", "after") for c in verb.children)


def figure_source(anchor: Token, sent: Span,
                  names: dict[tuple[int, int], tuple[str, str]]) -> str | None:
    """Who the figure is attributed to: "according to X", the subject of a reporting verb."""
    doc = anchor.doc
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < sent.end and doc[tok.i + 1].lower_ == "to":
            objs = [c for c in doc[tok.i + 1].children if c.dep_ == "pobj"]
            if objs:
                found = entity_in(list(objs[0].subtree), names, {"ORG", "PERSON", "GPE", "NORP"})
                return found or _np_text(objs[0])
    verbs = [a for a in anchor.ancestors if lemma_of(a) in SPEECH_VERBS]
    verbs += [t for t in sent if lemma_of(t) in SPEECH_VERBS and t not in verbs]
    for verb in verbs:
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]  # the reporter, not "deaths
        subjects += [o for a in verb.children if a.dep_ == "agent"  # were reported" ...
                     for o in a.children if o.dep_ == "pobj"]  # ... but "by the UN"
        if not subjects:
            continue
        subtree = list(subjects[0].subtree)
        if anchor in subtree or subjects[0].pos_ == "PRON":
            continue
        found = entity_in(subtree, names, {"ORG", "PERSON", "GPE", "NORP"})
        return found or _np_text(subjects[0])
    return None
