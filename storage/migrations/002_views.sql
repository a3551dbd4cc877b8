-- newsfeed schema, version 2: views for the common questions. Views over the tables of
-- version 1 only; every view and view column is documented with COMMENT ON.
-- Days are calendar days in UTC: timezone('UTC', ts) gives the UTC wall-clock time, whatever
-- the session's TimeZone setting.

CREATE OR REPLACE VIEW facts AS
    SELECT f.article_id, f.fact_type, f.fact_index, f.text, f.detail, f.value,
           f.sentence_index, f.char_start, f.char_end, f.sentence,
           CAST(timezone('UTC', a.published_at) AS DATE) AS day
    FROM (
        SELECT article_id, 'entity' AS fact_type, entity_index AS fact_index, name AS text,
               label AS detail, NULL::DOUBLE AS value, sentence_index, char_start, char_end,
               sentence
        FROM entities
        UNION ALL
        SELECT article_id, 'quantity', quantity_index, text,
               concat_ws(' ', qualifier, category, counted, unit), value, sentence_index,
               char_start, char_end, sentence
        FROM quantities
        UNION ALL
        SELECT article_id, 'quote', quote_index, text, concat_ws(', ', speaker, speaker_role),
               NULL, sentence_index, char_start, char_end, sentence
        FROM quotes
        UNION ALL
        SELECT article_id, 'date', date_index, text, CAST(resolved AS VARCHAR), NULL,
               sentence_index, char_start, char_end, sentence
        FROM dates
    ) AS f
    LEFT JOIN articles AS a USING (article_id);
COMMENT ON VIEW facts IS 'One row per fact across entities, quantities, quotes and dates, for quick browsing.';
COMMENT ON COLUMN facts.article_id IS 'The article (articles.article_id).';
COMMENT ON COLUMN facts.fact_type IS 'entity, quantity, quote or date: the table the row comes from.';
COMMENT ON COLUMN facts.fact_index IS 'Position of the fact in its table for this article (entity_index, quantity_index, ...).';
COMMENT ON COLUMN facts.text IS 'Entity name, quantity as written, quoted words, or date as written.';
COMMENT ON COLUMN facts.detail IS 'Entity label; quantity qualifier, category, counted and unit; quote speaker and role; resolved date.';
COMMENT ON COLUMN facts.value IS 'Normalised value of a quantity; NULL for other facts.';
COMMENT ON COLUMN facts.sentence_index IS 'Sentence (0-based) in articles.body.';
COMMENT ON COLUMN facts.char_start IS 'Start offset in articles.body.';
COMMENT ON COLUMN facts.char_end IS 'End offset (exclusive) in articles.body.';
COMMENT ON COLUMN facts.sentence IS 'The sentence it came from.';
COMMENT ON COLUMN facts.day IS 'Publication day of the article (UTC).';

CREATE OR REPLACE VIEW entity_daily AS
    SELECT CAST(timezone('UTC', a.published_at) AS DATE) AS day, e.name, e.label,
           count(*) AS articles, CAST(sum(e.mention_count) AS BIGINT) AS mentions
    FROM entities AS e JOIN articles AS a USING (article_id)
    GROUP BY ALL;
COMMENT ON VIEW entity_daily IS 'Entity mentions per publication day: how many articles name each person, organisation or place, and how often.';
COMMENT ON COLUMN entity_daily.day IS 'Publication day of the articles (UTC); NULL for articles without a date.';
COMMENT ON COLUMN entity_daily.name IS 'Canonical entity name (entities.name).';
COMMENT ON COLUMN entity_daily.label IS 'PERSON, ORG, GPE, LOC or NORP (entities.label).';
COMMENT ON COLUMN entity_daily.articles IS 'Articles published that day that name the entity.';
COMMENT ON COLUMN entity_daily.mentions IS 'Mentions in those articles (sum of entities.mention_count).';

CREATE OR REPLACE VIEW quotes_by_speaker AS
    SELECT q.speaker, q.speaker_role, q.text AS quote, q.verb, q.is_fragment, q.sentence,
           CAST(timezone('UTC', a.published_at) AS DATE) AS day, a.published_at, a.title,
           coalesce(a.final_url, a.url) AS url, q.article_id, q.quote_index
    FROM quotes AS q JOIN articles AS a USING (article_id);
COMMENT ON VIEW quotes_by_speaker IS 'Quotes with their speaker and the article they appeared in (speaker NULL when unknown).';
COMMENT ON COLUMN quotes_by_speaker.speaker IS 'Who said it (quotes.speaker); NULL when the text does not say.';
COMMENT ON COLUMN quotes_by_speaker.speaker_role IS 'The speaker''s role as written (quotes.speaker_role).';
COMMENT ON COLUMN quotes_by_speaker.quote IS 'The words inside the quotation marks (quotes.text).';
COMMENT ON COLUMN quotes_by_speaker.verb IS 'Reporting verb (said, told, added).';
COMMENT ON COLUMN quotes_by_speaker.is_fragment IS 'True for partial or scare quotes, false for full sentences.';
COMMENT ON COLUMN quotes_by_speaker.sentence IS 'The sentence the quote starts in.';
COMMENT ON COLUMN quotes_by_speaker.day IS 'Publication day of the article (UTC).';
COMMENT ON COLUMN quotes_by_speaker.published_at IS 'Publication time of the article (UTC).';
COMMENT ON COLUMN quotes_by_speaker.title IS 'Title of the article.';
COMMENT ON COLUMN quotes_by_speaker.url IS 'Where the article is (after redirects).';
COMMENT ON COLUMN quotes_by_speaker.article_id IS 'The article (articles.article_id).';
COMMENT ON COLUMN quotes_by_speaker.quote_index IS 'Position of the quote in the article (quotes.quote_index).';

CREATE OR REPLACE VIEW event_counts AS
    SELECT CAST(timezone('UTC', a.published_at) AS DATE) AS day, q.category, q.place,
           count(*) AS reports, count(DISTINCT q.article_id) AS articles,
           max(q.value) AS max_value, median(q.value) AS median_value,
           list_sort(list_distinct(list(q.source))) AS sources
    FROM quantities AS q JOIN articles AS a USING (article_id)
    WHERE q.category IS NOT NULL
    GROUP BY ALL;
COMMENT ON VIEW event_counts IS 'Reported figures by category, place and publication day, in the spirit of GDELT''s counts: several reports of one event are not added up.';
COMMENT ON COLUMN event_counts.day IS 'Publication day of the articles (UTC).';
COMMENT ON COLUMN event_counts.category IS 'killed, wounded, displaced, arrested, population, distance, money or percentage.';
COMMENT ON COLUMN event_counts.place IS 'Place the figures refer to; NULL when the sentences name none.';
COMMENT ON COLUMN event_counts.reports IS 'Quantities reported (rows of quantities).';
COMMENT ON COLUMN event_counts.articles IS 'Articles reporting them.';
COMMENT ON COLUMN event_counts.max_value IS 'Largest value reported.';
COMMENT ON COLUMN event_counts.median_value IS 'Median value reported.';
COMMENT ON COLUMN event_counts.sources IS 'Who the figures are attributed to, distinct and sorted.';

CREATE OR REPLACE VIEW feed_health AS
    WITH fetches AS (
        SELECT feed_id, count(*) AS fetches,
               count(*) FILTER (WHERE status = 'failed') AS failed_fetches,
               max(fetched_at) FILTER (WHERE status = 'failed') AS last_error_at,
               avg(items_new) AS items_new_per_run, avg(duration_ms) AS avg_duration_ms,
               arg_max(items_new, fetched_at) AS last_items_new
        FROM feed_fetches GROUP BY feed_id
    ), carried AS (
        SELECT feed_id, count(*) AS items FROM item_feeds GROUP BY feed_id
    )
    SELECT f.feed_id, f.name, f.url, f.last_status, f.last_http_status, f.last_fetched_at,
           f.last_success_at, last_error_at, f.last_error, coalesce(fetches, 0) AS fetches,
           coalesce(failed_fetches, 0) AS failed_fetches, coalesce(items, 0) AS items,
           items_new_per_run, last_items_new, avg_duration_ms
    FROM feeds AS f LEFT JOIN fetches USING (feed_id) LEFT JOIN carried USING (feed_id);
COMMENT ON VIEW feed_health IS 'One row per feed: last success, last error and items per run.';
COMMENT ON COLUMN feed_health.feed_id IS 'The feed (feeds.feed_id).';
COMMENT ON COLUMN feed_health.name IS 'Name given in the feeds file.';
COMMENT ON COLUMN feed_health.url IS 'The URL fetched now.';
COMMENT ON COLUMN feed_health.last_status IS 'Outcome of the last fetch: ok, not_modified or failed.';
COMMENT ON COLUMN feed_health.last_http_status IS 'HTTP status of the last fetch (NULL when no response).';
COMMENT ON COLUMN feed_health.last_fetched_at IS 'When the feed was last fetched (UTC).';
COMMENT ON COLUMN feed_health.last_success_at IS 'When the feed was last fetched with status ok or not_modified (UTC).';
COMMENT ON COLUMN feed_health.last_error_at IS 'When a fetch of the feed last failed (UTC); NULL if never.';
COMMENT ON COLUMN feed_health.last_error IS 'Why the last failed fetch failed.';
COMMENT ON COLUMN feed_health.fetches IS 'Runs that fetched the feed (rows of feed_fetches).';
COMMENT ON COLUMN feed_health.failed_fetches IS 'Of those, fetches that failed.';
COMMENT ON COLUMN feed_health.items IS 'Items the feed has carried, all runs together.';
COMMENT ON COLUMN feed_health.items_new_per_run IS 'Average items seen for the first time per run.';
COMMENT ON COLUMN feed_health.last_items_new IS 'Items seen for the first time in the last fetch.';
COMMENT ON COLUMN feed_health.avg_duration_ms IS 'Average time to fetch and parse the feed, in milliseconds.';

CREATE OR REPLACE VIEW failure_summary AS
    SELECT stage, kind, host, count(*) AS failures, count(DISTINCT run_id) AS runs,
           min(occurred_at) AS first_at, max(occurred_at) AS last_at,
           list_sort(list_distinct(list(http_status))) AS http_statuses,
           arg_max(message, occurred_at) AS last_message, arg_max(url, occurred_at) AS last_url
    FROM failures
    GROUP BY ALL;
COMMENT ON VIEW failure_summary IS 'Failures by stage, kind and host: how many, since when, and the latest one.';
COMMENT ON COLUMN failure_summary.stage IS 'feed, page or extract (failures.stage).';
COMMENT ON COLUMN failure_summary.kind IS 'Short class of failure (failures.kind).';
COMMENT ON COLUMN failure_summary.host IS 'Host of the URLs concerned.';
COMMENT ON COLUMN failure_summary.failures IS 'Rows of failures.';
COMMENT ON COLUMN failure_summary.runs IS 'Runs in which they occurred.';
COMMENT ON COLUMN failure_summary.first_at IS 'First occurrence (UTC).';
COMMENT ON COLUMN failure_summary.last_at IS 'Latest occurrence (UTC).';
COMMENT ON COLUMN failure_summary.http_statuses IS 'HTTP statuses seen, distinct and sorted (empty when there was no response).';
COMMENT ON COLUMN failure_summary.last_message IS 'Message of the latest occurrence.';
COMMENT ON COLUMN failure_summary.last_url IS 'URL of the latest occurrence.';
