"""OCR behind a small interface, and the page reader that copes with red seals and red text.

Default engine: PaddleOCR's PP-OCRv4 mobile detection + recognition models on ONNX Runtime, with
the weights that ship inside the `rapidocr_onnxruntime` wheel (nothing is downloaded at run time).
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from typing import Protocol, Sequence

import cv2
import numpy as np

#: Long-side limit for text *detection*; recognition still reads full-resolution crops.
DET_LIMIT = 1536
#: Keep low-confidence lines: a half-read name still matches fuzzily (recall first).
TEXT_SCORE = 0.3
#: Detection keeps line boxes whose mean text probability is at least this (PP-OCR: 0.5). At 0.5 a
#: signature line (本人签名： + a handwritten name in blue) went undetected on a corpus page;
#: recognition's TEXT_SCORE still drops boxes that read as nothing.
DET_BOX_THRESH = 0.4
#: Text lines per recognition call (PP-OCR: 6); see RapidOcrEngine.
REC_BATCH = 1


@dataclass
class TextLine:
    quad: np.ndarray                       # (4, 2) float32 corners in page pixels, clockwise from top-left
    text: str
    score: float
    char_boxes: list[tuple[float, float, float, float]] = field(default_factory=list)  # one per char
    source: str = "page"                   # "page" (red channel) or "red" (red-ink pass)

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        xs, ys = self.quad[:, 0], self.quad[:, 1]
        return float(xs.min()), float(ys.min()), float(xs.max()), float(ys.max())

    @property
    def height(self) -> float:
        q = self.quad
        return float((np.linalg.norm(q[3] - q[0]) + np.linalg.norm(q[2] - q[1])) / 2)


class OcrEngine(Protocol):
    """Reads text lines from a BGR image. One instance per process; `read` must be thread-safe."""

    name: str

    def read(self, image: np.ndarray, quads: list[np.ndarray] | None = None) -> list[TextLine]: ...


def _char_weight(ch: str) -> float:
    return 0.5 if ord(ch) < 0x2E80 else 1.0


def proportional_char_boxes(quad: np.ndarray, text: str) -> list[tuple[float, float, float, float]]:
    """Split a line box among its characters by typical width (CJK 1, Latin/digits 0.5)."""
    x0, y0 = quad[:, 0].min(), quad[:, 1].min()
    x1, y1 = quad[:, 0].max(), quad[:, 1].max()
    weights = np.array([_char_weight(c) for c in text], dtype=np.float64)
    if not len(weights):
        return []
    edges = x0 + (x1 - x0) * np.concatenate([[0], np.cumsum(weights)]) / weights.sum()
    return [(float(edges[i]), float(y0), float(edges[i + 1]), float(y1)) for i in range(len(text))]


#: ImageNet normalisation, which PaddleOCR's own exports of PP-OCRv5/v6 detection expect
#: (rapidocr 1.4 feeds its PP-OCRv4 detector mean = std = 0.5 instead).
_IMAGENET_MEAN, _IMAGENET_STD = [0.485, 0.456, 0.406], [0.229, 0.224, 0.225]


def _model_overrides() -> dict:
    """rapidocr constructor options for the opt-in model files of the environment (see
    RapidOcrEngine); empty when none is set, so the default engine is built exactly as before."""
    import os

    opts: dict = {}
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

    def detect_boxes(self, image: np.ndarray) -> list[np.ndarray]:
        """Text line quads only (no recognition): cheap, used for page orientation."""
        with self._lock:
            boxes, _ = self._engine.text_det(image)
        return [] if boxes is None else [np.asarray(b, np.float32).reshape(4, 2) for b in boxes]

    def upside_down(self, crops: list[np.ndarray]) -> list[float]:
        """Probability that each text-line crop is rotated by 180° (PP-OCR's direction classifier)."""
        with self._lock:
            _, results, _ = self._engine.text_cls([c.copy() for c in crops])
        return [float(score) if "180" in str(label) else 1.0 - float(score) for label, score in results]

    def recognize(self, crops: list[np.ndarray]) -> list[tuple[str, float]]:
        """Recognition only, for images that are already one text line (unrolled seal rings)."""
        with self._lock:
            results, _ = self._engine.text_rec([np.ascontiguousarray(c) for c in crops])
        return [(str(r[0]), float(r[1])) for r in results]

    def read(self, image: np.ndarray, quads: list[np.ndarray] | None = None) -> list[TextLine]:
        """Lines of `image`; `quads` from `detect_boxes` on the same image skip the detection pass
        (orientation looks at the page's line boxes first, then reading reuses them)."""
        with self._lock:
            if quads is None:
                result, _ = self._engine(image, use_cls=False, return_word_box=True, text_score=self.text_score,
                                         box_thresh=DET_BOX_THRESH)
            else:
                result = self._recognise_quads(image, quads)
        lines: list[TextLine] = []
        for item in result or []:
            quad = np.asarray(item[0], dtype=np.float32).reshape(4, 2)
            text, score = str(item[1]), float(item[2])
            words = item[3] if len(item) > 3 else None
            boxes = []
            if words and len(words) == len(text):
                for w in words:
                    pts = np.asarray(w, dtype=np.float32).reshape(-1, 2)
                    boxes.append((float(pts[:, 0].min()), float(pts[:, 1].min()),
                                  float(pts[:, 0].max()), float(pts[:, 1].max())))
            else:
                boxes = proportional_char_boxes(quad, text)
            lines.append(TextLine(quad, text, score, boxes))
        return lines


    def _recognise_quads(self, image: np.ndarray, quads: list[np.ndarray]) -> list:
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
        for box, (text, score, words, *_) in zip(boxes, rec):
            if float(score) < self.text_score:
                continue
            if words:
                words = np.clip(np.asarray(words, np.float32), 0, [w, h]).astype(np.int32).tolist()
            result.append([np.clip(box, 0, [w, h]).tolist(), text, score, words])
        return result


class _DetPreprocess:
    """Detection input: the image shrunk to at most `limit` px on its long side (sides rounded to
    multiples of 32, as the network needs), normalised in float32, NCHW."""

    def __init__(self, limit: int, mean, std):
        self.limit = limit
        std = np.asarray(std if std is not None else (0.5, 0.5, 0.5), np.float32)
        mean = np.asarray(mean if mean is not None else (0.5, 0.5, 0.5), np.float32)
        self.gain = (1 / 255.0 / std).astype(np.float32)
        self.offset = (mean / std).astype(np.float32)

    def __call__(self, img: np.ndarray) -> np.ndarray | None:
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


_ENGINES: dict[str, OcrEngine] = {}
_ENGINES_LOCK = threading.Lock()
_THREADS = -1


def set_threads(threads: int) -> None:
    """ONNX Runtime threads per engine created from now on (-1: all cores). Worker processes of
    a batch split the cores between them instead of each claiming all of them."""
    global _THREADS
    _THREADS = threads


def inference_threads() -> int:
    """ONNX Runtime threads for sessions created now (-1: all cores); faces follow the OCR."""
    return _THREADS


def onnx_session(model_path, threads: int | None = None):
    """An ONNX Runtime CPU session for a vendored model, on `threads` inference threads (None: the
    process's share, `inference_threads`; -1: all cores), warnings off."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.log_severity_level = 3
    threads = inference_threads() if threads is None else threads
    if threads > 0:
        options.intra_op_num_threads = threads
    return ort.InferenceSession(str(model_path), options, providers=["CPUExecutionProvider"])


def get_engine(name: str = "rapid") -> OcrEngine:
    """One engine per process and name (model load is the expensive part)."""
    with _ENGINES_LOCK:
        if name not in _ENGINES:
            if name == "rapid":
                _ENGINES[name] = RapidOcrEngine(threads=_THREADS)
            elif name == "paddle":
                from .paddle_engine import PaddleOcrEngine  # optional extra [paddle]
                _ENGINES[name] = PaddleOcrEngine(threads=_THREADS)
            else:
                raise ValueError(f"unknown OCR engine '{name}' (choose: rapid, paddle)")
        return _ENGINES[name]


# --- reading a page --------------------------------------------------------------------------

def red_ink_mask(image: np.ndarray) -> np.ndarray:
    """Red and faded-pink ink: R − max(G, B) > 25 and R > 90 (HSV saturation loses pink seals).
    Saturating uint8 subtraction gives the same mask as signed arithmetic, 5× faster."""
    b, g, r = cv2.split(image)
    return (cv2.subtract(r, cv2.max(b, g)) > 25) & (r > 90)


def red_channel_view(image: np.ndarray) -> np.ndarray:
    """Red seals vanish in the red channel, so black text under them reads cleanly."""
    red = image[:, :, 2]
    return cv2.merge([red, red, red])


def red_ink_regions(mask: np.ndarray, min_height: int = 8) -> list[tuple[int, int, int, int]]:
    """Bands of red ink worth reading as text, merged so one title stays one crop."""
    h, w = mask.shape
    scale = 4
    small = cv2.resize(mask.astype(np.uint8) * 255, (max(1, w // scale), max(1, h // scale)),
                       interpolation=cv2.INTER_AREA)
    small = (small > 20).astype(np.uint8)
    small = cv2.dilate(small, np.ones((3, 9), np.uint8))
    count, _, stats, _ = cv2.connectedComponentsWithStats(small)
    boxes = []
    for x, y, bw, bh, area in stats[1:]:
        if bh * scale < min_height or area < 6:
            continue
        pad = 4 * scale
        boxes.append((max(0, x * scale - pad), max(0, y * scale - pad),
                      min(w, (x + bw) * scale + pad), min(h, (y + bh) * scale + pad)))
    return boxes


def read_page_text(engine: OcrEngine, image: np.ndarray, red_mask: np.ndarray | None = None,
                   skip_boxes=(), page_quads: list[np.ndarray] | None = None,
                   view: np.ndarray | None = None) -> list[TextLine]:
    """All text of a page: the red channel for black ink (seals disappear), then the red ink
    itself (red letterheads carry the employer's name) read as dark-on-white crops.

    Red areas mostly inside `skip_boxes` (seals, whose curved ring text is read separately) are
    left out; the other red crops are stacked on one canvas so the second pass is one OCR call.
    `page_quads`: line boxes already detected on `red_channel_view(image)`; `view`: that view,
    when the caller has it.
    """
    view = red_channel_view(image) if view is None else view
    lines = engine.read(view) if page_quads is None else engine.read(view, quads=page_quads)
    mask = red_ink_mask(image) if red_mask is None else red_mask
    if mask.mean() <= 0.0005:
        return [ln for ln in lines if ln.text.strip()]
    # Red text is a line or two tall; taller red areas are borders, frames or photos, whose text
    # (if any) the red-channel pass already read.
    max_height = max(160, mask.shape[0] // 8)
    crops = [c for c in red_ink_regions(mask) if not _mostly_inside(c, skip_boxes) and c[3] - c[1] <= max_height]
    if crops:
        ink = np.where(mask, 0, 255).astype(np.uint8)
        gap = 32
        width = max(x1 - x0 for x0, _, x1, _ in crops) + 2 * gap
        height = sum(y1 - y0 + gap for _, y0, _, y1 in crops) + gap
        canvas = np.full((height, width), 255, np.uint8)
        offsets = []  # (canvas top, canvas bottom, page dx, page dy)
        top = gap
        for x0, y0, x1, y1 in crops:
            canvas[top:top + y1 - y0, gap:gap + x1 - x0] = ink[y0:y1, x0:x1]
            offsets.append((top, top + y1 - y0, x0 - gap, y0 - top))
            top += y1 - y0 + gap
        for line in engine.read(cv2.merge([canvas, canvas, canvas])):
            cy = float(line.quad[:, 1].mean())
            for c_top, c_bottom, dx, dy in offsets:
                if c_top - gap / 2 <= cy < c_bottom + gap / 2:
                    line.quad = line.quad + np.array([dx, dy], dtype=np.float32)
                    line.char_boxes = [(a + dx, b + dy, c + dx, d + dy) for a, b, c, d in line.char_boxes]
                    line.source = "red"
                    lines.append(line)
                    break
    return [ln for ln in lines if ln.text.strip()]


def _mostly_inside(box, containers, fraction: float = 0.6) -> bool:
    x0, y0, x1, y1 = box
    area = max(1, (x1 - x0) * (y1 - y0))
    for cx0, cy0, cx1, cy1 in containers:
        iw = min(x1, cx1) - max(x0, cx0)
        ih = min(y1, cy1) - max(y0, cy0)
        if iw > 0 and ih > 0 and iw * ih >= fraction * area:
            return True
    return False


_HALLUCINATION = re.compile(r"^\W*$")


def drop_inkless_chars(lines: Sequence[TextLine], gray: np.ndarray, min_ink: float = 0.01) -> None:
    """Recognisers invent characters in the blank padding of form cells (王　芳 read as 王华夫 芳).
    Blank out characters whose box holds (almost) no ink, so the real ones can still meet."""
    dark = gray < 160
    for line in lines:
        if line.source != "page" or not line.char_boxes:
            continue
        keep = []
        for ch, (x0, y0, x1, y1) in zip(line.text, line.char_boxes):
            xa, ya, xb, yb = int(x0), int(y0), int(np.ceil(x1)), int(np.ceil(y1))
            cell = dark[max(0, ya):max(0, yb), max(0, xa):max(0, xb)]
            keep.append(cell.size == 0 or cell.mean() >= min_ink or _HALLUCINATION.match(ch) is not None)
        if not all(keep):
            line.text = "".join(" " if not k else c for c, k in zip(line.text, keep))
