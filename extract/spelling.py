"""Spelling helpers shared by the name and speaker rules."""

from __future__ import annotations

import unicodedata


def ascii_fold(text: str) -> str:
    """``text`` without its accents: "Václav Havel" → "Vaclav Havel" (other non-ASCII dropped)."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def singular(word: str) -> str:
    """A plain English singular: one final "s" dropped, except after "s" ("towns" → "town",
    "class" stays)."""
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word
