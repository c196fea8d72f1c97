"""`blindmask audit --scheduler` (issue 16 item 4): a Dask `LocalCluster` of 2 worker processes on
loopback gives exactly the ledger `--jobs 2` gives, and still does when one worker process is
killed with SIGKILL mid-run (its nanny restarts it, the file it held is checked again, every file
ends in the ledger once)."""

from __future__ import annotations

import csv
import os
import re
import signal
import sqlite3
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from redaction.cli import main
from testkit.corpus import APPLICANTS
from tests.conftest import write_image
from tests.test_audit import _ledger_rows, attachment

distributed = pytest.importorskip("distributed", reason="the cluster extra (dask.distributed) is not installed")
psutil = pytest.importorskip("psutil")

FILES = 8


@pytest.fixture(scope="module")
def small_roster(tmp_path_factory):
    """4 applicants, 8 files: masked, unmasked, misfiled, sideways and corrupt pages."""
    base = tmp_path_factory.mktemp("cluster")
    root = base / "材料"
    ap = APPLICANTS[:4]
    rows = [["单位（盖章）："], ["序号", "姓名", "工作单位"]]
    for i, a in enumerate(ap, 1):
        rows.append([str(i), a.name, a.employers[0]])
        (root / f"{i:02d}-{a.name}").mkdir(parents=True)
    d = [root / f"{i:02d}-{a.name}" for i, a in enumerate(ap, 1)]
    write_image(d[0] / "01.jpg", attachment(ap[0]))
    write_image(d[0] / "02.jpg", attachment(ap[0], masked=False))
    write_image(d[1] / "01.jpg", attachment(ap[1]))
    write_image(d[1] / "02.jpg", attachment(ap[2], masked=False))          # ap[2]'s page, misfiled
    write_image(d[2] / "01.jpg", np.ascontiguousarray(np.rot90(attachment(ap[2]))))
    (d[2] / "02.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)))   # corrupt
    write_image(d[3] / "01.jpg", attachment(ap[3]))
    write_image(d[3] / "02.jpg", attachment(ap[3], other_person="李娜"))
    roster = base / "roster.csv"
    with open(roster, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return base


def _audit(base: Path, name: str, *extra: str) -> list[str]:
    return ["audit", str(base / "roster.csv"), "--root", str(base / "材料"), "--report", str(base / f"{name}.html"),
            "--json", str(base / f"{name}.json"), "--ledger", str(base / f"{name}.sqlite"), *extra]


def _ledger(path: Path) -> list[tuple]:
    return _ledger_rows(path)


def _progress(err: str) -> list[str]:
    """The files the progress lines report as finished, one entry per line."""
    return re.findall(rf"^\[\d+/{FILES}\] (\S+): (?:pass|fail)$", err, re.M)


@pytest.fixture(scope="module")
def pool_ledger(small_roster):
    """The embedded default's result: 2 local worker processes."""
    assert main(_audit(small_roster, "pool", "--jobs", "2")) == 1
    rows = _ledger(small_roster / "pool.sqlite")
    assert len(rows) == FILES
    kinds = {(r[0].split("-", 1)[0], r[1]): sorted({f["kind"] for f in __import__("json").loads(r[8])["findings"]})
             for r in rows}
    assert kinds == {("01", "01.jpg"): [], ("01", "02.jpg"): ["employer", "name"],
                     ("02", "01.jpg"): [], ("02", "02.jpg"): ["other_employer", "other_name"],
                     ("03", "01.jpg"): ["not_upright"], ("03", "02.jpg"): ["unreadable"],
                     ("04", "01.jpg"): [], ("04", "02.jpg"): []}
    return rows


@pytest.fixture(scope="module")
def cluster():
    """A LocalCluster of 2 single-threaded worker processes on loopback; on teardown, no process
    it started may be left."""
    me = psutil.Process()
    before = {p.pid for p in me.children(recursive=True)}
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as lc:
        yield lc
    deadline = time.time() + 30
    while time.time() < deadline:
        left = [p for p in me.children(recursive=True) if p.pid not in before and p.is_running()
                and p.status() != psutil.STATUS_ZOMBIE]
        if not left:
            break
        time.sleep(0.5)
    assert not left, f"processes left behind: {[(p.pid, p.cmdline()) for p in left]}"


def test_a_dask_cluster_gives_the_same_ledger_as_the_process_pool(small_roster, pool_ledger, cluster, capsys):
    assert cluster.scheduler_address.startswith("tcp://127.0.0.1:")
    assert main(_audit(small_roster, "dask", "--scheduler", cluster.scheduler_address)) == 1
    err = capsys.readouterr().err
    assert "on the Dask cluster at tcp://127.0.0.1:" in err and "2 worker(s), 2 thread(s)" in err
    assert sorted(_progress(err)) == sorted(f"{r[0]}/{r[1]}" for r in pool_ledger)
    assert _ledger(small_roster / "dask.sqlite") == pool_ledger
    pool_json = (small_roster / "pool.json").read_text("utf-8")
    assert (small_roster / "dask.json").read_text("utf-8") == pool_json

    # The ledger's skip logic is the same on the cluster: an unchanged re-run submits nothing.
    assert main(_audit(small_roster, "dask", "--scheduler", cluster.scheduler_address)) == 1
    captured = capsys.readouterr()
    assert f"Files checked 0, unchanged {FILES}" in captured.out
    assert "on the Dask cluster" not in captured.err


def test_a_worker_killed_mid_run_loses_no_file_and_checks_none_twice(small_roster, pool_ledger, cluster, capsys):
    ledger = small_roster / "killed.sqlite"
    outcome = {}

    def run():
        outcome["rc"] = main(_audit(small_roster, "killed", "--scheduler", cluster.scheduler_address))

    with distributed.Client(cluster, set_as_default=False) as watcher:
        pids = watcher.run(os.getpid)
        audit = threading.Thread(target=run, daemon=True)
        audit.start()
        deadline = time.time() + 180
        first = 0
        while time.time() < deadline and audit.is_alive() and first == 0:
            if ledger.exists():
                try:
                    first = len(_ledger(ledger))
                except sqlite3.Error:
                    pass
            time.sleep(0.05)
        assert first and audit.is_alive(), "the audit finished before a worker could be killed"
        busy = [w for w, keys in watcher.processing().items() if keys] or list(pids)
        victim = pids[busy[0]]
        os.kill(victim, signal.SIGKILL)
        audit.join(timeout=300)
        assert not audit.is_alive(), "the audit did not finish after a worker was killed"
        # the nanny started a new worker process in place of the killed one
        watcher.wait_for_workers(2, timeout=60)
        now = watcher.run(os.getpid)
    assert victim not in now.values() and len(now) == 2
    assert not psutil.pid_exists(victim) or psutil.Process(victim).status() == psutil.STATUS_ZOMBIE
    assert first < FILES
    assert outcome["rc"] == 1
    err = capsys.readouterr().err
    finished = _progress(err)
    assert len(finished) == FILES and len(set(finished)) == FILES, err      # every file once
    assert _ledger(ledger) == pool_ledger


def _die_first_time(marker: str) -> int:
    """Kill this worker process the first time it is called for `marker`, then answer its pid."""
    path = Path(marker)
    if not path.exists():
        path.write_text("died")
        os.kill(os.getpid(), signal.SIGKILL)
    return os.getpid()


def _always_die(_: str) -> int:
    os.kill(os.getpid(), signal.SIGKILL)


def test_a_file_whose_worker_dies_too_often_is_resubmitted_then_handed_back_as_lost(tmp_path):
    """With Dask's own rescheduling switched off (allowed-failures 0) a dead worker surfaces as
    KilledWorker on the future: the file is submitted again, and after `resubmits` more deaths it
    comes back as `Lost` (not recorded, so the next run checks it), each index exactly once."""
    import dask

    from redaction.audit import cluster as rc

    with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
        with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                      dashboard_address=None) as lc, \
                distributed.Client(lc, set_as_default=False) as client:
            markers = [str(tmp_path / f"m{i}") for i in range(3)]
            resubmitted = []
            # 3 deaths in all, each can take a task queued beside it down too: 4 attempts always do
            got = dict(rc.run_as_completed(client, _die_first_time, markers, resubmits=3,
                                           on_resubmit=lambda i, exc: resubmitted.append((i, type(exc)))))
            assert sorted(got) == [0, 1, 2] and all(isinstance(v, int) for v in got.values())
            assert resubmitted and all(exc is distributed.KilledWorker for _, exc in resubmitted)
            # each died once itself; a task queued on a worker that dies fails with it (and is resubmitted too)
            assert {i for i, _ in resubmitted} == {0, 1, 2}
            client.wait_for_workers(2, timeout=60)
            lost = list(rc.run_as_completed(client, _always_die, ["x"], resubmits=1))
            assert len(lost) == 1 and isinstance(lost[0][1], rc.Lost)
            assert "died 2 times" in lost[0][1].reason


def test_a_task_sent_to_a_cluster_carries_the_profile_but_not_the_rest_of_the_roster_row(tmp_path):
    from redaction.audit.check import match_folders, plan_files
    from redaction.audit.roster import read_roster
    from redaction.audit.run import _for_the_wire

    (tmp_path / "root" / "01-王芳").mkdir(parents=True)
    write_image(tmp_path / "root" / "01-王芳" / "a.jpg", attachment(APPLICANTS[1]))
    roster = tmp_path / "r.csv"
    roster.write_text("序号,姓名,身份证号码,工作单位,政治面貌\n1,王芳,650101198211050021,新疆维吾尔自治区人民医院,群众\n"
                      "2,张三,650101198001010011,乌鲁木齐市第一中学,党员\n", "utf-8")
    rows = read_roster(roster).rows
    task = plan_files(match_folders(rows, tmp_path / "root"), rows, tmp_path / "root")[0]
    wire = _for_the_wire(task)
    assert wire.applicant.profile == task.applicant.profile and wire.others == task.others
    assert wire.path == task.path
    import pickle

    sent = pickle.dumps(wire)
    assert b"650101198211050021" not in sent and "群众".encode() not in sent
    assert b"650101198211050021" in pickle.dumps(task)     # the client's own copy keeps it
