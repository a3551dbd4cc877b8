"""Body and fact extraction: pure functions, text or HTML in, dataclasses out.

The package itself is callable: ``newsfeed.extract(html_or_text, published=None, url=None)``
is ``extract.document.extract_document`` (one document → an ``Article`` with its ``facts``;
the model is loaded once per process). Its modules: ``body`` (main text and metadata of a
page), ``clean`` (news clean-up), ``feed`` (RSS/Atom parsing), ``facts`` (entities,
quantities, quotes and dates, from ``entities``, ``quantities``, ``quotes``, ``dates`` over
the spaCy pipeline of ``nlp``), ``process`` (the batches worker processes run), ``types``
(the dataclasses).
"""

from __future__ import annotations

import sys
from datetime import datetime
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsfeed.extract.types import Article


class _CallablePackage(ModuleType):
    def __call__(self, content: str | bytes, published: datetime | None = None,
                 url: str | None = None, **options: object) -> Article:
        """``newsfeed.extract(...)``: see ``extract.document.extract_document``."""
        from newsfeed.extract.document import extract_document

        return extract_document(content, published, url, **options)


sys.modules[__name__].__class__ = _CallablePackage
