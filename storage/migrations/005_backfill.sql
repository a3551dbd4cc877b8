-- newsfeed schema, version 5: runs that read archived pages (WARC files) instead of feeds.
-- A backfill run stores each archived page as an item of a pseudo-feed named after its WARC
-- file (feeds.configured_url 'warc:FILE'), so that items and views keep their meaning.

ALTER TABLE runs ADD COLUMN kind VARCHAR;
UPDATE runs SET kind = 'ingest' WHERE kind IS NULL;
COMMENT ON COLUMN runs.kind IS 'ingest (feeds fetched from the web) or backfill (pages read from WARC files; each file counts as a feed: feeds_total the files, feeds_ok those read to the end, feeds_failed those with a part that could not be read).';
COMMENT ON COLUMN failures.stage IS 'feed (fetching or parsing a feed), page (downloading an article), extract (body or facts), archive (reading a WARC record in a backfill).';
COMMENT ON COLUMN failures.kind IS 'Short class of failure: http_status, timeout, connection, too_large, not_a_feed, not_html, no_body, error, ...; for archive: truncated, bad_http, unreadable.';
COMMENT ON TABLE runs IS 'One row per run, ingest or backfill (runs.kind): counts, durations and status.';
