-- newsfeed schema, version 4: sitemaps as sources (a feeds-file entry with type = "sitemap",
-- or a URL that serves a <urlset> or <sitemapindex>). A sitemap index's child sitemaps keep
-- their own ETag and Last-Modified, for conditional GET, like feeds.

ALTER TABLE feeds ADD COLUMN kind VARCHAR;
COMMENT ON COLUMN feeds.kind IS 'What the URL serves, as the last successful fetch found it: feed (RSS/Atom) or sitemap (a sitemap index or URL set); NULL before.';
ALTER TABLE items ADD COLUMN language VARCHAR;
COMMENT ON COLUMN items.language IS 'Language a Google News sitemap gives for the item (news:language); NULL for feed items.';

CREATE TABLE sitemap_children (
    feed_id VARCHAR NOT NULL,
    url VARCHAR NOT NULL,
    parent_url VARCHAR,
    lastmod TIMESTAMPTZ,
    etag VARCHAR,
    last_modified VARCHAR,
    last_status VARCHAR,
    last_fetched_at TIMESTAMPTZ,
    PRIMARY KEY (feed_id, url)
);
COMMENT ON TABLE sitemap_children IS 'The child sitemaps a sitemap index (a feeds-file entry) lists, as its last successful fetch listed them, with what conditional GET needs.';
COMMENT ON COLUMN sitemap_children.feed_id IS 'The sitemap index in the feeds file (feeds.feed_id).';
COMMENT ON COLUMN sitemap_children.url IS 'URL of the child sitemap.';
COMMENT ON COLUMN sitemap_children.parent_url IS 'The nested sitemap index that lists it; NULL when listed by the feed''s own document.';
COMMENT ON COLUMN sitemap_children.lastmod IS 'The lastmod the index gives the child (UTC); children last changed before sitemap_max_age_days are not fetched.';
COMMENT ON COLUMN sitemap_children.etag IS 'ETag of the child''s last 200 response that parsed, sent back as If-None-Match.';
COMMENT ON COLUMN sitemap_children.last_modified IS 'Last-Modified of that response, sent back as If-Modified-Since.';
COMMENT ON COLUMN sitemap_children.last_status IS 'Outcome of the last fetch: ok, not_modified, failed, or skipped (too old, or beyond sitemap_max_children).';
COMMENT ON COLUMN sitemap_children.last_fetched_at IS 'When the child was last fetched (UTC); NULL when never.';
