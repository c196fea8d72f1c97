"""Rebuild the bundled sample attachments that `blindmask demo` masks.

    python -m resources.make_samples [--out resources/samples]

Seven scans of one applicant (阿依古丽·买买提 of 阿克苏地区生态环境局), made by the synthetic corpus
generator in testkit/corpus.py with light scanner effects so they stay small (each < 400 KB):
an ID-card copy stored sideways with an EXIF orientation tag, a diploma, an annual appraisal form,
an award certificate, a journal page, a two-page employer letter PDF and a training certificate.
Also writes profile.toml (the contract format) and truth.json (ground truth in displayed-page
pixels, for end-to-end tests of the demo).
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from dataclasses import replace
from pathlib import Path

import cv2
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from testkit.corpus import APPLICANTS, GroundTruth, SyntheticPage, make_page  # noqa: E402

SEED = 2024
APPLICANT = APPLICANTS[0]          # 阿依古丽·买买提, 阿克苏地区生态环境局 / 阿克苏地区环境监测站
QUALITY = 85
MAX_BYTES = 400 * 1024

#: (file name, document type, what the chosen page must show, scan resolution in dpi)
#: Dense text pages are scanned at 150 dpi (as many upload portals ask) to keep the files small.
SAMPLES = (
    ("身份证复印件.jpg", "id_card", ("name", "eyes", "seal"), 200),
    ("毕业证书.jpg", "diploma", ("name", "eyes"), 200),
    ("年度考核登记表.jpg", "appraisal", ("name", "employer", "seal"), 150),
    ("荣誉证书.jpg", "award", ("name", "employer", "seal"), 200),
    ("期刊论文.jpg", "journal", ("name", "employer"), 150),
    ("培训证书.jpg", "training", ("name", "employer", "eyes"), 200),
)
PDF_NAME = "单位证明.pdf"
PDF_DPI = 200          # what `blindmask` renders PDFs at by default: truth matches


def _scan_settings(k: int) -> dict:
    # light, realistic scanner effects: a small skew, little noise (noise makes JPEGs large)
    return {"skew": (-0.6, 0.4, 0.8, -0.3, 0.5, -0.7, 0.3, -0.4)[k % 8], "noise": 0.5, "blur": 0.4,
            "quality": 92, "edge_shadow": False, "grey": False, "rot90": 0}


def _pick(doc_type: str, needs, k: int, extra=None) -> SyntheticPage:
    """First page of this type whose applicant items include every kind in `needs`."""
    for index in range(200):
        page = make_page(SEED, 1000 * k + index, doc_type=doc_type, applicant=APPLICANT,
                         scan_overrides=_scan_settings(k))
        kinds = {t.kind for t in page.items("applicant")}
        if set(needs) <= kinds and (extra is None or extra(page)):
            return page
    raise RuntimeError(f"no {doc_type} page with {needs}")


def _rescale(page: SyntheticPage, dpi: int) -> SyntheticPage:
    """The same page scanned at another resolution: pixels and ground truth scaled together."""
    if dpi == page.dpi:
        return page
    f = dpi / page.dpi
    h, w = page.pixels.shape[:2]
    W, H = int(round(w * f)), int(round(h * f))
    pixels = cv2.resize(page.pixels, (W, H), interpolation=cv2.INTER_AREA)
    truth = []
    for t in page.truth:
        x0, y0, x1, y1 = t.bbox
        box = (int(np.floor(x0 * f)), int(np.floor(y0 * f)), min(W, int(np.ceil(x1 * f))), min(H, int(np.ceil(y1 * f))))
        poly = [(x * f, y * f) for x, y in t.polygon] if t.polygon else None
        truth.append(GroundTruth(t.kind, box, t.text, t.owner, poly, t.tags))
    return replace(page, pixels=pixels, truth=truth, dpi=dpi)


def _jpeg(pixels: np.ndarray, dpi: int, exif_orientation: int | None = None) -> bytes:
    from PIL import Image

    im = Image.fromarray(cv2.cvtColor(pixels, cv2.COLOR_BGR2RGB))
    buf = io.BytesIO()
    kwargs = {"quality": QUALITY, "dpi": (dpi, dpi), "optimize": True}
    if exif_orientation:
        exif = Image.Exif()
        exif[0x0112] = exif_orientation
        kwargs["exif"] = exif.tobytes()
    im.save(buf, "JPEG", **kwargs)
    return buf.getvalue()


def _truth(page: SyntheticPage, index: int = 0) -> dict:
    h, w = page.pixels.shape[:2]
    return {"index": index, "width": w, "height": h, "dpi": page.dpi, "doc_type": page.doc_type,
            "truth": [t.to_json() for t in page.truth]}


def build(out: Path) -> list[Path]:
    import pymupdf

    out.mkdir(parents=True, exist_ok=True)
    written, docs = [], []
    for k, (name, doc_type, needs, dpi) in enumerate(SAMPLES):
        page = _rescale(_pick(doc_type, needs, k), dpi)
        if doc_type == "id_card":
            # stored as a phone would: sideways pixels + EXIF orientation 6 (display rotated 90° CW)
            data = _jpeg(np.ascontiguousarray(np.rot90(page.pixels, 1)), dpi, exif_orientation=6)
        else:
            data = _jpeg(page.pixels, dpi)
        (out / name).write_bytes(data)
        written.append(out / name)
        docs.append({"path": name, "pages": [_truth(page)]})
    # a two-page employer letter: a red-headed 红头文件 and a plain 证明
    letters = [_rescale(p, PDF_DPI) for p in (
        _pick("letter", ("name", "employer", "seal"), 6,
              extra=lambda p: any("letterhead" in t.tags for t in p.truth)),
        _pick("letter", ("name", "employer", "seal"), 7,
              extra=lambda p: not any("letterhead" in t.tags for t in p.truth)),
    )]
    doc = pymupdf.open()
    for p in letters:
        h, w = p.pixels.shape[:2]
        pg = doc.new_page(width=w * 72.0 / p.dpi, height=h * 72.0 / p.dpi)
        pg.insert_image(pg.rect, stream=_jpeg(p.pixels, p.dpi))
    doc.save(str(out / PDF_NAME), garbage=4, deflate=True)
    doc.close()
    written.append(out / PDF_NAME)
    docs.append({"path": PDF_NAME, "pages": [_truth(p, i) for i, p in enumerate(letters)]})
    (out / "profile.toml").write_text(
        "# The applicant of the bundled samples (BlindMask profile, contract version 1)\n"
        + APPLICANT.profile.to_toml(), encoding="utf-8")
    (out / "truth.json").write_text(json.dumps({"version": 1, "applicant": APPLICANT.name, "documents": docs},
                                               ensure_ascii=False, indent=1), encoding="utf-8")
    for path in written:
        size = path.stat().st_size
        limit = 2 * MAX_BYTES if path.suffix == ".pdf" else MAX_BYTES
        if sum(p.stat().st_size for p in written) > 2 * 1024 * 1024:
            raise RuntimeError("the samples add up to more than 2 MB")
        if size > limit:
            raise RuntimeError(f"{path.name} is {size / 1024:.0f} KB (limit {limit / 1024:.0f} KB)")
    return written


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Rebuild the bundled sample attachments.")
    ap.add_argument("--out", default=str(Path(__file__).resolve().parent / "samples"))
    args = ap.parse_args(argv)
    paths = build(Path(args.out))
    total = 0
    for p in paths:
        total += p.stat().st_size
        print(f"{p.name:20s} {p.stat().st_size / 1024:7.0f} KB")
    print(f"{'total':20s} {total / 1024:7.0f} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
