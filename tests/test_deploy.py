"""deploy/prefect.yaml against a real Prefect server and worker; the one-writer rule.

The integration test starts ``prefect server start`` on 127.0.0.1 with a temporary
PREFECT_HOME, deploys from deploy/prefect.yaml, triggers ingest runs by hand with parameters
pointing at the demo feeds (served by FixtureServer), runs a worker once, and checks DuckDB
and the run's Markdown artifact through the Prefect client API.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from uuid import UUID

import duckdb
import pytest
import yaml

from newsfeed.config import ConfigError
from newsfeed.serving import free_port, stop_process, wait_healthy
from newsfeed.storage.lock import WriterBusyError, writer_lock

ROOT = Path(__file__).resolve().parents[1]
PREFECT_FILE = ROOT / "deploy" / "prefect.yaml"
PREFECT = str(Path(sys.executable).with_name("prefect"))


def test_prefect_yaml_declares_the_deployments():
    config = yaml.safe_load(PREFECT_FILE.read_text(encoding="utf-8"))
    deployments = {d["name"]: d for d in config["deployments"]}
    assert set(deployments) == {"ingest", "reprocess", "backfill"}
    ingest, reprocess = deployments["ingest"], deployments["reprocess"]
    assert ingest["schedules"] == [{"cron": "0 * * * *", "timezone": "UTC"}]
    assert reprocess["schedules"] == [] and deployments["backfill"]["schedules"] == []
    assert set(deployments["backfill"]["parameters"]) == {"warc_files", "db"}
    assert set(ingest["parameters"]) == {"feeds_file", "db"}
    for deployment in deployments.values():
        assert deployment["work_pool"]["name"] == "process"
        assert deployment["concurrency_limit"] == {"limit": 1, "collision_strategy": "CANCEL_NEW"}
    pull = config["pull"][0]["prefect.deployments.steps.set_working_directory"]
    assert pull["directory"] == "{{ project.stdout }}"


# --- the one-writer rule and input validation, in process ---------------------------------


def test_ingest_fails_at_once_on_a_missing_feeds_file(prefect_harness, tmp_path):
    from newsfeed.flows.ingest import ingest

    with pytest.raises(ConfigError, match="feeds file not found"):
        ingest(feeds_file=str(tmp_path / "missing.toml"), db=str(tmp_path / "news.duckdb"))
    assert not (tmp_path / "news.duckdb").exists()


def test_ingest_fails_at_once_on_an_unwritable_database(prefect_harness, demo_feeds,
                                                        demo_server, tmp_path):
    from newsfeed.flows.ingest import ingest

    with pytest.raises(ConfigError, match="database directory does not exist"):
        ingest(feeds_file=str(demo_feeds), db=str(tmp_path / "no" / "such" / "news.duckdb"))
    assert demo_server.requests == []  # nothing was fetched


def test_a_second_writer_waits_for_the_first(prefect_harness, demo_feeds, demo_server,
                                             db_path):
    from newsfeed.flows.ingest import ingest

    with demo_feeds.open("a", encoding="utf-8") as f:
        f.write("writer_wait_s = 0.3\n")  # appended to the feeds file's [settings] table
    with writer_lock(db_path), pytest.raises(WriterBusyError, match="another run is writing"):
        ingest(feeds_file=str(demo_feeds), db=str(db_path), workers=0)
    assert demo_server.requests == []
    assert ingest(feeds_file=str(demo_feeds), db=str(db_path), workers=0)["status"] == "completed"


# --- a real server, deployments and a worker ---------------------------------------------


@pytest.fixture(scope="module")
def prefect_server(tmp_path_factory):
    """``prefect server start`` on a free port with its own PREFECT_HOME; the env to use it."""
    home = tmp_path_factory.mktemp("prefect-home")
    port = free_port()
    api_url = f"http://127.0.0.1:{port}/api"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(PREFECT_HOME=str(home), PREFECT_SERVER_ANALYTICS_ENABLED="false",
               PREFECT_CLI_COLORS="false", COLUMNS="200")
    server = subprocess.Popen([PREFECT, "server", "start", "--host", "127.0.0.1", "--port",
                               str(port)], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        wait_healthy(api_url, server, timeout_s=90)
        yield api_url, {**env, "PREFECT_API_URL": api_url}
    finally:
        stop_process(server)


def prefect(env: dict, *args: str, timeout: float = 60) -> str:
    done = subprocess.run([PREFECT, *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=timeout)
    assert done.returncode == 0, f"prefect {' '.join(args)}:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def run_worker_once(env: dict, timeout: float = 150) -> str:
    """``prefect worker start --run-once``: runs what is due, then exits (bounded)."""
    worker = subprocess.Popen([PREFECT, "worker", "start", "--pool", "process", "--run-once"],
                              cwd=ROOT, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        output, _ = worker.communicate(timeout=timeout)
    finally:
        stop_process(worker)
    assert worker.returncode == 0, output[-3000:]
    return output


@pytest.mark.integration
def test_deployed_ingest_runs_by_hand_on_a_worker(prefect_server, demo_feeds, tmp_path):
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId
    from prefect.settings import PREFECT_API_URL, temporary_settings

    api_url, env = prefect_server
    db = tmp_path / "news.duckdb"
    prefect(env, "work-pool", "create", "process", "--type", "process")
    prefect(env, "--no-prompt", "deploy", "--all", "--prefect-file", str(PREFECT_FILE))
    run_ids = []
    for _ in range(2):  # two runs at once: the deployment's limit lets one write
        out = prefect(env, "deployment", "run", "ingest/ingest",
                      "--param", f"feeds_file={demo_feeds}", "--param", f"db={db}",
                      "--param", "workers=1")
        run_ids.append(re.search(r"UUID: ([0-9a-f-]{36})", out).group(1))
    output = run_worker_once(env)

    with temporary_settings(updates={PREFECT_API_URL: api_url}), \
            get_client(sync_client=True) as client:
        states = {i: client.read_flow_run(UUID(i)).state for i in run_ids}
        completed = [i for i, s in states.items() if s.is_completed()]
        assert len(completed) == 1, (states, output[-3000:])
        (other,) = set(run_ids) - set(completed)
        assert states[other].is_cancelled(), states[other]
        artifacts = client.read_artifacts(artifact_filter=ArtifactFilter(
            flow_run_id=ArtifactFilterFlowRunId(any_=[UUID(completed[0])])))
        deployment = client.read_deployment_by_name("ingest/ingest")

    con = duckdb.connect(str(db), read_only=True)
    try:
        runs = con.execute("SELECT run_id, status, items_new, articles_written FROM runs"
                           ).fetchall()
        articles = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    finally:
        con.close()
    assert runs == [(completed[0], "completed", 12, 11)]  # the cancelled run wrote nothing
    assert articles == 11

    (artifact,) = [a for a in artifacts if a.key == "ingest-summary"]
    assert artifact.type == "markdown"
    for row in ("| Feeds fetched | 3 |", "| Feeds not modified (304) | 0 |",
                "| Feeds failed | 0 |", "| New items | 12 |", "| Articles stored | 11 |",
                "| Entities |", "| Quantities |", "| Quotes |", "| Dates |", "| Failures |",
                "| Duration (s) |"):
        assert row in artifact.data, row

    assert deployment.work_pool_name == "process"
    assert deployment.concurrency_options.collision_strategy == "CANCEL_NEW"
    assert [s.schedule.cron for s in deployment.schedules] == ["0 * * * *"]
    assert deployment.pull_steps == [
        {"prefect.deployments.steps.set_working_directory": {"directory": str(ROOT)}}]
