"""Near-duplicate bodies: the MinHash signature of an article and its LSH band keys.

Copies of one report (syndicated wire copy, an updated version, the same page under another
URL) share most of their word shingles; distinct reports on one topic share few. A body is
normalised (case and accents folded, punctuation dropped), cut into shingles of
``shingle_words`` consecutive words, and summarised by a datasketch ``MinHash`` of
``num_perm`` permutations, whose share of equal values estimates the Jaccard similarity of
two bodies' shingle sets. The signature is cut into ``bands`` bands of ``rows`` values
(datasketch's ``MinHashLSH`` picks them for the threshold, minimising its weighted sum of
false positives and false negatives); two bodies with one equal band are candidates,
confirmed when their estimated similarity reaches the threshold (storage/stories.py keeps
the index). Since every candidate is confirmed, a false positive of the bands costs only a
comparison, a false negative a missed copy: the weights favour recall (LSH_WEIGHTS; for 0.5
and 128 permutations, 30 bands of 4 instead of 25 of 5, which would miss 3.5% of the pairs
of similarity 0.66, against 0.2% now).

Pure computation: text in, numbers out.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from datasketch import MinHash, MinHashLSH

from newsfeed.extract.spelling import ascii_fold

LSH_WEIGHTS = (0.2, 0.8)  # of false positives and false negatives, for MinHashLSH's bands
MIN_WORDS = 40  # shorter bodies (a feed's one-line summary) get no signature: a story of one
# of the MinHash permutations, with datasketch's permutation scheme (affine32 in 2.0): both are
# in the scheme's name, since signatures made otherwise do not compare
SEED = 1
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class StoryScheme:
    """How signatures are made and compared; signatures of one scheme only compare."""

    threshold: float  # estimated Jaccard similarity of shingles from which bodies are copies
    num_perm: int
    shingle_words: int
    bands: int
    rows: int

    @property
    def name(self) -> str:
        """Stored with each signature, e.g. ``minhash-affine32-s1-w5-p128-b30r4``."""
        return (f"minhash-{_template(self.num_perm).scheme}-s{SEED}"
                f"-w{self.shingle_words}-p{self.num_perm}"
                f"-b{self.bands}r{self.rows}")


@lru_cache(maxsize=16)
def story_scheme(threshold: float, num_perm: int, shingle_words: int) -> StoryScheme:
    """The scheme for these settings; bands and rows from datasketch's ``MinHashLSH`` (its
    search for them takes some 40 ms: made once per process)."""
    if not 0 < threshold <= 1:
        raise ValueError(f"story threshold must be in (0, 1], got {threshold}")
    if num_perm < 2 or shingle_words < 1:
        raise ValueError("story num_perm must be 2 or more and shingle_words 1 or more")
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm, weights=LSH_WEIGHTS)
    return StoryScheme(threshold, num_perm, shingle_words, lsh.b, lsh.r)


def normalised_words(body: str) -> list[str]:
    """The words of a body, lower-cased and accent-folded, without punctuation."""
    return _WORD.findall(ascii_fold(body).casefold())


def shingles(words: list[str], size: int) -> set[bytes]:
    """Each run of ``size`` consecutive words (all of them when fewer), as UTF-8 bytes."""
    if len(words) <= size:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i:i + size]).encode() for i in range(len(words) - size + 1)}


@lru_cache(maxsize=4)
def _template(num_perm: int) -> MinHash:
    """A MinHash whose permutations (random, from SEED) every signature reuses."""
    return MinHash(num_perm=num_perm, seed=SEED)


def signature(body: str, scheme: StoryScheme) -> list[int] | None:
    """The MinHash values of a body's shingles; None for a body under MIN_WORDS words."""
    words = normalised_words(body)
    if len(words) < MIN_WORDS:
        return None
    template = _template(scheme.num_perm)
    minhash = MinHash(num_perm=scheme.num_perm, seed=SEED, scheme=template.scheme,
                      permutations=template.permutations)
    minhash.update_batch(list(shingles(words, scheme.shingle_words)))
    return minhash.hashvalues.tolist()


def band_keys(values: list[int], scheme: StoryScheme) -> list[int]:
    """One signed 64-bit key per band: a hash of the scheme, the band and its values."""
    keys = []
    array = np.asarray(values, dtype=np.uint32)
    for band in range(scheme.bands):
        chunk = array[band * scheme.rows:(band + 1) * scheme.rows].tobytes()
        digest = hashlib.blake2b(chunk, digest_size=8, person=f"b{band}".encode(),
                                 key=scheme.name.encode()).digest()
        keys.append(int.from_bytes(digest, "big", signed=True))
    return keys


def similarity(a: list[int], b: list[int]) -> float:
    """Estimated Jaccard similarity of two signatures (as ``MinHash.jaccard``)."""
    if len(a) != len(b):
        raise ValueError("signatures of different lengths do not compare")
    return float(np.count_nonzero(np.asarray(a) == np.asarray(b))) / len(a)
