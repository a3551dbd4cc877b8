"""Tone of an article and of its quotes, in the spirit of GDELT's V1.5TONE block, from VADER.

VADER (vaderSentiment, MIT) is a rule-based analyser whose lexicon of ~7,500 English words and
emoticons, each rated by people from -4 to +4, ships inside the package: nothing is downloaded.
It is loaded once per process, on first use.

The article block follows the GDELT GKG 2.1 codebook's definitions, with VADER's lexicon in the
place of GDELT's tonal dictionary. Each sentence goes through VADER's own rules (negation "not
good", "no problems", boosters, "but", all-caps, idioms); every word whose resulting valence
is above 0 counts as positive, below 0 as negative. With ``words`` the whitespace-separated
words of the text (the same count as ``articles.word_count``):

* ``positive``: positive words / words x 100 (the share of words with a positive connotation);
* ``negative``: negative words / words x 100, a positive number;
* ``tone``: positive - negative, from -100 (every word negative) to +100; news is mostly
  between -10 and +10 and 0 is neutral or balanced;
* ``polarity``: positive + negative, the share of words that carry any tone (how charged the
  text is: a high polarity with a tone near 0 is a text strong both ways).

Limits: word counting ignores how strong a word is ("good" and "superb" count alike); a
general-purpose lexicon reads news coarsely ("attack", "killed", "crisis" are negative
whatever the story's stance, "police" or "support" can lean positive); irony, quotes of
others and domain words are not understood; English only. A quote's ``tone`` is VADER's
compound score of its words, from -1 (most negative) to +1, which does weigh intensity.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from typing import Any

from newsfeed.extract.types import Tone

_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|(?<=[.!?…][\"'”’)\]])\s+|\n+")


@cache
def _analyzer() -> Any:
    """VADER's analyser (its lexicon read once per process), also giving word valences."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    class _WordValences(SentimentIntensityAnalyzer):
        def score_valence(self, sentiments: list[float], text: str) -> dict:
            scores = super().score_valence(sentiments, text)
            scores["valences"] = list(sentiments)
            return scores

    return _WordValences()


def split_sentences(text: str) -> list[str]:
    """Sentences of ``text`` by end punctuation and line breaks (when no parser's are at hand)."""
    return [s for s in (part.strip() for part in _SENTENCE_END.split(text)) if s]


def text_tone(text: str, sentences: Iterable[str] | None = None) -> Tone:
    """The tone block of ``text``; ``sentences`` are its sentences when already split."""
    words = len(text.split())
    positive = negative = 0
    for sentence in split_sentences(text) if sentences is None else sentences:
        if not sentence.strip():
            continue
        for valence in _analyzer().polarity_scores(sentence)["valences"]:
            positive += valence > 0
            negative += valence < 0
    if not words:
        return Tone(0.0, 0.0, 0.0, 0.0, 0)
    positive = min(positive, words)  # emoji descriptions add words VADER scores; keep 0..100
    negative = min(negative, words - positive)
    pos, neg = 100 * positive / words, 100 * negative / words
    return Tone(tone=round(pos - neg, 4), positive=round(pos, 4), negative=round(neg, 4),
                polarity=round(pos + neg, 4), word_count=words)


def quote_tone(text: str) -> float:
    """VADER's compound score of a quote: -1 (most negative) to +1 (most positive)."""
    return float(_analyzer().polarity_scores(text)["compound"]) if text.strip() else 0.0
