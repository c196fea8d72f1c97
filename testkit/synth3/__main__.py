import argparse
import time

from . import make_page, write_pages


def main():
    ap = argparse.ArgumentParser(prog="python -m testkit.synth3")
    ap.add_argument("--pages", type=int, default=16)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True)
    ap.add_argument("--overlay", action="store_true")
    a = ap.parse_args()
    t0 = time.process_time()
    pages = [make_page(a.seed, i) for i in range(a.pages)]
    t1 = time.process_time()
    write_pages(pages, a.out, overlay=a.overlay)
    print(
        f"{len(pages)} pages in {t1 - t0:.1f} s CPU ({(t1 - t0) / max(1, len(pages)):.2f} s/page), written to {a.out}"
    )


if __name__ == "__main__":
    main()
