-- newsfeed schema, version 6: extraction health per site and day, and the alerts of the
-- health check that ends every ingest run (storage/health.py): a site whose extraction
-- figures dropped against its own history, a feed silent past its usual interval, a feed
-- failing run after run. A page's day is the UTC day of the run that downloaded it
-- (runs.started_at; reprocess keeps it).

ALTER TABLE runs ADD COLUMN alerts VARCHAR[];
COMMENT ON COLUMN runs.alerts IS 'What the end-of-run health check found wrong, one line per problem (health_alerts has the details); empty when all is well, NULL when the check did not run.';
COMMENT ON COLUMN failures.stage IS 'feed (fetching or parsing a feed), page (downloading an article), extract (body or facts), archive (reading a WARC record in a backfill), health (the end-of-run health check).';

CREATE TABLE alerts (
    run_id VARCHAR NOT NULL,
    detected_at TIMESTAMPTZ NOT NULL,
    kind VARCHAR NOT NULL,
    subject VARCHAR NOT NULL,
    feed_id VARCHAR,
    message VARCHAR NOT NULL,
    figures VARCHAR,
    PRIMARY KEY (run_id, kind, subject)
);
COMMENT ON TABLE alerts IS 'Problems the end-of-run health check found, one row per problem and run (read them through health_alerts).';
COMMENT ON COLUMN alerts.run_id IS 'The run whose check raised it (runs.run_id).';
COMMENT ON COLUMN alerts.detected_at IS 'When the check ran (UTC).';
COMMENT ON COLUMN alerts.kind IS 'site_extraction (a site''s figures dropped: layout changed?), feed_silent (no new item for longer than usual) or feed_failing (the last fetches all failed).';
COMMENT ON COLUMN alerts.subject IS 'The site (host name) or the feed (its URL).';
COMMENT ON COLUMN alerts.feed_id IS 'The feed (feeds.feed_id) for feed alerts, else NULL.';
COMMENT ON COLUMN alerts.message IS 'What is wrong, in one line (as in the run summary).';
COMMENT ON COLUMN alerts.figures IS 'The figures behind it, a JSON object (e.g. figures->>''share_from_page'', figures->>''usual_share_from_page'').';

CREATE OR REPLACE VIEW site_articles AS
    WITH feed_site AS (
        SELECT i.article_id,
               min(nullif(lower(regexp_extract(f.site_url,
                   '^[A-Za-z][A-Za-z0-9+.-]*://(?:[^/@]*@)?([^/:?#]+)', 1)), '')) AS site
        FROM items AS i JOIN feeds AS f ON f.feed_id = i.first_feed_id
        GROUP BY i.article_id
    ), with_facts AS (
        SELECT article_id FROM entities UNION SELECT article_id FROM quantities
        UNION SELECT article_id FROM quotes UNION SELECT article_id FROM dates
    )
    SELECT a.article_id,
           coalesce(nullif(lower(regexp_extract(coalesce(a.final_url, a.url),
               '^[A-Za-z][A-Za-z0-9+.-]*://(?:[^/@]*@)?([^/:?#]+)', 1)), ''), s.site) AS site,
           a.run_id, r.started_at AS fetched_at,
           CAST(timezone('UTC', r.started_at) AS DATE) AS day,
           a.body_source, a.fallback_reason, a.word_count,
           w.article_id IS NOT NULL AS has_facts
    FROM articles AS a
    JOIN runs AS r USING (run_id)
    LEFT JOIN feed_site AS s USING (article_id)
    LEFT JOIN with_facts AS w USING (article_id);
COMMENT ON VIEW site_articles IS 'Every article with its site and the run that downloaded it: what site_health and the health check count.';
COMMENT ON COLUMN site_articles.article_id IS 'The article (articles.article_id).';
COMMENT ON COLUMN site_articles.site IS 'Host name of the article''s URL (after redirects), else of the website its feed links to.';
COMMENT ON COLUMN site_articles.run_id IS 'The run that made the article (articles.run_id).';
COMMENT ON COLUMN site_articles.fetched_at IS 'When that run started (UTC).';
COMMENT ON COLUMN site_articles.day IS 'UTC day of fetched_at.';
COMMENT ON COLUMN site_articles.body_source IS 'page or feed (articles.body_source).';
COMMENT ON COLUMN site_articles.fallback_reason IS 'Why the page was not used, when body_source = feed.';
COMMENT ON COLUMN site_articles.word_count IS 'Words in the body.';
COMMENT ON COLUMN site_articles.has_facts IS 'True when the article has at least one entity, quantity, quote or date.';

CREATE OR REPLACE VIEW site_health AS
    SELECT site, day, count(*) AS pages,
           avg(CASE WHEN body_source = 'page' THEN 1 ELSE 0 END) AS share_from_page,
           median(word_count) AS median_body_words,
           avg(CASE WHEN has_facts THEN 0 ELSE 1 END) AS share_no_facts,
           mode(fallback_reason) AS top_fallback_reason
    FROM site_articles
    GROUP BY site, day;
COMMENT ON VIEW site_health IS 'Extraction health per site and day: how many pages, how many gave their own body, how long, how many gave no fact. A sharp drop against the site''s history is a health alert (health_alerts).';
COMMENT ON COLUMN site_health.site IS 'Host name of the articles'' URLs (else of the website their feed links to).';
COMMENT ON COLUMN site_health.day IS 'UTC day of the runs that downloaded the pages.';
COMMENT ON COLUMN site_health.pages IS 'Articles made from the site''s links that day (one page download each, unless fetch_articles is off).';
COMMENT ON COLUMN site_health.share_from_page IS 'Share of them whose body came from the page, 0 to 1 (the rest fell back to the feed''s text).';
COMMENT ON COLUMN site_health.median_body_words IS 'Median body length, in words.';
COMMENT ON COLUMN site_health.share_no_facts IS 'Share of them with no fact at all (no entity, quantity, quote or date), 0 to 1.';
COMMENT ON COLUMN site_health.top_fallback_reason IS 'The most frequent reason for falling back to the feed''s text, NULL when none fell back.';

CREATE OR REPLACE VIEW health_alerts AS
    WITH checked AS (
        SELECT arg_max(run_id, started_at) AS latest FROM runs WHERE alerts IS NOT NULL
    ), seen AS (
        SELECT kind, subject, count(*) AS runs, min(detected_at) AS first_detected_at
        FROM alerts GROUP BY kind, subject
    )
    SELECT a.detected_at, a.kind, a.subject, a.message, a.run_id = c.latest AS current,
           s.runs, s.first_detected_at, a.feed_id, a.figures, a.run_id
    FROM alerts AS a CROSS JOIN checked AS c JOIN seen AS s USING (kind, subject);
COMMENT ON VIEW health_alerts IS 'Problems the end-of-run health check found: sites whose extraction dropped (layout changed?), feeds silent past their usual interval, feeds failing run after run. WHERE current: what is wrong now.';
COMMENT ON COLUMN health_alerts.detected_at IS 'When the check raised it (UTC).';
COMMENT ON COLUMN health_alerts.kind IS 'site_extraction, feed_silent or feed_failing.';
COMMENT ON COLUMN health_alerts.subject IS 'The site (host name) or the feed (its URL).';
COMMENT ON COLUMN health_alerts.message IS 'What is wrong, in one line.';
COMMENT ON COLUMN health_alerts.current IS 'True when raised by the latest run that checked health: the problem is still there.';
COMMENT ON COLUMN health_alerts.runs IS 'Runs that raised this kind of alert for this subject, all told.';
COMMENT ON COLUMN health_alerts.first_detected_at IS 'When such an alert was first raised for this subject (UTC).';
COMMENT ON COLUMN health_alerts.feed_id IS 'The feed (feeds.feed_id) for feed alerts, else NULL.';
COMMENT ON COLUMN health_alerts.figures IS 'The figures behind it, a JSON object (figures->>''name'').';
COMMENT ON COLUMN health_alerts.run_id IS 'The run that raised it (runs.run_id).';
