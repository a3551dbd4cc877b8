"""Precision and recall of fact extraction against hand-annotated articles.

A directory holds pairs ``NAME.txt`` (the cleaned article body) and ``NAME.json``
(the annotation: ``published`` (ISO), ``entities`` [{name, label}], ``quantities``
[{value, category, qualifier?}], ``quotes`` [{speaker, text, fragment?}]).

Matching rules (per article, then summed over articles):

* entities: the set of (canonical name, coarse label) pairs; names compare
  case-insensitively without a leading "the"; GPE and LOC are one coarse label
  (PLACE), PERSON, ORG and NORP stay apart.
* quantities: the set of (value, category) pairs; values compare with a relative
  tolerance of 1e-6 (vague words use the extractor's representative values,
  "hundreds" = 200, "dozens" = 24); the qualifier is reported, not scored.  The same
  pair written twice (headline and body) counts once.  Durations ("for five months") are
  not annotated in this set, so predicted ones are left out.
* quotes: one-to-one; a predicted quote matches an annotated one when its text
  starts with the annotated words (up to the first five, case and punctuation
  ignored) and its speaker matches: equal names, or the annotated speaker equals
  the predicted role, or the same last word (surname); an annotated null speaker
  needs a null predicted speaker.  ``quotes_found`` scores the same without the
  speaker condition.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path

from newsfeed.extract.facts import extract_facts_batch
from newsfeed.extract.numbers import TIME_UNITS
from newsfeed.extract.types import Facts

COARSE = {"GPE": "PLACE", "LOC": "PLACE"}
DURATION_UNITS = set(TIME_UNITS.values())
QUOTE_WORDS = 5


def _norm_name(name: str) -> str:
    name = re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE)
    return " ".join(name.replace("’", "'").lower().split())


def _words(text: str) -> list[str]:
    return re.findall(r"[\w']+", text.lower().replace("’", "'"))


def _speaker_matches(annotated: str | None, speaker: str | None, role: str | None) -> bool:
    if annotated is None:
        return speaker is None
    want = _norm_name(annotated)
    for got in (speaker, role):
        if got is None:
            continue
        have = _norm_name(got)
        if have == want or have.split()[-1:] == want.split()[-1:]:
            return True
    return False


def _score(tp: int, predicted: int, expected: int) -> dict:
    precision = tp / predicted if predicted else 1.0
    recall = tp / expected if expected else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "tp": tp, "fp": predicted - tp, "fn": expected - tp,
        "precision": precision, "recall": recall, "f1": f1,
    }


def _same_value(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def compare(facts: Facts, annotation: dict) -> dict:
    """Per-type counts and misses for one article."""
    out: dict = {}
    want_ents = {(_norm_name(e["name"]), COARSE.get(e["label"], e["label"]))
                 for e in annotation.get("entities", [])}
    got_ents = {(_norm_name(e.name), COARSE.get(e.label, e.label)) for e in facts.entities}
    out["entities"] = {
        "tp": len(want_ents & got_ents), "predicted": len(got_ents), "expected": len(want_ents),
        "missed": sorted(want_ents - got_ents), "spurious": sorted(got_ents - want_ents),
    }
    want_q = []
    for q in annotation.get("quantities", []):
        key = (float(q["value"]), q.get("category"))
        if not any(_same_value(key[0], k[0]) and key[1] == k[1] for k in want_q):
            want_q.append(key)
    got_q = []
    for q in facts.quantities:
        if q.unit in DURATION_UNITS:
            continue  # the set does not annotate durations ("for five months")
        key = (q.value, q.category)
        if not any(_same_value(key[0], k[0]) and key[1] == k[1] for k in got_q):
            got_q.append(key)
    hits = [k for k in got_q if any(_same_value(k[0], w[0]) and k[1] == w[1] for w in want_q)]
    out["quantities"] = {
        "tp": len(hits), "predicted": len(got_q), "expected": len(want_q),
        "missed": [w for w in want_q if not any(_same_value(w[0], h[0]) and w[1] == h[1]
                                                for h in hits)],
        "spurious": [k for k in got_q if k not in hits],
    }
    for name, with_speaker in (("quotes", True), ("quotes_found", False)):
        unused = list(facts.quotes)
        tp = 0
        missed = []
        for want in annotation.get("quotes", []):
            words = _words(want["text"])[:QUOTE_WORDS]
            match = next(
                (q for q in unused
                 if _words(q.text)[:len(words)] == words
                 and (not with_speaker
                      or _speaker_matches(want.get("speaker"), q.speaker, q.speaker_role))),
                None,
            )
            if match is None:
                missed.append((want.get("speaker"), want["text"]))
            else:
                unused.remove(match)
                tp += 1
        out[name] = {
            "tp": tp, "predicted": len(facts.quotes), "expected": len(annotation.get("quotes", [])),
            "missed": missed,
            "spurious": [(q.speaker, q.speaker_role, q.text[:40]) for q in unused],
        }
    return out


def evaluate(directory: Path) -> dict:
    """Precision/recall per fact type over every annotated article in ``directory``."""
    annotations = []
    for path in sorted(Path(directory).glob("*.json")):
        annotation = json.loads(path.read_text(encoding="utf-8"))
        body = (path.parent / annotation.get("article", path.stem + ".txt")).read_text(
            encoding="utf-8"
        )
        published = annotation.get("published")
        annotations.append(
            (path.stem, body, datetime.fromisoformat(published) if published else None, annotation)
        )
    facts = extract_facts_batch([(body, published) for _, body, published, _ in annotations])
    articles = {}
    totals: dict[str, list[int]] = {}
    for (name, _, _, annotation), found in zip(annotations, facts, strict=True):
        result = compare(found, annotation)
        articles[name] = result
        for kind, counts in result.items():
            total = totals.setdefault(kind, [0, 0, 0])
            total[0] += counts["tp"]
            total[1] += counts["predicted"]
            total[2] += counts["expected"]
    return {
        "articles": articles,
        "scores": {kind: _score(*counts) for kind, counts in totals.items()},
    }


def format_report(result: dict, details: bool = False) -> str:
    """A plain-text table of the scores (and, with ``details``, the misses)."""
    lines = [f"{'type':<14}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}"]
    for kind, s in result["scores"].items():
        lines.append(
            f"{kind:<14}{s['precision']:>7.3f}{s['recall']:>7.3f}{s['f1']:>7.3f}"
            f"{s['tp']:>6}{s['fp']:>6}{s['fn']:>6}"
        )
    if details:
        for name, article in result["articles"].items():
            for kind, counts in article.items():
                if counts["missed"] or counts["spurious"]:
                    lines.append(f"{name} {kind}: missed={counts['missed']}")
                    lines.append(f"{name} {kind}: spurious={counts['spurious']}")
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover - manual use
    import sys

    print(format_report(evaluate(Path(sys.argv[1])), details="-v" in sys.argv))
