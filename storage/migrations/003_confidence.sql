-- newsfeed schema, version 3: a confidence on every fact, and analyst views that count only
-- confident facts (confidence >= 0.5, extract/types.py CONFIDENT). The fact tables keep
-- every fact; query them for the rest.

ALTER TABLE entities ADD COLUMN confidence DOUBLE;
ALTER TABLE quantities ADD COLUMN confidence DOUBLE;
ALTER TABLE quotes ADD COLUMN confidence DOUBLE;
ALTER TABLE dates ADD COLUMN confidence DOUBLE;
COMMENT ON COLUMN entities.confidence IS 'How sure the extractor is of the name and its label, 0 to 1 (from the evidence the rule used); NULL for facts extracted before schema version 3 (newsfeed reprocess fills it).';
COMMENT ON COLUMN quantities.confidence IS 'How sure the extractor is of the value with its category, place and source, 0 to 1: 1 for digits or number words with a unit or a counted noun and a category the parse ties to the figure, 0.6 for vague amounts and bare numbers, 0.4 for a category from a nearby cue word only; NULL for facts extracted before schema version 3.';
COMMENT ON COLUMN quantities.value IS 'Normalised value, signed ("1.5 million" -> 1500000, "-1.3%" -> -1.3); vague amounts get a representative value ("hundreds" -> 200); fractions and ratios their share of one ("two-thirds" -> 0.667, "one in five" -> 0.2).';
COMMENT ON COLUMN quantities.value_max IS 'Upper end of a range or alternative ("between 10 and 20", "$8-10 million", "eight or nine": value 8, value_max 9), else NULL.';
COMMENT ON COLUMN quantities.unit IS 'ISO 4217 currency code ("$" = USD unless A$, C$, HK$ ...), %, pp (percentage points), bp, fraction, km, mi, m, m2, ha, kg, t, l, km/h, MW, °C, GB, a time unit for durations (day, month, year ...); NULL for counts (see counted).';
COMMENT ON COLUMN quantities.qualifier IS 'Normalised: more than, less than, at least, at most, up to, about, nearly, estimated, between, only.';
COMMENT ON COLUMN quantities.counted IS 'The noun counted (people, villages), for figures without a unit.';
COMMENT ON COLUMN quantities.category IS 'killed, wounded, displaced, arrested, missing, population (only when a verb, adjective or noun tied to the figure says so), money, percentage, distance, or NULL.';
COMMENT ON COLUMN quantities.place IS 'A place entity (GPE/LOC) the clause ties to the figure; for a distance, what it is measured from. Never a compass word.';
COMMENT ON COLUMN quotes.confidence IS 'How sure the extractor is of the speaker (of the quote itself when it has none), 0 to 1; NULL for facts extracted before schema version 3.';
COMMENT ON COLUMN dates.granularity IS 'What the resolved date stands for: day, week, weekend, month, season, year, decade or century (resolved is its first day).';
COMMENT ON COLUMN dates.confidence IS 'How sure the extractor is of the resolved date, 0 to 1; NULL for facts extracted before schema version 3.';

CREATE OR REPLACE VIEW facts AS
    SELECT f.article_id, f.fact_type, f.fact_index, f.text, f.detail, f.value,
           f.confidence, f.sentence_index, f.char_start, f.char_end, f.sentence,
           CAST(timezone('UTC', a.published_at) AS DATE) AS day
    FROM (
        SELECT article_id, 'entity' AS fact_type, entity_index AS fact_index, name AS text,
               label AS detail, NULL::DOUBLE AS value, confidence, sentence_index, char_start,
               char_end, sentence
        FROM entities
        UNION ALL
        SELECT article_id, 'quantity', quantity_index, text,
               concat_ws(' ', qualifier, category, counted, unit), value, confidence,
               sentence_index, char_start, char_end, sentence
        FROM quantities
        UNION ALL
        SELECT article_id, 'quote', quote_index, text, concat_ws(', ', speaker, speaker_role),
               NULL, confidence, sentence_index, char_start, char_end, sentence
        FROM quotes
        UNION ALL
        SELECT article_id, 'date', date_index, text, CAST(resolved AS VARCHAR), NULL,
               confidence, sentence_index, char_start, char_end, sentence
        FROM dates
    ) AS f
    LEFT JOIN articles AS a USING (article_id);
COMMENT ON VIEW facts IS 'One row per fact across entities, quantities, quotes and dates, for quick browsing (all facts, whatever their confidence).';
COMMENT ON COLUMN facts.article_id IS 'The article (articles.article_id).';
COMMENT ON COLUMN facts.fact_type IS 'entity, quantity, quote or date: the table the row comes from.';
COMMENT ON COLUMN facts.fact_index IS 'Position of the fact in its table for this article (entity_index, quantity_index, ...).';
COMMENT ON COLUMN facts.text IS 'Entity name, quantity as written, quoted words, or date as written.';
COMMENT ON COLUMN facts.detail IS 'Entity label; quantity qualifier, category, counted and unit; quote speaker and role; resolved date.';
COMMENT ON COLUMN facts.value IS 'Normalised value of a quantity; NULL for other facts.';
COMMENT ON COLUMN facts.confidence IS 'The fact''s confidence, 0 to 1 (the confidence column of its table).';
COMMENT ON COLUMN facts.sentence_index IS 'Sentence (0-based) in articles.body.';
COMMENT ON COLUMN facts.char_start IS 'Start offset in articles.body.';
COMMENT ON COLUMN facts.char_end IS 'End offset (exclusive) in articles.body.';
COMMENT ON COLUMN facts.sentence IS 'The sentence it came from.';
COMMENT ON COLUMN facts.day IS 'Publication day of the article (UTC).';

CREATE OR REPLACE VIEW entity_daily AS
    SELECT CAST(timezone('UTC', a.published_at) AS DATE) AS day, e.name, e.label,
           count(*) AS articles, CAST(sum(e.mention_count) AS BIGINT) AS mentions
    FROM entities AS e JOIN articles AS a USING (article_id)
    WHERE coalesce(e.confidence, 1) >= 0.5
    GROUP BY ALL;
COMMENT ON VIEW entity_daily IS 'Entity mentions per publication day: how many articles name each person, organisation or place, and how often (entities of confidence 0.5 or more).';
COMMENT ON COLUMN entity_daily.day IS 'Publication day of the articles (UTC); NULL for articles without a date.';
COMMENT ON COLUMN entity_daily.name IS 'Canonical entity name (entities.name).';
COMMENT ON COLUMN entity_daily.label IS 'PERSON, ORG, GPE, LOC or NORP (entities.label).';
COMMENT ON COLUMN entity_daily.articles IS 'Articles published that day that name the entity.';
COMMENT ON COLUMN entity_daily.mentions IS 'Mentions in those articles (sum of entities.mention_count).';

CREATE OR REPLACE VIEW quotes_by_speaker AS
    SELECT q.speaker, q.speaker_role, q.text AS quote, q.verb, q.confidence, q.sentence,
           CAST(timezone('UTC', a.published_at) AS DATE) AS day, a.published_at, a.title,
           coalesce(a.final_url, a.url) AS url, q.article_id, q.quote_index
    FROM quotes AS q JOIN articles AS a USING (article_id)
    WHERE NOT q.is_fragment AND coalesce(q.confidence, 1) >= 0.5;
COMMENT ON VIEW quotes_by_speaker IS 'Quotes with their speaker and the article they appeared in (speaker NULL when unknown); full quotes of confidence 0.5 or more, no fragments or scare quotes.';
COMMENT ON COLUMN quotes_by_speaker.speaker IS 'Who said it (quotes.speaker); NULL when the text does not say.';
COMMENT ON COLUMN quotes_by_speaker.speaker_role IS 'The speaker''s role as written (quotes.speaker_role).';
COMMENT ON COLUMN quotes_by_speaker.quote IS 'The words inside the quotation marks (quotes.text).';
COMMENT ON COLUMN quotes_by_speaker.verb IS 'Reporting verb (said, told, added).';
COMMENT ON COLUMN quotes_by_speaker.confidence IS 'Confidence of the speaker (quotes.confidence).';
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
    WHERE q.category IS NOT NULL AND coalesce(q.confidence, 1) >= 0.5
    GROUP BY ALL;
COMMENT ON VIEW event_counts IS 'Reported figures by category, place and publication day, in the spirit of GDELT''s counts: several reports of one event are not added up (quantities of confidence 0.5 or more).';
COMMENT ON COLUMN event_counts.day IS 'Publication day of the articles (UTC).';
COMMENT ON COLUMN event_counts.category IS 'killed, wounded, displaced, arrested, missing, population, distance, money or percentage.';
COMMENT ON COLUMN event_counts.place IS 'Place the figures refer to; NULL when the sentences name none.';
COMMENT ON COLUMN event_counts.reports IS 'Quantities reported (rows of quantities).';
COMMENT ON COLUMN event_counts.articles IS 'Articles reporting them.';
COMMENT ON COLUMN event_counts.max_value IS 'Largest value reported.';
COMMENT ON COLUMN event_counts.median_value IS 'Median value reported.';
COMMENT ON COLUMN event_counts.sources IS 'Who the figures are attributed to, distinct and sorted.';
