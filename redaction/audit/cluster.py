"""Batches on an existing `dask.distributed` cluster (the optional `cluster` extra).

The embedded default is `batch`'s process pool (`--jobs`), no server. With `--scheduler
tcp://HOST:8786` the same per-file function runs on the workers of a cluster that a bureau
started with `dask scheduler` and `dask worker` on its machines:

- the models are loaded once per worker process by `DetectorPlugin` (a `WorkerPlugin`, set up on
  every worker that is there or joins later, a restarted one included), into the same global that
  the process pool's initializer fills (`batch._worker_detector`), so the function a task runs is
  the one the pool runs;
- results come back as they complete (`distributed.as_completed`), at most `window` files in flight
  (a province's millions of files are never all on the scheduler at once);
- a file whose worker dies is run again: Dask itself reschedules the tasks of a lost worker (up to
  `distributed.scheduler.allowed-failures`), `retries=` covers a task that raised, and a future that
  still errors with `KilledWorker` or a lost connection is resubmitted up to `resubmits` times,
  after which the file is handed back as `Lost` (the caller records nothing for it, so the next
  run checks it again).

Every worker must see the files at the same absolute paths as the client (a shared folder), and run
the same BlindMask and models: `check_workers` refuses a cluster where that is not so.
"""

from __future__ import annotations

import asyncio
import ctypes
import os
import sys
import uuid
from collections import Counter
from collections.abc import Callable, Hashable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import Any, Protocol

from distributed import Client, Future, KilledWorker, Worker, WorkerPlugin, as_completed
from distributed.client import FutureCancelledError
from distributed.comm.core import CommClosedError

PLUGIN_NAME = "blindmask-detector"
#: What a dead worker or a lost connection looks like on a future.
LOST_ERRORS = (KilledWorker, CommClosedError, FutureCancelledError, OSError)

#: (ocr, threads) the models of this worker process were built with, if any.
_loaded: tuple[str, int] | None = None


class ClusterClient(Protocol):
    """What is used here of a `distributed.Client` (most of whose methods carry no annotations)."""

    @property
    def loop(self) -> object:
        """The client's event loop."""
        ...

    def nthreads(self) -> dict[str, int]:
        """Worker address → threads."""
        ...

    def run(self, function: Callable[..., Any], *args: Any) -> dict[str, Any]:
        """`function(*args)` on every worker, outside the task graph: worker address → result."""
        ...

    def submit(self, func: Callable[..., Any], *args: Any, key: str, retries: int, pure: bool) -> Future[Any]:
        """One task on the cluster."""
        ...

    def wait_for_workers(self, n_workers: int, timeout: float | None = None) -> None:
        """Block until `n_workers` workers have joined."""
        ...

    def register_plugin(self, plugin: WorkerPlugin, name: str | None = None) -> Any:
        """Set `plugin` up on every worker, present and future."""
        ...

    def close(self) -> None:
        """Disconnect from the scheduler."""
        ...


class ClusterError(Exception):
    """The cluster cannot run this batch (unreachable, no workers, files not visible, other
    versions on the workers); the message says which and what to do."""


def inference_threads() -> int:
    """Inference threads of one worker process: BLINDMASK_THREADS, else 1 (start one worker
    process per core: `dask worker ... --nworkers N --nthreads 1`)."""
    env = os.environ.get("BLINDMASK_THREADS", "").strip()
    return int(env) if env.isdigit() and int(env) > 0 else 1


def malloc_as_usual() -> bool:
    """Undo, in this worker process, what Dask's nanny does to glibc's allocator.

    The nanny starts workers with MALLOC_TRIM_THRESHOLD_=65536 (so that freed memory goes back to
    the OS at once). Setting it also freezes glibc's mmap threshold at 128 KiB: every page-sized
    numpy temporary (a 1654 × 2339 page is 11 MB, its channels and masks several MB each) is then
    mmapped and zero-filled afresh and unmapped when freed. Measured on one 200-dpi page, one
    single-threaded worker, `verify_file` three times, five alternating rounds on a loaded 2-core
    machine: 2.0–2.7 s a page in a plain process, 2.8–4.5 s in a Dask worker, 2.1–3.1 s in a
    Dask worker without that variable, 1.7–3.1 s with this call. It sets what glibc's own dynamic
    threshold settles at (mmap above 32 MiB, trim above 64 MiB), so the heap reuses freed
    blocks, as in any plain process. Linux/glibc only; returns whether it applied."""
    if not sys.platform.startswith("linux") or "MALLOC_TRIM_THRESHOLD_" not in os.environ:
        return False
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:
        return False
    m_trim_threshold, m_mmap_threshold = -1, -3
    return bool(libc.mallopt(m_mmap_threshold, 32 << 20)) and bool(libc.mallopt(m_trim_threshold, 64 << 20))


def _load_models(ocr: str, threads: int) -> None:
    global _loaded
    from redaction.pipeline import batch

    if _loaded == (ocr, threads) and batch._worker_detector is not None:
        return   # a second audit on the same cluster: the models are already here
    malloc_as_usual()
    batch._init_worker(ocr, threads, True)
    _loaded = (ocr, threads)


class DetectorPlugin(WorkerPlugin):
    """Builds the Detector once in each worker process (off the worker's event loop, so the
    worker keeps answering the scheduler while the models load)."""

    name = PLUGIN_NAME

    def __init__(self, ocr: str = "rapid", threads: int | None = None):
        self.ocr = ocr
        self.threads = threads

    async def setup(self, worker: Worker) -> None:
        """Load the models in this worker process (Dask calls it when the worker starts or joins)."""
        threads = self.threads or inference_threads()
        await asyncio.get_running_loop().run_in_executor(None, _load_models, self.ocr, threads)


@dataclass
class Lost:
    """A file the cluster could not finish (its workers kept dying, or the task kept failing)."""
    reason: str


def connect(address: str, ocr: str, *, timeout: float = 30.0, wait_for_workers: float = 60.0) -> ClusterClient:
    """A client of the scheduler at `address` with the models loaded on every worker."""
    try:
        # Client.__init__ carries no annotations
        client: ClusterClient = Client(address, timeout=timeout, set_as_default=False)  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError, asyncio.TimeoutError) as exc:
        raise ClusterError(f"cannot reach the Dask scheduler at {address}: {exc}. Start it with "
                           "`dask scheduler` and check the address and port (8786)") from exc
    try:
        try:
            client.wait_for_workers(1, timeout=wait_for_workers)
        except (TimeoutError, asyncio.TimeoutError) as exc:
            raise ClusterError(f"no worker joined the scheduler at {address} within {wait_for_workers:.0f} s: "
                               f"start them with `dask worker {address} --nworkers N --nthreads 1`") from exc
        client.register_plugin(DetectorPlugin(ocr), name=PLUGIN_NAME)
    except BaseException:
        client.close()
        raise
    return client


def _worker_view(paths: list[str], settings_key_fn: Callable[[], str]) -> dict[str, Any]:
    return {"missing": [p for p in paths if not os.path.exists(p)], "settings": settings_key_fn(),
            "pid": os.getpid()}


def check_workers(client: ClusterClient, paths: list[str], settings_key_fn: Callable[[], str]) -> dict[str, int]:
    """Every worker sees `paths` and computes the client's settings key (same BlindMask, same
    models); returns {worker address: pid}."""
    views = client.run(_worker_view, paths, settings_key_fn)
    mine = settings_key_fn()
    for address, view in sorted(views.items()):
        if view["missing"]:
            raise ClusterError(f"worker {address} cannot see {view['missing'][0]}: every worker needs the "
                               "files at the same path as this computer (a shared folder mounted at the "
                               "same place)")
        if view["settings"] != mine:
            raise ClusterError(f"worker {address} runs another BlindMask version or other models than this "
                               "computer: install the same BlindMask on every machine")
    return {address: view["pid"] for address, view in views.items()}


def run_as_completed(client: ClusterClient, fn: Callable[[Any], Any], items: Sequence[Any], *, retries: int = 2,
                     resubmits: int = 3, window: int | None = None,
                     on_resubmit: Callable[[int, BaseException], None] | None = None
                     ) -> Iterator[tuple[int, Any]]:
    """Run `fn(item)` for every item on the cluster; yield (index, result or Lost) in the order
    they finish, each index exactly once."""
    if not items:
        return
    if window is None:
        threads = sum(client.nthreads().values()) or 1
        window = max(64, 4 * threads)
    run = uuid.uuid4().hex[:12]
    attempts: Counter[int] = Counter()
    index_of: dict[Hashable, int] = {}
    todo = iter(range(len(items)))
    done: set[int] = set()
    # as_completed carries no annotations: the futures it yields are typed Any
    futures: Any = as_completed(loop=client.loop)  # type: ignore[no-untyped-call]

    def submit(i: int) -> None:
        fut = client.submit(fn, items[i], key=f"blindmask-{run}-{i}-{attempts[i]}", retries=retries, pure=False)
        index_of[fut.key] = i
        futures.add(fut)

    for i in islice(todo, window):
        submit(i)
    for fut in futures:
        i = index_of.pop(fut.key)
        try:
            outcome = fut.result()
        except LOST_ERRORS as exc:
            attempts[i] += 1
            if attempts[i] <= resubmits:
                if on_resubmit:
                    on_resubmit(i, exc)
                submit(i)
                continue
            outcome = Lost(f"its worker died {attempts[i]} times ({type(exc).__name__}; out of memory?): "
                           "run again to finish it")
        except Exception as exc:   # fn raised on every retry
            text = " ".join(str(exc).split())[:160]
            outcome = Lost(f"the check failed {retries + 1} times on the cluster ({type(exc).__name__}: {text}): "
                           "run again to finish it")
        finally:
            fut.release()
        if i in done:     # cannot happen with one future per attempt, but never hand a file back twice
            continue
        done.add(i)
        nxt = next(todo, None)
        if nxt is not None:
            submit(nxt)
        yield i, outcome
