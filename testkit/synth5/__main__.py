"""python -m testkit.synth5 --pages 8 --seed 0 --out /tmp/synth5_preview [--overlay]"""

from __future__ import annotations

import argparse
import json
import os

import cv2

from . import make_page


def overlay(page):
    img = page.pixels.copy()
    for it in page.truth:
        col = (0, 0, 255) if it.owner == "applicant" else (0, 170, 0)
        x0, y0, x1, y1 = it.bbox
        cv2.rectangle(img, (x0, y0), (x1 - 1, y1 - 1), col, 1)
        if it.kind == "seal" and it.polygon:
            import numpy as np

            cv2.polylines(img, [np.int32(np.round(it.polygon))], True, (255, 0, 0), 1)
    return img


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=8)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--start", type=int, default=0)
    ap.add_argument("--out", default="/tmp/synth5_preview")
    ap.add_argument("--overlay", action="store_true")
    a = ap.parse_args(argv)
    os.makedirs(a.out, exist_ok=True)
    meta = []
    for i in range(a.start, a.start + a.pages):
        p = make_page(a.seed, i)
        cv2.imwrite(os.path.join(a.out, f"{p.stem}.jpg"), p.pixels, [cv2.IMWRITE_JPEG_QUALITY, 92])
        if a.overlay:
            cv2.imwrite(os.path.join(a.out, f"{p.stem}-truth.png"), overlay(p))
        meta.append(
            {
                "stem": p.stem,
                "doc_type": p.doc_type,
                "subtype": p.subtype,
                "capture": p.capture,
                "dpi": p.dpi,
                "rotation": p.rotation,
                "profile": p.profile,
                "truth": [t.as_dict() for t in p.truth],
            }
        )
    with open(os.path.join(a.out, "truth.json"), "w", encoding="utf-8") as f:
        json.dump({"version": 1, "pages": meta}, f, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
