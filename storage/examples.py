"""The example queries ``newsfeed demo`` runs and prints (a test runs each on the demo).

Like the analyst views, they show facts of confidence 0.5 or more.
"""

EXAMPLE_QUERIES = {
    "Articles and where their body came from": """
        SELECT title, language, word_count, body_source FROM articles ORDER BY published_at""",
    "Most-mentioned people, organisations and places": """
        SELECT name, label, sum(mentions) AS mentions, sum(articles) AS articles
        FROM entity_daily GROUP BY name, label ORDER BY mentions DESC, name LIMIT 10""",
    "Numbers with what they count": """
        SELECT qualifier, value, unit, counted, category, place, source FROM quantities
        WHERE category IS NOT NULL AND confidence >= 0.5
        ORDER BY category, value DESC LIMIT 12""",
    "Who said what": """
        SELECT speaker, speaker_role, left(quote, 60) AS quote, left(title, 30) AS article
        FROM quotes_by_speaker WHERE speaker IS NOT NULL
        ORDER BY day, article_id, quote_index LIMIT 10""",
    "Casualty figures by day and place": """
        SELECT day, category, place, reports, max_value, sources FROM event_counts
        WHERE category IN ('killed', 'wounded', 'displaced') ORDER BY day, category""",
    "Events by country": """
        SELECT day, country_code, country, category, reports, max_value, places
        FROM events_by_country ORDER BY day, country_code, category""",
    "Places named, by country": """
        SELECT country_code, country, sum(articles) AS articles, sum(mentions) AS mentions,
               sum(cities) AS cities
        FROM mentions_by_country GROUP BY ALL ORDER BY mentions DESC, country_code LIMIT 10""",
    "One story from several feeds and outlets (copies grouped)": """
        SELECT left(title, 45) AS story, articles, feeds, outlet_names FROM stories
        WHERE articles > 1 ORDER BY first_seen_at""",
    "Figures that disagree, side by side": """
        SELECT basis, category, text_a, outlet_a, text_b, outlet_b, left(title_a, 30) AS story
        FROM conflicting_figures ORDER BY day, category, value_a""",
    "Feed health": """
        SELECT name, last_status, last_success_at, items, last_error FROM feed_health
        ORDER BY name""",
    "What failed, and why": """
        SELECT stage, kind, host, failures, http_statuses, last_url FROM failure_summary
        ORDER BY failures DESC""",
}
