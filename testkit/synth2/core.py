"""Data types, fonts and a drawing canvas that records the exact ink outline of every item."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

DATA = Path(__file__).parent / "data"


@dataclass
class Item:
    kind: str
    bbox: tuple[int, int, int, int]
    text: str | None
    owner: str
    polygon: list[tuple[float, float]] | None
    tags: tuple[str, ...] = ()

    def as_dict(self) -> dict:
        return {
            "kind": self.kind,
            "bbox": list(self.bbox),
            "text": self.text,
            "owner": self.owner,
            "polygon": None if self.polygon is None else [[round(x, 2), round(y, 2)] for x, y in self.polygon],
            "tags": list(self.tags),
        }


@dataclass
class Synth2Page:
    pixels: np.ndarray
    truth: list[Item]
    doc_type: str
    profile: dict
    dpi: int | None
    rotation: int
    stem: str
    # Not part of the truth: where the applicant's photo ended up (delivered frame), for tests.
    meta: dict = field(default_factory=dict)


# ---------------------------------------------------------------- fonts
_NOTO = "/usr/share/fonts/opentype/noto/"
FONTS = {
    "song": (_NOTO + "NotoSerifCJK-Regular.ttc", 2),
    "songb": (_NOTO + "NotoSerifCJK-Bold.ttc", 2),
    "song2": ("/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf", 0),
    "hei": (_NOTO + "NotoSansCJK-Regular.ttc", 2),
    "heib": (_NOTO + "NotoSansCJK-Bold.ttc", 2),
    "hei2": ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    "kai": ("/usr/share/fonts/truetype/arphic-gkai00mp/gkai00mp.ttf", 0),
    "kai2": ("/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf", 0),
    "kai3": ("/usr/share/fonts/truetype/arphic/ukai.ttc", 0),
}


@lru_cache(maxsize=256)
def font(key: str, size: int) -> ImageFont.FreeTypeFont:
    path, index = FONTS[key]
    return ImageFont.truetype(path, max(6, int(size)), index=index)


@lru_cache(maxsize=4096)
def has_glyph(key: str, ch: str) -> bool:
    """True when the font draws ch with something other than its missing-glyph box."""
    f = font(key, 40)
    probe = np.asarray(f.getmask(ch), dtype=np.uint8)
    tofu = np.asarray(f.getmask("\U000f0000"), dtype=np.uint8)
    return not (probe.shape == tofu.shape and np.array_equal(probe, tofu))


def pick_font(key: str, text: str, fallback: str = "hei") -> str:
    """Some AR PL fonts lack the dot variants; a real printer falls back to a sans face then."""
    return key if all(has_glyph(key, c) for c in set(text) if not c.isspace()) else fallback


@lru_cache(maxsize=8192)
def ink_bounds(key: str, size: int, text: str) -> tuple[int, int, int, int] | None:
    """Ink box of text drawn at origin (0, 0) with anchor 'ls' (left, baseline)."""
    f = font(key, size)
    mask, offset = f.getmask2(text, anchor="ls")
    arr = np.asarray(mask, dtype=np.uint8).reshape(mask.size[1], mask.size[0]) if mask.size[0] else None
    if arr is None or not arr.any():
        return None
    ys, xs = np.nonzero(arr > 40)
    if len(xs) == 0:
        return None
    return (
        offset[0] + int(xs.min()),
        offset[1] + int(ys.min()),
        offset[0] + int(xs.max()) + 1,
        offset[1] + int(ys.max()) + 1,
    )


@lru_cache(maxsize=1)
def faces() -> list[dict]:
    out = []
    for d in json.loads((DATA / "faces.json").read_text()):
        img = cv2.imread(str(DATA / d["file"]), cv2.IMREAD_COLOR)
        out.append({"img": cv2.cvtColor(img, cv2.COLOR_BGR2RGB), "le": d["left_eye"], "re": d["right_eye"]})
    return out


def rect_poly(x0: float, y0: float, x1: float, y1: float) -> list[tuple[float, float]]:
    return [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]


# ---------------------------------------------------------------- canvas
@dataclass
class Seg:
    """A piece of prose; kind/owner set when the piece is a truth term."""

    text: str
    kind: str | None = None
    owner: str = "applicant"
    tags: tuple[str, ...] = ()
    color: tuple[int, int, int] | None = None


class Canvas:
    """A flat page (content frame) in RGB; items keep their polygons in this frame."""

    def __init__(
        self,
        w_mm: float,
        h_mm: float,
        dpi: int,
        rng: np.random.Generator,
        paper: tuple[int, int, int] = (252, 252, 250),
    ):
        self.dpi = dpi
        self.k = dpi / 25.4
        self.W, self.H = int(round(w_mm * self.k)), int(round(h_mm * self.k))
        self.img = Image.new("RGB", (self.W, self.H), paper)
        self.draw = ImageDraw.Draw(self.img)
        self.rng = rng
        self.items: list[Item] = []
        self.stamps: list[tuple] = []  # (mask, rgb, x0, y0, mode)
        self.photo_polys: list[list[tuple[float, float]]] = []

    def mm(self, v: float) -> int:
        return int(round(v * self.k))

    def pt(self, size_pt: float) -> int:
        """Font size in pixels for a size in points."""
        return max(6, int(round(size_pt * self.dpi / 72)))

    def add(self, kind, text, owner, poly, tags=()) -> Item:
        it = Item(kind, (0, 0, 0, 0), text, owner, [(float(x), float(y)) for x, y in poly], tuple(tags))
        self.items.append(it)
        return it

    # -- text ------------------------------------------------------------
    def text(
        self,
        x: float,
        y: float,
        s: str,
        fkey: str,
        size: int,
        fill=(20, 20, 20),
        *,
        kind: str | None = None,
        owner: str = "applicant",
        tags=(),
        track: float = 0.0,
        anchor: str = "ls",
    ) -> tuple[float, float, float, float] | None:
        """Draw s with its baseline at y; anchor 'ls' left, 'ms' centred, 'rs' right.
        track = extra pixels between characters (letter-spaced forms). Returns the ink box."""
        fkey = pick_font(fkey, s)
        f = font(fkey, size)
        width = self.advance(s, fkey, size, track)
        if anchor == "ms":
            x -= width / 2
        elif anchor == "rs":
            x -= width
        box = None
        cx = x
        chars = [s] if track == 0 else list(s)
        for ch in chars:
            self.draw.text((cx, y), ch, font=f, fill=fill, anchor="ls")
            b = ink_bounds(fkey, size, ch)
            if b is not None:
                b = (cx + b[0], y + b[1], cx + b[2], y + b[3])
                box = b if box is None else (min(box[0], b[0]), min(box[1], b[1]), max(box[2], b[2]), max(box[3], b[3]))
            cx += f.getlength(ch) + track
        if kind is not None and box is not None:
            self.add(kind, s, owner, rect_poly(*box), tags)
        return box

    def advance(self, s: str, fkey: str, size: int, track: float = 0.0) -> float:
        f = font(pick_font(fkey, s), size)
        if track == 0:
            return f.getlength(s)
        return sum(f.getlength(c) for c in s) + track * (len(s) - 1)

    def prose(
        self,
        x: float,
        y: float,
        width: float,
        segs: list[Seg],
        fkey: str,
        size: int,
        line_h: float,
        fill=(20, 20, 20),
        indent: float = 0.0,
        max_lines: int = 99,
        dry: bool = False,
    ):
        """Lay segments out as a justified-left paragraph; terms split over lines give one item
        per piece tagged 'wrapped'. Returns the baseline y of the next line."""
        # each segment keeps the page font unless it lacks a glyph (dot variants): then a sans face
        fks = [pick_font(fkey, sg.text) for sg in segs]
        fts = [font(k, size) for k in fks]
        chars = [(c, i) for i, sg in enumerate(segs) for c in sg.text]
        lines: list[list[tuple[str, int]]] = [[]]
        cur = indent
        for c, i in chars:
            w = fts[i].getlength(c)
            if cur + w > width and lines[-1] and c not in "，。、；：）”":
                lines.append([])
                cur = 0.0
            lines[-1].append((c, i))
            cur += w
        if dry:
            # which terms would wrap (with 2+ characters on each side), and how many lines:
            # lets a layout pick wording that splits a term at a line end
            split = set()
            for a, b in zip(lines, lines[1:], strict=False):
                if a and b and a[-1][1] == b[0][1] and segs[b[0][1]].kind is not None:
                    k = a[-1][1]
                    if len(a) > 1 and a[-2][1] == k and len(b) > 1 and b[1][1] == k:
                        split.add(segs[k].kind)
            return split, len(lines)
        pieces: dict[int, list[tuple[float, float, str]]] = {}
        by = y
        for li, line in enumerate(lines[:max_lines]):
            lx = x + (indent if li == 0 else 0)
            # draw run by run so coloured segments keep their colour
            run_start = 0
            while run_start < len(line):
                seg_i = line[run_start][1]
                run_end = run_start
                while run_end < len(line) and line[run_end][1] == seg_i:
                    run_end += 1
                s = "".join(c for c, _ in line[run_start:run_end])
                col = segs[seg_i].color or fill
                self.draw.text((lx, by), s, font=fts[seg_i], fill=col, anchor="ls")
                if segs[seg_i].kind is not None:
                    pieces.setdefault(seg_i, []).append((lx, by, s))
                lx += fts[seg_i].getlength(s)
                run_start = run_end
            by += line_h
        for seg_i, plist in pieces.items():
            sg = segs[seg_i]
            tags = tuple(sg.tags) + (("wrapped",) if len(plist) > 1 else ())
            for px, py, s in plist:
                b = ink_bounds(fks[seg_i], size, s)
                if b is None:
                    continue
                self.add(sg.kind, s, sg.owner, rect_poly(px + b[0], py + b[1], px + b[2], py + b[3]), tags)
        return by

    def text_rotated(
        self,
        cx: float,
        cy: float,
        s: str,
        fkey: str,
        size: int,
        fill,
        angle: float,
        *,
        kind: str | None = None,
        owner: str = "applicant",
        tags=(),
        alpha: float = 1.0,
        stretch: float = 1.0,
    ):
        """Text turned by angle degrees counter-clockwise about its ink centre (signatures, notes)."""
        fkey = pick_font(fkey, s)
        f = font(fkey, size)
        b = ink_bounds(fkey, size, s)
        if b is None:
            return
        w, h = b[2] - b[0], b[3] - b[1]
        m = Image.new("L", (w + 4, h + 4), 0)
        ImageDraw.Draw(m).text((2 - b[0], 2 - b[1]), s, font=f, fill=255, anchor="ls")
        if stretch != 1.0:
            m = m.resize((max(1, int((w + 4) * stretch)), h + 4), Image.BILINEAR)
            w = int(w * stretch)
        r = m.rotate(angle, resample=Image.BILINEAR, expand=True)
        arr = np.asarray(r, dtype=np.float32) / 255.0 * alpha
        rw, rh = r.size
        x0, y0 = int(round(cx - rw / 2)), int(round(cy - rh / 2))
        self.paint(arr, fill, x0, y0)
        if kind is not None:
            t = math.radians(angle)
            c, sn = math.cos(t), math.sin(t)
            poly = []
            for dx, dy in ((-w / 2, -h / 2), (w / 2, -h / 2), (w / 2, h / 2), (-w / 2, h / 2)):
                poly.append((x0 + rw / 2 + dx * c + dy * sn, y0 + rh / 2 - dx * sn + dy * c))
            self.add(kind, s, owner, poly, tags)

    def paint(self, alpha: np.ndarray, rgb, x0: int, y0: int, multiply: bool = False):
        """Blend a solid colour through an alpha mask onto the page (multiply = ink over ink)."""
        H, W = alpha.shape
        ax0, ay0 = max(0, -x0), max(0, -y0)
        bx0, by0 = max(0, x0), max(0, y0)
        bx1, by1 = min(self.W, x0 + W), min(self.H, y0 + H)
        if bx1 <= bx0 or by1 <= by0:
            return
        a = alpha[ay0 : ay0 + by1 - by0, ax0 : ax0 + bx1 - bx0, None]
        region = np.asarray(self.img.crop((bx0, by0, bx1, by1)), dtype=np.float32)
        col = np.array(rgb, dtype=np.float32)
        if multiply:
            region = region * (1 - a * (1 - col / 255.0))
        else:
            region = region * (1 - a) + col * a
        self.img.paste(Image.fromarray(np.clip(region, 0, 255).astype(np.uint8)), (bx0, by0))

    def emboss(self, relief: np.ndarray, x0: int, y0: int, depth: float = 70.0):
        """A steel seal pressed into paper: no ink, only light and shadow along the edges."""
        H, W = relief.shape
        bx0, by0 = max(0, x0), max(0, y0)
        bx1, by1 = min(self.W, x0 + W), min(self.H, y0 + H)
        if bx1 <= bx0 or by1 <= by0:
            return
        r = relief[by0 - y0 : by1 - y0, bx0 - x0 : bx1 - x0, None]
        region = np.asarray(self.img.crop((bx0, by0, bx1, by1)), dtype=np.float32)
        region = region * (1 - 0.35 * np.clip(r, 0, 1)) + depth * np.clip(-r, 0, 1)
        self.img.paste(Image.fromarray(np.clip(region, 0, 255).astype(np.uint8)), (bx0, by0))

    # -- lines & boxes ---------------------------------------------------
    def line(self, x0, y0, x1, y1, width=2, fill=(30, 30, 30)):
        self.draw.line([(x0, y0), (x1, y1)], fill=fill, width=max(1, int(width)))

    def rect(self, x0, y0, x1, y1, width=2, fill=(30, 30, 30)):
        self.draw.rectangle([x0, y0, x1, y1], outline=fill, width=max(1, int(width)))

    # -- photos ----------------------------------------------------------
    def photo(
        self,
        x0: int,
        y0: int,
        w: int,
        h: int,
        face_i: int,
        bg=(70, 140, 215),
        *,
        owner: str = "applicant",
        record_face: bool = False,
        tone: float = 1.0,
    ):
        """Paste an ID photo (head and shoulders on a plain background) and record the eye band."""
        x0, y0, w, h = int(round(x0)), int(round(y0)), int(w), int(h)
        fc = faces()[face_i % len(faces())]
        img = fc["img"]
        ih, iw = img.shape[:2]
        # fit: crop the source to the box's aspect, keeping the face centred
        want = w / h
        if iw / ih > want:
            cw, ch = int(ih * want), ih
        else:
            cw, ch = iw, int(iw / want)
        cx0 = (iw - cw) // 2
        cy0 = max(0, min(ih - ch, int((fc["le"][1] + fc["re"][1]) / 2 - 0.40 * ch)))
        crop = img[cy0 : cy0 + ch, cx0 : cx0 + cw].astype(np.float32)
        s = w / cw
        crop = cv2.resize(crop, (w, h), interpolation=cv2.INTER_CUBIC if s > 1 else cv2.INTER_AREA)
        le = ((fc["le"][0] - cx0) * s, (fc["le"][1] - cy0) * s)
        re = ((fc["re"][0] - cx0) * s, (fc["re"][1] - cy0) * s)
        d = math.hypot(re[0] - le[0], re[1] - le[1])
        mx, my = (le[0] + re[0]) / 2, (le[1] + re[1]) / 2
        # plain studio background: keep a head ellipse and the shoulders, feathered
        mask = np.zeros((h, w), np.float32)
        cv2.ellipse(mask, (int(mx), int(my + 0.45 * d)), (int(1.7 * d), int(2.45 * d)), 0, 0, 360, 1.0, -1)
        top = int(my + 2.0 * d)
        pts = np.array(
            [
                [int(mx - 1.5 * d), top],
                [int(mx + 1.5 * d), top],
                [w, int(top + 1.1 * d)],
                [w, h],
                [0, h],
                [0, int(top + 1.1 * d)],
            ],
            np.int32,
        )
        cv2.fillPoly(mask, [pts], 1.0)
        mask = cv2.GaussianBlur(mask, (0, 0), max(1.0, 0.22 * d))[..., None]
        out = crop * mask + np.array(bg, np.float32) * (1 - mask)
        out = np.clip(out * tone, 0, 255).astype(np.uint8)
        self.img.paste(Image.fromarray(out), (x0, y0))
        self.draw = ImageDraw.Draw(self.img)
        ang = math.atan2(re[1] - le[1], re[0] - le[0])
        u = (math.cos(ang), math.sin(ang))
        v = (-math.sin(ang), math.cos(ang))
        cx, cy = x0 + mx, y0 + my
        band = [
            (cx + sx * d * u[0] + sy * 0.5 * d * v[0], cy + sx * d * u[1] + sy * 0.5 * d * v[1])
            for sx, sy in ((-1, -1), (1, -1), (1, 1), (-1, 1))
        ]
        if owner == "applicant":
            self.add("eyes", None, "applicant", band, ())
            self.photo_polys.append(rect_poly(x0, y0, x0 + w, y0 + h))
        elif record_face:
            self.add("face", None, "other", rect_poly(x0, y0, x0 + w, y0 + h), ())
