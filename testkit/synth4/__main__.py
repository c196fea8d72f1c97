"""python -m testkit.synth4 --pages 16 --seed 1 --out DIR [--overlay]"""

import argparse
import json
import os

import cv2
import numpy as np

from . import make_page


def overlay(page):
    img = page.pixels.copy()
    th = max(1, img.shape[1] // 800)
    for it in page.truth:
        col = (0, 0, 255) if it.owner == "applicant" else (0, 170, 0)
        x0, y0, x1, y1 = it.bbox
        cv2.rectangle(img, (x0, y0), (x1 - 1, y1 - 1), col, th)
        if it.kind == "seal" and it.polygon:
            cv2.polylines(img, [np.array(it.polygon, np.int32)], True, (255, 0, 0), th)
        cv2.putText(
            img,
            it.kind + ("/w" if "wrapped" in it.tags else ""),
            (x0, max(10, y0 - 3)),
            cv2.FONT_HERSHEY_SIMPLEX,
            0.4 * th,
            col,
            th,
        )
    return img


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=16)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--start", type=int, default=0)
    ap.add_argument("--out", required=True)
    ap.add_argument("--overlay", action="store_true")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    recs = []
    for i in range(a.start, a.start + a.pages):
        p = make_page(a.seed, i)
        cv2.imwrite(os.path.join(a.out, p.stem + ".jpg"), p.pixels, [cv2.IMWRITE_JPEG_QUALITY, 92])
        if a.overlay:
            cv2.imwrite(os.path.join(a.out, p.stem + "-truth.png"), overlay(p))
        recs.append(
            dict(
                stem=p.stem,
                file=p.stem + ".jpg",
                doc_type=p.doc_type,
                dpi=p.dpi,
                rotation=p.rotation,
                capture=p.capture,
                profile=p.profile,
                truth=[t.as_dict() for t in p.truth],
            )
        )
    with open(os.path.join(a.out, "truth.json"), "w", encoding="utf-8") as f:
        json.dump({"version": 1, "generator": "synth4", "seed": a.seed, "pages": recs}, f, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
