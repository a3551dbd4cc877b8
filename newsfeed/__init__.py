"""newsfeed: a scheduled news-feed pipeline (RSS/Atom → articles → facts → DuckDB)."""

__version__ = "0.1.0"
