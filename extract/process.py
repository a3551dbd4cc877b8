"""From a downloaded page (or a failed download) to an article with its facts.

This is the CPU-bound step that the flow sends to worker processes, one batch at a time:
``process_batch`` takes plain, picklable ``ArticleJob``s and returns ``ProcessedArticle``s.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from newsfeed.extract.body import ExtractionError, article_from_feed_entry, extract_article
from newsfeed.extract.facts import EXTRACTOR_NAME, EXTRACTOR_VERSION, extract_facts_batch
from newsfeed.extract.types import Article, Facts

FACT_LANGUAGES = ("en",)  # the fact extractor's model is English
# Facts come from the first MAX_FACT_CHARS of a body (cut at a paragraph or sentence end):
# spaCy's time grows faster than linearly on run-on text (a 110 kB paragraph without full
# stops takes ~15 s, 820 kB ~8 min), and a news article is far shorter. Truncation is recorded.
MAX_FACT_CHARS = 100_000


@dataclass(frozen=True)
class ArticleFailure:
    """Something that went wrong for one article; recorded, never fatal."""

    stage: str  # page, extract
    kind: str
    message: str
    url: str | None = None
    http_status: int | None = None


@dataclass(frozen=True)
class ArticleJob:
    """One item to turn into an article: its feed data and the page download's result."""

    article_id: str
    url: str | None
    title: str | None = None
    author: str | None = None
    published: datetime | None = None
    summary: str | None = None
    content: str | None = None
    html: bytes | None = None  # the page, when downloaded
    final_url: str | None = None
    http_status: int | None = None
    content_type: str | None = None
    page_error: ArticleFailure | None = None  # why there is no page


@dataclass
class ProcessedArticle:
    """An article ready to store: body, metadata, facts, and what went wrong on the way."""

    article_id: str
    url: str | None
    final_url: str | None
    http_status: int | None
    article: Article
    body_source: str  # page or feed
    facts: Facts
    fallback_reason: str | None = None
    facts_skipped_reason: str | None = None
    failures: list[ArticleFailure] = field(default_factory=list)


def _body_of(job: ArticleJob) -> tuple[Article, str, str | None, list[ArticleFailure]]:
    """Pick the page's body, else the feed's own content; say why when falling back."""
    failures: list[ArticleFailure] = []
    url = job.final_url or job.url
    if job.page_error is not None:
        failures.append(job.page_error)
        reason = f"{job.page_error.kind}: {job.page_error.message}"
    else:
        try:
            article = extract_article(job.html or b"", url,
                                      content_type=job.content_type)
            return article, "page", None, failures
        except ExtractionError as exc:
            kind, message = "no_body", str(exc)
        except Exception as exc:  # a bug or a pathological page must not cost the batch
            kind, message = "error", f"{type(exc).__name__}: {exc}"
        failures.append(ArticleFailure("extract", kind, message, url, job.http_status))
        reason = f"{kind}: {message}"
    try:
        article = article_from_feed_entry(job.title, job.content or job.summary or "",
                                          published=job.published, author=job.author)
    except ExtractionError as exc:  # no page and no text in the feed: keep the item, say so
        article = Article(body="", title=job.title, author=job.author, published=job.published)
        reason = f"{reason}; {exc}"
    return article, "feed", reason, failures


def _merge_metadata(article: Article, job: ArticleJob) -> Article:
    """Fill what the page lacks from the feed; the feed's publication time wins (it is dated)."""
    return Article(
        body=article.body,
        title=article.title or job.title,
        author=article.author or job.author,
        published=job.published or article.published,
        site_name=article.site_name,
        language=article.language,
        image_url=article.image_url,
        image_caption=article.image_caption,
        canonical_url=article.canonical_url,
    )


def process_batch(jobs: list[ArticleJob], model: str | None = None) -> list[ProcessedArticle]:
    """Extract body and facts for a batch of jobs (the model is loaded once per process)."""
    prepared = []
    for job in jobs:
        article, source, reason, failures = _body_of(job)
        prepared.append((job, _merge_metadata(article, job), source, reason, failures))

    def wants_facts(article: Article) -> bool:
        return bool(article.body.strip()) and (article.language or "en") in FACT_LANGUAGES

    texts = [(fact_text(a.body), a.published) for _, a, *_ in prepared if wants_facts(a)]
    facts_iter = iter(_facts_for(texts, model))
    results = []
    for job, article, source, reason, failures in prepared:
        skipped = None
        facts: Facts | Exception = EMPTY_FACTS
        if wants_facts(article):
            facts = next(facts_iter)
            if len(article.body) > MAX_FACT_CHARS:
                failures.append(ArticleFailure(
                    "extract", "truncated", f"facts extracted from the first "
                    f"{len(fact_text(article.body))} of {len(article.body)} characters", job.url))
        else:
            skipped = (f"language {article.language}: facts are extracted from English only"
                       if article.body.strip() else "empty body")
        if isinstance(facts, Exception):
            message = f"{type(facts).__name__}: {facts}"
            failures.append(ArticleFailure("extract", "facts_error", message, job.url))
            facts, skipped = EMPTY_FACTS, f"fact extraction failed: {message}"
        results.append(ProcessedArticle(
            article_id=job.article_id, url=job.url, final_url=job.final_url,
            http_status=job.http_status, article=article, body_source=source, facts=facts,
            fallback_reason=reason, facts_skipped_reason=skipped, failures=failures,
        ))
    return results


EMPTY_FACTS = Facts(extractor=EXTRACTOR_NAME, extractor_version=EXTRACTOR_VERSION)


def fact_text(body: str, limit: int = MAX_FACT_CHARS) -> str:
    """The part of ``body`` facts are extracted from: all of it, or a prefix ending a paragraph
    or sentence within ``limit`` characters (fact offsets stay valid in the whole body)."""
    if len(body) <= limit:
        return body
    head = body[:limit]
    for mark in ("\n\n", ". ", "\n"):
        end = head.rfind(mark)
        if end > limit // 2:
            return head[:end + 1]
    return head


def _facts_for(texts: list[tuple[str, datetime | None]],
               model: str | None) -> list[Facts | Exception]:
    """Facts of each text; when the batch fails, text by text, so one bad text costs only itself."""
    try:
        return list(extract_facts_batch(texts, model))
    except Exception:
        results: list[Facts | Exception] = []
        for text in texts:
            try:
                results.extend(extract_facts_batch([text], model))
            except Exception as exc:
                results.append(exc)
        return results


@dataclass(frozen=True)
class FactsJob:
    """A stored article whose facts are to be extracted again from its cleaned body."""

    article_id: str
    body: str
    published: datetime | None = None
    language: str | None = None


@dataclass
class RefactedArticle:
    """New facts for a stored article (empty, with the reason, when none were extracted)."""

    article_id: str
    facts: Facts
    facts_skipped_reason: str | None = None
    failure: ArticleFailure | None = None


def refacts_batch(jobs: list[FactsJob], model: str | None = None) -> list[RefactedArticle]:
    """Fact extraction again, on stored bodies (for a new extractor version)."""

    def wants_facts(job: FactsJob) -> bool:
        return bool(job.body.strip()) and (job.language or "en") in FACT_LANGUAGES

    # the same cut as process_batch: facts from the first MAX_FACT_CHARS of the body
    texts = [(fact_text(j.body), j.published) for j in jobs if wants_facts(j)]
    facts_iter = iter(_facts_for(texts, model))
    results = []
    for job in jobs:
        if not wants_facts(job):
            reason = (f"language {job.language}: facts are extracted from English only"
                      if job.body.strip() else "empty body")
            results.append(RefactedArticle(job.article_id, EMPTY_FACTS, reason))
            continue
        facts = next(facts_iter)
        if isinstance(facts, Exception):
            message = f"{type(facts).__name__}: {facts}"
            results.append(RefactedArticle(
                job.article_id, EMPTY_FACTS, f"fact extraction failed: {message}",
                ArticleFailure("extract", "facts_error", message)))
        else:
            results.append(RefactedArticle(job.article_id, facts))
    return results
