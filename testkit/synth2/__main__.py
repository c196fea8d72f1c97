"""python -m testkit.synth2 --pages 16 --seed 1 --out DIR [--overlay]"""

from __future__ import annotations

import argparse
import time

from .gen import make_pages, write_pages


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m testkit.synth2")
    ap.add_argument("--pages", type=int, default=16)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True)
    ap.add_argument("--overlay", action="store_true")
    a = ap.parse_args(argv)
    t = time.time()
    pages = make_pages(a.pages, a.seed)
    write_pages(pages, a.out, overlay=a.overlay)
    print(f"{len(pages)} pages in {time.time() - t:.1f} s -> {a.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
