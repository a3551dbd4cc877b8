"""Sitemaps as sources: the parser (extract/sitemap.py), fetching a sitemap index with its
children (flows/sitemaps.py), and whole ingest runs against a local server."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newsfeed.config import ConfigError, FeedConfig, Settings, load_feeds_file
from newsfeed.demo.server import FixtureServer
from newsfeed.extract.ids import item_id
from newsfeed.extract.sitemap import (
    SitemapParseError,
    SitemapRef,
    parse_sitemap,
    recent_items,
    recent_sitemaps,
    sitemap_root,
)
from newsfeed.flows.tasks import fetch_feeds
from newsfeed.storage import store
from tests.dbutil import rows

NOW = datetime.now(UTC).replace(microsecond=0)
SM = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
NEWS = 'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"'
FAST = Settings(allow_private_network=True, host_delay_s=0.0, retries=0, request_deadline_s=5.0)


def iso(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def urlset(*urls: str, news: bool = False) -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset {SM} {NEWS if news else ""}>\n'
            + "\n".join(urls) + "\n</urlset>\n").encode()


def url(loc: str, lastmod: datetime | None = None) -> str:
    mod = f"<lastmod>{iso(lastmod)}</lastmod>" if lastmod else ""
    return f"<url><loc>{loc}</loc>{mod}</url>"


def news_url(loc: str, published: datetime, title: str, language: str = "en") -> str:
    return (f"<url><loc>{loc}</loc><news:news><news:publication><news:name>The Harbour "
            f"Gazette</news:name><news:language>{language}</news:language></news:publication>"
            f"<news:publication_date>{iso(published)}</news:publication_date>"
            f"<news:title>{title}</news:title></news:news></url>")


def index(*children: tuple[str, datetime | None]) -> bytes:
    parts = []
    for loc, lastmod in children:
        mod = f"<lastmod>{iso(lastmod)}</lastmod>" if lastmod else ""
        parts.append(f"<sitemap><loc>{loc}</loc>{mod}</sitemap>")
    return (f'<?xml version="1.0"?>\n<sitemapindex {SM}>' + "".join(parts)
            + "</sitemapindex>").encode()


# --- the parser -------------------------------------------------------------------------


def test_an_index_lists_its_children_with_lastmod_relative_locs_resolved():
    parsed = parse_sitemap(index(("https://gazette.example/news.xml", NOW),
                                 ("/old.xml.gz", datetime(2019, 5, 1, tzinfo=UTC))),
                           "https://gazette.example/sitemap_index.xml")
    assert parsed.kind == "sitemapindex" and parsed.entries == []
    assert parsed.sitemaps == [SitemapRef("https://gazette.example/news.xml", NOW),
                               SitemapRef("https://gazette.example/old.xml.gz",
                                          datetime(2019, 5, 1, tzinfo=UTC))]


def test_a_google_news_sitemap_gives_title_date_and_language_but_not_image_titles():
    body = urlset(news_url("https://gazette.example/a", NOW - timedelta(hours=3),
                           "Ferry strike &amp; talks", "de").replace(
        "</loc>", '</loc><image:image xmlns:image="http://www.google.com/schemas/sitemap-image/'
                  '1.1"><image:title>A photo</image:title></image:image>', 1), news=True)
    (entry,) = parse_sitemap(body, "https://gazette.example/news.xml").entries
    assert entry.title == "Ferry strike & talks" and entry.language == "de"
    assert entry.published == NOW - timedelta(hours=3) and entry.lastmod is None


def test_gzipped_and_plain_sitemaps_parse_alike_and_are_detected():
    body = urlset(url("https://gazette.example/a", NOW), url("https://gazette.example/b"))
    plain = parse_sitemap(body, "https://gazette.example/s.xml")
    zipped = parse_sitemap(gzip.compress(body), "https://gazette.example/s.xml.gz")
    assert plain == zipped and len(plain.entries) == 2
    assert sitemap_root(gzip.compress(body)) == "urlset"
    assert sitemap_root(index(("https://gazette.example/s.xml", None))) == "sitemapindex"
    assert sitemap_root(b'<?xml version="1.0"?><rss version="2.0"><channel/></rss>') is None
    assert sitemap_root(b"<!doctype html><html><body>hello</body></html>") is None


def test_broken_xml_keeps_the_entries_before_the_break_and_says_so():
    body = urlset(url("https://gazette.example/a", NOW)).replace(b"</urlset>",
                                                                 b"<url><loc>https://gaz")
    parsed = parse_sitemap(body, "https://gazette.example/s.xml")
    assert [e.url for e in parsed.entries] == ["https://gazette.example/a"]
    assert [i.kind for i in parsed.issues] == ["malformed"]
    with pytest.raises(SitemapParseError) as broken:
        parse_sitemap(b"<urlset><url><loc>https://gaz", "https://gazette.example/s.xml")
    assert broken.value.kind == "not_a_sitemap" and "XML error" in str(broken.value)
    with pytest.raises(SitemapParseError, match="root element is <rss>"):
        parse_sitemap(b"<rss><channel/></rss>", "https://gazette.example/s.xml")


def test_an_entity_bomb_and_an_external_entity_are_refused_unparsed():
    lol = ('<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY a "lollollollol">'
           + "".join(f'<!ENTITY {c} "&{p};&{p};&{p};&{p};&{p};&{p};&{p};&{p};">'
                     for p, c in zip("abcdefgh", "bcdefghi", strict=True))
           + f']><urlset {SM}><url><loc>https://gazette.example/&i;</loc></url></urlset>')
    external = (f'<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                f'<urlset {SM}><url><loc>https://gazette.example/&x;</loc></url></urlset>')
    for body in (lol, external):
        with pytest.raises(SitemapParseError) as refused:
            parse_sitemap(body.encode(), "https://gazette.example/s.xml")
        assert refused.value.kind == "unsafe_xml"


def test_a_gzip_bomb_is_refused_at_the_cap():
    bomb = gzip.compress(b"<urlset>" + b" " * (64 * 1024 * 1024))  # 64 MiB in ~64 KB
    assert len(bomb) < 200_000
    with pytest.raises(SitemapParseError) as refused:
        parse_sitemap(bomb, "https://gazette.example/s.xml.gz")
    assert refused.value.kind == "too_large"
    with pytest.raises(SitemapParseError, match="not valid gzip"):
        parse_sitemap(bomb[:1000], "https://gazette.example/s.xml.gz")


def test_entries_beyond_the_cap_are_left_out():
    body = urlset(*(url(f"https://gazette.example/{n}", NOW) for n in range(30)))
    parsed = parse_sitemap(body, "https://gazette.example/s.xml", max_entries=10)
    assert len(parsed.entries) == 10 and [i.kind for i in parsed.issues] == ["truncated"]


def test_only_recent_dated_entries_become_items_undated_ones_are_counted():
    body = urlset(news_url("https://gazette.example/new?utm_source=x", NOW - timedelta(hours=1),
                           "New"),
                  url("https://gazette.example/changed", NOW - timedelta(days=1)),
                  url("https://gazette.example/old", NOW - timedelta(days=30)),
                  url("https://gazette.example/undated"), url("https://gazette.example/bad")
                  .replace("</loc>", "</loc><lastmod>last Tuesday</lastmod>"),
                  url("https://gazette.example/future", NOW + timedelta(days=3)), news=True)
    parsed = parse_sitemap(body, "https://gazette.example/s.xml")
    items, issues = recent_items(parsed, NOW, timedelta(days=2))
    assert [i.link.rsplit("/", 1)[1] for i in items] == ["new?utm_source=x", "changed", "future"]
    new = items[0]
    assert new.item_id == item_id(None, "https://gazette.example/new")  # as a feed's link
    assert new.canonical_url == "https://gazette.example/new" and new.title == "New"
    assert new.summary is None and new.guid is None and new.language == "en"
    assert items[2].published == NOW  # clamped
    kinds = {i.kind: i.message for i in parsed.issues + issues}
    assert set(kinds) == {"bad_date", "undated", "future_date"}
    assert kinds["undated"].startswith("2 entries")  # /undated and /bad


def test_old_children_are_not_fetched_and_the_rest_newest_first_up_to_the_cap():
    refs = [SitemapRef("https://g.example/old.xml", NOW - timedelta(days=40)),
            SitemapRef("https://g.example/undated.xml"),
            SitemapRef("https://g.example/today.xml", NOW),
            SitemapRef("https://g.example/yesterday.xml", NOW - timedelta(days=1))]
    chosen = recent_sitemaps(refs, NOW, timedelta(days=2), limit=10)
    assert [r.url.rsplit("/", 1)[1] for r in chosen] == [
        "today.xml", "yesterday.xml", "undated.xml"]
    assert recent_sitemaps(refs, NOW, timedelta(days=2), limit=1) == chosen[:1]


def test_the_feeds_file_takes_a_type(tmp_path: Path):
    path = tmp_path / "feeds.toml"
    path.write_text('[[feeds]]\nurl = "https://g.example/sitemap.xml"\ntype = "sitemap"\n'
                    '[[feeds]]\nurl = "https://g.example/rss"\n')
    feeds, _ = load_feeds_file(path)
    assert [f.type for f in feeds] == ["sitemap", None]
    path.write_text('[[feeds]]\nurl = "https://g.example/sitemap.xml"\ntype = "map"\n')
    with pytest.raises(ConfigError, match="type 'map'"):
        load_feeds_file(path)
    with pytest.raises(ConfigError, match="sitemap_max_age_days"):
        Settings(sitemap_max_age_days=0)


# --- a local site ----------------------------------------------------------------------

ARTICLES = {
    "ferry-strike": ("Ferry crews walk out over rosters",
                     "Ferry crews at the harbour walked out on Monday over new rosters. "),
    "library-reopens": ("Old library reopens after repairs",
                        "The town's old library reopened on Saturday after two years of "
                        "repairs. "),
    "council-budget": ("Council passes a smaller budget",
                       "The council passed a budget on Tuesday that is smaller than last "
                       "year's. "),
    "lighthouse-sale": ("Lighthouse sold to a trust", "The lighthouse was sold to a trust. "),
    "tram-plan": ("Tram plan shelved", "The tram plan was shelved for another decade. "),
    "fish-market": ("Fish market moves", "The fish market moves to the north quay. "),
    "storm-damage": ("Storm damage counted", "Crews counted the storm damage along the coast. "),
}


def page(slug: str) -> bytes:
    title, sentence = ARTICLES[slug]
    paragraphs = "".join(f"<p>{sentence * 3}Paragraph {n} of the report tells more.</p>"
                         for n in range(5))
    return (f"<!doctype html><html lang='en'><head><title>{title}</title></head><body>"
            f"<article><h1>{title}</h1>{paragraphs}</article></body></html>").encode()


class Site:
    """A news site on 127.0.0.1: a sitemap index with a Google News sitemap, a gzipped
    sitemap and an old archive sitemap, an RSS feed of some of the same articles, pages."""

    def __init__(self, root: Path, server: FixtureServer) -> None:
        self.root, self.server = root, server
        (root / "articles").mkdir(exist_ok=True)
        for slug in ARTICLES:
            (root / "articles" / f"{slug}.html").write_bytes(page(slug))
        a = self.article
        self.write("sitemap_index.xml", index(
            (server.url("/news-sitemap.xml"), NOW - timedelta(hours=1)),
            (server.url("/pages-sitemap.xml.gz"), None),
            (server.url("/archive-2019.xml"), datetime(2019, 12, 31, tzinfo=UTC))))
        self.news([news_url(a("ferry-strike"), NOW - timedelta(hours=2), "Ferry crews walk out"),
                   news_url(a("council-budget"), NOW - timedelta(hours=5), "Council budget"),
                   news_url(a("lighthouse-sale"), NOW - timedelta(days=9), "Lighthouse sold")])
        self.write("pages-sitemap.xml.gz", gzip.compress(urlset(
            url(a("library-reopens"), NOW - timedelta(hours=6)),
            url(a("ferry-strike") + "?utm_source=sitemap", NOW - timedelta(hours=2)),
            url(a("tram-plan"), NOW - timedelta(days=20)),
            url(a("fish-market")))))
        self.write("archive-2019.xml", urlset(url(a("storm-damage"), NOW)))
        # the RSS feed: a permalink GUID for one story, an opaque GUID for another
        self.write("rss.xml", f"""<?xml version="1.0"?><rss version="2.0"><channel>
            <title>The Harbour Gazette</title><link>{server.url("/")}</link>
            <item><title>Ferry crews walk out over rosters</title>
              <link>{a("ferry-strike")}</link><guid>{a("ferry-strike")}</guid>
              <description>Crews walked out.</description></item>
            <item><title>Old library reopens after repairs</title>
              <link>{a("library-reopens")}</link>
              <guid isPermaLink="false">gazette-2291</guid>
              <description>The library is open again.</description></item>
            </channel></rss>""".encode())

    def article(self, slug: str) -> str:
        return self.server.url(f"/articles/{slug}.html")

    def write(self, name: str, body: bytes) -> None:
        (self.root / name).write_bytes(body)

    def news(self, urls: list[str]) -> None:
        self.write("news-sitemap.xml", urlset(*urls, news=True))

    def feeds_file(self, path: Path, rss: bool = True, private_ok: bool = True) -> Path:
        text = f'[[feeds]]\nurl = "{self.server.url("/sitemap_index.xml")}"\nname = "Map"\n'
        if rss:
            text += f'[[feeds]]\nurl = "{self.server.url("/rss.xml")}"\nname = "RSS"\n'
        text += f"[settings]\nallow_private_network = {str(private_ok).lower()}\n"
        text += "host_delay_s = 0.0\nretries = 0\n"
        path.write_text(text, encoding="utf-8")
        return path


@pytest.fixture
def site(tmp_path: Path):
    root = tmp_path / "site"
    root.mkdir()
    with FixtureServer(root) as server:
        yield Site(root, server)


def ingest(feeds: Path, db: Path) -> dict:
    from newsfeed.flows.ingest import ingest as flow

    return flow(feeds_file=str(feeds), db=str(db), workers=0)


def paths(site: Site, prefix: str) -> list[tuple[str, int | None, str | None]]:
    return [(r.path, r.status, r.header("If-None-Match")) for r in site.server.requests
            if r.path.startswith(prefix)]


@pytest.mark.usefixtures("prefect_harness")
def test_an_index_yields_its_recent_items_once_also_with_an_rss_feed_of_them(
        site: Site, tmp_path: Path, db_path: Path):
    feeds = site.feeds_file(tmp_path / "feeds.toml")
    first = ingest(feeds, db_path)
    assert first["status"] == "completed" and first["feeds_ok"] == 2
    slugs = {"ferry-strike", "council-budget", "library-reopens"}  # the recent, dated ones
    stored = rows(db_path, "SELECT canonical_url, count(*) FROM items GROUP BY 1")
    assert {(site.article(s), 1) for s in slugs} == set(stored)
    assert rows(db_path, "SELECT count(*), count(DISTINCT url) FROM articles") == [(3, 3)]
    # each story the feed carries is one item, linked to the feed and to the sitemap
    linked = dict(rows(db_path, """
        SELECT i.canonical_url, list(f.name ORDER BY f.name) FROM items i
        JOIN item_feeds USING (item_id) JOIN feeds f USING (feed_id) GROUP BY 1"""))
    assert linked == {site.article("ferry-strike"): ["Map", "RSS"],
                      site.article("library-reopens"): ["Map", "RSS"],
                      site.article("council-budget"): ["Map"]}
    assert rows(db_path, "SELECT guid, summary FROM items WHERE canonical_url = ?",
                [site.article("library-reopens")]) == [("gazette-2291",
                                                        "The library is open again.")]
    assert rows(db_path, "SELECT title, language, summary FROM items WHERE canonical_url = ?",
                [site.article("council-budget")]) == [("Council budget", "en", None)]
    assert dict(rows(db_path, "SELECT name, kind FROM feeds")) == {"Map": "sitemap",
                                                                  "RSS": "feed"}
    assert paths(site, "/archive") == []  # its lastmod is years old: never fetched
    assert rows(db_path, "SELECT url, last_status FROM sitemap_children ORDER BY url") == [
        (site.server.url("/archive-2019.xml"), "skipped"),
        (site.server.url("/news-sitemap.xml"), "ok"),
        (site.server.url("/pages-sitemap.xml.gz"), "ok")]
    undated = rows(db_path, "SELECT message FROM failures WHERE kind = 'undated'")
    assert len(undated) == 1 and "pages-sitemap.xml.gz: 1 entries" in undated[0][0]

    # unchanged: the index and its children answer 304, nothing is added
    site.server.clear_requests()
    second = ingest(feeds, db_path)
    assert second["feeds_not_modified"] == 2 and second["items_new"] == 0
    assert second["articles_written"] == 0 and second["failures"] == 0
    maps = paths(site, "/")
    assert {(p, s) for p, s, _ in maps if "sitemap" in p} == {
        ("/sitemap_index.xml", 304), ("/news-sitemap.xml", 304), ("/pages-sitemap.xml.gz", 304)}
    assert all(tag for p, _, tag in maps if "sitemap" in p)  # If-None-Match sent each time
    assert not paths(site, "/articles/")

    # the index unchanged, its news sitemap changed: the new story comes in, once
    a = site.article
    site.news([news_url(a("fish-market"), NOW - timedelta(minutes=30), "Fish market moves"),
               news_url(a("ferry-strike"), NOW - timedelta(hours=2), "Ferry crews walk out")])
    site.server.clear_requests()
    third = ingest(feeds, db_path)
    assert third["items_new"] == 1 and third["articles_written"] == 1
    assert ("/sitemap_index.xml", 304) in {(p, s) for p, s, _ in paths(site, "/")}
    assert rows(db_path, "SELECT count(*) FROM items WHERE canonical_url = ?",
                [a("fish-market")]) == [(1,)]
    assert rows(db_path, "SELECT count(*) FROM articles") == [(4,)]


def test_a_sitemap_on_a_private_address_is_refused_unless_allowed(site: Site, tmp_path: Path):
    feed = store.FeedState("f1", site.server.url("/sitemap_index.xml"), "Map", None, None,
                           type="sitemap")
    (refused,) = fetch_feeds([feed], Settings(host_delay_s=0.0, retries=0))
    assert refused.status == "failed" and refused.error_kind == "blocked"
    assert site.server.requests == []
    (allowed,) = fetch_feeds([feed], FAST)
    assert allowed.status == "ok" and len(allowed.items) == 3


def test_a_broken_sitemap_is_a_recorded_failure_and_a_broken_child_costs_only_itself(
        site: Site, db_path: Path):
    site.write("news-sitemap.xml", b"<urlset><url><loc>http://x")  # no entry before the break
    site.write("broken.xml", b"<?xml version='1.0'?><html><body>moved</body></html>")
    broken = store.FeedState("f2", site.server.url("/broken.xml"), "Broken", None, None,
                             type="sitemap")
    index_feed = store.FeedState("f1", site.server.url("/sitemap_index.xml"), "Map", None, None)
    with store.open_db(db_path) as con:
        states = store.sync_feeds(con, [FeedConfig(index_feed.url, "Map"),
                                        FeedConfig(broken.url, "Broken", type="sitemap")])
        outcomes = fetch_feeds(states, FAST)
        for outcome in outcomes:
            store.store_feed_outcome(con, "r1", outcome)
    by_name = {r[0]: r[1:] for r in rows(db_path, """
        SELECT f.name, x.status, x.items_seen, x.error FROM feed_fetches x
        JOIN feeds f USING (feed_id)""")}
    assert by_name["Broken"][:2] == ("failed", 0) and "root element is <html>" in by_name[
        "Broken"][2]
    assert by_name["Map"][:2] == ("ok", 2)  # from the gzipped child
    failures = rows(db_path, "SELECT feed_id, kind, message FROM failures ORDER BY kind")
    kinds = {(feed_id == states[0].feed_id, kind) for feed_id, kind, _ in failures}
    assert (False, "not_a_sitemap") in kinds and (True, "not_a_sitemap") in kinds
    assert any("news-sitemap.xml: not a sitemap: XML error" in m for _, _, m in failures)


def test_a_sitemap_keeps_its_newest_items_up_to_the_cap(site: Site):
    feed = store.FeedState("f1", site.server.url("/sitemap_index.xml"), "Map", None, None)
    (outcome,) = fetch_feeds([feed], FAST.with_overrides(sitemap_max_items=2))
    assert [i.link for i in outcome.items] == [site.article("ferry-strike"),
                                               site.article("council-budget")]
    assert ("truncated", "3 recent entries; the newest 2 kept (sitemap_max_items)") in (
        outcome.issues)


def test_an_index_may_nest_one_level_and_never_fetches_a_sitemap_twice(site: Site):
    u = site.server.url
    site.write("nest.xml", index((u("/inner-index.xml"), None), (u("/nest.xml"), None)))
    site.write("inner-index.xml", index((u("/news-sitemap.xml"), None), (u("/deep.xml"), None)))
    site.write("deep.xml", index((u("/pages-sitemap.xml.gz"), None)))
    feed = store.FeedState("f1", u("/nest.xml"), "Nest", None, None)
    (outcome,) = fetch_feeds([feed], FAST)
    assert {i.link for i in outcome.items} == {site.article("ferry-strike"),
                                               site.article("council-budget")}
    assert [r.path for r in site.server.requests] == [
        "/nest.xml", "/inner-index.xml", "/news-sitemap.xml", "/deep.xml"]
    assert any(kind == "item_skipped" and "deep.xml: a sitemap index nested" in message
               for kind, message in outcome.issues)
    assert {(c.url, c.parent_url) for c in outcome.children} == {
        (u("/inner-index.xml"), None), (u("/nest.xml"), None),
        (u("/news-sitemap.xml"), u("/inner-index.xml")), (u("/deep.xml"), u("/inner-index.xml"))}
