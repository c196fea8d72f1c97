"""PaddleOCR 3.x as an OCR engine (`--ocr paddle`, optional extra `[paddle]`).

PaddleOCR runs here on its ONNX Runtime inference engine (`engine="onnxruntime"`): no
paddlepaddle, no download. Its model folders (`inference.onnx` + `inference.yml`) are built at
first use from files already installed: the PP-OCRv4 mobile detection/recognition and the
0°/180° text-direction ONNX models that ship inside the `rapidocr_onnxruntime` wheel (the same
weights as the default engine), the recognition dictionary taken from the recognition model's
own ONNX metadata. They go to a per-user cache (`BLINDMASK_MODEL_DIR` overrides it), built in a
temporary folder and renamed into place, so a crash or a concurrent first run never leaves a
half-written model behind.

Reading uses PaddleOCR's `TextDetection` and `TextRecognition` modules; the cropping of line
quads and the per-character boxes (from the CTC column of each recognised character) are done
here, because the OCR pipeline's word boxes are axis-aligned and out of order for mixed
Chinese/Latin lines.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import shutil
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any, cast

import cv2
import numpy as np

from redaction.model.types import BoxF, Floats, Image
from redaction.ocr.base import DET_LIMIT, TEXT_SCORE, TextLine, char_weight, proportional_char_boxes

EXTRA_HINT = "the paddle engine needs the [paddle] extra: pip install blindmask[paddle]"

#: Bump when the folder layout or any inference.yml below changes: a new cache folder is built.
FORMAT_VERSION = 1

DET_NAME = "PP-OCRv4_mobile_det"
REC_NAME = "PP-OCRv4_mobile_rec"
#: PaddleX only knows text-direction classifiers under PP-LCNet names; the folder holds the
#: PP-OCR mobile v2.0 direction classifier (labels 0/180) with its own preprocessing.
CLS_NAME = "PP-LCNet_x0_25_textline_ori"
_SOURCES = {
    DET_NAME: "ch_PP-OCRv4_det_infer.onnx",
    REC_NAME: "ch_PP-OCRv4_rec_infer.onnx",
    CLS_NAME: "ch_ppocr_mobile_v2.0_cls_infer.onnx",
}
_FOLDERS = {DET_NAME: "PP-OCRv4_mobile_det", REC_NAME: "PP-OCRv4_mobile_rec",
            CLS_NAME: "ppocr_mobile_v2.0_textline_ori"}

# Detection post-processing as the default engine uses it (rapidocr_onnxruntime's settings).
DET_THRESH = 0.3
DET_BOX_THRESH = 0.5
DET_UNCLIP_RATIO = 1.6
REC_BATCH = 6


# --- model folders ---------------------------------------------------------------------------

def user_model_dir() -> Path:
    """Where built model folders live: BLINDMASK_MODEL_DIR, else the platform's user cache."""
    override = os.environ.get("BLINDMASK_MODEL_DIR")
    if override:
        return Path(override).expanduser()
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "BlindMask" / "models"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "BlindMask" / "models"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "blindmask" / "models"


def _source_dir() -> Path:
    import rapidocr_onnxruntime

    return Path(rapidocr_onnxruntime.__file__).resolve().parent / "models"


def _det_config() -> dict[str, Any]:
    return {
        "Global": {"model_name": DET_NAME},
        "PreProcess": {"transform_ops": [
            {"DecodeImage": {"channel_first": False, "img_mode": "BGR"}},
            {"DetLabelEncode": None},
            {"DetResizeForTest": {"limit_side_len": DET_LIMIT, "limit_type": "max"}},
            {"NormalizeImage": {"mean": [0.485, 0.456, 0.406], "std": [0.229, 0.224, 0.225],
                                "scale": 1.0 / 255.0, "order": "hwc"}},
            {"ToCHWImage": None},
            {"KeepKeys": {"keep_keys": ["image", "shape", "polys", "ignore_tags"]}},
        ]},
        "PostProcess": {"name": "DBPostProcess", "thresh": DET_THRESH, "box_thresh": DET_BOX_THRESH,
                        "max_candidates": 1000, "unclip_ratio": DET_UNCLIP_RATIO,
                        "use_dilation": True, "score_mode": "fast"},
    }


def _rec_config(characters: list[str]) -> dict[str, Any]:
    return {
        "Global": {"model_name": REC_NAME},
        "PreProcess": {"transform_ops": [
            {"DecodeImage": {"channel_first": False, "img_mode": "BGR"}},
            {"MultiLabelEncode": {"gtc_encode": "NRTRLabelEncode"}},
            {"RecResizeImg": {"image_shape": [3, 48, 320]}},
            {"KeepKeys": {"keep_keys": ["image", "label_ctc", "label_gtc", "length", "valid_ratio"]}},
        ]},
        "PostProcess": {"name": "CTCLabelDecode", "character_dict": characters},
    }


def _cls_config() -> dict[str, Any]:
    # The v2.0 classifier reads 48×192 crops scaled to [-1, 1]; lines longer than 4:1 (all the
    # lines page orientation looks at) are squeezed to 192 wide by PP-OCR's own resize as well.
    return {
        "Global": {"model_name": CLS_NAME},
        "PreProcess": {"transform_ops": [
            {"ResizeImage": {"size": [192, 48]}},
            {"NormalizeImage": {"mean": [0.5, 0.5, 0.5], "std": [0.5, 0.5, 0.5], "scale": 1.0 / 255.0,
                                "order": "", "channel_num": 3}},
            {"ToCHWImage": None},
        ]},
        "PostProcess": {"Topk": {"topk": 1, "label_list": ["0_degree", "180_degree"]}},
    }


def _characters(rec_onnx: Path) -> list[str]:
    """The recognition dictionary (ppocr_keys_v1, 6623 characters) stored in the model itself."""
    import onnxruntime as ort

    session = ort.InferenceSession(str(rec_onnx), providers=["CPUExecutionProvider"])
    meta = session.get_modelmeta().custom_metadata_map
    if "character" not in meta:
        raise RuntimeError(f"{rec_onnx} carries no character dictionary in its metadata")
    chars: list[str] = meta["character"].splitlines()
    classes = session.get_outputs()[0].shape[-1]
    if isinstance(classes, int) and classes != len(chars) + 2:   # + CTC blank + space
        raise RuntimeError(f"{rec_onnx}: {len(chars)} characters for {classes} output classes")
    return chars


def _build_key(source: Path) -> str:
    digest = hashlib.sha256(f"format {FORMAT_VERSION}".encode())
    for name in sorted(_SOURCES.values()):
        st = (source / name).stat()
        digest.update(f"{name} {st.st_size} {int(st.st_mtime)}".encode())
    try:
        digest.update(importlib.metadata.version("rapidocr_onnxruntime").encode())
    except importlib.metadata.PackageNotFoundError:
        pass
    return digest.hexdigest()[:12]


def build_model_folders(target: Path, source: Path | None = None) -> None:
    """Write the three PaddleX model folders into `target` (which must not exist yet)."""
    import yaml  # type: ignore[import-untyped]  # PyYAML ships no types; types-PyYAML is not installed

    source = source or _source_dir()
    target.mkdir(parents=True)
    configs = {DET_NAME: _det_config(), CLS_NAME: _cls_config()}
    for model, onnx_name in _SOURCES.items():
        folder = target / _FOLDERS[model]
        folder.mkdir()
        shutil.copyfile(source / onnx_name, folder / "inference.onnx")
    configs[REC_NAME] = _rec_config(_characters(target / _FOLDERS[REC_NAME] / "inference.onnx"))
    for model, config in configs.items():
        with open(target / _FOLDERS[model] / "inference.yml", "w", encoding="utf-8") as fh:
            yaml.safe_dump(config, fh, allow_unicode=True, sort_keys=False)


def ensure_model_folders(root: Path | None = None) -> dict[str, Path]:
    """The model folders, built on first use (atomically) from the installed ONNX files."""
    source = _source_dir()
    root = root or user_model_dir()
    final = root / f"paddle-{_build_key(source)}"
    if not (final / "complete").exists():
        root.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".building-", dir=root))
        try:
            build_model_folders(tmp / "m", source)
            (tmp / "m" / "complete").write_text("ok\n", encoding="utf-8")
            try:
                os.replace(tmp / "m", final)
            except OSError:
                if not (final / "complete").exists():   # lost a race only if the winner finished
                    raise
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    return {model: final / folder for model, folder in _FOLDERS.items()}


# --- geometry --------------------------------------------------------------------------------

def _sorted_quads(quads: list[Floats]) -> list[Floats]:
    """Top to bottom, left to right (lines within 10 px vertically count as one row)."""
    quads = sorted(quads, key=lambda q: (q[0][1], q[0][0]))
    for i in range(len(quads) - 1):
        for j in range(i, -1, -1):
            if abs(quads[j + 1][0][1] - quads[j][0][1]) < 10 and quads[j + 1][0][0] < quads[j][0][0]:
                quads[j], quads[j + 1] = quads[j + 1], quads[j]
            else:
                break
    return quads


def _crop_line(image: Image, quad: Floats) -> tuple[Image, bool]:
    """Perspective crop of a line quad; tall crops are turned to read left to right."""
    width = int(max(np.linalg.norm(quad[0] - quad[1]), np.linalg.norm(quad[2] - quad[3])))
    height = int(max(np.linalg.norm(quad[0] - quad[3]), np.linalg.norm(quad[1] - quad[2])))
    width, height = max(width, 1), max(height, 1)
    dst = np.array([[0, 0], [width, 0], [width, height], [0, height]], np.float32)
    matrix = cv2.getPerspectiveTransform(quad.astype(np.float32), dst)
    crop = cast(Image, cv2.warpPerspective(image, matrix, (width, height), borderMode=cv2.BORDER_REPLICATE,
                                           flags=cv2.INTER_CUBIC))
    if height / width >= 1.5:
        return np.ascontiguousarray(np.rot90(crop)), True
    return crop, False


def char_boxes_from_columns(quad: Floats, text: str, columns: list[int], col_num: float,
                            rotated: bool) -> list[BoxF]:
    """Per-character page boxes from the CTC column where each character was read.

    Each character is centred on its column and as wide as a typical character of its kind
    (CJK one em, Latin/digits half an em, the em measured on the line itself), but never past
    half-way to its neighbours. Fractions along the line are then mapped onto the quad.
    """
    if len(columns) != len(text) or not text or col_num <= 0:
        return proportional_char_boxes(quad, text)
    q = quad.astype(np.float64)
    if rotated:      # the crop was turned counter-clockwise: reading runs down the quad
        side_a, side_b = (q[0], q[3]), (q[1], q[2])
    else:
        side_a, side_b = (q[0], q[1]), (q[3], q[2])
    length = max(float(np.linalg.norm(side_a[1] - side_a[0])), 1e-6)
    across = float(np.linalg.norm(side_b[0] - side_a[0]))
    centres = (np.asarray(columns, np.float64) + 0.5) / col_num          # fractions of the line
    weights = np.array([char_weight(c) for c in text])
    if len(text) > 1:
        em = float(np.median(np.diff(centres) / ((weights[1:] + weights[:-1]) / 2)))
    else:
        em = 0.85 * across / length
    half = weights * em / 2
    mids = (centres[1:] + centres[:-1]) / 2
    lo = np.maximum(centres - half, np.concatenate([[0.0], mids]))
    hi = np.minimum(centres + half, np.concatenate([mids, [1.0]]))
    lo, hi = np.clip(lo, 0.0, 1.0), np.clip(hi, 0.0, 1.0)
    boxes: list[BoxF] = []
    for u0, u1 in zip(lo, hi, strict=False):
        pts = np.array([side_a[0] + (side_a[1] - side_a[0]) * u for u in (u0, u1)]
                       + [side_b[0] + (side_b[1] - side_b[0]) * u for u in (u0, u1)])
        boxes.append((float(pts[:, 0].min()), float(pts[:, 1].min()),
                      float(pts[:, 0].max()), float(pts[:, 1].max())))
    return boxes


# --- the engine ------------------------------------------------------------------------------

def _import_paddleocr() -> Any:
    # PaddleX pings four model hosters the first time it has to resolve a model by name; the
    # folders below are always given explicitly, and this makes sure it never tries anyway.
    os.environ["PADDLE_PDX_DISABLE_MODEL_SOURCE_CHECK"] = "True"
    os.environ.setdefault("PADDLE_PDX_CACHE_HOME", str(user_model_dir() / "paddlex-cache"))
    try:
        import paddleocr
    except ImportError as exc:
        raise RuntimeError(EXTRA_HINT) from exc
    try:  # already imported before the variable was set (flags are read at import time)
        from paddlex.inference.utils import official_models
        official_models.DISABLE_MODEL_SOURCE_CHECK = True
    except Exception:   # pragma: no cover - private module moved: the variable above still holds
        pass
    import logging
    logging.getLogger("paddlex").setLevel(logging.WARNING)
    return paddleocr


class PaddleOcrEngine:
    """PaddleOCR 3.x TextDetection + TextRecognition (PP-OCRv4 mobile) on ONNX Runtime."""

    name = "paddle"

    def __init__(self, det_limit: int = DET_LIMIT, text_score: float = TEXT_SCORE, threads: int = -1,
                 model_root: Path | None = None):
        paddleocr = _import_paddleocr()
        folders = ensure_model_folders(model_root)
        common: dict[str, Any] = {"engine": "onnxruntime", "device": "cpu"}
        if threads > 0:                   # ONNX Runtime intra-op threads; -1: its default (all cores)
            common["engine_config"] = {"intra_op_num_threads": int(threads)}
        self.text_score = text_score
        self.det_limit = det_limit
        self._det = paddleocr.TextDetection(
            model_name=DET_NAME, model_dir=str(folders[DET_NAME]), limit_side_len=det_limit,
            limit_type="max", thresh=DET_THRESH, box_thresh=DET_BOX_THRESH,
            unclip_ratio=DET_UNCLIP_RATIO, **common)
        self._rec = paddleocr.TextRecognition(model_name=REC_NAME, model_dir=str(folders[REC_NAME]), **common)
        self._rec_onnx = folders[REC_NAME] / "inference.onnx"
        self._characters: frozenset[str] | None = None
        self._cls: Any = None             # the direction classifier, loaded on first use
        self._cls_dir = folders[CLS_NAME]
        self._common = common
        self._lock = threading.Lock()     # PaddleX predictors keep per-call state (batch size)

    def _detect(self, image: Image) -> list[Floats]:
        (res,) = self._det.predict(np.ascontiguousarray(image), batch_size=1)
        return [np.asarray(p, np.float32).reshape(4, 2) for p in res["dt_polys"]]

    def detect_boxes(self, image: Image) -> list[Floats]:
        """Text line quads only (no recognition): cheap, used for page orientation."""
        with self._lock:
            return self._detect(image)

    def upside_down(self, crops: list[Image]) -> list[float]:
        """Probability that each text-line crop is rotated by 180° (PP-OCR's direction classifier)."""
        if not crops:
            return []
        with self._lock:
            if self._cls is None:
                paddleocr = _import_paddleocr()
                self._cls = paddleocr.TextLineOrientationClassification(
                    model_name=CLS_NAME, model_dir=str(self._cls_dir), **self._common)
            results = self._cls.predict([np.ascontiguousarray(c) for c in crops], batch_size=REC_BATCH)
        out = []
        for res in results:
            label = str(np.asarray(res["label_names"]).ravel()[0])
            score = float(np.asarray(res["scores"]).ravel()[0])
            out.append(score if "180" in label else 1.0 - score)
        return out

    def recognize(self, crops: list[Image]) -> list[tuple[str, float]]:
        """Not offered: ring strips are read as pages by this engine (see sealtext.read_ring)."""
        raise NotImplementedError("the paddle engine recognises lines only after its own detection")

    def char_alternatives(self, image: Image, quad: Floats, top: int = 5) -> list[tuple[str, dict[str, float]]]:
        """Not offered: PaddleX's recogniser returns decoded text only."""
        raise NotImplementedError("the paddle engine keeps no per-column probabilities")

    def characters(self) -> frozenset[str]:
        """The recognition model's dictionary (from its ONNX metadata) and the space."""
        if self._characters is None:
            self._characters = frozenset(_characters(self._rec_onnx)) | {" "}
        return self._characters

    def read(self, image: Image, quads: list[Floats] | None = None) -> list[TextLine]:
        """Lines of `image`; `quads` from `detect_boxes` on the same image skip detection."""
        with self._lock:
            quads = _sorted_quads(self._detect(image) if quads is None
                                  else [np.asarray(q, np.float32).reshape(4, 2) for q in quads])
            if not quads:
                return []
            crops = [_crop_line(image, q) for q in quads]
            # PaddleX maps each line's CTC columns back with the batch's widest ratio, listed in
            # ascending width order: feed the lines in that order.
            order = sorted(range(len(crops)), key=lambda i: crops[i][0].shape[1] / crops[i][0].shape[0])
            results = self._rec.predict([crops[i][0] for i in order], batch_size=REC_BATCH,
                                        return_word_box=True)
        read: dict[int, tuple[Any, float]] = {}
        for i, res in zip(order, results, strict=False):
            read[i] = (res["rec_text"], float(res["rec_score"]))
        lines: list[TextLine] = []
        for i, quad in enumerate(quads):
            rec_text, score = read[i]
            if score < self.text_score:
                continue
            if isinstance(rec_text, (tuple, list)):
                text, info = str(rec_text[0]), rec_text[1]
                col_num, word_cols = float(info[0]), info[2]
                columns = [int(c) for word in word_cols for c in word]
            else:
                text, col_num, columns = str(rec_text), 0.0, []
            if not text:
                continue
            boxes = char_boxes_from_columns(quad, text, columns, col_num, crops[i][1])
            lines.append(TextLine(quad.copy(), text, score, boxes))
        return lines
