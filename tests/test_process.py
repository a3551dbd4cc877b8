"""From a page download's result to an article with facts (the worker processes' step)."""

from __future__ import annotations

import os
from datetime import UTC, datetime

from newsfeed.demo import SITE_DIR
from newsfeed.extract.process import ArticleFailure, ArticleJob, process_batch

PUBLISHED = datetime(2026, 11, 18, 7, 30, tzinfo=UTC)
SUMMARY = "<p>Talks resume in Geneva. &quot;The window is open,&quot; said envoy Lars Eriksen.</p>"


def page(name: str) -> bytes:
    return (SITE_DIR / "articles" / name).read_bytes()


def job(**kw) -> ArticleJob:
    base = {"article_id": "a1", "url": "http://127.0.0.1/x", "title": "Feed title",
            "published": PUBLISHED, "summary": SUMMARY}
    return ArticleJob(**{**base, **kw})


def test_a_page_gives_body_metadata_and_facts():
    (result,) = process_batch([job(html=page("qalat-mira-army-retakes-town.html"),
                                   http_status=200, content_type="text/html; charset=utf-8")])
    assert result.body_source == "page" and result.fallback_reason is None
    assert result.article.title != "Feed title" and result.article.language == "en"
    assert result.article.published == PUBLISHED  # the feed's date wins
    assert result.facts.quantities and result.facts.quotes and result.facts.entities
    assert "Continue reading the main story" not in result.article.body


def test_a_failed_download_falls_back_to_the_feed_summary():
    failure = ArticleFailure("page", "http_status", "HTTP 404 Not Found", "http://x", 404)
    (result,) = process_batch([job(page_error=failure, http_status=404)])
    assert result.body_source == "feed"
    assert result.fallback_reason == "http_status: HTTP 404 Not Found"
    assert "Talks resume in Geneva." in result.article.body and "<p>" not in result.article.body
    assert result.failures == [failure]
    assert any(q.speaker == "Lars Eriksen" for q in result.facts.quotes)


def test_junk_and_empty_pages_fall_back_and_are_recorded():
    junk, empty = process_batch([job(article_id="junk", html=os.urandom(5000)),
                                 job(article_id="empty", html=b"<html><body></body></html>")])
    for result in (junk, empty):
        assert result.body_source == "feed"
        assert [f.stage for f in result.failures] == ["extract"]
        assert result.fallback_reason.startswith(result.failures[0].kind)


def test_other_languages_skip_fact_extraction():
    (result,) = process_batch([job(html=page("sommet-eau-lyon.latin1.html"),
                                   content_type="text/html; charset=iso-8859-1")])
    assert result.article.language == "fr"
    assert "é" in result.article.body
    assert "English" in result.facts_skipped_reason
    assert not (result.facts.entities or result.facts.quantities or result.facts.quotes)


def test_no_page_and_no_feed_text_still_gives_an_article():
    failure = ArticleFailure("page", "timeout", "no complete response within 30 s", "http://x")
    (result,) = process_batch([job(page_error=failure, summary=None, title="Only a title")])
    assert result.body_source == "feed" and result.article.body == ""
    assert result.article.title == "Only a title"
    assert result.fallback_reason.startswith("timeout:") and "no text" in result.fallback_reason
    assert result.facts_skipped_reason == "empty body"
