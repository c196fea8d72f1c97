"""Speed of `blindmask audit`, as ratios measured side by side in one run.

    python -m bench.audit [--pages 8] [--batch-pages 24] [--seed 3] [--workers 2]

On the synthetic corpus (`testkit.corpus`: A4 pages at 200 dpi, several applicants) laid out as a
clerk's root folder (`NN-姓名/` per applicant) with a generated roster (序号, 姓名, 工作单位, 别名,
曾用单位), prints:

- pages/s of `audit` vs `verify` over the same pages, in this process on one detector (the whole
  `run_audit`: roster, folder matching, hashing, the other applicants' terms, the file rules, the
  ledger; against `verify_file` per file with the applicant's profile), after a warm-up pass,
  measured verify, audit, audit, verify so that drifting load hits both alike (goal ≥ 0.9×);
- a local Dask cluster of `--workers` single-threaded worker processes (`audit --scheduler`,
  started before the clock, as an existing cluster is; the models load inside the timed run, on
  the plugin) vs the process pool (`audit --jobs N`, spawning its workers and loading their
  models inside the timed run), over `--batch-pages` pages (the corpus pages hard-linked over
  again), each with a fresh ledger (goal ≥ 0.9×);
- an unchanged re-run's time as a fraction of the first run's (goal ≤ 0.02);
- pages per second per core, the figure the README's estimate for a province is made from.
"""

from __future__ import annotations

import argparse
import csv
import logging
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def build_root(work: Path, pages: int, seed: int) -> tuple[Path, Path, list[tuple[Path, object]]]:
    """Corpus pages under root/NN-姓名/, a roster.csv for them; returns (roster, root, [(file, profile)])."""
    sys.path.insert(0, str(ROOT))
    from testkit.corpus import make_corpus, write_corpus

    corpus = make_corpus(pages, seed=seed)
    write_corpus(corpus, work / "corpus", pdf_types=(), quality=85)
    applicants: dict[str, object] = {}
    for page in corpus:
        applicants.setdefault(page.applicant, page.profile)
    root = work / "材料"
    files = []
    rows = [["申报人员花名册"], ["单位（盖章）："], ["序号", "姓名", "工作单位", "别名", "曾用单位"]]
    folder_of = {}
    for n, (key, profile) in enumerate(applicants.items(), 1):
        folder_of[key] = root / f"{n:02d}-{profile.name}"
        folder_of[key].mkdir(parents=True)
        rows.append([str(n), profile.name, profile.employers[0], "、".join(profile.aliases),
                     "、".join(profile.employers[1:])])
    for page in corpus:
        dst = folder_of[page.applicant] / f"{page.stem}.jpg"
        os.link(work / "corpus" / page.applicant / f"{page.stem}.jpg", dst)
        files.append((dst, page.profile))
    roster = work / "roster.csv"
    with open(roster, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return roster, root, files


def cycled_root(work: Path, root: Path, files: list, count: int) -> Path:
    """The same applicants' folders holding `count` pages: the corpus pages hard-linked over again."""
    out = work / "批量"
    for k in range(count):
        src = files[k % len(files)][0]
        dst = out / src.parent.name / f"{src.stem}-{k // len(files)}.jpg"
        dst.parent.mkdir(parents=True, exist_ok=True)
        os.link(src, dst)
    return out


def audit_vs_verify(roster: Path, root: Path, files: list, work: Path) -> dict:
    from redaction.audit.run import run_audit
    from redaction.files.document import InputFile
    from redaction.pipeline.propose import Detector
    from redaction.pipeline.steps import verify_file

    det = Detector()
    for path, profile in files:   # warm up on every page (each kind of page first-time costs)
        verify_file(det, InputFile(path, Path(path.name)), profile)

    def verify() -> float:
        t0 = time.perf_counter()
        for path, profile in files:
            doc = verify_file(det, InputFile(path, Path(path.name)), profile)
            assert doc.error is None, doc.error
        return time.perf_counter() - t0

    runs = [0]

    def audit() -> float:
        runs[0] += 1
        t0 = time.perf_counter()
        result = run_audit(roster, root, ledger_path=work / f"av{runs[0]}.sqlite", jobs=1, detector=det, quiet=True)
        seconds = time.perf_counter() - t0
        assert result.pages_checked == len(files), result.pages_checked
        return seconds

    v1 = verify()
    a1 = audit()
    a2 = audit()
    v2 = verify()
    pages = 2 * len(files)
    return {"pages": len(files), "verify_pps": pages / (v1 + v2), "audit_pps": pages / (a1 + a2),
            "ratio": (v1 + v2) / (a1 + a2), "passes": (v1, a1, a2, v2)}


def dask_vs_pool(roster: Path, root: Path, pages: int, workers: int, work: Path) -> dict:
    import distributed

    from redaction.audit.run import run_audit

    def timed(name: str, **kw) -> tuple[float, object]:
        t0 = time.perf_counter()
        result = run_audit(roster, root, ledger_path=work / f"{name}.sqlite", quiet=True, **kw)
        seconds = time.perf_counter() - t0
        assert result.pages_checked == pages, (name, result.pages_checked)
        return seconds, result

    pool_s, _ = timed("pool", jobs=workers)
    t0 = time.perf_counter()
    rerun = run_audit(roster, root, ledger_path=work / "pool.sqlite", jobs=workers, quiet=True)
    rerun_s = time.perf_counter() - t0
    assert rerun.checked == 0 and rerun.reused == pages
    with distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None, silence_logs=logging.ERROR) as cluster:
        dask_s, _ = timed("dask", scheduler=cluster.scheduler_address)
    return {"pages": pages, "pool_s": pool_s, "dask_s": dask_s, "ratio": pool_s / dask_s,
            "rerun_s": rerun_s, "rerun_fraction": rerun_s / pool_s,
            "steady_pps": max(_steady_rate(work / "pool.sqlite"), _steady_rate(work / "dask.sqlite"))}


def _steady_rate(ledger: Path) -> float:
    """Pages a second once the workers are running: pages recorded after the first, over the
    time from the first page recorded to the last (the ledger's checked_at)."""
    import sqlite3

    db = sqlite3.connect(str(ledger))
    try:
        stamps = sorted(t for (t,) in db.execute("SELECT checked_at FROM pages"))
    finally:
        db.close()
    return (len(stamps) - 1) / (stamps[-1] - stamps[0]) if len(stamps) > 1 and stamps[-1] > stamps[0] else 0.0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=8, help="corpus pages for audit vs verify")
    ap.add_argument("--batch-pages", type=int, default=24, help="pages for the Dask vs pool batch")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 2, help="pool jobs and Dask workers")
    ap.add_argument("--seed", type=int, default=3)
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    work = Path(tempfile.mkdtemp(prefix="bm-bench-audit-"))
    try:
        return _run(args, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)   # the corpus, masked copies and ledgers of the run


def _run(args: argparse.Namespace, work: Path) -> int:
    t0 = time.perf_counter()
    roster, root, files = build_root(work, args.pages, args.seed)
    applicants = len({p.parent for p, _ in files})
    print(f"machine: {os.cpu_count()} cores; {len(files)} corpus pages (A4 at 200 dpi, JPEG) of {applicants} "
          f"applicants, a {applicants}-row roster", flush=True)

    r = audit_vs_verify(roster, root, files, work)
    print(f"audit / verify pages/s          {r['ratio']:.2f}x  ({r['audit_pps']:.3f} vs {r['verify_pps']:.3f} pages/s, "
          f"{r['pages']} pages twice each, one process, one detector; goal >= 0.9x)", flush=True)
    print("  passes verify, audit, audit, verify: " + ", ".join(f"{t:.1f} s" for t in r["passes"]), flush=True)
    batch = cycled_root(work, root, files, args.batch_pages)
    d = dask_vs_pool(roster, batch, args.batch_pages, args.workers, work)
    print(f"Dask cluster / process pool     {d['ratio']:.2f}x  ({d['dask_s']:.1f} s vs {d['pool_s']:.1f} s for "
          f"{d['pages']} pages, {args.workers} single-threaded workers each, models loaded in the run; "
          f"goal >= 0.9x)", flush=True)
    print(f"unchanged re-run / first run    {d['rerun_fraction']:.4f}  ({d['rerun_s']:.2f} s vs {d['pool_s']:.1f} s, "
          f"{d['pages']} pages; goal <= 0.02)", flush=True)
    best = max(d["pages"] / d["pool_s"], d["pages"] / d["dask_s"])
    steady = d["steady_pps"]
    cores = os.cpu_count() or 1
    print(f"throughput                      {best:.3f} pages/s on {cores} cores with start-up, {steady:.3f} once "
          f"running = {steady / cores:.3f} pages/s per core ({cores / steady:.1f} core-seconds a page)", flush=True)
    print(f"bench time {time.perf_counter() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
