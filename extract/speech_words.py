"""The words the quote and speaker rules read: speech verbs, role and organisation nouns,
gendered words and the gender of given names (``extract.given_names``).
"""

from __future__ import annotations

from newsfeed.extract.given_names import gender
from newsfeed.extract.spelling import singular

SPEECH_LEMMAS = {
    "say", "tell", "add", "ask", "reply", "explain", "warn", "insist", "write", "tweet",
    "declare", "state", "describe", "call", "urge", "accuse", "note", "recall", "report",
    "continue", "argue", "claim", "announce", "admit", "promise", "vow", "quip", "dub",
    "brand", "label", "hail", "condemn", "acknowledge", "concede", "remark", "shout",
    "whisper", "observe", "comment", "confirm", "deny", "stress", "emphasise", "emphasize",
    "predict", "complain", "respond", "answer", "testify", "read", "joke", "boast", "assert",
    "caution", "exclaim", "recount", "reveal", "maintain", "contend", "conclude", "post",
    "suggest", "agree", "recommend", "demand", "plead", "pledge", "blog", "chant", "yell",
    "scream", "mutter", "lament", "counter", "retort", "allege", "cite", "speak", "reason",
    "reiterate", "assure", "remind", "mention", "point", "laugh", "sigh", "disagree",
}
_IRREGULAR = {"say": ["said"], "tell": ["told"], "write": ["wrote", "written"], "read": [],
              "speak": ["spoke", "spoken"]}
_DOUBLED = {"admit": "admitt", "quip": "quipp", "dub": "dubb", "label": "labell"}


def verb_forms(lemma: str) -> set[str]:
    """The inflected forms of an English verb: say → says, said, saying (a doubled final
    consonant both ways where spellings differ: labeled, labelled)."""
    forms = {lemma, *_IRREGULAR.get(lemma, [])}
    stem = _DOUBLED.get(lemma, lemma)
    if lemma.endswith("y") and lemma[-2] not in "aeiou":
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    elif lemma.endswith("ee"):
        forms |= {lemma + "s", lemma + "d", lemma + "ing"}
    elif lemma.endswith("e"):
        forms |= {lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    else:
        forms |= {lemma + ("es" if lemma.endswith(("s", "sh", "ch", "x")) else "s"),
                  stem + "ed", stem + "ing"}
        if lemma.endswith("l"):  # labeled and labelled
            forms |= {lemma + "ed", lemma + "ing"}
    if lemma in _IRREGULAR:
        forms -= {lemma + "ed", lemma + "d"}
    return forms


SPEECH_VERBS = {form for lemma in SPEECH_LEMMAS for form in verb_forms(lemma)}

# Verbs that give a name rather than report speech: dubbed the plan "Operation Hope".
NAMING_VERBS = {form for lemma in ("dub", "name", "nickname", "title", "entitle", "label",
                                   "brand", "term", "call", "christen", "rename")
                for form in verb_forms(lemma)} | {"known"}

# Nouns that denote a person as the subject of a speech verb (a role, not a name).
PERSON_ROLE_NOUNS = {
    "official", "police", "chief", "head", "expert", "witness", "source", "aide", "analyst",
    "coach", "doctor", "staff", "mayor", "minister", "secretary", "governor", "judge",
    "lawyer", "attorney", "prosecutor", "president", "chairman", "spokesman", "spokeswoman",
    "spokesperson", "survivor", "victim", "resident", "student", "authorities", "diplomat",
    "critic", "activist", "colleague", "friend", "family", "mother", "father", "wife",
    "husband", "son", "daughter", "brother", "sister", "neighbour", "neighbor", "child",
    "children", "fan", "guard", "team", "crew", "individual", "researcher", "scientist",
    "author", "organiser", "organizer", "member", "representative", "leader", "fighter",
    "soldier", "officer", "agent", "people", "man", "woman", "constable", "sergeant",
    "captain", "corporal", "colonel", "general", "admiral", "premier", "bishop", "rabbi",
    "imam", "priest", "nurse", "chef", "sheriff", "marshal",
}
PERSON_ROLE_SUFFIXES = ("man", "woman", "person", "people", "er", "or", "ist", "ian", "ant",
                        "ent", "ee", "crat", "ier", "eer", "arch", "ess", "ive", "ary")
# Nouns with those endings that are not people.
NOT_PERSON_NOUNS = {
    "statement", "report", "letter", "document", "study", "paper", "article", "order",
    "number", "water", "power", "cover", "center", "centre", "error", "sector", "border",
    "register", "weather", "winter", "summer", "matter", "event", "percent", "content",
    "agreement", "movement", "management", "environment", "comment", "moment", "element",
    "incident", "accident", "segment", "argument", "treatment", "payment", "summary",
    "library", "objective", "factor", "floor", "plant",
}
# Common nouns for organisations: as a subject, a source (a role), not a speaker.
ORG_NOUNS = {
    "ministry", "government", "department", "agency", "council", "committee", "company",
    "firm", "army", "military", "court", "commission", "office", "authority", "embassy",
    "union", "party", "group", "organisation", "organization", "board", "church",
    "university", "hospital", "club", "league", "federation", "association", "institute",
    "bank", "campaign", "administration", "prosecution", "regime", "cabinet", "parliament",
    "senate", "congress", "navy", "airline", "school", "city", "municipality", "state",
}
# Nouns whose owner speaks through them ("Cornyn's statement said").
DOCUMENT_NOUNS = {"statement", "letter", "tweet", "post", "message", "release", "note",
                  "email", "e-mail", "blog", "website", "report", "study", "survey",
                  "communique", "communiqué", "memo", "notice", "document"}
# People who speak for someone else ("a spokesman for the UN").
SPOKES_NOUNS = {"spokesman", "spokeswoman", "spokesperson", "representative", "official",
                "officials", "source", "sources", "lawyer", "attorney", "adviser", "advisor",
                "director", "head", "chief", "chairman", "chairwoman", "president", "member"}
HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "mx"}
FEMALE_WORDS = {
    "ms", "mrs", "miss", "madam", "dame", "lady", "spokeswoman", "chairwoman", "woman",
    "mother", "wife", "daughter", "sister", "queen", "princess", "actress", "businesswoman",
    "congresswoman", "grandmother", "aunt", "girl", "niece", "widow", "empress", "duchess",
}
MALE_WORDS = {
    "mr", "sir", "lord", "spokesman", "chairman", "man", "father", "husband", "son",
    "brother", "king", "prince", "businessman", "congressman", "grandfather", "uncle", "boy",
    "nephew", "widower", "emperor", "duke",
}
PRONOUN_GENDER = {"he": "m", "she": "f"}


def is_person_noun(word: str) -> bool:
    """Can this common noun (lower case) denote a person: "spokesman", "residents"?"""
    if word in NOT_PERSON_NOUNS:
        return False
    one = singular(word)
    return (word in PERSON_ROLE_NOUNS or one in PERSON_ROLE_NOUNS
            or word in FEMALE_WORDS or word in MALE_WORDS
            or one not in NOT_PERSON_NOUNS and one.endswith(PERSON_ROLE_SUFFIXES))


def name_gender(name: str) -> str | None:
    """Gender of a full person name from its given name ("Ann Lee" → "f"), or None."""
    words = name.split()
    return gender(words[0]) if len(words) > 1 else None
