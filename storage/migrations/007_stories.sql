-- newsfeed schema, version 7: stories. Articles whose bodies are near-duplicates (wire copy
-- syndicated by several outlets, a story updated, a page republished under another URL) share
-- a story_id, found with MinHash and locality-sensitive hashing (extract/stories.py,
-- storage/stories.py). The analyst views entity_daily and event_counts count stories where
-- they counted articles; conflicting_figures lists reports of one thing that disagree.

CREATE TABLE stories (
    story_id VARCHAR PRIMARY KEY,
    first_seen_at TIMESTAMPTZ,
    last_seen_at TIMESTAMPTZ,
    articles BIGINT NOT NULL,
    outlets BIGINT NOT NULL,
    outlet_names VARCHAR[],
    feeds BIGINT NOT NULL,
    title VARCHAR
);
COMMENT ON TABLE stories IS 'One row per story: an article and its near-duplicate copies (articles.story_id), kept current as articles are stored.';
COMMENT ON COLUMN stories.story_id IS 'The story: the article_id of its first stored article.';
COMMENT ON COLUMN stories.first_seen_at IS 'Earliest publication time of its articles (their extraction time when undated), UTC.';
COMMENT ON COLUMN stories.last_seen_at IS 'Latest publication time of its articles (their extraction time when undated), UTC.';
COMMENT ON COLUMN stories.articles IS 'Articles of the story (copies under other URLs included).';
COMMENT ON COLUMN stories.outlets IS 'Distinct outlets among them: the page''s site name, else the title of the feed that first carried it, else the host.';
COMMENT ON COLUMN stories.outlet_names IS 'Those outlets, sorted.';
COMMENT ON COLUMN stories.feeds IS 'Distinct feeds that carried its articles.';
COMMENT ON COLUMN stories.title IS 'A representative title: that of its earliest article.';

CREATE TABLE article_signatures (
    article_id VARCHAR PRIMARY KEY,
    scheme VARCHAR NOT NULL,
    signature UINTEGER[] NOT NULL
);
COMMENT ON TABLE article_signatures IS 'The MinHash signature of each article body of 40 words or more (word shingles after normalisation), for grouping copies into stories.';
COMMENT ON COLUMN article_signatures.article_id IS 'The article (articles.article_id).';
COMMENT ON COLUMN article_signatures.scheme IS 'How it was made: seed, shingle words, permutations, LSH bands and rows (e.g. minhash-affine32-s1-w5-p128-b30r4); signatures of one scheme only are compared.';
COMMENT ON COLUMN article_signatures.signature IS 'The num_perm MinHash values; the share of equal values of two signatures estimates the Jaccard similarity of the bodies'' shingles.';

CREATE TABLE story_bands (
    article_id VARCHAR NOT NULL,
    band SMALLINT NOT NULL,
    band_key BIGINT NOT NULL,
    PRIMARY KEY (article_id, band)
);
COMMENT ON TABLE story_bands IS 'The LSH index of the signatures: one key per band of each signature; articles sharing a key are candidate copies.';
COMMENT ON COLUMN story_bands.article_id IS 'The article (articles.article_id).';
COMMENT ON COLUMN story_bands.band IS 'Band number, 0-based.';
COMMENT ON COLUMN story_bands.band_key IS 'Hash of the scheme, the band number and the band''s signature values.';

ALTER TABLE articles ADD COLUMN story_id VARCHAR;
COMMENT ON COLUMN articles.story_id IS 'The story the article belongs to (stories.story_id): the same for near-duplicate bodies; its own article_id for a story of one. NULL for articles stored before schema version 7 until newsfeed reprocess groups them.';

CREATE OR REPLACE VIEW entity_daily AS
    SELECT CAST(timezone('UTC', a.published_at) AS DATE) AS day, e.name, e.label,
           count(DISTINCT coalesce(a.story_id, a.article_id)) AS articles,
           CAST(sum(e.mention_count) AS BIGINT) AS mentions
    FROM entities AS e JOIN articles AS a USING (article_id)
    WHERE coalesce(e.confidence, 1) >= 0.5
    GROUP BY ALL;
COMMENT ON VIEW entity_daily IS 'Entity mentions per publication day: how many stories name each person, organisation or place, and how often (entities of confidence 0.5 or more). Copies of one story count once.';
COMMENT ON COLUMN entity_daily.day IS 'Publication day of the articles (UTC); NULL for articles without a date.';
COMMENT ON COLUMN entity_daily.name IS 'Canonical entity name (entities.name).';
COMMENT ON COLUMN entity_daily.label IS 'PERSON, ORG, GPE, LOC or NORP (entities.label).';
COMMENT ON COLUMN entity_daily.articles IS 'Stories published that day that name the entity (distinct articles.story_id): copies of one story count once.';
COMMENT ON COLUMN entity_daily.mentions IS 'Mentions in those articles, copies included (sum of entities.mention_count).';

CREATE OR REPLACE VIEW event_counts AS
    SELECT CAST(timezone('UTC', a.published_at) AS DATE) AS day, q.category, q.place,
           count(DISTINCT coalesce(a.story_id, a.article_id)) AS reports,
           count(DISTINCT q.article_id) AS articles,
           max(q.value) AS max_value, median(q.value) AS median_value,
           list_sort(list_distinct(list(q.source))) AS sources
    FROM quantities AS q JOIN articles AS a USING (article_id)
    WHERE q.category IS NOT NULL AND coalesce(q.confidence, 1) >= 0.5
    GROUP BY ALL;
COMMENT ON VIEW event_counts IS 'Reported figures by category, place and publication day, in the spirit of GDELT''s counts: several reports of one event are not added up, and copies of one story are one report (quantities of confidence 0.5 or more).';
COMMENT ON COLUMN event_counts.day IS 'Publication day of the articles (UTC).';
COMMENT ON COLUMN event_counts.category IS 'killed, wounded, displaced, arrested, missing, population, distance, money or percentage.';
COMMENT ON COLUMN event_counts.place IS 'Place the figures refer to; NULL when the sentences name none.';
COMMENT ON COLUMN event_counts.reports IS 'Stories reporting figures (distinct articles.story_id): copies of one story count once.';
COMMENT ON COLUMN event_counts.articles IS 'Articles reporting them, copies included.';
COMMENT ON COLUMN event_counts.max_value IS 'Largest value reported.';
COMMENT ON COLUMN event_counts.median_value IS 'Median value reported.';
COMMENT ON COLUMN event_counts.sources IS 'Who the figures are attributed to, distinct and sorted.';

CREATE OR REPLACE VIEW conflicting_figures AS
    WITH outlet AS (
        SELECT i.article_id, arg_min(coalesce(f.title, f.name), i.first_seen_at) AS feed_title,
               arg_min(f.name, i.first_seen_at) AS feed
        FROM items AS i JOIN feeds AS f ON f.feed_id = i.first_feed_id
        GROUP BY i.article_id
    ), figure AS (
        SELECT q.article_id, q.quantity_index, q.text, q.value, q.value_max, q.qualifier,
               q.unit, q.category, q.place, q.source, q.sentence,
               coalesce(a.story_id, a.article_id) AS story_id,
               CAST(timezone('UTC', a.published_at) AS DATE) AS day, a.title,
               coalesce(a.site_name, o.feed_title,
                        regexp_extract(coalesce(a.final_url, a.url), '//([^/:]+)', 1)) AS outlet,
               o.feed
        FROM quantities AS q JOIN articles AS a USING (article_id)
        LEFT JOIN outlet AS o USING (article_id)
        WHERE q.category IS NOT NULL AND coalesce(q.confidence, 1) >= 0.5
    ), pairs AS (
        SELECT 'story' AS basis, x.story_id, x.day, x.category, coalesce(x.place, y.place) AS place,
               x.unit, x.article_id AS article_id_a, x.quantity_index AS quantity_index_a,
               y.article_id AS article_id_b, y.quantity_index AS quantity_index_b
        FROM figure AS x JOIN figure AS y
          ON x.story_id = y.story_id AND x.category = y.category
         AND x.unit IS NOT DISTINCT FROM y.unit AND x.article_id < y.article_id
         AND (x.place IS NULL OR y.place IS NULL OR x.place = y.place)
        UNION ALL
        SELECT 'category, place and day', NULL, x.day, x.category, x.place, x.unit,
               x.article_id, x.quantity_index, y.article_id, y.quantity_index
        FROM figure AS x JOIN figure AS y
          ON x.category = y.category AND x.place = y.place AND x.day = y.day
         AND x.unit IS NOT DISTINCT FROM y.unit AND x.article_id < y.article_id
         AND x.story_id <> y.story_id
    )
    SELECT p.basis, p.story_id, p.day, p.category, p.place, p.unit,
           x.value AS value_a, y.value AS value_b, x.text AS text_a, y.text AS text_b,
           x.qualifier AS qualifier_a, y.qualifier AS qualifier_b,
           x.source AS source_a, y.source AS source_b, x.outlet AS outlet_a, y.outlet AS outlet_b,
           x.feed AS feed_a, y.feed AS feed_b, x.title AS title_a, y.title AS title_b,
           x.sentence AS sentence_a, y.sentence AS sentence_b,
           p.article_id_a, p.quantity_index_a, p.article_id_b, p.quantity_index_b
    FROM pairs AS p
    JOIN figure AS x ON x.article_id = p.article_id_a AND x.quantity_index = p.quantity_index_a
    JOIN figure AS y ON y.article_id = p.article_id_b AND y.quantity_index = p.quantity_index_b
    WHERE (coalesce(x.value_max, x.value) < y.value OR coalesce(y.value_max, y.value) < x.value)
      AND NOT EXISTS (SELECT 1 FROM figure AS z WHERE z.article_id = y.article_id
                      AND z.category = x.category AND z.value = x.value)
      AND NOT EXISTS (SELECT 1 FROM figure AS z WHERE z.article_id = x.article_id
                      AND z.category = y.category AND z.value = y.value);
COMMENT ON VIEW conflicting_figures IS 'Pairs of figures from two articles that disagree, side by side with their outlet, source and sentence: the same category (and unit) in one story (places equal or unnamed), or in two stories of the same category, place and publication day. Only confident quantities (0.5 or more) with a category; figures whose ranges overlap agree, and a figure the other article also reports (the toll of an earlier disaster, given by both) is no conflict.';
COMMENT ON COLUMN conflicting_figures.basis IS 'Why the two figures concern one thing: story (one story, articles.story_id) or category, place and day.';
COMMENT ON COLUMN conflicting_figures.story_id IS 'The story of both articles, when basis = story; else NULL.';
COMMENT ON COLUMN conflicting_figures.day IS 'Publication day (UTC) of the first article.';
COMMENT ON COLUMN conflicting_figures.category IS 'What is counted: killed, wounded, displaced, money ... (quantities.category).';
COMMENT ON COLUMN conflicting_figures.place IS 'The place the figures refer to, when named.';
COMMENT ON COLUMN conflicting_figures.unit IS 'Unit of both figures (NULL for counts).';
COMMENT ON COLUMN conflicting_figures.value_a IS 'Value of the first figure (quantities.value).';
COMMENT ON COLUMN conflicting_figures.value_b IS 'Value of the second figure.';
COMMENT ON COLUMN conflicting_figures.text_a IS 'The first figure as written.';
COMMENT ON COLUMN conflicting_figures.text_b IS 'The second figure as written.';
COMMENT ON COLUMN conflicting_figures.qualifier_a IS 'Qualifier of the first figure (at least, more than ...).';
COMMENT ON COLUMN conflicting_figures.qualifier_b IS 'Qualifier of the second figure.';
COMMENT ON COLUMN conflicting_figures.source_a IS 'Who the first figure is attributed to (quantities.source).';
COMMENT ON COLUMN conflicting_figures.source_b IS 'Who the second figure is attributed to.';
COMMENT ON COLUMN conflicting_figures.outlet_a IS 'Outlet of the first article: its site name, else the title of the feed that first carried it, else its host.';
COMMENT ON COLUMN conflicting_figures.outlet_b IS 'Outlet of the second article.';
COMMENT ON COLUMN conflicting_figures.feed_a IS 'Name of the feed that first carried the first article (feeds.name).';
COMMENT ON COLUMN conflicting_figures.feed_b IS 'Name of the feed that first carried the second article.';
COMMENT ON COLUMN conflicting_figures.title_a IS 'Title of the first article.';
COMMENT ON COLUMN conflicting_figures.title_b IS 'Title of the second article.';
COMMENT ON COLUMN conflicting_figures.sentence_a IS 'The sentence of the first figure.';
COMMENT ON COLUMN conflicting_figures.sentence_b IS 'The sentence of the second figure.';
COMMENT ON COLUMN conflicting_figures.article_id_a IS 'The first article (articles.article_id; the smaller id of the two).';
COMMENT ON COLUMN conflicting_figures.quantity_index_a IS 'The first figure (quantities.quantity_index).';
COMMENT ON COLUMN conflicting_figures.article_id_b IS 'The second article.';
COMMENT ON COLUMN conflicting_figures.quantity_index_b IS 'The second figure (quantities.quantity_index).';
