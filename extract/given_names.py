"""Given names and their gender, and surnames, from Faker's person name lists (MIT licence,
all locales; every given-name list: male, female, unisex, romanised, by community).

Loaded once per process, on first use (about 0.3 s).  A name on both the male and the
female list has no gender.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator
from functools import cache

from newsfeed.extract.spelling import ascii_fold

_COLLECTIONS = (list, tuple, set, frozenset, dict)


def _providers() -> Iterator[type]:
    import faker.providers.person as people

    for module in pkgutil.iter_modules(people.__path__):
        try:
            yield importlib.import_module(f"{people.__name__}.{module.name}").Provider
        except (ImportError, AttributeError):
            continue


def _names(found: object) -> set[str]:
    """The string names of one Faker list, upper-case ones in title case ("CHIA-WEI")."""
    if not isinstance(found, _COLLECTIONS):
        return set()
    return {n.title() if n.isupper() else n for n in found if isinstance(n, str) and n}


@cache
def _lists() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """All given names (as written and in ASCII), the male ones and the female ones
    (lower case)."""
    every: set[str] = set()
    male: set[str] = set()
    female: set[str] = set()
    for provider in _providers():
        for attr in dir(provider):
            if not attr.startswith(("first_names", "first_romanized_names")):
                continue
            found = _names(getattr(provider, attr, ()))
            every.update(found)
            if "female" in attr:
                female.update(n.lower() for n in found)
            elif "male" in attr:
                male.update(n.lower() for n in found)
    return (
        frozenset(every | {ascii_fold(n) for n in every}),
        frozenset(male - female),
        frozenset(female - male),
    )


@cache
def _surnames() -> frozenset[str]:
    every: set[str] = set()
    for provider in _providers():
        for attr in dir(provider):
            if attr.startswith(("last_names", "last_romanized_names")):
                every.update(_names(getattr(provider, attr, ())))
    return frozenset(every | {ascii_fold(n) for n in every})


def is_given_name(word: str) -> bool:
    """``word`` is a given name in one of Faker's locales ("Vaclav", "Nadim", "Kristen")."""
    return word in _lists()[0]


def is_surname(word: str) -> bool:
    """``word`` is a surname in one of Faker's locales ("Nguyen", "Bishop", "Okafor")."""
    return word in _surnames()


def gender(given_name: str) -> str | None:
    """ "m" or "f" for a given name that has one gender ("Ann" → "f"), else None."""
    _, male, female = _lists()
    low = given_name.lower()
    return "m" if low in male else "f" if low in female else None
