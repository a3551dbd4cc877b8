"""Extraction on a Dask cluster (``runner = "dask"``), through prefect-dask.

Only extraction leaves the flow's process: page downloads and database writes stay where the
DuckDB file is. Each chunk of a batch is an ``extract-batch`` Prefect task run executed by a
Dask worker, on the cluster at ``dask_address`` or on a temporary ``LocalCluster`` of
``workers`` single-threaded processes. Every worker loads the model once, when it joins
(a worker plugin), and keeps it across chunks and runs.

Workers run the task runs themselves, so they import this project (installed on every
machine of the cluster, with the same model) and report to the flow's Prefect API: a
temporary local server is reachable only from this machine, a remote cluster needs a Prefect
server the workers can reach (``PREFECT_API_URL``). Both are checked when the run starts.
"""

from __future__ import annotations

import logging
import os
from contextlib import ExitStack

import httpx
from distributed import Client, WorkerPlugin
from prefect import task
from prefect.cache_policies import NO_CACHE
from prefect.context import FlowRunContext
from prefect.futures import PrefectFuture
from prefect.settings import PREFECT_API_URL, temporary_settings
from prefect_dask import DaskTaskRunner

from newsfeed.config import ConfigError, Settings
from newsfeed.extract.nlp import load_nlp
from newsfeed.flows.tasks import Work

PLUGIN_NAME = "newsfeed-model"
PROBE_TIMEOUT_S = 5.0


class DaskStartError(RuntimeError):
    """The Dask cluster cannot run this run's extraction; the message says why."""


@task(name="extract-batch", cache_policy=NO_CACHE)
def extract_batch(work: Work, jobs: list, model: str | None) -> list:
    """``work`` (body and facts, or facts again) on a chunk of jobs, on a Dask worker.

    The model's name travels with every chunk, so a worker shared by runs with different
    models uses the one each chunk asks for (``load_nlp`` keeps each loaded one).
    """
    return work(jobs, model)


class ModelWarmUp(WorkerPlugin):
    """Loads the extraction model when a worker joins (and on every worker already there)."""

    name = PLUGIN_NAME

    def __init__(self, model: str | None) -> None:
        self.model = model

    def setup(self, worker) -> None:
        load_nlp(self.model)


def _probe(url: str) -> str | None:
    """Run on each worker: None when the Prefect API answers, else why not."""
    try:
        httpx.get(url, timeout=PROBE_TIMEOUT_S).raise_for_status()
    except httpx.HTTPError as exc:
        return f"{type(exc).__name__}: {exc}"
    return None


def _quiet_dask_logs() -> None:
    """Keep Dask's INFO chatter (cluster start, workers joining, closing) off the console.

    Set before a LocalCluster starts, so its worker processes inherit it; a DASK_LOGGING__*
    variable of the user's wins.
    """
    if "DASK_LOGGING__DISTRIBUTED" in os.environ:
        return
    os.environ["DASK_LOGGING__DISTRIBUTED"] = "warning"
    logging.getLogger("distributed").setLevel(logging.WARNING)


class DaskExtractors:
    """Extraction chunks as Prefect task runs on a Dask cluster (see flows.tasks.Extractors).

    Use as a context manager, or call ``close()``: a temporary LocalCluster is shut down
    there, also when the run fails.
    """

    def __init__(self, settings: Settings) -> None:
        self.model = settings.spacy_model
        self.address = settings.dask_address
        self._stack = ExitStack()
        self._api_url: str | None = None
        if not self.address and settings.workers < 1:
            raise ConfigError("the dask runner needs workers >= 1 for its LocalCluster")
        _quiet_dask_logs()
        if self.address:
            runner = DaskTaskRunner(address=self.address)
        else:
            runner = DaskTaskRunner(cluster_kwargs={
                "n_workers": settings.workers, "threads_per_worker": 1, "processes": True,
                "dashboard_address": ":0",  # any free port: runs side by side never clash
            })
        try:
            self._runner = self._stack.enter_context(runner)
            self._client = self._connect()
            self._api_url = self._prefect_api_url()
            self._check_workers()
        except BaseException:
            self.close()
            raise

    def _connect(self) -> Client:
        try:
            return self._runner.client  # starts the LocalCluster, or connects to the address
        except (OSError, TimeoutError) as exc:
            raise DaskStartError(
                f"cannot connect to the Dask scheduler at {self.address}: {exc}") from exc

    @staticmethod
    def _prefect_api_url() -> str | None:
        """The API this flow run reports to; set for workers when it is a temporary server."""
        if PREFECT_API_URL.value():
            return None  # workers get it with the task run's settings
        context = FlowRunContext.get()
        return str(context.client.api_url) if context and context.client else None

    def _check_workers(self) -> None:
        """Fail now, before anything is fetched, if the workers cannot do the work."""
        if not self._client.nthreads():
            raise DaskStartError(f"the Dask cluster at {self.address} has no workers")
        api = (self._api_url or PREFECT_API_URL.value() or "").rstrip("/")
        if api:
            try:
                probes = self._client.run(_probe, f"{api}/health")
            except Exception as exc:
                raise DaskStartError(f"Dask workers cannot run newsfeed's code (is newsfeed "
                                     f"installed on them?): {type(exc).__name__}: {exc}") from exc
            unreachable = {worker: why for worker, why in probes.items() if why}
            if unreachable:
                worker, why = next(iter(unreachable.items()))
                raise DaskStartError(
                    f"{len(unreachable)} Dask worker(s) cannot reach the Prefect API at {api} "
                    f"(e.g. {worker}: {why}); the workers report their task runs to it: run a "
                    "Prefect server they can reach and set PREFECT_API_URL")
        try:
            self._client.register_plugin(ModelWarmUp(self.model))
        except Exception as exc:
            raise DaskStartError(
                f"Dask workers could not load the extraction model ({self.model or 'default'}); "
                f"is newsfeed installed on them? {type(exc).__name__}: {exc}") from exc

    @property
    def slots(self) -> int:
        """Chunks the cluster runs at once now (threads of all its workers)."""
        return max(1, sum(self._client.nthreads().values()))

    def submit(self, work: Work, jobs: list) -> PrefectFuture[list]:
        parameters = {"work": work, "jobs": jobs, "model": self.model}
        if self._api_url is None:
            return self._runner.submit(extract_batch, parameters=parameters)
        with temporary_settings(updates={PREFECT_API_URL: self._api_url}):
            return self._runner.submit(extract_batch, parameters=parameters)

    def close(self) -> None:
        # a LocalCluster's nanny kills a worker that takes over 4 s to stop (Prefect's threads
        # in it flushing); harmless once the results are in, so not worth a warning
        nanny = logging.getLogger("distributed.nanny")
        level = nanny.level
        nanny.setLevel(max(level, logging.ERROR))
        try:
            self._stack.close()
        finally:
            nanny.setLevel(level)

    def __enter__(self) -> DaskExtractors:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
