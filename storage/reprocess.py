"""The SQL of reprocessing: stored articles whose facts are to be extracted again.

Articles keep their cleaned body (``articles.body``) and the version of the fact extractor
that produced their facts (``articles.extractor_version``); when the extractor changes, their
facts are replaced, batch by batch, from the stored body (no page is downloaded again).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import duckdb
import pyarrow as pa

from newsfeed.extract.process import FactsJob
from newsfeed.storage.store import FACT_TABLES, _insert, fact_rows, now, tone_columns
from newsfeed.storage.transactions import in_transaction

if TYPE_CHECKING:
    from newsfeed.extract.process import RefactedArticle


def articles_to_reprocess(con: duckdb.DuckDBPyConnection, extractor_version: str,
                          force: bool = False) -> list[str]:
    """Ids of the articles whose facts come from another extractor version (all: ``force``)."""
    sql = "SELECT article_id FROM articles"
    params: list = []
    if not force:
        sql += " WHERE extractor_version IS DISTINCT FROM ?"
        params.append(extractor_version)
    return [row[0] for row in con.execute(sql + " ORDER BY article_id", params).fetchall()]


def facts_jobs(con: duckdb.DuckDBPyConnection, article_ids: Sequence[str]) -> list[FactsJob]:
    """The stored body, publication time and language of each article, in the given order."""
    found = con.execute(
        "SELECT article_id, body, published_at, language FROM articles "
        "WHERE list_contains(?, article_id)", [list(article_ids)],
    ).fetchall()
    by_id = {row[0]: FactsJob(row[0], row[1] or "", row[2], row[3]) for row in found}
    return [by_id[i] for i in article_ids if i in by_id]


def replace_facts(con: duckdb.DuckDBPyConnection,
                  batch: Sequence[RefactedArticle]) -> dict[str, int]:
    """Replace the facts of a batch of articles, their tone, and stamp them, in one transaction.

    Returns the number of rows written per fact table.
    """
    rows: dict[str, list[dict]] = {t: [] for t in FACT_TABLES}
    stamps = []
    extracted_at = now()
    for r in batch:
        for table, table_rows in fact_rows(r.article_id, r.facts).items():
            rows[table].extend(table_rows)
        stamps.append({"article_id": r.article_id, "extractor": r.facts.extractor,
                       "extractor_version": r.facts.extractor_version,
                       "facts_skipped_reason": r.facts_skipped_reason,
                       "extracted_at": extracted_at, **tone_columns(r.facts)})
    if not stamps:
        return {t: 0 for t in FACT_TABLES}
    ids = [s["article_id"] for s in stamps]

    def work() -> None:
        stamp_batch = pa.Table.from_pylist(stamps)  # noqa: F841 - DuckDB's replacement scan
        for table in FACT_TABLES:
            con.execute(f"DELETE FROM {table} WHERE list_contains(?, article_id)", [ids])
        for table, table_rows in rows.items():
            _insert(con, table, table_rows)
        con.execute(
            """
            UPDATE articles SET extractor = s.extractor, extractor_version = s.extractor_version,
              facts_skipped_reason = s.facts_skipped_reason, extracted_at = s.extracted_at,
              tone = s.tone, tone_positive = s.tone_positive, tone_negative = s.tone_negative,
              tone_polarity = s.tone_polarity
            FROM stamp_batch s WHERE articles.article_id = s.article_id
            """
        )

    in_transaction(con, work)
    return {t: len(rows[t]) for t in FACT_TABLES}
