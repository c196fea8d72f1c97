import argparse
import time
from collections import Counter

from .core import make_page, write_heldout


def main(argv=None):
    ap = argparse.ArgumentParser(prog="python -m testkit.heldout", description=__doc__)
    ap.add_argument("--pages", type=int, default=16)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", required=True)
    ap.add_argument("--overlay", action="store_true", help="also write <stem>-truth.png")
    a = ap.parse_args(argv)
    t0 = time.perf_counter()
    pages = [make_page(i, a.seed) for i in range(a.pages)]
    t1 = time.perf_counter()
    write_heldout(pages, a.out, overlay=a.overlay)
    t2 = time.perf_counter()
    c = Counter((it.owner, it.kind) for p in pages for it in p.truth)
    print(f"{a.pages} pages in {t1 - t0:.1f} s ({(t1 - t0) / max(1, a.pages):.2f} s/page), written in {t2 - t1:.1f} s")
    for (o, k), n in sorted(c.items()):
        print(f"  {o:9s} {k:9s} {n}")


if __name__ == "__main__":
    main()
