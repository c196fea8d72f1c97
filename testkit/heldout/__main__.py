import argparse
import time
from collections import Counter

from testkit.heldout.core import make_page, write_heldout


def main(argv=None):
    ap = argparse.ArgumentParser(prog="python -m testkit.heldout", description=__doc__)
    ap.add_argument("--pages", type=int, default=16)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", required=True)
    ap.add_argument("--overlay", action="store_true", help="also write <stem>-truth.png")
    a = ap.parse_args(argv)
    c, tags = Counter(), Counter()
    gen_time = [0.0]

    def pages():   # generated one at a time so memory stays flat
        for i in range(a.pages):
            t = time.perf_counter()
            p = make_page(i, a.seed)
            gen_time[0] += time.perf_counter() - t
            c.update((it.owner, it.kind) for it in p.truth)
            tags.update(t for it in p.truth for t in it.tags)
            yield p

    t0 = time.perf_counter()
    write_heldout(pages(), a.out, overlay=a.overlay)
    t1 = time.perf_counter()
    g = gen_time[0]
    print(f"{a.pages} pages generated in {g:.1f} s ({g / max(1, a.pages):.2f} s/page); "
          f"{t1 - t0:.1f} s including writing")
    for (o, k), n in sorted(c.items()):
        print(f"  {o:9s} {k:9s} {n}")
    print("  tags: " + ", ".join(f"{k} {n}" for k, n in sorted(tags.items())))


if __name__ == "__main__":
    main()
