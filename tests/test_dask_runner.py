"""Extraction on a Dask cluster (runner "dask"): real LocalClusters, real Prefect, real DuckDB."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from newsfeed.config import ConfigError, Settings
from tests.dbutil import rows

pytestmark = pytest.mark.usefixtures("prefect_harness")

# what a run writes, without what differs from run to run (run ids, times)
TABLES = {
    "articles": "SELECT * EXCLUDE (run_id, extracted_at) FROM articles",
    "entities": "SELECT * FROM entities",
    "entity_mentions": "SELECT * FROM entity_mentions",
    "quantities": "SELECT * FROM quantities",
    "quotes": "SELECT * FROM quotes",
    "dates": "SELECT * FROM dates",
    "failures": "SELECT * EXCLUDE (run_id, occurred_at) FROM failures",
}


def ingest(feeds, db, **kw):
    from newsfeed.flows.ingest import ingest as flow

    return flow(feeds_file=str(feeds), db=str(db), **kw)


def newsfeed_run(feeds: Path, db: Path, home: Path, *options: str) -> subprocess.CompletedProcess:
    """`newsfeed run` as a user runs it: its own temporary Prefect server, no harness."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
    env.update(PREFECT_HOME=str(home))
    return subprocess.run(
        [sys.executable, "-m", "newsfeed.cli", "run", "--feeds", str(feeds), "--db", str(db),
         *options], env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def cluster():
    """A 2-worker LocalCluster standing for a cluster someone else runs (given by address)."""
    from distributed import Client, LocalCluster

    # not the process's default client: the runner must connect to the address it is given
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                      ) as local, Client(local, set_as_default=False) as client:
        yield local, client


def test_dask_runner_writes_the_same_rows_as_an_in_process_run(demo_feeds, tmp_path):
    in_process, on_dask = tmp_path / "local.duckdb", tmp_path / "dask.duckdb"
    assert ingest(demo_feeds, in_process, workers=0)["status"] == "completed"
    done = newsfeed_run(demo_feeds, on_dask, tmp_path / "prefect", "--runner", "dask",
                        "--workers", "2")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "completed" in done.stdout
    assert "| distributed." not in done.stdout + done.stderr  # no INFO logs of Dask itself
    ids = "SELECT article_id FROM articles ORDER BY ALL"
    assert len(rows(on_dask, ids)) == 11 and rows(on_dask, ids) == rows(in_process, ids)
    for table, sql in TABLES.items():
        expected = rows(in_process, f"{sql} ORDER BY ALL")
        assert rows(on_dask, f"{sql} ORDER BY ALL") == expected, table
        assert expected or table == "failures", table


def _model_loads() -> tuple[int, int]:
    """On a worker: (times the model was loaded, times the loaded one was reused)."""
    from newsfeed.extract.nlp import load_nlp

    info = load_nlp.cache_info()
    return info.misses, info.hits


def test_the_model_loads_once_per_dask_worker_across_batches_and_runs(cluster, demo_feeds,
                                                                      tmp_path):
    from prefect import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    local, client = cluster
    with demo_feeds.open("a") as f:
        f.write("batch_size = 4\n")  # three batches of the eleven articles
    states = [ingest(demo_feeds, tmp_path / f"run{n}.duckdb", runner="dask",
                     dask_address=local.scheduler_address, return_state=True)
              for n in (1, 2)]
    for state in states:
        assert state.is_completed() and state.result()["articles_written"] == 11
    loads = client.run(_model_loads)
    assert len(loads) == 2
    for worker, (loaded, reused) in loads.items():
        assert loaded == 1, worker
        assert reused >= 1, f"{worker} extracted nothing"
    with get_client(sync_client=True) as prefect:  # every chunk is a task run of its flow run
        task_runs = prefect.read_task_runs(flow_run_filter=FlowRunFilter(
            id=FlowRunFilterId(any_=[states[0].state_details.flow_run_id])))
    chunks = [t for t in task_runs if t.name.startswith("extract-batch")]
    assert len(chunks) == 11  # batches of 4, 4 and 3 articles, one per chunk on 2 workers
    assert all(t.state.is_completed() for t in chunks)


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_an_unreachable_dask_scheduler_fails_the_run_before_fetching(demo_feeds, db_path,
                                                                   demo_server):
    import dask

    address = f"tcp://127.0.0.1:{_closed_port()}"
    with dask.config.set({"distributed.comm.timeouts.connect": "3s"}):
        state = ingest(demo_feeds, db_path, runner="dask", dask_address=address,
                       return_state=True)
    assert state.is_failed()
    [(status, error)] = rows(db_path, "SELECT status, error FROM runs")
    assert status == "failed"
    assert f"cannot connect to the Dask scheduler at {address}" in error
    assert demo_server.requests == []  # nothing fetched
    assert rows(db_path, "SELECT count(*) FROM items") == [(0,)]


def test_runner_settings_are_checked(tmp_path):
    from newsfeed.config import load_feeds_file

    with pytest.raises(ConfigError, match="runner must be one of local, dask, got 'ray'"):
        Settings(runner="ray")
    with pytest.raises(ConfigError, match="dask_address must look like"):
        Settings(runner="dask", dask_address="tcp://host name:8786")
    feeds = tmp_path / "feeds.toml"
    feeds.write_text('[[feeds]]\nurl = "https://example.org/rss"\n\n'
                     '[settings]\nrunner = "dask"\ndask_address = "tcp://10.0.0.5:8786"\n')
    settings = load_feeds_file(feeds)[1]
    assert (settings.runner, settings.dask_address) == ("dask", "tcp://10.0.0.5:8786")
    feeds.write_text(feeds.read_text().replace('"dask"', '"threads"'))
    with pytest.raises(ConfigError, match=f"{feeds}: runner must be one of"):
        load_feeds_file(feeds)
    done = newsfeed_run(feeds, tmp_path / "x.duckdb", tmp_path / "prefect", "--runner", "ray")
    assert done.returncode != 0 and "runner must be one of local, dask" in done.stdout + done.stderr
