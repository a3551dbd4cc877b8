-- newsfeed schema, version 1. Every table and column is documented with COMMENT ON:
-- `newsfeed schema` prints them, and the README's schema section is generated from them.
-- Times are TIMESTAMPTZ in UTC. Ids are stable across runs.

CREATE TABLE feeds (
    feed_id VARCHAR PRIMARY KEY,
    configured_url VARCHAR NOT NULL UNIQUE,
    url VARCHAR NOT NULL,
    name VARCHAR,
    tags VARCHAR[],
    title VARCHAR,
    site_url VARCHAR,
    etag VARCHAR,
    last_modified VARCHAR,
    last_status VARCHAR,
    last_http_status INTEGER,
    last_fetched_at TIMESTAMPTZ,
    last_success_at TIMESTAMPTZ,
    last_error VARCHAR
);
COMMENT ON TABLE feeds IS 'One row per feed followed: where it is and how its last fetch went.';
COMMENT ON COLUMN feeds.feed_id IS 'Stable id: hash of the URL as configured in the feeds file.';
COMMENT ON COLUMN feeds.configured_url IS 'The URL as written in the feeds file.';
COMMENT ON COLUMN feeds.url IS 'The URL fetched now: the configured one, or where a permanent redirect (301/308) led.';
COMMENT ON COLUMN feeds.name IS 'Name given in the feeds file.';
COMMENT ON COLUMN feeds.tags IS 'Tags given in the feeds file.';
COMMENT ON COLUMN feeds.title IS 'The title the feed gives itself.';
COMMENT ON COLUMN feeds.site_url IS 'The website the feed links to.';
COMMENT ON COLUMN feeds.etag IS 'ETag of the last 200 response, sent back as If-None-Match.';
COMMENT ON COLUMN feeds.last_modified IS 'Last-Modified of the last 200 response, sent back as If-Modified-Since.';
COMMENT ON COLUMN feeds.last_status IS 'Outcome of the last fetch: ok, not_modified or failed.';
COMMENT ON COLUMN feeds.last_http_status IS 'HTTP status of the last fetch (NULL when no response).';
COMMENT ON COLUMN feeds.last_fetched_at IS 'When the feed was last fetched (UTC).';
COMMENT ON COLUMN feeds.last_success_at IS 'When the feed was last fetched with status ok or not_modified (UTC).';
COMMENT ON COLUMN feeds.last_error IS 'Why the last failed fetch failed.';

CREATE TABLE runs (
    run_id VARCHAR PRIMARY KEY,
    started_at TIMESTAMPTZ NOT NULL,
    finished_at TIMESTAMPTZ,
    status VARCHAR NOT NULL,
    feeds_total INTEGER,
    feeds_ok INTEGER,
    feeds_not_modified INTEGER,
    feeds_failed INTEGER,
    items_new INTEGER,
    articles_written INTEGER,
    articles_from_feed INTEGER,
    entities INTEGER,
    quantities INTEGER,
    quotes INTEGER,
    dates INTEGER,
    failures INTEGER,
    duration_s DOUBLE,
    fetch_feeds_s DOUBLE,
    fetch_articles_s DOUBLE,
    extract_s DOUBLE,
    store_s DOUBLE,
    error VARCHAR
);
COMMENT ON TABLE runs IS 'One row per ingest run: counts, durations and status.';
COMMENT ON COLUMN runs.run_id IS 'Run id (the Prefect flow run id when run under Prefect).';
COMMENT ON COLUMN runs.started_at IS 'When the run started (UTC).';
COMMENT ON COLUMN runs.finished_at IS 'When the run ended (UTC); NULL while running or after a crash.';
COMMENT ON COLUMN runs.status IS 'running, completed, failed, or crashed (the process died; set by the next run).';
COMMENT ON COLUMN runs.feeds_total IS 'Feeds in the feeds file.';
COMMENT ON COLUMN runs.feeds_ok IS 'Feeds fetched and parsed (HTTP 200).';
COMMENT ON COLUMN runs.feeds_not_modified IS 'Feeds answered 304 Not Modified.';
COMMENT ON COLUMN runs.feeds_failed IS 'Feeds that could not be fetched or parsed.';
COMMENT ON COLUMN runs.items_new IS 'Items seen for the first time.';
COMMENT ON COLUMN runs.articles_written IS 'Articles extracted and stored with their facts.';
COMMENT ON COLUMN runs.articles_from_feed IS 'Of those, articles whose body came from the feed because the page failed.';
COMMENT ON COLUMN runs.entities IS 'Entity rows written.';
COMMENT ON COLUMN runs.quantities IS 'Quantity rows written.';
COMMENT ON COLUMN runs.quotes IS 'Quote rows written.';
COMMENT ON COLUMN runs.dates IS 'Date rows written.';
COMMENT ON COLUMN runs.failures IS 'Rows written to failures.';
COMMENT ON COLUMN runs.duration_s IS 'Wall time of the run in seconds.';
COMMENT ON COLUMN runs.fetch_feeds_s IS 'Seconds spent fetching and parsing feeds.';
COMMENT ON COLUMN runs.fetch_articles_s IS 'Seconds spent downloading article pages.';
COMMENT ON COLUMN runs.extract_s IS 'Seconds spent in body and fact extraction (wall time).';
COMMENT ON COLUMN runs.store_s IS 'Seconds spent writing articles and facts.';
COMMENT ON COLUMN runs.error IS 'Why the run failed, when it did.';

CREATE TABLE feed_fetches (
    run_id VARCHAR NOT NULL,
    feed_id VARCHAR NOT NULL,
    url VARCHAR NOT NULL,
    fetched_at TIMESTAMPTZ NOT NULL,
    status VARCHAR NOT NULL,
    http_status INTEGER,
    items_seen INTEGER,
    items_new INTEGER,
    duration_ms DOUBLE,
    error VARCHAR,
    PRIMARY KEY (run_id, feed_id)
);
COMMENT ON TABLE feed_fetches IS 'Each feed''s outcome in each run.';
COMMENT ON COLUMN feed_fetches.run_id IS 'The run (runs.run_id).';
COMMENT ON COLUMN feed_fetches.feed_id IS 'The feed (feeds.feed_id).';
COMMENT ON COLUMN feed_fetches.url IS 'URL requested.';
COMMENT ON COLUMN feed_fetches.fetched_at IS 'When the request was made (UTC).';
COMMENT ON COLUMN feed_fetches.status IS 'ok, not_modified or failed.';
COMMENT ON COLUMN feed_fetches.http_status IS 'HTTP status of the final response (NULL when none).';
COMMENT ON COLUMN feed_fetches.items_seen IS 'Items in the feed.';
COMMENT ON COLUMN feed_fetches.items_new IS 'Items not seen before in any feed.';
COMMENT ON COLUMN feed_fetches.duration_ms IS 'Time to fetch and parse, in milliseconds.';
COMMENT ON COLUMN feed_fetches.error IS 'Why the fetch failed.';

CREATE TABLE items (
    item_id VARCHAR PRIMARY KEY,
    article_id VARCHAR NOT NULL,
    guid VARCHAR,
    url VARCHAR,
    canonical_url VARCHAR,
    title VARCHAR,
    author VARCHAR,
    published_at TIMESTAMPTZ,
    summary VARCHAR,
    content VARCHAR,
    first_feed_id VARCHAR NOT NULL,
    first_run_id VARCHAR NOT NULL,
    first_seen_at TIMESTAMPTZ NOT NULL
);
COMMENT ON TABLE items IS 'One row per feed item (entry), stored once however many runs or feeds carry it.';
COMMENT ON COLUMN items.item_id IS 'Stable id: hash of the GUID (canonicalised when a URL), else of the canonical link.';
COMMENT ON COLUMN items.article_id IS 'The article it links to (articles.article_id): copies of one story in several feeds share it.';
COMMENT ON COLUMN items.guid IS 'The item''s GUID / Atom id, as given.';
COMMENT ON COLUMN items.url IS 'The item''s link, as given.';
COMMENT ON COLUMN items.canonical_url IS 'The link without tracking parameters (utm_*, fbclid, ...) and fragment.';
COMMENT ON COLUMN items.title IS 'Title from the feed.';
COMMENT ON COLUMN items.author IS 'Author from the feed.';
COMMENT ON COLUMN items.published_at IS 'Publication time from the feed (UTC).';
COMMENT ON COLUMN items.summary IS 'Summary / description from the feed (may hold HTML).';
COMMENT ON COLUMN items.content IS 'Full content from the feed, when it carries one (may hold HTML).';
COMMENT ON COLUMN items.first_feed_id IS 'The feed the item was first seen in.';
COMMENT ON COLUMN items.first_run_id IS 'The run that first saw the item.';
COMMENT ON COLUMN items.first_seen_at IS 'When the item was first seen (UTC).';

CREATE TABLE item_feeds (
    item_id VARCHAR NOT NULL,
    feed_id VARCHAR NOT NULL,
    first_seen_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (item_id, feed_id)
);
COMMENT ON TABLE item_feeds IS 'Which feeds carry which item (an item may be in several feeds).';
COMMENT ON COLUMN item_feeds.item_id IS 'The item (items.item_id).';
COMMENT ON COLUMN item_feeds.feed_id IS 'A feed carrying it (feeds.feed_id).';
COMMENT ON COLUMN item_feeds.first_seen_at IS 'When this feed was first seen carrying it (UTC).';

CREATE TABLE articles (
    article_id VARCHAR PRIMARY KEY,
    url VARCHAR,
    final_url VARCHAR,
    http_status INTEGER,
    title VARCHAR,
    author VARCHAR,
    published_at TIMESTAMPTZ,
    site_name VARCHAR,
    language VARCHAR,
    body VARCHAR NOT NULL,
    word_count INTEGER NOT NULL,
    body_source VARCHAR NOT NULL,
    fallback_reason VARCHAR,
    facts_skipped_reason VARCHAR,
    run_id VARCHAR NOT NULL,
    extracted_at TIMESTAMPTZ NOT NULL,
    extractor VARCHAR NOT NULL,
    extractor_version VARCHAR NOT NULL
);
COMMENT ON TABLE articles IS 'One row per article (a page, however many items link to it): cleaned body and metadata. Facts point here.';
COMMENT ON COLUMN articles.article_id IS 'Stable id: hash of the canonical link (tracking parameters removed), else of the item.';
COMMENT ON COLUMN articles.url IS 'The link that was downloaded.';
COMMENT ON COLUMN articles.final_url IS 'Where redirects led.';
COMMENT ON COLUMN articles.http_status IS 'HTTP status of the page download (NULL when none was made).';
COMMENT ON COLUMN articles.title IS 'Title: the page''s, else the feed item''s.';
COMMENT ON COLUMN articles.author IS 'Author: the page''s byline, else the feed item''s.';
COMMENT ON COLUMN articles.published_at IS 'Publication time (UTC): the feed item''s, else the page''s.';
COMMENT ON COLUMN articles.site_name IS 'Site name from the page metadata.';
COMMENT ON COLUMN articles.language IS 'Language code of the body (e.g. en, fr).';
COMMENT ON COLUMN articles.body IS 'Cleaned body text; paragraphs separated by a blank line. Fact offsets index into it.';
COMMENT ON COLUMN articles.word_count IS 'Words in the body.';
COMMENT ON COLUMN articles.body_source IS 'page (extracted from the downloaded page) or feed (the feed''s own content or summary).';
COMMENT ON COLUMN articles.fallback_reason IS 'Why the page was not used, when body_source = feed.';
COMMENT ON COLUMN articles.facts_skipped_reason IS 'Why no fact extraction ran (e.g. language not supported), else NULL.';
COMMENT ON COLUMN articles.run_id IS 'The run that wrote this version of the article.';
COMMENT ON COLUMN articles.extracted_at IS 'When the body and facts were extracted (UTC).';
COMMENT ON COLUMN articles.extractor IS 'Name of the fact extractor that produced the facts.';
COMMENT ON COLUMN articles.extractor_version IS 'Version of the fact extractor; facts can be recomputed when it changes.';

CREATE TABLE entities (
    article_id VARCHAR NOT NULL,
    entity_index INTEGER NOT NULL,
    name VARCHAR NOT NULL,
    label VARCHAR NOT NULL,
    mention_count INTEGER NOT NULL,
    sentence_index INTEGER NOT NULL,
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL,
    sentence VARCHAR NOT NULL,
    extractor VARCHAR NOT NULL,
    extractor_version VARCHAR NOT NULL,
    PRIMARY KEY (article_id, entity_index)
);
COMMENT ON TABLE entities IS 'Named entities: one row per canonical name per article.';
COMMENT ON COLUMN entities.article_id IS 'The article (articles.article_id).';
COMMENT ON COLUMN entities.entity_index IS 'Position of the entity in the article (0-based, by first mention).';
COMMENT ON COLUMN entities.name IS 'Canonical name in this article (e.g. Selim Idriss for "Gen Selim Idriss" and "Idriss").';
COMMENT ON COLUMN entities.label IS 'PERSON, ORG, GPE (countries, cities), LOC (other places) or NORP (nationalities, groups).';
COMMENT ON COLUMN entities.mention_count IS 'How often the article names it.';
COMMENT ON COLUMN entities.sentence_index IS 'Sentence of the first mention (0-based) in articles.body.';
COMMENT ON COLUMN entities.char_start IS 'Start offset of the first mention in articles.body.';
COMMENT ON COLUMN entities.char_end IS 'End offset (exclusive) of the first mention in articles.body.';
COMMENT ON COLUMN entities.sentence IS 'The sentence of the first mention.';
COMMENT ON COLUMN entities.extractor IS 'Fact extractor name.';
COMMENT ON COLUMN entities.extractor_version IS 'Fact extractor version.';

CREATE TABLE entity_mentions (
    article_id VARCHAR NOT NULL,
    entity_index INTEGER NOT NULL,
    mention_index INTEGER NOT NULL,
    text VARCHAR NOT NULL,
    sentence_index INTEGER NOT NULL,
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL,
    PRIMARY KEY (article_id, entity_index, mention_index)
);
COMMENT ON TABLE entity_mentions IS 'Every mention of every entity, with its place in the body.';
COMMENT ON COLUMN entity_mentions.article_id IS 'The article (articles.article_id).';
COMMENT ON COLUMN entity_mentions.entity_index IS 'The entity (entities.entity_index in the same article).';
COMMENT ON COLUMN entity_mentions.mention_index IS 'Position of the mention (0-based).';
COMMENT ON COLUMN entity_mentions.text IS 'The mention as written ("Idriss", "Gen Selim Idriss").';
COMMENT ON COLUMN entity_mentions.sentence_index IS 'Sentence (0-based) in articles.body.';
COMMENT ON COLUMN entity_mentions.char_start IS 'Start offset in articles.body.';
COMMENT ON COLUMN entity_mentions.char_end IS 'End offset (exclusive) in articles.body.';

CREATE TABLE quantities (
    article_id VARCHAR NOT NULL,
    quantity_index INTEGER NOT NULL,
    text VARCHAR NOT NULL,
    value DOUBLE NOT NULL,
    value_max DOUBLE,
    approximate BOOLEAN NOT NULL,
    unit VARCHAR,
    qualifier VARCHAR,
    counted VARCHAR,
    category VARCHAR,
    place VARCHAR,
    source VARCHAR,
    sentence_index INTEGER NOT NULL,
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL,
    sentence VARCHAR NOT NULL,
    extractor VARCHAR NOT NULL,
    extractor_version VARCHAR NOT NULL,
    PRIMARY KEY (article_id, quantity_index)
);
COMMENT ON TABLE quantities IS 'Numbers with what they count: "more than 80,000 people killed in Syria".';
COMMENT ON COLUMN quantities.article_id IS 'The article (articles.article_id).';
COMMENT ON COLUMN quantities.quantity_index IS 'Position in the article (0-based).';
COMMENT ON COLUMN quantities.text IS 'The quantity as written.';
COMMENT ON COLUMN quantities.value IS 'Normalised value ("1.5 million" -> 1500000).';
COMMENT ON COLUMN quantities.value_max IS 'Upper end of a range ("between 10 and 20" -> value 10, value_max 20), else NULL.';
COMMENT ON COLUMN quantities.approximate IS 'True for vague amounts ("hundreds", "dozens"), whose value is indicative.';
COMMENT ON COLUMN quantities.unit IS 'Unit (km, mi, %, USD, ...), NULL for counts.';
COMMENT ON COLUMN quantities.qualifier IS 'more than, up to, some, estimated, about, at least, ...';
COMMENT ON COLUMN quantities.counted IS 'What is counted (people, villages, farms).';
COMMENT ON COLUMN quantities.category IS 'killed, wounded, displaced, arrested, population, distance, money, percentage, or NULL.';
COMMENT ON COLUMN quantities.place IS 'Place the number refers to, when the sentence names one.';
COMMENT ON COLUMN quantities.source IS 'Who the number is attributed to ("UN").';
COMMENT ON COLUMN quantities.sentence_index IS 'Sentence (0-based) in articles.body.';
COMMENT ON COLUMN quantities.char_start IS 'Start offset in articles.body.';
COMMENT ON COLUMN quantities.char_end IS 'End offset (exclusive) in articles.body.';
COMMENT ON COLUMN quantities.sentence IS 'The sentence it came from.';
COMMENT ON COLUMN quantities.extractor IS 'Fact extractor name.';
COMMENT ON COLUMN quantities.extractor_version IS 'Fact extractor version.';

CREATE TABLE quotes (
    article_id VARCHAR NOT NULL,
    quote_index INTEGER NOT NULL,
    text VARCHAR NOT NULL,
    speaker VARCHAR,
    speaker_role VARCHAR,
    verb VARCHAR,
    is_fragment BOOLEAN NOT NULL,
    sentence_index INTEGER NOT NULL,
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL,
    sentence VARCHAR NOT NULL,
    extractor VARCHAR NOT NULL,
    extractor_version VARCHAR NOT NULL,
    PRIMARY KEY (article_id, quote_index)
);
COMMENT ON TABLE quotes IS 'Direct quotations with their speaker.';
COMMENT ON COLUMN quotes.article_id IS 'The article (articles.article_id).';
COMMENT ON COLUMN quotes.quote_index IS 'Position in the article (0-based).';
COMMENT ON COLUMN quotes.text IS 'The words inside the quotation marks.';
COMMENT ON COLUMN quotes.speaker IS 'Who said it, resolved to a name where the text allows ("She said" -> Rima Kamal).';
COMMENT ON COLUMN quotes.speaker_role IS 'The speaker''s role as written ("ICRC spokeswoman").';
COMMENT ON COLUMN quotes.verb IS 'Reporting verb (said, told, added).';
COMMENT ON COLUMN quotes.is_fragment IS 'True for partial or scare quotes ("terrorists"), false for full sentences.';
COMMENT ON COLUMN quotes.sentence_index IS 'Sentence (0-based) in articles.body where the quote starts.';
COMMENT ON COLUMN quotes.char_start IS 'Start offset in articles.body.';
COMMENT ON COLUMN quotes.char_end IS 'End offset (exclusive) in articles.body.';
COMMENT ON COLUMN quotes.sentence IS 'The sentence it came from.';
COMMENT ON COLUMN quotes.extractor IS 'Fact extractor name.';
COMMENT ON COLUMN quotes.extractor_version IS 'Fact extractor version.';

CREATE TABLE dates (
    article_id VARCHAR NOT NULL,
    date_index INTEGER NOT NULL,
    text VARCHAR NOT NULL,
    resolved DATE,
    granularity VARCHAR,
    sentence_index INTEGER NOT NULL,
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL,
    sentence VARCHAR NOT NULL,
    extractor VARCHAR NOT NULL,
    extractor_version VARCHAR NOT NULL,
    PRIMARY KEY (article_id, date_index)
);
COMMENT ON TABLE dates IS 'Dates named in the text, resolved against the article''s publication date.';
COMMENT ON COLUMN dates.article_id IS 'The article (articles.article_id).';
COMMENT ON COLUMN dates.date_index IS 'Position in the article (0-based).';
COMMENT ON COLUMN dates.text IS 'As written ("on Tuesday", "in July", "last year").';
COMMENT ON COLUMN dates.resolved IS 'The date meant (first day of the month or year for coarser granularity).';
COMMENT ON COLUMN dates.granularity IS 'day, month or year.';
COMMENT ON COLUMN dates.sentence_index IS 'Sentence (0-based) in articles.body.';
COMMENT ON COLUMN dates.char_start IS 'Start offset in articles.body.';
COMMENT ON COLUMN dates.char_end IS 'End offset (exclusive) in articles.body.';
COMMENT ON COLUMN dates.sentence IS 'The sentence it came from.';
COMMENT ON COLUMN dates.extractor IS 'Fact extractor name.';
COMMENT ON COLUMN dates.extractor_version IS 'Fact extractor version.';

CREATE TABLE failures (
    run_id VARCHAR NOT NULL,
    occurred_at TIMESTAMPTZ NOT NULL,
    stage VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    message VARCHAR NOT NULL,
    url VARCHAR,
    host VARCHAR,
    feed_id VARCHAR,
    article_id VARCHAR,
    http_status INTEGER
);
COMMENT ON TABLE failures IS 'What failed, where and why. A failure never stops a run.';
COMMENT ON COLUMN failures.run_id IS 'The run (runs.run_id).';
COMMENT ON COLUMN failures.occurred_at IS 'When (UTC).';
COMMENT ON COLUMN failures.stage IS 'feed (fetching or parsing a feed), page (downloading an article), extract (body or facts).';
COMMENT ON COLUMN failures.kind IS 'Short class of failure: http_status, timeout, connection, too_large, not_a_feed, not_html, no_body, error, ...';
COMMENT ON COLUMN failures.message IS 'Human-readable reason.';
COMMENT ON COLUMN failures.url IS 'URL concerned.';
COMMENT ON COLUMN failures.host IS 'Host of the URL.';
COMMENT ON COLUMN failures.feed_id IS 'Feed concerned (feeds.feed_id), if any.';
COMMENT ON COLUMN failures.article_id IS 'Article concerned (articles.article_id), if any.';
COMMENT ON COLUMN failures.http_status IS 'HTTP status, when there was a response.';

CREATE INDEX articles_published ON articles (published_at);
CREATE INDEX items_article ON items (article_id);
CREATE INDEX failures_run ON failures (run_id);

CREATE VIEW facts AS
    SELECT article_id, 'entity' AS fact_type, entity_index AS fact_index, name AS text,
           label AS detail, NULL::DOUBLE AS value, sentence_index, char_start, char_end, sentence
    FROM entities
    UNION ALL
    SELECT article_id, 'quantity', quantity_index, text,
           concat_ws(' ', qualifier, category, counted, unit), value, sentence_index, char_start,
           char_end, sentence
    FROM quantities
    UNION ALL
    SELECT article_id, 'quote', quote_index, text, concat_ws(', ', speaker, speaker_role), NULL,
           sentence_index, char_start, char_end, sentence
    FROM quotes
    UNION ALL
    SELECT article_id, 'date', date_index, text, CAST(resolved AS VARCHAR), NULL, sentence_index,
           char_start, char_end, sentence
    FROM dates;
COMMENT ON VIEW facts IS 'One row per fact across entities, quantities, quotes and dates, for quick browsing.';
