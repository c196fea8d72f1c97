"""The default engine: PaddleOCR's PP-OCRv4 mobile detection + recognition models on ONNX Runtime,
with the weights that ship inside the `rapidocr_onnxruntime` wheel (nothing is downloaded at run
time)."""

from __future__ import annotations

import threading
import weakref
from collections import deque
from collections.abc import Sequence
from typing import Any

import cv2
import numpy as np

from redaction.model.types import BoxF, Floats, Image
from redaction.ocr.base import (
    DET_BOX_THRESH,
    DET_LIMIT,
    REC_BATCH,
    TEXT_SCORE,
    WEAK_BOX_THRESH,
    TextLine,
    proportional_char_boxes,
)

#: ImageNet normalisation, which PaddleOCR's own exports of PP-OCRv5/v6 detection expect
#: (rapidocr 1.4 feeds its PP-OCRv4 detector mean = std = 0.5 instead).
_IMAGENET_MEAN, _IMAGENET_STD = [0.485, 0.456, 0.406], [0.229, 0.224, 0.225]
#: Detections whose weak boxes are kept (see `weak_boxes`).
WEAK_KEPT = 8


def _model_overrides() -> dict[str, Any]:
    """rapidocr constructor options for the opt-in model files of the environment (see
    RapidOcrEngine); empty when none is set, so the default engine is built exactly as before."""
    import os

    opts: dict[str, Any] = {}
    det = os.environ.get("BLINDMASK_DET_MODEL", "").strip()
    rec = os.environ.get("BLINDMASK_REC_MODEL", "").strip()
    keys = os.environ.get("BLINDMASK_REC_KEYS", "").strip()
    if det:
        opts["det_model_path"] = det
        norm = os.environ.get("BLINDMASK_DET_NORM", "imagenet").strip().lower()
        if norm == "imagenet":
            opts["det_mean"], opts["det_std"] = list(_IMAGENET_MEAN), list(_IMAGENET_STD)
        elif norm == "half":
            opts["det_mean"], opts["det_std"] = [0.5, 0.5, 0.5], [0.5, 0.5, 0.5]
        else:
            raise ValueError(f"BLINDMASK_DET_NORM must be 'imagenet' or 'half', not {norm!r}")
    if rec:
        opts["rec_model_path"] = rec
    if keys:
        opts["rec_keys_path"] = keys
    for key in ("det_model_path", "rec_model_path", "rec_keys_path"):
        if key in opts and not os.path.isfile(opts[key]):
            raise FileNotFoundError(f"{key} from the environment: no file {opts[key]}")
    return opts


class RapidOcrEngine:
    """PP-OCRv4 (det + rec) through rapidocr_onnxruntime's ONNX Runtime sessions.

    Other PaddleOCR ONNX models can be tried without code changes (opt-in, for benchmarks; see
    bench/MODELS.md), through the environment when the engine is built:

    - ``BLINDMASK_DET_MODEL``: a DB text-detection model (e.g. PP-OCRv5 / PP-OCRv6 det.onnx). Its
      input is normalised with ImageNet mean/std, as PaddleOCR's exports expect;
      ``BLINDMASK_DET_NORM=half`` gives rapidocr's mean = std = 0.5 instead (its PP-OCRv4 model's).
    - ``BLINDMASK_REC_MODEL``: a CTC recognition model with 3×48×W input normalised to [-1, 1]
      (PP-OCRv4/v5/v6 rec).
    - ``BLINDMASK_REC_KEYS``: its dictionary, one character per line without blank or space
      (rapidocr adds both). Needed when the model carries no ``character`` list in its ONNX
      metadata (PP-OCRv6 rec); when given it wins over the metadata.

    Detection thresholds, limits and everything else stay as for the default models. With none
    of these set, the engine is the wheel's PP-OCRv4 exactly as before.
    """

    name = "rapid"

    def __init__(self, det_limit: int = DET_LIMIT, text_score: float = TEXT_SCORE, threads: int = -1):
        from rapidocr_onnxruntime import RapidOCR

        self.text_score = text_score
        self._engine = RapidOCR(
            text_score=text_score,
            max_side_len=100_000,          # never shrink before recognition
            min_height=30,
            use_cls=False,                 # page orientation is handled before OCR
            det_limit_side_len=det_limit,
            det_limit_type="max",
            intra_op_num_threads=threads,
            **_model_overrides(),
        )
        self._engine.text_det.postprocess_op.box_thresh = DET_BOX_THRESH   # for detect_boxes
        # One line per recognition call: batches pad every line to the widest one's width, and
        # that padding cost more than the calls it saved (bare OCR 2.17 -> 1.72 s a page).
        self._engine.text_rec.rec_batch_num = REC_BATCH
        # rapidocr 1.4 ignores det_limit_side_len for limit_type "max" (pages over 1500 px are
        # detected at 2000) and normalises in float64; ours honours DET_LIMIT, in float32.
        det_pre = _DetPreprocess(det_limit, self._engine.text_det.mean, self._engine.text_det.std)
        self._engine.text_det.get_preprocess = lambda max_wh: det_pre
        self._lock = threading.Lock()      # ONNX sessions are thread-safe, rapidocr's state is not
        # (image, its weak boxes) of the last few detections: a page's reading detects other
        # images (red-ink crops, stacked canvases) before it asks for the page's
        self._weak: deque[tuple[weakref.ref[Any], list[Floats]]] = deque(maxlen=WEAK_KEPT)
        self._weak_found: list[Floats] = []     # the weak boxes of the detection just run
        self._keep_weak_boxes()
        self._characters = frozenset(self._engine.text_rec.postprocess_op.character) - {"blank"}

    def _keep_weak_boxes(self) -> None:
        """Have detection also keep the boxes scoring from WEAK_BOX_THRESH up to the threshold in
        force (dropped as lines, kept aside for `weak_boxes`), in the same pass over the map."""
        op = self._engine.text_det.postprocess_op
        boxes_from_bitmap = op.boxes_from_bitmap

        def split(pred: Any, bitmap: Any, dest_width: int, dest_height: int) -> tuple[Any, list[float]]:
            keep = op.box_thresh
            op.box_thresh = min(keep, WEAK_BOX_THRESH)
            try:
                boxes, scores = boxes_from_bitmap(pred, bitmap, dest_width, dest_height)
            finally:
                op.box_thresh = keep
            strong = [i for i, s in enumerate(scores) if s >= keep]
            self._weak_found = [np.asarray(boxes[i], np.float32).reshape(4, 2)
                                for i, s in enumerate(scores) if s < keep]
            return (np.array([boxes[i] for i in strong], dtype=np.int32).reshape(-1, 4, 2),
                    [scores[i] for i in strong])

        op.boxes_from_bitmap = split

    def _remember_weak(self, image: Image) -> None:
        self._weak.append((weakref.ref(image), self._weak_found))
        self._weak_found = []

    def weak_boxes(self, image: Image) -> list[Floats]:
        """The boxes the last detection of this very `image` (same array) dropped for scoring below
        the detection threshold: two lines set close run into one blob at detection size, whose
        box scores low and goes with both lines (see page_text.merged_lines)."""
        with self._lock:
            return next((list(boxes) for ref, boxes in reversed(self._weak) if ref() is image), [])

    def detect_boxes(self, image: Image) -> list[Floats]:
        """Text line quads only (no recognition): cheap, used for page orientation."""
        with self._lock:
            boxes, _ = self._engine.text_det(image)
            self._remember_weak(image)
        return [] if boxes is None else [np.asarray(b, np.float32).reshape(4, 2) for b in boxes]

    def upside_down(self, crops: list[Image]) -> list[float]:
        """Probability that each text-line crop is rotated by 180° (PP-OCR's direction classifier)."""
        with self._lock:
            _, results, _ = self._engine.text_cls([c.copy() for c in crops])
        return [float(score) if "180" in str(label) else 1.0 - float(score) for label, score in results]

    def recognize(self, crops: list[Image]) -> list[tuple[str, float]]:
        """Recognition only, for images that are already one text line (unrolled seal rings)."""
        with self._lock:
            results, _ = self._engine.text_rec([np.ascontiguousarray(c) for c in crops])
        return [(str(r[0]), float(r[1])) for r in results]

    def char_alternatives(self, image: Image, quad: Floats, top: int = 5) -> list[tuple[str, dict[str, float]]]:
        """One line read again from the model's per-column probabilities: each character as CTC's
        greedy decoding reads it, with the `top` likeliest characters over its columns and one
        column either side (a runner-up often peaks beside the winner's column); and each run of
        columns read as nothing as ("", its likeliest characters), where a faint character may
        have been lost."""
        e = self._engine
        rec = e.text_rec
        with self._lock:
            (crop,) = e.get_crop_img_list(image, np.asarray([quad], np.float32).reshape(1, 4, 2))
            _, img_h, img_w = rec.rec_image_shape[:3]
            h, w = crop.shape[:2]
            batch = rec.resize_norm_img(crop, max(img_w / img_h, w / max(1, h)))[None].astype(np.float32)
            probs = np.asarray(rec.session(batch)[0][0], np.float32)        # (columns, classes)
        chars = rec.postprocess_op.character
        best = probs.argmax(axis=1)
        starts = np.flatnonzero(np.r_[True, best[1:] != best[:-1]])
        ends = np.r_[starts[1:], len(best)]
        out: list[tuple[str, dict[str, float]]] = []
        for a, b in zip(starts, ends, strict=True):
            p = probs[max(0, a - 1):min(len(best), b + 1)].max(axis=0)
            p[0] = 0.0                                                       # CTC blank
            likeliest = np.argpartition(-p, top)[:top]
            out.append((chars[best[a]] if best[a] else "", {chars[i]: float(p[i]) for i in likeliest}))
        return out

    def characters(self) -> frozenset[str]:
        """The recognition model's dictionary (without CTC's blank)."""
        return self._characters

    def read(self, image: Image, quads: list[Floats] | None = None) -> list[TextLine]:
        """Lines of `image`; `quads` from `detect_boxes` on the same image skip the detection pass
        (orientation looks at the page's line boxes first, then reading reuses them)."""
        with self._lock:
            if quads is None:
                result, _ = self._engine(image, use_cls=False, return_word_box=True, text_score=self.text_score,
                                         box_thresh=DET_BOX_THRESH)
                self._remember_weak(image)
            else:
                result = self._recognise_quads(image, quads)
        lines: list[TextLine] = []
        for item in result or []:
            quad = np.asarray(item[0], dtype=np.float32).reshape(4, 2)
            text, score = str(item[1]), float(item[2])
            words = item[3] if len(item) > 3 else None
            boxes: list[BoxF] = []
            if words and len(words) == len(text):
                for w in words:
                    pts = np.asarray(w, dtype=np.float32).reshape(-1, 2)
                    boxes.append((float(pts[:, 0].min()), float(pts[:, 1].min()),
                                  float(pts[:, 0].max()), float(pts[:, 1].max())))
            else:
                boxes = proportional_char_boxes(quad, text)
            lines.append(TextLine(quad, text, score, boxes))
        return lines


    def _recognise_quads(self, image: Image, quads: list[Floats]) -> list[list[Any]]:
        """rapidocr's own pipeline after detection (sort, crop, recognise, word boxes, score
        filter), in its result format. Pages need none of its resizing or letterboxing."""
        if not len(quads):
            return []
        e = self._engine
        h, w = image.shape[:2]
        boxes = e.sorted_boxes(np.asarray(quads, np.float32).reshape(-1, 4, 2))
        crops = e.get_crop_img_list(image, boxes)
        rec, _ = e.text_rec(crops, True)
        rec = e.cal_rec_boxes(crops, boxes, rec)
        result = []
        for box, (text, score, words, *_) in zip(boxes, rec, strict=False):
            if float(score) < self.text_score:
                continue
            if words:
                words = np.clip(np.asarray(words, np.float32), 0, [w, h]).astype(np.int32).tolist()
            result.append([np.clip(box, 0, [w, h]).tolist(), text, score, words])
        return result


class _DetPreprocess:
    """Detection input: the image shrunk to at most `limit` px on its long side (sides rounded to
    multiples of 32, as the network needs), normalised in float32, NCHW."""

    def __init__(self, limit: int, mean: Sequence[float] | None, std: Sequence[float] | None):
        self.limit = limit
        std_ = np.asarray(std if std is not None else (0.5, 0.5, 0.5), np.float32)
        mean_ = np.asarray(mean if mean is not None else (0.5, 0.5, 0.5), np.float32)
        self.gain = (1 / 255.0 / std_).astype(np.float32)
        self.offset = (mean_ / std_).astype(np.float32)

    def __call__(self, img: Image) -> Floats | None:
        h, w = img.shape[:2]
        ratio = min(1.0, self.limit / max(h, w))
        rh, rw = int(round(int(h * ratio) / 32) * 32), int(round(int(w * ratio) / 32) * 32)
        if rh <= 0 or rw <= 0:
            return None
        small = cv2.resize(img, (rw, rh)) if (rh, rw) != (h, w) else img
        x = small.astype(np.float32)
        x *= self.gain
        x -= self.offset
        return np.ascontiguousarray(x.transpose(2, 0, 1))[None]
