"""Given names and their gender, from Faker's person name lists (MIT licence, all locales).

Loaded once per process, on first use (about 0.3 s).  A name on both the male and the
female list has no gender.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from newsfeed.extract.spelling import ascii_fold


@cache
def _lists() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """All given names (as written and in ASCII), the male ones and the female ones
    (lower case)."""
    import faker.providers.person as people

    every: set[str] = set()
    male: set[str] = set()
    female: set[str] = set()
    for module in pkgutil.iter_modules(people.__path__):
        try:
            provider = importlib.import_module(f"{people.__name__}.{module.name}").Provider
        except (ImportError, AttributeError):
            continue
        for attr, genders in (("first_names", ()), ("first_names_male", (male,)),
                              ("first_names_female", (female,))):
            found = getattr(provider, attr, ())
            if not isinstance(found, (list, tuple, set, frozenset, dict)):
                continue
            every.update(found)
            for names in genders:
                names.update(n.lower() for n in found)
    return (frozenset(every | {ascii_fold(n) for n in every}), frozenset(male - female),
            frozenset(female - male))


def is_given_name(word: str) -> bool:
    """``word`` is a given name in one of Faker's locales ("Vaclav", "Nadim", "Kristen")."""
    return word in _lists()[0]


def gender(given_name: str) -> str | None:
    """"m" or "f" for a given name that has one gender ("Ann" → "f"), else None."""
    _, male, female = _lists()
    low = given_name.lower()
    return "m" if low in male else "f" if low in female else None
