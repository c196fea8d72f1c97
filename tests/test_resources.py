"""How BlindMask uses the machine: worker processes and their threads."""

from redaction.pipeline.batch import default_jobs, threads_per_worker


def test_workers_split_the_cores(monkeypatch):
    monkeypatch.delenv("BLINDMASK_THREADS", raising=False)
    monkeypatch.setattr("os.cpu_count", lambda: 8)
    assert threads_per_worker(1) == -1          # one worker: the libraries use every core
    assert threads_per_worker(2) == 4
    assert threads_per_worker(16) == 1
    assert default_jobs() == 4                  # one per core, at most 4
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    assert default_jobs() == 2 and threads_per_worker(2) == 1


def test_threads_can_be_pinned(monkeypatch):
    monkeypatch.setenv("BLINDMASK_THREADS", "1")
    assert threads_per_worker(1) == 1 and threads_per_worker(4) == 1
    monkeypatch.setenv("BLINDMASK_THREADS", "many")   # nonsense is ignored, not an error
    assert threads_per_worker(1) == -1
